"""The extract_frames component alone, built with small changes to its word lists: each behaviour follows from the
list that drives it (and goes away without it)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.components.frames import FrameFinder, FrameLexicons

LEXICONS = FrameLexicons.load()


@pytest.fixture(scope="module")
def processed(nlp):
    """Texts through the whole pipeline; each test then runs a FrameFinder of its own over them."""

    def run(text: str, **lexicons: object) -> list:
        doc = nlp(text)
        FrameFinder(nlp, replace(LEXICONS, **lexicons))(doc)
        return [span._.figure for span in doc.spans["figures"]]

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
