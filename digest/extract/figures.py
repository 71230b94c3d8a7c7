"""Numbers on the table: percentages, amounts of money, and tariffs (rate plus goods value).

Value conventions of the `Figure`s made here:
- kind "percent": `value` is the percentage as a number ("25%" -> 25.0); percentage points too.
- kind "money": `value` is the amount in units of the currency written, not converted
  ("$50 billion" -> 50e9, "¥1.2 trillion" -> 1.2e12, "250 billion dollars" -> 250e9); a range
  ("$40 to $50 billion") gives its lower bound.
- kind "tariff": a rate and the goods it applies to, paired where one sentence pairs them
  ("25 percent tariffs on $200 billion of Chinese goods"); `value` is the rate in percent and
  `text` runs from the rate to the amount (the amount alone is not listed again).
"""

from __future__ import annotations

import re

from digest.lexicon import SCALE_WORDS, compile_guarded
from digest.model import Figure
from digest.text import paragraph_spans, sentence_spans

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_FACTORS = {word: 10.0**power for word, power in SCALE_WORDS.items()}
_SCALE = rf"(?:{'|'.join(sorted(SCALE_WORDS, key=len, reverse=True))})(?![\w])"
_CURRENCY = r"(?:US\$|U\.S\.[ ]?\$|USD[ ]?|S\$|HK\$|A\$|C\$|NT\$|RMB[ ]?|CNY[ ]?|\$|€|£|¥|￥)"
_MONEY_PREFIX = compile_guarded(
    rf"(?<![\w$]){_CURRENCY}[ ]?({_NUM})(?:[ ]?(?:-|–|to)[ ]?(?:{_CURRENCY})?[ ]?({_NUM}))?"
    rf"(?:[ \t]*({_SCALE}))?"
)
_MONEY_WORD = re.compile(
    rf"(?<![\w.,])({_NUM})(?:[ \t]*({_SCALE}))?[ \t]+(?:(?:US|U\.S\.|American)[ \t]+)?"
    r"(dollars|yuan|renminbi|euros|pounds|yen)\b",
    re.I,
)
_PERCENT = re.compile(
    rf"(?<![\w.,])({_NUM})(?:[ \t]*(?:%|percent\b|per[ \t]cent\b|pct\b|pc\b|"
    r"percentage[ \t]points?\b)|-per[- ]?cent\b)",
    re.I,
)
# A cheap test that a sentence may hold a figure at all (most sentences don't).
_ANY_FIGURE = re.compile(
    r"[$€£¥￥%]|\d[ \t]*(?:per|pc|-per|[tbm]|dollars|yuan|euros|pounds|yen|renminbi)", re.I
)
_TARIFF_WORD = compile_guarded(r"\b(?:tariffs?|duties|duty|levies|levy)\b", re.I)
_ON = compile_guarded(r"\bon\b", re.I)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every percentage, amount of money and tariff in the text, in order of appearance."""
    figures: list[tuple[int, Figure]] = []
    if not _ANY_FIGURE.search(text):
        return ()
    for p_start, p_end in paragraph_spans(text):
        if not _ANY_FIGURE.search(text, p_start, p_end):
            continue
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            if _ANY_FIGURE.search(text, s_start, s_end):
                figures.extend(_sentence_figures(text, s_start, s_end))
    figures.sort(key=lambda item: item[0])
    return tuple(f for _, f in figures)


def _sentence_figures(text: str, start: int, end: int) -> list[tuple[int, Figure]]:
    sentence = text[start:end].strip()
    money: list[tuple[int, int, float]] = []
    for match in _MONEY_PREFIX.finditer(text, start, end):
        scale = _SCALE_FACTORS.get((match.group(3) or "").lower(), 1.0)
        money.append((match.start(), match.end(), _number(match.group(1)) * scale))
    for match in _MONEY_WORD.finditer(text, start, end):
        if any(s <= match.start() < e for s, e, _ in money):
            continue
        scale = _SCALE_FACTORS.get((match.group(2) or "").lower(), 1.0)
        money.append((match.start(), match.end(), _number(match.group(1)) * scale))
    money.sort()
    percents = [
        (m.start(), m.end(), _number(m.group(1))) for m in _PERCENT.finditer(text, start, end)
    ]
    paired_money: set[int] = set()
    paired_percent: set[int] = set()
    out: list[tuple[int, Figure]] = []
    # "25 percent tariffs on $200 billion of goods": a rate, the tariff word, "on", an amount.
    for m_start, m_end, _ in money:
        before = [p for p in percents if p[1] <= m_start and p[0] not in paired_percent]
        if before:
            p_start, p_end, rate = before[-1]
            between = text[p_end:m_start]
            if (
                len(between) <= 90
                and _TARIFF_WORD.search(text, max(start, p_start - 40), m_start)
                and _ON.search(between)
                and not any(p_end <= s < m_start for s, _, _ in money)
            ):
                out.append((p_start, Figure(text[p_start:m_end], "tariff", rate, sentence)))
                paired_money.add(m_start)
                paired_percent.add(p_start)
                continue
        # "tariffs on $200 billion of goods from 10 percent to 25 percent": the last rate.
        after = [p for p in percents if p[0] >= m_end and p[0] not in paired_percent]
        lead = text[max(start, m_start - 30) : m_start]
        if after and _TARIFF_WORD.search(lead) and _ON.search(lead):
            chain = [p for p in after if p[0] - m_end <= 90]
            if chain:
                p_start, p_end, rate = chain[-1]
                out.append((m_start, Figure(text[m_start:p_end], "tariff", rate, sentence)))
                paired_money.add(m_start)
                paired_percent.update(p[0] for p in chain)
    for m_start, m_end, value in money:
        if m_start not in paired_money:
            out.append((m_start, Figure(text[m_start:m_end], "money", value, sentence)))
    for p_start, p_end, value in percents:
        if p_start not in paired_percent:
            out.append((p_start, Figure(text[p_start:p_end], "percent", value, sentence)))
    return out
