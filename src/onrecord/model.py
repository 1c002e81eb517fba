"""Plain data that flows between the stages.

Every stage takes and returns these records, so each one can be tested alone and
the Spark job can ship them between machines as plain dicts (`asdict`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """One news article as a source reader produced it.

    `published` is an ISO date (`YYYY-MM-DD`) or datetime string, or None when the
    source could not tell; dates in the text are resolved against it.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from (path, path:line, feed URL)

    @property
    def content_hash(self) -> str:
        """Identity of the text itself: re-ingesting the same text is a no-op."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Problem:
    """An input that could not be used, and why; ingest reports it and goes on."""

    source: str
    reason: str


@dataclass
class Speaker:
    """Who said it. `name` is canonical (titles stripped) for people; for an unnamed
    source it is the description the text gives ("senior administration official")."""

    name: str
    role: str | None = None
    anonymous: bool = False
    affiliation: str | None = None
    kind: str = "person"  # person | organization | anonymous | unknown
    forms: list[str] = field(default_factory=list)  # surface forms seen in the article


@dataclass
class Statement:
    """One attributed statement with its exact span in the article text."""

    article_id: str
    text: str
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    speaker: Speaker
    cue: str | None = None  # the reporting verb or noun ("said", "assurance", "according to")
    venue: str | None = None  # "Fox News", "X", "The Wall Street Journal"
    date: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY | None
    date_precision: str | None = None  # day | month | year | None
    date_text: str | None = None  # the words the date was read from
    sentence: str | None = None  # the whole sentence(s) holding the statement, for evidence
    sentence_start: int | None = None
    speaker_start: int | None = None  # span of the speaker mention that anchored attribution
    speaker_end: int | None = None
    topic: str | None = None
    stance: str | None = None

    @property
    def id(self) -> str:
        """Stable across runs and machines: the same article span gives the same id."""
        key = f"{self.article_id}\x1f{self.start}\x1f{self.end}\x1f{self.kind}"
        return "s_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        return d
