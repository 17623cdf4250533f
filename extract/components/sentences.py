"""Sentence segmentation and page furniture for scraped Indonesian news.

Reads patterns/lexicons/furniture.txt (line patterns), abbreviations.txt (full stops that do not end a sentence).
Sets Token.is_sent_start on every token (and Doc._.sentence_starts, for lookups by token), page furniture ("Baca juga"
links, "SCROLL TO CONTINUE WITH CONTENT", bylines, footers) in doc.spans["furniture"] and Doc._.furniture (a byte per
token), and Doc._.headline (the first line's span, when it reads as a headline).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract import patterns

for _name in ("headline", "furniture", "sentence_starts", "text", "lowers"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Inline furniture in single-line bodies: a related-article link runs to the end of its title-cased headline;
# these others run to the end of the line (or of the bracket).
_INLINE_LINK = re.compile(r"\b(?:Baca|Lihat)\s+(?:juga|pula)\s*:\s*", re.IGNORECASE)
_INLINE_REST_OF_LINE = re.compile(r"\b(?:Simak|Saksikan|Tonton)\s+(?:juga\s+)?[Vv]ideo\b.*$|\[Gambas:[^\]]*\]")
_INLINE_PHRASES = re.compile(r"SCROLL TO CONTINUE WITH CONTENT|\bADVERTISEMENT\b")
# Lower-case words a headline may contain ("Dibawa ke Gedung KPK") without the headline having ended.
_HEADLINE_FUNCTION_WORDS = frozenset(
    "di ke dari dan untuk yang dengan pada ini itu atau jadi vs oleh bagi soal hingga sampai akan tak tidak".split()  # noqa: SIM905
)
_HEADLINE_MAX_CHARS = 200
_SENTENCE_END = frozenset({".", "!", "?", "…", "...", "!!", "!!!", "?!"})
_CLOSING_QUOTES = frozenset({"”", '"', "’", "'"})
_BREAKERS = _SENTENCE_END | _CLOSING_QUOTES  # only after one of these can a sentence end within a line


@cache
def _furniture_line_pattern() -> re.Pattern[str]:
    """The furniture line patterns as one expression (one match per line instead of one per pattern)."""
    for entry in patterns.lexicon("furniture"):
        try:
            re.compile(entry.key, re.IGNORECASE)
        except re.error as error:
            raise patterns.PatternError(f"{entry.path}:{entry.line}: invalid regular expression: {error}") from None
    return re.compile("|".join(f"(?:{entry.key})" for entry in patterns.lexicon("furniture")), re.IGNORECASE)


# A line with none of these can hold no inline furniture, and most lines have none.
_INLINE_HINT = re.compile(r"juga|pula|video|gambas|SCROLL|ADVERTISEMENT", re.IGNORECASE)


def _headline_end(line: str, start: int) -> int:
    """End of a related-article headline that starts at `start` and runs into the next sentence on the same line."""
    words = list(re.finditer(r"\S+", line[start:]))
    for index, word in enumerate(words):
        letters = re.sub(r"[^\w]", "", word.group())
        if letters and letters[0].islower() and letters.lower() not in _HEADLINE_FUNCTION_WORDS and index > 0:
            # The capitalised word before the first running-text word opens the next sentence.
            return start + words[index - 1].start()
    return len(line)


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture in a text."""
    ranges: list[tuple[int, int]] = []
    line_pattern = _furniture_line_pattern()
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            if line_pattern.match(body):
                ranges.append((offset, offset + len(body)))
            elif _INLINE_HINT.search(body):
                for match in _INLINE_LINK.finditer(body):
                    ranges.append((offset + match.start(), offset + _headline_end(body, match.end())))
                for match in _INLINE_REST_OF_LINE.finditer(body):
                    ranges.append((offset + match.start(), offset + match.end()))
                for match in _INLINE_PHRASES.finditer(body):
                    ranges.append((offset + match.start(), offset + match.end()))
        offset += len(line)
    return sorted(ranges)


@cache
def _abbreviations() -> frozenset[str]:
    return patterns.words("abbreviations")


def _ends_sentence(texts: list[str], spaces: list[bool], i: int, next_i: int) -> bool:
    """Whether a sentence ends after token i, token next_i being the next word."""
    token = texts[i]
    first = texts[next_i][0]
    if not (first.isupper() or first.isdigit() or first in "“\"'‘("):
        return False
    if token in _SENTENCE_END:
        previous = texts[i - 1] if i > 0 and not spaces[i - 1] else None
        # "Rp.", "No.", an initial such as "H." do not end a sentence.
        return not (
            token == "."
            and previous is not None
            and (f"{previous.lower()}." in _abbreviations() or (len(previous) == 1 and previous.isupper()))
        )
    return token in _CLOSING_QUOTES and i > 0 and texts[i - 1] in _SENTENCE_END


def text_of(doc: Doc) -> str:
    """The Doc's text, kept once: Doc.text joins every token again on each call."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def segment(doc: Doc) -> Doc:
    """Marks sentence starts and furniture on a Doc."""
    n = len(doc)
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, SPACY, IS_SPACE])
    # The rules below read plain lists made from the Doc's arrays: creating a Token object per token costs more
    # than all of the rules.
    texts = [strings[orth] for orth in array[:, 0].tolist()]
    trailing = [" " if flag else "" for flag in array[:, 1].tolist()]
    spaces = [bool(flag) for flag in array[:, 2].tolist()]
    if doc._.text is None:
        doc._.text = "".join(text + space for text, space in zip(texts, trailing, strict=True))
    furniture = bytearray(n)
    spans = []
    for start, end in furniture_ranges(text_of(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            furniture[span.start : span.end] = b"\x01" * len(span)
    doc.spans["furniture"] = spans
    doc._.furniture = furniture

    starts: list[int] = []
    newline_before = True
    last_word = -1  # index of the last non-space token
    for i in range(n):
        if spaces[i]:
            if "\n" in texts[i]:
                newline_before = True
            continue
        begins = i == 0 or newline_before or "\n" in trailing[i - 1]
        if not begins and last_word >= 0 and texts[last_word] in _BREAKERS:
            begins = _ends_sentence(texts, spaces, last_word, i)
        if not begins and furniture[i - 1] != furniture[i]:
            begins = True
        if begins:
            starts.append(i)
        newline_before = False
        last_word = i
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    values = numpy.full(n, -1, dtype="int64")
    values[starts] = 1
    if n:
        doc.from_array([SENT_START], values.astype("uint64"))
    doc._.sentence_starts = starts
    doc._.lowers = [text.lower() for text in texts]
    doc._.headline = _headline(doc)
    return doc


def lowers_of(doc: Doc) -> list[str]:
    """The lower-cased token texts, read once by the segmenter (a Doc made elsewhere gets them here)."""
    lowers = doc._.lowers
    if lowers is None:
        lowers = doc._.lowers = [token.lower_ for token in doc]
    return lowers


def windows(doc: Doc, openings: list[tuple[int, int]]) -> list[Span]:
    """Spans of the Doc from each opening token over the longest match it can open, merged where they overlap.
    Matchers run on these only: most tokens of an article can start no date or figure, and a Matcher's cost grows
    with every token it reads."""
    spans: list[Span] = []
    start = end = -1
    for i, length in openings:
        low, high = i, min(len(doc), i + length)
        if low <= end:
            end = max(end, high)
            continue
        if end > start:
            spans.append(doc[start:end])
        start, end = low, high
    if end > start:
        spans.append(doc[start:end])
    return spans


def match_windows(matcher: Any, doc: Doc, openings: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(key, start, end) of a Matcher's matches on the windows after the opening tokens, as Doc positions (the
    Matcher gives positions within the span it reads)."""
    return [
        (key, window.start + start, window.start + end)
        for window in windows(doc, openings)
        for key, start, end in matcher(window)
    ]


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence holding token i: a lookup, where Token.sent scans the Doc."""
    starts: list[int] = doc._.sentence_starts
    position = bisect_right(starts, i) - 1
    end = starts[position + 1] if position + 1 < len(starts) else len(doc)
    return starts[position], end


def sentence_text(doc: Doc, start: int, end: int) -> str:
    first, last = sentence_bounds(doc, start)
    final = doc[last - 1]
    return text_of(doc)[doc[first].idx : final.idx + len(final)].strip()


def _headline(doc: Doc) -> Span | None:
    """The first line, when it reads as a headline: short, no closing full stop, and more text below it."""
    lines = []
    for match in re.finditer(r"[^\n]*\S[^\n]*", text_of(doc)):
        lines.append((match.start(), match.end()))
        if len(lines) == 2:
            break
    if len(lines) < 2:
        return None
    start, end = lines[0]
    line = text_of(doc)[start:end].strip()
    if len(line) > _HEADLINE_MAX_CHARS or line[-1] in '.!?"”':
        return None
    return doc.char_span(start, end, alignment_mode="contract")


@Language.factory("extract_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSegmenter:
    """Sentence boundaries and page furniture for scraped news text."""
    _furniture_line_pattern()
    patterns.lexicon("abbreviations")
    return SentenceSegmenter()


class SentenceSegmenter:
    """The extract_sentences component (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        return segment(doc)


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether any of the tokens start..end is page furniture."""
    return any(doc._.furniture[start:end])
