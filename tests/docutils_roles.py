"""Our roles registered with plain docutils, for tests that parse MyST without Sphinx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from docutils.parsers.rst import roles


@contextmanager
def registered(name: str, role: Callable[..., Any]) -> Iterator[None]:
    """Registered for the block only: docutils keeps roles for the whole process, and a Sphinx build run later
    in it would warn that the role is registered already (and fail under -W)."""
    roles.register_local_role(name, role)
    try:
        yield
    finally:
        roles._roles.pop(name, None)
