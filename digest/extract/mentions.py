"""People, places and topics an article mentions, and the name resolution quotes rely on.

A `Cast` holds every person an article names, with where and under which title; it answers
"who is Mr Gao here?", "who is the vice premier on this date?" for the attribution rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Generic, TypeVar

from digest.lexicon import (
    ANY_SIDE_WORDS,
    ATTRIBUTION_VERBS,
    CHINESE_SURNAMES,
    MONTHS,
    SIDE_WORDS,
    WEEKDAYS,
    alternation,
    alternation_after,
    compile_guarded,
    vocab,
)
from digest.model import Institution, Person, Topic
from digest.text import paragraph_spans

_List = TypeVar("_List")
_Index = TypeVar("_Index")


class same_list_as_last(Generic[_List, _Index]):  # lower case: used as a decorator
    """`index` (an lru_cache'd function of a list) answering a call with the very list object
    of the call before at once: every article of a build passes the same people tuple, and
    hashing 2,000 people for the cache look-up cost more than extracting the article.
    `__wrapped__` stays the uncached function, for lists that cannot be hashed."""

    def __init__(self, index: Callable[[_List], _Index]) -> None:
        self._index = index
        self.__wrapped__: Callable[[_List], _Index] = getattr(index, "__wrapped__", index)
        self.__doc__ = index.__doc__
        self._last: list[tuple[_List, _Index]] = []  # holds the list: its id is never reused

    def __call__(self, items: _List) -> _Index:
        if self._last and self._last[0][0] is items:
            return self._last[0][1]
        result = self._index(items)
        self._last[:] = [(items, result)]
        return result


# Folded before names are compared: curly apostrophes, and Cyrillic letters that look Latin
# (some scraped pages spell "Dоnald" with a Cyrillic "о").
_APOS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        **dict(zip("аеорсхуіјѕАВЕКМНОРСТХ", "aeopcxyijsABEKMHOPCTX", strict=True)),
    }
)

# Words that make up titles and honorifics in front of (or instead of) a name.
TITLE_WORDS = vocab(
    """president vice premier secretary treasury commerce trade representative minister ministry
    foreign finance state deputy under undersecretary chief economic adviser advisor national
    security council director press spokesman spokeswoman spokesperson ambassador mr mrs ms dr
    prof professor sen senator rep gov governor general chairman chairwoman chair leader us u.s
    american chinese china's china international affairs white house former acting prime
    negotiator top senior envoy counselor councillor councilor commissioner head officer
    executive ceo economist analyst communist central bank people's of for and the assistant
    special associate first lady sir strategist trader lawyer attorney justice official
    representative's agriculture defense defence homeland labor energy interior commissioner's
    fellow researcher professor's editor columnist founder partner chairman's ustr us-china
    economy finance united states apec g20 g-20 team lead chief's vice-premier vice-president
    cabinet politburo standing committee member administrator staff"""
)

# Capitalised words that never belong to a person's name.
NON_NAME = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | vocab(
        """the a an in on at it its this that
    these those but and or so he she they we i you his her their our my if as after before when
    while during with from by to for of not no yes there here what who how why where however
    meanwhile separately also still yet beijing washington china chinese america american
    united states kingdom britain british japan japanese korea korean south north east west
    asia asian europe european union pacific geneva london stockholm madrid kuala lumpur busan
    osaka buenos aires shanghai malaysia switzerland swiss sweden spain argentina alaska
    anchorage hong kong taiwan russia russian ukraine india canada mexico germany france
    house department ministry office agency council commission bank institute fund chamber
    university times post news daily journal street group party congress senate summit forum
    association center centre corp company inc exchange market markets administration
    committee reuters bloomberg xinhua cnbc cnn fox business telegraph guardian economist
    tiktok huawei phase one two deal trade war tariff tariffs reciprocal oval air force truth
    social twitter apec g20 g-20 asean wto imf national federal reserve treasury commerce
    global times people's daily ap afp agence france-presse press dollar yuan covid-19
    coronavirus christian science monitor lancaster palace buckingham white though although
    port airport island bay river province city county district zone square hall road avenue
    building base hotel resort bureau politburo staff morgan chase bridge park gate tower
    because unless whether even since until then once now today yesterday tomorrow if when
    while as but so yet after before one two three some many most several all both each every
    not what which how why where"""
    )
)

# Days and months: a capitalised run "Jane Doe Monday" ends with one when US news style puts
# the day right after the name ("May" left out: it is a name too).
CALENDAR_WORDS = (frozenset(WEEKDAYS) | frozenset(MONTHS)) - {"may"}

# Capitalised words that open sentences and clauses but never name anyone.
FUNCTION_WORDS = vocab(
    """though although because unless whether even since until then once now today yesterday
    tomorrow if when while as but and so yet after before however meanwhile still also this
    later earlier separately instead asked speaking writing
    that these those there here it its in on at by for with from of to one two three some
    many most several all both each every no not what which who how why where the a an"""
)

# A capitalised word, an initial ("J.", "U.S.") or an abbreviated title ("Mr.", "Dr."); other
# words take no period, so a run of names stops at a sentence end ("... Jinping. Later ...").
_CAP_TOKEN = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Sen|Rep|Gov|Lt|Col|Prof)\.|(?:[A-Z]\.){1,3}"
    r"|[A-Z\u00C0-\u00DE\u0410-\u042F][\w’'\-]*)"
)
NAME_RUN = compile_guarded(rf"(?<![\w’'\-]){_CAP_TOKEN}(?:[ \t]+{_CAP_TOKEN})*")
_POSSESSIVE = re.compile(r"[’']s?$")

# Words before a name, read back for title words ("commerce ministry spokesman Gao Feng").
_WORDS_BEFORE = re.compile(r"[\w’'.\-]+")


# Spellings of one title or side folded together, so titles compare as token sets.
_TITLE_SYNONYMS = {
    "spokeswoman": "spokes",
    "spokesman": "spokes",
    "spokesperson": "spokes",
    "leader": "president",
    "advisor": "adviser",
    "ministers": "minister",
    "representative's": "representative",
    "china's": "china",
    "u.s": "us",
    "u.s.": "us",
    "america": "us",
    "american": "us",
    "chinese": "china",
}


@lru_cache(maxsize=8192)
def norm_tokens(text: str) -> tuple[str, ...]:
    """Lower-cased word tokens of a title or name, hyphens split, apostrophes straightened,
    synonyms folded ("spokeswoman" and "spokesman" are one title, "leader" is "president")."""
    text = text.translate(_APOS).lower().replace("u.s.", "us")
    out = []
    for token in re.split(r"[^\w'.]+|-", text):
        token = token.strip(".")
        if token.endswith("'s"):
            token = token[:-2]
        token = token.strip("'")
        if token:
            out.append(_TITLE_SYNONYMS.get(token, token))
    return tuple(out)


def side_of(tokens: Sequence[str]) -> str | None:
    """'us' or 'china' when a title says which side it belongs to."""
    toks = set(tokens)
    if toks & {"us", "american", "america", "washington"} or {"united", "states"} <= toks:
        return "us"
    if toks & SIDE_WORDS["china"]:
        return "china"
    return None


_KEY_STOP = vocab(
    "the a an top senior then of for and mr ms mrs dr new current chief his her its their side"
)
LEAD_NEGOTIATOR = {"china": frozenset({"vice", "premier"})}
"""The title of a side's lead negotiator in the trade talks when that is fixed: China's
delegation has been led by a vice premier since 2018 (Liu He, then He Lifeng), so "China's
lead negotiator" is the vice premier of the day. The US lead has been the Trade Representative
or the Treasury Secretary by turns, so a bare US "lead negotiator" is left unresolved."""
_LEAD_WORDS = frozenset({"lead", "chief"})


def title_key(text: str) -> tuple[set[str], str | None]:
    """The content words of a title-only reference and the side it names, if any.

    "the US Treasury chief" -> ({"treasury", "secretary"}, "us"); "the vice premier" ->
    ({"vice", "premier"}, None).
    """
    tokens = norm_tokens(text)
    key = set(tokens) - ANY_SIDE_WORDS - _KEY_STOP
    side = side_of(tokens)
    if "chief" in tokens and "treasury" in key:
        key.add("secretary")  # "Treasury chief" is how headlines say Treasury Secretary
    if key == {"lead", "negotiator"} or (key == {"negotiator"} and _LEAD_WORDS & set(tokens)):
        # "the Chinese side's lead negotiator" ("top trade negotiator" has named others too)
        key = set(LEAD_NEGOTIATOR.get(side or "", key))
    return key, side


def _person_side(person: Person) -> str | None:
    side = (person.side or "").lower()
    if side in {"us", "usa", "united states", "american", "u.s."}:
        return "us"
    if side in {"china", "cn", "prc", "chinese"}:
        return "china"
    return side or None


@lru_cache(maxsize=4096)
def surname_of(name: str, chinese: bool | None = None) -> str:
    """The surname key of a full name: the first word of a Chinese name, else the last."""
    parts = name.split()
    if not parts:
        return ""
    if chinese is None:
        chinese = len(parts) == 2 and parts[0].lower() in CHINESE_SURNAMES
    return (parts[0] if chinese else parts[-1]).lower().translate(_APOS)


@lru_cache(maxsize=4096)
def _name_key(name: str) -> str:
    return " ".join(name.translate(_APOS).lower().split())


@dataclass(frozen=True)
class Known:
    """The people list, indexed for lookups by full name, alias and surname."""

    people: tuple[Person, ...]
    by_name: dict[str, Person]
    by_surname: dict[str, tuple[Person, ...]]
    # a word of any title -> positions in `people` of those who held a title with it
    by_title_word: dict[str, frozenset[int]] = field(default_factory=dict)

    def may_hold(self, key: set[str] | frozenset[str]) -> list[Person]:
        """The people, in list order, who held some title with every word of `key`: the only
        ones a title-only reference can fit, found without a pass over the whole list."""
        holders = [self.by_title_word.get(word, frozenset()) for word in key]
        if not holders:
            return list(self.people)
        return [self.people[i] for i in sorted(frozenset.intersection(*holders))]

    def role_tokens(self, person: Person, day: date | None) -> list[frozenset[str]]:
        """Token sets of the titles `person` held on `day` (every title when undated; a
        compound title "Trade Representative and Vice Commerce Minister" gives one each)."""
        if day is None:
            return [k for r in person.roles for k in _role_keys(r.title)]
        title = person.role_on(day)
        held = list(_role_keys(title)) if title else []
        # Roles without dates name the title a person is known by: usable on any day.
        held += [k for r in person.roles if r.start is r.end is None for k in _role_keys(r.title)]
        return held


@lru_cache(maxsize=1024)
def _role_keys(title: str) -> tuple[frozenset[str], ...]:
    """The words of each title a role joins with "and", each up to any "to ..."/"for ..."
    complement: "Senior Counselor to the President" is a counselor, not a president."""
    keys = []
    for part in re.split(r"\s+and\s+", title):
        tokens = norm_tokens(part)
        for i, token in enumerate(tokens):
            if token in ("to", "for") and i:
                tokens = tokens[:i]
                break
        if tokens:
            keys.append(frozenset(tokens))
    return tuple(keys)


# A title with one of these is a lower rank: a "vice commerce minister" is not the
# commerce minister, so a reference without the word does not fit it.
_RANK_QUALIFIERS = frozenset({"vice", "deputy", "assistant", "under", "undersecretary"})


def fits(key: set[str] | frozenset[str], role: frozenset[str]) -> bool:
    """Whether a title-only reference's words `key` fit a role's words (rank included)."""
    return key <= (role - {"of", "the"}) and not (role & _RANK_QUALIFIERS) - key


@same_list_as_last
@lru_cache(maxsize=64)
def index_people(people: tuple[Person, ...]) -> Known:
    """Index a people list (cached: the same list is passed for every article)."""
    by_name: dict[str, Person] = {}
    by_surname: dict[str, list[Person]] = {}
    by_title_word: dict[str, set[int]] = {}
    for position, person in enumerate(people):
        for role in person.roles:
            for words in _role_keys(role.title):
                for word in words:
                    by_title_word.setdefault(word, set()).add(position)
        for name in person.names:
            key = " ".join(name.translate(_APOS).lower().split())
            by_name.setdefault(key, person)
        chinese = _person_side(person) == "china"
        by_surname.setdefault(surname_of(person.name, chinese), []).append(person)
    return Known(
        people,
        by_name,
        {k: tuple(v) for k, v in by_surname.items()},
        {k: frozenset(v) for k, v in by_title_word.items()},
    )


@dataclass
class Mention:
    """One naming of a person in the article."""

    pos: int
    name: str
    surname: str
    title: frozenset[str]


@dataclass
class Cast:
    """The people an article names, in order, and the resolution of later references to them."""

    known: Known
    published: date | None
    institutions: Institutions | None = None
    mentions: list[Mention] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    # surname (or one-word name) -> sorted (pos, full name): keeps look-ups fast in long texts
    _by_key: dict[str, list[tuple[int, str]]] = field(default_factory=dict, repr=False)
    _named: set[str] = field(default_factory=set, repr=False)

    def named(self, name: str) -> bool:
        """Whether the article has named `name` so far."""
        return name in self._named

    def add(self, pos: int, name: str, title: Sequence[str] = (), chinese: bool | None = None):
        """Record that the article names `name` at `pos` (with the title it gives, if any)."""
        person = self.known.by_name.get(_name_key(name))
        if person is not None:
            name = person.name
            chinese = _person_side(person) == "china"
        mention = Mention(pos, name, surname_of(name, chinese), frozenset(title))
        self.mentions.append(mention)
        for key in {mention.surname, name.lower().translate(_APOS)}:
            bisect.insort(self._by_key.setdefault(key, []), (pos, name))
        if name not in self._named:
            self._named.add(name)
            self.order.append(name)
        return name

    def by_surname(self, surname: str, pos: int, title: Sequence[str] = ()) -> str | None:
        """Full name for a surname-only reference at `pos` ("Mr Gao", "Vice Premier He")."""
        key = surname.lower().translate(_APOS)
        earlier = self._by_key.get(key)
        if earlier:
            i = bisect.bisect_left(earlier, (pos, ""))
            if i:
                return earlier[i - 1][1]
        person = self.known.by_name.get(key)
        if person is not None:
            return person.name
        candidates = self.known.by_surname.get(key, ())
        if len(candidates) > 1 and title:
            wanted = set(norm_tokens(" ".join(title))) - ANY_SIDE_WORDS - {"mr", "ms", "mrs"}
            fitting = [
                p
                for p in candidates
                if any(wanted <= r for r in self.known.role_tokens(p, self.published))
            ]
            candidates = tuple(fitting) if wanted else candidates
        if len(candidates) > 1 and self.published is not None:
            dated = [p for p in candidates if p.role_on(self.published)]
            if dated:
                candidates = tuple(dated)
        if len(candidates) == 1:
            return candidates[0].name
        return None

    def _side_of_mention(self, mention: Mention) -> str | None:
        side = side_of(list(mention.title))
        if side is None:
            person = self.known.by_name.get(mention.name.lower())
            side = _person_side(person) if person else None
        return side

    def last_person(self, pos: int, skip: Callable[[int], bool] | None = None) -> str | None:
        """The person named most recently before `pos` (passing over positions `skip` rejects,
        such as names inside quotations)."""
        for mention in reversed(self.mentions):
            if mention.pos < pos and not (skip and skip(mention.pos)):
                return mention.name
        return None

    def by_title(self, key: set[str], side: str | None, pos: int) -> str | None:
        """Full name for a title-only reference ("the vice premier", "the US leader")."""
        if not key:
            return None
        if key == {"president"} and side is None:
            side = "us"  # in English-language news a bare "the president" is the US one
        for mention in reversed(self.mentions):
            if mention.pos >= pos or not mention.title or not key <= mention.title:
                continue
            if side is None or self._side_of_mention(mention) == side:
                return mention.name
        fitting = []
        dated = []
        for person in self.known.may_hold(key):
            if side and _person_side(person) not in (side, None):
                continue
            roles = self.known.role_tokens(person, self.published)
            if any(fits(key, r) for r in roles):
                fitting.append(person)
                title = person.role_on(self.published)
                if title and any(fits(key, r) for r in _role_keys(title)):
                    dated.append(person)
        if len(dated) == 1:
            return dated[0].name  # a title held on that very day beats an undated one
        if len(fitting) > 1:
            named = [p for p in fitting if self.named(p.name)]
            fitting = named or fitting
        if len(fitting) == 1:
            return fitting[0].name
        return None


# Words that do not tell one body from another: "the Ministry of Commerce" is "Commerce
# Ministry", and the side is compared on its own ("China's Commerce Ministry").
_INSTITUTION_STOP = vocab("the of for and a an")


def _is_side_word(word: str) -> bool:
    """A country or a function word ("China's", "U.S.", "The"), not part of a body's name."""
    return all(t in ANY_SIDE_WORDS or t in _INSTITUTION_STOP for t in norm_tokens(word))


def institution_key(name: str) -> tuple[frozenset[str], str | None]:
    """The words naming a body regardless of order, possessives and its country, and the side
    the name gives: "China's Ministry of Commerce" -> ({"commerce", "ministry"}, "china")."""
    tokens = norm_tokens(name)
    words = frozenset(t for t in tokens if t not in _INSTITUTION_STOP and t not in ANY_SIDE_WORDS)
    return words, side_of(tokens)


def _heads(name: str) -> frozenset[str]:
    """The noun a later "the ministry", "the agency" refers back with: the word before "of"
    ("Ministry of Commerce"), else the last ("Xinhua News Agency", "Treasury Department")."""
    tokens = [t for t in norm_tokens(name) if t not in ("the",)]
    if "of" in tokens[1:]:
        return frozenset({tokens[tokens.index("of") - 1]})
    return frozenset(tokens[-1:])


# The country before a body's name belongs to the name as the article gives it ("China's
# commerce ministry").
_COUNTRY_PREFIX = (
    "(?:"
    + "|".join(
        re.sub("[’']", "[’']", re.escape(word))
        for word in sorted(SIDE_WORDS["us"] | SIDE_WORDS["china"], key=len, reverse=True)
    )
    + r")\s+"
)


@dataclass(frozen=True)
class InstitutionMention:
    """Where an article names a known body, and how."""

    pos: int
    text: str
    institution: Institution


@dataclass(frozen=True)
class Institutions:
    """The institutions list, indexed: a speaker name to its body, bodies named in a text."""

    known: tuple[Institution, ...]
    by_key: dict[frozenset[str], tuple[Institution, ...]]
    heads: dict[str, frozenset[str]]
    pattern: re.Pattern[str] | None

    def find(self, name: str) -> Institution | None:
        """The body `name` stands for ("the Commerce Ministry", "USTR's office", "China's
        official Xinhua news agency"), or None when no listed body or more than one fits."""
        body = self._named(name)
        if body is not None or self.pattern is None:
            return body
        # A listed name among plain descriptive words: "China's official Xinhua news agency".
        inside = [self._named(m.group()) for m in self.pattern.finditer(name)]
        rest = self.pattern.sub(" ", name).split()
        if len(inside) == 1 and all(w.islower() or _is_side_word(w) for w in rest):
            return inside[0]
        return None

    def _named(self, name: str) -> Institution | None:
        """The one body whose name has the same words as `name` (and no other side)."""
        words, side = institution_key(name)
        # A US or Chinese body must not be named with the other country; a third party's name
        # may carry any ("U.S. Chamber of Commerce").
        fitting = [
            i
            for i in self.by_key.get(words, ())
            if side is None or i.side not in ("us", "china") or i.side == side
        ]
        return fitting[0] if len(fitting) == 1 else None

    def mentions(self, text: str) -> list[InstitutionMention]:
        """Every naming of a listed body in `text`, in order (the longest name at each place)."""
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            body = self._named(match.group())
            if body is not None:
                found.append(InstitutionMention(match.start(), match.group(), body))
        return found


_US_SPELLINGS = r"(?:U\.S\.?|US|United\s+States)"


def _spelling_pattern(name: str) -> str:
    """A regex for `name` as articles spell it: "US" also as "U.S." or "United States", either
    apostrophe, any spacing ("Office of the U.S. Trade Representative")."""
    words = []
    for word in name.split():
        if word.rstrip(".") in ("US", "U.S"):
            words.append(_US_SPELLINGS)
        else:
            words.append(re.sub("[’']", "[’']", re.escape(word)))
    return r"\s+".join(words)


@same_list_as_last
@lru_cache(maxsize=16)
def index_institutions(institutions: tuple[Institution, ...]) -> Institutions:
    """Index an institutions list (cached: the same list is passed for every article)."""
    by_key: dict[frozenset[str], list[Institution]] = {}
    heads: dict[str, frozenset[str]] = {}
    for body in institutions:
        for name in body.names:
            words, _ = institution_key(name)
            if words and body not in by_key.setdefault(words, []):
                by_key[words].append(body)
        heads[body.id] = frozenset().union(*(_heads(n) for n in body.names if norm_tokens(n)))
    names = sorted({n for b in institutions for n in b.names if n.strip()}, key=len, reverse=True)
    any_name = "|".join(_spelling_pattern(n) for n in names)
    pattern = (
        re.compile(rf"(?<![\w’'])(?:{_COUNTRY_PREFIX})?(?:{any_name})(?![\w’'])", re.I)
        if names
        else None
    )
    return Institutions(institutions, {k: tuple(v) for k, v in by_key.items()}, heads, pattern)


@lru_cache(maxsize=8192)
def _is_title_word(token: str) -> bool:
    parts = norm_tokens(token)
    return bool(parts) and all(p.rstrip(".") in TITLE_WORDS for p in parts)


def strip_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of capitalised words into (title words, name words).

    The name is what follows the last title word, so unknown adjectives in the title go with
    it ("Ruritanian Trade Minister | Jane Doe", "South Korean President | Lee Jae-myung").
    """
    last = -1
    for i, token in enumerate(tokens):
        if _is_title_word(token):
            last = i
    if last == len(tokens) - 1:
        if tokens[-1].lower().rstrip(".") in {"mr", "mrs", "ms", "dr"}:
            return tokens, []
        # Only title words ("the Vice Premier"): keep the last as the head.
        last = len(tokens) - 2
    return tokens[: last + 1], tokens[last + 1 :]


def clean_token(token: str) -> str:
    """A word of a name without a possessive ending or a sentence-final period."""
    if token.endswith(("’s", "'s", "’", "'")):
        token = _POSSESSIVE.sub("", token)
    if len(token) > 3 and token.endswith(".") and "." not in token[:-1]:
        token = token[:-1]  # a sentence-final period, not an initial or "U.S."
    return token


MIDDLE_INITIAL = re.compile(r"^[A-Z]\.$")
"""One capital and a period inside a name ("Jane Q. Doe"): an initial, not the word "a" or
"I", nor "A" ending a sentence."""


def looks_like_name(tokens: list[str]) -> bool:
    """Whether capitalised words can be a person's full name (2 to 4 words, none a title,
    place, month or other known non-name, no contraction such as "I’m")."""
    if len(tokens) < 2 or len(tokens) > 4:
        return False
    for position, tok in enumerate(tokens):
        if 0 < position < len(tokens) - 1 and MIDDLE_INITIAL.match(tok):
            continue  # "Jane Q. Doe": an initial, not the word "a" or "I"
        low = tok.lower().rstrip(".").translate(_APOS)
        if "'" in low and not re.match(r"^[a-z]'[a-z]{2,}$", low):
            return False  # "I’m", "Xi’s"; "O’Brien" is fine
        # A Chinese surname first is a name even where it spells an English word ("He Lifeng").
        surname_first = position == 0 and low in CHINESE_SURNAMES
        if (low in NON_NAME and not surname_first) or low in TITLE_WORDS:
            return False
        if len(low) < 2 and not tok.endswith("."):
            return False
        if tok.isupper() and len(tok) > 2:
            return False
    return True


_SPEECH_AFTER_NAME = rf"{alternation(ATTRIBUTION_VERBS)}\b"
# Signs that capitalised words name a person: an appositive or a speech verb after them
# ("Jane Doe, a former negotiator,", "Jane Doe, chief economist at ...", "Jane Doe said"), or
# a speech verb or a title with a comma before them ("said Jane Doe", "the envoy, Jane Doe").
_EVIDENCE_AFTER = re.compile(
    r"^(?:,\s+(?:(?:a|an|the|who|whose)\b|[a-z-]+(?:\s+[a-z-]+)?\s+(?:of|at|for|to|with)\b|"
    + _SPEECH_AFTER_NAME
    + r")|\s+"
    + _SPEECH_AFTER_NAME
    + r")"
)
_EVIDENCE_BEFORE = re.compile(
    r"\b(?:(?:said|says|told|added|noted|wrote)\s+|(?:spokesman|spokeswoman|spokesperson|"
    r"minister|representative|secretary|adviser|advisor|economist|analyst|official|negotiator|"
    r"director|president|chairman|envoy|ambassador|leader|premier|counterpart),\s+)$"
)


@lru_cache(maxsize=8192)
def _split_run(tokens: tuple[str, ...]) -> tuple[list[str], list[str]]:
    return strip_title(list(tokens))


def _title_before(text: str, pos: int) -> list[str]:
    """Title words just before a name ("commerce ministry spokesman Gao Feng", "Chinese
    president Xi Jinping"), which belong to its title too."""
    tail: list[str] = []
    for word in reversed(_WORDS_BEFORE.findall(text, max(0, pos - 60), pos)):
        parts = norm_tokens(word)
        if not parts or not all(p in TITLE_WORDS or p == "us" for p in parts):
            break
        tail = [*parts, *tail]
    return tail


def scan_people(
    text: str,
    cast: Cast,
    start: int = 0,
    end: int | None = None,
    quoted: Callable[[int], bool] | None = None,
) -> None:
    """Record in `cast` every person named in text[start:end], in order of mention. People
    the list does not know are taken only from the narration, not from inside quotations
    (`quoted` tells which positions are), where capitalised words are often not names."""
    end = len(text) if end is None else end
    surnames = {m.surname for m in cast.mentions}
    credits = credit_spans(text, paragraph_spans(text))
    for match in NAME_RUN.finditer(text, start, end):
        run = match.group()
        if credits and any(s <= match.start() < e for s, e in credits):
            continue  # a reporter's credit: not a person of the story
        if " " not in run and "\t" not in run and _names_no_one(run, cast, surnames):
            continue  # fast path: most runs are one capitalised word that names no one known
        raw, pos = _without_leading_function_words(text, run, match.start())
        if not raw or (len(raw) == 1 and _names_no_one(raw[0], cast, surnames)):
            continue
        title_words, name = _split_run(tuple(raw))
        while len(name) > 1 and name[-1].lower() in CALENDAR_WORDS:
            name = name[:-1]  # "Treasury Secretary Jane Doe Monday": the day is not her name
        if not name:
            continue
        title = _title_before(text, pos) + list(norm_tokens(" ".join(title_words)))
        key = " ".join(" ".join(name).translate(_APOS).lower().split())
        if key in cast.known.by_name:
            cast.add(pos, " ".join(name), title)
        elif len(name) > 1 and not looks_like_name(name):
            _add_known_tail(cast, name, pos, title, surnames)
        elif len(name) == 1:
            if not _is_pronoun_he(text, name[0], title_words, pos, start):
                _add_by_surname(cast, name[0], pos, title)
        elif not (quoted and quoted(pos)) and _named_as_person(text, match.end(), pos, name, title):
            # Two names joined ("Bessent and Greer") come as separate runs.
            cast.add(pos, " ".join(name), title)
            surnames.add(cast.mentions[-1].surname)


def _names_no_one(word: str, cast: Cast, surnames: set[str]) -> bool:
    """Whether one capitalised word cannot name a person of the article: a common word (the
    pronoun-or-surname "He" aside), or no listed name or surname and no surname seen so far."""
    low = word.lower().translate(_APOS)
    if low in NON_NAME and word != "He":
        return True
    low = low.removesuffix("'s")
    known = cast.known
    return low not in known.by_name and low not in known.by_surname and low not in surnames


def _without_leading_function_words(text: str, run: str, pos: int) -> tuple[list[str], int]:
    """The run's tokens without the function words it opens with ("The", "And"), and where
    the first remaining one stands."""
    raw = [clean_token(t) for t in run.split()]
    while raw and raw[0].lower() in FUNCTION_WORDS:
        pos = text.find(raw[1], pos) if len(raw) > 1 else pos
        raw = raw[1:]
    return raw, pos


def _add_known_tail(
    cast: Cast, name: list[str], pos: int, title: list[str], surnames: set[str]
) -> None:
    """A known name at the end of a longer run that is no name itself ("Later Xi",
    "Beijing Liu He"): the longest such tail, recorded."""
    for size in range(min(3, len(name) - 1), 0, -1):
        tail = " ".join(name[-size:])
        tail_key = tail.translate(_APOS).lower()
        if tail_key in cast.known.by_name or (size == 1 and tail_key in surnames):
            resolved = cast.by_surname(tail, pos) if size == 1 else tail
            if resolved:
                cast.add(pos, resolved, title)
            return


def _is_pronoun_he(text: str, word: str, title_words: list[str], pos: int, start: int) -> bool:
    """Whether a lone "He" is the pronoun: at a sentence start it is; mid-sentence (or after
    a title) it is the surname He."""
    if word != "He" or title_words:
        return False
    prev = text[max(0, pos - 3) : pos].rstrip()
    return not prev or prev[-1] in '.!?"“”‘’:;' or pos == start


def _add_by_surname(cast: Cast, surname: str, pos: int, title: list[str]) -> None:
    """A surname alone, recorded as the person it stands for, if any."""
    resolved = cast.by_surname(surname, pos, title)
    if resolved:
        cast.add(pos, resolved, title)


def _named_as_person(text: str, run_end: int, pos: int, name: list[str], title: list[str]) -> bool:
    """Whether capitalised words no list knows name a person: they look like a name and the
    text says so (a title, an appositive or speech verb around them, a Chinese surname
    first). A longer run may hold a trailing place or organisation word, so the name is its
    first words."""
    if not looks_like_name(name):
        return False
    return bool(
        title
        or _EVIDENCE_AFTER.search(text[run_end : run_end + 40])
        or _EVIDENCE_BEFORE.search(text, max(0, pos - 60), pos)
        or name[0].lower() in CHINESE_SURNAMES
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


# Venues of the talks (and their countries), with the spellings articles use.
_PLACES: dict[str, str] = {
    "Beijing": "Beijing",
    "Washington": "Washington",
    "Washington, D.C.": "Washington",
    "Geneva": "Geneva",
    "London": "London",
    "Stockholm": "Stockholm",
    "Madrid": "Madrid",
    "Kuala Lumpur": "Kuala Lumpur",
    "Busan": "Busan",
    "Gyeongju": "Gyeongju",
    "Osaka": "Osaka",
    "Buenos Aires": "Buenos Aires",
    "Shanghai": "Shanghai",
    "Anchorage": "Anchorage",
    "Alaska": "Alaska",
    "San Francisco": "San Francisco",
    "Woodside": "Woodside",
    "Bali": "Bali",
    "Hainan": "Hainan",
    "Mar-a-Lago": "Mar-a-Lago",
    "Palm Beach": "Palm Beach",
    "Davos": "Davos",
    "Zurich": "Zurich",
    "Seoul": "Seoul",
    "Tokyo": "Tokyo",
    "Paris": "Paris",
    "Rome": "Rome",
    "Hamburg": "Hamburg",
    "Lima": "Lima",
    "Hangzhou": "Hangzhou",
    "Guangzhou": "Guangzhou",
    "Tianjin": "Tianjin",
    "Switzerland": "Switzerland",
    "Sweden": "Sweden",
    "Spain": "Spain",
    "Malaysia": "Malaysia",
    "South Korea": "South Korea",
    "Japan": "Japan",
    "Argentina": "Argentina",
    "Britain": "United Kingdom",
    "United Kingdom": "United Kingdom",
    "U.K.": "United Kingdom",
    "Indonesia": "Indonesia",
    "Peru": "Peru",
    "Germany": "Germany",
    "Italy": "Italy",
    "France": "France",
}
_PLACE_RE = re.compile(alternation_after(_PLACES, r"[\w-]") + r"(?![\w-])")


def find_places(text: str) -> tuple[str, ...]:
    """Venue cities and host countries the text names, canonical spelling, by first mention."""
    seen: dict[str, None] = {}
    for match in _PLACE_RE.finditer(text):
        seen.setdefault(_PLACES[match.group()], None)
    return tuple(seen)


@same_list_as_last
@lru_cache(maxsize=32)
def _topic_patterns(topics: tuple[Topic, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for topic in topics:
        words = [k.strip() for k in topic.keywords if k and k.strip()]
        if not words:
            continue
        pattern = alternation(sorted({w.lower() for w in words}))
        compiled.append((topic.id, re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)))
    return tuple(compiled)


def find_topics(text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Ids of the topics whose keywords occur in the text (whole words, any case), by first
    occurrence."""
    hits = []
    try:
        patterns = _topic_patterns(tuple(topics))
    except TypeError:  # unhashable topics (lists for keywords): compile without the cache
        patterns = _topic_patterns.__wrapped__(tuple(topics))
    for index, (topic_id, pattern) in enumerate(patterns):
        match = pattern.search(text)
        if match:
            hits.append((match.start(), index, topic_id))
    return tuple(dict.fromkeys(topic_id for _, _, topic_id in sorted(hits)))
