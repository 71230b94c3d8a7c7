"""Direct quotations in an article and who said them.

Finds quotations in straight or curly double quotes (including quotations split by their
attribution and quotations running over several paragraphs) and in single quotes, leaves out
quoted names of shows, deals and terms, nested quotes and quotes the excerpt cuts off, and
attributes each to a person (full name), an institution (as the article names it) or None.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from digest.extract.mentions import (
    FUNCTION_WORDS,
    MIDDLE_INITIAL,
    NON_NAME,
    TITLE_WORDS,
    Cast,
    InstitutionMention,
    clean_token,
    credit_spans,
    looks_like_name,
    norm_tokens,
    strip_title,
    title_key,
)
from digest.lexicon import (
    ABBREVIATIONS,
    ANY_SIDE_WORDS,
    ATTRIBUTION_VERBS,
    MEDIA_HEADS,
    SPEECH_VERBS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    alternation,
    compile_guarded,
    vocab,
)
from digest.model import Quote
from digest.text import paragraph_spans, sentence_spans

MASK = "\ue000"  # stands for quoted text while we read the narration around it

_ANY_MARK = re.compile("[\"“”„‟«»″‘’']")
_DQ = re.compile(r"[\"“”„‟«»″]")
_DQ_OPEN = "“„‟«"
_DQ_CLOSE = "”»″"

# A single-quote opener stands at a word start; a closer ends a word. "the '90s", "'em" are
# elisions, not openers.
# (Both start with the mark itself so the regex engine can skip ahead fast; what must stand
# before the mark is checked in code.)
_SQ_OPEN = re.compile(r"[‘'](?=[^\s‘’'])")
_SQ_CLOSE = re.compile(r"[’'](?=$|[\s.,;:!?)\]—–…\"”-])", re.M)
_OPEN_BEFORE = frozenset(" \t\n\r\f\v([—–/\u00a0")
_ELISION = re.compile(r"[‘'](?:\d0s|\d\d\b|em\b|til\b|n[’']|cause\b|tis\b)", re.I)

# Quoted terms and names of deals that are not anyone's words.
_TERM = re.compile(
    r"^(?:the |a |an )?(?:phase[- ](?:one|two|three|1|2|3|i|ii|iii)(?: trade)?"
    r"(?: deal| agreement| pact| talks| negotiations)?|(?:unreliable )?entity list|"
    r"memorand(?:um|a) of understanding|mous?|section (?:301|232)|"
    r"most[- ]favou?red[- ]nation|de minimis|reciprocal(?: tariffs?)?|liberation day|"
    r"made in china 2025|belt and road|one china|tariff man|trade war)$"
)
_TERM_CONTEXT = compile_guarded(
    r"(?:so-called|dubbed|known as|meaning of(?: an?| the)?|the term|the words?|titled|"
    r"entitled|nicknamed|named|hashtag|code-?named|branded(?: as)?)\s*$",
    re.I,
)
_DEAL_AFTER = re.compile(r"\s+(?:trade\s+)?(?:deal|agreement|pact|accord|list)\b")
_SMALL_WORDS = vocab("a an and the of on in for to at with by or &")

# "report" too: the plural present ("'...,' state media report"), which the shared list
# leaves out as it is mostly a noun elsewhere; here a noun reading is caught by _report_by.
_SPEECH_VERBS = SPEECH_VERBS | {"report"}
# A trie-shaped alternation behind \b: the engine skips mid-word positions and tries few
# branches at each word start.
_SPEECH = re.compile(r"\b" + alternation([*_SPEECH_VERBS, "pointed out"]) + r"\b")
_SPEAKER_WORD = r"(?:[A-Z][\w’'.-]*|the|a|an|he|she|it)"
_TRAILING_ATTRIBUTION = re.compile(
    rf"{_SPEAKER_WORD}(?:\s+{_SPEAKER_WORD}){{0,5}}"
    r"(?:,\s+[^,!?;]{1,140},)?\s+"  # an appositive: ", the former envoy to Ruritania,"
    + alternation(_SPEECH_VERBS)
    + r"\b[^!?]{0,80}[.!?]?\s*$"  # abbreviations' periods too: "said on Nov. 6 in Geneva."
)
"""A sentence that only names who spoke a quotation ending in "!" or "?" just before it
('"... NO MORE!" Trump tweeted Friday.', '"Why now?" Jane Roe, a former envoy, asked.')."""
_ACCORDING = re.compile(r"\baccording to\b", re.I)

# Adverbials that stand between a speaker and the speech verb ("Bessent said on Sunday").
_ADVERB_TAIL = re.compile(
    r"(?:\s+|\b(?:also|then|later|earlier|previously|again|repeatedly|once|further|"
    r"separately|reportedly|recently|publicly|privately|has|have|had|was|were|is|would|will|"
    r"since|now|already|still|often|even|first|"
    r"had previously|has previously|did|does|not|only|just|simply|"
    rf"on {WEEKDAY_PATTERN}|{WEEKDAY_PATTERN}(?: (?:morning|afternoon|evening|night))?|"
    r"last (?:week|month|year|night)|this (?:week|month|year)|on \w+ \d{1,2}|"
    r"in (?:a|an|his|her|its|their) (?:[\w-]+ ){0,3}(?:statement|interview|tweet|post|"
    r"briefing|speech|note|letter|release|readout)|"
    r"at (?:a|an|the) (?:[\w-]+ ){0,4}(?:briefing|conference|event|summit|forum|hearing)|"
    r"[a-z]+ly))$"
)
_LEAD_ADVERBIAL = re.compile(
    r"^(?:(?:But|And|So|Yet|Still|Meanwhile|However|Separately|Also|Instead|Then|Now)\b,?\s*)?"
    r"(?:(?:On|In|At|After|Before|During|Later|Earlier|Speaking|Writing|Asked|Following|"
    r"Separately|Meanwhile|However|Last|This|Next|Since|When|While|As|With|Under|Despite|"
    r"Ahead|Hours|Days|Shortly|Addressing|Responding|Without|Through|For|By|From|Of|Once|"
    r"Overall|Still|Yesterday|Today|Earlier)\b[^,]{0,90},(?:\s*\d{4},)?\s*)?"
)

_DETERMINERS = frozenset({"the", "a", "an"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "who", "which", "i"})
_CONNECTORS = frozenset({"of", "for", "from", "by", "at", "in"})
_NP_LOWER = vocab(
    """official officials spokesman spokeswoman spokesperson spokespeople ministry office side
    statement statements administration government department leader leaders president
    secretary minister premier representative negotiator negotiators chief adviser advisor
    ambassador envoy economist analyst analysts source sources person people diplomat
    diplomats aide aides observer observers expert experts counterpart czar tsar governor
    commerce trade treasury foreign finance vice deputy senior top chinese american us economic
    international state national white house brief briefer joint separate written official's
    media agency embassy readout release notice post tweet speech remarks comments communique
    announcement report newspaper newspapers editorial message messages posts tweets commentary
    delegation team sides two both
    spokesman's press commission council bureau committee mission camp campaign white-house
    former acting new chief's director chairman chairwoman head lead trade-policy
    policy state-run state-owned official-run daily tabloid outlet outlets broadcaster
    broadcasters network
    account notice news wire state-media organizations organisations groups companies firms
    businesses associations military army navy police court regulator regulators union"""
)
_STATEMENT_HEADS = vocab(
    """statement statements readout release notice post posts tweet tweets message messages
    speech remarks comments communique announcement account note letter commentary editorial
    column op-ed"""
)
_ANON_HEADS = vocab(
    """official officials source sources person people diplomat diplomats aide aides observer
    observers expert experts analyst analysts insider insiders negotiators officer
    organizations organisations groups companies firms businesses"""
)
_PERSON_TITLE_HEADS = vocab(
    """spokesman spokeswoman spokesperson minister premier president secretary representative
    leader chief negotiator ambassador adviser advisor envoy governor chairman chairwoman
    counterpart czar tsar director head"""
)
_GROUP_HEADS = vocab("sides countries nations leaders governments delegations teams parties")
_INSTITUTION_HEADS = vocab(
    """ministry office side administration government department embassy agency media
    commission council bureau committee mission delegation team newspaper newspapers editorial
    commentary tabloid outlet outlets broadcaster broadcasters network house camp campaign
    sides military army navy police court regulator union"""
)
_ORG_WORDS = vocab(
    """ministry office department house agency council commission embassy administration
    treasury government bureau xinhua reuters bloomberg ustr mofcom cgtn cctv cnbc cnn
    times post daily news journal media chamber institute fund bank committee"""
)
# Words that name only a side, never a body ("a Chinese spokesperson" speaks for no body).
# Words of _NP_LOWER written with a capital anywhere in a sentence, not only at its start.
_PROPER_ADJECTIVES = vocab("chinese american us u.s. british european japanese")
# A capitalised phrase made only of these is a title, not a name ("the US Treasury Secretary").
_BARE_TITLE_WORDS = vocab(
    """president vice premier secretary treasury commerce trade representative minister
    foreign finance state deputy chief leader spokesman spokeswoman spokesperson ambassador
    us u.s american chinese china's china international economic adviser advisor envoy
    negotiator top senior the"""
)
# A bare country speaking right after one of its institutions is that institution again.
_COUNTRIES = {
    "china": ("china", "chinese", "beijing"),
    "beijing": ("china", "chinese", "beijing"),
    "washington": ("us", "u.s", "american", "washington", "united states"),
    "the us": ("us", "u.s", "american", "washington", "united states"),
    "the united states": ("us", "u.s", "american", "washington", "united states"),
}

_COUNTRY_NAMES = frozenset(
    name.removeprefix("the ") for key, names in _COUNTRIES.items() for name in (key, *names)
)


@dataclass
class _Span:
    start: int  # index of the opening mark
    end: int  # index just past the closing mark
    pieces: list[tuple[int, int]]  # inner text ranges (a multi-paragraph quote has several)


@dataclass
class _State:
    """What the narration has established so far: who spoke last, who "he" is."""

    speaker: str | None = None
    speaker_quoted: bool = False  # whether `speaker` was last credited with a quotation
    person: str | None = None
    institution: str | None = None
    sentence_people: list[str] = field(default_factory=list)
    sentence_start: int = 0


_NONE = ("none", None)
_UNCREDITED = ("uncredited", None)  # the writer's own words in quote marks: no one's turn
_STATEMENT = ("statement", None)  # "the statement said": its issuer, if named, else carry on
_UNNAMED = ("unnamed", None)  # "the spokesman said": whom no title resolves; named next, or no one
_CARRY = ("carry", None)


def _find_double(text: str, paras: list[tuple[int, int]]) -> list[_Span]:
    """Closed double-quoted spans; one left open at a paragraph end goes on only where the
    next paragraph opens with a quote mark, else it was cut off and is dropped."""
    starts = [p[0] for p in paras]
    spans: list[_Span] = []
    cur: _Span | None = None
    cur_para = -1
    seg = 0
    for match in _DQ.finditer(text):
        pos, ch = match.start(), match.group()
        para = bisect.bisect_right(starts, pos) - 1
        if cur is not None and para != cur_para:
            if para == cur_para + 1 and pos == starts[para] and ch not in _DQ_CLOSE:
                # The quotation goes on in the next paragraph: no close at the end of the
                # earlier one, an open mark at the start of this one.
                cur.pieces.append((seg, paras[cur_para][1]))
                seg, cur_para = pos + 1, para
                continue
            cur = None  # never closed: cut off, or a stray mark
        prev = text[pos - 1] if pos else " "
        nxt = text[pos + 1] if pos + 1 < len(text) else " "
        if cur is None:
            opens = (
                ch in _DQ_OPEN
                or (ch == '"' and not (nxt.isspace() and (prev.isalnum() or prev in ".,!?")))
                or (ch == "”" and nxt.isalnum() and (prev.isspace() or pos == starts[para]))
            )
            if opens:
                cur, cur_para, seg = _Span(pos, pos, []), para, pos + 1
            continue
        if ch in _DQ_CLOSE or ch == '"':
            cur.pieces.append((seg, pos))
            cur.end = pos + 1
            spans.append(cur)
            cur = None
        elif ch in _DQ_OPEN:
            cur, cur_para, seg = _Span(pos, pos, []), para, pos + 1  # the last one never closed
    return spans


def _find_single(text: str, paras: list[tuple[int, int]], taken: list[_Span]) -> list[_Span]:
    """Single-quoted spans outside the double-quoted ones (`taken`), apostrophes told apart
    from quote marks by where they stand in their word."""
    blocked = [(s.start, s.end) for s in taken]
    starts = [p[0] for p in paras]
    spans: list[_Span] = []
    last_end = -1
    closers = [
        m.start()
        for m in _SQ_CLOSE.finditer(text)
        if m.start() and not text[m.start() - 1].isspace() and text[m.start() - 1] not in "‘'"
    ]
    if not closers:
        return spans
    for match in _SQ_OPEN.finditer(text):
        pos = match.start()
        if pos and text[pos - 1] not in _OPEN_BEFORE:
            continue
        if pos < last_end or _ELISION.match(text, pos):
            continue
        if any(s <= pos < e for s, e in blocked):
            continue  # a quote inside a double-quoted one is nested: not counted
        para_end = paras[bisect.bisect_right(starts, pos) - 1][1]
        limit = min(para_end, pos + 400)
        i = bisect.bisect_right(closers, pos)
        candidates = []
        while i < len(closers) and closers[i] < limit:
            c = closers[i]
            if any(s < c < e for s, e in blocked):
                i += 1
                continue
            candidates.append(c)
            i += 1
        if not candidates:
            continue
        chosen = candidates[0]
        for c in candidates:
            # "the leaders’ meeting": an s-final word then a lower-case word is a plural
            # possessive when a later mark can close the quotation.
            after = text[c + 1 : c + 3]
            if (
                text[c - 1] in "sS"
                and after[:1] == " "
                and after[1:2].islower()
                and c != candidates[-1]
            ):
                continue
            chosen = c
            break
        if text.count("\n\n", pos, chosen):
            continue
        spans.append(_Span(pos, chosen + 1, [(pos + 1, chosen)]))
        last_end = chosen + 1
    return spans


def _inner(text: str, span: _Span) -> str:
    """The quotation's words without its marks (paragraphs of a long one joined by a blank
    line, the re-opening marks left out)."""
    return "\n\n".join(text[s:e] for s, e in span.pieces)


def _is_term(text: str, span: _Span, inner: str) -> bool:
    """Whether the quoted words are a name or a term rather than someone's words."""
    core = inner.strip().rstrip(".,;:!?…").strip()
    low = " ".join(norm_tokens(core)) if core else ""
    if not core or not any(map(str.isalnum, core)):
        return True
    if _TERM.match(core.lower().replace("’", "'")) or _TERM.match(low):
        return True
    if _TERM_CONTEXT.search(text[max(0, span.start - 25) : span.start]):
        return True
    if (
        len(core.split()) <= 3
        and all(w[0].isupper() or w[0].isdigit() for w in core.split())
        and _DEAL_AFTER.match(text, span.end)
    ):
        return True  # 'the "Phase 1" trade deal', 'the "Framework" deal': the name of a deal
    words = core.split()
    # "Fox News Sunday", "Face the Nation": every word capitalised (or a small word).
    return (
        2 <= len(words) <= 6
        and not any(p in core for p in ",;:!?")
        and not core.isupper()
        and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)
    )


_NOT_NEWLINE = re.compile(r"[^\n]")


def _mask(text: str, spans: list[_Span]) -> str:
    """`text` with quoted words replaced by MASK (newlines and a final . ! ? , kept, so
    paragraphs, sentence ends and '"...," he said' stay visible)."""
    out: list[str] = []
    prev = 0
    for span in spans:
        for s, e in span.pieces:
            if s < prev:
                continue
            out.append(text[prev:s])
            inner = text[s:e]
            seg = _NOT_NEWLINE.sub(MASK, inner)
            stripped = inner.rstrip()
            if stripped and stripped[-1] in ".!?…,":
                k = len(stripped) - 1
                seg = seg[:k] + stripped[-1] + seg[k + 1 :]
            out.append(seg)
            prev = e
    out.append(text[prev:])
    return "".join(out)


_FUNCTION = FUNCTION_WORDS - _DETERMINERS


def _is_cap(token: str) -> bool:
    """Whether a token can be part of a name: capitalised and not a sentence-opening word."""
    return bool(token) and token[0].isupper() and token.lower() not in _FUNCTION


def _is_np_word(low: str) -> bool:
    """Whether a lower-cased word can stand in a speaker's noun phrase, possessives included
    ("the Chinese side's lead negotiator")."""
    return low in _NP_LOWER or (low.endswith("'s") and low[:-2] in _NP_LOWER)


def _np_before(s: str) -> str:
    """The noun phrase ending `s` ("... commerce ministry spokesman Gao Feng")."""
    toks = s.split()
    out: list[str] = []
    i = len(toks) - 1
    while i >= 0:
        tok = toks[i]
        if MASK in tok or tok[-1] in ',;:()"“”' or tok[0] in '("“”':
            break
        low = tok.lower().replace("’", "'")
        if low in ("who's", "who'd", "whose"):
            low = "who"
            tok = "who"
        if low in _DETERMINERS:
            prev = toks[i - 1].lower() if i > 0 else ""
            if out and prev in _CONNECTORS:
                out.append(tok)
                i -= 1
                continue
            if out:
                out.append(tok)
            break
        if low in _PRONOUNS and not (
            tok == "He" and ((i > 0 and _is_cap(toks[i - 1])) or (out and _is_cap(out[-1])))
        ):
            if not out:
                out.append(tok)
            break
        if low == "and" and out and i > 0 and _is_cap(toks[i - 1]) and _is_cap(out[-1]):
            out.append(tok)  # "Montana and Nebraska"
        elif _is_cap(tok) or _is_np_word(low) or (low in _CONNECTORS and out):
            out.append(tok)
        else:
            break
        i -= 1
    while out and out[-1].lower() in _CONNECTORS:
        out.pop()
    return " ".join(reversed(out))


_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
_POSSESSIVE_DETERMINERS = vocab("his her its their our my your")


def _np_after(s: str) -> str:
    """The noun phrase starting `s` ("said Rajiv Biswas, chief economist ...")."""
    out: list[str] = []
    toks = s.split()
    described = False  # after a possessive ("her colleague ...")
    for k, tok in enumerate(toks):
        if MASK in tok:
            break
        clean = tok.rstrip(',.;:!?)"”’')
        abbreviated = _INITIALS.match(tok) or tok.lower().rstrip(".") in ABBREVIATIONS
        middle_initial = bool(out) and MIDDLE_INITIAL.match(tok) is not None
        if (
            tok.endswith(".")
            and (abbreviated or middle_initial)
            and k + 1 < len(toks)
            and _is_cap(toks[k + 1])
        ):
            # "the Office of the U.S. Trade Representative", "Mr. Lutnick", "Jane Q. Doe": no
            # sentence end
            clean = tok
        if not out and clean.lower() in _POSSESSIVE_DETERMINERS:
            described = True
            continue  # "Her colleague Jane Doe": the possessive is no part of the name
        if described and not out and clean.islower() and k + 1 < len(toks) and _is_cap(toks[k + 1]):
            continue  # ... nor the relation ("colleague") before the name
        low = clean.lower().replace("’", "'")
        if not clean:
            break
        if not out and low in _DETERMINERS:
            out.append(clean)
        elif (
            not out
            and low in _PRONOUNS
            and not (clean == "He" and k + 1 < len(toks) and _is_cap(toks[k + 1]))
        ):
            out.append(clean)
            break
        elif (
            low == "and"
            and out
            and _is_cap(out[-1])
            and k + 1 < len(toks)
            and _is_cap(toks[k + 1].rstrip(',.;:!?)"”’'))
        ):
            out.append(clean)  # "Bureau of Industry and Security", "Bessent and Greer"
        elif low in _FUNCTION and not (low in _CONNECTORS | _DETERMINERS and out):
            break
        elif (
            _is_cap(clean)
            or _is_np_word(low)
            or (low in _CONNECTORS and out)
            or (low in _DETERMINERS and out and out[-1].lower() in _CONNECTORS)
        ):
            out.append(clean)
        else:
            break
        if clean != tok:
            break
    while out and out[-1].lower() in _CONNECTORS | _DETERMINERS:
        out.pop()
    if out and out[-1].endswith(("’s", "'s")):
        return ""  # "China’s man tasked with ...": the head noun is missing, not a speaker
    return " ".join(out)


def _first_np(s: str) -> str:
    """The subject of a clause: its first noun phrase after any leading adverbial."""
    s = s.lstrip(" ,;:" + MASK + "“”\"‘’'")
    s = _LEAD_ADVERBIAL.sub("", s, count=1)
    return _np_after(s)


_ACRONYM_AFTER_NAME = re.compile(r"\s*\([A-Z][A-Za-z.&-]{1,12}\)\s*$")


def _strip_tail(s: str) -> str:
    """`s` without the adverbials that end it ("Bessent said on Sunday" -> "Bessent") or an
    acronym in brackets after a name ("the Office of the US Trade Representative (USTR)")."""
    s = _ACRONYM_AFTER_NAME.sub(" ", s)
    words = s.split()
    if not words or (words[-1][0].isupper() and words[-1].lower() not in WEEKDAYS):
        return s.rstrip() if s[-1:].isspace() else s  # ends with a name: nothing to strip
    # Only the end matters; matching an end-anchored pattern on a long string is slow.
    head, s = s[:-90], s[-90:]
    while True:
        new = _ADVERB_TAIL.sub("", s)
        if new == s:
            return head + s
        s = new


def _phrase_for_verb(masked: str, seg_start: int, vstart: int, vend: int) -> str:
    """The words naming who speaks through the speech verb at masked[vstart:vend]."""
    issuer = _report_by(masked, vstart, vend)
    if issuer:
        return issuer
    pre = _strip_tail(masked[seg_start:vstart])
    bare = pre.strip()
    if not bare or bare[-1] in MASK + "“”\"’'" or bare.endswith((MASK + ",", "”,", '",', "’,")):
        return _np_after(masked[vend : vend + 160]) or _first_np(masked[seg_start:vstart])
    if bare.endswith(",") or re.search(r"\b(?:and|but|while|before|after|as|then)$", bare):
        # "Li Chenggang, a vice minister of commerce, said" / "... and said": the clause subject.
        # ("Jane Doe wants a deal, but John Roe, the envoy, said": the subject of the clause
        # the conjunction opens.)
        clause = max(
            (m.end() for m in _CLAUSE_OPENING.finditer(masked, seg_start, vstart)),
            default=seg_start,
        )
        subject = _first_np(masked[clause:vstart])
        named = _np_before(bare.rstrip(","))
        if subject and subject.split()[0].lower() in ("a", "an") and named[:1].isupper():
            return named  # "A former official, Jane Roe, said": the name, not the description
        return subject or _before_appositive(bare) or named
    phrase = _np_before(bare)
    relative = _RELATIVE_THAT.search(bare)
    if not phrase and relative:
        # "wrote a string of posts that said": the posts speak, and through them their writer.
        antecedent = _np_before(bare[: relative.start()])
        if antecedent and antecedent.split()[-1].lower() in _STATEMENT_HEADS:
            bare, phrase = bare[: relative.start()], antecedent
    if phrase.lower() in ("who", "which", "that"):
        # "overshadowed by Trump, who on Tuesday said ...": the speaker is the antecedent.
        antecedent = bare[: len(bare) - len(phrase)].rstrip().rstrip(",")
        return _np_before(antecedent) or phrase
    if not phrase and masked[vstart:vend].endswith("ing"):
        phrase = _first_np(masked[seg_start:vstart])  # "..., saying": the clause subject
    if phrase and phrase.split()[-1].lower() in _STATEMENT_HEADS and "joint" not in phrase:
        # "The USTR office issued a brief statement characterising ...": the issuer speaks.
        issued = _ISSUED.search(bare[: len(bare) - len(phrase)])
        if issued:
            return _np_before(issued.group(1).rstrip()) or phrase
    return phrase


_CLAUSE_OPENING = re.compile(r"[,;]\s+(?:but|while|whereas|yet|although|though)\s+(?=[A-Z])")
"""A conjunction opening a clause of its own ("..., but General Jane Doe, ..., told"): the
subject of a speech verb after it is named after it, not at the sentence's start."""

_ISSUED_BY = re.compile(
    r"\b(?:issued|released|put out|published|posted|signed|sent|carried)\s+"
    r"(?:(?:on|late|early)\s+\w+\s+)?by\s+"
)
# The next sentence naming who spoke: "Jane Doe was speaking at a briefing", "The remarks were
# made by Jane Doe" (the group ends just before the name).
_SPOKE_NEXT = re.compile(
    r"\s*(?=(?:[A-Z][\w’'.-]*\s+){1,3}(?:was|is)\s+(?:speaking|responding|quoted)\b)"
    r"|\s*(?:The|Those|These)\s+(?:remarks|comments|words)\s+were\s+(?:made|given)\s+by\s+"
)
_RELATIVE_THAT = re.compile(r"\s(?:that|which)$")
_ISSUES_STATEMENT = re.compile(
    r"\s(?:issued|released|put out|published|posted|ran|carried)\s+(?:a|an|its|their|his|her)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:statement|readout|communiqu[eé]|notice|editorial|commentary)\b"
)
# The issuer of a statement: "X issued a statement saying", "X wrote a string of posts that
# said" (the determiner and a "series of" before the statement noun are optional).
_ISSUED = re.compile(
    r"^(.*?)\s*\b(?:issued|released|put out|published|posted|sent|gave|delivered|made|wrote|"
    r"tweeted)(?:\s+(?:a|an|the|its|his|her|their))?"
    r"(?:\s+(?:string|series|flurry|volley|pair|couple|number|set)\s+of)?\s*$"
)


def _before_appositive(bare: str) -> str:
    """The name before a closing appositive ("G-20 host Jane Doe, the president of Ruritania,"
    -> "G-20 host Jane Doe"), or "" when the words before the last comma do not end in one."""
    head, _, appositive = bare.rstrip(",").rpartition(",")
    first = appositive.split()[:1]
    if not head or not first or not (first[0].lower() in _DETERMINERS or first[0].islower()):
        return ""
    phrase = _np_before(head)
    return phrase if phrase and _is_cap(phrase.split()[-1]) else ""


_SPOKES = vocab("spokesman spokeswoman spokesperson")


def _spokesperson_body(head: list[str], comp: list[str]) -> str:
    """The body an unnamed spokesperson speaks for, as the article names it, or "": the words
    before the title ("MOFCOM", "the Chinese foreign ministry") or its complement ("for the
    Ruritanian embassy"), when they name a body rather than only a side."""
    words = comp or [w.removesuffix("’s").removesuffix("'s") for w in head[:-1]]
    words = [w for w in words if w.lower() not in _DETERMINERS]
    if not words:
        return ""
    last = words[-1].lower()
    named = last in _ORG_WORDS or last in _INSTITUTION_HEADS or _is_cap(words[-1])
    sides_only = all(t in ANY_SIDE_WORDS for t in norm_tokens(" ".join(words)))
    return " ".join(words) if named and not sides_only else ""


def _foreign(complement: list[str]) -> str | None:
    """ "other" when a title's complement names a third country ("the president of Ruritania"),
    which no US or Chinese office holder answers to; None when it names an office
    ("the minister of Commerce")."""
    words = [w for w in complement if w.lower() not in _DETERMINERS]
    if (
        words
        and _is_cap(words[-1])
        and not all(t in TITLE_WORDS for t in norm_tokens(" ".join(words)))
    ):
        return "other"
    return None


_NAME_WORD = r"[A-Z][\w’'.&-]*"
_LEADING_FUNCTION_WORD = re.compile(r"^(?:The|A|An)\s+")


@functools.lru_cache(maxsize=64)
def _named_with_head(head: str) -> re.Pattern[str]:
    """A capitalised name with `head` as its head noun: "Ruritanian Trade Bureau", "Bureau of
    Trade of Ruritania" (head "bureau")."""
    word = re.escape(head.capitalize())
    complements = rf"(?:\s+of\s+(?:the\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})*)"
    return re.compile(rf"\b(?:{_NAME_WORD}\s+)+{word}\b{complements}*|\b{word}{complements}+")


def _parse_phrase(phrase: str) -> tuple[str | None, list[str]] | None:
    """A speaker phrase's determiner ("the", "a", "an" or None) and the words after it, or
    None when nothing is left (the phrase points back to the last speaker). A possessive
    last word names the issuer ("Xinhua's report said"); a common noun capitalised only as
    the sentence's first word is lowered ("Negotiators said"), while "White House" or
    "Chinese state media", capitalised anywhere, stay so."""
    words = phrase.split()
    if words and len(words[-1]) > 2 and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    if not words:
        return None
    if (
        words[0][:1].isupper()
        and words[0].lower() in _NP_LOWER - _ORG_WORDS - _PROPER_ADJECTIVES
        and not (len(words) > 1 and _is_cap(words[1]))
    ):
        words[0] = words[0].lower()
    det = words[0].lower() if words[0].lower() in _DETERMINERS else None
    core = words[1:] if det else words
    return (det, core) if core else None


def _outlet_before_description(words: list[str]) -> str:
    """The name of a news outlet written with its description after it ("Xinhua news
    agency", "the Example Daily state tabloid"): the capitalised words before a lowercase
    description ending in a media noun, or "" (a side's media, "Chinese state media" or "US
    news outlets", name no outlet; "China's commerce ministry" is no outlet)."""
    size = next((i for i, w in enumerate(words) if not _is_cap(w)), len(words))
    name, description = words[:size], words[size:]
    if not name or not description or description[-1].lower() not in MEDIA_HEADS:
        return ""
    if any(
        w.endswith(("’s", "'s")) or w.lower() in _PROPER_ADJECTIVES or w.lower() in _COUNTRY_NAMES
        for w in name
    ):
        return ""
    return " ".join(name)


def _with_article(det: str | None, words: list[str]) -> str:
    """A body's name as written, with its "the" kept ("the Commerce Ministry")."""
    text = " ".join(words)
    return "the " + text if det == "the" else text


class _Attributor:
    """Turns speaker phrases into names, institutions or None for one article."""

    def __init__(self, cast: Cast, spans: list[_Span] | None = None, text: str = "") -> None:
        self.cast = cast
        self.state = _State()
        self._quoted = [(s.start, s.end) for s in spans or ()]
        self._quoted_starts = [s for s, _ in self._quoted]
        self.text = text
        self.referred: set[str] = set()  # speaker names found by "the ministry"-style reference

    @functools.cached_property
    def bodies(self) -> list[InstitutionMention]:
        """Listed bodies the narration names, in order (names inside quotations are the
        speaker's words, not the narration's); found only when a description needs them."""
        index = self.cast.institutions
        found = index.mentions(self.text) if index is not None else []
        return [m for m in found if not self.in_quote(m.pos)]

    def body_named_before(self, head: str, pos: int) -> str | None:
        """The body a definite description ("the ministry", "the state news agency") refers
        back to, as the article names it: the last body named before `pos` whose name has
        that head noun, listed or not ("the Ruritanian Trade Bureau ... the bureau said")."""
        index = self.cast.institutions
        listed = next(
            (
                m
                for m in reversed(self.bodies)
                if index is not None and m.pos < pos and head in index.heads[m.institution.id]
            ),
            None,
        )
        named = [
            m
            for m in _named_with_head(head).finditer(self.text, 0, pos)
            if not self.in_quote(m.start())
        ]
        if named and (listed is None or named[-1].start() > listed.pos):
            return _LEADING_FUNCTION_WORD.sub("", named[-1].group())
        if listed is not None:
            self.referred.add(listed.text)
            return listed.text
        return None

    def in_quote(self, pos: int) -> bool:
        """Whether `pos` lies inside a quotation (names there are not the narration's)."""
        i = bisect.bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and pos < self._quoted[i][1]

    def interpret(self, phrase: str, pos: int) -> tuple[str, str | None]:
        """What a speaker phrase at `pos` names: ("person", full name), ("inst", name as
        written), ("none", None) for an anonymous or joint source, ("carry", None) for one
        that points back to the last speaker ("he" with no one before), ("statement", None)
        for a statement whose issuer is not in the phrase (named later, else the last
        speaker), ("unnamed", None) for a title no one in the article or people list holds
        (named in the next sentence, else no one)."""
        parsed = _parse_phrase(phrase)
        if parsed is None:
            return _CARRY
        det, core = parsed
        lows = [w.lower().replace("’", "'") for w in core]
        cut = next((i for i, w in enumerate(lows) if w in _CONNECTORS and i > 0), None)
        head, comp = (core[:cut], core[cut + 1 :]) if cut is not None else (core, [])
        head_low = lows[: len(head)]
        last = head_low[-1]
        if last in _PRONOUNS and len(head) == 1:
            return self._pronoun(last, pos)
        if last in _STATEMENT_HEADS:
            return self._statement_issuer(head, head_low, comp, pos)
        joined = "and" in head_low and not strip_title(head[head_low.index("and") + 1 :])[0]
        if joined or (last in _GROUP_HEADS and ("two" in head_low or "both" in head_low)):
            return _NONE  # "Washington and Beijing said", "the two sides said": no one speaker
        if not _is_cap(head[-1]):
            return self._described(det, core, head, comp, pos)
        return self._capitalised(det, core, head, comp, pos)

    def _statement_issuer(
        self, head: list[str], head_low: list[str], comp: list[str], pos: int
    ) -> tuple[str, str | None]:
        """Who issued "the statement" ("a statement from the ministry", "the ministry's
        statement"): no one for a joint one, the owner named with it, else named later."""
        if "joint" in head_low:
            return _NONE
        if comp:
            return self.interpret(" ".join(comp), pos)
        owner = [w for w in head if w.endswith(("’s", "'s"))]
        if owner:
            return self.interpret(owner[-1][:-2], pos)
        return _STATEMENT

    def _described(
        self, det: str | None, core: list[str], head: list[str], comp: list[str], pos: int
    ) -> tuple[str, str | None]:
        """A speaker described by a common noun: an anonymous source, an unnamed official
        resolved by title, a body named before ("the ministry"), or a body as written."""
        last = head[-1].lower().replace("’", "'")
        if last in _ANON_HEADS:
            return _NONE
        outlet = _outlet_before_description(head) if not comp else ""
        if outlet:
            return ("inst", outlet)
        if last in _PERSON_TITLE_HEADS:
            return self._title_holder(det, head, comp, pos)
        bare = det is None and len(core) == 1  # "newspaper said": a phrase cut short
        if (det == "the" or bare) and not comp and last in _INSTITUTION_HEADS:
            referent = self.body_named_before(last, pos)
            if referent:
                return ("inst", referent)  # "the ministry said": the ministry named before
        if bare:
            return _NONE  # a common noun alone names no body: no speaker beats a guess
        if last in _INSTITUTION_HEADS or head[0][:1].isupper():
            return ("inst", _with_article(det, core))
        return _NONE

    def _title_holder(
        self, det: str | None, head: list[str], comp: list[str], pos: int
    ) -> tuple[str, str | None]:
        """An official named by title alone: the person holding it, else the body an unnamed
        spokesperson speaks for ("a MOFCOM spokesperson", "a spokeswoman for the Ruritanian
        embassy"), else named next (or no one)."""
        body = _spokesperson_body(head, comp) if head[-1].lower() in _SPOKES else ""
        if det in ("a", "an"):
            return ("inst", body) if body else _NONE
        key, side = title_key(" ".join(head))
        if side is None and comp:
            side = title_key(" ".join(comp))[1] or _foreign(comp)
        holder = self.cast.by_title(key, side, pos)
        if holder:
            return ("person", holder)
        return ("inst", body) if body else _UNNAMED

    def _capitalised(
        self, det: str | None, core: list[str], head: list[str], comp: list[str], pos: int
    ) -> tuple[str, str | None]:
        """A capitalised phrase: a name (possibly behind a title) or an institution."""
        size = next((i for i, w in enumerate(reversed(head)) if not _is_cap(w)), len(head))
        if not comp and 0 < size < len(head) and head[-size - 1].islower():
            # "state broadcaster CCTV": a description before the name is no part of it
            head = core = head[-size:]
            det = None
        last = head[-1].lower().replace("’", "'")
        if last in _ORG_WORDS or (
            any(w.endswith(("’s", "'s")) for w in head[:-1]) and last in _INSTITUTION_HEADS
        ):
            return ("inst", _with_article(det, core))  # "the Office of the US Trade Representative"
        title, name = strip_title(head)
        name_low = [n.lower().replace("’", "'").rstrip(".") for n in name]
        if not name or all(n in _BARE_TITLE_WORDS for n in name_low):
            key, side = title_key(" ".join(head))
            resolved = self.cast.by_title(key, side, pos)
            if resolved:
                return ("person", resolved)
            return _NONE if det in ("a", "an") else ("inst", " ".join(head))
        known = self._known_person(name)
        if known:
            return ("person", known)
        if len(name) == 1:
            resolved = self.cast.by_surname(name[0], pos, title)
            if resolved:
                return ("person", resolved)
            if name_low[0] in NON_NAME or name[0].isupper() or name_low[0] in _ORG_WORDS:
                return ("inst", _with_article(det, head))
            return ("person", name[0])
        full = " ".join(name)
        if any(mention.name == full for mention in self.cast.mentions):
            return ("person", full)
        if looks_like_name(name):
            self.cast.add(pos, full, norm_tokens(" ".join(title)))
            return ("person", full)
        return ("inst", _with_article(det, head))

    def _known_person(self, name: list[str]) -> str | None:
        """The listed or already-mentioned person whose full name the last two to four words
        of `name` are ("United States Trade Representative Robert Lighthizer")."""
        for size in range(min(len(name), 4), 1, -1):
            tail = " ".join(name[-size:]).lower().replace("’", "'")
            person = self.cast.known.by_name.get(tail)
            if person is not None:
                return person.name
            for mention in self.cast.mentions:
                if mention.name.lower() == tail:
                    return mention.name
        return None

    def _pronoun(self, word: str, pos: int) -> tuple[str, str | None]:
        state = self.state
        if word in ("he", "she"):
            if state.sentence_people:
                return ("person", state.sentence_people[-1])
            # A person named earlier in the same sentence, the first (usually its subject):
            # "Two years ago, President Donald Trump signed what he called ...".
            named = [
                m
                for m in self.cast.mentions
                if state.sentence_start <= m.pos < pos and not self.in_quote(m.pos)
            ]
            if named:
                return ("person", min(named, key=lambda m: m.pos).name)
            # Nobody has spoken or led a sentence yet: the person last named.
            person = state.person or self.cast.last_person(pos, self.in_quote)
            return ("person", person) if person else _CARRY
        if word == "it":
            return ("inst", state.institution) if state.institution else _CARRY
        if word in ("who", "which"):
            return _NONE
        return _CARRY

    def settle(
        self, result: tuple[str, str | None], pos: int | None = None, quoted: bool = False
    ) -> str | None:
        """The speaker a result names, updating who spoke last (a person named only by title
        or pronoun is recorded as mentioned at `pos`; `quoted`: credited with a quotation)."""
        kind, value = result
        state = self.state
        if kind in ("carry", "statement"):
            return state.speaker
        if kind == "uncredited":
            return None
        if kind == "unnamed":
            kind = "none"
        # Narration naming the speaker of the last quotation again keeps them a quoted source.
        state.speaker_quoted = quoted or (state.speaker_quoted and value == state.speaker)
        if kind == "inst" and value:
            low = value.lower()
            owners = _COUNTRIES.get(low)
            if (
                owners
                and state.speaker
                and state.speaker != value
                and state.speaker.lower().removeprefix("the ") not in _COUNTRY_NAMES
                and any(o in state.speaker.lower() for o in owners)
            ):
                # (Only a more specific body absorbs it: after "China said", "Beijing said"
                # is Beijing, as the article names it.)
                # "China's Commerce Ministry said ..." then "China also said ...": one source.
                value = state.speaker
            elif value[:1].isupper() is False and value.split()[0] in ("a", "an"):
                value = " ".join(value.split()[1:])
            state.institution = value
        if kind == "person" and value:
            state.person = value
            state.sentence_people.append(value)
            if pos is not None and not self.cast.named(value):
                self.cast.add(pos, value)
        state.speaker = value
        return value


class QuoteSpans:
    """Where the quotations of a text stand (found once, used by people scanning too)."""

    def __init__(self, text: str) -> None:
        self.paras = paragraph_spans(text)
        self.spans: list[_Span] = []
        if self.paras and _ANY_MARK.search(text):
            doubles = _find_double(text, self.paras)
            singles = _find_single(text, self.paras, doubles)
            # A double-quoted span inside a single-quoted one is nested (British style).
            doubles = [
                d for d in doubles if not any(s.start < d.start and d.end <= s.end for s in singles)
            ]
            self.spans = sorted(doubles + singles, key=lambda s: s.start)
        self._starts = [s.start for s in self.spans]

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, int):
            return False
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self.spans[i].end


def find_quotes(text: str, cast: Cast, found: QuoteSpans | None = None) -> tuple[Quote, ...]:
    """Every direct quotation in `text` with its speaker (see module docstring); `found` is
    the text's `QuoteSpans` when the caller already has them."""
    found = found if found is not None else QuoteSpans(text)
    paras, spans = found.paras, found.spans
    if not spans:
        return ()
    masked = _mask(text, spans)
    attributor = _Attributor(cast, spans, text)
    state = attributor.state
    quotes: list[Quote] = []
    sentences: list[tuple[int, int]] = []
    for ps, pe in paras:
        sentences.extend(sentence_spans(masked, ps, pe))
    sent_starts = [s for s, _ in sentences]
    all_verbs = [
        (m.start(), m.end())
        for m in _SPEECH.finditer(masked)
        if not (m.start() and masked[m.start() - 1].isalnum())
    ]
    verb_starts = [v[0] for v in all_verbs]
    span_starts = [sp.start for sp in spans]
    qi = 0
    credits = credit_spans(text, paras)
    for ss, se in sentences:
        if qi >= len(spans):
            break  # narration after the last quotation changes no speaker
        if credits and spans[qi].start >= se and any(s <= ss < e for s, e in credits):
            continue  # a reporter's credit line names no speaker
        state.sentence_people = []
        state.sentence_start = ss
        here: list[_Span] = []
        while qi < len(spans) and spans[qi].start < se:
            here.append(spans[qi])
            qi += 1
        ctx_end = se
        for span in here:
            last = bisect.bisect_right(sent_starts, max(span.end - 1, ss)) - 1
            ctx_end = max(ctx_end, sentences[last][1])
            if (
                masked[span.end - 2 : span.end - 1] in ("!", "?")
                and masked[span.end : ctx_end].strip() == ""
                and last + 1 < len(sentences)
                and "\n" not in masked[ctx_end : sentences[last + 1][0]]
                and _TRAILING_ATTRIBUTION.match(masked, *sentences[last + 1])
            ):
                # '"... NO MORE!" Trump tweeted Friday.': the attribution after a quotation
                # ending in ! or ? looks like a sentence of its own but belongs to it.
                ctx_end = sentences[last + 1][1]
        lo = bisect.bisect_left(verb_starts, ss)
        hi = bisect.bisect_left(verb_starts, ctx_end)
        verbs = all_verbs[lo:hi]
        narrated: dict[int, str | None] = {}
        counted = [(span, _inner(text, span)) for span in here]
        counted = [
            (span, inner)
            for span, inner in counted
            if not _is_term(text, span, inner) and not (not verbs and _is_echo(inner, quotes))
        ]
        # The quotations of this stretch of text (a long article may hold thousands).
        local = spans[
            bisect.bisect_left(span_starts, ss) : bisect.bisect_left(span_starts, ctx_end)
        ]
        for span, inner in counted:
            result = _attribute(masked, span, local, ss, ctx_end, verbs, attributor)
            if result in (_STATEMENT, _UNNAMED):
                # "'...,' the statement said. It was issued by the ministry.": the issuer;
                # "'...,' the spokesman said. Jane Doe was speaking at ...": the speaker.
                k = bisect.bisect_left(sent_starts, ctx_end)  # the next sentence
                window_end = sentences[k][1] if k < len(sentences) else len(masked)
                named = (
                    _ISSUED_BY.search(masked, span.end, window_end)
                    if result == _STATEMENT
                    else _SPOKE_NEXT.match(masked, sentences[k][0])
                    if k < len(sentences)
                    else None
                )
                if named:
                    phrase = _np_after(masked[named.end() : named.end() + 160])
                    result = attributor.interpret(phrase, named.end()) if phrase else result
            speaker = attributor.settle(result, span.start, quoted=True)
            sentence = text[ss:ctx_end].strip()
            quotes.append(Quote(inner, speaker, sentence))
        if not counted:
            # Narration without quotes still tells who speaks next ("X said ... . 'Y,' he
            # added") and who "he" is.
            for vs, ve in verbs:
                phrase = _phrase_for_verb(masked, ss, vs, ve)
                if phrase:
                    # Reported speech ("Trump said the talks went well") makes a source as a
                    # quotation does; other speech verbs ("China promised purchases") do not.
                    narrated[vs] = attributor.settle(
                        attributor.interpret(phrase, vs),
                        quoted=masked[vs:ve] in ATTRIBUTION_VERBS,
                    )
            issued = _ISSUES_STATEMENT.search(masked, ss, se)
            if issued:
                # "China's Commerce Ministry issued a statement ...": it speaks next.
                phrase = _np_before(masked[ss : issued.start()])
                if phrase:
                    narrated[issued.start()] = attributor.settle(
                        attributor.interpret(phrase, issued.start())
                    )
            if not narrated:
                subject = _first_np(masked[ss:se])
                if subject:
                    kind, value = attributor.interpret(subject, ss)
                    if kind == "person" and value and cast.named(value):
                        state.person = value
    return tuple(_name_bodies_alike(quotes, attributor))


def _name_bodies_alike(quotes: list[Quote], attributor: _Attributor) -> list[Quote]:
    """Quotations credited to a body through a description ("the state news agency") named
    the way the article credits that body itself elsewhere ("Xinhua said"), when it does."""
    index = attributor.cast.institutions
    if not attributor.referred or index is None:
        return quotes
    credited: dict[str, str] = {}
    for quote in quotes:
        body = index.find(quote.speaker) if quote.speaker else None
        if body and quote.speaker not in attributor.referred:
            credited.setdefault(body.id, quote.speaker or "")
    named = []
    for quote in quotes:
        body = index.find(quote.speaker) if quote.speaker in attributor.referred else None
        if body and body.id in credited:
            quote = quote._replace(speaker=credited[body.id])
        named.append(quote)
    return named


ECHO_WORDS = 3
"""A quoted fragment of at most this many words that repeats words of an earlier quotation of
the article, in a sentence with no speech verb, is the writer pointing back at them (the
"historic" deal he spoke of), not a quotation of its own. (With a speech verb it is someone
saying them again: "Bessent said only that 'substantial progress' had been made".)"""


def _is_echo(inner: str, earlier: list[Quote]) -> bool:
    """Whether the quoted words only repeat an earlier quotation's (see ECHO_WORDS)."""
    words = norm_tokens(inner)
    if not words or len(words) > ECHO_WORDS:
        return False
    return any(_contains_run(norm_tokens(quote.text), words) for quote in earlier)


def _contains_run(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether `run` occurs in `words` as consecutive words."""
    return any(words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _attribute(
    masked: str,
    span: _Span,
    spans: list[_Span],
    ss: int,
    se: int,
    verbs: list[tuple[int, int]],
    attributor: _Attributor,
) -> tuple[str, str | None]:
    """Who speaks a quotation, from the sentence around it (or the narration before it);
    `spans` are the quotations of that sentence. The steps are tried in order, the first
    that names someone wins; none does: `_unattributed`."""
    where = _Sentence(masked, span, spans, ss, se, verbs)
    post = _attribution_after(where)
    if post is not None and post.closes_sentence:
        # One that closes the sentence names the source of all of it ("Tai stressed
        # concerns 'relating to ...,' the USTR said.").
        return attributor.interpret(post.phrase, post.pos)
    for step in (_passive_speaker, _speaker_before):
        found = step(where, attributor)
        if found is not None:
            return found
    if post is not None:  # the attribution after it, when nothing before it speaks
        return attributor.interpret(post.phrase, post.pos)
    for step in (_speaker_later, _dash_credit, _colon_lead_in, _according_to):
        found = step(where, attributor)
        if found is not None:
            return found
    return _unattributed(where, attributor)


@dataclass(frozen=True)
class _Sentence:
    """A quotation in its sentence: the masked text, the quotation's span, the sentence's
    quotations, its (start, end) and its speech verbs."""

    masked: str
    span: _Span
    spans: list[_Span]
    start: int
    end: int
    verbs: list[tuple[int, int]]


@dataclass(frozen=True)
class _Attribution:
    """A speaker phrase right after a quotation, where its verb stands, and whether it
    closes the sentence."""

    phrase: str
    pos: int
    closes_sentence: bool


CLOSING_ATTRIBUTION_TAIL = 80
"""Characters that may follow the verb of an attribution closing its sentence ("..., the USTR
said in a statement on Friday."): a longer tail is a clause of its own."""


def _attribution_after(where: _Sentence) -> _Attribution | None:
    """An attribution right after the quotation, before the sentence's next quotation:
    "..., X said" / "..., said X"."""
    masked, span = where.masked, where.span
    following = [s.start for s in where.spans[where.spans.index(span) + 1 :] if s.start < where.end]
    post_end = min(following) if following else where.end
    for vs, ve in where.verbs:
        if span.end <= vs < post_end:
            phrase = _post_phrase(masked, span.end, vs, ve)
            if not phrase:
                return None
            closes = post_end == where.end
            closes = closes and len(masked[ve : where.end].strip()) <= CLOSING_ATTRIBUTION_TAIL
            return _Attribution(phrase, vs, closes)
    return None


def _passive_speaker(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """The agent of a passive speech verb: "dubbed '...' by Hong Kong newspapers", "who was
    referred to by Jane Doe as '...'": the agent spoke, whoever the subject is."""
    agent = _passive_agent(where.masked, where.span, where.start, where.end)
    return attributor.interpret(agent, where.span.start) if agent else None


def _speaker_before(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """The nearest speech verb before the quotation in the sentence ("X said that '...'", "X
    called it a '...'"): a quotation inside a clause belongs to that clause's speaker, even
    when another attribution follows ("Greer called it a 'deal,' Bessent said only ...")."""
    masked, span, ss = where.masked, where.span, where.start
    before = [
        (vs, ve) for vs, ve in where.verbs if ve <= span.start and not _is_according(masked, vs)
    ]
    if not before:
        return None
    vs, ve = before[-1]
    seg = ss
    for other in where.spans:
        if other.end <= vs and other.end > seg and other is not span:
            seg = other.end
    phrase = _phrase_for_verb(masked, seg if seg > ss else ss, vs, ve)
    if phrase.lower() in ("he", "she") and not attributor.state.sentence_people:
        # "Trump said after what he called 'very positive' talks": "he" is the speaker
        # named earlier in the same sentence.
        for vs2, ve2 in reversed(before[:-1]):
            kind, value = attributor.interpret(_phrase_for_verb(masked, ss, vs2, ve2), vs2)
            if kind == "person":
                return (kind, value)
    return attributor.interpret(phrase, vs) if phrase else None


def _speaker_later(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """The first speech verb later in the sentence ("... 'a' and 'b,' USTR said")."""
    masked, span = where.masked, where.span
    for vs, ve in where.verbs:
        if vs >= span.end and not _is_according(masked, vs):
            seg = max([o.end for o in where.spans if o.end <= vs] + [where.start])
            phrase = _phrase_for_verb(masked, seg, vs, ve)
            return attributor.interpret(phrase, vs) if phrase else None
    return None


def _dash_credit(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """A name after a dash closing the sentence credits it ("'...' — Jane Doe")."""
    dash = _DASH_CREDIT.match(where.masked, where.span.end, where.end)
    if not dash:
        return None
    *first, last = dash.group(1).split()
    return attributor.interpret(" ".join([*first, clean_token(last)]), where.span.start)


def _colon_lead_in(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """A quotation introduced by a colon belongs to the subject of the introducing clause
    ("Jane Doe put it plainly: '...'")."""
    lead_in = where.masked[where.start : where.span.start].rstrip()
    if not lead_in.endswith(":"):
        return None
    phrase = _first_np(lead_in)
    return attributor.interpret(phrase, where.span.start) if phrase else None


def _according_to(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None] | None:
    """The source of "according to X" in the sentence."""
    masked = where.masked
    for match in _ACCORDING.finditer(masked, where.start, where.end):
        phrase = _np_after(masked[match.end() : match.end() + 120])
        if phrase:
            return attributor.interpret(phrase, match.start())
    return None


def _unattributed(where: _Sentence, attributor: _Attributor) -> tuple[str, str | None]:
    """No speaker in the sentence. A quotation that opens its sentence goes on with the
    speaker of the narration so far. A fragment inside narration that credits no one is the
    writer's when the last speaker was only named by the narration ('Trump agreed to cut
    tariffs. Others remain "ongoing."'): guessing is worse than no speaker. One continuing a
    quoted source still carries on ("'...,' the ministry said. Those issues include '...'")."""
    embedded = any(map(str.isalnum, where.masked[where.start : where.span.start]))
    if embedded and not where.verbs and not attributor.state.speaker_quoted:
        return _UNCREDITED
    return _CARRY


_DASH_CREDIT = re.compile(
    r"[.,!?]?\s*[—–]\s*((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,3})[.,]?\s*$"
)
_BY_OR_FROM = re.compile(r"\s+(?:by|from)\s+")


def _report_by(masked: str, vs: int, ve: int) -> str:
    """The issuer of "a report by X" ("report" read as a speech verb), or ""."""
    if masked[vs:ve] not in ("report", "reports"):
        return ""
    by = _BY_OR_FROM.match(masked, ve)
    return _np_after(masked[by.end() : by.end() + 160]) if by else ""


_PASSIVE_SPEECH = compile_guarded(
    r"\b(?:referred\s+to|described|dubbed|called|labell?ed|branded|hailed|termed|"
    r"characteri[sz]ed|nicknamed)\b",
    re.IGNORECASE,
)
_BY = compile_guarded(r"\bby\s+")
PASSIVE_REACH = 60
"""How far (characters) a passive verb's "by" phrase may stand from the verb or, after the
quotation, from its end: one short clause ("dubbed China's '...' by Hong Kong newspapers")."""


def _passive_agent(masked: str, span: _Span, ss: int, se: int) -> str:
    """The agent of a passive speech verb whose quotation this is, or "": the verb stands
    before the quotation in its clause, "by X" between them or right after the quotation."""
    verbs = list(_PASSIVE_SPEECH.finditer(masked, max(ss, span.start - PASSIVE_REACH), span.start))
    if not verbs:
        return ""
    verb = verbs[-1]
    if any(ch in ",;" for ch in masked[verb.end() : span.start]):
        return ""  # another clause stands between them
    for window in ((verb.end(), span.start), (span.end, min(se, span.end + PASSIVE_REACH))):
        by = _BY.search(masked, *window)
        if by and (window[0] == verb.end() or not masked[span.end : by.start()].strip(" ,")):
            phrase = _np_after(masked[by.end() : by.end() + 160])
            if phrase:
                return phrase
    return ""


def _post_phrase(masked: str, qend: int, vs: int, ve: int) -> str:
    """The speaker named right after a quotation ("..., X said", "..., said X"), or ""."""
    issuer = _report_by(masked, vs, ve)
    if issuer:
        return issuer
    rest = " ".join(_strip_tail(masked[qend:vs]).strip(" ,—–-").split())
    if not rest:
        return _np_after(masked[ve : ve + 160])
    if rest == "He" and masked[qend - 2 : qend - 1] == ",":
        return "Mr He"  # '"...," He said': a capitalised He mid-sentence is the surname
    if _np_before(rest) == rest:
        return rest
    head, _, tail = rest.partition(", ")
    if tail and _np_before(head) == head:
        return head  # "..., Li Chenggang, a vice minister of commerce, said"
    return ""


def _is_according(masked: str, vs: int) -> bool:
    return masked[max(0, vs - 13) : vs].lower().endswith("according to ")
