"""Sentence segmentation and page furniture for scraped Indonesian news.

Reads patterns/lexicons/furniture.txt (line patterns), abbreviations.txt (full stops that do not end a sentence).
Sets Token.is_sent_start on every token, Token._.is_furniture on page furniture ("Baca juga" links, "SCROLL TO
CONTINUE WITH CONTENT", bylines, footers), doc.spans["furniture"], and Doc._.headline (the first line's span).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract import patterns

if not Token.has_extension("is_furniture"):
    Token.set_extension("is_furniture", default=False)
if not Doc.has_extension("headline"):
    Doc.set_extension("headline", default=None)

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


@cache
def _furniture_line_patterns() -> tuple[re.Pattern[str], ...]:
    compiled = []
    for entry in patterns.lexicon("furniture"):
        try:
            compiled.append(re.compile(entry.key, re.IGNORECASE))
        except re.error as error:
            raise patterns.PatternError(f"{entry.path}:{entry.line}: invalid regular expression: {error}") from None
    return tuple(compiled)


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
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            if any(pattern.match(body) for pattern in _furniture_line_patterns()):
                ranges.append((offset, offset + len(body)))
            else:
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


def _ends_sentence(doc: Doc, i: int, next_i: int) -> bool:
    """Whether a sentence ends after token i, token next_i being the next word."""
    token = doc[i]
    nxt = doc[next_i]
    first = nxt.text[0]
    if not (first.isupper() or first.isdigit() or first in "“\"'‘("):
        return False
    if token.text in _SENTENCE_END:
        previous = doc[i - 1] if i > 0 else None
        # "Rp.", "No.", an initial such as "H." do not end a sentence.
        return not (
            token.text == "."
            and previous is not None
            and not previous.is_space
            and (
                f"{previous.text.lower()}." in _abbreviations() or (len(previous.text) == 1 and previous.text.isupper())
            )
        )
    return token.text in _CLOSING_QUOTES and i > 0 and doc[i - 1].text in _SENTENCE_END


def segment(doc: Doc) -> Doc:
    """Marks sentence starts and furniture on a Doc."""
    ranges = furniture_ranges(doc.text)
    spans = []
    for start, end in ranges:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            for token in span:
                token._.is_furniture = True
    doc.spans["furniture"] = spans

    newline_before = True
    last_word = -1  # index of the last non-space token
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
        if token.is_space:
            if i:
                token.is_sent_start = False
            if "\n" in token.text:
                newline_before = True
            continue
        if i:
            starts = newline_before or "\n" in doc[i - 1].whitespace_
            if not starts and last_word >= 0:
                starts = _ends_sentence(doc, last_word, i)
            if not starts and doc[i - 1]._.is_furniture != token._.is_furniture:
                starts = True
            token.is_sent_start = starts
        newline_before = False
        last_word = i

    doc._.headline = _headline(doc)
    return doc


def _headline(doc: Doc) -> Span | None:
    """The first line, when it reads as a headline: short, no closing full stop, and more text below it."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", doc.text)]
    if len(lines) < 2:
        return None
    start, end = lines[0]
    line = doc.text[start:end].strip()
    if len(line) > _HEADLINE_MAX_CHARS or line[-1] in '.!?"”':
        return None
    return doc.char_span(start, end, alignment_mode="contract")


@Language.factory("extract_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSegmenter:
    """Sentence boundaries and page furniture for scraped news text."""
    patterns.lexicon("furniture")
    patterns.lexicon("abbreviations")
    return SentenceSegmenter()


class SentenceSegmenter:
    """The extract_sentences component (see module docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        return segment(doc)


def in_furniture(span: Span) -> bool:
    return any(token._.is_furniture for token in span)
