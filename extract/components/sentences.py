"""Sentence segmentation and page furniture for scraped Indonesian news.

Reads patterns/lexicons/furniture.txt (line patterns), abbreviations.txt (full stops that do not end a sentence).
Sets Token.is_sent_start on every token (and Doc._.sentence_starts, for lookups by token), page furniture ("Baca juga"
links, "SCROLL TO CONTINUE WITH CONTENT", bylines, footers) in doc.spans["furniture"] and Doc._.furniture (a byte per
token), and Doc._.headline (the first line's span, when it reads as a headline).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extract import patterns

for _name in ("headline", "furniture", "sentence_starts", "text"):
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


# A line with none of these (in any case) can hold no inline furniture, and most lines have none.
_INLINE_HINTS = ("juga", "pula", "video", "gambas", "scroll", "advertisement")


def _may_hold_inline_furniture(line: str) -> bool:
    lowered = line.lower()
    return any(hint in lowered for hint in _INLINE_HINTS)


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
            elif _may_hold_inline_furniture(body):
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


def _ends_sentence(doc: Doc, orth: numpy.ndarray, space: numpy.ndarray, i: int, next_i: int) -> bool:
    """Whether a sentence ends after token i, token next_i being the next word."""
    strings = doc.vocab.strings
    token = strings[int(orth[i])]
    first = strings[int(orth[next_i])][0]
    if not (first.isupper() or first.isdigit() or first in "“\"'‘("):
        return False
    previous = strings[int(orth[i - 1])] if i > 0 and not space[i - 1] else None
    if token in _SENTENCE_END:
        # "Rp.", "No.", an initial such as "H." do not end a sentence.
        return not (
            token == "."
            and previous is not None
            and (f"{previous.lower()}." in _abbreviations() or (len(previous) == 1 and previous.isupper()))
        )
    return token in _CLOSING_QUOTES and i > 0 and strings[int(orth[i - 1])] in _SENTENCE_END


# The components ask for the text and the sentence starts of the Doc they work on hundreds of times; a Doc extension
# costs a new Underscore object per read, so the answer for the current Doc is kept here.
@lru_cache(maxsize=1)
def text_of(doc: Doc) -> str:
    """The Doc's text, kept once: Doc.text joins every token again on each call."""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


def _word_after(words: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """The first non-space token after each position (-1 where there is none)."""
    following = numpy.searchsorted(words, positions, side="right")
    return numpy.append(words, -1)[following]


def _may_break(text: str) -> bool:
    """The lexeme flag of tokens after which a sentence may start: a line break, a full stop, a closing quote."""
    return text in _BREAKERS or "\n" in text


def segment(doc: Doc, break_flag: int) -> Doc:
    """Marks sentence starts and furniture on a Doc (`break_flag`: the lexeme flag set by _may_break)."""
    n = len(doc)
    furniture = bytearray(n)
    spans = []
    for start, end in furniture_ranges(text_of(doc)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
            furniture[span.start : span.end] = b"\x01" * len(span)
    doc.spans["furniture"] = spans
    doc._.furniture = furniture

    # A sentence can start only at the first word, after a line break, after a full stop or closing quote, or where
    # page furniture begins or ends: only those tokens are read.
    array = doc.to_array([IS_SPACE, break_flag, ORTH]).reshape(n, 3)
    space, orth = array[:, 0].astype(bool), array[:, 2]
    words = numpy.flatnonzero(~space)
    starts: set[int] = {0}
    if len(words):
        starts.add(int(words[0]))
        breaks = numpy.flatnonzero(array[:, 1])
        comma = doc.vocab.strings[","]
        for i, word in zip(breaks.tolist(), _word_after(words, breaks).tolist(), strict=True):
            if word < 0:
                continue
            if space[i]:
                starts.add(word)  # a line break
                continue
            while word + 1 < n and orth[word] == comma and not space[word + 1]:
                word += 1  # a paragraph break the scraper turned into commas: "naik.,Kepala"
            if _ends_sentence(doc, orth, space, i, word):
                starts.add(word)
        marks = numpy.frombuffer(bytes(furniture), dtype="uint8")
        edges = numpy.flatnonzero(marks[1:] != marks[:-1]) + 1
        starts.update(edges[~space[edges]].tolist())
    ordered = sorted(starts)
    values = numpy.full(n, -1, dtype="int64")
    values[ordered] = 1
    if n:
        doc.from_array([SENT_START], values.astype("uint64"))
    doc._.sentence_starts = ordered
    _sentence_starts.cache_clear()
    doc._.headline = _headline(doc)
    return doc


def windows(doc: Doc, openings: list[tuple[int, int]]) -> list[Span]:
    """Spans of the Doc from each opening token over the longest match it can open, merged where they overlap."""
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


class WindowMatcher:
    """A Matcher over some rules that reads only the windows after tokens that can open one of them: most tokens of
    an article can start no date or figure, and a Matcher's cost grows with every token it reads. Which tokens can
    open a rule is worked out from the rules (patterns.triggers) and kept as a lexeme flag."""

    def __init__(self, nlp: Language, rules: tuple[patterns.Rule, ...]) -> None:
        self.matcher = Matcher(nlp.vocab)
        for rule in rules:
            self.matcher.add(rule.id, [rule.pattern])
        self.triggers = patterns.triggers(rules)
        self.flag = self.triggers.flag(nlp.vocab)

    def __call__(self, doc: Doc, blocked: bytearray | None = None) -> list[tuple[int, int, int]]:
        """(key, start, end) of the matches, as Doc positions; none opening at a `blocked` token."""
        openings = self.triggers.opening(doc, self.flag)
        if blocked is not None:
            openings = [(i, length) for i, length in openings if not blocked[i]]
        return [
            (key, window.start + start, window.start + end)
            for window in windows(doc, openings)
            for key, start, end in self.matcher(window)
        ]


@lru_cache(maxsize=1)
def _sentence_starts(doc: Doc) -> list[int]:
    return doc._.sentence_starts


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence holding token i: a lookup, where Token.sent scans the Doc."""
    starts = _sentence_starts(doc)
    position = bisect_right(starts, i) - 1
    end = starts[position + 1] if position + 1 < len(starts) else len(doc)
    return starts[position], end


def sentence_text(doc: Doc, i: int) -> str:
    """The text of the sentence holding token i."""
    first, last = sentence_bounds(doc, i)
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
    return SentenceSegmenter(nlp.vocab.add_flag(_may_break))


class SentenceSegmenter:
    """The extract_sentences component (see module docstring)."""

    def __init__(self, break_flag: int) -> None:
        self.break_flag = break_flag

    def __call__(self, doc: Doc) -> Doc:
        return segment(doc, self.break_flag)


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether any of the tokens start..end is page furniture."""
    return any(doc._.furniture[start:end])
