"""Hostile metadata: strings a pull request could carry, each of which must reach the reader as plain text."""

from __future__ import annotations

CANARY = "CANARY-7f3a9-OUTSIDE-FILE"

# (name, text). Every one goes into a paper title, a person's name and affiliation, a keyword,
# a link label and an abstract, so each field's path through the assembler is exercised.
HOSTILE: list[tuple[str, str]] = [
    ("script", "<script>window.__pwned = 1</script>"),
    ("img-onerror", '<img src=x onerror="window.__pwned = 1">'),
    ("attr-breakout", '"><svg onload="window.__pwned = 1">'),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("style", "<style>body { display: none }</style>"),
    ("anchor-js", '<a href="javascript:window.__pwned = 1">click</a>'),
    ("html-comment", "<!-- hidden --> visible"),
    ("entity", "&lt;script&gt; &amp; &#x3C;b&#x3E; &copy;"),
    ("md-link-js", "[click](javascript:window.__pwned = 1)"),
    ("md-image", "![tracker](https://evil.example/pixel.png)"),
    ("autolink", "<https://evil.example/>"),
    ("bare-url", "see https://evil.example/path?x=1"),
    ("emphasis", "*emphasis* **strong** _under_ ~~strike~~"),
    ("code-span", "`code` and ``double``"),
    ("backslashes", r"C:\path\to\file \* \` trailing\\"),
    ("heading", "# Not a heading"),
    ("quote", "> not a quote"),
    ("bullet", "- not a list"),
    ("ordered", "1. not a list"),
    ("table", "| not | a table |"),
    ("thematic", "***"),
    ("front-matter", "--- title: pwned ---"),
    ("label", "(injected-label)="),
    ("footnote", "[^1] and [^1]: note"),
    ("role-raw", "{raw}`html` <b>raw</b>"),
    ("role-ref", "{ref}`genindex` {doc}`/etc/passwd`"),
    ("role-math", r"{math}`\alpha`"),
    ("directive-include", "```{include} ../../../secret.txt"),
    ("directive-literalinclude", "```{literalinclude} /etc/hostname"),
    ("directive-raw", "```{raw} html"),
    ("directive-eval-rst", "```{eval-rst}"),
    ("colon-fence", ":::{note} injected"),
    ("rst-include", ".. include:: ../../../secret.txt"),
    ("rst-raw", ".. raw:: html"),
    ("substitution", "{{ project }} {{ env.config }}"),
    ("dollar-math", r"$\ell_1$ and $$x^2$$"),
    ("tex-brackets", r"\(a+b\) \[c\]"),
    ("percent-braces", "100% {braces} [brackets] (parens)"),
    ("jinja", "{% raw %}{{ 7*7 }}{% endraw %}"),
    ("ampersand-hash", "R&D #1 @home ~user ^caret |pipe|"),
    ("accents", "Ægir Þórsson, Zoë Çelik, Stéphane Lefèvre"),
    ("cjk", "王小明 和 山田太郎"),
    ("rtl", "محمد علي و דוד כהן"),
    ("emoji-zwj", "👩‍🔬 researcher"),
    ("nbsp", "non\u00a0breaking\u00a0space"),
    ("long-word", "x" * 200),
    # Markup the text format understands, used to escape: each must render harmlessly (issue 14).
    ("tex-href-js", r"\href{javascript:window.__pwned = 1}{click} \url{javascript:window.__pwned = 1}"),
    ("html-anchor-single", "<a href='javascript:window.__pwned=1'>x</a> <a href=\"https://ok.example/\" onclick=x>"),
    ("svg-href", '<svg><a href="javascript:window.__pwned = 1"><text>x</text></a></svg>'),
    ("math-href", '<math href="javascript:window.__pwned = 1"><mi xlink:href="javascript:1">x</mi></math>'),
    ("maction", '<math><maction actiontype="statusline"><mi>x</mi><mtext>pwned</mtext></maction></math>'),
    ("annotation-xml", '<math><semantics><annotation-xml encoding="text/html"><img src=x onerror="window.__pwned=1">'),
    ("tex-math-href", r"$\href{javascript:window.__pwned = 1}{x}$, $\style{background:url(x)}{y}$ $\class{navbar}{z}$"),
    ("tex-unicode", r"$\unicode{x3C}script\unicode{x3E}$ and $\text{<img src=x onerror=1>}$ $\color{red}{r}$"),
    ("tex-def-loop", r"$\def\a{\a\a}\a$ and \def\b{\b}\b and $\newcommand{\c}{\c}\c$"),
    ("html-attr-on-subset", '<em onmouseover="window.__pwned = 1">e</em> <sub style="x">s</sub> <b>bold</b>'),
    ("md-link-data", "[x](data:text/html,pwned) [y](javascript:window.__pwned=1) [z](https://ok.example/)"),
]

# Only abstracts take these: too long for a title (10,000 characters at most, as the model allows).
HOSTILE_LONG: list[tuple[str, str]] = [
    ("nested-braces", "{" * 4990 + "x" + "}" * 4990),
    ("dollars", "$" * 9999),
    ("nested-emphasis", "*a " * 3300),
    ("math-spans", "$x$ " * 2400),
    ("backslashes", "\\" * 4900),
]

# Multi-line inputs only make sense in abstracts: fences and blocks need line starts.
HOSTILE_BLOCKS: list[tuple[str, str]] = [
    ("block-include", "```{include} ../../../secret.txt\n```"),
    ("block-literalinclude", "```{literalinclude} ../../../secret.txt\n```"),
    ("block-raw", "```{raw} html\n<script>window.__pwned = 1</script>\n```"),
    ("block-eval-rst", "```{eval-rst}\n.. include:: ../../../secret.txt\n```"),
    ("block-html", '<div onclick="window.__pwned = 1">\nblock html\n</div>'),
    ("block-front-matter", "---\norphan: false\ntitle: pwned\n---"),
    ("block-indented-code", "text\n\n    indented code"),
    ("block-list", "- a\n- b\n\n1. c"),
]
