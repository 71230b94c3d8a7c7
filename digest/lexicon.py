"""The project's word lists, each defined once: calendar words, tense markers, speech verbs,
function words, sides. Every stage that needs one of them imports it from here, so a word
added for one rule reaches every rule of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any


def vocab(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, as a set (for readable word lists)."""
    return frozenset(text.split())


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


def alternation_after(words: Iterable[str], not_after: str) -> str:
    """A regex matching what `(?<!not_after)` + `alternation(words)` matches (`not_after` a
    character class such as "[\\w-]", `words` not empty), written so that each branch opens
    with its words' first character and the test of the character before comes after it
    ("B(?<![\\w-]B)eijing"): the regex engine then finds where a match may start with its
    quick scan for those first characters, which a pattern opening with a lookbehind gets no
    use of (capitalised place names over an article: 32 -> 14 µs)."""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = [
        f"{re.escape(first)}(?<!{not_after}{re.escape(first)}){alternation(rest)}"
        for first, rest in sorted(tails.items())
    ]
    return "(?:" + "|".join(branches) + ")"


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, matching exactly the same, but quick to pass over the
    places where no match can start: the characters every match opens with are tested first,
    in a lookahead ("(?=[nw])" before "\\b(?:next|will)\\b"). The regex engine otherwise tries
    each word of a case-insensitive list at every character of a text; nearly every character
    fails that one test at once (twice as fast on news text). A pattern whose opening
    characters cannot be told (one that may open with any letter, as "\\w+" does, or match
    nothing) is compiled as it is."""
    compiled = re.compile(pattern, flags)
    opening = _opening_characters(_parser.parse(pattern, compiled.flags))
    if opening is None or compiled.flags & re.VERBOSE:
        return compiled
    return re.compile(rf"(?=[{''.join(sorted(set(opening)))}])(?:{pattern})", compiled.flags)


def _opening_characters(items: Iterable[tuple[object, Any]]) -> list[str] | None:
    """Character class items (a character or a range, as class text) holding every character a
    match of the parsed sequence `items` can open with; None when that cannot be told or the
    sequence may match nothing."""
    found: list[str] = []
    for op, argument in items:
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # takes no character: the next item opens the match
        if op is _constants.LITERAL:
            return [*found, re.escape(chr(argument))]
        if op is _constants.IN:
            members = [_class_member(kind, value) for kind, value in argument]
            if any(member is None for member in members):
                return None  # a negated class or one such as \\w: any character
            return [*found, *(m for m in members if m is not None)]
        if op is _constants.BRANCH:
            branches = [_opening_characters(branch) for branch in argument[1]]
            if any(branch is None for branch in branches):
                return None
            return [*found, *(c for b in branches if b is not None for c in b)]
        if op is _constants.SUBPATTERN:
            _, added_flags, _, body = argument
            if added_flags:
                return None  # "(?i:…)" inside: its characters are matched otherwise
            inner = _opening_characters(body)
            return None if inner is None else [*found, *inner]
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            least, _, body = argument
            inner = _opening_characters(body)
            if inner is None:
                return None
            if least:
                return [*found, *inner]
            found += inner  # optional: the match may open with what follows it too
            continue
        return None  # any character, a backreference…: anything may open the match
    return None  # the sequence may match nothing


def _class_member(kind: object, value: Any) -> str | None:
    """A character class item (a character or a range) as class text; None for any other
    (a category such as \\w, a negation)."""
    if kind is _constants.LITERAL:
        return re.escape(chr(value))
    if kind is _constants.RANGE:
        return f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
    return None


FOLDED_ONTO_ASCII = "\u0130\u0131\u017f"
"""The characters that case-insensitive matching takes for an ASCII letter although their
lower case is not that letter (dotted and dotless i, long s): a text holding none of them
holds an ASCII needle in its lower case wherever a case-insensitive match holds it."""
_FOLDED_ONTO_ASCII = re.compile(f"[{FOLDED_ONTO_ASCII}]")


class GatedPattern:
    """A compiled pattern that first tests whether the text holds one of its needles, literal
    words every match contains (read off the parsed pattern by `compile_gated`), and runs the
    regex engine only then: one `str.__contains__` per needle instead of the engine's step at
    every character (most sentences hold none of a word list's words). Finds exactly what the
    pattern finds; only the methods the stages use are offered."""

    __slots__ = ("compiled", "folded", "needles")

    def __init__(self, compiled: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.compiled = compiled
        self.needles = needles
        self.folded = bool(compiled.flags & re.IGNORECASE)
        """Needles are lower case and sought in the text's lower case."""

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def may_match(self, text: str) -> bool:
        """False only when `text` can hold no match."""
        if not self.folded:
            return any(map(text.__contains__, self.needles))
        if any(map(text.lower().__contains__, self.needles)):
            return True
        return not text.isascii() and _FOLDED_ONTO_ASCII.search(text) is not None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(text, pos) if self.may_match(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text) if self.may_match(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text) if self.may_match(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text) if self.may_match(text) else []

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text) if self.may_match(text) else text


def compile_gated(pattern: str, flags: int = 0) -> GatedPattern:
    """`compile_guarded(pattern, flags)` behind a needle test (`GatedPattern`), for a pattern
    run on many texts that seldom match it. The needles are the literal words of one part
    every match must hold (a word, or one word of each branch of an alternation), the part
    whose shortest needle is longest. Worth it only for a pattern whose needles are rare: a
    text holding one pays for the test and the search (measured on 64,000 sentences of the
    benchmark corpus: a word list of rare words 2-3 µs → 1 µs per sentence; "will|would|…",
    found in half of them, 5.5 → 7.1 µs). A pattern with no needle gets the empty one, which
    every text holds: it is always searched."""
    compiled = compile_guarded(pattern, flags)
    folded = bool(compiled.flags & re.IGNORECASE)
    needles = _needles(_parser.parse(pattern, compiled.flags), folded) or {""}
    return GatedPattern(compiled, tuple(sorted(needles)))


def _needles(items: Iterable[tuple[object, Any]], folded: bool) -> set[str] | None:
    """The best set of literal words one of which every match of the parsed sequence `items`
    holds (lower case, and ASCII only, when `folded`); None when none can be told."""
    options = _needle_options(items, folded)
    if not options:
        return None
    return max(options, key=lambda words: (min(map(len, words)), -len(words)))


def _needle_options(items: Iterable[tuple[object, Any]], folded: bool) -> list[set[str]]:
    """Each set of literal words one of which every match of the parsed sequence holds: its
    runs of literal characters, and the needles of its groups, alternations and repeats that
    must match at least once."""
    options: list[set[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            options.append({"".join(run)})
            run.clear()

    for op, argument in items:
        if op is _constants.LITERAL:
            character = chr(argument)
            if folded and not character.isascii():
                end_run()  # folded onto characters a lower-cased text does not show
                continue
            run.append(character.lower() if folded else character)
            continue
        end_run()
        inner: list[set[str] | None] = []
        if op is _constants.SUBPATTERN and not (argument[1] or argument[2]):
            inner = [_needles(argument[3], folded)]  # a group without flags of its own
        elif op is _constants.BRANCH:
            branches = [_needles(branch, folded) for branch in argument[1]]
            if all(branches):
                inner = [set().union(*(b for b in branches if b))]
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and argument[0] >= 1:
            inner = [_needles(argument[2], folded)]
        options += [words for words in inner if words]
    end_run()
    return options


# --- Calendar -------------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Lower-case weekday names; the position is `date.weekday()` (Monday = 0)."""

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""Lower-case month names; the position plus one is the month's number."""

MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
"""Abbreviated month names as news copy writes them ("Sept. 5"), with the month's number."""

MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, 1)} | MONTH_ABBREVIATIONS
"""Every spelling of a month (lower case) → its number."""

RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
"""Words naming a day by its distance from the day they were said or written: a remark's
"tomorrow" is the day after the remark."""

WEEKDAY_PATTERN = "(?:" + "|".join(day.title() for day in WEEKDAYS) + ")"
"""A capitalised weekday name, as a regex group."""

FULL_MONTH_PATTERN = "(?:" + "|".join(month.title() for month in MONTHS) + ")"
"""A capitalised month name written out, as a regex group."""

MONTH_PATTERN = (
    "(?:"
    + "|".join(
        [month.title() for month in MONTHS]
        # Longest first, so that "Sept" is not read as "Sep" followed by "t".
        + sorted((a.title() for a in MONTH_ABBREVIATIONS), key=lambda a: (-len(a), a))
    )
    + r")\.?"
)
"""A capitalised month name or abbreviation, with an optional period ("Jan.")."""

# --- Tense ----------------------------------------------------------------------------------

_BE = ("is", "are", "was", "were")
_STEPS = (
    *("meet", "hold", "begin", "start", "resume", "visit", "travel", "sign", "take effect"),
    *("come into effect", "open", "continue"),
)
FUTURE_PHRASES = (
    *("will", "won’t", "won't", "shall", "would", "is going to", "are going to", "scheduled"),
    *(f"{be} {state}" for be in _BE for state in ("set to", "scheduled", "expected")),
    *("expected to", "is due", "are due", "plan to", "plans to", "planning to", "upcoming"),
    *("next week", "next month", "take effect", "takes effect", "come into effect"),
    "comes into effect",
    *(f"to {step}" for step in _STEPS),
)
"""The phrases of `FUTURE_MARKERS` (lower case). None is the start of another, so the trie
`alternation` makes of them matches what the list would, phrase by phrase."""
FUTURE_MARKERS = compile_guarded(rf"\b(?:{alternation(FUTURE_PHRASES)})\b|[’']ll\b", re.IGNORECASE)
"""Words that put a clause in the future ("will meet", "is scheduled", "next week"): a date in
such a clause is a plan, not a report of what happened. A trie of the phrases, not a list of
them: the engine tries one branch per first letter (twice as fast on news sentences, every
one of which assignment and summaries test)."""

PAST_MARKERS = compile_guarded(
    r"\b(?:said|says|told|met|held|was|were|had|did|spoke|began|ended|came|went|left|took|made|"
    r"wrote|announced|agreed|concluded|wrapped|arrived|tweeted|reported|[a-z]+ed)\b",
    re.IGNORECASE,
)
"""Words that put a clause in the past: a bare weekday in it lies before the publication."""

# --- Numbers --------------------------------------------------------------------------------

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
"""Numbers news copy writes in words ("four months", "Ninety per cent")."""

ORDINAL_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        1,
    )
}
"""Ordinals in words ("the fourth round"), which copy also writes "4th"."""

SCALE_WORDS = {
    "thousand": 3,
    "k": 3,
    "million": 6,
    "mn": 6,
    "mln": 6,
    "m": 6,
    "billion": 9,
    "bn": 9,
    "bln": 9,
    "b": 9,
    "trillion": 12,
    "tn": 12,
    "tr": 12,
}
"""Words and abbreviations scaling an amount ("$200bn", "1.5 trillion yuan"), as powers of ten."""

MAGNITUDES = {
    **{word: f"e{power}" for word, power in SCALE_WORDS.items()},
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "pc": "%",
    "%": "%",
}
"""Units after a number, each with the one way a figure is written whatever the outlet's style
("$200bn", "$200 billion"; "25%", "25 per cent", "25 percent")."""

# --- Speech ---------------------------------------------------------------------------------

SPEECH_VERBS = vocab(
    "said says say told tells added adds adding wrote writes writing tweeted tweets posted "
    "stated noted noting explained explaining remarked declared declares announced "
    "announcing asserted asserting insisted insisting argued arguing stressed stressing "
    "emphasized emphasised emphasizing emphasising warned warning urged urging claimed claiming "
    "complained acknowledged acknowledging conceded described describes describing called "
    "calling characterized characterised characterizing characterising labeled labelled dubbed "
    "replied responded answered quipped recalled predicted vowed vowing pledged promised "
    "promising suggested suggesting indicated confirmed echoed reported reports quoted asked "
    "continued observed commented boasted touted cautioned saying hailed praised lamented "
    "countered joked blasted slammed criticized criticised accused demanded reiterated "
    "reiterating affirmed proclaimed highlighted underscored telling maintained contended "
    "announces signaled signalled"
)
"""Verbs that introduce or attribute a quotation."""

ATTRIBUTION_VERBS = vocab("said says told added wrote noted stated tweeted argued explained")
"""The speech verbs that follow a speaker's name in news copy ("Jane Doe said"): a sign that
the capitalised words before them name a person."""

# --- Function words -------------------------------------------------------------------------

STOP_WORDS = vocab(
    """a about after all also an and any are as at be been before being but by can could did do
    does for from had has have he her his how i if in into is it its may might more most
    must no not of on only or other our out over said says she should so some such than that
    the their them then there these they this those to under up was we were what when where
    which while who whom whose why will with would you your"""
)
"""Function words: a line of real prose has a good share of them, a label or a list of names
has almost none."""

MEDIA_HEADS = vocab("agency newspaper tabloid broadcaster outlet network channel wire daily")
"""Nouns a news outlet's description ends with ("state news agency", "party newspaper")."""

WIRE_AGENCIES = (
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Bloomberg",
    "Xinhua",
    "UPI",
    "EFE",
    "dpa",
    "PTI",
    "IANS",
    "ANI",
    "Kyodo",
    "Yonhap",
    "TASS",
    "CNS",
)
"""News agencies whose name alone on a line is the story's credit, not its prose."""

DANGLING_WORDS = vocab("a an the of to at for with from into as and or but than")
"""Articles, prepositions and conjunctions a finished line (a headline, a sentence) does not
end with; a prompt waiting for a name ("Logged in to your account as") or a cut teaser
does. (Not "in", "on", "by", "up": they end phrasal verbs, "as the new duties kick in".)"""

ABBREVIATIONS = vocab(
    """mr mrs ms dr prof sen rep gov gen lt col st jr sr inc corp co ltd no vol vs u.s u.k u.n
    e.u jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m i.e e.g ft mt"""
)
"""Words after which a period does not end a sentence."""

# --- Names ----------------------------------------------------------------------------------

CHINESE_SURNAMES = vocab(
    """li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng
    liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye
    cheng wei su lu ding ren yao shen zhong cui tan fan liao shi jin jia xia fu fang zou xiong
    bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan qian yi kong xi
    geng hua ning bo lou wen mei zhai chu chi che ge niu ou"""
)
"""Common Chinese surnames (pinyin), to tell "Liu He" (surname first) from "Scott Bessent"."""

# --- Sides ----------------------------------------------------------------------------------

SIDES = ("us", "china", "other")
"""The sides of the negotiation a person or body speaks for, in display order."""

SIDE_LABELS = {"us": "United States", "china": "China", "other": "Other"}
"""How each side is named on pages and charts."""

SIDE_WORDS = {
    "us": frozenset({"us", "u.s", "u.s.", "american", "america", "united", "washington"}),
    "china": frozenset({"china", "chinese", "china's", "beijing", "beijing's", "prc"}),
}
"""Lower-case words that name a side in a title ("the US Treasury chief", "China's envoy")."""

ANY_SIDE_WORDS = SIDE_WORDS["us"] | SIDE_WORDS["china"] | {"states"}
"""Words that name one side or the other ("states" of "United States"): what is left of a
title or a body's name once they are set aside says who or what it is."""

SIDE_NAMES = {
    "china": (
        r"\b(?:China|Chinese|Beijing|PRC|Xinhua|MOFCOM|State Council|Ministry of Commerce|"
        r"Foreign Ministry|Vice Premier)\b"
    ),
    "us": (
        r"\b(?:U\.?S\.?|United States|American|Washington|White House|USTR|Treasury|"
        r"Commerce Department|Trade Representative|State Department)\b"
    ),
}
"""Regexes (case-sensitive) for words in an institution's name or a speaker's description
that tell its side ("China's Ministry of Commerce", "the White House"); a name with both
sides' words ("the US-China Business Council") tells none."""

# --- Sentences lifted out of their article ---------------------------------------------------

UNRESOLVED_OPENINGS = vocab(
    """he she it they them his her its their him this that these those such but and or nor so
    also still however meanwhile yet instead nevertheless moreover furthermore besides then
    thus therefore otherwise additionally likewise similarly again"""
)
"""First words that point back to a sentence a page does not show (a pronoun or a
connective): "He added…", "But the talks…", "It also…". Subordinators ("While…", "Although…")
are not here: their sentence carries both halves."""

RELATIVE_OPENERS = vocab("later earlier afterwards afterward subsequently then")
"""Time words that, alone before a comma at a sentence's start ("Later, the two sides…"),
place it after or before something the sentence does not name."""

TIME_NOUNS = vocab(
    """week weekend month year morning afternoon evening night day time round spring summer
    autumn fall winter quarter"""
)
"""Nouns after which "this"/"that" points at a time, not back at an earlier sentence."""

INTERFACE_PHRASES = (
    "video player",
    "click here",
    "subscribe",
    "sign up",
    "newsletter",
    "read more",
    "download the app",
    "all rights reserved",
    "advertisement",
    "cookies",
    "javascript",
    "your browser",
    "log in",
    "share this",
    "follow us",
    "watch her remarks",
    "watch his remarks",
)
"""Phrases of a web page's interface, never of a news sentence about trade talks (not
"copyright": intellectual property is a topic of the talks)."""

TALKS_VOCABULARY = (
    r"\b(?:trade|talks?|tariffs?|deal|agree\w*|negotiat\w*|consultations?|econom\w+|"
    r"purchases?|exports?|imports?|sanctions?|truce|dispute|war|framework|statement|"
    r"dialogue|relations|market|goods|meet|met|meeting|summit|negotiators?|delegations?)\b"
)
"""The vocabulary of the talks (a case-insensitive regex): a sentence with none of it, names
and titles aside, is colour ("…were later seen walking into the West Wing")."""

GESTURE_VOCABULARY = (
    r"\b(?:laugh\w*|smil(?:e|ed|es|ing)|grinn\w*|chuckl\w*|shook hands|handshakes?|"
    r"sat across|posed for|struck an? \w+ (?:note|tone)|(?:held |had )?(?:high|much) drama)\b"
)
"""Words of a gesture, mood or scene (a case-insensitive regex): a sentence made of them tells
the colour of the talks, not what was said or decided ("the envoy laughed out loud")."""

HEDGES = (
    r"\b(?:I (?:think|believe|hope|guess|suspect|feel)|maybe|probably|perhaps|at some point|"
    r"who knows)\b"
)
"""Words hedging a remark into a guess (a case-insensitive regex): "I think it has a very good
chance" says what the speaker expects, not what happened or was decided."""

PUNDITS = r"\b(?:observers|experts|analysts|commentators|economists|pundits|critics)\b"
"""Unnamed commentators (a case-insensitive regex): a sentence whose subject they are gives a
view of the talks, not what the sides said or did."""
OPINION_VERBS = r"\b(?:believe|expect|think|predict|say|doubt|suggest|warn|see)\b"
"""Verbs giving a view or a guess (a regex): "Observers believe the meeting will…"."""

MEAL_NOUNS = vocab("meal dinner lunch luncheon banquet breakfast menu")
"""The meal of a meeting: a sentence about the meal itself ("The dinner, moved up an hour,
included…") tells the scene, not what was said or decided over it."""

DOCUMENT_NOUNS = vocab("statement announcement readout remarks comments")
"""What a side issued or said, as a noun: "The statement said…" at a sentence's start points
back at a statement the page does not name (which one, whose?)."""


# --- Kinds of news ------------------------------------------------------------------------

EVENT_KINDS = {
    "truce": vocab("truce truces ceasefire detente détente"),
    "extension": vocab("extend extends extended extending extension extensions prolong prolonged"),
    "voiding": vocab("void voided nullify nullified invalid invalidated"),
    "cut": vocab(
        """cut cuts cutting lower lowered lowering reduce reduced reduces reducing reduction
        halve halved halving slash slashed"""
    ),
    "rise": vocab("raise raised raises raising increase increased increases hike hiked hikes"),
    "signing": vocab("sign signed signs signing signature"),
    "pause": vocab(
        "pause paused pauses pausing postpone postponed postponing delay delayed delaying "
        "suspend suspended suspending"
    ),
    "deal struck": vocab("struck strike strikes clinched clinch sealed seal"),
}
"""Kinds of news an outlet words in its own way ("a truce" / "a ceasefire", "will be extended"
/ "an extension"), each with the words that tell it: two sentences of one round that tell the
same kind of news about the same things tell the same news. Only specific kinds: "agreed" or
"talks" name nearly every sentence of a page."""
EVENT_PHRASES = {
    "voiding": re.compile(r"\bnot (?:take|come into|go into) effect\b", re.I),
    "pause": re.compile(r"\bhold(?:s|ing)? off\b|\bnot (?:to )?impose\b|\brefrain", re.I),
}
"""Wordings of a kind of news in several words ("will not take effect" is voiding, "hold off
on tariffs" and "not impose further tariffs" a pause)."""
GENERIC_TALKS_WORDS = vocab("trade talks two sides countries economies negotiators officials")
"""Words nearly every sentence about a round uses: sharing them shows no common subject."""

JUDGEMENTS = (
    r"\b(?:should (?:not )?be (?:seen|read|taken) as|certainly|arguably|undoubtedly|"
    r"in (?:large|no small) part because|it remains to be seen|(?:may|might) be(?!\s+\w+ed\b)|"
    r"(?:leav(?:e|es|ing)|left) (?:little|no|scant) room)\b"
    r"|\b(?:there (?:is|are|was|were)|(?:is|are|was|were) there) the (?:potential|possibility|"
    r"risk|prospect|threat) (?:for|of)\b"
)
"""The writer's own judgement or guess (a case-insensitive regex): "is certainly welcome but
should not be read as…", "may be hers to lose", "stalled, in large part because…". A
sentence with one and no one credited for it is commentary, not news. "May be" before a
participle forecasts a step ("tariffs may be raised on March 1"): news, not a guess. So are
"leaving little room for…" (the writer weighing the odds) and "there is the potential for…"
(what might happen, said by no one: an opinion piece's framing, "Not only is there the risk
of dearer soybeans, but…")."""
CROWD_VIEWS = (
    r"\b(?:many|some|few|most)\s+(?:believe[sd]?|think|thought|fear(?:ed)?|felt|feel)\b"
    r"|\b(?:much|some|growing|widespread|intense|rife)\s+speculation\b"
)
"""A view credited to no one in particular (a case-insensitive regex): "many believed the
delay had helped", "there was much speculation that…"."""

STATEMENT_ISSUED = (
    r"\b(?:issued|released|put out|published)\s+(?:a|an|its|their)\s+(?:\w+\s+){0,2}"
    r"(?:statement|readout|communiqu[eé])\b"
    r"|\b(?:spoke|speaks|speaking)\b(?![^.;]*\b(?:with|to|by phone)\b)"
)
"""That a statement was made (a regex): issued or spoken ("The Treasury chief spoke after the
delegation left"; not "spoke with" or "spoke to" someone, a call or a meeting): news only
with what it said."""
MENTIONED = r"\b(?:referred|refers|referring|alluded|alludes|alluding) to\b"
"""That something was mentioned (a regex): "also referred to the agreement they made" names
what came up, not what was said of it: news only with a claim (`STATEMENT_CLAIM`)."""
STATEMENT_CLAIM = (
    r"\b(?:that|saying|said|says|calling|describing|vowing|pledging|announcing|urging|"
    r"warning|which|outlining)\b|[:“\"]"
)
"""Words that report what a statement claimed (a regex): "…saying…", "…that…", a quotation."""
STATEMENT_CONTENT = (
    STATEMENT_CLAIM + rf"|\b(?:on|about)\s+(?!{WEEKDAY_PATTERN}|{FULL_MONTH_PATTERN}|\d|"
    rf"{alternation(NUMBER_WORDS)}\b)"
)
"""Words that report what a statement said (a regex): a claim, or its subject ("…a
statement on trade consultations"; not "on Sunday", nor "after about two hours": a day or an
approximate number is no subject)."""
