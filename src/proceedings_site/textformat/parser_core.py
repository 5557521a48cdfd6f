"""The inline parser's token loop and its stack of open spans (the rules per kind of token are in ``parse``)."""

from __future__ import annotations

from bisect import bisect_right

from .tokens import (
    MAX_NESTING,
    Frame,
    Token,
    tokenize,
)
from .tree import Inline, Span, Text


class ParserCore:
    """The token loop and the stack of open spans; the rules for each kind of token are in the subclasses."""

    def __init__(self, text: str, offset: int, warnings: list[tuple[str, int]]) -> None:
        self.text, self.offset, self.warnings = text, offset, warnings
        self.tokens = tokenize(text)
        self.root = Frame("", "", None)
        self.stack = [self.root]
        self.open: dict[str, int] = {}  # open frames by key
        self.excess = 0  # braces past the nesting cap: dropped, and so are their closers
        self.where: dict[str, list[int]] = {}  # token indices by closing key, for finding closers
        for index, token in enumerate(self.tokens):
            self.where.setdefault(self.closing_key(token), []).append(index)

    @staticmethod
    def closing_key(token: Token) -> str:
        if token.kind in {"ticks", "sym", "tag"}:
            return f"{token.kind}:{token.value.lower()}"
        return token.kind

    def find(self, key: str, after: int) -> int | None:
        """The index of the first token with this closing key after ``after``."""
        indices = self.where.get(key, [])
        found = bisect_right(indices, after)
        return indices[found] if found < len(indices) else None

    def add(self, node: Inline) -> None:
        children = self.stack[-1].children
        if isinstance(node, Text) and children and isinstance(children[-1], Text):
            children[-1] = Text(children[-1].text + node.text)
        else:
            children.append(node)

    def push(self, frame: Frame) -> bool:
        if len(self.stack) > MAX_NESTING:
            return False
        self.stack.append(frame)
        self.open[frame.key] = self.open.get(frame.key, 0) + 1
        return True

    def pop(self) -> Frame:
        frame = self.stack.pop()
        self.open[frame.key] -= 1
        return frame

    def flatten(self, frame: Frame) -> None:
        """A frame that never closed: its opener was text after all."""
        self.add(Text(frame.opener))
        for child in frame.children:
            self.add(child)

    def close(self, key: str) -> Frame | None:
        if not self.open.get(key):
            return None
        while self.stack[-1].key != key:
            self.flatten(self.pop())
        return self.pop()

    def close_as_span(self, key: str) -> bool:
        frame = self.close(key)
        if frame is None:
            return False
        if frame.kind is None and frame.key != "{":
            for child in frame.children:
                self.add(child)
        else:
            self.add(Span(frame.kind or "group", frame.children, frame.href))
        return True

    def warn(self, message: str, position: int) -> None:
        self.warnings.append((message, self.offset + position))

    def run(self) -> list[Inline]:
        index = 0
        while index < len(self.tokens):
            index = self.step(index) + 1
        while len(self.stack) > 1:
            self.flatten(self.pop())
        return self.root.children

    def step(self, index: int) -> int:
        """Handle the token at ``index``; return the index of the last token it consumed."""
        token = self.tokens[index]
        handler = getattr(self, f"on_{token.kind}", None)
        if handler is None:
            self.add(Text(token.value))
            return index
        result: int = handler(index, token)
        return result
