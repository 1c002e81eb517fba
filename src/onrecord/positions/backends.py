"""Stance backends behind one interface: `stance(text, topic) -> (stance, words)`.

The default reads negation and modality with spaCy (offline, CPU). `ChatStance` asks any
OpenAI-compatible chat endpoint (a local Ollama or vLLM server) and keeps the lexical reading when
the endpoint fails or answers out of format, so one bad reply never stops an ingest.
"""

from __future__ import annotations

import json
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
