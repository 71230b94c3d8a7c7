"""Offset-keeping text helpers shared by the extractors: paragraphs, sentences, vocabularies."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of `words`, as a trie ("sa(?:id|ys)"): the regex engine tries far
    fewer branches per position than with a flat "said|says|..." list."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def vocab(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set (for readable word lists)."""
    return frozenset(text.split())


# A blank line (possibly holding spaces) separates paragraphs in cleaned text.
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# A sentence ends at . ! ? (optionally followed by closing marks) before a space and a capital
# or an opening mark. Digits are left out on purpose: "Jan. 1" and "No. 2" are not ends.
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’»″)\]]*\s+(?=[\"'“‘«(\[]?[A-Z\u00C0-\u024F\u0410-\u042F\ue000])"
)

# Words after which a period does not end a sentence.
_ABBREV = vocab(
    """mr mrs ms dr prof sen rep gov gen lt col st jr sr inc corp co ltd no vol vs u.s u.k u.n
    e.u jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m i.e e.g ft mt"""
)

_LAST_WORD = re.compile(r"([\w.]+)\.?[\"'”’)\]]*$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each non-blank paragraph of `text`."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARA_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in text[start:end], abbreviations respected."""
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        head = text[max(begin, match.start() - 24) : match.start() + 1]
        word = _LAST_WORD.search(head)
        if word:
            token = word.group(1).lower().rstrip(".")
            # A single capital initial ("J.") or a known abbreviation does not end a sentence.
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < end:
        spans.append((begin, end))
    return spans


# Common Chinese surnames (pinyin), used to tell "Liu He" (surname first) from "Scott Bessent".
CHINESE_SURNAMES = vocab(
    """li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye
    cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia xia fu fang zou xiong
    bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan qian yi kong xi
    geng hua ning bo lou wen mei zhai chu chi che ge niu ou"""
)


CREDIT_LINE_WORDS = 16
"""A credit line is short: a name, an outlet, a place and a job title (bylines in the wire
style run to about a dozen words); a longer paragraph is prose that mentions a reporter."""

# A reporter's or editor's credit: "By Jane Roe", "Reporting by ...; Editing by ...",
# "Jane Roe, Beijing correspondent" (the job title ends the line), "Jane Roe reports from
# Beijing".
_CREDIT = re.compile(
    r"^(?:(?:additional\s+)?(?:reporting|writing|editing|written|edited|compiled|produced)"
    r"\s+by\b|by\s+[A-Z])"
    r"|,\s+(?:[\w’'.-]+\s+){0,4}(?:correspondent|reporter|staff\s+writer|bureau\s+chief|"
    r"producer|journalist)[.\s]*$"
    r"|^(?:[A-Z][\w’'.-]*\s+){1,4}reports?\s+(?:from|for)\b",
    re.IGNORECASE,
)


def is_credit_line(paragraph: str) -> bool:
    """Whether a paragraph credits a reporter or editor rather than telling the story: the
    people it names are not speakers and "he" in the story is not them."""
    return len(paragraph.split()) <= CREDIT_LINE_WORDS and bool(_CREDIT.search(paragraph))


def credit_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the paragraphs that are credit lines."""
    return [(s, e) for s, e in paragraphs if is_credit_line(text[s:e])]
