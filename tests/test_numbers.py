"""extract.numbers: Indonesian number words and digit strings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.numbers import NumberWords

# The number words of the pattern files in use; the last test makes a table of its own.
WORDS = NumberWords.load()

_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def _spell_below_thousand(n: int) -> list[str]:
    """How a writer spells 1..999: "seratus" and "sepuluh"/"sebelas" for the one-forms, "X belas", "X puluh"."""
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_UNITS[hundreds], "ratus"]
    tens, units = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words += [_UNITS[units], "belas"]
    else:
        if tens:
            words += [_UNITS[tens], "puluh"]
        if units:
            words.append(_UNITS[units])
    return words


def spell(n: int) -> list[str]:
    """Indonesian number words for 1..999,999, written independently of the parser under test."""
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [*_spell_below_thousand(thousands), "ribu"]
    return words + _spell_below_thousand(rest)


def test_speller_itself():
    assert spell(1_512) == ["seribu", "lima", "ratus", "dua", "belas"]
    assert spell(110_011) == ["seratus", "sepuluh", "ribu", "sebelas"]
    nines = ["sembilan", "ratus", "sembilan", "puluh", "sembilan"]
    assert spell(999_999) == [*nines, "ribu", *nines]


def test_every_spelled_integer_below_a_million_parses():
    wrong = [n for n in range(1, 1_000_000) if WORDS.parse_words(spell(n)) != n]
    assert wrong == [], f"{len(wrong)} wrong, first: {wrong[:5]} ({' '.join(spell(wrong[0]))!r})"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("seratus dua", 102),
        ("seribu lima ratus", 1_500),
        ("seratus ribu", 100_000),
        ("seratus dua puluh lima juta", 125_000_000),
        ("sejuta dua ratus ribu", 1_200_000),
        ("dua juta seratus ribu", 2_100_000),
        ("sepuluh ribu", 10_000),
        ("setengah juta", 500_000),
        ("satu setengah", 1.5),
        ("dua setengah juta", 2_500_000),
        ("bertiga", 3),
        ("nol", 0),
    ],
)
def test_number_words(words, value):
    assert WORDS.parse_words(words.split()) == Decimal(str(value))


@pytest.mark.parametrize(
    "words",
    [
        "dua tiga",  # two numbers side by side, not one
        "ribu",  # a magnitude without its number
        "seratus seratus",
        "seribu seratus ribu",  # 1.000 then 100.000: groups must descend
        "dua ribu tiga juta",
        "dua puluh tiga ratus",  # hundreds after tens
        "seratus dua ratus",
        "sebelas belas",
        "tiga puluh sepuluh",
        "lima seribu",
        "nol dua",
        "bertiga puluh",
        "setengah setengah",
        "sebelas setengah",
    ],
)
def test_word_sequences_that_are_not_one_number(words):
    assert WORDS.parse_words(words.split()) is None


def test_a_table_made_by_hand():
    """The parser reads only the table it is given: "dua puluh" is 20 with a two-word table, "tiga puluh" is no
    number there, and "juta" is a magnitude only when the table says so."""
    table = NumberWords(
        magnitudes={"juta": Decimal(1_000_000)},
        words={"dua": (Decimal(2), "unit"), "puluh": (Decimal(10), "scale")},
    )
    assert table.parse_words(["dua", "puluh"]) == 20
    assert table.parse_words(["tiga", "puluh"]) is None
    assert table.magnitude("Juta") == 1_000_000 and table.magnitude("ribu") is None
    assert table.is_number_word("Dua") and not table.is_number_word("tiga")
