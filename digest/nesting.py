"""Pages nested too deep for the HTML extractor, made shallow enough to read.

trafilatura (through libxml2) keeps no text at all from a page whose content sits 256 or more
elements deep: such a page (generated markup, or a hostile one) would lose its whole article.
Rewriting it with the wrapper elements below a safe depth left out keeps the text and its
paragraphs. Python's own HTML parser does this as a stream, so no depth is too deep for it.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_HTML_DEPTH = 200
"""Elements opened deeper than this are left out: pages nested 256 deep lost their whole text
(issue 15); ordinary pages nest 20 to 40 deep."""

TEXT_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table", "tr", "td"}
)
"""Elements kept at any depth: they carry the paragraph and heading breaks the text needs."""

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
"""Elements that never have content, so never nest."""


class _Shallower(HTMLParser):
    """Writes the page back with the elements opened beyond MAX_HTML_DEPTH left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.written: list[str] = []
        self.open: list[tuple[str, bool]] = []
        """Each open element and whether it was written."""
        self.depth = 0
        """How many open elements were written."""
        self.left_out = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            self.written.append(self.get_starttag_text() or "")
            return
        kept = self.depth < MAX_HTML_DEPTH or tag in TEXT_BLOCKS
        self.open.append((tag, kept))
        if kept:
            self.depth += 1
            self.written.append(self.get_starttag_text() or "")
        else:
            self.left_out += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.written.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if all(name != tag for name, _ in self.open):
            return  # a stray end tag closes nothing
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.depth -= 1
                self.written.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.written.append(data)

    def handle_entityref(self, name: str) -> None:
        self.written.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.written.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.written.append(f"<!{decl}>")


def shallow_html(html: str) -> str | None:
    """`html` with every element opened deeper than MAX_HTML_DEPTH (text blocks aside) left
    out, its content kept; None when nothing is that deep."""
    if html.count("<") < MAX_HTML_DEPTH:
        return None
    parser = _Shallower()
    parser.feed(html)
    parser.close()
    return "".join(parser.written) if parser.left_out else None
