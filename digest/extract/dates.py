"""Dates an article mentions, absolute ("May 10, 2019", "10 May") and relative ("on Thursday",
"last week", "early April"), resolved to calendar days.

Conventions (news style, all relative to the publication day `published`):
- a date without a year takes the year that puts it nearest to `published`;
- a bare weekday is past or coming by the tense of its clause ("met on Thursday" is the latest
  Thursday on or before `published`; "will meet on Tuesday" the next Tuesday on or after it);
  "last Friday" is strictly before, "next Tuesday" strictly after;
- "yesterday" / "last night" = the day before, "today" / "tonight" = that day, "tomorrow" the
  day after; "last week" / "next week" = seven days before / after, "this week" = that day;
  "last month" / "this month" / "next month" = the first day of that month, the same for years;
- "early April" = the 5th, "mid-April" = the 15th, "late April" = the 25th, "the end of April"
  = its last day, "the beginning of April" = the 1st;
- "N days (weeks) ago" counts back from `published`.
Relative expressions are skipped when `published` is None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from digest.lexicon import (
    FULL_MONTH_PATTERN,
    FUTURE_MARKERS,
    MONTH_NUMBERS,
    MONTH_PATTERN,
    NUMBER_WORDS,
    PAST_MARKERS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    compile_guarded,
)
from digest.model import DateMention

# The month and day patterns open with a capital or a digit themselves, not with a lookahead:
# the regex engine then finds where a match may start with its quick scan for that first
# character (twice as fast over an article as testing every position).
_MDY = re.compile(rf"({MONTH_PATTERN})[ \t]+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?[ \t]+(\d{{4}})\b)?")
_BARE_MONTH = MONTH_PATTERN[:-3]  # without the optional period: "10 May." ends a sentence
_DMY = re.compile(
    rf"([0-9][0-9]?)(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?({_BARE_MONTH})(?![\w])"
    rf"(?:\.?,?[ \t]+(\d{{4}})\b)?"
)
_ISO = re.compile(r"([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])")
_PART = compile_guarded(
    r"(early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)[- ]$",
    re.I,
)
_PART_MONTH = re.compile(rf"({FULL_MONTH_PATTERN})\b(?:,?[ \t]+(\d{{4}})\b)?")
_WEEKDAY = re.compile(
    rf"({WEEKDAY_PATTERN})\b"
    r"(?:[ \t]+(?:morning|afternoon|evening|night))?"
)
_MODIFIER = compile_guarded(r"\b(last|next|this|on|coming|past|this past|this coming)[ \t]+$", re.I)
_AFTER_WEEKDAY_DATE = re.compile(
    rf",?[ \t]*\(?(?:{MONTH_PATTERN}[ \t]+\d|\d{{1,2}}[ \t]+{MONTH_PATTERN}|\d)"
)
_DAY_WORD = re.compile(r"[YyTtLl](?:esterday|oday|onight|omorrow|ast night)\b")
_PERIOD = re.compile(r"[LlTtNn](?:ast|his|ext)[ \t]+(?:week|month|year)\b")
_AGO = re.compile(
    r"(?:^|(?<=\W))(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)[ \t]+(days?|weeks?)"
    r"[ \t]+ago\b$",
    re.I,
)
_AGO_WORD = re.compile(r"ago\b")

_YEARLESS_DAY = re.compile(
    rf"\b(?:(?P<m1>{MONTH_PATTERN})\s+(?P<d1>[0-3]?\d)(?!\d|,?\s*\d{{4}})"
    rf"|(?P<d2>[0-3]?\d)\s+(?P<m2>{MONTH_PATTERN})(?![\w.]|,?\s*\d{{4}}))",
    re.IGNORECASE,
)


def month_days(text: str) -> list[tuple[int, int]]:
    """Days named without a year ("July 31", "31 July", "Feb. 22"), as (month, day).

    For texts with no publication day, where the year must come from elsewhere.
    """
    found = []
    for match in _YEARLESS_DAY.finditer(text):
        month = MONTH_NUMBERS[(match["m1"] or match["m2"]).rstrip(".").lower()]
        day = int(match["d1"] or match["d2"])
        if 1 <= day <= 31:
            found.append((month, day))
    return found


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, published: date | None) -> date | None:
    if published is None:
        return None
    options = [_safe(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [d for d in options if d is not None]
    if not valid:
        return None
    return min(valid, key=lambda d: abs((d - published).days))


def _month_shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _future(text: str, start: int, end: int, s_start: int, s_end: int) -> bool | None:
    """True when the clause around text[start:end] speaks of the future, False when of the
    past, None when it gives no sign."""
    best: tuple[int, bool] | None = None
    for pattern, is_future in ((FUTURE_MARKERS, True), (PAST_MARKERS, False)):
        for match in pattern.finditer(text, s_start, s_end):
            if start <= match.start() < end:
                continue
            distance = start - match.end() if match.end() <= start else match.start() - end + 3
            if best is None or distance < best[0]:
                best = (distance, is_future)
    return None if best is None else best[1]


_BOUNDARY_BEFORE = re.compile(r".*(?:[.!?][\"'”’)]*\s|\n)", re.S)
_BOUNDARY_AFTER = re.compile(r"[.!?]\s|\n")


def _clause_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch around text[start:end] whose verbs tell its tense: the sentence, cut to
    150 characters before and 100 after (a long sentence's far end says nothing about it)."""
    lo = max(0, start - 150)
    before = _BOUNDARY_BEFORE.match(text, lo, start)
    if before:
        lo = before.end()
    hi = min(len(text), end + 100)
    after = _BOUNDARY_AFTER.search(text, end, hi)
    if after:
        hi = after.start() + 1
    return lo, hi


def _weekday_date(published: date, weekday: int, modifier: str, future: bool | None) -> date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier in ("last", "past", "this past"):
        return published - timedelta(days=back or 7)
    if modifier in ("next", "coming", "this coming"):
        return published + timedelta(days=ahead or 7)
    if future is None and modifier == "this":
        future = True
    if future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def find_dates(text: str, published: date | None) -> tuple[DateMention, ...]:
    """Every date the text mentions, in order of appearance (see the module docstring)."""
    found: list[tuple[int, DateMention]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, day: date | None) -> None:
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            return  # not at a word start ("Thursdays" is fine, "XMay 10" is not)
        if day is not None and free(start, end):
            taken.append((start, end))
            found.append((start, DateMention(text[start:end], day)))

    for match in _ISO.finditer(text):
        add(match.start(), match.end(), _safe(*(int(g) for g in match.groups())))
    for pattern, month_group, day_group in ((_MDY, 1, 2), (_DMY, 2, 1)):
        for match in pattern.finditer(text):
            month = MONTH_NUMBERS.get(match.group(month_group).lower().rstrip("."))
            day_num = int(match.group(day_group))
            if month is None or not 1 <= day_num <= 31:
                continue
            year = match.group(3)
            day = (
                _safe(int(year), month, day_num)
                if year
                else _nearest_year(month, day_num, published)
            )
            add(match.start(), match.end(), day)
    for month_match in _PART_MONTH.finditer(text):
        lead = _PART.search(text, max(0, month_match.start() - 22), month_match.start())
        if lead is None:
            continue
        month = MONTH_NUMBERS[month_match.group(1).lower()]
        part = lead.group(1).lower()
        if "end" in part:
            day_num = 31
        elif "beginning" in part or "start" in part:
            day_num = 1
        else:
            day_num = {"early": 5, "mid": 15, "late": 25}[part]
        if month_match.group(2):
            year = int(month_match.group(2))
        elif published is not None:
            nearest = _nearest_year(month, 1, published)
            year = nearest.year if nearest else published.year
        else:
            continue
        day_num = min(day_num, calendar.monthrange(year, month)[1])
        add(lead.start(), month_match.end(), _safe(year, month, day_num))
    if published is not None:
        _relative(text, published, add, free)
    found.sort(key=lambda item: item[0])
    unique: dict[tuple[str, date], DateMention] = {}
    for _, mention in found:
        unique.setdefault((mention.text, mention.date), mention)
    return tuple(unique.values())


def _relative(text: str, published: date, add, free) -> None:
    for match in _DAY_WORD.finditer(text):
        word = match.group().lower()
        delta = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}
        add(match.start(), match.end(), published + timedelta(days=delta[word]))
    for match in _PERIOD.finditer(text):
        which, unit = match.group().lower().split()
        step = {"last": -1, "this": 0, "next": 1}[which]
        if unit == "week":
            day = published + timedelta(days=7 * step)
        elif unit == "month":
            day = _month_shift(published, step)
        else:
            day = date(published.year + step, 1, 1)
        add(match.start(), match.end(), day)
    for hit in _AGO_WORD.finditer(text):
        ago = _AGO.search(text, max(0, hit.start() - 20), hit.end())
        if ago is None:
            continue
        number = ago.group(1).lower()
        count = 1 if number == "a" else NUMBER_WORDS.get(number) or int(number)
        days = count * (7 if ago.group(2).lower().startswith("week") else 1)
        if days < 4000:
            add(ago.start(), ago.end(), published - timedelta(days=days))
    for match in _WEEKDAY.finditer(text):
        if _AFTER_WEEKDAY_DATE.match(text, match.end()) or not free(match.start(), match.end()):
            continue  # "Wednesday (Feb 4)": the absolute date says it
        s_start, s_end = _clause_window(text, match.start(), match.end())
        lead = _MODIFIER.search(text, max(0, match.start() - 16), match.start())
        modifier = lead.group(1).lower() if lead else ""
        start = lead.start() if lead else match.start()
        weekday = WEEKDAYS.index(match.group(1).lower())
        future = _future(text, start, match.end(), s_start, s_end)
        add(start, match.end(), _weekday_date(published, weekday, modifier, future))
