"""Charts: the rounds timeline and the tariff-rate chart, as static, accessible inline SVG.

Both functions are pure: the same input gives the same bytes. The SVG carries no script, no
font and no reference to any other file or host; it sizes itself from its `viewBox`, and its
colours come from CSS classes (`site_config/assets/stylesheets/digest.css`) with
`currentColor` as the fallback, so it reads in Material's light and dark palettes alike.
Every piece of text taken from the data is XML-escaped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from digest.lexicon import MONTHS, SIDE_LABELS, SIDES
from digest.model import Round, TariffAction

WIDTH = 760
"""Width of every chart in viewBox units (the page scales it to the column)."""

KIND_ORDER = ("ministerial", "vice-ministerial", "leaders", "signing", "call")
"""Round kinds with a marker of their own, in legend order; other kinds share one marker."""

KIND_LABELS = {
    "ministerial": "Ministerial talks",
    "vice-ministerial": "Vice-ministerial talks",
    "leaders": "Leaders' meeting",
    "signing": "Signing",
    "call": "Call",
    "other": "Other",
}

KIND_PLURALS = {
    "ministerial": "ministerial talks",
    "vice-ministerial": "vice-ministerial talks",
    "leaders": "leaders' meetings",
    "signing": "signings",
    "call": "calls",
    "other": "other rounds",
}
"""How the chart's description counts more than one round of a kind ("9 calls")."""

SIDE_ORDER = SIDES[:2]
"""Sides with a row of their own on the tariff chart; any other side is drawn after them."""

_MONTHS = "".join(month[0].upper() for month in MONTHS)
_MONTH_NAMES = tuple(month[:3].title() for month in MONTHS)
_CHAR_WIDTH = 6.1  # average advance of an 11-unit sans-serif glyph, for label placement


def _num(value: float) -> str:
    """A coordinate with fixed precision and no negative zero."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _rate(value: float) -> str:
    """A tariff rate as people write it: 25, 7.5, 12.25."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _day(day: date) -> str:
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _span(start: date, end: date) -> str:
    """A date range written compactly: 3–4 May 2019, 27 Feb – 3 Mar 2018."""
    if end <= start:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def _text(value: object) -> str:
    """Data text made safe for XML content and attribute values alike."""
    return escape(" ".join(str(value).split()), quote=True)


def _svg_open(kind: str, height: float, title: str, desc: str, role: str = "img") -> list[str]:
    ident = f"ttd-{kind}"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ttd-svg {ident}" role="{role}"'
        f' aria-labelledby="{ident}-title {ident}-desc"'
        f' viewBox="0 0 {WIDTH} {_num(height)}" preserveAspectRatio="xMinYMin meet"'
        ' font-size="11" fill="currentColor">',
        f'<title id="{ident}-title">{_text(title)}</title>',
        f'<desc id="{ident}-desc">{_text(desc)}</desc>',
    ]


def _empty(kind: str, title: str, message: str) -> str:
    lines = _svg_open(kind, 48, title, message)
    lines.append(
        f'<text class="ttd-muted" x="{WIDTH // 2}" y="29" text-anchor="middle">'
        f"{_text(message)}</text>"
    )
    lines.append("</svg>")
    return "\n".join(lines)


# --------------------------------------------------------------------------- markers


def _marker(kind: str, x: float, y: float, scale: float = 1.0) -> str:
    """The shape that stands for a round kind, centred on (x, y)."""
    if kind == "ministerial":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(6 * scale)}"/>'
    if kind == "vice-ministerial":
        return (
            f'<circle class="ttd-hollow" cx="{_num(x)}" cy="{_num(y)}" r="{_num(4.5 * scale)}"'
            ' fill="none" stroke="currentColor" stroke-width="2.5"/>'
        )
    if kind == "leaders":
        points = []
        for i in range(10):
            radius = (8 if i % 2 == 0 else 3.4) * scale
            angle = math.pi * i / 5 - math.pi / 2
            px, py = x + radius * math.cos(angle), y + radius * math.sin(angle)
            points.append(f"{_num(px)},{_num(py)}")
        return f'<polygon points="{" ".join(points)}"/>'
    if kind == "signing":
        r = 7 * scale
        return (
            f'<polygon points="{_num(x)},{_num(y - r)} {_num(x + r)},{_num(y)}'
            f' {_num(x)},{_num(y + r)} {_num(x - r)},{_num(y)}"/>'
        )
    if kind == "call":
        r = 4.5 * scale
        return (
            f'<rect x="{_num(x - r)}" y="{_num(y - r)}" width="{_num(2 * r)}"'
            f' height="{_num(2 * r)}" rx="1.5"/>'
        )
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(3.5 * scale)}"/>'


def _kind_key(kind: str) -> str:
    kind = kind.strip().lower()
    return kind if kind in KIND_ORDER else "other"


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class _Placed:
    round: Round
    x: float
    level: int
    label: str
    label_x: float
    anchor: str


_PLOT_LEFT = 64.0
_PLOT_RIGHT = WIDTH - 14.0
_LEVEL_HEIGHT = 14.0


def _year_fraction(day: date) -> float:
    first = date(day.year, 1, 1)
    days = (date(day.year + 1, 1, 1) - first).days
    return (day - first).days / days


def _label_for(rnd: Round) -> str:
    place = " ".join(rnd.location.split())
    if place.lower() in ("by phone", "phone", "by telephone"):
        return "call"
    return place


def _place_labels(rounds: Sequence[Round]) -> list[_Placed]:
    """Each round of one year with its label put on the first level where it does not collide."""
    span = _PLOT_RIGHT - _PLOT_LEFT
    level_ends: list[float] = []
    placed = []
    for rnd in rounds:
        x = _PLOT_LEFT + span * _year_fraction(rnd.start)
        label = _label_for(rnd)
        width = len(label) * _CHAR_WIDTH
        if x + width - 4 > _PLOT_RIGHT:
            anchor, left, right, label_x = "end", x - width, x + 4, x + 4
        else:
            anchor, left, right, label_x = "start", x - 4, x - 4 + width, x - 4
        level = next((i for i, end in enumerate(level_ends) if left > end + 6), len(level_ends))
        if level == len(level_ends):
            level_ends.append(right)
        else:
            level_ends[level] = right
        placed.append(_Placed(rnd, x, level, label, label_x, anchor))
    return placed


def _timeline_desc(rounds: Sequence[Round]) -> str:
    counts: dict[str, int] = {}
    for rnd in rounds:
        key = _kind_key(rnd.kind)
        counts[key] = counts.get(key, 0) + 1
    parts = [
        f"{counts[k]} {KIND_LABELS[k].lower() if counts[k] == 1 else KIND_PLURALS[k]}"
        for k in (*KIND_ORDER, "other")
        if counts.get(k)
    ]
    first, last = rounds[0], rounds[-1]
    noun = "round" if len(rounds) == 1 else "rounds"
    return (
        f"{len(rounds)} negotiation {noun} from {_day(first.start)} ({first.location}) to "
        f"{_day(last.start)} ({last.location}): {', '.join(parts)}. "
        "One row per year, months left to right; each marker's shape shows the kind of round."
    )


def _legend(kinds: Iterable[str], y: float) -> list[str]:
    out = ['<g class="ttd-legend">']
    x = _PLOT_LEFT
    for kind in kinds:
        out.append(f'<g class="ttd-kind-{kind}">{_marker(kind, x + 6, y - 4)}</g>')
        label = KIND_LABELS[kind]
        out.append(f'<text x="{_num(x + 18)}" y="{_num(y)}">{_text(label)}</text>')
        x += 18 + len(label) * _CHAR_WIDTH + 22
    out.append("</g>")
    return out


def timeline_chart(rounds: Sequence[Round], link_prefix: str | None = None) -> str:
    """Every round on a time axis, one row per year, a marker per round shaped by its kind.

    Each marker has a tooltip with the round's title, dates and outcome. With `link_prefix`
    (the relative path from the embedding page to the site root, e.g. "" or "../"), each
    marker links to its round page `{link_prefix}rounds/ID/`; the chart is then a group of
    links rather than a single image.
    """
    title = "Negotiation rounds over time"
    if not rounds:
        return _empty("timeline", title, "No negotiation rounds to show yet.")
    ordered = sorted(rounds, key=lambda r: (r.start, r.end, r.id))
    by_year: dict[int, list[Round]] = {}
    for rnd in ordered:
        by_year.setdefault(rnd.start.year, []).append(rnd)
    years = range(ordered[0].start.year, ordered[-1].start.year + 1)

    kinds_present = {_kind_key(r.kind) for r in ordered}
    legend_kinds = [k for k in (*KIND_ORDER, "other") if k in kinds_present]

    body: list[str] = []
    y = 20.0  # legend row
    body.extend(_legend(legend_kinds, y))
    y += 14
    # Month initials along the top.
    span = _PLOT_RIGHT - _PLOT_LEFT
    axis_top = y + 10
    body.append('<g class="ttd-axis ttd-muted" text-anchor="middle">')
    for month, initial in enumerate(_MONTHS):
        mx = _PLOT_LEFT + span * (month + 0.5) / 12
        body.append(f'<text x="{_num(mx)}" y="{_num(axis_top)}">{initial}</text>')
    body.append("</g>")
    y = axis_top + 8
    lanes_top = y

    lanes: list[str] = []
    for index, year in enumerate(years):
        year_rounds = by_year.get(year, [])
        placed = _place_labels(year_rounds)
        levels = max((p.level for p in placed), default=-1) + 1
        height = 30 + levels * _LEVEL_HEIGHT if placed else 26
        stripe = "ttd-lane ttd-lane-odd" if index % 2 else "ttd-lane"
        lanes.append(f'<g class="{stripe}">')
        lanes.append(
            f'<rect class="ttd-lane-bg" x="0" y="{_num(y)}" width="{WIDTH}"'
            f' height="{_num(height)}" fill="none"/>'
        )
        marker_y = y + 13
        lanes.append(
            f'<text class="ttd-year" x="8" y="{_num(marker_y + 4)}" font-weight="700">{year}</text>'
        )
        lanes.append(
            f'<line class="ttd-baseline" x1="{_num(_PLOT_LEFT)}" y1="{_num(marker_y)}"'
            f' x2="{_num(_PLOT_RIGHT)}" y2="{_num(marker_y)}" stroke="currentColor"'
            ' stroke-opacity="0.3"/>'
        )
        if not placed:
            lanes.append(
                f'<text class="ttd-muted" x="{_num(_PLOT_LEFT + span / 2)}"'
                f' y="{_num(marker_y + 4)}" text-anchor="middle" font-style="italic">'
                "no rounds this year</text>"
            )
        for item in placed:
            lanes.extend(_round_marker(item, marker_y, link_prefix))
        lanes.append("</g>")
        y += height
    # Month grid over all lanes, drawn first so lanes paint above it.
    grid = ['<g class="ttd-grid" stroke="currentColor" stroke-opacity="0.12">']
    for month in range(13):
        gx = _PLOT_LEFT + span * month / 12
        grid.append(
            f'<line x1="{_num(gx)}" y1="{_num(lanes_top)}" x2="{_num(gx)}" y2="{_num(y)}"/>'
        )
    grid.append("</g>")

    role = "group" if link_prefix is not None else "img"
    lines = _svg_open("timeline", y + 6, title, _timeline_desc(ordered), role=role)
    lines.extend(body)
    lines.extend(grid)
    lines.extend(lanes)
    lines.append("</svg>")
    return "\n".join(lines)


def _round_marker(item: _Placed, marker_y: float, link_prefix: str | None) -> list[str]:
    rnd = item.round
    kind = _kind_key(rnd.kind)
    tip = f"{rnd.display_title} ({_span(rnd.start, rnd.end)}, {rnd.location})"
    if rnd.outcome:
        tip += f": {rnd.outcome}"
    label_y = marker_y + 20 + item.level * _LEVEL_HEIGHT
    out = []
    if link_prefix is not None:
        href = f"{link_prefix}rounds/{rnd.id}/"
        out.append(f'<a href="{_text(href)}" aria-label="{_text(tip)}">')
    out.append(f'<g class="ttd-round ttd-kind-{kind}" data-round="{_text(rnd.id)}">')
    out.append(f"<title>{_text(tip)}</title>")
    if item.level:
        out.append(
            f'<line class="ttd-leader" x1="{_num(item.x)}" y1="{_num(marker_y + 7)}"'
            f' x2="{_num(item.x)}" y2="{_num(label_y - 9)}" stroke="currentColor"'
            ' stroke-opacity="0.35"/>'
        )
    out.append(_marker(kind, item.x, marker_y))
    out.append(
        f'<text class="ttd-label" x="{_num(item.label_x)}" y="{_num(label_y)}"'
        f' text-anchor="{item.anchor}">{_text(item.label)}</text>'
    )
    out.append("</g>")
    if link_prefix is not None:
        out.append("</a>")
    return out


# --------------------------------------------------------------------------- tariffs


def _side_key(side: str) -> str:
    return side.strip().lower()


def _nice_step(top: float) -> float:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return float(step)
    return float(10 ** math.ceil(math.log10(top)))


def _in_force(actions: Sequence[TariffAction]) -> list[tuple[date, float]]:
    """The highest rate in force after each day with an action, for one side.

    A later action on the same list replaces that list's rate (0 lifts it).
    """
    lists: dict[str, float] = {}
    steps: list[tuple[date, float]] = []
    for action in actions:
        lists[" ".join(action.list_name.split()).lower() or f"#{len(lists)}"] = action.rate
        top = max(lists.values(), default=0.0)
        if steps and steps[-1][0] == action.date:
            steps[-1] = (action.date, top)
        else:
            steps.append((action.date, top))
    return steps


def _action_tip(action: TariffAction) -> str:
    side = SIDE_LABELS.get(_side_key(action.side), action.side)
    tip = f"{side}, {_day(action.date)}: {action.list_name} at {_rate(action.rate)}%"
    if action.goods_value_bn is not None:
        tip += f" on ${_rate(action.goods_value_bn)}bn of goods"
    if action.note:
        tip += f". {action.note}"
    if action.source:
        tip += f" (source: {action.source})"
    return tip


@dataclass(frozen=True)
class _Segment:
    """Years drawn as one stretch of the time axis; quiet years (no action) are squeezed."""

    first: int
    last: int
    quiet: bool

    @property
    def width(self) -> float:
        return 0.6 if self.quiet else float(self.last - self.first + 1)


def _year_segments(first: int, last: int, active: set[int]) -> list[_Segment]:
    """The axis from `first` to `last` (exclusive): a segment per active year, runs of quiet
    years merged into one narrow segment."""
    segments: list[_Segment] = []
    for year in range(first, last):
        quiet = year not in active
        if quiet and segments and segments[-1].quiet:
            segments[-1] = _Segment(segments[-1].first, year, True)
        else:
            segments.append(_Segment(year, year, quiet))
    return segments


def tariff_chart(actions: Sequence[TariffAction]) -> str:
    """Step lines of the highest tariff rate each side had in force, with a point per action."""
    title = "US and Chinese tariff rates over time"
    if not actions:
        return _empty("tariffs", title, "No tariff actions to show yet.")
    ordered = sorted(
        actions, key=lambda a: (a.date, _side_key(a.side), a.list_name, a.rate, a.source)
    )
    sides_present = {_side_key(a.side) for a in ordered}
    sides = [s for s in SIDE_ORDER if s in sides_present] + sorted(sides_present - set(SIDE_ORDER))

    first_year = ordered[0].date.year
    last_year = ordered[-1].date.year + 1
    left, right, top, height = 52.0, WIDTH - 16.0, 44.0, 300.0
    bottom = height - 30
    top_rate = max(a.rate for a in ordered)
    step = _nice_step(max(top_rate, 1.0))
    y_max = step * max(1, math.ceil(top_rate / step))
    segments = _year_segments(first_year, last_year, {a.date.year for a in ordered})
    units = sum(seg.width for seg in segments)

    def sx(day: date) -> float:
        offset = 0.0
        for seg in segments:
            start, end = date(seg.first, 1, 1), date(seg.last + 1, 1, 1)
            if day < end or seg is segments[-1]:
                share = (day.toordinal() - start.toordinal()) / (end - start).days
                return left + (right - left) * (offset + seg.width * share) / units
            offset += seg.width
        return right  # pragma: no cover - the loop always returns

    def sy(rate: float) -> float:
        return bottom - (bottom - top) * rate / y_max

    out: list[str] = []
    # Legend.
    out.append('<g class="ttd-legend">')
    lx = left
    for side in sides:
        label = f"{SIDE_LABELS.get(side, side.title())}: highest rate in force"
        cls = f"ttd-side-{side}" if side in SIDE_ORDER else "ttd-side-other"
        out.append(
            f'<g class="{cls}"><line class="ttd-step" x1="{_num(lx)}" y1="16" x2="{_num(lx + 22)}"'
            f' y2="16" stroke="currentColor" stroke-width="2.5"/>'
            f"{_point(side, lx + 11, 16)}</g>"
        )
        out.append(f'<text x="{_num(lx + 30)}" y="20">{_text(label)}</text>')
        lx += 30 + len(label) * _CHAR_WIDTH + 24
    out.append(
        f'<text class="ttd-muted" x="{_num(left)}" y="36">'
        "Points: each tariff action at its own rate.</text>"
    )
    out.append("</g>")
    # Axes and grid.
    out.append('<g class="ttd-axis">')
    ticks = round(y_max / step)
    for i in range(ticks + 1):
        rate = step * i
        ty = sy(rate)
        opacity = "0.45" if i == 0 else "0.12"
        out.append(
            f'<line class="ttd-gridline" x1="{_num(left)}" y1="{_num(ty)}" x2="{_num(right)}"'
            f' y2="{_num(ty)}" stroke="currentColor" stroke-opacity="{opacity}"/>'
        )
        out.append(
            f'<text class="ttd-muted" x="{_num(left - 6)}" y="{_num(ty + 4)}"'
            f' text-anchor="end">{_rate(rate)}%</text>'
        )
    for seg in segments:
        x_start, x_end = sx(date(seg.first, 1, 1)), sx(date(seg.last + 1, 1, 1))
        if seg.quiet:
            out.append(
                f'<rect class="ttd-quiet" x="{_num(x_start)}" y="{_num(top)}"'
                f' width="{_num(x_end - x_start)}" height="{_num(bottom - top)}"'
                ' fill="currentColor" fill-opacity="0.05"/>'
            )
            if x_end - x_start >= 70:
                out.append(
                    f'<text class="ttd-muted" x="{_num((x_start + x_end) / 2)}"'
                    f' y="{_num(top + 16)}" text-anchor="middle" font-style="italic">'
                    "no new actions</text>"
                )
        out.append(
            f'<line class="ttd-gridline" x1="{_num(x_start)}" y1="{_num(top)}"'
            f' x2="{_num(x_start)}" y2="{_num(bottom + 4)}" stroke="currentColor"'
            ' stroke-opacity="0.12"/>'
        )
        label = str(seg.first) if seg.first == seg.last else f"{seg.first}–{str(seg.last)[-2:]}"
        out.append(
            f'<text class="ttd-muted" x="{_num((x_start + x_end) / 2)}" y="{_num(bottom + 18)}"'
            f' text-anchor="middle">{label}</text>'
        )
    out.append("</g>")
    # Step lines, then points on top.
    end_x = right
    # Equal rates would hide one line under the other: draw the lines side by side.
    offsets = {side: (i - (len(sides) - 1) / 2) * 3.2 for i, side in enumerate(sides)}
    for side in sides:
        side_actions = [a for a in ordered if _side_key(a.side) == side]
        steps = _in_force(side_actions)
        cls = f"ttd-side-{side}" if side in SIDE_ORDER else "ttd-side-other"
        dy = offsets[side]
        path = [f"M{_num(sx(steps[0][0]) + dy)},{_num(sy(0))}"]
        for day, rate in steps:
            path.append(f"H{_num(sx(day) + dy)}V{_num(sy(rate) + dy)}")
        path.append(f"H{_num(end_x)}")
        out.append(
            f'<g class="{cls}"><path class="ttd-step" d="{"".join(path)}" fill="none"'
            ' stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/>'
        )
        for action in side_actions:
            out.append(
                f'<g class="ttd-action"><title>{_text(_action_tip(action))}</title>'
                f"{_point(side, sx(action.date), sy(action.rate))}</g>"
            )
        out.append("</g>")

    desc_parts = []
    for side in sides:
        side_actions = [a for a in ordered if _side_key(a.side) == side]
        steps = _in_force(side_actions)
        peak = max(rate for _, rate in steps)
        desc_parts.append(
            f"{SIDE_LABELS.get(side, side)}: {len(side_actions)} actions from "
            f"{_day(side_actions[0].date)} to {_day(side_actions[-1].date)}, highest rate in "
            f"force peaking at {_rate(peak)}% and {_rate(steps[-1][1])}% after the last action"
        )
    desc = (
        "Tariff rates by year; years without any action are drawn narrower. The line is the"
        " highest rate of any one measure in force (stacked measures are not added up); a later"
        " action on the same measure replaces its rate. " + "; ".join(desc_parts) + "."
    )
    lines = _svg_open("tariffs", height, title, desc)
    lines.extend(out)
    lines.append("</svg>")
    return "\n".join(lines)


def _point(side: str, x: float, y: float) -> str:
    """A circle for the US, a square for China (shape as well as colour tells them apart)."""
    if side == "china":
        return f'<rect class="ttd-point" x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8"/>'
    return f'<circle class="ttd-point" cx="{_num(x)}" cy="{_num(y)}" r="4.5"/>'
