"""Direct claims: the quotations of a text, each attributed to its closing tag ("“...,” ujar Erfan") or to the verb
of saying before its opening mark ("Ia menjelaskan, “...”").

quotations() reads the text alone (no spaCy); direct_claims() reads the tags and frames with a SpeakerReader.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extract.components.claims.speakers import CLOSING, OPENING, Candidate, Speaker, SpeakerReader

# Curly quotes read as Mac Roman after a UTF-8 round trip, as some scrapers store them; and the no-break space.
_MOJIBAKE_MARKS = {"\u201a\u00c4\u00fa": "“", "\u201a\u00c4\u00f9": "”"}
_NOISE_CHARS = frozenset("\u00ac\u2020\u00a0")
_MARKS = re.compile("|".join([*_MOJIBAKE_MARKS, r"[“”\"\n]"]))
TRAILING = " \t\n,.;:"
_MAX_PHRASE_BEFORE_COLON = 6  # "mengatakan kepada wartawan di Balai Kota:": the verb this many words before the colon
_MIN_QUOTE_WORDS = 4  # a shorter quote with no tag of its own is a name or a phrase, not a claim


def _opens_quote(text: str, position: int, end: int) -> bool:
    """A closing mark used as an opening one (",”Dari situ ..."): it stands before a word, after a space or comma."""
    before = text[position - 1] if position else " "
    return end < len(text) and text[end].isalnum() and (before.isspace() or before in ",.")


def _starts_with_opening(text: str) -> bool:
    if text[:1] and text[0] in OPENING:
        return True
    return any(text.startswith(garbled) for garbled, mark in _MOJIBAKE_MARKS.items() if mark == "“")


def quotations(text: str) -> list[tuple[int, int, int]]:
    """Character spans of the content inside quotation marks, each with the end of its closing mark. A quote broken
    across paragraphs (an opening mark on each paragraph, a closing mark only at the end) is one span; an unclosed
    quote ends with its paragraph. Curly quotes garbled by a wrong decoding ("‚Äú") are quotes too."""
    spans: list[tuple[int, int, int]] = []
    open_at: int | None = None
    continuation = False  # the next paragraph's opening mark continues the open quote
    line_start = 0
    for match in _MARKS.finditer(text + "\n"):
        position, mark = match.start(), _MOJIBAKE_MARKS.get(match.group(), match.group())
        if mark == "\n":
            if open_at is not None and text[line_start:position].strip():
                if _starts_with_opening(text[position:].lstrip()):
                    continuation = True
                else:
                    spans.append((open_at, position, position))
                    open_at = None
            line_start = position + 1
            continue
        if continuation and not text[line_start:position].strip() and mark in OPENING:
            continuation = False
            continue
        if open_at is None:
            if mark in OPENING or _opens_quote(text, position, match.end()):
                open_at = match.end()
        elif mark in CLOSING:
            spans.append((open_at, position, match.end()))
            open_at = None
    return spans


def _has_words(text: str, count: int) -> bool:
    """Whether a text holds at least `count` words with a letter (a lone mark or number is no word)."""
    found = 0
    for word in text.split():
        if any(char.isalpha() for char in word):
            found += 1
            if found >= count:
                return True
    return False


def _is_noise(token: Token) -> bool:
    """A space, or a no-break space garbled by a wrong decoding ("¬†"), between a closing quote and its tag."""
    return token.is_space or all(char in _NOISE_CHARS or char.isspace() for char in token.text)


def direct_claims(
    reader: SpeakerReader, quotes: list[tuple[int, int, int]], excluded: list[tuple[int, int]]
) -> list[Candidate]:
    """A candidate for each quotation outside the excluded ranges (headline, furniture, captions): with the speaker of
    its closing tag, else of the frame before it, else none (the previous claim's speaker may take it). A quote after
    a theme's word ("bertajuk “...”") is a name, and a short one with no tag a phrase: neither is a claim."""
    doc, text = reader.doc, reader.text
    found = []
    for open_at, close_at, mark_end in quotes:
        if any(start <= open_at < end for start, end in excluded):
            continue
        content = text[open_at:close_at]
        stripped_end = open_at + len(content.rstrip(TRAILING))
        stripped_start = open_at + (len(content) - len(content.lstrip()))
        if stripped_end <= stripped_start:
            continue
        closing = (mark_end - 1, mark_end) if mark_end > close_at else (close_at, close_at + 1)
        after = doc.char_span(*closing, alignment_mode="expand")
        tag = None
        if after is not None:
            i = after.end
            while i < len(doc) and _is_noise(doc[i]):
                i += 1
            if i < len(doc) and doc[i].text == ",":
                i += 1
            tag = reader.tag_speaker(i)
        before = doc.char_span(max(open_at - 1, 0), open_at, alignment_mode="expand")
        speaker: Speaker | None = None
        verb = None
        if tag is not None:
            speaker, verb = tag
        elif before is not None:
            speaker, verb = _frame_before(reader, before.start)
        if tag is None and before is not None and _is_theme(reader, before.start):
            continue
        if speaker is None and not _has_words(content, _MIN_QUOTE_WORDS):
            continue
        found.append(Candidate(stripped_start, stripped_end, "direct", verb, speaker))
    return found


def _frame_before(reader: SpeakerReader, quote_token: int) -> tuple[Speaker | None, str | None]:
    """ "Ia menjelaskan, “...": a verb of saying right before the opening mark."""
    doc = reader.doc
    j = quote_token - 1
    colon = False
    while (j >= 0 and doc[j].text in (",", ":")) or (j >= 0 and doc[j].is_space):
        colon = colon or doc[j].text == ":"
        j -= 1
    if j >= 0 and doc[j].lower_ in reader.lex.frames:
        return reader.subject(j), doc[j].lower_
    if colon:
        # "Barton mengatakan di talkSPORT: “...”", "Ia menjelaskan kepada wartawan:": a short phrase between.
        for k in range(j - 1, max(j - _MAX_PHRASE_BEFORE_COLON, -1), -1):
            if doc[k].is_punct or doc[k].is_space:
                break
            if doc[k].lower_ in reader.lex.frames:
                return reader.subject(k), doc[k].lower_
    return None, None


def _is_theme(reader: SpeakerReader, quote_token: int) -> bool:
    doc = reader.doc
    return any(doc[k].lower_ in reader.lex.theme_cues for k in range(max(quote_token - 3, 0), quote_token))
