"""The figures component: built from tiny pattern fixtures (rules and word lists made in the test), its named
exclusions on invented sentences, and the tokenizer's glued magnitude words read from the lexicons."""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy

from extract.components import figures
from extract.components.figures import ChangeWord, FigureFinder, FigureLexicons
from extract.numbers import NumberWords
from extract.patterns import Rule

NUMBER = Rule("number", "number", [{"LIKE_NUM": True, "IS_ALPHA": False}])
PERCENT = Rule("percent", "percent", [{"LIKE_NUM": True, "IS_ALPHA": False}, {"LOWER": "persen"}])
MONEY = Rule("money", "money", [{"LOWER": "rp"}, {"LIKE_NUM": True, "IS_ALPHA": False}, {"LOWER": "juta", "OP": "?"}])


@pytest.fixture(scope="module")
def blank():
    """A blank Indonesian pipeline with the sentence splitter, which the figures component reads."""
    nlp = spacy.blank("id")
    nlp.add_pipe("extract_sentences")
    return nlp


def _figures(blank, lexicons: FigureLexicons, text: str, rules: tuple[Rule, ...] = (NUMBER, PERCENT)) -> list:
    finder = FigureFinder(blank, lexicons, rules)
    return [span._.extract_figure for span in finder(blank(text)).spans["figures"]]


# --------------------------------------------------------------------------
# The component built from fixtures


def test_identifier_nouns_come_from_the_lexicons(blank):
    text = "Menurut pasal 5 ada 12 hal baru."
    assert [f.value for f in _figures(blank, FigureLexicons(identifier_nouns=frozenset({"pasal"})), text)] == [12]
    assert [f.value for f in _figures(blank, FigureLexicons(), text)] == [5, 12]  # no identifier noun: a count


def test_currency_and_magnitude_come_from_the_lexicons(blank):
    text = "Harganya Rp 5 juta per unit."
    lexicons = FigureLexicons(numbers=NumberWords(magnitudes={"juta": Decimal(1_000_000)}), currencies={"rp": "IDR"})
    [money] = _figures(blank, lexicons, text, (MONEY,))
    assert (money.kind, money.value, money.unit, money.text) == ("money", 5_000_000, "IDR", "Rp 5 juta")
    assert _figures(blank, FigureLexicons(), text, (MONEY,)) == []  # "rp" is no known currency: no money


def test_change_words_come_from_the_lexicons(blank):
    lexicons = FigureLexicons(change_words={"naik": ChangeWord("up", "change", "yes")})
    assert [f.change for f in _figures(blank, lexicons, "Harga beras naik 5 persen.")] == ["up"]
    assert [f.change for f in _figures(blank, lexicons, "Harga beras turun 5 persen.")] == [None]


def test_qualifier_phrases_come_from_the_lexicons(blank):
    lexicons = FigureLexicons(qualifiers={"lebih dari": "gt"})
    assert [f.qualifier for f in _figures(blank, lexicons, "Hadir lebih dari 40 persen warga.")] == ["gt"]
    assert [f.qualifier for f in _figures(blank, lexicons, "Hadir kurang dari 40 persen warga.")] == [None]


def test_range_words_come_from_the_lexicons(blank):
    lexicons = FigureLexicons(range_words=frozenset({"hingga", "sampai dengan"}))
    [joined] = _figures(blank, lexicons, "Bunganya 4 sampai dengan 6 persen.")
    assert (joined.value, joined.value_max, joined.rule) == (4, 6, "number+range")
    assert [f.value for f in _figures(blank, lexicons, "Bunganya 4 atau 6 persen.")] == [4, 6]


def test_the_component_keeps_no_state_between_docs(blank):
    finder = FigureFinder(blank, FigureLexicons(), (NUMBER, PERCENT))
    before = vars(finder).copy()
    for text in ("Ada 5 orang.", "Naik 3 persen."):
        finder(blank(text))
    assert vars(finder) == before


# --------------------------------------------------------------------------
# Exclusions: each rejected number says which named exclusion fired

EXCLUSION_EXAMPLES = [
    ("Rapat dimulai 10.00 di balai desa.", "10.00", "clock_time"),
    ("Aturan itu tertuang dalam pasal 5 undang-undang tersebut.", "5", "identifier_after_noun"),
    ("Kebakaran melanda lantai 2, 3 dan 4 gedung itu.", "3", "identifier_list_continuation"),
    ("Daftarnya: 1. Aceh: 5 persen 2. Riau: 4 persen 3. Jambi: 3 persen.", "2", "inline_list_marker"),
    ("Kantor itu bernama KONTRAS (2) di Jakarta.", "2", "number_in_a_names_brackets"),
    ("Sebanyak 14 (empat belas) orang hadir.", "empat belas", "restated_in_words"),
    ("Programnya yaitu (1) kebijakan fiskal dan (2) kebijakan moneter.", "1", "list_marker_in_brackets"),
    ("Lagu itu populer pada tahun '98 di kota ini.", "98", "year_cut_short"),
    ("Ia Presiden ke 7 RI.", "7", "ordinal_written_apart"),
    ("Syaratnya sebagai berikut:\n4. Membawa KTP asli.", "4", "list_marker_opening_sentence"),
    ("Bantuan Rp 538 miliar10. Kabupaten Bogor Rp 20 miliar.", "10", "list_marker_glued_to_item_before"),
    ("Ia membeli ponsel 15Pro kemarin.", "15", "model_or_code_name"),
    ("Persib menang 2-0 atas tamunya.", "2", "score_with_hyphen"),
    ("Pandemi Covid-19 melanda kota itu.", "19", "glued_after_hyphen_or_slash"),
    ("Pada 1446 H umat Islam berpuasa.", "1446", "blocked_by_next_word"),
    ("Ia kini memakai jaringan 4 G di rumahnya.", "4", "generation_or_model_letter"),
    ("Berdasarkan aturan 45/2009 tentang pajak.", "45", "glued_before_slash_or_colon"),
    ("Hubungi 0812 untuk informasi.", "0812", "leading_zero"),
    ("Uang itu ditransfer ke 12345678 kemarin.", "12345678", "long_digit_string"),
    ("Aturan itu tertuang dalam Permendagri Nomor 77 Tahun 2020 tentang pajak.", "2020", "year"),
    ("Mereka menginap di Hotel Grand Tjokro 2 selama sepekan.", "2", "inside_capitalised_name"),
    ("Tim itu dipecundangi 0-4 di kandang sendiri.", "0-4", "score"),
]


@pytest.mark.parametrize(("text", "number", "name"), EXCLUSION_EXAMPLES, ids=[e[2] for e in EXCLUSION_EXAMPLES])
def test_a_rejected_number_names_its_exclusion(nlp, text, number, name):
    doc = nlp(text)
    rejections = {r.text: r.exclusion for r in nlp.get_pipe("extract_figures").rejections(doc)}
    assert rejections.get(number) == name
    assert number not in [span.text for span in doc.spans["figures"]]


def test_every_exclusion_has_an_example_and_a_reason():
    exclusions = (*figures.MATCH_EXCLUSIONS, *figures.NUMBER_EXCLUSIONS, *figures.FIGURE_EXCLUSIONS)
    assert {e.__name__ for e in exclusions} == {name for _, _, name in EXCLUSION_EXAMPLES}
    assert all(e.__doc__ and e.__doc__.strip() for e in exclusions)


def test_figures_are_not_rejected(nlp):
    doc = nlp("Harga beras naik 5 persen menjadi Rp 12.000 per kilogram, kata 3 pedagang.")
    assert nlp.get_pipe("extract_figures").rejections(doc) == []
    assert [span.text for span in doc.spans["figures"]] == ["5 persen", "Rp 12.000", "3"]


def test_exclusion_reads_a_lexicon_made_by_hand(blank):
    """An exclusion reads the FigureLexicons it is handed: "1446 H" is a Hijri year only when "h" blocks a number."""
    text = "Pada 1446 H umat Islam berpuasa."
    blocking = FigureFinder(blank, FigureLexicons(blockers_after=frozenset({"h"})), (NUMBER,))
    assert [(r.text, r.exclusion) for r in blocking.rejections(blank(text))] == [("1446", "blocked_by_next_word")]
    # Without the word, the capital "H" after the number is a model letter ("4 G").
    plain = FigureFinder(blank, FigureLexicons(), (NUMBER,))
    assert [r.exclusion for r in plain.rejections(blank(text))] == ["generation_or_model_letter"]


# --------------------------------------------------------------------------
# The tokenizer splits the glued magnitude words the lexicons mark


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("naik 10juta", ["naik", "10", "juta"]),  # juta: glued both
        ("Rp 5 juta10", ["Rp", "5", "juta", "10"]),
        ("dana 5jt", ["dana", "5", "jt"]),  # jt: glued after
        ("dana rb10", ["dana", "rb10"]),
        ("Rp 538 milyar10", ["Rp", "538", "milyar", "10"]),  # milyar: glued before
        ("sebanyak 5milyar", ["sebanyak", "5milyar"]),
        ("sebanyak 10trilyun", ["sebanyak", "10trilyun"]),  # trilyun: glued no
    ],
)
def test_glued_magnitude_words_come_from_the_lexicons(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens
