"""Running the pipeline over articles: Doc -> DocumentResult, one article's failure never stopping the others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract import linking
from extract.components.sentences import text_of
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
    figures = [span._.figure for span in doc.spans["figures"]]
    figures = [f if f.sentence == f.sentence.strip() else replace(f, sentence=f.sentence.strip()) for f in figures]
    return DocumentResult(
        doc_id=article.doc_id,
        source=article.source,
        title=article.title,
        publication_date=_iso(doc._.publication_date) or article.publication_date,
        reference_date=_iso(doc._.reference_date),
        n_chars=len(text),
        text=text,
        furniture=[(span.start_char, span.end_char) for span in doc.spans["furniture"]],
        figures=linking.link_figures(figures, claims, people, article.doc_id),
        dates=[span._.date for span in doc.spans["dates"]],
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


def failed(item: ReadError | Article, error: str) -> DocumentResult:
    return DocumentResult(doc_id=item.doc_id, source=item.source, status="error", error=error)


def extract_articles(items: Iterable[Article | ReadError], nlp: Language | None = None) -> Iterator[DocumentResult]:
    """Results in input order. Articles go through nlp.pipe in batches; an article that breaks the pipeline is
    retried alone, so only it is reported as failed."""
    nlp = nlp or default_pipeline()
    batch: list[Article] = []

    def flush() -> Iterator[DocumentResult]:
        results = []
        with _batch_zone(nlp):
            docs = [make_doc(nlp, article.text, _metadata_date(article)) for article in batch]
            try:
                processed = list(nlp.pipe(docs, batch_size=BATCH_SIZE))
            except Exception:  # find the one article that broke the batch
                for article in batch:
                    try:
                        results.append(
                            result_from_doc(nlp(make_doc(nlp, article.text, _metadata_date(article))), article)
                        )
                    except Exception as error:
                        message = f"{article.source}: extraction failed: {type(error).__name__}: {error}"
                        results.append(failed(article, message))
            else:
                results = [result_from_doc(doc, article) for doc, article in zip(processed, batch, strict=True)]
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
