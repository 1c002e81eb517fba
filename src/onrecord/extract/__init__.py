"""Article -> statements: quotes, speakers, people, venues and dates.

`extract_statements` handles one article; `extract_many` streams articles through
spaCy in batches (`nlp.pipe`), which is how the CLI, the benchmark and the Spark job
all call it, so that every path produces the same statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Article, Statement
from .attribution import ArticleExtractor
from .nlp import load_nlp
from .offices import titles_at
from .when import date_statements

__all__ = ["extract_statements", "extract_many", "extract_from_doc", "load_nlp"]


def extract_from_doc(article: Article, doc) -> list[Statement]:
    statements = ArticleExtractor(article, doc, titles_at(article.published)).run()
    date_statements(article, doc, statements)
    return statements


def extract_statements(article: Article, nlp=None) -> list[Statement]:
    nlp = nlp or load_nlp()
    return extract_from_doc(article, nlp(article.text))


def extract_many(
    articles: Iterable[Article], nlp=None, batch_size: int = 32
) -> Iterator[tuple[Article, list[Statement]]]:
    nlp = nlp or load_nlp()
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield article, extract_from_doc(article, doc)
