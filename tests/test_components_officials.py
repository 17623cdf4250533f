"""extract_officials built with tiny lexicon fixtures: each behaviour shown by the words the test hands in, with a
negative where a word left out of the fixture changes what is read. Person records (extract/persons.py) need no
pipeline."""

from __future__ import annotations

import dataclasses

from spacy.language import Language

from extract.components.officials import OfficialFinder, OfficialLexicons
from extract.persons import Person, find_person

from .conftest import doc_before

BUPATI = OfficialLexicons(titles=("Bupati",))
BUPATI_SLEMAN = OfficialLexicons(titles=("Bupati",), region_forms=(("Sleman",),))
OPENING = "Bupati Sleman Kustini Sri Purnomo meresmikan pasar baru pada Senin."


def read(nlp: Language, lexicons: OfficialLexicons, text: str) -> list[Person]:
    """The officials a finder built with `lexicons` reads in `text`, the text taken through the session's pipeline
    up to extract_officials."""
    return OfficialFinder(nlp, lexicons)(doc_before(nlp, text, "extract_officials"))._.extract_officials


def officials(nlp: Language, lexicons: OfficialLexicons, text: str) -> list[tuple[str, str | None, str | None]]:
    """(name, title, organisation or region) of each official read."""
    return [(person.name, person.title, person.organisation or person.region) for person in read(nlp, lexicons, text)]


def test_a_title_of_the_fixture_names_the_person_after_it(nlp):
    assert officials(nlp, BUPATI_SLEMAN, OPENING) == [("Kustini Sri Purnomo", "Bupati", "Sleman")]
    # "Bupati" is not a title of this fixture: nobody is an official.
    assert officials(nlp, OfficialLexicons(titles=("Gubernur",), region_forms=(("Sleman",),)), OPENING) == []


def test_a_known_region_ends_the_title_chain_before_the_name(nlp):
    # Without the region, nothing tells "Sleman" from the name's first word.
    assert officials(nlp, BUPATI, OPENING) == [("Sleman Kustini Sri Purnomo", "Bupati", None)]


def test_a_name_set_off_by_a_comma_before_its_title(nlp):
    text = "Kustini Sri Purnomo, Bupati Sleman, meresmikan pasar baru pada Senin."
    assert officials(nlp, BUPATI_SLEMAN, text) == [("Kustini Sri Purnomo", "Bupati", "Sleman")]


def test_a_given_name_shows_where_the_name_starts_after_an_unknown_body(nlp):
    text = "Kepala Klinik Sehat Bersama Maria Ulfa Siregar mengatakan stok obat cukup."
    clinic = OfficialLexicons(titles=("Kepala",), organisation_prefixes=("Klinik",))
    # After "Klinik", the words may all be the clinic's: with no word known to be a name, no person is read.
    assert officials(nlp, clinic, text) == []
    with_maria = dataclasses.replace(clinic, given_names=frozenset({"Maria"}))
    assert officials(nlp, with_maria, text) == [("Maria Ulfa Siregar", "Kepala", "Klinik Sehat Bersama")]


def test_a_rank_opens_the_name_and_is_left_out_of_it(nlp):
    text = "Wakapolres Kompol Andi Saharuddin mengatakan jalan ditutup."
    assert officials(nlp, OfficialLexicons(titles=("Wakapolres",)), text) == [
        ("Kompol Andi Saharuddin", "Wakapolres", None)
    ]
    ranked = OfficialLexicons(titles=("Wakapolres",), ranks=frozenset({"kompol"}))
    assert officials(nlp, ranked, text) == [("Andi Saharuddin", "Wakapolres", None)]


def test_an_alias_cue_gives_the_person_a_nickname(nlp):
    text = "Menteri Sosial Saifullah Yusuf atau yang akrab disapa Gus Ipul meninjau dapur umum."
    assert [p.aliases for p in read(nlp, OfficialLexicons(titles=("Menteri Sosial",)), text)] == [[]]
    cue = OfficialLexicons(titles=("Menteri Sosial",), alias_cues=("atau yang akrab disapa",))
    assert [p.aliases for p in read(nlp, cue, text)] == [["Gus Ipul"]]


def test_a_familiar_form_names_the_person_through_its_nickname_opener():
    people = [Person("Eri Cahyadi")]
    assert find_person(people, "Cak Eri", frozenset({"Cak"})) == 0
    assert find_person(people, "Cak Eri") is None  # "Cak" unknown: a different person
    assert find_person(people, "Eri Cahyadi") == 0


def test_every_chain_step_says_why():
    for step in OfficialFinder.CHAIN_STEPS:
        assert step.__doc__ and len(step.__doc__.split()) >= 8, step.__name__
