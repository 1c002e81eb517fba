"""When a statement was said, as precise as the words allow.

Dates are read with regular expressions, not a parser, because this runs on every statement and
precision is the point: a parser turns "December 2015" into a day, and a fact-checker then sees a
day nobody gave. dateparser is only the fallback for a phrase the grammar below does not cover.

Every expression resolves against the publication date and never after it (a statement cannot be
made after the article reporting it), so anything in the future of publication is None.
Without a publication date only absolute dates (with a year) resolve.

Vague spans ("this week", "last week", "over the weekend", "two weeks ago") resolve to the
smallest calendar unit holding the whole span: "earlier this week" in an article of Thursday
2025-02-13 is `2025-02` (month), but `2025` when the week began in January, and None when the span
crosses a new year. That is never wrong, only less precise. "this month"/"last month" are month
precision, "this year"/"last year"/"N years ago" year precision (calendar years, as readers mean
them). "recently", "in recent weeks" and dates relative to another event ("a day after", "the day
before") have no anchor of their own: None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at [start, end) of a text; value is None when it names no past point."""

    start: int
    end: int
    phrase: str
    value: str | None
    precision: str | None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MON = rf"(?:(?:{_MONTHS})\b|(?:{_ABBR})\.|(?:{_ABBR})(?=\s+\d))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])\b"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d'’]|s\b|-[a-z])"
_WD = "(?:" + "|".join(_WEEKDAYS) + r")\b"
_EDGE = r"(?:[Ee]arly|[Ll]ate|[Mm]id-?|the\s+(?:end|beginning|start|middle)\s+of)"
_NUM = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
_PREPS = "on|in|at|during|of|since|until|by|from|before|after|through|throughout|around"

_DATE = re.compile(
    r"\b(?=\w)"  # every expression starts a word: failing other positions at once is 2-3x faster
    rf"(?:(?P<prep>(?i:{_PREPS}))\s+)?(?:"
    r"(?P<iso>\b\d{4}-\d\d-\d\d\b)"
    r"|(?P<num>\b(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])/(?:\d{4}|\d\d)\b)"
    rf"|(?P<md>(?:\b{_WD},?\s+)?\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?)"
    rf"|(?P<dm>(?:\b{_WD},?\s+)?(?:\bthe\s+)?\b{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?)"
    rf"|(?P<my>(?:\b{_EDGE}\s*)?\b{_MON},?\s+(?:of\s+)?{_YEAR})"
    rf"|(?P<mo>(?:\b(?P<mmod>{_EDGE}|[Ll]ast|[Tt]his|[Nn]ext)\s*)?\b{_MON})"
    rf"|(?P<season>(?:\b{_EDGE}\s*)?(?:\bthe\s+)?\b(?i:spring|summer|fall|autumn|winter)(?:\s+of)?,?\s+{_YEAR})"
    rf"|(?P<yr>(?:\b(?P<yedge>{_EDGE})\s*|(?<![\w$/-])){_YEAR})"
    rf"|(?P<wd>(?:\b(?P<wmod>[Ll]ast|[Tt]his\s+past|[Tt]his|[Nn]ext|[Ee]arlier|[Ee]arly|[Ll]ater?)\s+)?\b{_WD}"
    r"(?:['’]s)?(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<rel>\b(?i:"
    r"(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening))?|today|tonight"
    r"|(?:later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))|last\s+(?:night|evening)"
    r"|(?:earlier|later)\s+(?:this|in\s+the)\s+(?:week|month|year)"
    r"|(?:this\s+past|last|this|next)\s+(?:week|weekend|month|year)|(?:over|during)\s+the\s+weekend"
    rf"|{_NUM}\s+(?:day|week|month|year)s?\s+(?:ago|earlier|later|before|after)"
    r"|the\s+(?:day|week|month|year)\s+(?:before|after|earlier)"
    r"|the\s+(?:previous|following|next)\s+(?:day|week|month|year)"
    r")\b)"
    r")"
)

# a date after one of these is a bound, not the point when something was said
_BOUND_PREPS = frozenset("since until by from before after through".split())
_YEAR_PREPS = _BOUND_PREPS | {"in", "during", "throughout", "around"}
_NOT_DATES = frozenset("black good super cyber ash holy maundy easter fat shrove giving".split())
_DETERMINERS = frozenset("the a an his her its their our my your this that".split())
# speech events a date may modify: "a 2019 interview" dates the statement, "the 2016 election" does not
_SPEECH_NOUNS = frozenset(
    "interview interviews remarks statement statements speech address conference briefing hearing "
    "testimony rally podcast post posts tweet tweets appearance broadcast debate op-ed letter memo "
    "call questions comments town episode deposition video message essay column book show memoir "
    "autobiography article editorial newsletter sermon lecture".split()
)
# words that may follow a date without making it a noun modifier
_FOLLOW_OK = frozenset(
    "that while when as and or but after before during at in on to with for from by of about amid "
    "because he she they we i it his her their its the a an this then alone already again too also "
    "until since through via where which who there here is was were are has had have said says told "
    "not even only just".split()
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z-]*)")
_WORD_BEFORE = re.compile(r"(\w+)[\s-]*$")
_WORD_END = re.compile(r"\W|$")  # windows end between words: a cut "2024" would read "20"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_MON_IN = re.compile(rf"\b({_MONTHS}|{_ABBR})")
_MONTH_NUMBER = {
    name: i + 1 for i, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())
}
_YEAR_IN = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_DAY_IN = re.compile(r"(?<!\d)([12]\d|3[01]|0?[1-9])(?!\d)")
_WD_IN = re.compile("|".join(_WEEKDAYS))
# every date expression holds one of these; the full grammar runs only in windows around them
_ANCHOR = re.compile(
    r"\b(?:\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|[Tt]o(?:day|night|morrow)|[Yy]esterday|[Dd]ays?\b|[Ww]eek|[Mm]onth|[Yy]ear|[Mm]orning|[Aa]fternoon"
    r"|[Ee]vening|[Nn]ight)"
)
_REACH_BACK, _REACH_ON = 32, 40  # longest run of grammar before / after an anchor, with margin


@lru_cache(maxsize=1024)
def _pub_date(published: str | None) -> date | None:
    """The article's calendar day; the local day of a datetime, since that is the day its text means.
    An unreadable value counts as unknown, so relative dates stay unresolved rather than guessed."""
    if not published or not isinstance(published, str):
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _span(lo: date, hi: date) -> tuple[str | None, str | None]:
    """The smallest calendar unit holding the whole of [lo, hi]."""
    if lo == hi:
        return lo.isoformat(), "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}", "month"
    if lo.year == hi.year:
        return f"{lo.year:04d}", "year"
    return None, None


def _month_back(pub: date, n: int) -> tuple[int, int]:
    m = pub.year * 12 + pub.month - 1 - n
    return m // 12, m % 12 + 1


def _past_day(month: int, day: int, pub: date) -> date | None:
    """The latest month/day on or before publication (years back for a 29 February)."""
    for year in range(pub.year, pub.year - 9, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= pub:
            return d
    return None


def _month_of(text: str) -> int:
    return _MONTH_NUMBER[_MON_IN.search(text).group(1)[:3].lower()]


def _year_of(text: str) -> int | None:
    m = _YEAR_IN.search(text)
    return int(m.group(1)) if m else None


def _day_value(year: int | None, month: int, day: int, pub: date | None) -> tuple[str | None, str | None]:
    if year is None:
        d = _past_day(month, day, pub) if pub else None
    else:
        try:
            d = date(year, month, day)
        except ValueError:
            d = None
    return (d.isoformat(), "day") if d else (None, None)


def _weekday(text: str, mod: str | None, pub: date | None) -> tuple[str | None, str | None]:
    """Past-tense reporting means the latest such weekday on or before publication ("Tuesday" in a
    Tuesday article is that day); "last"/"this past" mean strictly before it."""
    mod = (mod or "").lower()
    if pub is None or mod == "next":
        return None, None
    back = (pub.weekday() - _WEEKDAYS.index(_WD_IN.search(text).group(0))) % 7
    if mod in ("last", "this past") and back == 0:
        back = 7
    return (pub - timedelta(days=back)).isoformat(), "day"


def _relative(text: str, pub: date | None) -> tuple[str | None, str | None]:
    t = " ".join(text.lower().split())
    words = t.split()
    if pub is None or t.startswith(("tomorrow", "next", "later", "the ")):
        return None, None  # future, or relative to another event ("the day before")
    if words[-1] in ("later", "after", "before", "earlier"):
        return None, None  # relative to another event ("a day after")
    if t.startswith(("yesterday", "last night", "last evening")):
        return (pub - timedelta(days=1)).isoformat(), "day"
    if t.startswith(("today", "tonight", "this morning", "this afternoon", "this evening")):
        return pub.isoformat(), "day"
    if words[-1] == "ago":
        n = _NUMBERS.get(words[0]) or int(words[0])
        unit = words[1].rstrip("s")
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat(), "day"
        if unit == "year":
            return f"{pub.year - n:04d}", "year"
        centre, slack = (7 * n, 3) if unit == "week" else (round(30.44 * n), 15)
        return _span(pub - timedelta(days=centre + slack), pub - timedelta(days=centre - slack))
    unit = words[-1]
    last = words[0] == "last" or t.startswith("this past")
    monday = pub - timedelta(days=pub.weekday())
    if unit == "weekend":
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if words[0] == "last" and pub.weekday() >= 5:
            sat -= timedelta(days=7)
        return _span(sat, min(sat + timedelta(days=1), pub))
    if unit == "week":
        if t.startswith("this past"):
            return _span(pub - timedelta(days=7), pub)
        if last:
            return _span(monday - timedelta(days=7), monday - timedelta(days=1))
        return _span(monday, pub)
    if unit == "month":
        y, m = _month_back(pub, 1 if last else 0)
        return f"{y:04d}-{m:02d}", "month"
    return f"{pub.year - (1 if last else 0):04d}", "year"


def _resolve(m: re.Match, pub: date | None) -> tuple[str | None, str | None]:
    kind = m.lastgroup
    text = m.group(kind)
    if kind == "iso":
        y, mo, d = map(int, text.split("-"))
        return _day_value(y, mo, d, pub)
    if kind == "num":
        mo, d, y = map(int, text.split("/"))
        return _day_value(y + 2000 if y < 100 else y, mo, d, pub)
    if kind in ("md", "dm"):
        day = int(_DAY_IN.search(_WD_IN.sub("", text)).group(1))
        return _day_value(_year_of(text), _month_of(text), day, pub)
    if kind == "my":
        return f"{_year_of(text):04d}-{_month_of(text):02d}", "month"
    if kind == "mo":
        mod = (m.group("mmod") or "").lower()
        if pub is None or mod == "next":
            return None, None
        month = _month_of(text)
        before = month < pub.month if mod == "last" else month <= pub.month
        return f"{pub.year if before else pub.year - 1:04d}-{month:02d}", "month"
    if kind == "season":
        return (None, None) if "winter" in text.lower() else (f"{_year_of(text):04d}", "year")
    if kind == "yr":
        return f"{_year_of(text):04d}", "year"
    if kind == "wd":
        return _weekday(text, m.group("wmod"), pub)
    return _relative(text, pub)


def _not_after(value: str | None, precision: str | None, pub: date | None) -> tuple[str | None, str | None]:
    if value is None or (pub is not None and value > pub.isoformat()[: len(value)]):
        return None, None
    return value, precision


def _is_mention(m: re.Match, text: str) -> bool:
    """Whether a grammar match is really a date: not a year modifying a noun ("the 2016 campaign"),
    a bare month name ("Theresa May"), or a named day ("Black Friday")."""
    kind = m.lastgroup
    prep = (m.group("prep") or "").lower()
    after = _NEXT_WORD.match(text, m.end())
    following = after.group(1) if after else ""
    next_word = following.lower()
    modifies = (  # a noun follows: "the 2016 campaign", "the June 12 Orlando attack"
        next_word != ""
        and next_word not in _FOLLOW_OK
        and next_word not in _SPEECH_NOUNS
        and not next_word.endswith(("ly", "ed", "ing"))
    )
    if kind == "yr":
        if next_word in _SPEECH_NOUNS:
            return True
        return (prep in _YEAR_PREPS or m.group("yedge") is not None) and not (
            modifies and following.islower()
        )
    if kind == "rel":
        return not any(c.isupper() for c in m.group("rel")[1:])  # a name: "CBS This Morning"
    if kind == "mo":
        anchored = bool(m.group("mmod")) or (prep != "" and prep != "of")
        return anchored and not (modifies and following.islower())  # not "in November election"
    if kind == "wd":
        before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
        return not (before and before.group(1).lower() in _NOT_DATES)
    if kind in ("md", "dm", "my", "iso", "num") and not prep and modifies:
        before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
        return not (before and before.group(1).lower() in _DETERMINERS)
    return True


def _matches(text: str):
    """The grammar's matches, scanning only merged windows around anchors: the full grammar costs
    ~100 us on a sentence, the anchors ~10 us."""
    windows: list[list[int]] = []
    for a in _ANCHOR.finditer(text):
        lo, hi = max(0, a.start() - _REACH_BACK), _WORD_END.search(text, a.end() + _REACH_ON).start()
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        yield from _DATE.finditer(text, lo, hi)


def _require_text(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Every date expression in `text`, including those naming no past point (value None), so a
    caller can tell "no date" from "a date we will not use"."""
    _require_text(text, "text")
    pub = _pub_date(published)
    found = []
    for m in _matches(text):
        if not _is_mention(m, text):
            continue
        prep = (m.group("prep") or "").lower()
        value, precision = (None, None) if prep in _BOUND_PREPS else _not_after(*_resolve(m, pub), pub)
        found.append(DateMention(m.start(), m.end(), m.group(0), value, precision))
    return found


@lru_cache(maxsize=64)
def _parser(pub: date | None):
    from dateparser.date import DateDataParser  # slow import, needed only for odd phrases

    base = datetime.combine(pub, datetime.min.time()) if pub else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def resolve_phrase(phrase: str, published: str | None) -> tuple[str | None, str | None]:
    """A date phrase -> (value, precision), or (None, None) when it names no past point.

    The grammar decides precision; dateparser reads what the grammar does not know ("14.02.2025",
    "12/2015"), keeping the precision it reports (its `period`). It only sees phrases naming a year
    or a month: it reads a bare time ("at 3 p.m.") as a day, and, without a publication date,
    anything but a year would resolve against today.
    """
    _require_text(phrase, "phrase")
    phrase = phrase.strip().strip(".,;:!?\"'“”‘’()")
    pub = _pub_date(published)
    m = _DATE.fullmatch(phrase)
    if m:
        if (m.group("prep") or "").lower() in _BOUND_PREPS:
            return None, None
        return _not_after(*_resolve(m, pub), pub)
    if not (_YEAR_IN.search(phrase) or (pub and _MON_IN.search(phrase))):
        return None, None
    data = _parser(pub).get_date_data(phrase)
    if data.date_obj is None or data.period not in ("day", "month", "year"):
        return None, None
    d = data.date_obj.date()
    value = {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}
    return _not_after(value[data.period], data.period, pub)


# --- which date belongs to the speech event -------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s\b")
_PREP_WORDS = frozenset(_PREPS.split("|"))
_NEXT_TOKEN = re.compile(r"\s*([A-Za-z]+(?:['’][A-Za-z]+)*)")
_CUE_WORD = re.compile(r"[\w'’-]+")
_QUOTES = re.compile(r"“[^”]*”?|\"[^\"]*\"?|''.*?(?:''|$)|(?<![A-Za-z])‘[^‘]*?’(?![A-Za-z])")
# a short capitalized quote is a title ("told NBC’s “Meet the Press” on Sunday"), not quoted words
_TITLE = re.compile(
    r"[“\"](?:(?:[A-Z0-9][\w’'.&-]*|the|of|and|a|an|on|in|for|to|with|at)(?:\s+|(?=,?[”\"])))+,?[”\"]"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\.\s|\b(?:who|which)\b")
# the cue's own event lies ahead: "She'll present her plan in a speech Friday"
_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|won['’]t)|['’]ll|\b(?:going|plans?|expected|scheduled|set|due|about)\s+to)"
    r"(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)
# clauses that may sit between a fronted date and the cue: "In 2016, when he was running, Trump said"
_SIDE_CLAUSE = re.compile(r",\s*(?:who|which|when|while|as|after|before)\b[^,]*,")
_SENTENCE_END = re.compile(r"[\s.!?\"”’)']*")
_TRAILING = re.compile(r",\s*(?:in|at|during|on|while|speaking)\b[^,;:“”\"]*$")
_CUES = re.compile(
    r"\b(?:said|says|say|told|tells|stated|added|wrote|writes|posted|tweeted|argued|claimed|insisted|"
    r"suggested|warned|explained|clarified|noted|declared|announced|acknowledged|admitted|emphasized|"
    r"stressed|asserted|according to|testified|remarked|replied|responded|vowed|pledged|promised|conceded|"
    r"countered|asked)\b"
)
_COMPLEMENT = frozenset("that whether if because how why what who whom whose which where".split())
_AUX = frozenset(
    "will would could should can may might must shall is was were are am be been being has have had "
    "do does did wo ca".split()
)
_SUBJECTS = frozenset("i he she we they you".split())
_IRREGULAR_PAST = frozenset(
    "began became came went made took gave got knew saw said told left won lost ran met sent spent "
    "built paid brought thought felt kept found fell rose broke wrote spoke chose drew grew threw led "
    "stood sat fought sought taught caught bought meant heard sold struck forgot hid rode swore woke "
    "wore tore shook stole flew froze drove lay".split()
)
# participles that describe the speech event itself ("in a statement released on Tuesday")
_EVENT_PARTICIPLES = frozenset(
    "held released published posted issued aired broadcast recorded conducted taped filmed streamed "
    "delivered given hosted organized televised".split()
)
# "the interview, which aired Sunday" reads as "the interview aired Sunday"
_EVENT_RELATIVE = re.compile(
    r",?\s*\b(?:which|that)\s+(?:(?:was|were|has been|had been)\s+)?(?=(?:"
    + "|".join(_EVENT_PARTICIPLES)
    + r")\b)"
)
_ED_NOT_VERBS = frozenset("need speed seed feed bred shed hundred indeed red bed creed".split())
_ADDRESSEE_CUES = frozenset(
    "told tell tells telling informed assured warned reminded asked urged advised briefed promised "
    "assures warns".split()
)
# words that open what attaches to the speech rather than its content: prepositions, adverbs, particles
_ADJUNCT_START = frozenset(
    "in on at to during while with from after before via through over outside inside near following "
    "when as amid ahead for by again also later earlier too then once first separately speaking "
    "alongside out up back down off".split()
)
_FRONTED_SPEECH = frozenset(
    "asked speaking responding pressed questioned interviewed testifying appearing addressing talking "
    "writing".split()
)
# intent puts a fronted date in the future: "She plans to visit on Sunday, an aide said"
_INTENT = frozenset("plans intends expects hopes aims going due scheduled".split())
# prepositions opening a cue's content rather than its circumstances: "called for a ban in December"
_CONTENT_PREPS = frozenset("about of for".split())
_TO_CONTENT = ("refer", "point", "respond", "react", "object")
_RECIPIENTS = frozenset("him her them us me parliament congress camera media press".split())
# prepositions that put a speech-event noun in the attribution: "while taking questions in ..."
_EVENT_PREPS = frozenset("in at during while on via through after following before".split())
_SPEECH_PARTICIPLES = frozenset(
    "saying telling adding arguing noting citing calling insisting writing declaring explaining warning "
    "stressing asserting claiming accusing suggesting acknowledging admitting promising vowing pledging "
    "urging asking answering responding replying describing predicting repeating recalling".split()
)
_REACH = 400  # characters around the cue where its date may stand
_LEADING_FILLER = frozenset("has had have also again later then once first too".split())
_PUNCT_BLOCKS = frozenset('“”"‘;:—–')
_QUOTE_MARKS = frozenset('“”"‘')


def _norm(token: str) -> str:
    t = token.lower().replace("’", "'")
    return t[:-3] if t.endswith("n't") else t.split("'")[0]


def _is_verb(token: str) -> bool:
    """A finite verb in the gap means a clause of its own lies between the date and the cue."""
    t = _norm(token)
    if token[0].isupper() or t in _EVENT_PARTICIPLES:
        return False
    return t in _IRREGULAR_PAST or t in _AUX or (t.endswith("ed") and len(t) > 3 and t not in _ED_NOT_VERBS)


def _blocks(token: str, subjects: bool = True) -> bool:
    t = _norm(token)
    clitic = token.lower().replace("’", "'").partition("'")[2]
    return (
        token in _PUNCT_BLOCKS
        or t in _COMPLEMENT
        or (subjects and t in _SUBJECTS)
        or clitic in ("ll", "d")
        or _is_verb(token)
    )


def _words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum()]


def _to_verb(word: str) -> bool:
    """After "to", a bare verb opens an infinitive ("urged them to vote Tuesday"); a recipient is a
    name, a determiner or pronoun, or a plural noun ("said to reporters on Tuesday")."""
    w = word.lower()
    plural = w.endswith("s") and not w.endswith(("ss", "us"))
    return word[0].islower() and not plural and w not in _DETERMINERS and w not in _RECIPIENTS


def _adjunct_path(words: list[str], cue: str, addressee: bool) -> bool:
    """Whether only what attaches to the speech lies between cue and date: an addressee ("told the
    Journal"), an inverted speaker ("said Vance"), adverbs, prepositional phrases."""
    i = 0
    if addressee:
        while i < len(words) and words[i].lower() not in _ADJUNCT_START:
            i += 1
    else:
        while i < len(words) and (words[i][0].isupper() or words[i].lower().endswith("ly")):
            i += 1
    if i < len(words) and (words[i].lower() not in _ADJUNCT_START or words[i].lower() in _CONTENT_PREPS):
        return False  # content starts right after the cue: "said the war began in 2014"
    if cue.startswith(_TO_CONTENT) and words[:1] == ["to"]:
        return False  # "referring to his 2004 surgery"
    return not any(a.lower() == "to" and _to_verb(b) for a, b in zip(words, words[1:], strict=False))


def _after_score(context: str, cue_end: int, m: DateMention, cue: str) -> int | None:
    """Dates a few words after the cue, before its content begins ("told the Journal on Thursday
    that", "said in 2022 while"), belong to the speech; so do dates tied to a speech-event noun
    ("while taking questions in the Oval Office on Wednesday") when no clause intervenes."""
    after = _NEXT_TOKEN.match(context, m.end)
    if after and _is_verb(after.group(1)):
        return None  # the date is the subject of the content: "said Thursday was the deadline"
    possessive = m.phrase.endswith(("'s", "’s")) or _POSSESSIVE.match(context, m.end)
    if possessive and m.phrase.split()[0].lower() not in _PREP_WORDS:
        return None  # it opens the content: "said Friday's report was accurate"
    tokens = _TOKEN.findall(_EVENT_RELATIVE.sub(" ", context[cue_end : m.start]))
    words = _words(tokens)
    if (
        len(words) <= 12
        and _adjunct_path(words, cue, cue in _ADDRESSEE_CUES)
        and not any(_blocks(t) for t in tokens)
    ):
        return len(words)
    strong = _COMPLEMENT | _SUBJECTS | _AUX
    if any(t in _PUNCT_BLOCKS or t == "," or _norm(t) in strong for t in tokens):
        return None
    nouns = [
        i
        for i, w in enumerate(words)
        if w.lower() in _SPEECH_NOUNS and any(p.lower() in _EVENT_PREPS for p in words[max(0, i - 4) : i])
    ]
    if nouns and len(words) - nouns[-1] <= 7 and not any(_blocks(w) for w in words[nouns[-1] :]):
        return 20 + len(words)
    return None


def _speech_possessive(context: str, m: DateMention) -> bool:
    """A possessive date dates what it possesses: fine for "at Thursday's hearing", not for
    "Tuesday's primary" or "Friday's report"."""
    if not (m.phrase.endswith(("'s", "’s")) or _POSSESSIVE.match(context, m.end)):
        return True
    following = [w for w in _words(_TOKEN.findall(context[m.end : m.end + 40])) if w != "s"][:2]
    return any(w.lower() in _SPEECH_NOUNS for w in following)


def _before_score(context: str, m: DateMention, cue_start: int) -> int | None:
    """Dates fronting the cue's clause ("On Thursday, he clarified", "Hegseth, who on Wednesday
    suggested") belong to the speech, unless the date sits in preposed content ("The war began in
    2014, he said"): then a verb precedes it in its clause or separates it from the cue. A fronted
    speech participle ("Asked on Monday whether he would run, she said") is the speech itself."""
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(context, max(0, m.start - _REACH), m.start)]
    lead = [
        t
        for t in _TOKEN.findall(context[breaks[-1] if breaks else max(0, m.start - _REACH) : m.start])
        if t not in _QUOTE_MARKS
    ]
    fronted = [t for t in lead if t.lower() in _FRONTED_SPEECH]
    if any(_blocks(t, subjects=False) or t in _INTENT for t in lead if t not in fronted):
        return None
    gap = context[m.end : cue_start]
    if fronted:
        gap = gap.rpartition(",")[2]  # only the subject before the cue must be clean
    tokens = _TOKEN.findall(_SIDE_CLAUSE.sub(",", gap))
    while tokens and (_norm(tokens[-1]) in _LEADING_FILLER or tokens[-1].lower().endswith("ly")):
        tokens.pop()
    if len(_words(tokens)) > 16 or any(_blocks(t, subjects=False) for t in tokens):
        return None  # a long subject is fine ("Sen. X, the panel's top Democrat, said"), a clause is not
    return len(_words(tokens))


def _trailing_score(context: str, cue_end: int, m: DateMention) -> int | None:
    """A closing ", in an interview with Fox News on Tuesday." dates the whole sentence's speech."""
    seg = _TRAILING.search(context, cue_end)
    if not seg or seg.start() > m.start or not _SENTENCE_END.fullmatch(context, m.end):
        return None
    if not any(w.lower() in _SPEECH_NOUNS for w in _TOKEN.findall(context[seg.start() : m.start])):
        return None
    return 30


def _cue_span(context: str, cue_offset: int | None, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    if cue_offset is None:
        for c in _CUES.finditer(context):
            if not any(a <= c.start() < b for a, b in quotes):
                return c.start(), c.end()
        return None
    if not 0 <= cue_offset <= len(context):
        raise ValueError(f"cue_offset {cue_offset} lies outside the context ({len(context)} characters)")
    word = _CUE_WORD.match(context, cue_offset)
    return cue_offset, word.end() if word else cue_offset


def statement_date(context: str, cue_offset: int | None, published: str | None) -> DateMention | None:
    """The date of the speech event around the cue, or None when the text gives none.

    Dates in quoted words other than the cue's own quote, and dates inside the reported content,
    are what was talked about, not when: only dates fronting the cue's clause, a few words after
    the cue, or in a closing speech-event phrase count; the nearest to the cue wins. Without
    `cue_offset` the first reporting verb outside quotes is the cue.
    """
    mentions = [m for m in find_dates(context, published) if m.value is not None]
    if not mentions:
        return None
    context = _TITLE.sub(lambda t: " " + t.group(0)[1:-1] + " ", context)  # same offsets
    quotes = [q.span() for q in _QUOTES.finditer(context)]
    cue = _cue_span(context, cue_offset, quotes)
    if cue is None or _FUTURE_CUE.search(context, max(0, cue[0] - 40), cue[1]):
        return None
    cue_start, cue_end = cue
    others = [(a, b) for a, b in quotes if not a <= cue_start < b]
    cue_word = context[cue_start:cue_end].lower()
    best = None
    for m in mentions:
        if m.end < cue_start - _REACH or m.start > cue_end + _REACH:
            continue  # far beyond any attachment the rules below accept; keeps long contexts linear
        if any(a <= m.start < b for a, b in others) or not _speech_possessive(context, m):
            continue
        if m.start >= cue_end:
            score = _after_score(context, cue_end, m, cue_word)
            if score is None:
                score = _trailing_score(context, cue_end, m)
        elif m.end <= cue_start and cue_word != "according":  # what precedes "according to" is content
            score = _before_score(context, m, cue_start)
        else:
            continue
        if score is not None and (best is None or score < best[0]):
            best = (score, m)
    if best:
        return best[1]
    if cue_word in _SPEECH_PARTICIPLES and context[:cue_start].rstrip().endswith(","):
        return _participle_date(context, cue_start, quotes, mentions, published)
    return None


def _participle_date(
    context: str,
    cue_start: int,
    quotes: list[tuple[int, int]],
    mentions: list[DateMention],
    published: str | None,
) -> DateMention | None:
    """A participle shares the speech event of the clause it hangs on: "said in June 2012, citing
    ...", "She hit back on Tuesday, telling CNN ..."."""
    main = [
        c for c in _CUES.finditer(context, 0, cue_start) if not any(a <= c.start() < b for a, b in quotes)
    ]
    if main:
        return statement_date(context[:cue_start], main[-1].start(), published)
    return next(
        (m for m in mentions if m.end <= cue_start and not context[m.end : cue_start].strip(" ,")), None
    )
