"""TeX text mode: the commands, accents and letters that abstracts and names use, as Unicode.

A table of our own rather than pylatexenc's latex2text: that one recurses on brace groups and fails on a few
thousand nested braces, which hostile input has; these lookups are constant-time per token.
"""

from __future__ import annotations

from .tree import SpanKind

# \'e → é: the accent as a combining character; the result is NFC-normalized.
ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}

# Letters: TeX ends a control word at the space after it (``Ru\ss wurm``), so that space is dropped.
LETTERS = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
}

# Symbols and words; the space after them stays, as authors expect.
SYMBOLS = {
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "guillemotleft": "«",
    "guillemotright": "»",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textasciigrave": "`",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textdegree": "°",
    "degree": "°",
    "textmu": "µ",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "S": "§",
    "P": "¶",
    "dag": "†",
    "ddag": "‡",
    "pounds": "£",
    "euro": "€",
    "times": "×",
    "pm": "±",
    "approx": "≈",
    "sim": "∼",
    "leq": "≤",
    "geq": "≥",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "etal": "et al.",
    "eg": "e.g.",
    "ie": "i.e.",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "par": "",
    "noindent": "",
    "xspace": "",
    "relax": "",
    "smallskip": "",
    "medskip": "",
    "bigskip": "",
}

# Commands whose braced argument gets a meaning (None: shown as it is).
ARGUMENT: dict[str, SpanKind | None] = {
    "emph": "emphasis",
    "textit": "emphasis",
    "textsl": "emphasis",
    "textbf": "strong",
    "textsuperscript": "sup",
    "textsubscript": "sub",
    "textsc": None,
    "textrm": None,
    "textsf": None,
    "textup": None,
    "textmd": None,
    "textnormal": None,
    "mbox": None,
    "text": None,
    "underline": None,
}

# Declarations inside a group: ``{\em text}``.
DECLARATIONS: dict[str, SpanKind] = {
    "em": "emphasis",
    "it": "emphasis",
    "itshape": "emphasis",
    "sl": "emphasis",
    "bf": "strong",
}
FONT_SWITCHES = {"rm", "sf", "sc", "tt", "scshape", "bfseries", "upshape", "normalfont", "small", "footnotesize"}

# Control symbols that are spacing (or nothing) in text; any other ``\X`` that is no accent is the character X.
SPACES = {" ": " ", ",": "\u202f", ";": " ", ":": " ", "!": "", "-": "", "/": "", "@": ""}
