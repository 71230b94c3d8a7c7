"""The built site in a real browser: charts, search, footnotes, palette, offline, accessibility.

Drives Debian's Chromium (`/usr/bin/chromium`) through Playwright against the site built once
from the bundled `content/` and served on 127.0.0.1. Screenshots go to `test-artifacts/`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PageLog,
    build_site,
    foreign_refs_in_site,
    serve,
)

PERSON = "robert-lighthizer"
SURNAME = "Lighthizer"


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the bundled content with `python -m digest build`, once.

    `DIGEST_TEST_SITE=DIR` uses an already built site instead (e.g. `site/` after `make site`).
    """
    prebuilt = os.environ.get("DIGEST_TEST_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    out = tmp_path_factory.mktemp("browser-site") / "site"
    result = build_site(out)
    if result.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(
            f"`python -m digest build` failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return out


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def round_id(built_site: Path) -> str:
    """A round whose page has a cited "What happened" summary."""
    rounds = json.loads((built_site / "api" / "rounds.json").read_text("utf-8"))
    with_summary = [r for r in rounds if r.get("summary")]
    if not with_summary:
        pytest.fail("no round in the bundled content has a summary with sources")
    return with_summary[0]["id"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.skip("install Debian's chromium: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _open_context(browser: Any, log: PageLog, color_scheme: str = "light") -> Any:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme=color_scheme,
        locale="en-US",
        service_workers="block",
    )
    context.on("request", lambda request: log.requests.append(request.url))

    def keep_local(route: Any) -> None:
        # Recorded by the listener above; never let it reach the network.
        if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", keep_local)
    return context


@pytest.fixture
def page_log() -> PageLog:
    """Requests, console errors and script errors of the test's page."""
    return PageLog()


@pytest.fixture
def page(browser: Any, page_log: PageLog) -> Iterator[Any]:
    """A fresh page (light scheme, desktop size) that logs into `page_log`."""
    context = _open_context(browser, page_log)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            page_log.console_errors.append(f"{message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def _goto(page: Any, base_url: str, path: str) -> None:
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")


def _open_search(page: Any, query: str | None = None) -> None:
    box = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for='__search']").first
    if box.is_visible():
        box.click()  # desktop: the box sits in the header
    else:
        opener.click()  # narrow screens: the magnifier button opens it
    box.wait_for(state="visible")
    page.wait_for_function("document.getElementById('__search').checked")
    if query:
        box.press_sequentially(query, delay=20)  # Material searches on key events
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15000)


def _toggle_palette(page: Any) -> None:
    """Click the header's palette toggle (the one label of the palette form not hidden)."""
    page.locator("form[data-md-component='palette'] label.md-header__button:not([hidden])").click()


def _visit(page: Any, base_url: str, which: str, round_id: str) -> None:
    """Go to one of the pages the tests look at: home, round, person, search."""
    if which == "home":
        _goto(page, base_url, "")
    elif which == "round":
        _goto(page, base_url, f"rounds/{round_id}/")
    elif which == "person":
        _goto(page, base_url, f"people/{PERSON}/")
    elif which == "search":
        _goto(page, base_url, "")
        _open_search(page, SURNAME)
    else:  # pragma: no cover - test parameter typo
        raise ValueError(which)


# ------------------------------------------------------------------ static checks


def test_built_files_load_nothing_from_other_hosts(built_site: Path) -> None:
    found = foreign_refs_in_site(built_site)
    assert found == {}, "resources from other hosts:\n" + "\n".join(
        f"{path}: {refs[:5]}" for path, refs in found.items()
    )


# ------------------------------------------------------------------ browser tests


@pytest.mark.browser
def test_home_page_shows_both_charts(page: Any, base_url: str) -> None:
    _goto(page, base_url, "")
    for chart in ("svg.ttd-timeline", "svg.ttd-tariffs"):
        svg = page.locator(chart)
        assert svg.count() == 1, chart
        assert svg.is_visible(), chart
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 40, chart
        assert svg.get_attribute("role") == "img"
        title = svg.locator(":scope > title").text_content() or ""
        assert title.strip(), chart
    assert page.locator("svg.ttd-timeline g.ttd-round").count() > 0


@pytest.mark.browser
def test_search_for_a_surname_lists_round_pages(page: Any, base_url: str) -> None:
    _goto(page, base_url, "")
    _open_search(page, SURNAME)
    links = page.locator(".md-search-result__item a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    rounds = [h for h in hrefs if "/rounds/" in h and not h.rstrip("/").endswith("/rounds")]
    assert rounds, f"no round page among the results for {SURNAME}: {hrefs}"
    first = page.locator(".md-search-result__item").first
    assert SURNAME.lower() in (first.text_content() or "").lower()


@pytest.mark.browser
def test_round_page_summary_and_footnotes_lead_to_coverage(
    page: Any, base_url: str, round_id: str
) -> None:
    _goto(page, base_url, f"rounds/{round_id}/")
    heading = page.locator("h2#what-happened")
    assert heading.is_visible()
    summary = page.locator("h2#what-happened + ol > li")
    assert summary.count() >= 1
    assert (summary.first.text_content() or "").strip()

    reference = summary.first.locator("sup a.footnote-ref").first
    target = "#" + urlsplit(reference.get_attribute("href") or "").fragment
    assert target.startswith("#fn:"), target
    reference.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    note = page.locator(f"li[id='{target[1:]}']")
    assert note.is_visible()
    to_coverage = note.locator("a[href*='#source-']").first
    anchor = "#" + urlsplit(to_coverage.get_attribute("href") or "").fragment
    to_coverage.click()
    page.wait_for_function("h => location.hash === h", arg=anchor)
    entry = page.locator(f"li:has(> [id='{anchor[1:]}']), li:has(> p > [id='{anchor[1:]}'])")
    assert entry.count() == 1
    assert entry.first.is_visible()
    coverage = page.locator("h2#coverage")
    assert coverage.count() == 1


@pytest.mark.browser
def test_palette_toggle_switches_the_scheme(page: Any, base_url: str) -> None:
    _goto(page, base_url, "")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    _toggle_palette(page)
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    _toggle_palette(page)
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


@pytest.mark.browser
@pytest.mark.parametrize("which", ["home", "round", "person", "search"])
def test_console_shows_no_errors(
    page: Any, page_log: PageLog, base_url: str, round_id: str, which: str
) -> None:
    _visit(page, base_url, which, round_id)
    assert page_log.errors == []


@pytest.mark.browser
def test_no_request_leaves_localhost(
    page: Any, page_log: PageLog, base_url: str, round_id: str
) -> None:
    for which in ("home", "round", "person", "search"):
        _visit(page, base_url, which, round_id)
    for path in ("timeline/", "tags/", "people/", "topics/"):
        _goto(page, base_url, path)
    _toggle_palette(page)
    page.wait_for_load_state("networkidle")
    assert page_log.requests, "no request recorded at all"
    assert page_log.foreign_requests() == []


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n.get("target")) for n in v.get("nodes", [])[:5])
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["home", "round", "person", "search"])
def test_axe_finds_no_serious_violation(
    browser: Any, base_url: str, round_id: str, which: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    log = PageLog()
    context = _open_context(browser, log, color_scheme=scheme)
    try:
        page = context.new_page()
        _visit(page, base_url, which, round_id)
        results = Axe().run(page)
        assert _serious(results.response["violations"]) == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser: Any, base_url: str, round_id: str, scheme: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    log = PageLog()
    context = _open_context(browser, log, color_scheme=scheme)
    try:
        page = context.new_page()
        expected = "slate" if scheme == "dark" else "default"
        for name, path in (("home", ""), ("round", f"rounds/{round_id}/")):
            _goto(page, base_url, path)
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            shot = ARTIFACTS / f"{name}-{scheme}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            assert re.search(r"\.png$", shot.name)
    finally:
        context.close()
