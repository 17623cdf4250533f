"""The extract_frames component alone, built with small changes to its word lists: each behaviour follows from the
list that drives it (and goes away without it)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.components.frames import FrameFinder, FrameLexicons
from extract.pipeline import build_pipeline

LEXICONS = FrameLexicons.load()


@pytest.fixture(scope="module")
def nlp():
    """A pipeline of this module's own: each FrameFinder built here takes two lexeme flags, of which a vocabulary
    has few, so the session's shared pipeline is left alone."""
    return build_pipeline()


@pytest.fixture(scope="module")
def processed(nlp):
    """Texts through the whole pipeline; each test then runs a FrameFinder of its own over them."""

    def run(text: str, **lexicons: object) -> list:
        doc = nlp(text)
        FrameFinder(nlp, replace(LEXICONS, **lexicons))(doc)
        return [span._.extract_figure for span in doc.spans["figures"]]

    return run


def test_a_venue_word_keeps_the_place_of_an_event_out(processed):
    text = "Seminar yang dihadiri 300 kader digelar di Graha Sentosa Palembang."
    assert processed(text)[0].region is None
    assert processed(text, venue_words=LEXICONS.venue_words - {"graha"})[0].region == "Palembang"


def test_a_time_blocker_makes_a_date_the_base_of_a_comparison(processed):
    text = "Penerimaan pajak naik 8 persen dibandingkan 2023."
    assert processed(text)[0].time is None
    assert processed(text, time_blockers=LEXICONS.time_blockers - {"dibandingkan", "banding"})[0].time == "2023"


def test_a_linking_word_stands_between_the_measure_and_its_number(processed):
    text = "Iuran peserta tembus Rp5 juta."
    assert processed(text)[0].measure == "Iuran peserta"
    without = processed(text, links=LEXICONS.links - {"tembus"})[0]
    assert without.measure == "Iuran peserta tembus"


def test_a_classifier_is_not_what_is_counted(processed):
    text = "Pemerintah menyalurkan bantuan kepada 120 orang nelayan."
    assert processed(text)[0].measure == "nelayan"
    assert processed(text, generic_units=frozenset())[0].measure == "orang nelayan"


def test_a_comparison_scope_ranks_the_set_a_figure_is_compared_within_last(processed):
    text = "Inflasi Kota Kediri menjadi yang terendah di Jawa Timur yakni 2,1 persen."
    assert processed(text)[0].region == "Kota Kediri"
    assert processed(text, comparison_scopes=frozenset())[0].region == "Jawa Timur"


def test_a_national_word_says_the_figure_holds_nationwide(processed):
    text = "Inflasi Banten 3,1 persen, sedangkan inflasi nasional 2,8 persen."
    figures = processed(text)
    assert [f.region for f in figures] == ["Banten", None]
    assert processed(text, national_words=frozenset())[1].region == "Banten"


def test_a_title_opener_makes_a_place_someone_elses_office(processed):
    text = "Uang Rp90 juta diberikan kepada Rudi selaku Kepala Seksi Umum pada Sekretariat Daerah Kabupaten Gowa."
    assert processed(text)[0].region is None
    assert processed(text, title_openers=frozenset())[0].region == "Kabupaten Gowa"


def test_a_territorial_title_after_the_statement_is_the_speakers_office(processed):
    text = "Sebanyak 75 rumah rusak, kata Bupati Cianjur kepada wartawan."
    assert processed(text)[0].region == "Cianjur"
    assert processed(text, territorial_titles=frozenset())[0].region is None


def test_a_place_after_a_larger_ones_comma_is_located_by_it_and_keeps_its_canonical_name(processed):
    text = "Sebanyak 50 warga Kecamatan Tamalate, Kota Makassar mengungsi."
    figure = processed(text)[0]
    assert (figure.region, figure.region_canonical) == ("Kecamatan Tamalate, Kota Makassar", "Makassar")
    levels = {word: 0 for word in LEXICONS.prefix_levels}
    figure = processed(text, prefix_levels=levels)[0]
    assert (figure.region, figure.region_canonical) == ("Kecamatan Tamalate", None)
