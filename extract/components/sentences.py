"""Sentence segmentation and page furniture for scraped Indonesian news.

Reads patterns/lexicons/furniture.txt (line patterns), abbreviations.txt (full stops that do not end a sentence).
Sets Token.is_sent_start on every token (and Doc._.extract_sentence_starts, for lookups by token), page furniture
("Baca juga" links, "SCROLL TO CONTINUE WITH CONTENT", bylines, footers) in doc.spans["furniture"] and
Doc._.extract_furniture (a byte per token), and Doc._.extract_headline (the first line's span, when it reads as a
headline).
"""

from __future__ import annotations

import re
from functools import cache

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract import patterns
from extract.doc import sentence_starts_changed, text_of

for _name in ("extract_headline", "extract_furniture", "extract_sentence_starts", "extract_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

# Inline furniture in single-line bodies: a related-article link runs to the end of its title-cased headline;
# these others run to the end of the line (or of the bracket).
_INLINE_LINK = re.compile(r"\b(?:(?:Baca|Lihat)\s+(?:juga|pula)|Pilihan\s+Editor)\s*:\s*", re.IGNORECASE)
_INLINE_GAMBAS = re.compile(r"\[Gambas:[^\]]*\]")
# A link label whose headline the scraper dropped, glued to the next sentence: "... inklusif.Baca JugaDi sisi lain".
_INLINE_PHRASES = re.compile(
    r"SCROLL TO CONTINUE WITH CONTENT|\bADVERTISEMENT\b|\b(?:Baca|BACA|Lihat|LIHAT) (?:[Jj]uga|JUGA)(?=[A-Z][a-z])"
)
_HEADLINE_MAX_CHARS = 200
# A related-article headline glued into a line ends where the scraper left a paragraph gap (a run of spaces), at a
# byline, or with the line, when one of these comes within this many characters and no sentence has ended before it.
_GLUED_HEADLINE_MAX_CHARS = 160
_PARAGRAPH_GAP = re.compile(r"\s{2,}")
_SENTENCE_END_IN_TEXT = re.compile(r"[.!?][”\"]?(?:\s|$)")
# A line that holds only a link label ("Baca juga:", "Baca_Juga") and the headline lines under it.
_LINK_LABEL_LINE = re.compile(r"^\s*(?:Baca|Lihat)[ _](?:juga|pula)\s*:?\s*$", re.IGNORECASE)
_MAX_HEADLINE_LINES_UNDER_LABEL = 3
_GLUED_FOOTER_MAX_CHARS = 300  # "Pewarta: ...Editor: ...    COPYRIGHT © ANTARA 2023" is far shorter
_SENTENCE_END = frozenset({".", "!", "?", "…", "...", "!!", "!!!", "?!"})
# "‚Äù" and "‚Äô" are the mojibake of ” and ’ in some kompas scrapes (the tokenizer keeps each as one token).
_CLOSING_QUOTES = frozenset({"”", '"', "’", "'", "‚Äù", "‚Äô"})
_SENTENCE_OPENERS = ("“", '"', "'", "‘", "(", "‚Äú", "‚Äò")  # besides capitals and digits; with mojibake ones
_MOJIBAKE_SPACE = "¬†"
_BREAKERS = _SENTENCE_END | _CLOSING_QUOTES  # only after one of these can a sentence end within a line


@cache
def _glued_furniture() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Furniture glued into a line (furniture_inline.tsv and the byline labels): each expression with the lower-case
    text a line must hold for it to be searched (one alternation of them all would be slower than these few tests)."""
    found = []
    for entry in patterns.lexicon("furniture_inline"):
        try:
            found.append((re.compile(entry.key), entry.fields[1].lower()))
        except re.error as error:
            raise patterns.PatternError(f"{entry.path}:{entry.line}: invalid regular expression: {error}") from None
    labels = sorted((entry.key for entry in patterns.lexicon("byline_labels")), key=len, reverse=True)
    found.append((re.compile("(?:" + "|".join(re.escape(label) for label in labels) + r")\s*:"), ":"))
    return tuple(found)


def _glued_furniture_start(line: str) -> int | None:
    """Where furniture glued into a line begins, if it holds any: a byline or footer runs to the end of its line, so
    one followed by more than _GLUED_FOOTER_MAX_CHARS of text (a single-line body) is not taken."""
    lowered = line.lower()
    starts = [
        match.start()
        for pattern, hint in _glued_furniture()
        if hint in lowered and (match := pattern.search(line)) is not None
    ]
    starts = [start for start in starts if len(line) - start <= _GLUED_FOOTER_MAX_CHARS]
    return min(starts) if starts else None


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
_INLINE_HINTS = ("juga", "pula", "editor", "video", "gambas", "scroll", "advertisement")


def _may_hold_inline_furniture(line: str) -> bool:
    lowered = line.lower()
    return any(hint in lowered for hint in _INLINE_HINTS)


def _headline_end(line: str, start: int, stop: int) -> int:
    """End of a related-article headline that starts at `start` and runs into the next sentence on the same line
    (`stop`: where furniture glued later into the line begins, else the line's end)."""
    gap = _PARAGRAPH_GAP.search(line, start, stop)
    end = gap.start() if gap else stop
    if end - start <= _GLUED_HEADLINE_MAX_CHARS and not _SENTENCE_END_IN_TEXT.search(line, start, end):
        return end
    function_words = patterns.words("headline_function_words")
    credits = {entry.key for entry in patterns.lexicon("caption_credits")}
    words = list(re.finditer(r"\S+", line[start:]))
    lower_case_function_words = False  # this headline writes its prepositions in lower case
    for index, word in enumerate(words):
        letters = re.sub(r"[^\w]", "", word.group())
        if not letters or index == 0:
            continue
        if word.group() in credits:
            return start + word.start()  # a photo caption glued after the headline: "... di Indonesia Dok. Pemprov"
        if letters.lower() in function_words:
            if letters[0].islower():
                lower_case_function_words = True
            elif lower_case_function_words:
                return start + word.start()  # "... Rampung dalam 5 Tahun Pada 2025, Pemprov ...": a new sentence
        elif letters[0].islower():
            # The capitalised word before the first running-text word opens the next sentence; with a comma after
            # it, the one before that too ("... di Pelosok Karanganyar Menurut Luthfi, langkah ini ...").
            opener = index - 1
            if opener > 1 and words[opener].group().endswith(",") and words[opener - 1].group()[:1].isupper():
                opener -= 1
            return start + words[opener].start()
    return len(line)


def _reads_as_headline(line: str) -> bool:
    """A related-article headline on a line of its own: short, no closing full stop, mostly capitalised words."""
    stripped = line.strip()
    if not stripped or len(stripped) > _GLUED_HEADLINE_MAX_CHARS or stripped[-1] in '.:,;"”':
        return False
    words = stripped.split()
    capitalised = sum(1 for word in words if word[0].isupper() or word[0].isdigit())
    return capitalised * 2 >= len(words)


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture in a text."""
    ranges: list[tuple[int, int]] = []
    line_pattern = _furniture_line_pattern()
    offset = 0
    headlines_under_label = 0  # headline lines still expected under a lone "Baca juga:" label
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            if line_pattern.match(body):
                ranges.append((offset, offset + len(body)))
                headlines_under_label = _MAX_HEADLINE_LINES_UNDER_LABEL if _LINK_LABEL_LINE.match(body) else 0
            elif headlines_under_label and _reads_as_headline(body):
                ranges.append((offset, offset + len(body)))
                headlines_under_label -= 1
            else:
                headlines_under_label = 0
                glued = _glued_furniture_start(body)
                stop = len(body) if glued is None else glued
                if glued is not None:
                    ranges.append((offset + glued, offset + len(body)))
                if _may_hold_inline_furniture(body):
                    for match in _INLINE_LINK.finditer(body, 0, stop):
                        ranges.append((offset + match.start(), offset + _headline_end(body, match.end(), stop)))
                    for match in _INLINE_GAMBAS.finditer(body):
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
    following = strings[int(orth[next_i])]
    first = following[0]
    if not (first.isupper() or first.isdigit() or following.startswith(_SENTENCE_OPENERS)):
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


def _word_after(words: numpy.ndarray, positions: numpy.ndarray) -> numpy.ndarray:
    """The first non-space token after each position (-1 where there is none)."""
    following = numpy.searchsorted(words, positions, side="right")
    return numpy.append(words, -1)[following]


def _word_after_commas(orth: numpy.ndarray, space: numpy.ndarray, i: int, comma: int) -> int:
    """The first token after the run of commas (and spaces) that starts at i (-1 at the end of the Doc)."""
    n = len(orth)
    while i < n and (orth[i] == comma or space[i]):
        i += 1
    return i if i < n else -1


# A wire-service dateline opens a sentence even where the scraper glued the story's pull quote before it:
# '... sesuai aturan,"Mentok, Babel (ANTARA) - Pemerintah ...'.
_WIRE_DATELINE = re.compile(
    r"[A-Z][\w.]*(?: [A-Z][\w.]*)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)? \((?:ANTARA|Antara)(?: News)?\) ?[-–—]"
)


def _wire_dateline_starts(doc: Doc) -> list[int]:
    """The first tokens of wire datelines ("Trenggalek, Jawa Timur (ANTARA) -") inside a line."""
    text = text_of(doc)
    if "(ANTARA" not in text and "(Antara" not in text:
        return []
    found = []
    for match in _WIRE_DATELINE.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and span.start > 0:
            found.append(span.start)
    return found


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
    doc._.extract_furniture = furniture

    # A sentence can start only at the first word, after a line break, after a full stop or closing quote, or where
    # page furniture begins or ends: only those tokens are read.
    array = doc.to_array([IS_SPACE, break_flag, ORTH]).reshape(n, 3)
    orth = array[:, 2]
    # The mojibake of a no-break space separates words as a space does (also when its lexeme flag is lost, see below).
    space = array[:, 0].astype(bool) | (orth == doc.vocab.strings.add(_MOJIBAKE_SPACE))
    words = numpy.flatnonzero(~space)
    starts: set[int] = {0}
    if len(words):
        starts.add(int(words[0]))
        breaks = numpy.flatnonzero(array[:, 1])
        comma = doc.vocab.strings.add(",")
        for i, word in zip(breaks.tolist(), _word_after(words, breaks).tolist(), strict=True):
            if word < 0:
                continue
            if space[i]:
                starts.add(word)  # a line break
                continue
            if word == i + 1 and orth[word] == comma:
                # A paragraph break that the scraper turned into a comma: "... Selasa (10/9/2019).,Rizal mengatakan".
                word = _word_after_commas(orth, space, word, comma)
                if word < 0:
                    continue
            if _ends_sentence(doc, orth, space, i, word):
                starts.add(word)
        marks = numpy.frombuffer(bytes(furniture), dtype="uint8")
        edges = numpy.flatnonzero(marks[1:] != marks[:-1]) + 1
        starts.update(edges[~space[edges]].tolist())
        starts.update(_wire_dateline_starts(doc))
    ordered = sorted(starts)
    values = numpy.full(n, -1, dtype="int64")
    values[ordered] = 1
    if n:
        doc.from_array([SENT_START], values.astype("uint64"))  # type: ignore[arg-type]  # a 1-d array is accepted for one attribute
    doc._.extract_sentence_starts = ordered
    sentence_starts_changed()
    doc._.extract_headline = _headline(doc)
    return doc


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
    _glued_furniture()
    patterns.lexicon("abbreviations")
    return SentenceSegmenter(nlp.vocab.add_flag(_may_break))


class SentenceSegmenter:
    """The extract_sentences component (see module docstring)."""

    def __init__(self, break_flag: int) -> None:
        self.break_flag = break_flag

    def __call__(self, doc: Doc) -> Doc:
        # The mojibake of a no-break space ("¬†", one token) separates words as a space does, for every component
        # (Token.is_space). The lexeme flag is asserted per Doc: loading tokenizer rules (Tokenizer.from_bytes) resets
        # lexeme attributes.
        mojibake_space = doc.vocab[_MOJIBAKE_SPACE]
        if not mojibake_space.is_space:
            mojibake_space.is_space = True
        return segment(doc, self.break_flag)
