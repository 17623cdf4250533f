"""The one place that assembles the pipeline: spacy.blank("id"), a tokenizer tuned for scraped news, the components."""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract import patterns
from extract.components import dates, figures, sentences  # noqa: F401  (registers the factories)

COMPONENTS = ("extract_sentences", "extract_dates", "extract_figures")

# Scraped text runs quotes into words (',”ujarnya') and currency into numbers after a hyphen ("ribu-Rp18").
_EXTRA_INFIXES = (
    r"[“”]",
    r'(?<=[,.!?])"',
    r'"(?=[A-Za-z])',
    r"(?<=[A-Za-z])(?=[“”])",
    r"(?<=[Rr]p)(?=\d)",
    r"(?<=\$)(?=\d)",
    r"(?<=\d)(?=(?:persen|ribu|juta|miliar|triliun|rb|jt)\b)",
    r"(?<=[A-Za-z])/(?=\d)",
)
# "Rp1,2 M." ends a sentence with a magnitude abbreviation; the full stop is not part of it.
_EXTRA_SUFFIXES = (r"(?<=\b[MT])\.",)
_EXTRA_PREFIXES = (r"\.(?=\d)",)


def _tune_tokenizer(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or []) + list(_EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = list(nlp.Defaults.prefixes or []) + list(_EXTRA_PREFIXES)
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    suffixes = list(nlp.Defaults.suffixes or []) + list(_EXTRA_SUFFIXES)
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def build_pipeline() -> Language:
    """A blank Indonesian pipeline with the extract components, patterns validated up front."""
    patterns.validate_all()
    nlp = spacy.blank("id")
    _tune_tokenizer(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, text: str, metadata_date: dt.date | None = None) -> Doc:
    """A tokenised Doc carrying the article's metadata date, ready for nlp.pipe."""
    doc = nlp.make_doc(text)
    doc._.metadata_date = metadata_date
    return doc
