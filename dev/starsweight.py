"""What My schedule downloads: the largest edition's ``stars.json`` (``exports.stars``), as a compressing host
sends it. The page reads the files of the editions the reader starred something in, and only on that page."""

from __future__ import annotations

import gzip
from pathlib import Path


def star_data_line(site: Path) -> str:
    files = sorted(site.glob("*/stars.json"), key=lambda path: path.stat().st_size)
    if not files:
        return "my_schedule_data_kb=none"
    largest = files[-1].read_bytes()
    return (
        f"my_schedule_data_kb={len(gzip.compress(largest, 6)) / 1024:.0f} gzip "
        f"(raw {len(largest) / 1024:.0f} KB, largest of {len(files)} editions' stars.json)"
    )
