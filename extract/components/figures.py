"""Figures: money, percentages, counts with their unit noun and quantities, with qualifier, change and period.

Reads patterns/figures.jsonl (Matcher rules; label money | percent | number) and the lexicons magnitudes, currencies,
percent_words, number_words, quantity_units, time_units, qualifiers, qualifier_fillers, change_words,
change_nouns_after, change_cancellers, periods, not_figures, identifier_nouns, number_blockers_after, unit_stopwords,
verb_prefixes, negative_signs, months, weekdays, count_classifier_units, count_classifier_nouns, elided_currency_links,
approximate_magnitudes, count_nouns, range_words, list_conjunctions, comparison_words: the factory (make_figures)
loads them into one FigureLexicons and the rules into the FigureFinder it builds.
Runs after extract_dates: a number inside a date is not a figure. Sets doc.spans["figures"] (Span._.extract_figure
holds the Figure record).

A matched number that is no figure is dropped by the first of the named exclusions that holds (MATCH_EXCLUSIONS as
soon as it is read, NUMBER_EXCLUSIONS for a bare number once ranges are joined, FIGURE_EXCLUSIONS once its kind and
unit are known), each a small predicate whose docstring says why; FigureFinder.rejections(doc) lists the dropped
numbers with the exclusion that fired, as a record's `rule` names the pattern that matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract import numbers, patterns
from extract.doc import WindowMatcher, sentence_bounds, sentence_text
from extract.numbers import NumberWords
from extract.schema import Figure

if not Span.has_extension("extract_figure"):
    Span.set_extension("extract_figure", default=None)

# A minus sign glued to the digits ("-5,32%", "–3,2 persen"); ranges glue it on both sides ("1–2") or neither.
_MINUS_SIGNS = ("-", "\u2212", "\u2013")
_CLAUSE_BREAKS = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "!", "?", "—"})
_CHANGE_WINDOW = 10  # tokens before a figure searched for a change word, within its clause
_PERIOD_WINDOW = 4  # tokens after a figure searched for a rate phrase ("6.000 ton bijih per hari")
_MAX_UNIT_WORDS = 3
_MAX_RESTATEMENT_WORDS = 6  # "(sembilan ratus dua puluh lima)"
_OLDEST_AGE = 120
_AGE_MARKS = frozenset({("(", ")"), (",", ",")})
_LONGEST_INITIALS = 4  # "RA (39)", "MSH (41)"; longer capitals are acronyms ("PPKM (3)")
_LIST_ITEM_SPAN = 80  # tokens between the markers of neighbouring list items ("2." ... "3.")
_LAST_LIST_MARKER = 20  # "(1)" ... "(20)" alone in brackets
_APOSTROPHES = frozenset({"'", "\u2019", "\u2018"})
_SENTENCE_ENDS = frozenset({".", "!", "?", ".,"})


class ChangeWord(NamedTuple):
    """A change_words.tsv entry: the direction, whether it is a change or a growth rate, and whether it may stand
    right before a count."""

    direction: str  # up | down
    kind: str  # change | rate
    counts: str  # yes | no


def _longest(phrases: Iterable[str]) -> int:
    return max((len(phrase.split()) for phrase in phrases), default=0)


@dataclass(frozen=True)
class FigureLexicons:
    """The word lists the figures component reads, lower-case (see the header of each file in patterns/lexicons).
    FigureLexicons.load() reads the pattern files in use; a test makes one by hand with only the words it needs."""

    numbers: NumberWords = field(default_factory=NumberWords)  # magnitudes and number words
    currencies: Mapping[str, str] = field(default_factory=dict)  # form -> ISO code
    percent_words: frozenset[str] = frozenset()
    quantity_units: frozenset[str] = frozenset()
    time_units: frozenset[str] = frozenset()
    fillers: frozenset[str] = frozenset()  # qualifier_fillers
    change_words: Mapping[str, ChangeWord] = field(default_factory=dict)
    change_nouns_after: Mapping[str, str] = field(default_factory=dict)  # word -> direction
    cancellers: frozenset[str] = frozenset()  # change_cancellers
    identifier_nouns: frozenset[str] = frozenset()
    blockers_after: frozenset[str] = frozenset()  # number_blockers_after
    unit_stopwords: frozenset[str] = frozenset()
    verb_prefixes: tuple[str, ...] = ()  # longest first
    months: frozenset[str] = frozenset()
    weekdays: frozenset[str] = frozenset()
    negative_signs: frozenset[str] = frozenset()
    count_classifier_units: frozenset[str] = frozenset()
    count_classifier_nouns: frozenset[str] = frozenset()
    elided_currency_links: frozenset[str] = frozenset()
    approximate_magnitudes: frozenset[str] = frozenset()
    count_nouns: frozenset[str] = frozenset()
    range_words: frozenset[str] = frozenset()
    list_conjunctions: frozenset[str] = frozenset()
    comparison_words: frozenset[str] = frozenset()
    not_figures: tuple[str, ...] = ()  # idioms: phrases whose number is no figure
    qualifiers: Mapping[str, str] = field(default_factory=dict)  # phrase -> code
    periods: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # phrase -> (period, position)
    longest_currency: int = field(init=False)  # in words
    longest_quantity_unit: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "longest_currency", _longest(self.currencies))
        object.__setattr__(self, "longest_quantity_unit", _longest(self.quantity_units))

    @classmethod
    def load(cls) -> FigureLexicons:
        """The lexicons of the pattern files in use."""
        return cls(
            numbers=NumberWords.load(),
            currencies={entry.key.lower(): entry["code"] for entry in patterns.lexicon("currencies")},
            percent_words=patterns.words("percent_words"),
            quantity_units=patterns.words("quantity_units"),
            time_units=patterns.words("time_units"),
            fillers=patterns.words("qualifier_fillers"),
            change_words={
                entry.key.lower(): ChangeWord(entry["direction"], entry["kind"], entry["counts"])
                for entry in patterns.lexicon("change_words")
            },
            change_nouns_after={
                entry.key.lower(): entry["direction"] for entry in patterns.lexicon("change_nouns_after")
            },
            cancellers=patterns.words("change_cancellers"),
            identifier_nouns=patterns.words("identifier_nouns"),
            blockers_after=patterns.words("number_blockers_after"),
            unit_stopwords=patterns.words("unit_stopwords"),
            verb_prefixes=tuple(sorted(patterns.words("verb_prefixes"), key=len, reverse=True)),
            months=patterns.words("months"),
            weekdays=patterns.words("weekdays"),
            negative_signs=patterns.words("negative_signs"),
            count_classifier_units=patterns.words("count_classifier_units"),
            count_classifier_nouns=patterns.words("count_classifier_nouns"),
            elided_currency_links=patterns.words("elided_currency_links"),
            approximate_magnitudes=patterns.words("approximate_magnitudes"),
            count_nouns=patterns.words("count_nouns"),
            range_words=patterns.words("range_words"),
            list_conjunctions=patterns.words("list_conjunctions"),
            comparison_words=patterns.words("comparison_words"),
            not_figures=tuple(sorted(patterns.words("not_figures"))),
            qualifiers={entry.key.lower(): entry["code"] for entry in patterns.lexicon("qualifiers")},
            periods={entry.key.lower(): (entry["period"], entry["position"]) for entry in patterns.lexicon("periods")},
        )

    def looks_like_verb(self, word: str) -> bool:
        """A word with a verb prefix and at least three letters after it ("menambah", "bertambah")."""
        return any(word.startswith(prefix) and len(word) >= len(prefix) + 3 for prefix in self.verb_prefixes)


@dataclass
class _Candidate:
    """A matched number before it becomes a Figure: token range, kind, value and where its number and unit are."""

    start: int
    end: int
    kind: str  # money | percent | number
    value: Decimal
    value_max: Decimal | None
    currency: str | None
    has_magnitude: bool
    rule: str
    sign: str | None = None  # "word" ("minus 5,32 persen") or "hyphen" ("-5,32%"): the value is negative


@dataclass(frozen=True)
class Rejection:
    """A number the rules matched that is no figure: where it is, the rule that matched it and the exclusion that
    rejected it (the name of one of the predicates in MATCH_EXCLUSIONS, NUMBER_EXCLUSIONS or FIGURE_EXCLUSIONS)."""

    text: str
    start: int  # token offsets, end exclusive
    end: int
    rule: str
    exclusion: str


# -- exclusions ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Near:
    """A candidate number with the tokens around it, as the exclusions read them."""

    doc: Doc
    candidate: _Candidate
    lex: FigureLexicons
    first: Token  # the candidate's first token
    before: Token | None
    before2: Token | None  # the token before `before`
    after: Token | None  # the token after the candidate
    previous_identifier: _Candidate | None = None  # the number before, when an identifier exclusion rejected it
    list_markers: frozenset[int] = frozenset()  # starts of the numbers that mark items of a list run into one line
    kind: str | None = None  # the figure's kind and unit, for FIGURE_EXCLUSIONS
    unit: str | None = None

    @classmethod
    def of(
        cls,
        doc: Doc,
        candidate: _Candidate,
        lex: FigureLexicons,
        previous_identifier: _Candidate | None = None,
        list_markers: frozenset[int] = frozenset(),
        kind: str | None = None,
        unit: str | None = None,
    ) -> Near:
        start, end = candidate.start, candidate.end
        before = doc[start - 1] if start > 0 else None
        before2 = doc[start - 2] if start > 1 else None
        after = doc[end] if end < len(doc) else None
        return cls(
            doc, candidate, lex, doc[start], before, before2, after, previous_identifier, list_markers, kind, unit
        )


Exclusion = Callable[[Near], bool]


def clock_time(near: Near) -> bool:
    """ "10.00" alone is a clock time, not ten (a dot and two digits, with no magnitude word)."""
    candidate = near.candidate
    return (
        candidate.kind == "number"
        and not candidate.has_magnitude
        and any(numbers.is_dot_decimal(t.text) for t in near.doc[candidate.start : candidate.end])
    )


def identifier_after_noun(near: Near) -> bool:
    """A number after a noun that names things by number: "Pasal 5", "tanggal 10", "ayat (6)", "(PPh) 22", "no. 16",
    "jam setengah 11"."""
    before = near.before
    if before is None:
        return False
    if before.lower_ in near.lex.identifier_nouns:
        return True
    if (before.text in ("(", ")", ".") or before.lower_ == "setengah") and near.before2 is not None:
        before2 = near.before2
        return before2.lower_ in near.lex.identifier_nouns and (before.text != "." or not before2.whitespace_)
    return False


def identifier_list_continuation(near: Near) -> bool:
    """The rest of a list of identifiers, after an identifier and a comma or conjunction: "lantai 2, 3 dan 4",
    "ayat (2), dan (3)"; not "(SHM No. 10), 2.490 m2"."""
    previous, candidate = near.previous_identifier, near.candidate
    if previous is None or candidate.has_magnitude or candidate.value_max is not None:
        return False
    between = near.doc[previous.end : candidate.start]
    conjunctions = near.lex.list_conjunctions
    return (
        near.first.text.isdigit()
        and any(t.text == "," or t.lower_ in conjunctions for t in between)
        and all(t.is_punct or t.lower_ in conjunctions for t in between)
        and (between[0].text != ")" or between[-1].text == "(")
    )


def inline_list_marker(near: Near) -> bool:
    """The number of an item of a list run into one line, known by its neighbours: "...: 1. Sumatra Utara: 5,32
    persen 2. Aceh: 4,45 persen 3. ..." (FigureFinder._inline_list_markers)."""
    return near.candidate.start in near.list_markers


def _in_brackets(near: Near) -> bool:
    """The number stands alone in brackets after some token, and is no age ("Desi (28)")."""
    return (
        near.before is not None
        and near.before.text == "("
        and near.before2 is not None
        and near.after is not None
        and near.after.text == ")"
        and not is_age(near.doc, near.candidate, near.lex)
    )


def number_in_a_names_brackets(near: Near) -> bool:
    """A number in brackets after a capitalised word is part of a name: "Tipe (2)"."""
    return near.before2 is not None and near.before2.text[:1].isupper() and _in_brackets(near)


def restated_in_words(near: Near) -> bool:
    """A number restated in brackets after itself: "1 (satu)", "14 (empat belas) hari"; one with a magnitude word
    may carry a currency ("Rp1.503.830.065.916 (1,5 triliun)")."""
    return (
        near.before2 is not None and near.before2.like_num and not near.candidate.has_magnitude and _in_brackets(near)
    )


def list_marker_in_brackets(near: Near) -> bool:
    """An inline list marker, a small number alone in brackets: "yaitu (1) program kebijakan fiskal, (2) ..."."""
    candidate, first = near.candidate, near.first
    return (
        candidate.end - candidate.start == 1
        and first.text.isdigit()
        and int(first.text) <= _LAST_LIST_MARKER
        and _in_brackets(near)
    )


def year_cut_short(near: Near) -> bool:
    """A year cut short after an apostrophe: "tahun '98", "dekade '80-an", "era ' 90-an"."""
    return near.before is not None and near.before.text in _APOSTROPHES


def ordinal_written_apart(near: Near) -> bool:
    """An ordinal written apart after a capitalised word: "Presiden ke 7 RI"; not "Bertambah ke 12 desa" (a change
    word or a verb before "ke" says where a figure went)."""
    before, before2 = near.before, near.before2
    return (
        before is not None
        and before.lower_ == "ke"
        and before2 is not None
        and before2.is_title
        and before2.is_alpha
        and not near.candidate.has_magnitude
        and before2.lower_ not in near.lex.change_words
        and not near.lex.looks_like_verb(before2.lower_)
    )


def list_marker_opening_sentence(near: Near) -> bool:
    """A list item's marker opening its sentence, "4." or "4)" before a line break or a new sentence."""
    after, doc = near.after, near.doc
    return bool(
        near.first.is_sent_start
        and after is not None
        and after.text in (".", ")")
        and after.i + 1 < len(doc)
        and (doc[after.i + 1].is_space or doc[after.i + 1].is_sent_start)
    )


def list_marker_glued_to_item_before(near: Near) -> bool:
    """A list item's marker glued to the item before: "Rp 538 miliar10. Kabupaten ..."."""
    before, after, first, candidate, doc = near.before, near.after, near.first, near.candidate, near.doc
    return bool(
        before is not None
        and not before.whitespace_
        and before.text not in ("(", "-", "/")
        and after is not None
        and after.text in (".", ")")
        and after.whitespace_
        and candidate.value_max is None
        and len(first.text) <= 2
        and first.text.isdigit()
        and candidate.end + 1 < len(doc)
        and doc[candidate.end + 1].is_title
    )


def model_or_code_name(near: Near) -> bool:
    """Letters glued after the number make a model or code name: "5G", "80W" (not a unit, a percent word, the "-an"
    of "800an" or a magnitude)."""
    after, lex = near.after, near.lex
    if after is None or near.doc[near.candidate.end - 1].whitespace_ or not after.is_alpha:
        return False
    known = after.lower_ in lex.quantity_units or after.lower_ in lex.percent_words or after.lower_ == "an"
    return not known and lex.numbers.magnitude(after.text) is None


def score_with_hyphen(near: Near) -> bool:
    """ "2-0": a score, which reads as a descending range, so no range joined it."""
    after, doc, end = near.after, near.doc, near.candidate.end
    return (
        after is not None
        and after.text == "-"
        and not after.whitespace_
        and end + 1 < len(doc)
        and doc[end + 1].like_num
    )


def glued_after_hyphen_or_slash(near: Near) -> bool:
    """A number glued after a word by a hyphen or slash: "ke-3", "Covid-19", "0812-3456", the month of "(10/5)"."""
    before, before2 = near.before, near.before2
    return before is not None and before.text in ("-", "/") and before2 is not None and not before2.whitespace_


def blocked_by_next_word(near: Near) -> bool:
    """A word after the number that makes it no figure (number_blockers_after: "1446 H" is a Hijri year, "10 WIB" a
    clock time)."""
    return near.after is not None and near.after.lower_ in near.lex.blockers_after


def generation_or_model_letter(near: Near) -> bool:
    """A capital letter after the number that is no magnitude: a generation or model, "jaringan 4 G", "Windows 10
    S"."""
    after = near.after
    return (
        after is not None
        and len(after.text) == 1
        and after.is_upper
        and after.is_alpha
        and near.lex.numbers.magnitude(after.text) is None
    )


def glued_before_slash_or_colon(near: Near) -> bool:
    """A slash or colon glued after the number: a law's number and year "13/2003", a score "2:1"."""
    after = near.after
    return after is not None and after.text in ("/", ":") and not after.whitespace_


def leading_zero(near: Near) -> bool:
    """Digits that start with a zero are a code or a phone number, not an amount: "0812", "007"."""
    text = near.first.text
    return text.isdigit() and len(text) > 1 and text.startswith("0")


def long_digit_string(near: Near) -> bool:
    """Eight digits or more, not grouped with ".": identifiers such as NIK, account and phone numbers."""
    text = near.first.text
    return text.isdigit() and len(text) >= 8


def year(near: Near) -> bool:
    """A year the date patterns left alone (a law title's "Tahun 2025"): four digits from 1900 to 2099, no
    magnitude word."""
    text = near.first.text
    return text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2099 and not near.candidate.has_magnitude


def inside_capitalised_name(near: Near) -> bool:
    """A number inside a capitalised name: "Grand Tjokro 2", "Satu Pintu". Not the capital of a sentence's first word
    ('"Ada 4 perusahaan'), a noun or unit counted after a name ("Desa Sukamaju 120 KK", "PT Karya Maju satu perkara";
    but "Permendagri 77 tahun 2020" is a name), nor a number in a title-cased headline ("Massa Buruh 4 Perusahaan
    Geruduk ...", "... Ditemukan Mengapung 5 Km dari Lokasi")."""
    candidate, before, after, first, doc, lex = (
        near.candidate,
        near.before,
        near.after,
        near.first,
        near.doc,
        near.lex,
    )
    if candidate.has_magnitude or candidate.value_max is not None or before is None:
        return False
    counted_after = (
        after is not None
        and not after.is_title
        and (
            after.lower_ in lex.count_nouns
            or (after.lower_ in lex.quantity_units and after.lower_ not in lex.time_units)
            or (first.is_alpha and first.is_lower and after.is_lower and after.is_alpha)
        )
    )
    capitalised_before = (
        before.text[:1].isupper() and before.is_alpha and not counted_after and not opens_sentence(doc, before.i)
    )
    capitalised_number = first.is_alpha and first.is_title and not opens_sentence(doc, first.i)
    return (capitalised_before or capitalised_number) and not in_title_cased_headline(doc, candidate.start)


def score(near: Near) -> bool:
    """Two bare numbers glued by a hyphen with nothing counted after them: a score ("dipecundangi 0-4", "skor
    11-21"), not a range ("7-12 tahun", "Rp1-2 juta")."""
    candidate, doc = near.candidate, near.doc
    if near.kind != "count" or near.unit is not None:
        return False
    if candidate.value_max is None or candidate.end - candidate.start != 3:
        return False
    low, hyphen, high = doc[candidate.start : candidate.end]
    return (
        hyphen.text == "-"
        and not low.whitespace_
        and not hyphen.whitespace_
        and low.text.isdigit()
        and high.text.isdigit()
    )


# Tried in order on every matched number as soon as it is read (before ranges are joined).
MATCH_EXCLUSIONS: tuple[Exclusion, ...] = (clock_time,)
# Tried in order on a bare number (kind "number") once ranges are joined; the identifiers come first, as a number
# they reject lets the next one continue a list of identifiers.
NUMBER_EXCLUSIONS: tuple[Exclusion, ...] = (
    identifier_after_noun,
    identifier_list_continuation,
    inline_list_marker,
    number_in_a_names_brackets,
    restated_in_words,
    list_marker_in_brackets,
    year_cut_short,
    ordinal_written_apart,
    list_marker_opening_sentence,
    list_marker_glued_to_item_before,
    model_or_code_name,
    score_with_hyphen,
    glued_after_hyphen_or_slash,
    blocked_by_next_word,
    generation_or_model_letter,
    glued_before_slash_or_colon,
    leading_zero,
    long_digit_string,
    year,
    inside_capitalised_name,
)
_IDENTIFIERS = frozenset({"identifier_after_noun", "identifier_list_continuation"})
# Tried in order on a figure once its kind and unit are known.
FIGURE_EXCLUSIONS: tuple[Exclusion, ...] = (score,)


def exclusion(near: Near, exclusions: tuple[Exclusion, ...] = NUMBER_EXCLUSIONS) -> str | None:
    """The name of the first exclusion that rejects the number, or None when none does."""
    for excludes in exclusions:
        if excludes(near):
            return excludes.__name__
    return None


def opens_sentence(doc: Doc, i: int) -> bool:
    """Token i is its sentence's first word, after nothing but punctuation ('"Ada 4 perusahaan'), or after a full
    stop and quotes that the splitter did not take as a sentence end ('Kranggan.,"Satu kelurahan ...')."""
    if doc[i].is_sent_start:
        return True
    start = sentence_bounds(doc, i)[0]
    j = i - 1
    while j >= start and (doc[j].is_punct or doc[j].is_space):
        if doc[j].text in _SENTENCE_ENDS or doc[j].is_quote:
            return True  # a quotation opens a sentence of its own: 'Kemudian, "Jadi 12 rumah ...'
        j -= 1
    return j < start


def in_title_cased_headline(doc: Doc, i: int) -> bool:
    """Token i is in the headline, and most of the headline's longer words are capitalised."""
    headline = doc._.extract_headline
    if headline is None or not headline.start <= i < headline.end:
        return False
    words = [t for t in headline if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def is_age(doc: Doc, candidate: _Candidate, lex: FigureLexicons) -> bool:
    """An age in brackets or commas after a name or initials: "Desi (28), warga Genteng", "RA (39)",
    "Tersangka MI, 27, kenal dengan korban". A quantity (of years), unit unwritten."""
    start, end = candidate.start, candidate.end
    if end - start != 1 or start < 2 or end >= len(doc):
        return False
    opening = doc[start - 1].text
    if opening not in ("(", ",") or (opening, doc[end].text) not in _AGE_MARKS:
        return False
    name = doc[start - 2]
    text = doc[start].text
    return (
        end - start == 1
        and text.isdigit()
        and not text.startswith("0")
        and int(text) <= _OLDEST_AGE
        and name.is_alpha
        and (name.is_title or (name.is_upper and len(name) <= _LONGEST_INITIALS))
        and name.lower_ not in lex.identifier_nouns
        and name.lower_ not in lex.months
        and name.lower_ not in lex.weekdays
    )


@dataclass(frozen=True)
class _Phrases:
    """The phrase lexicons found in one Doc."""

    idioms: list[tuple[int, int]]  # (start, end) of the phrases whose number is no figure
    qualifier_spans: dict[int, tuple[str, int]]  # by the token after the phrase: (code, first token)
    period_starts: dict[int, list[tuple[str, str, int]]]  # by first token: (period, position, end)


class FigureFinder:
    """The extract_figures component (see module docstring): the Matcher `rules` (label money, percent or number)
    find numbers, read with the word lists of `lexicons`. Keeps no state between Docs."""

    def __init__(self, nlp: Language, lexicons: FigureLexicons, rules: tuple[patterns.Rule, ...]) -> None:
        self.lex = lexicons
        self.matcher = WindowMatcher(nlp, rules)
        self.labels = {rule.id: rule.label for rule in rules}
        # One pass over each Doc for the phrase lexicons, told apart by key: "idiom", "qualifier:<code>",
        # "period:<period>:<position>".
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("idiom", [nlp.make_doc(p) for p in lexicons.not_figures])
        for phrase, code in lexicons.qualifiers.items():
            self.phrases.add(f"qualifier:{code}", [nlp.make_doc(phrase)])
        for phrase, (period, position) in lexicons.periods.items():
            self.phrases.add(f"period:{period}:{position}", [nlp.make_doc(phrase)])

    # -- the component -------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        spans, records = self._find(doc, None)
        for span, record in zip(spans, records, strict=True):
            span._.extract_figure = record
        doc.spans["figures"] = spans
        return doc

    def rejections(self, doc: Doc) -> list[Rejection]:
        """The numbers the rules matched in a Doc that are no figures, in text order, each with the exclusion that
        rejected it. The Doc must have gone through the components before this one (a Doc from the whole pipeline
        will do); it is not changed."""
        rejected: list[Rejection] = []
        self._find(doc, rejected)
        return sorted(rejected, key=lambda rejection: rejection.start)

    def _find(self, doc: Doc, rejected: list[Rejection] | None) -> tuple[list[Span], list[Figure]]:
        """The figures of a Doc, as spans and records; each number dropped is added to `rejected`, when given."""
        phrases = self._phrases(doc)
        found = self._candidates(doc, phrases.idioms, phrases.qualifier_spans, rejected)
        found = self._drop_excluded_numbers(doc, self._join_ranges(doc, found), rejected)
        return self._figures(doc, self._carry_currency(doc, found), phrases, rejected)

    def _phrases(self, doc: Doc) -> _Phrases:
        found: dict[str, list[tuple[list[str], int, int]]] = {"idiom": [], "qualifier": [], "period": []}
        for match_id, start, end in self.phrases(doc):
            kind, *fields = doc.vocab.strings[match_id].split(":")
            found[kind].append((fields, start, end))
        qualifier_spans: dict[int, tuple[str, int]] = {}
        # Longest phrase first, so "di bawah target" wins over "target" ending at the same token.
        for (code,), start, end in sorted(found["qualifier"], key=lambda m: m[1] - m[2]):
            qualifier_spans.setdefault(end, (code, start))
        period_starts: dict[int, list[tuple[str, str, int]]] = {}
        for (period, position), start, end in found["period"]:
            period_starts.setdefault(start, []).append((period, position, end))
        return _Phrases([(start, end) for _, start, end in found["idiom"]], qualifier_spans, period_starts)

    def _reject(self, doc: Doc, candidate: _Candidate, name: str, rejected: list[Rejection] | None) -> None:
        if rejected is not None:
            text = doc[candidate.start : candidate.end].text
            rejected.append(Rejection(text, candidate.start, candidate.end, candidate.rule, name))

    def _drop_excluded_numbers(
        self, doc: Doc, found: list[_Candidate], rejected: list[Rejection] | None
    ) -> list[_Candidate]:
        """The candidates without the bare numbers that NUMBER_EXCLUSIONS reject."""
        kept: list[_Candidate] = []
        previous_identifier = None
        list_markers = self._inline_list_markers(doc, found)
        for candidate in found:
            if candidate.kind != "number":
                previous_identifier = None
                kept.append(candidate)
                continue
            near = Near.of(doc, candidate, self.lex, previous_identifier, list_markers)
            name = exclusion(near, NUMBER_EXCLUSIONS)
            previous_identifier = candidate if name in _IDENTIFIERS else None
            if name is None:
                kept.append(candidate)
            else:
                self._reject(doc, candidate, name, rejected)
        return kept

    # -- finding -------------------------------------------------------------------------------------------------

    def _parse(self, span: Span, rule_id: str) -> _Candidate | None:
        """The value, kind and currency of a matched span, or None when it reads as no number (or money without a
        known currency)."""
        label = self.labels[rule_id]
        number_words = self.lex.numbers
        currency = None
        value = None
        multiplier = Decimal(1)
        has_magnitude = False
        words: list[str] = []
        sign = None
        for token in span:
            digits = numbers.parse_digits(token.text)
            if digits is None and value is None and token.text.startswith(_MINUS_SIGNS):
                digits = numbers.parse_digits(token.text[1:])
                sign = "hyphen" if digits is not None else None
            if digits is None and value is None and label == "money":
                digits = numbers.parse_loose_groups(token.text)  # "Rp 42.12.684": a group mistyped
            if digits is not None and value is None:
                value = digits
                continue
            magnitude = number_words.magnitude(token.text)
            if value is not None and magnitude is not None and not has_magnitude:
                multiplier = magnitude
                has_magnitude = True
                continue
            if number_words.is_number_word(token.text) and value is None:
                words.append(token.text)
        if value is None:
            parsed = number_words.parse_words(words)
            if parsed is None:
                return None
            value = parsed
            has_magnitude = any(number_words.magnitude(w) for w in words)
        if label == "money":
            currency = self._currency(span)
            if currency is None:
                return None
            if not has_magnitude:
                # "Rp1,077", "US$ 1,500": a comma before three digits groups thousands, as in English.
                value = next((v for t in span if (v := numbers.parse_comma_thousands(t.text)) is not None), value)
        value = value * multiplier
        return _Candidate(
            span.start, span.end, label, -value if sign else value, None, currency, has_magnitude, rule_id, sign
        )

    def _currency(self, span: Span) -> str | None:
        lowered = [t.lower_ for t in span]
        if lowered[0] in self.lex.currencies:
            return self.lex.currencies[lowered[0]]
        # Suffix currency: the longest known form starting at the first word after the number.
        doc = span.doc
        for i, token in enumerate(span):
            if token.lower_ in self.lex.currencies or any(
                f.startswith(token.lower_ + " ") for f in self.lex.currencies
            ):
                for length in range(self.lex.longest_currency, 0, -1):
                    words = " ".join(t.lower_ for t in doc[span.start + i : span.start + i + length])
                    if words in self.lex.currencies:
                        return self.lex.currencies[words]
        return None

    def _suffix_currency_end(self, doc: Doc, end: int) -> int:
        """Money written "10 juta dolar AS": extend the span over the whole currency phrase."""
        for length in range(self.lex.longest_currency, 1, -1):
            start = end - 1
            words = " ".join(t.lower_ for t in doc[start : start + length])
            if words in self.lex.currencies and start + length <= len(doc):
                return start + length
        return end

    def _candidates(
        self,
        doc: Doc,
        idioms: list[tuple[int, int]],
        qualifier_spans: dict[int, tuple[str, int]],
        rejected: list[Rejection] | None,
    ) -> list[_Candidate]:
        """The numbers the rules match outside dates, page furniture and idioms, read, signed, and not rejected by
        MATCH_EXCLUSIONS."""
        blocked = bytearray(doc._.extract_furniture)
        for span in doc.spans.get("dates", []):
            blocked[span.start : span.end] = b"\x01" * len(span)
        for start, end in idioms:
            blocked[start:end] = b"\x01" * (end - start)
        spans = []
        for match_id, start, end in self.matcher(doc, blocked):
            if any(blocked[start:end]):
                continue
            rule_id = doc.vocab.strings[match_id]
            if self.labels[rule_id] == "money" and doc[start].lower_ not in self.lex.currencies:
                end = self._suffix_currency_end(doc, end)
            spans.append(Span(doc, start, end, label=rule_id))
        found: list[_Candidate] = []
        for span in filter_spans(spans):
            candidate = self._parse(span, span.label_)
            if candidate is None:
                continue
            name = exclusion(Near.of(doc, candidate, self.lex), MATCH_EXCLUSIONS)
            if name is not None:
                self._reject(doc, candidate, name, rejected)
                continue
            self._sign(doc, candidate, found, qualifier_spans)
            found.append(candidate)
        return found

    def _sign(
        self, doc: Doc, candidate: _Candidate, found: list[_Candidate], qualifier_spans: dict[int, tuple[str, int]]
    ) -> None:
        """Settles the sign of a candidate, `found` being the candidates before it: a glued hyphen opening a line is a
        list item's dash ("\n-5 desa"); a sign word or a minus sign standing before the figure makes it negative."""
        if candidate.sign == "hyphen" and self._line_initial(doc, candidate.start):
            candidate.value, candidate.sign = -candidate.value, None
        elif candidate.sign is None and candidate.start > 0:
            before = doc[candidate.start - 1]
            if self._signed_by_word(before, candidate, found, qualifier_spans):
                candidate.value, candidate.sign = -candidate.value, "word"
            elif self._signed_by_dash(doc, before, candidate, found):
                candidate.value, candidate.sign = -candidate.value, "hyphen"

    def _line_initial(self, doc: Doc, i: int) -> bool:
        return i == 0 or doc[i].is_sent_start or doc[i - 1].is_space or "\n" in doc[i - 1].whitespace_

    def _signed_by_dash(self, doc: Doc, dash_token: Token, candidate: _Candidate, found: list[_Candidate]) -> bool:
        """A minus sign standing alone, glued to the figure: "terkontraksi –3,2 persen", "tercatat -Rp 412 juta".
        Before a currency it is a sign only after a word that introduces a value (sebesar, tercatat, tumbuh,
        menjadi ...), since scraped lists glue their dashes to the items ("meninggal -Rp 15 juta untuk ...")."""
        dash = candidate.start - 1
        if dash_token.text not in _MINUS_SIGNS or dash_token.whitespace_ or self._line_initial(doc, dash):
            return False
        if found and found[-1].end == dash:
            return False  # "Rp 5 juta–Rp 7 juta": a range
        if candidate.kind != "money" or doc[candidate.start].like_num:
            return True
        introducer = doc[dash - 1].lower_
        return (
            introducer in self.lex.fillers
            or introducer in self.lex.change_words
            or introducer in self.lex.cancellers
            or introducer == "("
        )

    def _signed_by_word(
        self, word: Token, candidate: _Candidate, found: list[_Candidate], qualifier_spans: dict[int, tuple[str, int]]
    ) -> bool:
        """ "minus 5,32 persen", "negatif Rp 3 triliun"; not "plus minus 1 persen" (a qualifier phrase ends on the
        word) nor "Rp 10 juta minus Rp 2 juta" (a subtraction: a figure of the same kind ends right before the word;
        "kualitas 2 minus 3,6 persen" is a sign)."""
        if word.lower_ not in self.lex.negative_signs or candidate.start in qualifier_spans:
            return False
        return not (found and found[-1].end == word.i and found[-1].kind == candidate.kind)

    # -- ranges and exclusions -----------------------------------------------------------------------------------

    def _join_ranges(self, doc: Doc, found: list[_Candidate]) -> list[_Candidate]:
        """ "4,8 persen sampai 5,8 persen", "Rp1-2 juta", "Rp15 ribu per liter sampai Rp17 ribu": one figure."""
        joined: list[_Candidate] = []
        for candidate in found:
            previous = joined[-1] if joined else None
            if (
                previous is not None
                and previous.value_max is None
                and candidate.sign == "hyphen"
                and candidate.start == previous.end
                and candidate.kind in (previous.kind, "number")
            ):
                # "Rp 15.000 -20.000", "8 -12": the glued hyphen joins a range, it is no minus sign.
                candidate.value, candidate.sign = -candidate.value, None
                joined[-1] = _Candidate(
                    previous.start,
                    candidate.end,
                    previous.kind,
                    previous.value,
                    candidate.value,
                    previous.currency,
                    candidate.has_magnitude,
                    f"{previous.rule}+range",
                    previous.sign,
                )
                continue
            if previous is not None and previous.value_max is None and self._is_range(doc, previous, candidate):
                low = previous.value
                if self._shares_magnitude(doc, previous, candidate):
                    low = low * self._magnitude_of(doc, candidate)
                kind = candidate.kind if previous.kind == "number" else previous.kind
                joined[-1] = _Candidate(
                    previous.start,
                    candidate.end,
                    kind,
                    low,
                    candidate.value,
                    previous.currency or candidate.currency,
                    candidate.has_magnitude,
                    f"{previous.rule}+range",
                    previous.sign,
                )
                continue
            joined.append(candidate)
        return joined

    def _shares_magnitude(self, doc: Doc, low: _Candidate, high: _Candidate) -> bool:
        """ "Rp1-2 juta", "Rp1 sampai Rp2 triliun": the low end borrows the magnitude; "Rp12.500 sampai Rp13 ribu" is
        complete as written (12.500 is more than 13)."""
        if low.has_magnitude or not high.has_magnitude or low.kind == "percent":
            return False
        return low.value <= high.value / self._magnitude_of(doc, high)

    def _magnitude_of(self, doc: Doc, candidate: _Candidate) -> Decimal:
        for token in doc[candidate.start : candidate.end]:
            magnitude = self.lex.numbers.magnitude(token.text)
            if magnitude is not None and numbers.parse_digits(token.text) is None:
                return magnitude
        return Decimal(1)

    def _is_range(self, doc: Doc, low: _Candidate, high: _Candidate) -> bool:
        """Two figures that make one range: a range word between them, ascending values, kinds that agree."""
        return self._linked_as_range(doc, low, high) and self._range_ends_agree(doc, low, high)

    def _linked_as_range(self, doc: Doc, low: _Candidate, high: _Candidate) -> bool:
        """A range word, or "dan" after "antara", stands between the figures, with at most a rate and its noun before
        it ("Rp15 ribu per liter sampai Rp17 ribu") and a sign word after it ("minus 2 hingga minus 1 persen")."""
        if high.start - low.end > 3:
            return False  # at most "per liter sampai" stands between the ends of a range
        between = [t.lower_ for t in doc[low.end : high.start]]
        if high.sign == "word":
            between = between[:-1]  # "minus 2 hingga minus 1 persen"
        if between[:1] == ["per"] and len(between) == 3:
            between = between[2:]  # "Rp15 ribu per liter sampai Rp17 ribu"
        if between == ["dan"]:
            opener = doc[low.start - 1].lower_ if low.start > 0 else ""
            if opener != "antara":
                return False  # "antara 5 dan 7 persen"
        elif " ".join(between) not in self.lex.range_words:  # one word, or "sampai dengan"
            return False
        return True

    def _range_ends_agree(self, doc: Doc, low: _Candidate, high: _Candidate) -> bool:
        """The ends of a range ascend and are of kinds that go together (a bare number takes the other's kind)."""
        if high.value <= low.value and not (low.kind == "money" and not low.has_magnitude and high.has_magnitude):
            return False  # "2-0" is a score; "Rp1-2 juta" only reads as ascending once "juta" is shared
        if low.kind == "number":
            return high.kind in ("number", "percent", "money") and not (low.has_magnitude and high.kind == "percent")
        if low.kind == "money":
            # "Rp1-2 juta" shares the magnitude; "Rp2.600 hingga 2.700" leaves the currency unwritten.
            return (high.kind == "money" and high.currency == low.currency) or (
                high.kind == "number" and not low.has_magnitude and (high.has_magnitude or "." in doc[high.start].text)
            )
        return high.kind == low.kind

    def _inline_list_markers(self, doc: Doc, found: list[_Candidate]) -> frozenset[int]:
        """Starts of the numbers that number the items of a list run into one line, known by their neighbours:
        "...: 1. Sumatra Utara: 5,32 persen 2. Aceh: 4,45 persen 3. ..." (a bare "12." alone may end a sentence)."""
        by_number: dict[int, list[int]] = {}
        for candidate in found:
            if candidate.kind != "number" or candidate.end - candidate.start != 1 or candidate.has_magnitude:
                continue
            text = doc[candidate.start].text
            if (
                text.isdigit()
                and len(text) <= 2
                and candidate.end < len(doc)
                and (
                    doc[candidate.end].text == "."
                    or (
                        doc[candidate.end].text == ")" and doc[max(candidate.start - 1, 0)].text != "("
                    )  # "2)", not "(39)"
                )
            ):
                by_number.setdefault(int(text), []).append(candidate.start)
        return frozenset(
            start
            for number, starts in by_number.items()
            for start in starts
            if any(
                abs(other - start) <= _LIST_ITEM_SPAN
                for neighbour in (number - 1, number + 1)
                for other in by_number.get(neighbour, ())
            )
        )

    # -- attributes ----------------------------------------------------------------------------------------------

    def _quantity_unit(self, doc: Doc, start: int) -> str | None:
        for length in range(self.lex.longest_quantity_unit, 0, -1):
            if start + length > len(doc):
                continue
            words = " ".join(t.lower_ for t in doc[start : start + length])
            if words in self.lex.quantity_units:
                return words
        return None

    def _count_unit(self, doc: Doc, start: int) -> str | None:
        """The counted noun from token `start` on, up to three words ("orang", "kepala keluarga"); a capitalised
        noun takes one more capitalised word and ends there ("18 Peraturan Daerah")."""
        furniture = doc._.extract_furniture
        words: list[Token] = []
        i = start
        while i < len(doc) and len(words) < _MAX_UNIT_WORDS and not self._ends_count_unit(doc, i, words, furniture):
            token = doc[i]
            words.append(token)
            i += 1
            if token.is_title and not token.is_upper and len(words) == 1:
                if (
                    i < len(doc)
                    and doc[i].is_title
                    and doc[i].is_alpha
                    and doc[i].lower_ not in self.lex.unit_stopwords
                ):
                    words.append(doc[i])  # "18 Peraturan Daerah"
                    i += 1
                break
        if not words:
            return None
        return " ".join(t.lower_ for t in words)

    def _ends_count_unit(self, doc: Doc, i: int, words: list[Token], furniture: bytes) -> bool:
        """Token i is no part of the counted noun `words`: no word, a sentence's first, page furniture, a stop word,
        a month or weekday, a number word, a change word or a single letter; a capitalised word after a lower-case
        noun ("jiwa penduduk Indonesia": a name) or a verb after the noun."""
        token = doc[i]
        lower = token.lower_
        lex = self.lex
        return bool(
            not token.is_alpha
            or token.is_sent_start
            or furniture[i]
            or lower in lex.unit_stopwords
            or lower in lex.months
            or lower in lex.weekdays
            or lex.numbers.is_number_word(lower)
            or lower in lex.change_words
            or (words and token.is_title and not words[-1].is_title)
            or (words and lex.looks_like_verb(lower))
            or len(lower) < 2
        )

    def _qualifier_before(
        self, doc: Doc, candidate: _Candidate, qualifier_spans: dict[int, tuple[str, int]]
    ) -> tuple[str, int] | None:
        """(code, start) of the qualifier phrase before a figure, over its sign and up to two fillers ("hingga minus
        4 derajat", "setidaknya sejumlah Rp 2 miliar")."""
        position = candidate.start - (candidate.sign == "word")
        skipped = 0
        while position > 0 and doc[position - 1].lower_ in self.lex.fillers and skipped < 2:
            position -= 1
            skipped += 1
        return qualifier_spans.get(position)

    def _qualifier(self, doc: Doc, candidate: _Candidate, before: tuple[str, int] | None) -> str | None:
        """`before`: the qualifier phrase before the figure (_qualifier_before)."""
        after = self._after_approximate_suffix(doc, candidate.end)  # "100 an lebih"
        # "35 juta lebih" is more than 35 million; "lebih" opening a comparison ("3 orang lebih banyak") is not.
        more_after = (
            after < len(doc)
            and doc[after].lower_ == "lebih"
            and (after + 1 >= len(doc) or doc[after + 1].lower_ not in self.lex.comparison_words)
        )
        if before is not None and not (more_after and before[0] == "approx"):
            return before[0]  # but "berkisar Rp 70 ribu lebih" is more than 70 thousand
        if more_after:
            return "gt"  # "35 juta lebih"
        if after > candidate.end:
            return "approx"  # "800an massa", "3.000-an buruh"
        if candidate.has_magnitude and any(
            t.lower_ in self.lex.approximate_magnitudes for t in doc[candidate.start : candidate.end]
        ):
            return "approx"  # "3 jutaan"
        return None

    def _change(
        self,
        doc: Doc,
        candidate: _Candidate,
        kind: str,
        unit: str | None,
        previous: tuple[_Candidate, str | None, str] | None,
        qualifier: tuple[str, int] | None,
    ) -> str | None:
        """The direction (up, down) of the change a figure is the size of, or None: a change noun right after it, else
        the nearest change word before it in its clause (`previous`: the figure before, its change and kind;
        `qualifier`: the qualifier phrase before it, from _qualifier_before)."""
        if kind == "quantity" and unit in self.lex.time_units:
            return None  # a duration is not the size of a change
        after = self._change_after(doc, candidate)
        if after is not None:
            return after
        start, stop = self._change_window(doc, candidate, kind, qualifier)
        return self._change_before(doc, kind, previous, start, stop)

    def _change_window(
        self, doc: Doc, candidate: _Candidate, kind: str, qualifier: tuple[str, int] | None
    ) -> tuple[int, int]:
        """The tokens searched for a change word: from start - 1 back to stop, exclusive. The change word stands
        before the figure's qualifier ("naik sekitar 15.800 orang"), whose own "dari" ("kenaikan iuran lebih dari 300
        persen") cancels nothing. The window of a count (one word: "bertambah 46 unit") starts before the qualifier;
        the wider one of the other kinds is not widened by it."""
        window = 1 if kind == "count" else _CHANGE_WINDOW
        origin = candidate.start - (candidate.sign == "word")
        while origin > 0 and doc[origin - 1].lower_ in self.lex.fillers:
            origin -= 1
        start = min(origin, qualifier[1]) if qualifier is not None else origin
        while start > 0 and doc[start - 1].lower_ in self.lex.fillers:
            start -= 1
        limit = (start if kind == "count" else origin) - 1 - window
        return start, max(limit, -1)

    def _change_before(
        self, doc: Doc, kind: str, previous: tuple[_Candidate, str | None, str] | None, start: int, stop: int
    ) -> str | None:
        """The change word nearest before the figure, read backwards within the window and the clause. Reaching the
        figure before, of the same kind, gives its change ("naik 5 persen dan 3 persen"); a canceller passed on the way
        ("menjadi", "ke", "dari": the level reached) cancels a change; a growth rate belongs to the figure right after
        it only; a change word that never stands before a count ("menambah satu kantor") gives none."""
        cancelled = passed_figure = False
        for i in range(start - 1, stop, -1):
            token = doc[i]
            if token.text in _CLAUSE_BREAKS or token.is_space:
                break
            if previous is not None and previous[0].start <= i < previous[0].end:
                _, prev_change, prev_kind = previous
                if prev_kind == kind:
                    return None if cancelled else prev_change
                passed_figure = True
                continue
            if token.lower_ in self.lex.cancellers:
                cancelled = True
            entry = self.lex.change_words.get(token.lower_)
            if entry is not None:
                if kind == "count" and entry.counts == "no":
                    return None
                if entry.kind == "rate":
                    # A growth rate is the figure right after it, not one after another figure
                    # ("pertumbuhan 5,7 persen serta ... laba bersih menjadi Rp 408 miliar").
                    return None if passed_figure else entry.direction
                return None if cancelled else entry.direction
            if token.is_sent_start:
                break
        return None

    def _change_after(self, doc: Doc, candidate: _Candidate) -> str | None:
        """A change noun right after the figure, or after its bracketed equivalent: "US$1 (Rp15 ribu) kenaikan"."""
        i = candidate.end
        if i < len(doc) and doc[i].text == "(":
            closing = next((j for j in range(i + 1, min(i + 8, len(doc))) if doc[j].text == ")"), None)
            if closing is None:
                return None
            i = closing + 1
        elif i < len(doc) and doc[i].text == ")":
            i += 1
        if i < len(doc):
            return self.lex.change_nouns_after.get(doc[i].lower_)
        return None

    def _period(
        self,
        doc: Doc,
        candidate: _Candidate,
        next_start: int,
        period_starts: dict[int, list[tuple[str, str, int]]],
        quantity_unit: str | None,
    ) -> str | None:
        """The period a figure is a rate over (day, week, month, year), or None: a rate phrase after it, else a
        frequency adverb before it in its sentence. `quantity_unit`: the unit, when the figure is a quantity."""
        after = self._rate_after(doc, candidate, next_start, period_starts, quantity_unit)
        if after is not None:
            return after
        return self._frequency_before(doc, candidate, period_starts, quantity_unit)

    def _rate_after(
        self,
        doc: Doc,
        candidate: _Candidate,
        next_start: int,
        period_starts: dict[int, list[tuple[str, str, int]]],
        quantity_unit: str | None,
    ) -> str | None:
        """A rate phrase shortly after the figure, in its clause and before the next figure ("Rp 22 juta per bulan",
        "6.000 ton bijih per hari")."""
        for i in range(candidate.end, min(candidate.end + _PERIOD_WINDOW, next_start, len(doc))):
            if i == candidate.end and quantity_unit is not None and doc[i].lower_ == quantity_unit:
                continue  # "lima tahunan": the unit of a quantity, not a rate
            if period_starts.get(i):
                return period_starts[i][0][0]
            if i == candidate.end and doc[i].text == "(":
                continue  # "2,61% (yoy)"
            if doc[i].text in _CLAUSE_BREAKS or doc[i].is_space:
                break
        return None

    def _frequency_before(
        self,
        doc: Doc,
        candidate: _Candidate,
        period_starts: dict[int, list[tuple[str, str, int]]],
        quantity_unit: str | None,
    ) -> str | None:
        """A frequency adverb earlier in the sentence, the nearest ("Setiap hari, pelabuhan itu melayani 1.500
        penumpang"; "inflasi yoy 2,1 persen dan mtm 0,3 persen"); not for a duration ("disalurkan setiap tiga bulan
        sekali", "meningkat dua pekan terakhir ini"), which the annotation leaves without a rate."""
        if quantity_unit in self.lex.time_units:
            return None
        sentence_start = sentence_bounds(doc, candidate.start)[0]
        for i in range(candidate.start - 1, sentence_start - 1, -1):
            for period, position, phrase_end in period_starts.get(i, []):
                if position == "both" and phrase_end <= candidate.start:
                    return period
        return None

    # -- figures -------------------------------------------------------------------------------------------------

    def _figures(
        self, doc: Doc, found: list[_Candidate], phrases: _Phrases, rejected: list[Rejection] | None
    ) -> tuple[list[Span], list[Figure]]:
        """The spans and records of the candidates that FIGURE_EXCLUSIONS keep, with their attributes."""
        spans: list[Span] = []
        records: list[Figure] = []
        previous: tuple[_Candidate, str | None, str] | None = None  # the figure before: its change and kind
        for index, candidate in enumerate(found):
            next_start = found[index + 1].start if index + 1 < len(found) else len(doc)
            kind, unit = self._kind_and_unit(doc, candidate)
            name = exclusion(Near.of(doc, candidate, self.lex, kind=kind, unit=unit), FIGURE_EXCLUSIONS)
            if name is not None:
                self._reject(doc, candidate, name, rejected)
                continue
            if kind == "count" and candidate.sign is not None:
                # No count is negative: "negatif 20 orang" tested negative, "-12 desa" is a list item's dash.
                candidate.value = abs(candidate.value)
                candidate.value_max = abs(candidate.value_max) if candidate.value_max is not None else None
            span = Span(doc, candidate.start, candidate.end, label=kind)
            qualifier = self._qualifier_before(doc, candidate, phrases.qualifier_spans)
            change = self._change(doc, candidate, kind, unit, previous, qualifier)
            if change == "up" and candidate.value < 0:
                change = "down"  # "tumbuh minus 5,32 persen" is a contraction
            previous = (candidate, change, kind)
            period_unit = unit if kind == "quantity" else None
            record = Figure(
                kind=kind,
                value=candidate.value,
                value_max=candidate.value_max,
                unit=unit,
                qualifier=self._qualifier(doc, candidate, qualifier),
                change=change,
                period=self._period(doc, candidate, next_start, phrases.period_starts, period_unit),
                text=span.text,
                char_start=span.start_char,
                char_end=span.end_char,
                sentence=sentence_text(doc, span.start),
                rule=candidate.rule,
            )
            if records and self._restates(doc, spans[-1], records[-1], span, record):
                records[-1] = replace(records[-1], period=record.period)
            spans.append(span)
            records.append(record)
        return spans, records

    def _restates(self, doc: Doc, previous_span: Span, previous: Figure, span: Span, record: Figure) -> bool:
        """ "1 persen atau 7 kabupaten/kota per tahun": a figure restated after "atau" shares its rate with the
        figure before."""
        return (
            previous.period is None
            and record.period is not None
            and previous_span.end + 1 == span.start
            and doc[previous_span.end].lower_ == "atau"
        )

    def _carry_currency(self, doc: Doc, found: list[_Candidate]) -> list[_Candidate]:
        """A number with a magnitude word or thousands groups right after a money figure, linked by "menjadi", "(",
        "," ..., carries its currency unwritten: "dari Rp 581 miliar menjadi 425 miliar", "Rp1.503.830.065.916 (1,5
        Triliun)", "mulai Rp 50.000, 75.000, hingga 100.000"."""
        for previous, candidate in pairwise(found):
            money_sized = candidate.has_magnitude or "." in doc[candidate.start].text  # "75.000", not "12"
            if candidate.kind != "number" or not money_sized or previous.kind != "money":
                continue
            between = doc[previous.end : candidate.start]
            if not 0 < len(between) <= 2 or any(t.lower_ not in self.lex.elided_currency_links for t in between):
                continue
            after = doc[candidate.end] if candidate.end < len(doc) else None
            if after is not None and after.is_alpha and after.lower_ not in self.lex.unit_stopwords:
                continue  # "Rp 5 miliar dan 20 juta orang": a count
            candidate.kind, candidate.currency = "money", previous.currency
        return found

    def _kind_and_unit(self, doc: Doc, candidate: _Candidate) -> tuple[str, str | None]:
        """The figure's kind (money, percent, quantity, count) and unit: money keeps its currency, a percentage is
        "%" (or a quantity of percentage points), an age is a quantity with its unit unwritten, and a bare number
        takes the unit after it."""
        if candidate.kind == "money":
            return "money", candidate.currency
        if candidate.kind == "percent":
            return self._percent_kind(doc, candidate)
        if is_age(doc, candidate, self.lex):
            return "quantity", None
        return self._unit_after(doc, candidate)

    def _percent_kind(self, doc: Doc, candidate: _Candidate) -> tuple[str, str | None]:
        if candidate.end < len(doc):
            unit = f"{doc[candidate.end - 1].lower_} {doc[candidate.end].lower_}"
            if unit in self.lex.quantity_units:
                return "quantity", unit  # "0,11 persen poin": a difference of percentages
        return "percent", "%"

    def _unit_after(self, doc: Doc, candidate: _Candidate) -> tuple[str, str | None]:
        """A bare number's kind and unit: a quantity unit after it ("5 ton") makes a quantity, unless it classifies a
        counted noun ("tiga poin tuntutan"); any other noun is what it counts."""
        start = self._after_approximate_suffix(doc, self._after_restatement(doc, candidate.end))
        if start < len(doc) and doc[start].lower_ == "lebih" and start + 1 < len(doc) and doc[start + 1].is_alpha:
            start += 1  # "35 juta lebih keluarga penerima manfaat"
        quantity = self._quantity_unit(doc, start)
        if quantity is not None:
            noun = start + len(quantity.split())
            if (
                quantity in self.lex.count_classifier_units
                and noun < len(doc)
                and doc[noun].lower_ in self.lex.count_classifier_nouns
            ):
                return "count", self._count_unit(doc, start)  # "tiga poin tuntutan"
            return "quantity", quantity
        return "count", self._count_unit(doc, start)

    def _after_approximate_suffix(self, doc: Doc, end: int) -> int:
        """After the "-an" that makes a number approximate ("800an massa", "3.000-an buruh", "100 an lebih")."""
        if end >= len(doc):
            return end
        token = doc[end]
        if token.lower_ == "an":
            return end + 1
        if token.text == "-" and not token.whitespace_ and end + 1 < len(doc) and doc[end + 1].lower_ == "an":
            return end + 2
        return end

    def _after_restatement(self, doc: Doc, end: int) -> int:
        """Where the unit of a number starts when the number is restated in brackets: "14 (empat belas) hari"."""
        if end >= len(doc) or doc[end].text != "(":
            return end
        for i in range(end + 1, min(end + 2 + _MAX_RESTATEMENT_WORDS, len(doc))):
            if doc[i].text == ")":
                return i + 1 if i > end + 1 else end
            if not (self.lex.numbers.is_number_word(doc[i].text) or doc[i].like_num):
                return end
        return end


@Language.factory("extract_figures")
def make_figures(nlp: Language, name: str) -> FigureFinder:
    """Money, percentages, counts and quantities found by the patterns in patterns/figures.jsonl, read with the
    lexicons the module docstring lists."""
    return FigureFinder(nlp, FigureLexicons.load(), patterns.rules("figures"))
