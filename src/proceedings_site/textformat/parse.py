"""Source text to the intermediate tree, in time linear in the text.

One regular expression cuts a block into tokens; one pass over them keeps a stack of open spans (Markdown
emphasis, HTML tags, TeX groups, link labels). A closer closes the nearest open span of its kind, and spans
opened inside it that never closed become their literal opening text again; a closer with no span of its kind
open is text. Closing delimiters of code and math are found by bisecting the positions of their tokens, so
nothing is scanned twice. The stack is capped, so hostile nesting costs a constant per token.
"""

from __future__ import annotations

import unicodedata

from . import tex
from .parser_core import ParserCore
from .render import plain_inline
from .tokens import (
    HTML_BREAK,
    HTML_CLOSE,
    HTML_LINK,
    HTML_OPEN,
    HTML_SPANS,
    Frame,
    Token,
    is_url,
)
from .tree import Code, LineBreak, Math, Span, Text


class MarkdownRules(ParserCore):
    """Math and code spans, Markdown emphasis and links, HTML tags, quotes, dashes and line breaks."""

    # -- delimited content: math and code

    def delimited(self, index: int, key: str) -> tuple[str, int] | None:
        end = self.find(key, index)
        if end is None:
            return None
        return self.text[self.tokens[index].start + len(self.tokens[index].value) : self.tokens[end].start], end

    def math(self, index: int, key: str, display: bool) -> int | None:
        found = self.delimited(index, key)
        if found is None or not found[0].strip():
            return None
        source, end = found
        written = self.text[self.tokens[index].start : self.tokens[end].start + len(self.tokens[end].value)]
        self.add(Math(source, display, written, self.offset + self.tokens[index].start))
        return end

    def on_dd(self, index: int, token: Token) -> int:
        end = self.math(index, "dd", True)
        if end is None:
            self.add(Text(token.value))
            return index
        return end

    def on_d(self, index: int, token: Token) -> int:
        # Pandoc's rule: "$5 and $10" is no formula. The opener is followed, the closer preceded, by non-space.
        end = self.find("d", index)
        after = self.text[token.start + 1 : token.start + 2]
        if end is not None and after.strip():
            closer = self.tokens[end].start
            following = self.text[closer + 1 : closer + 2]
            if self.text[closer - 1].strip() and not following.isdigit():
                self.math(index, "d", False)
                return end
        self.add(Text("$"))
        return index

    def on_ticks(self, index: int, token: Token) -> int:
        if len(token.value) <= 2:
            quote = self.find("quote", index)
            end = self.find(self.closing_key(token), index)
            tex_quote = token.value == "``" and quote is not None and (end is None or quote < end)
            if end is not None and not tex_quote:
                self.add(Code(self.text[token.start + len(token.value) : self.tokens[end].start].strip()))
                return end
            self.add(Text("“" if token.value == "``" else "‘"))
            return index
        self.add(Text(token.value))
        return index

    def on_quote(self, index: int, token: Token) -> int:
        self.add(Text("”"))
        return index

    def on_dash(self, index: int, token: Token) -> int:
        self.add(Text("—" if len(token.value) == 3 else "–"))
        return index

    def on_tilde(self, index: int, token: Token) -> int:
        before, after = self.text[token.start - 1 : token.start], self.text[token.start + 1 : token.start + 2]
        tie = before.strip() and after.strip() and "~" not in (before, after)
        self.add(Text("\u00a0" if tie else "~"))
        return index

    def on_nl(self, index: int, token: Token) -> int:
        hard = token.value.startswith("  ") or token.value.startswith("\t")
        self.add(LineBreak() if hard else Text(" "))
        return index

    # -- Markdown

    def on_star(self, index: int, token: Token) -> int:
        return self.emphasis(index, token)

    def on_under(self, index: int, token: Token) -> int:
        return self.emphasis(index, token)

    def emphasis(self, index: int, token: Token) -> int:
        run = token.value
        before = self.text[token.start - 1 : token.start]
        after = self.text[token.start + len(run) : token.start + len(run) + 1]
        if len(run) > 2:
            self.add(Text(run))
            return index
        word = run[0] == "_"  # underscores inside words (snake_case) are no emphasis
        can_close = bool(before.strip()) and not (word and after.isalnum())
        can_open = bool(after.strip()) and not (word and before.isalnum())
        if can_close and self.close_as_span(run):
            return index
        if not (can_open and self.push(Frame(run, run, "strong" if len(run) == 2 else "emphasis"))):
            self.add(Text(run))
        return index

    def on_lbrack(self, index: int, token: Token) -> int:
        if not self.push(Frame("[", "[", "link")):
            self.add(Text("["))
        return index

    def on_dest(self, index: int, token: Token) -> int:
        href = token.value[2:-1]
        frame = self.close("[") if is_url(href) else None
        if frame is None:
            self.add(Text(token.value))
        else:
            self.add(Span("link", frame.children, href))
        return index

    def on_auto(self, index: int, token: Token) -> int:
        href = token.value[1:-1]
        self.add(Span("link", [Text(href)], href) if is_url(href) else Text(token.value))
        return index

    def on_tag(self, index: int, token: Token) -> int:
        value = token.value
        if HTML_BREAK.match(value):
            self.add(LineBreak())
        elif opened := HTML_OPEN.match(value):
            name = opened.group(1).lower()
            end = self.find("tag:</code>", index) if name == "code" else None
            if end is not None:
                self.add(Code(self.text[token.start + len(value) : self.tokens[end].start]))
                return end
            if name == "code" or not self.push(Frame(f"html:{name}", value, HTML_SPANS[name])):
                self.add(Text(value))
        elif (link := HTML_LINK.match(value)) and is_url(href := link.group(1) or link.group(2) or ""):
            if not self.push(Frame("html:a", value, "link", href)):
                self.add(Text(value))
        elif not ((closed := HTML_CLOSE.match(value)) and self.close_as_span(f"html:{closed.group(1).lower()}")):
            self.add(Text(value))
        return index

    # -- TeX


class TexRules(ParserCore):
    """TeX groups, commands, accents and special letters."""

    def on_lbrace(self, index: int, token: Token) -> int:
        if not self.push(Frame("{", "{", None)):
            self.excess += 1
        return index

    def on_rbrace(self, index: int, token: Token) -> int:
        if self.excess:
            self.excess -= 1
        elif not self.close_as_span("{"):
            self.add(Text("}"))
        return index

    def argument(self, index: int) -> int | None:
        """The index of the ``{`` that opens the argument of the command at ``index`` (spaces may come between)."""
        following = index + 1
        tokens = self.tokens
        if following < len(tokens) and tokens[following].kind == "text" and not tokens[following].value.strip():
            following += 1
        if following < len(self.tokens) and self.tokens[following].kind == "lbrace":
            return following
        return None

    def raw_argument(self, index: int) -> tuple[str, int] | None:
        """The text of a ``{…}`` argument taken as it is (a URL), and the index of its ``}``."""
        opening = self.argument(index)
        end = self.find("rbrace", opening) if opening is not None else None
        if opening is None or end is None:
            return None
        return self.text[self.tokens[opening].start + 1 : self.tokens[end].start], end

    def on_sym(self, index: int, token: Token) -> int:
        symbol = token.value[1]
        if symbol in "\\\n":
            self.add(LineBreak())
        elif symbol in "([":
            end = self.math(index, "sym:\\)" if symbol == "(" else "sym:\\]", symbol == "[")
            if end is None:
                self.add(Text(symbol))
                return index
            return end
        elif symbol in tex.ACCENTS and (accented := self.accent(index, symbol)) is not None:
            return accented
        elif symbol in tex.SPACES:
            self.add(Text(tex.SPACES[symbol]))
        else:
            self.add(Text(symbol))
        return index

    def accent(self, index: int, mark: str) -> int | None:
        """``\\'e``, ``\\'{e}``, ``\\c{c}``, ``\\c c``, ``\\'{\\i}``: the accented letter, or None if there is none."""
        tokens = self.tokens
        following = index + 1
        if following >= len(tokens):
            return None
        nxt = tokens[following]
        if nxt.kind == "text":
            letters = nxt.value.lstrip(" ") if mark.isalpha() else nxt.value
            if mark.isalpha() and letters == nxt.value:
                return None  # \cc is one command, not \c and c
            if letters[:1].isalpha():
                self.add(Text(unicodedata.normalize("NFC", letters[0] + tex.ACCENTS[mark]) + letters[1:]))
                return following
            return None
        if nxt.kind == "lbrace" and following + 2 < len(tokens) and tokens[following + 2].kind == "rbrace":
            inner = tokens[following + 1]
            base = {"\\i": "i", "\\j": "j"}.get(inner.value, inner.value) if inner.kind in {"text", "cmd"} else ""
            if len(base) == 1:
                self.add(Text(unicodedata.normalize("NFC", base + tex.ACCENTS[mark])))
                return following + 2
        if nxt.kind == "cmd" and nxt.value in {"\\i", "\\j"}:
            self.add(Text(unicodedata.normalize("NFC", nxt.value[1] + tex.ACCENTS[mark])))
            return self.skip_spaces(following)  # \i is a control word: the space after it ends it (na\"\i ve)
        return None

    def on_cmd(self, index: int, token: Token) -> int:
        name = token.value[1:]
        if name in tex.ACCENTS and (accented := self.accent(index, name)) is not None:
            return accented
        if name in tex.LETTERS:
            self.add(Text(tex.LETTERS[name]))
            return self.skip_spaces(index)  # TeX ends the word at the space: Ru\ss wurm
        if name in tex.SYMBOLS:
            self.add(Text(tex.SYMBOLS[name]))
            return index
        if name in {"url", "href"} and (found := self.raw_argument(index)) is not None:
            return self.link_command(name, *found)
        if name in tex.ARGUMENT or name == "texttt":
            opening = self.argument(index)
            if opening is not None:
                if name == "texttt":
                    return self.texttt(opening)
                if self.push(Frame("{", "{", tex.ARGUMENT[name])):
                    return opening
                self.excess += 1
                return opening
            return index
        if name in tex.DECLARATIONS or name in tex.FONT_SWITCHES:
            top = self.stack[-1]
            if top.key == "{" and top.kind is None and name in tex.DECLARATIONS:
                top.kind = tex.DECLARATIONS[name]
            return self.skip_spaces(index)
        self.warn(f"unknown TeX command \\{name}, shown as {name!r}", token.start)
        self.add(Text(name))
        return index

    def skip_spaces(self, index: int) -> int:
        """After a control word: the spaces that end it are not text."""
        following = index + 1
        if following < len(self.tokens) and self.tokens[following].kind == "text":
            self.add(Text(self.tokens[following].value.lstrip(" ")))
            return following
        return index

    def link_command(self, name: str, address: str, end: int) -> int:
        address = address.strip()
        if name == "url":
            self.add(Span("link", [Text(address)], address) if is_url(address) else Text(address))
            return end
        label = self.argument(end)
        if label is None:
            self.add(Text(address))
            return end
        if not self.push(Frame("{", "{", "link" if is_url(address) else None, address if is_url(address) else "")):
            self.excess += 1
        return label

    def texttt(self, opening: int) -> int:
        """``\\texttt{…}``: code, its TeX escapes resolved (``\\_`` is an underscore)."""
        end = self.find("rbrace", opening)
        if end is None:
            self.add(Text("{"))
            return opening
        parser = CodeArgumentParser(self.text[self.tokens[opening].start + 1 : self.tokens[end].start], 0, [])
        self.add(Code(plain_inline(parser.run())))
        return end


class InlineParser(MarkdownRules, TexRules):
    """Inline text to the tree: ``InlineParser(text, offset, warnings).run()``."""


class CodeArgumentParser(InlineParser):
    """The argument of ``\\texttt``: TeX (escapes, commands, math), but Markdown and HTML markup are its text, as
    in a Markdown code span: ``\\texttt{[a](https://example.org/)}`` is those characters, not a link's label."""

    def literal(self, index: int, token: Token) -> int:
        self.add(Text(token.value))
        return index

    on_ticks = on_star = on_under = on_lbrack = on_dest = on_auto = on_tag = literal
