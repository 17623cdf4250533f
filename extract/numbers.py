"""Indonesian number parsing: digit strings in Indonesian format and number words.

Reads patterns/lexicons/magnitudes.tsv and number_words.tsv. Values are Decimals, so "Rp 52,3 miliar" is exactly
52300000000 and never 52299999999.99999.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from extract import patterns

# "." groups thousands and "," is the decimal mark: "1.296.000", "56,7". A lone "." followed by one or two digits
# ("3.5 persen") is an English-style decimal point, which scraped text has too.
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_DOT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")


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


@cache
def _magnitudes() -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    lower, exact = {}, {}
    for entry in patterns.lexicon("magnitudes"):
        form, multiplier, match = entry.fields
        if match == "lower":
            lower[form.lower()] = multiplier
        else:
            exact[form] = multiplier
    return lower, exact


def magnitude(token_text: str) -> Decimal | None:
    """The multiplier of a magnitude word or abbreviation ("juta", "jt", "M"), or None."""
    lower, exact = _magnitudes()
    return exact.get(token_text, lower.get(token_text.lower()))


@cache
def _number_words() -> dict[str, tuple[Decimal, str]]:
    return {entry.key.lower(): (entry.fields[1], entry.fields[2]) for entry in patterns.lexicon("number_words")}


def is_number_word(word: str) -> bool:
    return word.lower() in _number_words()


def parse_words(words: list[str]) -> Decimal | None:
    """The value of a sequence of Indonesian number words ("dua puluh lima ribu"), or None when it is not one.

    A sequence that does not read as one number ("ribu" alone, "dua tiga") gives None rather than a guess.
    """
    table = _number_words()
    total = Decimal(0)  # closed groups (ribu, juta, ...)
    group = Decimal(0)  # the group being built, below a thousand
    current: Decimal | None = None  # the last unit word, waiting for belas/puluh/ratus
    seen_any = False
    for word in words:
        entry = table.get(word.lower())
        if entry is None:
            return None
        value, kind = entry
        if kind in ("unit", "collective"):
            if current is not None:
                return None
            current = value
        elif kind == "teen":
            if current is None or current >= 10:
                return None
            group += current + value
            current = None
        elif kind == "scale":
            if current is None or current >= 10:
                return None
            group += current * value
            current = None
        else:  # big: ribu, juta, ...
            base = group + (current or 0)
            if base == 0:
                return None
            total += base * value
            group, current = Decimal(0), None
        seen_any = True
    if not seen_any:
        return None
    return total + group + (current or 0)
