"""Patterns and word lists the cleaner uses to recognise boilerplate in scraped article text.

Everything here is a compiled regular expression or a constant set: the cleaner in `clean.py`
combines these per-line signals with the line's position relative to the article's prose.
The patterns describe generic page furniture (paywalls, cookie notices, share bars, captions,
bylines, timestamps, teasers), never the wording of a particular outlet or article.
"""

from __future__ import annotations

import re

from digest.clean_gates import KeywordGate, keyword_gate
from digest.lexicon import (
    MONTH_PATTERN,
    SCALE_WORDS,
    WEEKDAY_PATTERN,
    WIRE_AGENCIES,
    compile_guarded,
)

_I = re.IGNORECASE

# Characters that end a sentence (or a quotation / bracket closing one) in running prose.
TERMINAL = frozenset(".!?…\"”’'):;»]。！？」』）｡")
# Closing quotes and brackets: they end a sentence only when punctuation precedes them.
CLOSERS = frozenset("\"”’'»")
# Scripts written without spaces between words (CJK): a line's word count is estimated from
# its characters instead.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAYS = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?"
)

# A calendar date that carries a year: "June 3, 2018", "3 June 2018", "2018-06-03", "03.06.2018".
DATE_WITH_YEAR = re.compile(
    rf"\b(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})",
    _I,
)

# Date and time vocabulary; what is left of a line once these are gone tells whether the line
# was only a timestamp.
_DATE_TOKEN = re.compile(
    rf"\b(?:{MONTHS}|{WEEKDAYS}|\d+(?:st|nd|rd|th)?|a\.?m\.?|p\.?m\.?|utc|gmt|est|edt|et|pt|pst"
    r"|pdt|ist|cet|cest|bst|sgt|hkt|jst|hrs?|today|yesterday|ago|mins?|minutes?|hours?|days?"
    r"|published|updated|update|posted|modified|created|received|last|first|on|at|date|time)\b",
    _I,
)
HAS_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d+\s*(?:hours?|mins?|minutes?|days?)\s+ago\b", _I)

# A scraper's date prefix at the very start of a line: "date 2019-02-13 ", "2019-02-13 | ".
LEADING_DATE_PREFIX = re.compile(
    r"^(?:date\s*:?\s*)?\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*(?:[-|:–—]\s*)?", _I
)
# A full date glued to the first word of prose: "July 31, 2019The United States ...".
GLUED_DATE_PREFIX = re.compile(
    rf"^(?:{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS}\s+\d{{4}})(?:\s*\|\s*|(?=[A-Z]))",
    _I,
)

# Lines that carry nothing but a timestamp label.
TIMESTAMP_LABEL = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|released|"
    r"created|issued|date)\b\s*(?:on|at)?\s*:?",
    _I,
)
READING_TIME = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", _I)

# Bylines: "By Jane Doe", "ByJane Doe", "Jane Doe | Reuters", "by X & Y, The Paper, date".
BYLINE = re.compile(
    r"^(?:by|written by|reported by|edited by|compiled by|words by|story by|text by)"
    r"(?:\s+|(?=[A-Z]))[A-Z\u00C0-\u024F]",
)
BYLINE_I = re.compile(r"^(?:by|written by|reported by|edited by|compiled by)\s*:?\s+\S+", _I)
BYLINE_LABEL_ONLY = re.compile(
    r"^(?:by|written by|reported by|edited by|compiled by|authors?|words)\s*:?$", _I
)
"""A byline's label alone on its line, the names on the next ("By" / "Jane Doe"), as pages
that set the label and the author's link apart scrape."""
NUMERIC_DATE_LINE = re.compile(
    r"^\W*(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})"
    r"(?:[,\s]+\d{1,2}:\d{2}(?::\d{2})?)?\W*$"
)
"""A date written in figures alone on its line, perhaps with the time ("19.11.2019, 08:57",
"2019-11-19"): a timestamp, not a table's number."""
AGENCY_ONLY_LINE = re.compile(
    r"^\W*(?:"
    + "|".join(map(re.escape, WIRE_AGENCIES))
    + r")(?:\s*[/,&]\s*(?:"
    + "|".join(map(re.escape, WIRE_AGENCIES))
    + r"))*\W*$"
)
"""A news agency's name alone on its line ("Reuters", "AFP / Xinhua"): the story's credit."""
TIME_ONLY_LINE = re.compile(r"^\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\.?(?:\s+[A-Z]{2,4})?$", _I)
"""A time of day alone on its line ("10 p.m.", "9:30 am ET"): a live report's timestamp."""
TIMESTAMP_SEPARATOR = re.compile(r"\s+[|/]\s+")
"""What joins the stamps of one timestamp line ("Published May 3 | Updated May 4")."""
ROLE_WORDS = compile_guarded(
    r"\b(?:reporter|correspondent|editor|writer|contributor|columnist|journalist|staff|"
    r"bureau|news desk|newsroom|desk|agencies|wire services?)\b",
    _I,
)
# "Jane Doe is a senior reporter covering trade ..." at the foot of an article.
AUTHOR_BIO = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:is|was|has been|covers|writes)\b"
    r"[^.]{0,80}?\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|"
    r"author|analyst|fellow|anchor|producer|freelance\w*)\b",
)
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\bcan be reached at\b|\bfollow (?:him|her|them|me|us) on\b"
    r"|\bcontact (?:the )?(?:author|reporter|writer)\b",
    _I,
)

# Photo captions and credits.
CAPTION_CREDIT = re.compile(
    r"\b(?:photo|image|picture|photograph|graphic|illustration|video|footage)s?"
    r"\s*(?::|by\b|credit\b|courtesy\b)"
    r"|\((?:ap|afp|reuters|getty|epa|xinhua|bloomberg|upi|ians|pti|ani|cns|efe|dpa)\b[^)]*\)\s*$"
    r"|\bgetty images\b|\bap photo\b|\bfile photo\b|\blicense photo\b"
    r"|\b(?:reuters|afp|xinhua|epa|ap|upi|bloomberg|efe|dpa|pti|ians|ani)\s*/\s*[A-Z]"
    r"|^\s*\[?\s*(?:photo|image|picture)\s*(?:credit)?\s*[:\]]"
    r"|\bcredit\s*(?::|\.{2,}|…)\s*\w|^\s*©|\bshutterstock\b|\bistock\b"
    r"|\[[^\[\]]{2,60} via [^\[\]]{2,60}\]\s*$"
    r"|\(photo[^)]*\)|\[photo[^\]]*\]"
    # A label and the source in brackets closing the line ("[File: Example Wire]").
    r"|\[(?:file|photo|image|picture|video)s?\s*:[^\[\]]{2,60}\]\s*$",
    _I,
)
PARENTHESISED_CREDIT = re.compile(r"\([^()/]{2,60}(?:/[^()/]{2,40})+\)\s*$")
"""A picture credit in brackets closing a line, sources and photographer joined by slashes
("(Example Space Agency/Jane Roe)", "(Agency/Lab/University)"); prose ends with a stop, not
such a bracket."""
AGENCY_CREDIT_AT_END = re.compile(
    r"/\s*(?:" + "|".join(map(re.escape, WIRE_AGENCIES)) + r"|getty images|pool)\s*$",
    _I,
)
"""A photographer's credit closing a caption, the agency after a slash ("… May 3, 2019. Jane
ROE / AFP"); prose ends with a stop."""
PICTURE_COUNTER = re.compile(
    r"^(?:photo|image|picture|slide)s?\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}$", _I
)
"""A gallery's counter ("Image 2 of 5"): the line under it is that picture's caption."""
# Weaker credit signals, trusted on short lines only.
CAPTION_CREDIT_WEAK = compile_guarded(
    r"\b(?:photo|image|picture|video|file)s?\s*(?:from|/)\s|/\s*(?:reuters|afp|xinhua|epa|getty"
    r"|ap|upi|bloomberg|pool)\b|\bcourtesy of\b|\b(?:photo|image|picture)s?$",
    _I,
)
# Present-tense verbs with which wire captions describe the picture ("X meets Y in Z, date").
CAPTION_VERB = compile_guarded(
    r"\b(?:speaks|speak|meets|meet|listens|listen|arrives|arrive|attends|attend|gestures|gesture|"
    r"waits|wait|walks|walk|shakes|shake|poses|pose|greets|greet|talks|delivers|deliver|holds|"
    r"looks|look|leaves|leave|reacts|react|smiles|smile|sits|sit|stands|stand|waves|wave|"
    r"addresses|address|signs|sign|chats|chat|leads|lead|gathers|gather|"
    r"departs|depart|enters|enter|prepares|prepare|answers|answer|"
    r"(?:is|are) (?:seen|pictured|shown|photographed|displayed))\b"
)
CAPTION_POSITION = compile_guarded(
    r"\((?:l|r|c|left|right|center|centre|front|back|top|bottom|2nd [lr]\w*)\)"
    r"|\b(?:from left|from right|second (?:from )?(?:left|right)|center|centre|left|right)\b,",
    _I,
)

# Embedded social-media posts.
EMBED_SIGNATURE = re.compile(
    rf"[—–-]\s*[^()\n]{{1,60}}\(@\w{{1,30}}\)\s*(?:{MONTHS}\s+\d{{1,2}},\s+\d{{4}}|\w+\s+\d)", _I
)
EMBED_MISC = re.compile(
    r"pic\.twitter\.com/|\bview this post on instagram\b|\ba post shared by\b"
    r"|\bwatch on tiktok\b|\bview on (?:twitter|x|threads|facebook)\b"
    r"|^\s*\[?(?:embedded|embed) (?:content|post|tweet|video)",
    _I,
)

# Keyword classes. Each pattern names a reason; a short line with one hit is boilerplate,
# a long line needs several hits (see `clean.py`).
KEYWORD_CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "paywall prompt",
        re.compile(
            # The lookahead (every branch's possible first characters) only makes the search
            # faster: most positions fail it at once instead of trying every branch.
            r"(?=[{sfuparlctyde])(?:"
            r"\{\{[^}]*\}\}|\bsubscribers? only\b|\bfree articles?\b"
            r"|\bunlock (?:the rest|this|full|unlimited|all)\b|\bpaywall|\bpremium (?:stories|"
            r"content|articles?|access|members?)\b|\bsign up for (?:a |our )?free\b"
            r"|\balready (?:a )?(?:subscriber|subscribed|member|registered|have an account)\b"
            r"|\b(?:log|sign) ?in to (?:read|continue|access|view)\b|\bto continue reading\b"
            r"|\bread the full (?:story|article)\b|\bunlimited (?:digital )?access\b"
            r"|\bregister to (?:read|continue)\b|\bcreate (?:a |your )?free account\b"
            r"|\byou(?:'|’)ve reached (?:your|the) (?:limit|maximum)\b|\bfree trial\b"
            r"|\bcancel anytime\b|\brenews automatically\b|\bdigital (?:replica|edition|access)\b"
            r"|\bad-free\b|\bepaper\b|\be-paper\b)",
            _I,
        ),
    ),
    ("subscription prompt", re.compile(r"\bsubscri(?:be|bed|ption|ptions)\b", _I)),
    (
        "cookie notice",
        re.compile(
            r"\bcookies?\b[^.]{0,80}\b(?:use|uses|accept|consent|policy|settings|preferences|"
            r"experience|browsing)\b|\bwe use cookies\b|\baccept all\b|\bmanage (?:preferences|"
            r"consent|cookies)\b|\bprivacy (?:policy|notice|settings)\b|\bterms (?:of|and) "
            r"(?:use|service|conditions)\b|\bdo not sell my\b",
            _I,
        ),
    ),
    (
        "outdated-browser notice",
        re.compile(
            r"\b(?:outdated|unsupported|old(?:er)?|out of date) (?:web )?browser\b|\bupgrade "
            r"your browser\b|\bupdate your browser\b|\benable javascript\b|\bjavascript (?:is )?"
            r"(?:disabled|required|turned off)\b|\bbrowser (?:is not|isn't) supported\b"
            r"|\bdefault browser\b|\b(?:may|might|will) not (?:work|display|function) (?:properly|"
            r"correctly)\b|\bfeatures on this (?:website|site)\b|\bbest (?:viewing )?experience\b",
            _I,
        ),
    ),
    (
        "share buttons",
        re.compile(
            r"^(?:share|tweet|email|print|copy link|save)\b\s*(?:this|on|via|article|story|:|$)"
            r"|\bshare (?:this|on|via|the article|the story)\b|\bcopy (?:the )?link\b"
            r"|\bclick to share\b|\bopens? in (?:a )?new (?:window|tab)\b"
            r"|\bshare posts by email\b|\bcheck your email addresses\b"
            r"|\bshare (?:it|this|them) with (?:a friend|friends|your friends)\b",
            _I,
        ),
    ),
    (
        "newsletter prompt",
        re.compile(
            r"\bnewsletters?\b|\bsign(?:\s|-)?up\b|\bregister\b|\bregistrations?\b|\blog ?in\b"
            r"|\bsign ?in\b|\b(?:must|need to) be logged in\b|\bjoin our\b|\bfollow us\b"
            r"|\bdownload (?:our|the) app\b"
            r"|\bget the app\b|\bdelivered (?:straight )?to your inbox\b|\byour inbox\b"
            # A mailing's schedule ("delivered weekday mornings", "sent every Friday").
            r"|\b(?:delivered|sent) (?:\w+ )?(?:daily|weekly|every (?:day|morning|evening|week"
            r"|\w+day)|(?:week)?day mornings|(?:week)?day evenings)\b"
            r"|\btelegram channel\b|\bwhatsapp channel\b|\bgoogle news\b|\bpush notifications?\b",
            _I,
        ),
    ),
    (
        "teaser",
        re.compile(
            r"^(?:related|also read|read more|more from|recommended|you may (?:also )?like"
            r"|most read|most popular|trending|top stories|more stories|further reading"
            r"|see also|read also|read next|up next|latest news|more news|don(?:'|’)t miss"
            r"|watch|listen|recommended for you|editor(?:'|’)s picks?|related (?:articles?|"
            r"stories|news|coverage|videos?))\b"
            r"|\bread more\b|\bclick here\b|\bmore:\s|\bsee more\b|\bload more\b"
            r"|\bview (?:more|all)\b"
            r"|\bcontinue reading\b|\bkeep reading\b|\bread the (?:rest|latest)\b"
            r"|^(?:also see|see also|also on|more on this (?:story|topic|subject)"
            r"|related (?:reading|topics?|links?)|on the same (?:topic|subject))\b",
            _I,
        ),
    ),
    (
        "feedback prompt",
        re.compile(
            r"\btell us what you think\b|\bwhat do you think\b|\blet us know\b|\bsend us\b"
            r"|\bcomments? (?:are|is) (?:closed|disabled)\b|\bleave a comment\b|\bcomment "
            r"policy\b|\bjoin the (?:conversation|discussion)\b|\bhave your say\b|\bfeedback\b"
            r"|\bshare your (?:thoughts|views|story)\b|\bgot a (?:news )?tip\b|\breport an? "
            r"(?:error|typo|correction)\b|\bwe welcome your\b",
            _I,
        ),
    ),
    (
        "developing-story notice",
        re.compile(
            r"\bdeveloping story\b|\bbreaking news\b|\bcheck back (?:later|soon|for)\b"
            r"|\bthis (?:story|article|post|report) (?:has been|will be|is being|was) updated\b"
            r"|\bthis is a developing\b|\bmore to (?:come|follow)\b|\bwill be updated\b",
            _I,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"^(?:advertisement|advertisment|ad|ads|sponsored(?: content)?|promoted|scroll to "
            r"continue|story continues(?: below)?|article continues below|skip (?:to|ad)\b|"
            r"continue (?:reading )?below|paid (?:post|content)|partner content)\b"
            r"|\bskip to (?:main )?content\b|\badvertisement\b|\b(?:buy|shop|order) now\b",
            _I,
        ),
    ),
    (
        "video prompt",
        re.compile(
            r"\bvideo player\b|\b(?:play|replay|watch|pause|mute|unmute) (?:the )?video\b"
            r"|\bvideo (?:is )?(?:loading|unavailable|no longer available|has (?:been )?removed)"
            r"|\bclick to (?:play|watch)\b|\bnow playing\b|\bautoplay\b|\bvideo duration\b"
            r"|\bdoes not support (?:the )?(?:video|html5)\b"
            r"|\b(?:video|player|clip) (?:above|below)\b"
            r"|\bthis video\b|\bvideo (?:transcript|caption)s?\b",
            _I,
        ),
    ),
    (
        "disclaimer",
        re.compile(
            r"©|\bcopyright\b|\ball rights reserved\b|^disclaimer\b|\bjournalist was involved\b"
            r"|\bsyndicated feed\b|\bauto-generated\b|\bprior written permission\b"
            r"|\b(?:content|material|comments?) you (?:upload|post|submit)\b"
            r"|\bwithout (?:prior )?(?:written )?permission"
            r"\b|\bmay not be (?:published|reproduced|redistributed)\b"
            r"|\b(?:views|opinions) expressed\b"
            r"|\bdo(?:es)? not (?:necessarily )?reflect the views\b|\b(?:this|the) (?:story|"
            r"article|content) (?:has been|was|is) (?:published|generated|edited|auto)"
            r"|\bfor (?:reprint|reproduction) rights\b|\breprints?\b",
            _I,
        ),
    ),
    (
        "donation prompt",
        re.compile(
            r"\bdonat(?:e|ion|ions)\b|\bsupport (?:us|our|independent|quality|the mission|now)\b"
            r"|\byour support\b|\bbecome a (?:member|patron|supporter)\b|\bmake a (?:contribution"
            r"|donation)\b|\bpatreon\b|\bbuy (?:me|us) a coffee\b|\bquality journalism\b"
            r"|\bindependent journalism\b",
            _I,
        ),
    ),
    (
        "site blurb",
        re.compile(
            r"\bour (?:readers|journalism|reporters|reporting|mission|website|site|coverage|"
            r"editors|newsroom|team)\b|\b(?:its|their) (?:\w+ )?(?:professional )?readers\b"
            r"|\binformation service\b|\bis an? (?:[\w-]+ ){0,3}(?:publication|news (?:site|"
            r"service|outlet|agency|platform))\b|\bofficial website\b|\bofficial (?:\w+ )?"
            r"account\b|\bhere(?:'|’)s how you know\b|\bwe (?:need|rely on|believe)\b",
            _I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^(?:home|menu|search|close|back to top|skip to|you are here|main menu|sections?"
            r"|breadcrumbs?|accessibility links|toggle|open menu|close menu|next|previous|prev)"
            r"\b(?=\s*$|\s*[>»›|/:·•]|(?:\s+\S+){1,2}\s*$|(?:\s+(?-i:[A-Z&])[\w&]*)+\s*$)"
            r"|\s[>»›]\s|^[>»›]|\s[>»›]$",
            _I,
        ),
    ),
)

# For each class, what every match of its pattern contains (trigger words or marks) and how
# it starts or what it contains (gates), derived from the pattern itself (`clean_gates`): a
# set lookup or a few substring tests rule a class out far faster than its pattern.
KEYWORD_TRIGGERS: tuple[KeywordGate, ...] = tuple(
    keyword_gate(reason, rx) for reason, rx in KEYWORD_CLASSES
)
ALL_TRIGGER_WORDS = frozenset().union(*(t.words for t in KEYWORD_TRIGGERS))
ALL_TRIGGER_MARKS = tuple(sorted({m for t in KEYWORD_TRIGGERS for m in t.marks}))
# Trigger word -> indices (into KEYWORD_TRIGGERS) of the classes it may signal, and
# (index, mark) for the trigger marks.
TRIGGER_WORD_CLASSES: dict[str, tuple[int, ...]] = {
    w: tuple(i for i, t in enumerate(KEYWORD_TRIGGERS) if w in t.words) for w in ALL_TRIGGER_WORDS
}
TRIGGER_MARK_CLASSES: tuple[tuple[int, str], ...] = tuple(
    (i, m) for i, t in enumerate(KEYWORD_TRIGGERS) for m in t.marks
)

# The classes that main-content extraction from HTML typically leaves in the text (the rest,
# such as navigation words and site blurbs, it has already cut, and what looks like them in
# its output is the article's own).
HTML_KEYWORD_CLASSES = frozenset(
    {
        "paywall prompt",
        "subscription prompt",
        "cookie notice",
        "outdated-browser notice",
        "share buttons",
        "newsletter prompt",
        "teaser",
        "feedback prompt",
        "advertisement",
        "donation prompt",
        "video prompt",
    }
)

# A few classes are specific enough that a single hit condemns even a long line.
STRONG_CLASSES = frozenset(
    {"paywall prompt", "cookie notice", "outdated-browser notice", "developing-story notice"}
)

# Calls to action: sentences that open with an imperative aimed at the reader.
# Imperatives that are prompts even without a boilerplate keyword ("Join X and ...").
CALL_TO_ACTION_STRICT = re.compile(
    r"^(?:click|tap|subscribe|sign up|register|join|download|donate|log in|sign in|"
    r"learn more|find out more)\b",
    _I,
)
CALL_TO_ACTION = re.compile(
    r"^(?:click|tap|subscribe|sign up|register|join|download|follow|donate|support|"
    r"read|watch|listen|get (?:the|our|access|unlimited)|share|sign in|log in|"
    r"learn more|find out more|discover|explore|try|upgrade|enable|accept|continue)\b",
    _I,
)

# Prices and plan durations ("₹900", "$9.99/month", "3 Months", "1 Year").
PRICE = re.compile(
    r"^(?:(?:[₹$€£¥]|rs\.?|inr|usd|us\$|s\$|eur|gbp)\s*\d[\d,.]*(?:\s*(?:/|per|a)\s*"
    r"(?:month|mo|year|yr|week|day|annum))?|\d[\d,.]*\s*(?:[₹$€£¥]|rs\.?|inr|usd|eur|gbp)"
    r"(?:\s*(?:/|per|a)\s*(?:month|mo|year|yr|week|day))?|\d+\s*(?:months?|years?|weeks?|days?)"
    r"|(?:monthly|yearly|annual|weekly|quarterly))\s*(?:plan|subscription|access)?\.?$",
    _I,
)
PRICE_INLINE = re.compile(
    r"(?:[₹$€£¥]|rs\.?)\s*\d[\d,.]*\s*(?:/|per)\s*(?:month|mo|year|yr|week)\b", _I
)

PRICE_AMOUNT = compile_guarded(
    r"(?:[₹$€£¥]|\brs\.?)\s?\d[\d,]*(?:\.\d{1,2})?"
    # The whole figure (no digit left to backtrack into), and no scale word after it.
    r"(?![.,]?\d)(?!\s*(?:"
    + "|".join(sorted(map(re.escape, SCALE_WORDS), key=len, reverse=True))
    + r")\b)",
    _I,
)
"""A sum of money of a purchase's size ("£11.99", "$1"), not the billions of trade figures."""
SUBSCRIPTION_OFFER = re.compile(
    r"\b(?:subscri\w*|\d+ (?:issues|editions|months|weeks)|delivered|free trial|per issue"
    r"|cancel anytime|introductory|(?:first|per) (?:month|week|year))\b",
    _I,
)
"""What turns a price into a subscription offer: a subscription, a count of issues or months,
delivery, a trial ("12 issues for £11.99", "Subscribe for $1 a week")."""

# Bullets and list markers at the start of a line.
BULLET = re.compile(r"^(?:[•*·▪►▸◦‣⁃●○■□–—-]|\d{1,2}[.)])\s*")

# Datelines opening the first paragraph: "BEIJING (Reuters) -", "WASHINGTON/BEIJING:",
# "[BEIJING]", "ANCHORAGE, Alaska (AP) —", "May 4 (UPI) --", "(Bloomberg) —",
# "BEIJING, July 8 (Xinhua) --", "WASHINGTON, December 31. /TASS/.".
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+){0,3}"
DATELINE_START = re.compile(
    rf"^(?:\[{_CAPS_PLACE}\]"
    rf"|{_CAPS_PLACE}(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+){{0,2}})?(?:,\s*[A-Z][a-z]+\.?\s+\d{{1,2}}"
    r"(?:,\s*\d{4})?)?\.?\s*(?:\([^)\n]{1,40}\))?\s*(?:/[A-Z]+/\.?|[-–—:]{1,2}|\s[-–—]{1,2})"
    r"|\([A-Z][\w .&-]{1,30}\)\s*[-–—:]{1,2}"
    rf"|{MONTHS}\s+\d{{1,2}}\s*\([A-Z][\w .&-]{{1,30}}\)\s*[-–—]{{1,2}})",
)
# A dateline alone on its line: "ISTANBUL", "SAN FRANCISCO".
DATELINE_ONLY = re.compile(r"^[A-Z][A-Z.'’-]+(?:[ /,]{1,2}[A-Z][A-Z.'’-]+){0,3}$")
# Upper-case words that open prose lines without being a dateline.
NOT_PLACES = frozenset(
    {
        "US",
        "U.S.",
        "UK",
        "U.K.",
        "EU",
        "UN",
        "U.N.",
        "G20",
        "G-20",
        "WTO",
        "IMF",
        "USTR",
        "NATO",
        "ASEAN",
        "APEC",
        "OPEC",
        "GDP",
        "CEO",
        "AI",
        "I",
        "A",
        "THE",
        "AND",
        "BUT",
        "IN",
        "ON",
        "AT",
        "IT",
        "NO",
        "YES",
        "OK",
        "TV",
        "NEW",
        "BREAKING",
        "UPDATE",
        "UPDATED",
        "WATCH",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "NOTE",
        "FILE",
        "PHOTO",
        "VIDEO",
        "READ",
        "ALSO",
        "RELATED",
        "MORE",
        "LIVE",
        "PRC",
        "DPRK",
        "USA",
        "CNN",
        "BBC",
        "AP",
        "AFP",
        "UPI",
        "CNBC",
        "NBC",
        "ABC",
        "CBS",
        "WSJ",
        "FT",
    }
)

# Reference lines: a label and a code or count, nothing else ("Story ID: 4521-B", "Ref. No. 77",
# "Photo 3 of 12", "[2]"), as article databases and galleries print them.
REFERENCE_LINE = re.compile(
    r"^(?:(?:ref(?:erence)?|id|story|article|doc(?:ument)?|item|case|file|news)\.?"
    r"(?:\s*(?:id|no|number|code|#))?\.?\s*[:#]?\s*[\w/-]*\d[\w/-]*"
    r"|(?:photo|image|picture|slide|video|page)?\s*\d{1,3}\s*(?:/|of)\s*\d{1,3}"
    r"|\[\d{1,3}\]|\(\d{1,3}\))$",
    _I,
)
FORM_FIELD = re.compile(r"^[^\W\d_][\w'’ -]{0,30}?\s*(?:\((?:required|optional)\)|\*)$", _I)
"""A form's field label alone on its line ("Name (required)", "Email *"): a comment or contact
form printed under the story."""
# Wire-service transmission lines: start and end markers and story slugs ("ZCZC",
# "ABC-12", "TRADE-TALKS-TARIFFS"), one alone on its line.
WIRE_SLUG_LINE = re.compile(r"^(?:ZCZC|NNNN|[A-Z]{2,6}-\d{1,4}|[A-Z]{2,}(?:-[A-Z]{2,}){2,})$")
# Agency credit lines closing a story: "(Reporting by A in B; Editing by C)".
REPORTING_CREDIT = re.compile(
    r"^[(\[]?(?:additional )?(?:reporting|writing|editing|research|compiled|produced)"
    r"(?: and (?:writing|editing))? by\b",
    _I,
)
# A person placed in the picture by a bracketed position ("Jane Roe (left) ..."): captions
# only; prose names people without saying where they stand.
PICTURE_DESCRIPTION = re.compile(
    r"^(?:an?|the|this|these) (?:artist(?:'|’)s (?:concept|illustration|impression|rendering)"
    r"|(?:illustration|impression|rendering|photo|image|picture|photograph|handout photo"
    r"|file photo|satellite image|screenshot|still)s?)"
    r" (?:of|shows?|showing|released|taken|provided)\b"
    r"|^(?:an?|this|these)(?: [A-Z][\w.&'’-]*){1,4} (?:illustration|rendering|photo|image"
    r"|picture|photograph)s? (?:shows?|showing)\b"
    r"|^(?:media|image|video|photo|picture) ?caption(?:\b|(?-i:(?=[A-Z])))",
    _I,
)
"""A caption that names itself ("An artist's illustration of …", "This photo shows …", "This
Example Corp. illustration shows …"), or keeps the label a page put before it ("Media
caption")."""
PICTURED_CLAUSE = re.compile(
    r"(?:,|\()\s*(?:(?:is|are) )?(?:pictured(?! as\b)|seen here|shown here)\b", _I
)
"""A caption's "…, pictured at the summit in 2018, …": the person in the picture placed by it
(a story says who was photographed only in a caption)."""
PHOTO_CREDIT_LINE = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}\s*/\s*[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}$"
)
"""A photographer's credit alone on its line, name and agency or paper joined by a slash
("Jane Roe/Example Daily")."""
EXCERPT_CUT_MARKS = ("[…]", "[...]")
"""How a blog's list of other posts ends each cut excerpt: a line ending so is a teaser."""
PICTURE_DAY = re.compile(rf"\b{WEEKDAY_PATTERN},? {MONTH_PATTERN} \d{{1,2}},? \d{{4}}\b")
"""The day a picture was taken as wire captions give it, weekday and full date ("…, in Geneva
on Tuesday, May 3, 2019"); story prose names the weekday or the date, not both with the year
(every such line of the 90 corpus pages is a caption or a timestamp)."""
CAPTION_POSITION_MARK = re.compile(
    r"\((?:l|r|c|left|right|center|centre|central|front|back|top|bottom|background|foreground|"
    r"(?:2nd|3rd|second|third) (?:from )?(?:l|r|left|right))\)",
    _I,
)
# Finite verbs: a caption is a noun phrase ("Containers at the port in Z on May 3, 2019."),
# while a sentence ending in a date has one (past forms from the lexicon, auxiliaries here).
AUXILIARY = compile_guarded(
    r"\b(?:is|are|am|be|has|have|will|would|can|could|shall|should|may(?!\s+\d)|might|must|do|does)\b",
    _I,
)
# A full date (with its year) closing a line, as wire captions end.
DATE_AT_END = re.compile(
    rf"(?:{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTHS},?\s+\d{{4}})\.?$", _I
)

# A cross-reference to an archive number inside prose: "... response (see 2005040012)."
INLINE_REFERENCE = re.compile(
    r"\s*\((?:see|cf\.?|ref\.?)\s*:?\s*#?\d{6,}(?:\s*,\s*#?\d{6,})*\)", _I
)
# Notes about the piece rather than its story: thanks for research help, and revision notes.
ACKNOWLEDGEMENT = re.compile(
    r"\b(?:provided|gave|offered) (?:\w+ ){0,2}(?:research|data|editorial|graphics?|technical"
    r"|statistical) (?:assistance|support|help)\b|\bassisted with (?:the )?(?:graphics|research"
    r"|data|charts|figures|reporting)\b",
    _I,
)
REVISION_NOTE = re.compile(
    r"^(?:(?:\w+ )?(?:revisions?|updates?|corrections?|changes?)\b[^.]{0,80}\b(?:post|article"
    r"|story|figures?|charts?|piece|version)\b[^.]{0,120}\b(?:ha(?:ve|s) been|were|was) made"
    r"|(?:correction|clarification|editor(?:'|’)s note)\s*[:(—–-])",
    _I,
)

# Letters of other scripts that look like Latin ones, as spam and scrapers mix them into
# English words ("Dоnald" with a Cyrillic "о"): folded to Latin inside words that also hold
# Latin letters, as a search engine does.
HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁӏԛԝАВЕКМНОРСТХУІЈЅοινκρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdlqwABEKMHOPCTXYIJSoivkpABEZHIKMNOPTYX",
)
HOMOGLYPH_CHARS = frozenset("аеорсухіјѕԁӏԛԝАВЕКМНОРСТХУІЈЅοινκρΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")
MIXED_SCRIPT_WORD = re.compile(
    r"\w*[a-zA-Z]\w*[\u0370-\u03ff\u0400-\u052f]\w*|\w*[\u0370-\u03ff\u0400-\u052f]\w*[a-zA-Z]\w*"
)

# Hover cards: a linked name followed (glued) by the same name again and, often, a run of
# teaser headlines ending in "MORE".
HOVER_CARD_MORE = re.compile(
    r"(?P<last>\b[A-Z][\w'’.-]*[a-z])(?P<card>[A-Z][^\n]{0,80}?(?P=last)"
    r"(?=[A-Z(\"“‘'])[^\n]{0,600}? MORE\b)"
)
HOVER_CARD_PLAIN = re.compile(
    r"(?P<last>\b[A-Z][\w'’-]*[a-z])(?P<card>[A-Z][\w'’.-]*(?: [A-Z(][\w'’().-]*){0,3}"
    r" (?P=last))\b"
)

# A credit or agency tag left at the end of the last sentence: "... economies. REUTERS".
TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s+(?:[-–—]\s*)?(?:\(?[A-Z]{2,}(?:[/ ,-]+[A-Z0-9]{2,}){0,4}\)?)$"
)
# A lower-case letter glued to an upper-case one: the precondition of a hover card.
GLUED_CASE = re.compile(r"[a-z][A-Z]")
# Inline junk: markdown images, empty image placeholders, unrendered template placeholders.
INLINE_JUNK = re.compile(r"!\[[^\]]{0,200}\]\([^)]{0,300}\)|\{\{[^}]{0,80}\}\}")

# Sentence boundary inside a line, including sentences glued without a space ("now!The").
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])(?:\s+|(?=[A-Z“\"]))(?=[A-Z“\"‘'(\[])")
