"""The OpenReview client's limits as options of ``import-openreview``, each named in ``--help`` and settable.

Defaults (``openreview_client.Limits``), and why: a 10 s connect and 60 s read timeout are generous for an API that
answers in well under a second, and stop a silent server; 600 s in all lets four retries with back-off (1, 2, 4,
8 s) and some hundred pages through; 100 pages of 1,000 notes and 20,000 notes hold the largest conferences (about
5,000 accepted papers), and a workshop many times over; an answer of 1,000 notes with long abstracts is some 10 MB,
so 64 MB uncompressed and 16 MB as sent leave room, while a gzip bomb stops there instead of at a gigabyte; 20,000
notes are some 100 MB of JSON, so 512 MB for all answers bounds the memory a server can make the import hold.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..untrusted import printable
from .openreview_client import Limits

# The client's limits (bridges.openreview_client.Limits), each an option: (option, field, type, help).
_LIMITS = [
    ("--connect-timeout", "connect_seconds", float, "seconds to wait for a connection"),
    ("--read-timeout", "read_seconds", float, "seconds to wait for the server's next bytes"),
    ("--total-timeout", "total_seconds", float, "seconds the whole fetch may take, retries included"),
    ("--max-pages", "max_pages", int, "pages of notes to fetch at most"),
    ("--max-notes", "max_notes", int, "notes to fetch at most"),
    ("--max-response-mb", "max_response_mb", float, "size of one answer at most, uncompressed"),
    ("--max-compressed-mb", "max_compressed_mb", float, "size of one answer at most, as sent (gzip)"),
    ("--max-total-mb", "max_total_mb", float, "size of all answers together at most, uncompressed"),
    ("--retries", "retries", int, "retries of a failed request (429, 5xx, dropped connection)"),
    ("--backoff", "backoff_seconds", float, "seconds before the first retry, doubled for each next one"),
]


def add_limits(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("limits of --venue (a server cannot make the import hang or grow)")
    defaults = Limits()
    for option, name, kind, text in _LIMITS:
        group.add_argument(
            option,
            dest=name,
            metavar="SECONDS" if "seconds" in name else "MB" if name.endswith("_mb") else "N",
            type=_number(kind, zero=name in ("retries", "backoff_seconds")),
            default=getattr(defaults, name),
            help=f"{text} (default: %(default)s)",
        )


def _number(kind: type, zero: bool) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{printable(text, 40)}' is not a number") from None
        if not (value >= 0 if zero else value > 0) or value >= 10**7 or value != value:
            raise argparse.ArgumentTypeError(f"{printable(text, 40)} is out of range")
        return value

    return parse


def limits(args: argparse.Namespace) -> Limits:
    return Limits(**{name: getattr(args, name) for _, name, _, _ in _LIMITS})
