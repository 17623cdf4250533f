"""Running the pipeline over articles: Doc -> DocumentResult, one article's failure never stopping the others."""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract import linking
from extract.batch import TIME_BUDGET
from extract.doc import text_of
from extract.io.readers import Article, ReadError
from extract.pipeline import default_pipeline, make_doc
from extract.schema import Claim, DocumentResult

BATCH_SIZE = 64
# The vocabulary keeps every word it has seen, and the tokenizer caches how it split them: up to this many words,
# for speed (a corpus's frequent words are met early). Beyond it, the words a batch adds are freed when the batch is
# done (a spaCy memory zone), so memory stays flat however many articles go through.
MAX_VOCABULARY = 150_000


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _batch_zone(nlp: Language) -> AbstractContextManager[Any]:
    """A memory zone once the vocabulary is full; the results of a batch are plain Python objects that outlive it."""
    return nlp.memory_zone() if len(nlp.vocab) >= MAX_VOCABULARY else nullcontext()


def _without_edge_whitespace(claim: Claim, text: str) -> Claim | None:
    """The claim with its span shrunk to its first and last visible characters (None if nothing is left): a span
    that starts or ends in a line break would put a bare line break at the edge of a table cell."""
    start, end = claim.char_start, claim.char_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    if (start, end) == (claim.char_start, claim.char_end):
        return claim
    return replace(claim, text=text[start:end], char_start=start, char_end=end)


def result_from_doc(doc: Doc, article: Article) -> DocumentResult:
    """The records on a processed Doc, as one article's result. No span starts or ends with whitespace."""
    text = text_of(doc)
    people, found_claims = linking.officials_and_claims(doc)
    claims = [kept for claim in found_claims if (kept := _without_edge_whitespace(claim, text)) is not None]
    figures = [span._.extract_figure for span in doc.spans["figures"]]
    figures = [f if f.sentence == f.sentence.strip() else replace(f, sentence=f.sentence.strip()) for f in figures]
    return DocumentResult(
        doc_id=article.doc_id,
        source=article.source,
        title=article.title,
        publication_date=_iso(doc._.extract_publication_date) or article.publication_date,
        reference_date=_iso(doc._.extract_reference_date),
        n_chars=len(text),
        text=text,
        furniture=[(span.start_char, span.end_char) for span in doc.spans["furniture"]],
        figures=linking.link_figures(figures, claims, people, article.doc_id),
        dates=[span._.extract_date for span in doc.spans["dates"]],
        officials=people,
        claims=claims,
    )


def _metadata_date(article: Article) -> dt.date | None:
    if not article.publication_date:
        return None
    try:
        return dt.date.fromisoformat(article.publication_date[:10])
    except ValueError:
        return None


def failed(item: ReadError | Article, error: str, status: str = "error") -> DocumentResult:
    return DocumentResult(doc_id=item.doc_id, source=item.source, status=status, error=error)


class ArticleTimeoutError(Exception):
    """An article used up its time budget."""


def _on_alarm(signum: int, frame: object) -> None:
    raise ArticleTimeoutError


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raises ArticleTimeoutError in the code it wraps once `seconds` have passed. A signal timer, so it needs the
    main thread: elsewhere (a Dask worker's thread) the code runs without a budget."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_one(article: Article, nlp: Language, budget: float | None = TIME_BUDGET) -> DocumentResult:
    """One article's result; whatever goes wrong with it (a failure, its time budget used up) is its own error
    row, naming where it came from."""
    where = article.where or article.source
    try:
        with time_budget(budget):
            return result_from_doc(nlp(make_doc(nlp, article.text, _metadata_date(article))), article)
    except ArticleTimeoutError:
        return failed(article, f"{where}: not extracted within the time budget of {budget:g} s", "timeout")
    except Exception as error:
        return failed(article, f"{where}: extraction failed: {type(error).__name__}: {error}")


def extract_articles(
    items: Iterable[Article | ReadError], nlp: Language | None = None, budget: float | None = TIME_BUDGET
) -> Iterator[DocumentResult]:
    """Results in input order, one article at a time, each within its time budget (seconds; None for none): an
    article that breaks the pipeline or takes too long is reported alone and never stops the others."""
    nlp = nlp or default_pipeline()
    batch: list[Article] = []

    def flush() -> Iterator[DocumentResult]:
        with _batch_zone(nlp):
            results = [extract_one(article, nlp, budget) for article in batch]
        batch.clear()
        yield from results

    for item in items:
        if isinstance(item, ReadError):
            yield from flush()
            yield failed(item, item.error)
            continue
        batch.append(item)
        if len(batch) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def extract_text(
    text: str, doc_id: str = "text", publication_date: str | None = None, nlp: Language | None = None
) -> DocumentResult:
    """Everything extracted from one text."""
    article = Article(doc_id=doc_id, text=text, source=doc_id, publication_date=publication_date)
    return next(extract_articles([article], nlp))
