"""One canonical person across articles.

A wrong merge is worse than a missed one: it puts one person's words in another's mouth and
produces false reversals. So names merge only on an exact name form or alias, or on a near
spelling when exactly one known person fits; a bare surname merges only when it is unambiguous;
different given names ("Joe Biden", "Hunter Biden") never merge. Anonymous sources are never
linked across articles: nothing says two articles' "senior official" is the same person.

Everything here is pure; the ledger supplies the candidates (found by indexed keys) and stores
the outcome.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from onrecord.model import Speaker

# Words that make up titles and job descriptions in front of a name ("Texas Gov. Greg Abbott").
TITLE_WORDS = frozenset(
    """
    president vice senator sen rep representative congressman congresswoman gov governor lt
    mayor secretary minister prime chancellor speaker leader majority minority whip former acting
    deputy interim dr mr mrs ms miss sir dame lord judge justice chief general gen adm admiral col
    colonel maj major sgt capt captain attorney ambassador spokesman spokeswoman spokesperson press
    white house senate u.s us state of the defense foreign homeland security treasury commerce
    senior adviser advisor first lady republican democratic democrat gop assemblyman assemblywoman
    councilman councilwoman councilmember sheriff officer professor prof rev reverend rabbi
    commissioner director chairman chairwoman chair ceo founder candidate nominee envoy counsel
    special national then ex
    """.split()
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "i", "we", "it", "who"})
NICKNAMES = {
    frozenset(group)
    for group in (
        ("joe", "joseph"),
        ("bill", "william", "will", "billy"),
        ("bob", "robert", "rob", "bobby"),
        ("mike", "michael"),
        ("jim", "james", "jimmy"),
        ("tom", "thomas"),
        ("chris", "christopher"),
        ("dan", "daniel", "danny"),
        ("dave", "david"),
        ("steve", "steven"),
        ("steve", "stephen"),
        ("ted", "edward", "ed", "eddie"),
        ("ted", "theodore", "theo"),
        ("liz", "elizabeth", "beth"),
        ("kate", "katherine", "kathy"),
        ("kate", "catherine", "cathy"),
        ("pete", "peter"),
        ("don", "donald"),
        ("ron", "ronald"),
        ("rick", "richard", "dick", "rich"),
        ("chuck", "charles", "charlie"),
        ("andy", "andrew"),
        ("matt", "matthew"),
        ("nick", "nicholas"),
        ("tony", "anthony"),
        ("sam", "samuel"),
        ("ben", "benjamin"),
        ("alex", "alexander"),
        ("alex", "alexandra", "alexandria"),
        ("pat", "patrick"),
        ("pat", "patricia"),
        ("jen", "jennifer", "jenny"),
        ("greg", "gregory"),
        ("jeff", "jeffrey"),
        ("tim", "timothy"),
        ("ken", "kenneth"),
        ("larry", "lawrence"),
        ("jerry", "gerald"),
        ("hank", "henry"),
    )
}
SURNAME_SIMILARITY = 85  # rapidfuzz ratio: "Zelensky"/"Zelenskyy" 94, "Smith"/"Smyth" 80


def _tokens(name: str) -> list[str]:
    return name.replace("\u00a0", " ").split()


def is_title(token: str) -> bool:
    t = token.lower().strip(",")
    return t.rstrip(".") in TITLE_WORDS or t in TITLE_WORDS or t.startswith(("then-", "ex-", "former-"))


def split_title(name: str) -> tuple[str | None, str]:
    """("Vice President JD Vance") -> ("Vice President", "JD Vance"): the name is what follows the
    last title word, so "Texas Gov. Greg Abbott" loses "Texas" too. A name that is all title
    ("the president") is returned whole: it is a description, not a name."""
    tokens = _tokens(name.strip())
    last = max((i for i, t in enumerate(tokens) if is_title(t)), default=-1)
    if last < 0 or last == len(tokens) - 1:
        return None, " ".join(tokens)
    title = " ".join(tokens[: last + 1]).strip(", ")
    return (title or None), " ".join(tokens[last + 1 :])


def strip_title(name: str) -> str:
    return split_title(name)[1]


def normalize_name(name: str) -> str:
    """Comparison key: no accents, case, periods, apostrophes or suffixes; runs of initials
    joined, so "J.D. Vance", "J. D. Vance" and "JD Vance" are all "jd vance"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019\u2018`-]", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if w not in SUFFIXES]
    out: list[str] = []
    joined = False  # whether out[-1] is a run of initials
    for w in words:
        if len(w) == 1 and out and (joined or len(out[-1]) == 1):
            out[-1] += w
            joined = True
        else:
            out.append(w)
            joined = False
    return " ".join(out)


def organization_key(name: str) -> str:
    key = normalize_name(name)
    return key[4:] if key.startswith("the ") else key


def surname_key(name: str) -> str | None:
    """Indexed lookup key: the surname's consonant skeleton, so near spellings share it
    ("Zelensky", "Zelenskyy" -> "zlnsk") while unrelated surnames rarely do."""
    words = normalize_name(strip_title(name)).split()
    return skeleton(words[-1]) if words else None


def skeleton(word: str) -> str:
    """First letter and the consonants after it, doubles collapsed: what transliterations and
    misspellings of one name keep ("Volodymyr", "Volodimir" -> "vldmr")."""
    return word[:1] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", word[1:]))


def is_anonymous(speaker: Speaker) -> bool:
    return speaker.anonymous or speaker.kind in ("anonymous", "unknown")


def looks_like_name(form: str) -> bool:
    words = _tokens(form)
    return bool(words) and any(w[:1].isupper() for w in words) and form.lower() not in PRONOUNS


def name_forms(speaker: Speaker) -> list[str]:
    """The speaker's name and the name forms the article used, titles stripped, one per key;
    descriptions and pronouns ("the vice president", "he") are not names and are dropped."""
    seen: dict[str, str] = {}
    org = speaker.kind == "organization"
    for raw in [speaker.name, *speaker.forms]:
        form = (raw or "").strip(" ,") if org else strip_title(raw or "").strip(" ,")
        key = organization_key(form) if org else normalize_name(form)
        if (
            key
            and looks_like_name(form)
            and (org or not all(map(is_title, form.split())))
            and key not in seen
        ):
            seen[key] = form
    return list(seen.values())


def person_key(speaker: Speaker) -> str:
    if speaker.kind == "organization":
        return organization_key(speaker.name)
    return normalize_name(strip_title(speaker.name))


def person_id(kind: str, key: str, scope: str | None = None) -> str:
    """Stable id: the same name (and scope) gives the same id on every machine."""
    raw = "\x1f".join([kind, key, scope or ""])
    return "p_" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Given names of two people with the same surname: can they be one person?"""
    if not a or not b:
        return False
    fa, fb = a[0], b[0]
    if fa == fb or any(fa in g and fb in g for g in NICKNAMES):
        return True
    # initials against full given names: "jd" ~ "james david", "j" ~ "joe"
    for short, full in ((fa, b), (fb, a)):
        if len(short) <= 2 and "".join(w[0] for w in full)[: len(short)] == short:
            return True
    # a spelling variant keeps the consonants and the last letter, which often marks a different
    # person in given names ("Alexander"/"Alexandra", "Daniel"/"Daniela")
    return len(fa) > 2 and skeleton(fa) == skeleton(fb) and fa[-1] == fb[-1]


def _same_person_name(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    sa, sb = wa[-1], wb[-1]
    if sa != sb and (sa[0] != sb[0] or fuzz.ratio(sa, sb) < SURNAME_SIMILARITY):
        return False
    return _given_compatible(wa[:-1], wb[:-1])


def _keys(candidate: dict) -> set[str]:
    return {normalize_name(candidate["name"])} | {normalize_name(f) for f in candidate.get("forms", ())}


def match_person(speaker: Speaker, candidates: Iterable[dict]) -> str | None:
    """The id of the known person this speaker is, or None when none fits or several do.

    `candidates`: dicts with `id`, `name`, `kind`, `forms` (name forms and aliases) and
    optionally `aliases` (forms a people file vouches for); the ledger fetches them by surname
    key and exact form, so this never sees the whole ledger.
    """
    if is_anonymous(speaker):
        return None
    cands = [c for c in candidates if c["kind"] == speaker.kind]
    if speaker.kind == "organization":
        keys = {organization_key(f) for f in name_forms(speaker)}
        hits = [
            c
            for c in cands
            if keys & ({organization_key(c["name"])} | set(map(organization_key, c["forms"])))
        ]
        return hits[0]["id"] if len(hits) == 1 else None
    forms = [normalize_name(f) for f in name_forms(speaker)]
    full = [f for f in forms if len(f.split()) >= 2]
    if not full:
        return _match_bare(forms[0] if forms else normalize_name(speaker.name), cands)
    exact = [c for c in cands if _keys(c) & set(full)]
    if len(exact) == 1:
        return exact[0]["id"]
    if len(exact) > 1:
        named = [c for c in exact if normalize_name(c["name"]) in full]
        return named[0]["id"] if len(named) == 1 else None
    near = [c for c in cands if any(_same_person_name(f, k) for f in full for k in _keys(c))]
    return near[0]["id"] if len(near) == 1 else None


def _match_bare(token: str, cands: list[dict]) -> str | None:
    """A one-word name ("Biden") joins a known person only when exactly one fits; an alias
    from a people file settles it first."""
    vouched = [c for c in cands if token in {normalize_name(a) for a in c.get("aliases", ())}]
    if len(vouched) == 1:
        return vouched[0]["id"]
    fits = [c for c in cands if normalize_name(c["name"]).split()[-1:] == [token] or token in _keys(c)]
    return fits[0]["id"] if len(fits) == 1 else None


def is_bare(speaker: Speaker) -> bool:
    """A one-word person name with nothing fuller in the article: kept to its own article."""
    return speaker.kind != "organization" and all(
        len(normalize_name(f).split()) < 2 for f in name_forms(speaker)
    )


# People file: name, aliases, affiliation, role, kind, from, to.

FIELDS = ("name", "aliases", "affiliation", "role", "kind", "from", "to")


def clean_record(raw: object, where: str) -> dict:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a mapping with at least 'name', got {type(raw).__name__}")
    name = str(raw.get("name") or "").strip()
    if not name:
        raise ValueError(f"{where}: missing 'name'")
    unknown = set(raw) - set(FIELDS)
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {', '.join(FIELDS)}")
    aliases = raw.get("aliases") or []
    if isinstance(aliases, str):
        aliases = re.split(r"[;|]", aliases)
    kind = str(raw.get("kind") or "person").strip()
    if kind not in ("person", "organization"):
        raise ValueError(f"{where}: kind must be 'person' or 'organization', not {kind!r}")
    rec = {"name": name, "aliases": [str(a).strip() for a in aliases if str(a).strip()], "kind": kind}
    for key in ("affiliation", "role", "from", "to"):
        value = raw.get(key)
        rec[key] = str(value).strip() if value not in (None, "") else None
    return rec


def load_people_file(path: str | Path) -> list[dict]:
    """Read a people file (YAML list, YAML `people:` mapping, or CSV with a header) into clean
    records; a bad record raises ValueError naming the file and the record."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as f:
            rows: list = list(csv.DictReader(f))
        where = [f"{path}: line {i + 2}" for i in range(len(rows))]
    else:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise ValueError(f"{path}: not valid YAML ({e})") from e
        rows = data.get("people") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ValueError(f"{path}: expected a list of people (or a 'people:' list)")
        where = [f"{path}: record {i + 1}" for i in range(len(rows))]
    return [clean_record(r, w) for r, w in zip(rows, where, strict=True)]


def write_people_file(records: Iterable[dict], path: str | Path) -> int:
    records = list(records)
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=FIELDS)
            w.writeheader()
            for r in records:
                w.writerow({**{k: r.get(k) for k in FIELDS}, "aliases": "; ".join(r.get("aliases") or [])})
    else:
        path.write_text(
            yaml.safe_dump({"people": records}, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return len(records)
