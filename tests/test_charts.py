"""The timeline and tariff charts: valid, accessible, escaped, deterministic SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from digest.charts import tariff_chart, timeline_chart
from digest.model import Round, TariffAction

SVG = "{http://www.w3.org/2000/svg}"


def _round(ident: str, day: date, location: str = "Geneva", kind: str = "ministerial") -> Round:
    return Round(
        id=ident,
        start=day,
        end=day,
        location=location,
        title=f"Talks {ident}",
        kind=kind,
        outcome=f"Outcome of {ident}",
    )


ROUNDS = [
    _round("2018-05-beijing", date(2018, 5, 3), "Beijing"),
    _round("2018-05-washington", date(2018, 5, 17), "Washington"),
    _round("2018-08-washington", date(2018, 8, 22), "Washington", "vice-ministerial"),
    _round("2019-06-osaka", date(2019, 6, 29), "Osaka", "leaders"),
    _round("2020-01-washington", date(2020, 1, 13), "Washington", "signing"),
    _round("2020-05-call", date(2020, 5, 7), "by phone", "call"),
    _round("2025-05-geneva", date(2025, 5, 10), "Geneva"),
    _round("2025-10-other", date(2025, 10, 25), "Kuala Lumpur", "working-level"),
]


def _action(day: date, side: str, rate: float, name: str, value: float | None = 50.0):
    return TariffAction(
        date=day, side=side, rate=rate, goods_value_bn=value, list_name=name, source="USTR"
    )


ACTIONS = [
    _action(date(2018, 7, 6), "us", 25, "List 1", 34),
    _action(date(2018, 9, 24), "us", 10, "List 3", 200),
    _action(date(2019, 5, 10), "us", 25, "List 3", 200),
    _action(date(2020, 2, 14), "us", 7.5, "List 4A", 120),
    _action(date(2018, 7, 6), "china", 25, "List 1", 34),
    _action(date(2025, 4, 12), "china", 125, "Reciprocal", None),
    _action(date(2025, 5, 14), "china", 10, "Reciprocal", None),
]


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _assert_accessible(root: ET.Element) -> None:
    assert root.get("role") in ("img", "group")
    labelled = root.get("aria-labelledby", "").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and (title.text or "").strip()
    assert desc is not None and (desc.text or "").strip()
    assert title.get("id") in labelled
    assert desc.get("id") in labelled
    assert root.get("viewBox")
    assert root.get("width") is None  # sized by the page, from the viewBox


@pytest.mark.parametrize(
    "svg",
    [timeline_chart(ROUNDS), tariff_chart(ACTIONS), timeline_chart([]), tariff_chart([])],
    ids=["timeline", "tariffs", "timeline-empty", "tariffs-empty"],
)
def test_chart_is_valid_accessible_svg(svg: str) -> None:
    _assert_accessible(_parse(svg))


@pytest.mark.parametrize("svg", [timeline_chart(ROUNDS), tariff_chart(ACTIONS)])
def test_chart_is_self_contained(svg: str) -> None:
    assert "<script" not in svg
    assert "href=" not in svg  # no links, images or fonts from anywhere
    assert "url(" not in svg
    assert "@import" not in svg
    # No blank line: the SVG sits in a raw HTML block of a Markdown page.
    assert "\n\n" not in svg


def test_timeline_has_one_marker_per_round() -> None:
    root = _parse(timeline_chart(ROUNDS))
    markers = [g for g in root.iter(f"{SVG}g") if "ttd-round" in g.get("class", "").split()]
    assert sorted(g.get("data-round") for g in markers) == sorted(r.id for r in ROUNDS)
    for g in markers:
        tip = g.find(f"{SVG}title")
        assert tip is not None
        assert f"Outcome of {g.get('data-round')}" in (tip.text or "")


def test_timeline_marker_shape_depends_on_kind() -> None:
    root = _parse(timeline_chart(ROUNDS))
    kinds = {
        g.get("data-round"): g.get("class", "")
        for g in root.iter(f"{SVG}g")
        if "ttd-round" in g.get("class", "")
    }
    assert "ttd-kind-leaders" in kinds["2019-06-osaka"]
    assert "ttd-kind-call" in kinds["2020-05-call"]
    assert "ttd-kind-other" in kinds["2025-10-other"]


def test_timeline_description_counts_each_kind_in_the_right_number() -> None:
    calls = [_round(f"2020-0{m}-call", date(2020, m, 7), "by phone", "call") for m in (8, 9)]
    root = _parse(timeline_chart([*ROUNDS, *calls]))
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert "3 calls" in (desc.text or "")
    assert "1 leaders' meeting," in (desc.text or "")
    assert "3 ministerial talks" in (desc.text or "")


def test_timeline_shows_each_year_from_first_to_last() -> None:
    root = _parse(timeline_chart(ROUNDS))
    years = [t.text for t in root.iter(f"{SVG}text") if "ttd-year" in t.get("class", "")]
    assert years == [str(y) for y in range(2018, 2026)]


def test_timeline_escapes_hostile_text() -> None:
    hostile = Round(
        id='x"><script>alert(1)</script>',
        start=date(2019, 1, 1),
        end=date(2019, 1, 2),
        location="<script>alert('x')</script> & Co",
        title="<b>bold</b>",
        kind="<img src=x onerror=alert(1)>",
        outcome='"quoted" & <i>tagged</i>',
    )
    for svg in (timeline_chart([hostile]), timeline_chart([hostile], link_prefix="../")):
        assert "<script" not in svg
        assert "<b>" not in svg and "<img" not in svg and "<i>" not in svg
        root = _parse(svg)
        labels = [t.text for t in root.iter(f"{SVG}text") if "ttd-label" in t.get("class", "")]
        assert labels == ["<script>alert('x')</script> & Co"]


def test_tariff_chart_escapes_hostile_text() -> None:
    action = TariffAction(
        date=date(2019, 5, 10),
        side="us",
        rate=25,
        goods_value_bn=None,
        list_name="<script>List</script>",
        source="</title><script>",
        note="a & b",
    )
    svg = tariff_chart([action])
    assert "<script" not in svg
    root = _parse(svg)
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any("<script>List</script>" in tip and "a & b" in tip for tip in tips)


def test_timeline_links_are_relative_to_the_page() -> None:
    root = _parse(timeline_chart(ROUNDS, link_prefix="../"))
    hrefs = sorted(a.get("href") for a in root.iter(f"{SVG}a"))
    assert hrefs == sorted(f"../rounds/{r.id}/" for r in ROUNDS)
    plain = _parse(timeline_chart(ROUNDS))
    assert list(plain.iter(f"{SVG}a")) == []
    assert plain.get("role") == "img"


@pytest.mark.parametrize("chart, data", [(timeline_chart, ROUNDS), (tariff_chart, ACTIONS)])
def test_charts_are_deterministic(chart, data) -> None:
    first = chart(data)
    assert chart(list(reversed(data))) == first
    assert chart(tuple(data)) == first
    # Floats come out with fixed precision.
    coordinates = re.findall(r' (?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"', first)
    assert coordinates
    assert all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in coordinates)


def test_tariff_chart_has_a_point_per_action_and_a_line_per_side() -> None:
    root = _parse(tariff_chart(ACTIONS))
    actions = [g for g in root.iter(f"{SVG}g") if g.get("class") == "ttd-action"]
    assert len(actions) == len(ACTIONS)
    steps = [p for p in root.iter(f"{SVG}path") if "ttd-step" in p.get("class", "")]
    assert len(steps) == 2
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "125%" in texts or "150%" in texts
    assert "2018" in texts and "2025" in texts
    assert any("United States" in t for t in texts) and any("China" in t for t in texts)


def test_empty_inputs_say_there_is_no_data() -> None:
    for svg in (timeline_chart([]), tariff_chart([])):
        root = _parse(svg)
        assert any("No " in (t.text or "") for t in root.iter(f"{SVG}text"))
