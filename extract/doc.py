"""Helpers every component uses to read a Doc: its text, the sentence around a token, page furniture, and a Matcher
that reads only the windows where a rule can open.

They read what extract_sentences leaves on the Doc (Doc._.extract_text, Doc._.extract_sentence_starts,
Doc._.extract_furniture), so a component can run after it without scanning the Doc again.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extract import patterns

for _name in ("extract_furniture", "extract_sentence_starts", "extract_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# The components ask for the text and the sentence starts of the Doc they work on hundreds of times; a Doc extension
# costs a new Underscore object per read, so the answer for the current Doc is kept here.
@lru_cache(maxsize=1)
def text_of(doc: Doc) -> str:
    """The Doc's text, kept once: Doc.text joins every token again on each call."""
    text = doc._.extract_text
    if text is None:
        text = doc._.extract_text = doc.text
    return text


@lru_cache(maxsize=1)
def _sentence_starts(doc: Doc) -> list[int]:
    return doc._.extract_sentence_starts


def sentence_starts_changed() -> None:
    """Forgets the sentence starts kept for the last Doc read (extract_sentences calls it after it marks a Doc)."""
    _sentence_starts.cache_clear()


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


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether any of the tokens start..end is page furniture."""
    return any(doc._.extract_furniture[start:end])
