"""The held-out scrape check: benchmark pages rendered as the corpus's text scrapes look.

The page here is written for the test; none is copied from a real page.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from digest.evaluate_scrapes import eval_scrapes, render_lines

HEADLINE = "Envoys end two days of talks on farm purchases in Geneva"
STORY = (
    "Negotiators from both countries met for a second day on Tuesday, trading proposals on "
    "farm purchases and the tariffs both sides have imposed since the spring, officials said."
)
PAGE = f"""<html><head><title>{HEADLINE} | Example Wire</title>
<meta property="og:title" content="{HEADLINE}"><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<div class="label">Trade</div><h1>{HEADLINE}</h1><p class="byline">By Jane Roe</p>
<p>{STORY}</p><aside>Sign up for our newsletter</aside><button>Share this story</button>
<footer>About us</footer></body></html>"""


def test_render_keeps_page_furniture_but_not_menus_or_scripts() -> None:
    lines = render_lines(PAGE)
    assert lines == [
        "Trade",
        HEADLINE,
        "By Jane Roe",
        STORY,
        "Sign up for our newsletter",
        "Share this story",
    ]


def test_headline_and_cleaning_are_scored_on_both_excerpts(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    sha = "0" * 40
    (tmp_path / "html" / f"{sha}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({sha: {"articleBody": STORY}}))
    summary = [line for line in eval_scrapes(tmp_path, half=1) if line.startswith("SUMMARY")]
    assert summary[0].startswith(
        "SUMMARY titles: excerpts showing a headline 1  right 1  accuracy 1.0000  "
        "excerpts without one 1  (a title found for 0 of them)"
    )
    assert "excerpts 2" in summary[1] and "F1 1.0000" in summary[1]
    assert list(eval_scrapes(tmp_path, half=2))[-3].endswith(
        "excerpts without one 0  (a title found for 0 of them)"
    )


def test_gold_paragraph_is_found_where_a_line_starts_not_in_a_pull_quote_above_it() -> None:
    from digest.evaluate_scrapes import _gold_in

    text = f"‘{STORY[:60]}’\nPhotograph: Jane Roe\n{STORY}"
    assert _gold_in(text, STORY) == STORY
