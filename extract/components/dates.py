"""Dates: absolute, numeric day/month/year, ranges, quarters and relative expressions, as ISO 8601.

Reads patterns/dates.jsonl (the Matcher rules; each rule's label is the shape its normaliser reads) and the lexicons
months, weekdays, relative_dates, quarters, ordinals, date_trim_words, identifier_nouns, year_blockers.
Spans are found by spaCy patterns only; dateparser normalises a found span where the fast paths below do not apply
(spelling variants, relative day words), with the article's reference date as RELATIVE_BASE. Nothing reads the clock.

Sets doc.spans["dates"] (Span._.date holds the DateMention), Doc._.publication_date and Doc._.reference_date.
A caller may set Doc._.metadata_date (a publication date given as metadata) before the pipeline runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract import patterns
from extract.components.sentences import WindowMatcher, in_furniture, text_of
from extract.schema import DateMention

for _name in ("metadata_date", "publication_date", "reference_date"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Span.has_extension("date"):
    Span.set_extension("date", default=None)

# Words that may stand on a time-stamp line beside the date ("Selasa, 12 November 2024 | 11:35 WIB").
_STAMP_WORDS = frozenset(
    "wib wita wit gmt utc | - – — : . , diterbitkan dipublikasikan diperbarui update updated published terbit".split()  # noqa: SIM905
)
_PRAYER_WORDS = frozenset({"salat", "shalat", "sholat", "solat"})
_FUTURE_WORDS = frozenset({"mendatang", "depan", "nanti"})
_PAST_WORDS = frozenset({"lalu", "kemarin", "tadi"})


@dataclass(frozen=True)
class _Lexicons:
    months: dict[str, int | None]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    quarters: dict[str, int]
    ordinals: dict[str, int]
    trim_words: frozenset[str]
    identifier_nouns: frozenset[str]
    year_blockers: frozenset[str]
    date_cues: frozenset[str]
    amount_words: frozenset[str]


@cache
def _lexicons() -> _Lexicons:
    return _Lexicons(
        months={k: v[0] for k, v in patterns.table("months").items()},
        weekdays={k: v[0] for k, v in patterns.table("weekdays").items()},
        relative={k: (v[0], v[1]) for k, v in patterns.table("relative_dates").items()},
        quarters={k: v[0] for k, v in patterns.table("quarters").items()},
        ordinals={k: v[0] for k, v in patterns.table("ordinals").items()},
        trim_words=patterns.words("date_trim_words"),
        identifier_nouns=patterns.words("identifier_nouns"),
        year_blockers=patterns.words("year_blockers"),
        date_cues=patterns.words("date_cues"),
        amount_words=patterns.words("percent_words")
        | {e.key.lower() for e in patterns.lexicon("magnitudes")}
        | {e.key.lower().split()[0] for e in patterns.lexicon("currencies")},
    )


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> dt.date | None:
    """dateparser on one found span; cached, since the same strings recur across articles."""
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["id"], settings=settings)
    return parsed.date() if parsed else None


def _valid_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


@dataclass
class _Parts:
    """The pieces a date span is made of, read off its tokens in order."""

    days: list[int]
    months: list[int | None]
    years: list[int]
    weekday: int | None
    ordinal: int | None
    quarter_months: int | None
    direction: str | None  # past | future | this


def _parts(span: Span) -> _Parts:
    lex = _lexicons()
    parts = _Parts([], [], [], None, None, None, None)
    numbers: list[int] = []
    for token in span:
        lower = token.lower_
        if token.text.isdigit() and len(token.text) == 4:
            parts.years.append(int(token.text))
        elif token.text.isdigit():
            numbers.append(int(token.text))
        elif lower in lex.months:
            parts.months.append(lex.months[lower])
        elif lower in lex.weekdays:
            parts.weekday = lex.weekdays[lower]
        elif lower in lex.quarters:
            parts.quarter_months = lex.quarters[lower]
        elif lower in lex.ordinals:
            parts.ordinal = lex.ordinals[lower]
        elif lower in _PAST_WORDS:
            parts.direction = "past"
        elif lower in _FUTURE_WORDS:
            parts.direction = "future"
        elif lower == "ini":
            parts.direction = "this"
    if parts.quarter_months is not None and parts.ordinal is None and numbers:
        parts.ordinal = numbers.pop(0)
    if parts.months:
        parts.days = numbers
    else:
        # Numeric dates are day/month(/year).
        parts.days = numbers[:1]
        parts.months = list(numbers[1:2])
    return parts


def _year_before_second_day(span: Span) -> bool:
    digits = [t for t in span if t.text.isdigit()]
    years = [t.i for t in digits if len(t.text) == 4]
    days = [t.i for t in digits if len(t.text) <= 2]
    return bool(years and len(days) == 2 and years[0] < days[1])


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _resolve_month(month: int, direction: str | None, reference: dt.date | None) -> tuple[int, int] | None:
    """A month named without a year, placed relative to the reference date."""
    if reference is None:
        return None
    year = reference.year
    if direction == "past" and month > reference.month:
        year -= 1
    elif direction == "future" and month < reference.month:
        year += 1
    return year, month


def normalise(shape: str, span: Span, reference: dt.date | None) -> tuple[str | None, str] | None:
    """(ISO value or None when it cannot be resolved, granularity) for a found span; None when it is not a date."""
    p = _parts(span)
    if shape == "relative":
        unit, offset = _lexicons().relative[span.text.lower()]
        if reference is None:
            return None, unit
        if unit == "year":
            return f"{reference.year + offset:04d}", unit
        if unit == "month":
            return _iso_month(*_shift_month(reference.year, reference.month, offset)), unit
        return (reference + dt.timedelta(days=offset)).isoformat(), unit
    if shape == "day":
        if not p.days or not p.months:
            return None
        year = p.years[0] if p.years else (reference.year if reference else None)
        if p.months[0] is None:  # a spelling the fast path leaves to dateparser
            parsed = _dateparser(span.text, reference)
            if parsed is None:
                return None
            return (parsed.isoformat() if year is not None else None), "day"
        if year is None:
            return (None, "day") if _valid_day(2000, p.months[0], p.days[0]) else None
        day = _valid_day(year, p.months[0], p.days[0])
        return (day.isoformat(), "day") if day else None
    if shape == "day_range":
        if len(p.days) != 2 or not p.months or None in p.months:
            return None
        month_end = p.months[-1]
        month_start = p.months[0] if len(p.months) == 2 else month_end
        wrap = 1 if month_start > month_end else 0  # "30 Desember-2 Januari" crosses into the next year
        if len(p.years) == 1 and _year_before_second_day(span):
            # "12 Agustus 2015-27 Juli": the one year written belongs to the start.
            year_start = p.years[0]
            year_end = year_start + wrap
        else:
            year_end = p.years[-1] if p.years else (reference.year if reference else None)
            if year_end is None:
                return None, "day"
            year_start = p.years[0] if len(p.years) == 2 else year_end - wrap
        start = _valid_day(year_start, month_start, p.days[0])
        end = _valid_day(year_end, month_end, p.days[1])
        if start is None or end is None or end < start:
            return None
        return f"{start.isoformat()}/{end.isoformat()}", "day"
    if shape == "month":
        if not p.months or p.months[0] is None or not p.years:
            return None
        return _iso_month(p.years[0], p.months[0]), "month"
    if shape == "month_range":
        if len(p.months) != 2 or None in p.months:
            return None
        if not p.years:
            if reference is None:
                return None, "month"
            p.years = [reference.year]
        year_end = p.years[-1]
        year_start = p.years[0] if len(p.years) == 2 else year_end - (1 if p.months[0] > p.months[1] else 0)
        return f"{_iso_month(year_start, p.months[0])}/{_iso_month(year_end, p.months[1])}", "month"
    if shape == "month_relative":
        if not p.months or p.months[0] is None:
            return None
        resolved = _resolve_month(p.months[0], p.direction, reference)
        return (_iso_month(*resolved) if resolved else None), "month"
    if shape == "year":
        return (f"{p.years[0]:04d}", "year") if p.years else None
    if shape == "year_range":
        if len(p.years) != 2 or p.years[1] <= p.years[0]:
            return None
        return f"{p.years[0]:04d}/{p.years[1]:04d}", "year"
    if shape == "quarter":
        if p.ordinal is None or p.quarter_months is None or p.ordinal * p.quarter_months > 12 or p.ordinal < 1:
            return None
        if p.years:
            year = p.years[0]
        elif reference is None:
            return None, "month"
        else:
            year = reference.year + {"past": -1, "future": 1}.get(p.direction or "", 0)
            if p.direction == "past" and not any(t.lower_ == "tahun" for t in span):
                year = reference.year  # "kuartal II lalu": the last such quarter, this year
        first = (p.ordinal - 1) * p.quarter_months + 1
        last = p.ordinal * p.quarter_months
        return f"{_iso_month(year, first)}/{_iso_month(year, last)}", "month"
    if shape == "weekday":
        if p.weekday is None:
            return None
        if reference is None:
            return None, "day"
        back = (reference.isoweekday() - p.weekday) % 7
        if back == 0 and p.direction == "past":
            back = 7
        return (reference - dt.timedelta(days=back)).isoformat(), "day"
    raise ValueError(f"unknown date shape {shape!r}")


class DateFinder:
    """The extract_dates component (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.rules = {rule.id: rule for rule in patterns.rules("dates")}
        self.matcher = WindowMatcher(nlp, patterns.rules("dates"))
        self.relative = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.relative.add("relative-date", [nlp.make_doc(phrase) for phrase in _lexicons().relative])
        self.lex = _lexicons()
        # Rule ids by shape, to dispatch the normaliser.
        self.shape_of = {rule.id: rule.label for rule in self.rules.values()}
        self.shape_of["relative-date"] = "relative"

    def _candidates(self, doc: Doc) -> list[Span]:
        spans = []
        for match_id, start, end in self.matcher(doc) + self.relative(doc):
            # Trimmed before choosing the longest, so "pada Mei" does not beat "Mei 2023".
            span = self._trim(Span(doc, start, end, label=doc.vocab.strings[match_id]))
            if span is not None:
                spans.append(span)
        return [
            span for span in filter_spans(spans) if not in_furniture(doc, span.start, span.end) and self._keep(span)
        ]

    def _trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].lower_ in self.lex.trim_words or (doc[start].is_punct and doc[start].text != "(")
        ):
            start += 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text != ")":
            end -= 1
        if doc[end - 1].text == ")" and not any(t.text == "(" for t in doc[start:end]):
            end -= 1
        if start >= end:
            return None
        return Span(doc, start, end, label=span.label_)

    def _keep(self, span: Span) -> bool:
        doc = span.doc
        if any(t.shape_ == "dddd" and not 1900 <= int(t.text) <= 2099 for t in span):
            return False  # the patterns match four digits; a year of news is 1900-2099 ("1446 H" is not one)
        shape = self.shape_of[span.label_]
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if shape == "relative":
            # "dua tahun lalu", "beberapa bulan lalu" are durations back, not the calendar year or month.
            offset = self.lex.relative[span.text.lower()][1]
            quantified = before is not None and (
                before.like_num or before.lower_ in {"beberapa", "sejumlah", "puluhan"}
            )
            return offset == 0 or not quantified
        if shape in ("year", "year_range"):
            first = span[0]
            if before is not None and first.lower_ != "tahun" and before.lower_ == "tahun":
                before = doc[span.start - 2] if span.start > 1 else None
                first = doc[span.start - 1]
            if first.lower_ == "tahun" and before is not None and before.like_num:
                # "Nomor 1 Tahun 2025": the year of a law or regulation title.
                two_back = doc[before.i - 1] if before.i > 0 else None
                if two_back is None or two_back.lower_ in self.lex.identifier_nouns or two_back.text[:1].isupper():
                    return False
            if before is not None and (before.lower_ in self.lex.year_blockers or before.text == "/"):
                return False
            if before is not None and before.lower_ in self.lex.amount_words:
                return False
            if after is not None and after.lower_ in self.lex.amount_words:
                return False
            if after is not None and after.text == "/" and span.end + 1 < len(doc) and doc[span.end + 1].like_num:
                return False
        cued = before is not None and before.lower_ in self.lex.date_cues
        if span.label_ == "date-month-cued" and not cued:
            return False  # a month named alone is a date after "pada", "sejak" ...; "Agustus" may be a name
        if span.label_ == "date-weekday-bare":
            # A bare capitalised weekday ("kata dia, Rabu."); "Minggu" (also "week") only after a cue; no "salat Jumat".
            word = span[0]
            if before is not None and before.lower_ in _PRAYER_WORDS:
                return False
            if not word.is_title or (word.lower_ == "minggu" and not cued):
                return False
        if shape == "day" and not any(t.text.isdigit() and len(t.text) == 4 for t in span):
            months = [t for t in span if t.lower_ in self.lex.months]
            # A day and month without year: only with the month's full name ("5 Agustus"), not "5 Jan".
            if months and len(months[0].text) < 5 and months[0].lower_ not in {"mei", "juni", "juli"}:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._candidates(doc)
        full_dates = []
        for span in candidates:
            if self.shape_of[span.label_] == "day" and any(t.text.isdigit() and len(t.text) == 4 for t in span):
                result = normalise("day", span, None)
                if result and result[0]:
                    full_dates.append((span, dt.date.fromisoformat(result[0])))
        publication = self._publication_date(doc, full_dates)
        doc._.publication_date = publication
        reference = doc._.metadata_date or publication or (full_dates[0][1] if full_dates else None)
        doc._.reference_date = reference
        found = []
        for span in candidates:
            result = normalise(self.shape_of[span.label_], span, reference)
            if result is None:
                continue
            value, granularity = result
            span._.date = DateMention(
                text=span.text,
                value=value,
                granularity=granularity,
                char_start=span.start_char,
                char_end=span.end_char,
                rule=span.label_,
            )
            found.append(span)
        doc.spans["dates"] = found
        return doc

    @staticmethod
    def _publication_date(doc: Doc, full_dates: list[tuple[Span, dt.date]]) -> dt.date | None:
        """A date printed alone on one of the first lines, as outlets print their time stamp."""
        text = text_of(doc)
        for span, value in full_dates:
            line_start = text.rfind("\n", 0, span.start_char) + 1
            if text.count("\n", 0, line_start) > 12:
                break
            line_end = text.find("\n", span.end_char)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            rest = (line[: span.start_char - line_start] + " " + line[span.end_char - line_start :]).lower()
            words = rest.replace("|", " | ").split()
            if all(
                w in _STAMP_WORDS or (any(c.isdigit() for c in w) and ":" in w) or w.replace(".", "").isdigit()
                for w in words
            ):
                return value
        return None


@Language.factory("extract_dates")
def make_dates(nlp: Language, name: str) -> DateFinder:
    """Dates found by the patterns in patterns/dates.jsonl, normalised to ISO 8601."""
    # dateparser loads its language data and compiles its time-zone expressions on first use: here, once, rather
    # than in the middle of a batch.
    _dateparser("1 Januari 2000", None)
    return DateFinder(nlp)
