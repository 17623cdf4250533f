"""Indonesian number parsing: digit strings in Indonesian format and number words.

Digit strings need no word list; magnitude and number words are read through a NumberWords table, built from
patterns/lexicons/magnitudes.tsv and number_words.tsv (NumberWords.load) or made by hand in a test. Values are
Decimals, so "Rp 52,3 miliar" is exactly 52300000000 and never 52299999999.99999.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from extract import patterns

# "." groups thousands and "," is the decimal mark: "1.296.000", "56,7". A lone "." followed by one or two digits
# ("3.5 persen") is an English-style decimal point, which scraped text has too.
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")
# Thousands groups with one group mistyped short ("42.12.684"): at least two dots, so never a decimal "3.5".
_LOOSE_GROUPS = re.compile(r"^\d{1,3}(\.\d{2,3}){2,}$")


def is_dot_decimal(text: str) -> bool:
    """ "3.5": a decimal point, which scraped text has, but also the shape of a clock time ("10.00")."""
    return bool(_DOT_DECIMAL.match(text))


@cache
def parse_digits(text: str) -> Decimal | None:
    """The value of a digit string in Indonesian format, or None when it is not one."""
    if _GROUPED.match(text) or _PLAIN.match(text):
        return Decimal(text.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.match(text):
        return Decimal(text)
    return None


def parse_comma_thousands(text: str) -> Decimal | None:
    """ "1,077" and "12,500,000" read with English thousands commas, for an amount without a magnitude word only."""
    return Decimal(text.replace(",", "")) if _COMMA_THOUSANDS.match(text) else None


def parse_loose_groups(text: str) -> Decimal | None:
    """ "42.12.684" read as 4212684: a mistyped thousands grouping, for money after a currency sign only."""
    return Decimal(text.replace(".", "")) if _LOOSE_GROUPS.match(text) else None


_HALF = Decimal("0.5")


@dataclass(frozen=True)
class NumberWords:
    """The words number parsing reads: magnitude words, matched in any case or (abbreviations) exactly as written,
    and number words with their value and kind (unit, teen, scale, big, se, collective: number_words.tsv)."""

    magnitudes: Mapping[str, Decimal] = field(default_factory=dict)  # lower-case form -> multiplier ("juta", "jt")
    exact_magnitudes: Mapping[str, Decimal] = field(default_factory=dict)  # "M" is miliar, but "m" is a metre
    words: Mapping[str, tuple[Decimal, str]] = field(default_factory=dict)  # lower-case word -> (value, kind)

    @classmethod
    def load(cls) -> NumberWords:
        """The tables of the pattern files in use."""
        lower, exact = {}, {}
        for entry in patterns.lexicon("magnitudes"):
            if entry["match"] == "lower":
                lower[entry["form"].lower()] = entry["multiplier"]
            else:
                exact[entry["form"]] = entry["multiplier"]
        words = {entry.key.lower(): (entry["value"], entry["kind"]) for entry in patterns.lexicon("number_words")}
        return cls(lower, exact, words)

    def magnitude(self, token_text: str) -> Decimal | None:
        """The multiplier of a magnitude word or abbreviation ("juta", "jt", "M"), or None."""
        return self.exact_magnitudes.get(token_text, self.magnitudes.get(token_text.lower()))

    def is_number_word(self, word: str) -> bool:
        return word.lower() in self.words

    def parse_words(self, words: Sequence[str]) -> Decimal | None:
        """The value of a sequence of Indonesian number words ("dua puluh lima ribu", "seribu lima ratus"), or None
        when it is not one.

        Groups below a thousand fill their places from the largest down (ratus, then puluh or belas, then the unit)
        and big words (ribu, juta ...) close groups in descending order; a sequence that does not read as one number
        ("ribu" alone, "dua tiga", "dua ribu tiga juta") gives None rather than a guess.
        """
        table = self.words
        total = Decimal(0)  # closed groups (ribu, juta, ...)
        last_big: Decimal | None = None  # the last big word, which the next one must be smaller than
        group = Decimal(0)  # the group being built, below a thousand
        open_place = 1000  # the largest place of the group still free: 100, 10 (puluh, belas), 1 (the unit), 0 (full)
        current: Decimal | None = None  # the last unit word, waiting for belas/puluh/ratus, a big word or the end
        for word in words:
            entry = table.get(word.lower())
            if entry is None:
                return None
            value, kind = entry
            if kind == "collective" or (kind == "unit" and value == 0):
                return value if len(words) == 1 else None  # "bertiga", "nol" stand alone
            if current is not None and kind == "unit" and value == _HALF and current == current.to_integral_value():
                current += value  # "satu setengah tahun", "dua setengah juta"
                continue
            if current is not None and kind in ("unit", "se"):
                return None  # "dua tiga", "lima seribu"
            if kind == "unit":
                current = value
            elif kind in ("teen", "scale"):
                place = 100 if value == 100 else 10
                if current is None or current >= 10 or open_place < place:
                    return None
                group += current * value if kind == "scale" else current + value
                open_place = 1 if kind == "scale" and place == 10 else (10 if place == 100 else 0)
                current = None
            elif kind == "se" and value < 1000:
                place = 100 if value == 100 else 10
                if open_place < place:
                    return None
                group += value
                open_place = 10 if place == 100 else 0  # "seratus dua puluh", but "sepuluh" and "sebelas" fill the rest
            else:  # big (ribu, juta ...) closes the group before it; se (seribu, sejuta) is a closed group of one
                if last_big is not None and value >= last_big:
                    return None
                if kind == "se":
                    if group or current is not None:
                        return None  # "dua ratus seribu"
                    base = Decimal(1)
                else:
                    base = group + (current or 0)
                    if base == 0:
                        return None
                total += base * value
                last_big = value
                group, open_place, current = Decimal(0), 1000, None
        if current is not None:
            if open_place < 1:
                return None  # "sepuluh dua", "dua belas tiga": the units are taken
            group += current
        if not words:
            return None
        return total + group
