"""Stance backends behind one interface: `stance(text, topic) -> (stance, words)`.

The default reads negation and modality with spaCy (offline, CPU). `EmbeddingStance` keeps that
reading and, where it finds no stance, asks a sentence encoder whether the statement sits nearer
"I support <topic>" or "I oppose <topic>" (offline, the `embed` extra). `ChatStance` asks any
OpenAI-compatible chat endpoint (a local Ollama or vLLM server) and keeps the lexical reading when
the endpoint fails or answers out of format, so one bad reply never stops an ingest.
`make_backend` builds one from the CLI's options.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from typing import Protocol

STANCE_LABELS = ("for", "against", "open", "indifferent", "none")


class StanceBackend(Protocol):
    name: str

    def stance(self, text: str, topic: str | None) -> tuple[str, list[str]]: ...


class LexicalStance:
    """The default: the same reading `assign_positions` does, for one sentence on its own."""

    name = "lexical"

    def __init__(self, nlp=None) -> None:
        self.nlp = nlp

    def stance(self, text: str, topic: str | None) -> tuple[str, list[str]]:
        from ..model import Speaker, Statement
        from .reader import assign_positions

        st = Statement(
            "eval", text, "indirect", 0, len(text), Speaker("speaker"), sentence=text, sentence_start=0
        )
        found = assign_positions([st], nlp=self.nlp)
        return (found[0].stance, found[0].stance_words) if found else ("none", [])


class EmbeddingStance:
    """The lexical reading first; where it says "none", the encoder's nearer pole, when the
    statement is about the topic at all. The lexical words still explain the calls they make; an
    encoder call has no words, so the finding shows the whole statement as its evidence.

    `margin` and `relevance` were set on the 48 sentences of benchmarks/stance/sentences.jsonl,
    never on the PolNeAR statements the backend is measured on."""

    name = "embed"
    refines = True  # in assign_positions it only reads what the default reading left at "none"

    def __init__(self, encoder=None, margin: float = 0.02, relevance: float = 0.2, fallback=None) -> None:
        from .embed import MiniLMEncoder

        self.encoder = encoder or MiniLMEncoder()
        self.margin, self.relevance = margin, relevance
        self.fallback = fallback or LexicalStance()
        self.poles: dict[str, object] = {}  # topic -> its "support", "oppose" and bare vectors

    def stance(self, text: str, topic: str | None) -> tuple[str, list[str]]:
        stance, words = self.fallback.stance(text, topic)
        if stance != "none" or not topic:
            return stance, words
        if topic not in self.poles:
            self.poles[topic] = self.encoder.encode([f"I support {topic}.", f"I oppose {topic}.", topic])
        pro, con, about = self.poles[topic]
        (said,) = self.encoder.encode([text])
        if float(said @ about) < self.relevance:
            return "none", []
        lean = float(said @ pro) - float(said @ con)
        return ("for" if lean > self.margin else "against" if lean < -self.margin else "none"), []


PROMPT = (
    "You label the stance a statement takes toward a proposition. Answer with JSON only: "
    '{"stance": one of "for", "against", "open", "indifferent", "none", "words": [the exact words '
    'of the statement that carry the stance]}. "open" means conditional or undecided: on the table, '
    'not ruled out, still a possibility, would do it if. "none" means it takes no position on it.'
)


class ChatStance:
    """Any OpenAI-compatible `/v1/chat/completions` endpoint; `fallback` answers when it cannot."""

    def __init__(
        self, url: str, model: str, api_key: str | None = None, timeout: float = 30.0, fallback=None
    ):
        self.url = url.rstrip("/")
        if not self.url.endswith("/chat/completions"):
            self.url += "/chat/completions"
        self.model, self.api_key, self.timeout = model, api_key, timeout
        self.fallback = fallback
        self.name = f"chat:{model}"
        self.failures = 0

    def _ask(self, text: str, topic: str | None) -> str:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": PROMPT},
                {
                    "role": "user",
                    "content": f"Proposition: {topic or '(the statement’s own subject)'}\nStatement: {text}",
                },
            ],
        }
        req = urllib.request.Request(self.url, data=json.dumps(body).encode("utf-8"), method="POST")
        req.add_header("Content-Type", "application/json")
        if self.api_key:
            req.add_header("Authorization", f"Bearer {self.api_key}")
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))["choices"][0]["message"]["content"]

    def stance(self, text: str, topic: str | None) -> tuple[str, list[str]]:
        try:
            answer = self._ask(text, topic)
            m = re.search(r"\{.*\}", answer, re.S)
            data = json.loads(m.group(0)) if m else {}
            label = str(data.get("stance", "")).strip().lower()
            if label in STANCE_LABELS:
                words = [w for w in data.get("words") or [] if isinstance(w, str) and w and w in text]
                return label, words
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            pass
        self.failures += 1
        return self.fallback.stance(text, topic) if self.fallback else ("none", [])


BACKENDS = ("lexical", "embed", "chat")


def make_backend(
    kind: str = "lexical", url: str | None = None, model: str | None = None, encoder: str | None = None
) -> StanceBackend | None:
    """The backend the CLI names; None for the default, which `assign_positions` runs itself.
    Raises ValueError for a chat backend without an endpoint, RuntimeError when the encoder is missing."""
    if kind == "lexical":
        return None
    if kind == "embed":
        from .embed import MiniLMEncoder

        return EmbeddingStance(MiniLMEncoder(encoder))
    if kind == "chat":
        if not url or not model:
            raise ValueError("the chat backend needs --stance-url and --stance-model")
        return ChatStance(url, model, api_key=os.environ.get("ONRECORD_STANCE_KEY"), fallback=LexicalStance())
    raise ValueError(f"unknown stance backend {kind!r}: use one of {', '.join(BACKENDS)}")
