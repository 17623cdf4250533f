"""The records the pipeline produces: one frozen shape each, used by the writers and by evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    """A number that measures money, a share, or how many of something (ANNOTATION.md, figures)."""

    kind: str  # money | percent | count | quantity
    value: Decimal
    value_max: Decimal | None
    unit: str | None
    qualifier: str | None
    change: str | None
    period: str | None
    text: str
    char_start: int
    char_end: int
    sentence: str
    rule: str
    # What the figure is about (ANNOTATION.md v3): set by the extract_frames component.
    measure: str | None = None
    time: str | None = None  # ISO value of the date expression that says when the figure holds
    time_date_index: int | None = None  # that date's place among the article's dates, in text order
    region: str | None = None
    region_canonical: str | None = None
    claim_id: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_organisation: str | None = None


@dataclass(frozen=True)
class DateMention:
    """An expression that points at a calendar day, month, year or a span of them, as ISO 8601 (or None)."""

    text: str
    value: str | None
    granularity: str  # day | month | year
    char_start: int
    char_end: int
    rule: str


@dataclass(frozen=True)
class Official:
    """A person named with a position, or to whom a claim is attributed."""

    name: str
    aliases: tuple[str, ...]
    title: str | None
    organisation: str | None
    region: str | None
    char_start: int
    char_end: int
    mentions: int


@dataclass(frozen=True)
class Claim:
    """A statement the article attributes to a named person."""

    speaker: str | None
    official_index: int | None
    type: str  # direct | indirect
    verb: str | None
    text: str
    char_start: int
    char_end: int


@dataclass
class DocumentResult:
    """Everything extracted from one article, plus how reading it went."""

    doc_id: str
    source: str
    title: str | None = None
    publication_date: str | None = None
    reference_date: str | None = None
    n_chars: int = 0
    status: str = "ok"  # ok | error
    error: str | None = None
    text: str | None = None  # the text as read, which every offset indexes
    furniture: list[tuple[int, int]] = field(default_factory=list)  # character spans of page furniture
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
