"""Where a person's names stand in a text, as whole words: plain string search, no spaCy (used by the officials'
records and by `extract show`)."""

from __future__ import annotations

from collections.abc import Iterable


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_'’"


def occurrences(text: str, form: str) -> list[int]:
    """Where `form` stands as whole words in `text` (str.find: far cheaper than a regular expression per name)."""
    found: list[int] = []
    if not form:
        return found
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            found.append(start)
        start = text.find(form, start + 1)
    return found


def mention_spans(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Every mention of any of the forms, longest forms first and never overlapping, in text order."""
    taken: list[tuple[int, int]] = []
    for form in sorted(set(forms), key=len, reverse=True):
        for start in occurrences(text, form):
            end = start + len(form)
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
    return sorted(taken)
