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
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract import patterns
from extract.components.sentences import WindowMatcher, sentence_bounds, text_of
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
_DATELINE_MAX_PLACE = 60  # characters of place (and outlet) before a dateline's date: "KOTA BARU, KALSEL,"
_MONTH_LINKS = frozenset({",", "dan", "atau", "serta", "hingga", "sampai", "-", "–"})  # between months of a list
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
    units: dict[str, tuple[str, int]]
    counted_words: dict[str, tuple[str, int]]
    number_words: dict[str, int]
    parts_of_day: frozenset[str]
    recurrence_cues: frozenset[str]
    duration_cues: frozenset[str]
    quarter_blockers: frozenset[str]
    age_words: frozenset[str]
    quarter_blockers_after: frozenset[str]


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
        units={k: (v[0], v[1]) for k, v in patterns.table("date_units").items()},
        counted_words={k: (v[0], v[1]) for k, v in patterns.table("counted_date_words").items()},
        number_words={
            k: int(v[0]) for k, v in patterns.table("number_words").items() if v[1] == "unit" and v[0] == int(v[0])
        },
        parts_of_day=patterns.words("parts_of_day"),
        recurrence_cues=patterns.words("recurrence_cues"),
        duration_cues=patterns.words("duration_cues"),
        quarter_blockers=patterns.words("quarter_blockers"),
        age_words=patterns.words("age_words"),
        quarter_blockers_after=patterns.words("quarter_blockers_after"),
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
        digits = token.text.lstrip("-–")  # "-12" in "8 -12 Juni": a range's dash run into its second day
        if digits.isdigit() and len(digits) == 4:
            parts.years.append(int(digits))
        elif digits.isdigit():
            numbers.append(int(digits))
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
        # Numeric dates are day/month(/year); "Senin (6/10/25)" writes the year with two digits.
        parts.days = numbers[:1]
        parts.months = list(numbers[1:2])
        if len(numbers) == 3 and not parts.years:
            parts.years.append(2000 + numbers[2])
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


@dataclass
class Context:
    """What the story has said before a span: the years it names (to mend a mistyped year), the dates it gave, in text
    order (anchors of "tiga hari kemudian"), and the year of the last date in the same paragraph (of "kuartal II")."""

    candidates: list[Span] = field(default_factory=list)
    metadata_year: int | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)  # (ISO value, granularity)
    paragraph_year: int | None = None
    _year_counts: Counter[int] | None = None

    @property
    def year_counts(self) -> Counter[int]:
        """How often each four-digit year stands in the story's date expressions (the metadata date's counts twice);
        counted on first use, which is rare (a weekday that does not fall on its date)."""
        if self._year_counts is None:
            self._year_counts = Counter(int(t.text) for span in self.candidates for t in span if t.shape_ == "dddd")
            if self.metadata_year is not None:
                self._year_counts[self.metadata_year] += 2
        return self._year_counts

    def anchor(self, unit: str) -> str | None:
        """The last date the story gave that is at least as fine as `unit` (the end of a span)."""
        finer = {"day": ("day",), "month": ("day", "month"), "year": ("day", "month", "year")}[unit]
        for value, granularity in reversed(self.dates):
            if granularity in finer:
                return value.split("/")[-1]
        return None


def _relative_offset(span: Span, unit_word: str) -> int | None:
    """The offset of a "tahun lalu" / "bulan depan" phrase inside a span (relative_dates), None when there is none."""
    words = [token.lower_ for token in span]
    for i, word in enumerate(words[:-1]):
        if word == unit_word:
            entry = _lexicons().relative.get(f"{word} {words[i + 1]}")
            if entry is not None:
                return entry[1]
    return None


def _mend_year(day: dt.date, weekday: int, context: Context | None) -> dt.date:
    """A full date whose weekday does not fall on it and whose year the story names nowhere else ("Rabu (8/10/2028"
    in a story of 2025): the year one digit away that the story names and on which the weekday falls."""
    if context is None or day.isoweekday() == weekday or context.year_counts[day.year] > 1:
        return day  # (the span itself counts once)
    written = f"{day.year:04d}"
    mended = set()
    for position in range(4):
        for digit in "0123456789":
            year = int(written[:position] + digit + written[position + 1 :])
            if year != day.year and context.year_counts[year] > 0:
                candidate = _valid_day(year, day.month, day.day)
                if candidate is not None and candidate.isoweekday() == weekday:
                    mended.add(candidate)
    return mended.pop() if len(mended) == 1 else day


def _counted(span: Span, reference: dt.date | None, context: Context | None) -> tuple[str | None, str] | None:
    """ "tiga hari kemudian", "sebulan lalu", "keesokan harinya": a count of calendar units from the last date the
    story gave, or from the reference date."""
    lex = _lexicons()
    count, unit, anchor, direction = None, None, None, None
    for token in span:
        lower = token.lower_
        if lower in lex.units:
            unit, carried = lex.units[lower]
            count = carried or count
        elif lower in lex.counted_words:
            anchor, direction = lex.counted_words[lower]
        elif token.text.isdigit():
            count = int(token.text)
        elif lower in lex.number_words:
            count = lex.number_words[lower]
        elif token.like_num:
            return None  # "2,5 tahun lalu", "dua puluh hari kemudian": not a count read here
    count = 1 if count is None else count  # "keesokan harinya": the next day
    if unit is None or anchor is None or direction is None or not 0 < count <= 100:
        return None
    base: dt.date | None = reference
    if anchor == "story" and context is not None:
        story = context.anchor(unit)
        if story is not None:
            base = _date_of(story)
    if base is None:
        return None, unit
    if unit == "day":
        return (base + dt.timedelta(days=direction * count)).isoformat(), unit
    if unit == "month":
        return _iso_month(*_shift_month(base.year, base.month, direction * count)), unit
    return f"{base.year + direction * count:04d}", unit


def _date_of(value: str) -> dt.date:
    """The first day of an ISO date, month or year."""
    parts = [int(part) for part in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def normalise(
    shape: str, span: Span, reference: dt.date | None, context: Context | None = None
) -> tuple[str | None, str] | None:
    """(ISO value or None when it cannot be resolved, granularity) for a found span; None when it is not a date.
    `context` is what the story said before the span (see Context)."""
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
        year = p.years[0] if p.years else None
        if year is None and reference is not None:
            year = reference.year + (_relative_offset(span, "tahun") or 0)  # "17 Agustus tahun lalu"
        if p.months[0] is None:  # a spelling the fast path leaves to dateparser
            parsed = _dateparser(span.text, reference)
            if parsed is None:
                return None
            return (parsed.isoformat() if year is not None else None), "day"
        if year is None:
            return (None, "day") if _valid_day(2000, p.months[0], p.days[0]) else None
        day = _valid_day(year, p.months[0], p.days[0])
        if day is not None and p.weekday is not None and p.years:
            day = _mend_year(day, p.weekday, context)
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
            p.years = [reference.year + (_relative_offset(span, "tahun") or 0)]  # "November atau Desember tahun ini"
        year_end = p.years[-1]
        year_start = p.years[0] if len(p.years) == 2 else year_end - (1 if p.months[0] > p.months[1] else 0)
        return f"{_iso_month(year_start, p.months[0])}/{_iso_month(year_end, p.months[1])}", "month"
    if shape == "month_relative":
        # "Juni lalu", "bulan Juni", "Januari tahun depan", "akhir Mei 2025", "awal bulan Juli mendatang".
        if not p.months or p.months[0] is None:
            return None
        if p.years:
            return _iso_month(p.years[0], p.months[0]), "month"
        offset = _relative_offset(span, "tahun")
        if offset is not None:
            return (_iso_month(reference.year + offset, p.months[0]) if reference else None), "month"
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
    if shape == "unit_relative":
        # "akhir tahun ini", "awal bulan depan", "pertengahan tahun": the year or month itself.
        unit_word = "tahun" if any(t.lower_ == "tahun" for t in span) else "bulan"
        offset = _relative_offset(span, unit_word) or 0
        if reference is None:
            return None, "year" if unit_word == "tahun" else "month"
        if unit_word == "tahun":
            return f"{reference.year + offset:04d}", "year"
        return _iso_month(*_shift_month(reference.year, reference.month, offset)), "month"
    if shape == "quarter_in_context":
        # "kuartal II" with no year: the year of the last date in its paragraph, else the reference year.
        year = context.paragraph_year if context is not None and context.paragraph_year else None
        if year is None and reference is not None:
            year = reference.year
        if p.ordinal is None or p.quarter_months is None or p.ordinal * p.quarter_months > 12 or p.ordinal < 1:
            return None
        if year is None:
            return None, "month"
        first = (p.ordinal - 1) * p.quarter_months + 1
        return f"{_iso_month(year, first)}/{_iso_month(year, p.ordinal * p.quarter_months)}", "month"
    if shape == "counted":
        return _counted(span, reference, context)
    if shape == "decade":
        # "1990-an", "tahun 80-an": the ten years of the decade.
        digits = next((t.text for t in span if t.text.isdigit()), "")
        start = int(digits) if len(digits) == 4 else (1900 + int(digits) if len(digits) == 2 else 0)
        if start % 10 or not 1900 <= start <= 2090:
            return None
        return f"{start:04d}/{start + 9:04d}", "year"
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
        # The longest match wins, but one that is no date ("Cup 2025 bulan lalu" read as 2025 months back) gives way to
        # the matches it hid: chosen again without it (rejections are rare, so this seldom runs twice).
        verdicts: dict[tuple[int, int, str], bool] = {}
        furniture = doc._.furniture  # read once: each read of a Doc extension costs an Underscore object

        def is_date(span: Span) -> bool:
            key = (span.start, span.end, span.label_)
            if key not in verdicts:
                verdicts[key] = not any(furniture[span.start : span.end]) and self._keep(span)
            return verdicts[key]

        while True:
            kept = filter_spans(spans)
            if all(is_date(span) for span in kept):
                break
            spans = [span for span in spans if verdicts.get((span.start, span.end, span.label_), True)]
        # "Sabtu (14/6/2025) kemarin" is one expression: the "kemarin" restates the date before it.
        return [
            span
            for i, span in enumerate(kept)
            if not (
                i > 0
                and span.label_ == "relative-date"
                and span.text.lower() == "kemarin"
                and kept[i - 1].end == span.start
                and self.shape_of[kept[i - 1].label_] in ("day", "day_range")
            )
        ]

    def _trim(self, span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].lower_ in self.lex.trim_words or (doc[start].is_punct and doc[start].text != "(")
        ):
            start += 1
        while end > start and doc[end - 1].is_punct and doc[end - 1].text not in (")", "]"):
            end -= 1
        closing = doc[end - 1].text
        if closing in (")", "]") and not any(t.text == {")": "(", "]": "["}[closing] for t in doc[start:end]):
            end -= 1
        if start >= end:
            return None
        return Span(doc, start, end, label=span.label_)

    def _keep(self, span: Span) -> bool:
        doc = span.doc
        shape = self.shape_of[span.label_]
        # The patterns match four digits; a year of news is 1900-2099 ("1446 H" is not one), or from 1800 with a month
        # ("2 Juni 1897"); a bare four-digit number below 1900 is more often a count.
        earliest = 1900 if shape in ("year", "year_range", "decade", "counted") else 1800
        if any(t.shape_ == "dddd" and not earliest <= int(t.text) <= 2099 for t in span):
            return False
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if shape == "relative":
            if before is not None and before.lower_ == "jam" and span[0].lower_ in self.lex.parts_of_day:
                return False  # "jam malam ini" is this curfew ("jam malam"), not tonight
            # "beberapa bulan lalu" is a vague span back (counted ones are the "counted" rules), "berusia 41 tahun ini"
            # an age: not the calendar year or month. ("minggu ke-22 tahun ini" is this year.)
            offset = self.lex.relative[span.text.lower()][1]
            ordinal = before is not None and (  # "minggu ke-22 tahun ini": this year
                before.lower_.startswith("ke")
                or (span.start > 2 and doc[span.start - 2].text == "-" and doc[span.start - 3].lower_ == "ke")
            )
            counted = before is not None and before.like_num and before.shape_ != "dddd" and not ordinal
            vague = before is not None and before.lower_ in {"beberapa", "sejumlah", "puluhan"}
            aged = counted and span.start > 1 and doc[span.start - 2].lower_ in self.lex.age_words
            # "selama tiga tahun ini" is a stretch of three years, not this year; "dua tahun lalu" is the counted rule's
            return not aged and not counted and (offset == 0 or not vague)
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
        if span.label_ == "date-month-cued" and not (
            cued or self._in_list_of_months(span) or self._among_months(span, after)
        ):
            return False  # a month named alone is a date after "pada", "sejak" ...; "Agustus" may be a name
        if span.label_ == "date-month-cued" and len(span[0]) < 5 and span[0].lower_ not in {"mei", "juni", "juli"}:
            return False  # an abbreviation alone is no month: "di Mar del Plata"
        if shape == "day" and after is not None and after.shape_ == "dddd":
            return False  # "2 Juni 1446 H": the year written after it is no year of ours, so neither is the day
        # "selama tiga hari kemudian", "setiap akhir bulan", "per semester": a duration or a recurrence; "mahasiswa
        # semester II": a term of study.
        if (
            shape in ("counted", "unit_relative", "quarter_in_context")
            and before is not None
            and (
                before.lower_ in self.lex.recurrence_cues
                or (shape == "counted" and before.lower_ in self.lex.duration_cues)
                or (shape == "quarter_in_context" and before.lower_ in self.lex.quarter_blockers)
            )
        ):
            return False
        if shape == "quarter_in_context" and after is not None and after.lower_ in self.lex.quarter_blockers_after:
            return False  # "paruh pertama musim ini": half of a season
        if span.label_ == "date-same-unit" and after is not None and after.lower_ == "dengan":
            return False  # "pada hari yang sama dengan debut showcase-nya": the date named after it
        if shape == "counted" and any(token.shape_ == "dddd" for token in span):
            return False  # "Nations Cup 2025 bulan lalu": a year, not a count of months
        if shape == "counted" and before is not None and (before.like_num or before.text in ("-", "–", "—", "/")):
            return False  # "1-2 tahun yang lalu", "satu dua tahun lalu": a vague span back, not a calendar year
        if shape == "weekday" and span[0].text == "minggu":
            return False  # "minggu lalu" is last week
        if span.label_ == "date-weekday-bare":
            # A bare capitalised weekday ("kata dia, Rabu."); "Minggu" (also "week") only after a cue or before a part
            # of the day ("Minggu pagi"); no "salat Jumat".
            word = span[0]
            if before is not None and before.lower_ in _PRAYER_WORDS:
                return False
            # "di Jakarta, Minggu." after a place and a comma is the weekday too
            day_part = (after is not None and after.lower_ in self.lex.parts_of_day) or (
                before is not None and before.text == ","
            )
            if not word.is_title or (word.lower_ == "minggu" and not (cued or day_part)):
                return False
            if word.lower_ == "minggu" and after is not None and after.lower_ in _FUTURE_WORDS | _PAST_WORDS | {"ini"}:
                return False  # "Minggu depan", "Minggu lalu": next or last week
        if shape == "day" and not any(t.text.isdigit() and len(t.text) == 4 for t in span):
            months = [t for t in span if t.lower_ in self.lex.months]
            # A day and month without year: only with the month's full name ("5 Agustus"), not "5 Jan".
            if months and len(months[0].text) < 5 and months[0].lower_ not in {"mei", "juni", "juli"}:
                return False
        return True

    def _among_months(self, span: Span, after: Token | None) -> bool:
        """ "Bulan Maret 100% belum digaji, yang Februari 30%": a month named alone in a sentence that names another
        month is one too, unless a capitalised word or a number stands beside it (a name: "Juni Astuti", "Universitas
        Sebelas Maret")."""
        before = span.doc[span.start - 1] if span.start > 0 else None
        if (after is not None and after.is_title) or (before is not None and (before.is_title or before.like_num)):
            return False  # "Universitas Sebelas Maret", "roket Long March 7"
        first, last = sentence_bounds(span.doc, span.start)
        months = self.lex.months
        return any(span.doc[i].lower_ in months for i in range(first, last) if not span.start <= i < span.end)

    def _in_list_of_months(self, span: Span) -> bool:
        """ "Juni dan Juli", "Oktober, November, dan Desember": a month coordinated with another month is one too."""
        doc, months = span.doc, self.lex.months

        def month_across(i: int, step: int) -> bool:
            for _ in range(2):  # a comma and a conjunction may both stand between two months
                i += step
                if not 0 <= i < len(doc) or doc[i].lower_ not in _MONTH_LINKS:
                    return False
                if 0 <= i + step < len(doc) and doc[i + step].lower_ in months:
                    return True
            return False

        return month_across(span.start, -1) or month_across(span.end - 1, 1)

    def __call__(self, doc: Doc) -> Doc:
        candidates = self._candidates(doc)
        metadata = doc._.metadata_date
        context = Context(candidates, metadata.year if metadata is not None else None)
        full_dates = []
        for span in candidates:
            if self.shape_of[span.label_] == "day" and any(t.text.isdigit() and len(t.text) == 4 for t in span):
                result = normalise("day", span, None, context)
                if result and result[0]:
                    full_dates.append((span, dt.date.fromisoformat(result[0])))
        publication = self._publication_date(doc, full_dates)
        doc._.publication_date = publication
        reference = (
            doc._.metadata_date
            or publication
            or self._dateline_date(doc, full_dates)
            or (full_dates[0][1] if full_dates else None)
        )
        doc._.reference_date = reference
        found = []
        text = text_of(doc)
        paragraph_start, paragraph_year = -1, None
        for span in candidates:
            line_start = text.rfind("\n", 0, span.start_char) + 1
            if line_start != paragraph_start:
                paragraph_start, paragraph_year = line_start, None
            context.paragraph_year = paragraph_year
            result = normalise(self.shape_of[span.label_], span, reference, context)
            if result is None:
                continue
            value, granularity = result
            if value is not None:
                context.dates.append((value, granularity))
                paragraph_year = int(value[:4])
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
    def _dateline_date(doc: Doc, full_dates: list[tuple[Span, dt.date]]) -> dt.date | None:
        """The date of a dateline ("BANDUNG, Senin (3/7/2023) - ..."): a full date near the top, after a place and a
        comma at the start of its line and before the dash that opens the story. It dates the story when no time stamp
        does, even if the headline names an earlier date."""
        text = text_of(doc)
        for span, value in full_dates:
            line_start = text.rfind("\n", 0, span.start_char) + 1
            if text.count("\n", 0, line_start) > 12:
                break
            lead = text[line_start : span.start_char].rstrip()
            follow = text[span.end_char : span.end_char + 4].lstrip(" )")
            if 0 < len(lead) <= _DATELINE_MAX_PLACE and lead.endswith(",") and follow[:1] in ("-", "–", "—"):
                return value
        return None

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
