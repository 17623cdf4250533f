"""extract_claims built with a tiny lexicon fixture: each behaviour shown by the words the test hands in, with a
negative where a word left out of the fixture gives nothing."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest
from spacy.language import Language

from extract import patterns
from extract.components.claims import ClaimFinder, ClaimLexicons
from extract.pipeline import build_pipeline

from .conftest import doc_before

# The two-line fixture: a verb of saying before its clause, a tag after a quotation, a pronoun.
WORDS = ClaimLexicons(frames=frozenset({"mengatakan"}), tags=frozenset({"kata"}), pronouns=frozenset({"ia"}))

OFFICIAL = "Gubernur Jawa Barat Ridwan Kamil meninjau pasar Kosambi pada Senin pagi."


@pytest.fixture(scope="module")
def nlp():
    """A pipeline of this module's own: each ClaimFinder takes two lexeme flags, of which a vocabulary has few."""
    return build_pipeline()


@cache
def _finder(nlp: Language, lexicons: ClaimLexicons) -> ClaimFinder:
    return ClaimFinder(nlp, lexicons)  # one per fixture: each finder takes two lexeme flags of the vocabulary


def claims(nlp: Language, lexicons: ClaimLexicons, text: str, trace: list | None = None) -> list[tuple[str, str, str]]:
    doc = doc_before(nlp, text, "extract_claims")
    _finder(nlp, lexicons).read(doc, trace)
    return [(claim.speaker, claim.type, claim.text) for claim in doc._.extract_claims]


def test_a_frame_verb_reports_the_clause_after_it(nlp):
    text = "Gubernur Jawa Barat Ridwan Kamil mengatakan harga beras akan turun bulan depan."
    assert claims(nlp, WORDS, text) == [("Ridwan Kamil", "indirect", "harga beras akan turun bulan depan")]
    # "menyatakan" is a verb of saying too, but not one of the fixture's.
    assert claims(nlp, WORDS, text.replace("mengatakan", "menyatakan")) == []


def test_a_tag_gives_a_quotation_its_speaker(nlp):
    text = f'{OFFICIAL} "Stok beras kita cukup sampai akhir tahun," kata Ridwan.'
    assert claims(nlp, WORDS, text) == [("Ridwan Kamil", "direct", "Stok beras kita cukup sampai akhir tahun")]
    # "ujar" is no tag of the fixture: the quotation has no speaker, and no claim before it to take it.
    assert claims(nlp, WORDS, text.replace("kata Ridwan", "ujar Ridwan")) == []


def test_a_pronoun_opening_a_sentence_stands_for_the_official_named_before(nlp):
    text = f"{OFFICIAL} Ia mengatakan harga beras akan turun bulan depan."
    assert claims(nlp, WORDS, text) == [("Ridwan Kamil", "indirect", "harga beras akan turun bulan depan")]
    # "Dia" is a pronoun the fixture does not list: read as a one-word name, it is nobody's.
    assert claims(nlp, WORDS, text.replace("Ia mengatakan", "Dia mengatakan")) == []


def test_a_clause_blocker_refuses_the_verb_and_says_which_step(nlp):
    text = "Gubernur Jawa Barat Ridwan Kamil sepakat dengan usulan kenaikan anggaran pasar itu."
    agreeing = dataclasses.replace(WORDS, frames=frozenset({"sepakat"}))
    blocked = dataclasses.replace(agreeing, clause_blockers=frozenset({("sepakat", "dengan")}))
    trace: list = []
    assert claims(nlp, blocked, text, trace) == []
    assert [(step, "clause_blockers" in reason) for _, step, reason in trace] == [("frame_verb", True)]
    # Without the blocker the verb reports what follows it.
    assert claims(nlp, agreeing, text) == [("Ridwan Kamil", "indirect", "dengan usulan kenaikan anggaran pasar itu")]


def test_according_reads_the_clause_after_the_comma(nlp):
    text = f"{OFFICIAL} Menurut Ridwan, harga beras akan turun bulan depan."
    according = dataclasses.replace(WORDS, according=frozenset({"menurut"}))
    assert claims(nlp, according, text) == [("Ridwan Kamil", "indirect", "harga beras akan turun bulan depan")]
    assert claims(nlp, WORDS, text) == []


def test_the_component_keeps_nothing_between_documents(nlp):
    finder = _finder(nlp, WORDS)
    attributes = dict(vars(finder))
    first = "Gubernur Jawa Barat Ridwan Kamil mengatakan harga beras akan turun bulan depan."
    second = "Bupati Bogor Rudy Susmanto mengatakan jalan desa akan diperbaiki tahun ini."
    results = []
    for text in (first, second, first):
        doc = finder(doc_before(nlp, text, "extract_claims"))
        results.append([(c.speaker, c.text) for c in doc._.extract_claims])
    assert results[0] == results[2] != results[1]
    assert vars(finder) == attributes


def test_the_shipped_lexicons_keep_the_speech_verb_kinds_apart():
    lexicons = ClaimLexicons.load()
    kinds = {entry["kind"] for entry in patterns.lexicon("speech_verbs")}
    assert "passive_bare" in kinds and lexicons.bare_passives
    assert lexicons.any_passive == lexicons.passives | lexicons.bare_passives | lexicons.opening_passives
    assert lexicons.agentless_passives == lexicons.bare_passives | lexicons.opening_passives
    assert "mengatakan" in lexicons.frames and "mengatakan" in lexicons.speech_words


def test_a_lexicon_column_is_read_by_name():
    entry = patterns.lexicon("clause_blockers")[0]
    assert (entry["verb"], entry["word"]) == entry.fields
    assert patterns.lexicon("pronouns")[0]["entry"] == "ia"
    with pytest.raises(KeyError, match="no column 'kind'"):
        entry["kind"]
