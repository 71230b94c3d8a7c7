"""Helpers for the browser tests: build the site once, serve it locally, drive Debian's Chromium.

Nothing here downloads a browser: Playwright is pointed at `/usr/bin/chromium`.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.support import RENDERER_ARGS

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = frozenset({"127.0.0.1"})


def build_site(out: Path) -> subprocess.CompletedProcess[str]:
    """Build the site from the bundled `content/` into `out` with the project's CLI."""
    return subprocess.run(
        [
            *(sys.executable, "-m", "digest", "build", "--content", "content", "--out", str(out)),
            *RENDERER_ARGS,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1 (a free port) and yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class PageLog:
    """What a page did while a test drove it: requests made, console errors, script errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions together."""
        return [*self.console_errors, *self.page_errors]

    def foreign_requests(self) -> list[str]:
        """Requests that went (or tried to go) to any host but 127.0.0.1."""
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOCAL_HOSTS:
                foreign.append(url)
        return foreign


# ------------------------------------------------------------------ static scan of built files

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.IGNORECASE)
_JS_LOADS = re.compile(
    r"""(?:\bimport\s*\(\s*|\bimport\s+[\w*{}\s,]*from\s*|\bimport\s+|\bfetch\s*\(\s*|"""
    r"""\bimportScripts\s*\(\s*|\bnew\s+(?:Worker|SharedWorker|WebSocket|EventSource)\s*\(\s*)"""
    r"""['"`]((?:[a-z][a-z0-9+.-]*:)?//[^'"`]*)""",
    re.IGNORECASE,
)
_RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "xlink:href"}
_LINK_HYPERLINK_RELS = {"canonical"}


def is_foreign(url: str) -> bool:
    """Whether a URL names another host (absolute or protocol-relative, not `data:`)."""
    return bool(_ABSOLUTE.match(url))


def css_foreign_refs(css: str) -> list[str]:
    """Absolute URLs a stylesheet would load (`url(...)`, `@import`)."""
    refs = [m.group(2) for m in _CSS_URL.finditer(css)]
    refs += [m.group(1) for m in _CSS_IMPORT.finditer(css)]
    return [r for r in refs if is_foreign(r)]


def js_foreign_refs(js: str) -> list[str]:
    """Absolute URLs a script loads by `import`, `fetch`, `importScripts` or a worker/socket."""
    return [m.group(1) for m in _JS_LOADS.finditer(js)]


class _ResourceScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name in _RESOURCE_ATTRIBUTES:
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
                urls = urls if name == "srcset" else [value]
                self.refs += [f"<{tag} {name}={u}>" for u in urls if is_foreign(u)]
            if name == "style":
                self.refs += [f"<{tag} style> {u}" for u in css_foreign_refs(value)]
        href = values.get("href", "")
        rels = set(values.get("rel", "").lower().split())
        loads_href = (tag == "link" and not rels & _LINK_HYPERLINK_RELS) or tag in (
            "image",
            "use",
            "feimage",
            "base",
        )
        if loads_href and is_foreign(href):
            self.refs.append(f"<{tag} href={href}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2]
            if is_foreign(target):
                self.refs.append(f"<meta refresh {target}>")
        if tag == "object" and is_foreign(values.get("data", "")):
            self.refs.append(f"<object data={values['data']}>")
        if tag in ("script", "style"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.refs += [f"<style> {u}" for u in css_foreign_refs(data)]
        elif self._in == "script":
            self.refs += [f"<script> {u}" for u in js_foreign_refs(data)]


def html_foreign_refs(html: str) -> list[str]:
    """Resources an HTML (or SVG/XML) document would load from another host.

    Plain `<a href>` hyperlinks (e.g. to the original articles) are not loads and are allowed.
    """
    scanner = _ResourceScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.refs


_CDN_TRIGGERS = {
    # Material's bundle fetches these from other hosts only when a page has the element.
    'class="mermaid"': "a Mermaid diagram (Material loads mermaid from unpkg.com)",
    'data-md-component="source"': "a repository link (Material queries api.github.com)",
}


def cdn_triggers(html: str) -> list[str]:
    """Elements that make Material's own script load something from another host."""
    return [f"{marker}: {why}" for marker, why in _CDN_TRIGGERS.items() if marker in html]


def foreign_refs_in_site(root: Path) -> dict[str, list[str]]:
    """Every built HTML/CSS/JS/XML/SVG file that references a resource on another host."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name.endswith(".map"):
            continue
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".js", ".mjs", ".xml", ".svg"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if suffix == ".css":
            refs = css_foreign_refs(text)
        elif suffix in (".js", ".mjs"):
            refs = js_foreign_refs(text)
        else:
            refs = html_foreign_refs(text) + cdn_triggers(text)
        if refs:
            found[str(path.relative_to(root))] = refs
    return found
