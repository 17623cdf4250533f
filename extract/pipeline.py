"""The one place that assembles the pipeline: spacy.blank("id"), a tokenizer tuned for scraped news, the components."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract import patterns
from extract.components import claims, dates, figures, officials, sentences  # noqa: F401  (registers the factories)

COMPONENTS = ("extract_sentences", "extract_dates", "extract_figures", "extract_officials", "extract_claims")
TOKENIZER = "extract.news_tokenizer.v1"

# Scraped text runs quotes into words (',”ujarnya') and currency into numbers after a hyphen ("ribu-Rp18").
_EXTRA_INFIXES = (
    r"[“”]",
    r"(?<=\w)[.,!?](?=[“”\"])",
    r'(?<=[,.!?])"',
    r'"(?=[A-Za-z])',
    r"(?<=[A-Za-z])(?=[“”])",
    r"(?<=[Rr]p)(?=\d)",
    r"(?<=\$)(?=\d)",
    r"(?<=\d)(?=(?:persen|ribu|juta|miliar|triliun|rb|jt)\b)",
    r"(?<=[A-Za-z])/(?=\d)",
    r"(?<=\d)(?=[A-Z][a-z])",  # a year run into the next word by the scraper: "2016Thomas"
    r"(?<=[.!?]),(?=[A-Za-z])",  # a paragraph break turned into a comma after a full stop: "naik.,Kepala"
)
_EXTRA_PREFIXES = (r"\.(?=\d)",)
_EMOTICONS_WITH_DIGITS = frozenset({"8)", "8-)", "(-8"})
# "Rp1,2 M." ends a sentence with a magnitude abbreviation; the full stop is not part of it.
_EXTRA_SUFFIXES = (r"(?<=\b[MT])\.",)


# The tokenizer caches whole whitespace-separated chunks, but the affix rules also run on what is left of a chunk once
# its punctuation is split off ("gram" of "gram," and "(gram)"), and four in five of those strings recur. Each affix
# search therefore runs once per distinct string: the same tokens, in about half the time.
_AFFIX_CACHE_SIZE = 1 << 17


def _memoised(search: Callable[[str], Any], pattern: re.Pattern[str] | None = None) -> Callable[[str], Any]:
    cached = lru_cache(maxsize=_AFFIX_CACHE_SIZE)(search)
    # Tokenizer.to_bytes reads each rule's expression from the bound method's __self__.
    cached.__self__ = pattern or search.__self__  # type: ignore[attr-defined]
    return cached


def news_tokenizer(nlp: Language, memoise: bool = True) -> Tokenizer:
    """spaCy's Indonesian tokenizer with the extra affix rules above; `memoise=False` gives the same rules without
    the caches (the tests compare the two)."""
    defaults = nlp.Defaults
    # The emoticons "8)" and "8-)" would swallow the month of "(9/8)" in dates.
    rules = {key: value for key, value in defaults.tokenizer_exceptions.items() if key not in _EMOTICONS_WITH_DIGITS}
    prefixes = compile_prefix_regex([*(defaults.prefixes or []), *_EXTRA_PREFIXES])
    suffixes = compile_suffix_regex([*(defaults.suffixes or []), *_EXTRA_SUFFIXES])
    infixes = compile_infix_regex([*(defaults.infixes or []), *_EXTRA_INFIXES])
    prefix_search, suffix_search, infix_finditer = prefixes.search, suffixes.search, infixes.finditer
    url_match = defaults.url_match
    if memoise:
        prefix_search, suffix_search = _memoised(prefix_search), _memoised(suffix_search)
        infix_finditer = _memoised(lambda text: tuple(infixes.finditer(text)), infixes)
        url_match = _memoised(url_match) if url_match else None
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=prefix_search,
        suffix_search=suffix_search,
        infix_finditer=infix_finditer,
        token_match=defaults.token_match,
        url_match=url_match,
    )


@spacy.registry.tokenizers(TOKENIZER)
def create_news_tokenizer() -> Callable[[Language], Tokenizer]:
    """The news tokenizer, built once with the pipeline (its 60,000 exceptions are slow to reload, so the rules are
    not patched in afterwards)."""
    return news_tokenizer


def build_pipeline() -> Language:
    """A blank Indonesian pipeline with the extract components, patterns validated up front."""
    patterns.validate_all()
    nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def default_pipeline() -> Language:
    """One shared pipeline per process: building it takes seconds, using it keeps no state between documents."""
    return build_pipeline()


def make_doc(nlp: Language, text: str, metadata_date: dt.date | None = None) -> Doc:
    """A tokenised Doc carrying the article's metadata date, ready for nlp.pipe."""
    doc = nlp.make_doc(text)
    doc._.text = text  # the tokenizer keeps every character, so this is Doc.text without joining the tokens again
    doc._.metadata_date = metadata_date
    return doc
