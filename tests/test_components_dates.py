"""The dates component built from small hand-made rules and word lists (no pattern files): each test shows one
behaviour driven by the fixture, and its negative."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Span

from extract import patterns
from extract.components.dates import RELATIVE_RULE, VALUE_FUNCTIONS, DateFinder, DateLexicons

REFERENCE = dt.date(2024, 11, 12)  # a Tuesday


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("id")


def _rule(rule_id: str, label: str, *words: list[str] | str) -> patterns.Rule:
    """A rule of one token per argument: a list of lower-case words, or "YEAR" for four digits."""
    return patterns.Rule(
        rule_id, label, [{"SHAPE": "dddd"} if word == "YEAR" else {"LOWER": {"IN": word}} for word in words]
    )


def _found(finder: DateFinder, nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp.make_doc(text)
    doc._.extract_furniture = bytearray(len(doc))  # set by extract_sentences in the pipeline
    doc._.extract_sentence_starts = [0]
    doc._.extract_metadata_date = REFERENCE
    finder(doc)
    return [(span.text, span._.extract_date.value, span._.extract_date.rule) for span in doc.spans["dates"]]


def test_a_rule_s_value_comes_from_its_label_and_the_lexicons(nlp):
    rules = [_rule("t-month-year", "month", ["maret", "april"], "YEAR")]
    finder = DateFinder(nlp, rules, DateLexicons(months={"maret": 3}))
    assert _found(finder, nlp, "Ekspor naik pada Maret 2024.") == [("Maret 2024", "2024-03", "t-month-year")]
    # The pattern matches "April 2024", but the fixture's months do not know April: no value, no date.
    assert _found(finder, nlp, "Ekspor naik pada April 2024.") == []


def test_a_bare_weekday_rule_is_read_by_its_label_whatever_its_id(nlp):
    lexicons = DateLexicons(weekdays={"jumat": 5}, prayer_words=frozenset({"salat"}))
    for rule_id in ("date-weekday-bare", "renamed"):
        finder = DateFinder(nlp, [_rule(rule_id, "weekday_bare", ["jumat"])], lexicons)
        assert _found(finder, nlp, "Warga berkumpul pada Jumat pagi.") == [("Jumat", "2024-11-08", rule_id)]
        assert _found(finder, nlp, "Warga berkumpul untuk salat Jumat.") == []  # the Friday prayer
        assert _found(finder, nlp, "Warga berkumpul pada jumat pagi.") == []  # a bare weekday is capitalised
    # The same pattern under the plain weekday label has none of the bare weekday's exclusions.
    plain = DateFinder(nlp, [_rule("t-weekday", "weekday", ["jumat"])], lexicons)
    assert _found(plain, nlp, "Warga berkumpul untuk salat Jumat.") == [("Jumat", "2024-11-08", "t-weekday")]


def test_a_month_alone_needs_a_cue_and_its_full_name(nlp):
    lexicons = DateLexicons(
        months={"juni": 6, "jun": 6}, months_alone=frozenset({"juni"}), date_cues=frozenset({"pada"})
    )
    finder = DateFinder(nlp, [_rule("t-month", "month_cued", ["juni", "jun"])], lexicons)
    assert _found(finder, nlp, "Harga naik pada Juni.") == [("Juni", "2024-06", "t-month")]
    assert _found(finder, nlp, "Harga naik kata Juni.") == []  # no cue, no other month: may be a name
    doc = nlp.make_doc("Harga naik pada Jun ini.")
    doc._.extract_sentence_starts = [0]
    assert finder.exclusion(Span(doc, 3, 4, label="t-month")) == "abbreviated_month_alone"  # the step says so
    assert _found(finder, nlp, "Harga naik pada Jun ini.") == []


def test_relative_phrases_come_from_the_lexicon(nlp):
    lexicons = DateLexicons(relative={"bulan depan": ("month", 1)}, vague_counts=frozenset({"beberapa"}))
    finder = DateFinder(nlp, [_rule("t-year", "year", "YEAR")], lexicons)
    assert _found(finder, nlp, "Tarif naik bulan depan.") == [("bulan depan", "2024-12", RELATIVE_RULE)]
    assert _found(finder, nlp, "Tarif naik tahun depan.") == []  # not in the fixture's phrases
    assert _found(finder, nlp, "Tarif naik beberapa bulan depan.") == []  # a vague span, not next month


def test_a_label_without_a_value_function_is_refused(nlp):
    assert "day" in VALUE_FUNCTIONS
    with pytest.raises(ValueError, match="weird"):
        DateFinder(nlp, [_rule("t-weird", "weird", ["maret"])], DateLexicons())


def test_every_label_of_the_rule_file_has_a_value_function():
    assert {rule.label for rule in patterns.rules("dates")} <= set(VALUE_FUNCTIONS)
