"""What each figure is about: the measure, the time and the region it holds for (ANNOTATION.md v3).

Each is read from the figure's own sentence and left empty when the sentence does not say:
- measure: the noun phrase the number is an amount, share, count or size of ("pencairan klaim sebesar Rp3,4
  triliun" -> "pencairan klaim"), from the first of the steps of MEASURE_STEPS that finds one, each with its reason;
- time: the value of the date expression of the sentence that says when the figure holds, not the day a statement
  was made, the base of a comparison or the start of a "sejak" span;
- region: the place the figure holds for, as written ("di Kalimantan Timur", "APBD Sulbar"), not the venue of an
  event or a place in a person's title; with its canonical name where the regions lexicon knows it.

Reads patterns/lexicons/measure_links.txt (words between a measure and its number), measure_stops.txt (words a
measure never holds), measure_determiners.txt, copulas.txt, not_verbs.txt, generic_count_units.txt,
time_blockers.txt, time_prepositions.txt, venue_words.txt, region_prefixes.tsv, regions.tsv, organisations.tsv and
organisation_prefixes.txt, frame_words.tsv (function words by role), and the qualifier, change-word, verb-prefix,
currency, speech-verb, negation, number-word, ordinal, part-of-day, title and title-modifier lexicons.

The steps read per-token facts computed once per article from the tokens' lower-case forms (a vectorised test per
word list, and one test per distinct word for the rest), so that the component costs little beside the others.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extract import patterns
from extract.doc import sentence_bounds, text_of
from extract.mentions import mention_spans
from extract.schema import Figure

_MAX_MEASURE_WORDS = 6
MAX_REGION_DISTANCE = 20  # tokens: a place further from the figure in a long sentence is rarely its region
_MAX_REMEMBERED = 200_000


@dataclass(frozen=True)
class When:
    """A date of the article, as the time step reads it."""

    start: int  # token indices
    end: int
    value: str | None
    day_like: bool  # a day, or a weekday with its date in brackets: maybe the day a statement was made


@dataclass(frozen=True)
class Place:
    start: int  # token indices
    end: int
    text: str
    canonical: str | None
    level: int = 0  # how large: 1 RT, 2 RW, 3 village ... 5 regency or city, 6 province, 7 island, 8 country; 0 unknown
    home: bool = False  # the home country ("Indonesia", "nasional"): the figure holds nationwide, no region


# How large a place of each kind of regions.tsv is (a place followed by a larger one, "Kabupaten Sleman, Daerah
# Istimewa Yogyakarta", is located by it).
_KIND_LEVELS = {"regency": 5, "city": 5, "province": 6, "island": 7, "country": 8}
_PREFIX_LEVELS = {"rt": 1, "rw": 2, "village": 3, "district": 4, "regency": 5, "province": 6}
_HOME_LEVEL = 8
_NUMBERED_LEVELS = (1, 2)  # the units named by a number ("RT 03, RW 05")

# What a place is to a figure, besides a candidate for its region (FrameFinder._standing).
_NOT_ITS = 0  # not the figure's place: a venue, where a statement was made, a place in someone else's title
_MAY_BE = 1
_SPEAKERS = 2  # the office of the person who states the figure: its region only when no other place says it


@dataclass(frozen=True)
class FrameLexicons:
    """The word lists the frame steps read, loaded once when the component is built."""

    links: frozenset[str]
    phase_words: frozenset[str]  # tahap, termin, fase: a part of what is measured, skipped with its ordinal
    time_units: frozenset[str]
    ordinal_words: frozenset[str]
    number_words: frozenset[str]
    parts_of_day: frozenset[str]
    title_words: frozenset[str]  # the first words of titles (Ketua, Kepala, Direktur): a person's, never a measure
    change_nouns: frozenset[str]  # pertumbuhan, kenaikan: skipped next to a number, kept inside a measure
    copulas: frozenset[str]
    stops: frozenset[str]
    determiners: frozenset[str]
    generic_units: frozenset[str]
    time_blockers: frozenset[str]
    speech_words: frozenset[str]
    time_prepositions: frozenset[str]
    venue_words: frozenset[str]
    region_prefixes: frozenset[str]
    place_names: frozenset[str]  # the region prefixes that are part of a place's name (Kota, Kabupaten, Desa)
    prefix_levels: dict[str, int]  # region prefix -> how large the place it opens is (rt 1 ... provinsi 6)
    levels: dict[str, int]  # lower-case place name or alias -> how large the place is (_KIND_LEVELS)
    home_forms: frozenset[str]  # the home country's names as written ("Indonesia", "NKRI")
    national_words: frozenset[str]  # "nasional": the figure holds for the whole country
    territorial_titles: frozenset[str]  # "bupati", "kapolres", "sekretaris daerah": followed by the place they govern
    one_word_titles: frozenset[str]  # one-word titles, lower case ("kepala", "ketua", "bupati")
    title_openers: frozenset[str]  # "selaku": opens a person's title
    title_joiners: frozenset[str]  # lower-case words inside a title or a name ("Kepala Bagian Umum pada Sekretariat")
    comparison_scopes: frozenset[str]  # "tertinggi", "terendah": "di X" after them is what a figure is compared within
    verb_prefixes: tuple[str, ...]
    not_verbs: frozenset[str]
    canonical: dict[str, str]  # lower-case place name or alias -> canonical name
    home: frozenset[str]  # the home country's names (regions.tsv kind "home"), never a figure's region
    currency_words: frozenset[str]  # "dolar" of "dolar AS": a place inside a currency's name is no region
    roles: dict[str, frozenset[str]]  # frame_words.tsv: the function words, by role (clause_break, conjunction ...)
    place_forms: frozenset[str]  # every name and alias of a place, as written and capitalised
    organisation_names: frozenset[str]  # names, aliases and prefixes of organisations

    @classmethod
    def load(cls) -> FrameLexicons:
        qualifier_words = {word for phrase in patterns.words("qualifiers") for word in phrase.split()}
        change_words = patterns.words("change_words")
        canonical: dict[str, str] = {}
        levels: dict[str, int] = {}
        home: set[str] = set()
        home_forms: set[str] = set()
        place_forms: set[str] = set()
        for entry in patterns.lexicon("regions"):
            forms = [entry.key, *(alias.strip() for alias in entry["aliases"].split(";") if alias.strip())]
            if entry["kind"] == "home":
                # The country the news is from: a figure's region is a place within it, or abroad.
                home.add(entry.key)
                home_forms.update(forms)
                continue
            for form in forms:
                canonical.setdefault(form.lower(), entry.key)
                levels.setdefault(form.lower(), _KIND_LEVELS.get(entry["kind"], 0))
                place_forms.add(form)
                place_forms.add(" ".join(word[:1].upper() + word[1:] for word in form.split()))
        nouns_too = patterns.words("office_words")  # "klaim" tags a quote and is a noun ("pencairan klaim")
        roles: dict[str, set[str]] = defaultdict(set)
        for entry in patterns.lexicon("frame_words"):
            roles[entry["role"]].add(entry.key)
        organisation_names = {entry.key for entry in patterns.lexicon("organisations")}
        organisation_names |= {
            alias.strip() for entry in patterns.lexicon("organisations") for alias in entry["aliases"].split(";")
        } - {""}
        organisation_names |= {entry.key for entry in patterns.lexicon("organisation_prefixes")}
        return cls(
            links=patterns.words("measure_links")
            | qualifier_words
            | change_words
            | patterns.words("qualifier_fillers"),
            # The nouns among the change words (pertumbuhan, pemangkasan, kenaikan, efisiensi, kontraksi) can be what
            # a figure measures; the verbs (naik, meningkat, dipangkas, menaikkan) never are.
            change_nouns=frozenset(
                w
                for w in change_words
                if (w.endswith("an") and (not w.endswith("kan") or w.startswith(("ke", "pe")))) or w.endswith("si")
            ),
            phase_words=patterns.words("phase_words"),
            time_units=patterns.words("time_units"),
            ordinal_words=patterns.words("ordinals"),
            number_words=patterns.words("number_words") | patterns.words("ordinals"),
            parts_of_day=patterns.words("parts_of_day"),
            title_words=frozenset(
                entry.key.split()[0].lower() for entry in patterns.lexicon("titles") if entry.key[:1].isupper()
            )
            | patterns.words("title_modifiers"),  # "Mantan Bendahara Umum ..."
            stops=patterns.words("measure_stops") | patterns.words("negations"),
            copulas=patterns.words("copulas"),
            determiners=patterns.words("measure_determiners"),
            generic_units=patterns.words("generic_count_units"),
            time_blockers=patterns.words("time_blockers"),
            speech_words=frozenset(
                entry.key.lower()
                for entry in patterns.lexicon("speech_verbs")
                if " " not in entry.key and entry.key.lower() not in nouns_too
            ),
            time_prepositions=patterns.words("time_prepositions"),
            venue_words=patterns.words("venue_words"),
            region_prefixes=patterns.words("region_prefixes"),
            place_names=frozenset(
                e.key.lower() for e in patterns.lexicon("region_prefixes") if e["part_of_name"] == "yes"
            ),
            prefix_levels={
                e.key.lower(): _PREFIX_LEVELS.get(e["level"], 0) for e in patterns.lexicon("region_prefixes")
            },
            levels=levels,
            home_forms=frozenset(home_forms),
            national_words=patterns.words("national_words"),
            territorial_titles=patterns.words("territorial_titles"),
            one_word_titles=frozenset(
                entry.key.lower() for entry in patterns.lexicon("titles") if " " not in entry.key
            ),
            title_openers=patterns.words("title_openers"),
            title_joiners=patterns.words("title_joiners"),
            comparison_scopes=patterns.words("comparison_scopes"),
            verb_prefixes=tuple(sorted(patterns.words("verb_prefixes"), key=len, reverse=True)),
            not_verbs=patterns.words("not_verbs"),
            canonical=canonical,
            home=frozenset(home),
            currency_words=frozenset(
                word for entry in patterns.lexicon("currencies") for word in entry.key.lower().split()
            ),
            roles={role: frozenset(words) for role, words in roles.items()},
            place_forms=frozenset(place_forms),
            organisation_names=frozenset(organisation_names),
        )

    def is_verb(self, word: str) -> bool:
        """A verb by its affixes: a verb prefix (mencatat, diberikan, ditahan, bertambah, terdaftar; not ber-...-an),
        or the suffix -kan on a word without a noun prefix (alokasikan, but not pendidikan or kebijakan: pe-, ke-
        and -an around a root ending in k). The nouns a measure is made of rarely have them; not_verbs.txt lists
        those that do (direktur, tersangka, bersubsidi)."""
        if not word.islower() or word in self.not_verbs:
            return False
        if len(word) > 5 and word.startswith(self.verb_prefixes):
            # ber-...-an often qualifies a noun ("transaksi berjalan", "pembangunan berkelanjutan").
            return not (word.startswith("ber") and word.endswith("an") and not word.endswith("kan"))
        return len(word) >= 7 and word.endswith("kan") and not word.startswith(("pe", "ke"))

    def is_speech(self, word: str) -> bool:
        return word in self.speech_words or word.removesuffix("nya") in self.speech_words

    def may_be_in_measure(self, word: str, text: str) -> bool:
        """Whether a word, by itself, can be part of a measure: a word (not a number or a symbol), not a function
        word, link, word of saying or verb, not a word with the pronoun -nya ("nilainya"), not a fragment of a word
        split by the scraper ("kan")."""
        if not (text.isalpha() or ("-" in text and text.replace("-", "").isalpha())):
            return False
        if len(text) < 3 and not text.isupper():
            return False
        if word in self.stops or (word in self.links and word not in self.change_nouns) or self.is_speech(word):
            return False
        if word.endswith("nya") and len(word) > 4:
            return self.is_possessed_noun(word, text)
        if word.endswith("lah") and self.is_verb(word[:-3]):
            return False  # "katakanlah", "bayangkanlah": a verb with the particle -lah
        return not self.is_verb(word)

    def is_possessed_noun(self, word: str, text: str) -> bool:
        """A noun with the pronoun -nya is what is measured as written ("total klaimnya mencapai", "realisasinya",
        "jumlah penggunanya", "CT-nya"); not an adverb made with se-...-nya ("sebelumnya", "setidaknya") or listed
        in measure_stops.txt ("biasanya", "akhirnya", "lainnya"), nor a determiner's ("jumlahnya", "nilainya"), nor
        a verb's ("disampaikannya")."""
        stem, stem_text = word[:-3].rstrip("-"), text[:-3].rstrip("-")
        if word.startswith("se") or stem in self.determiners or not stem:
            return False
        return self.may_be_in_measure(stem, stem_text)


@dataclass
class Words:
    """Facts about every token of one article, as plain lists (indexing them is far cheaper than making Tokens)."""

    lower_array: numpy.ndarray  # the same, for vectorised tests
    lower: list[int]  # the lower-case form's hash: lexicon tests are set lookups of integers
    noun: list[bool]  # may be part of a measure, by the word alone
    upper: list[bool]  # begins with a capital
    owned: list[bool]  # part of a figure (number, magnitude, unit, "per liter") or of a date
    dated: list[bool]  # part of a date
    place: list[bool]  # part of a place name
    who: list[bool]  # part of a person's mention or an organisation's name
    person: list[bool]  # part of a person's mention

    def can_measure(self, i: int) -> bool:
        return self.noun[i] and not (self.owned[i] or self.who[i])


@dataclass(frozen=True)
class Context:
    """What the steps know of a figure: its sentence's first token, and (end, measure) of the figure before it in
    the sentence."""

    first: int
    before: tuple[int, str | None] | None
    before_link: int | None = None  # the linking word right before that figure ("sejumlah"), if one stands there
    before_kind: str | None = None  # that figure's kind
    before_start: int | None = None  # that figure's first token
    before_unit: str | None = None  # that figure's counted noun, when a count


class FrameFinder:
    """The extract_frames component: sets measure, time (with the date it came from) and region on every figure."""

    def __init__(self, nlp: Language, lexicons: FrameLexicons) -> None:
        self.lexicons = lexicons
        self.vocab = nlp.vocab
        # Place names are proper nouns: matched as written, capitalised ("Malang", never "malang").
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.places.add("place", [nlp.make_doc(form) for form in sorted(lexicons.place_forms)])
        self.places.add("home", [nlp.make_doc(form) for form in sorted(lexicons.home_forms)])
        self.home_label = nlp.vocab.strings.add("home")
        # Organisations are who spends or counts, not what is measured ("Pemkab", "Bawaslu", "BPJS Kesehatan").
        self.organisations = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.organisations.add("organisation", [nlp.make_doc(name) for name in sorted(lexicons.organisation_names)])
        # The word lists as sets of the hashes of their lower-case forms, which Words.lower holds.
        self.hash = nlp.vocab.strings.add
        self.links = self._hashes(lexicons.links)
        self.phase_words = self._hashes(lexicons.phase_words)
        self.time_units = self._hashes(lexicons.time_units)
        self.recurrence = self._hashes(lexicons.roles["recurrence"])
        self.ordinal_words = self._hashes(lexicons.ordinal_words)
        self.copulas = self._hashes(lexicons.copulas)
        self.demonstratives = self._hashes(lexicons.roles["demonstrative"])
        self.determiners = self._hashes(lexicons.determiners)
        self.time_blockers = self._hashes(lexicons.time_blockers)
        self.time_prepositions = self._hashes(lexicons.time_prepositions)
        self.venue_words = self._hashes(lexicons.venue_words)
        self.region_prefixes = self._hashes(lexicons.region_prefixes)
        self.place_names = self._hashes(lexicons.place_names)
        self.prefix_array = numpy.array(sorted(self.region_prefixes), dtype=numpy.uint64)
        self.prefix_levels = {self.hash(word): level for word, level in lexicons.prefix_levels.items()}
        self.national_words = self._hashes(lexicons.national_words)
        self.territorial_titles = {tuple(self.hash(w) for w in t.split()) for t in lexicons.territorial_titles}
        # A title that is also a place's name ("Karo", "Kaur") is read as the place.
        self.one_word_titles = self._hashes(lexicons.one_word_titles - set(lexicons.canonical))
        self.title_openers = self._hashes(lexicons.title_openers)
        self.title_joiners = self._hashes(lexicons.title_joiners)
        self.comparison_scopes = self._hashes(lexicons.comparison_scopes)
        self.comma, self.hyphen = self.hash(","), self.hash("-")
        self.national_array = numpy.array(sorted(self.national_words), dtype=numpy.uint64)
        self.currency_words = self._hashes(lexicons.currency_words)
        self.conjunctions = self._hashes(lexicons.roles["conjunction"])
        self.subordinators = self._hashes(lexicons.roles["subordinator"])
        self.attributive = self._hashes(lexicons.roles["attributive"])
        self.complement_words = self._hashes(lexicons.roles["complement"])
        self.locatives = self._hashes(lexicons.roles["locative"])
        (self.relative,) = self._hashes(lexicons.roles["relative"])
        (self.per,) = self._hashes(lexicons.roles["rate"])
        self.opening, self.closing = self.hash("("), self.hash(")")  # brackets: punctuation, not words
        # Facts of a word alone are lexeme flags: tested once per word of the vocabulary, read for a whole Doc at once.
        self.noun_flag = nlp.vocab.add_flag(lambda text: lexicons.may_be_in_measure(text.lower(), text))
        self.upper_flag = nlp.vocab.add_flag(lambda text: text[:1].isupper())
        self.breaks = self._hashes(lexicons.roles["clause_break"])
        self.openers = self._hashes(lexicons.roles["opener"])
        self.title_words = self._hashes(lexicons.title_words)
        self.local_words = self._hashes(lexicons.roles["local"])
        self.purposes = self._hashes(lexicons.roles["purpose"])
        self.percent_tails = self._hashes(lexicons.roles["percent_tail"])
        # A phrase of these alone says which part or when, not what: "tahap kedua", "termin dua", "pekan", "pagi".
        self.hollow = self._hashes(
            lexicons.phase_words
            | lexicons.ordinal_words
            | lexicons.number_words
            | lexicons.time_units  # "akhir pekan lalu yakni Rp14.453": when, not what
            | lexicons.parts_of_day
        )
        self.change_nouns = self._hashes(lexicons.change_nouns)
        self._verbs: dict[int, bool] = {}  # by lower-case hash, remembered
        self._speech: dict[int, bool] = {}

    def _hashes(self, words: frozenset[str] | set[str]) -> frozenset[int]:
        return frozenset(self.vocab.strings.add(word) for word in words)

    def is_verb(self, word: int) -> bool:
        known = self._verbs.get(word)
        if known is None:
            if len(self._verbs) > _MAX_REMEMBERED:
                self._verbs.clear()
            known = self._verbs[word] = self.lexicons.is_verb(self.vocab.strings[word])
        return known

    def is_speech(self, word: int) -> bool:
        known = self._speech.get(word)
        if known is None:
            if len(self._speech) > _MAX_REMEMBERED:
                self._speech.clear()
            known = self._speech[word] = self.lexicons.is_speech(self.vocab.strings[word])
        return known

    # ----------------------------------------------------------------------
    # the article's words

    def _words(self, doc: Doc) -> Words:
        """The facts read at every token: two lexeme flags, read for the whole Doc at once (the rarer facts are
        looked up by word when needed)."""
        columns = doc.to_array([LOWER, self.noun_flag, self.upper_flag])
        size = len(doc)
        return Words(
            lower_array=columns[:, 0],
            lower=columns[:, 0].tolist(),
            noun=columns[:, 1].astype(bool).tolist(),
            upper=columns[:, 2].astype(bool).tolist(),
            owned=[False] * size,
            dated=[False] * size,
            place=[False] * size,
            who=[False] * size,
            person=[False] * size,
        )

    def _mark(self, doc: Doc, words: Words, figures: list[Span], dates: list[When]) -> None:
        """Which tokens are figures, dates, persons and organisations."""
        size = len(doc)
        for span in figures:
            end = span.end
            figure = span._.extract_figure
            if figure.unit and figure.kind in ("count", "quantity"):
                unit_words = [self.hash(word) for word in figure.unit.lower().split()]
                # The unit after the number, or its end when the figure holds its first words ("0,3 persen poin").
                inside = next(
                    k
                    for k in range(min(len(unit_words) - 1, end - span.start - 1), -1, -1)
                    if words.lower[end - k : end] == unit_words[:k]
                )
                if words.lower[end : end + len(unit_words) - inside] == unit_words[inside:]:
                    end += len(unit_words) - inside
            if figure.kind == "percent" and end < size and words.lower[end] in self.percent_tails:
                end += 1  # "0,11 persen poin"
            if end + 1 < size and words.lower[end] == self.per:
                end += 2  # the unit of a rate: "Rp7.650 per liter"
            words.owned[span.start : end] = [True] * (end - span.start)
        for date in dates:  # when, not what
            words.owned[date.start : date.end] = [True] * (date.end - date.start)
            words.dated[date.start : date.end] = [True] * (date.end - date.start)
        text = text_of(doc)
        for person in doc._.extract_officials or []:
            for start, end in mention_spans(text, [person.name, *person.aliases]):
                mention = doc.char_span(start, end, alignment_mode="expand")
                if mention is not None:
                    words.person[mention.start : mention.end] = [True] * (mention.end - mention.start)
        words.who = list(words.person)
        for _, start, end in self.organisations(doc):
            words.who[start:end] = [True] * (end - start)  # who, like a person

    def _places(self, doc: Doc, words: Words) -> tuple[list[Place], list[Place]]:
        """Every place named in the text: the regions lexicon's names and aliases, and "Kota X", "Kabupaten X",
        "Provinsi X", "Desa X" ... with the capitalised words after them (not "11 kelurahan" counted by a figure,
        nor a title after one: "kelurahan Kepala Dinas ..."). A place followed by a larger one ("Kecamatan Lowokwaru,
        Kota Malang", "Kabupaten Bangka Barat, Provinsi Kepulauan Bangka Belitung") is one place, located by the
        second; its short name in brackets ("Jawa Tengah (Jateng)") is part of it. Returns the places, and the
        mentions of the home country ("Indonesia", "nasional"), which say that a figure holds nationwide."""
        found: dict[int, Place] = {}
        homes: list[Place] = []
        text = text_of(doc)
        lexicons = self.lexicons
        for label, start, end in self.places(doc):
            span = doc[start:end]
            name = text[span.start_char : span.end_char]
            if label == self.home_label:
                if not words.who[start]:  # "Bank Indonesia", "Universitas Indonesia": a name, not the country
                    homes.append(Place(start, end, name, None, _HOME_LEVEL, home=True))
                continue
            if any(words.person[start:end]):
                continue  # "Vienna Parinussa", "Jakarta Sinaga": a person's name
            found[start] = Place(
                start, end, name, lexicons.canonical.get(name.lower()), lexicons.levels.get(name.lower(), 0)
            )
        taken_to = 0
        size = len(doc)
        # Only the tokens that are region prefixes are looked at (found with one vectorised test, not a loop).
        for i in numpy.flatnonzero(numpy.isin(words.lower_array, self.prefix_array)).tolist():
            word = words.lower[i]
            if i < taken_to or i + 1 >= size or (i > 0 and words.owned[i] and doc[i - 1].like_num):
                continue  # "di 11 kelurahan": the unit a figure counts
            if self.prefix_levels.get(word, 0) in _NUMBERED_LEVELS and doc[i + 1].like_num:
                found[i] = Place(i, i + 2, doc[i : i + 2].text, None, self.prefix_levels[word])  # "RT 03", "RW 5"
                taken_to = i + 2
                continue
            if not words.upper[i + 1]:
                continue
            j = i + 1
            while (
                j < size
                and words.upper[j]
                and words.noun[j]
                and words.lower[j] not in self.one_word_titles
                and not (words.owned[j] or words.person[j] or self._opens_place(doc, words, j))
                and j - i <= 4
            ):
                j += 1
            if i + 1 in found and found[i + 1].end > j:
                j = found[i + 1].end  # the name the regions lexicon knows ("kawasan Ibu Kota Nusantara")
            if j == i + 1:
                continue
            # "Kota Malang" is the place's name; "wilayah Kalimantan" is a word for area before one.
            named_from = i if word in self.place_names else i + 1
            whole, head = doc[named_from:j], doc[i + 1 : j]
            head_name = text[head.start_char : head.end_char].lower()
            if named_from > i and head_name not in lexicons.canonical:
                continue  # "Kawasan Ekonomi Khusus", "wilayah Sungai": an area's word before no known place
            level, known = self.prefix_levels.get(word, 0), lexicons.levels.get(head_name, 0)
            # "Desa Serang" is a village, not the regency the lexicon knows by that name; "Pulau Bali" is Bali.
            canonical = lexicons.canonical.get(head_name) if level in (0, known) else None
            found[i] = Place(i, j, text[whole.start_char : whole.end_char], canonical, level or known)
            for k in range(i + 1, j):
                found.pop(k, None)
            taken_to = j
        for i in numpy.flatnonzero(numpy.isin(words.lower_array, self.national_array)).tolist():
            if not words.upper[i] or i == 0 or not words.upper[i - 1]:  # "Badan Pangan Nasional" is a name
                homes.append(Place(i, i + 1, doc[i].text, None, _HOME_LEVEL, home=True))
        return self._joined(doc, words, sorted(found.values(), key=lambda place: place.start)), homes

    def _opens_place(self, doc: Doc, words: Words, i: int) -> bool:
        """A region prefix that opens the name of another place ("Kelurahan Patehan Kecamatan Kraton", "Kampung
        Cibojong RT 06"), not a word of this one's ("Kecamatan Medan Kota")."""
        if words.lower[i] not in self.region_prefixes or i + 1 >= len(doc):
            return False
        return words.upper[i + 1] or (
            self.prefix_levels.get(words.lower[i], 0) in _NUMBERED_LEVELS and doc[i + 1].like_num
        )

    def _joined(self, doc: Doc, words: Words, places: list[Place]) -> list[Place]:
        """A place and its short name in brackets ("Jawa Tengah (Jateng)"), a place and the larger one after a
        comma that locates it ("Kecamatan Lowokwaru, Kota Malang"), or units of an address written one after the
        other ("Kelurahan Patehan Kecamatan Kraton", "Kampung Cibojong RT 06"), as one place; its canonical name is
        that of the most specific part the regions lexicon knows."""
        joined: list[Place] = []
        text = text_of(doc)
        for place in places:
            if joined:
                last = joined[-1]
                gap = words.lower[last.end : place.start]
                closed = place.end < len(doc) and words.lower[place.end] == self.closing
                if gap == [self.opening] and closed and place.canonical and place.canonical == last.canonical:
                    written = text[doc[last.start].idx : doc[place.end].idx + 1]
                    joined[-1] = Place(last.start, place.end + 1, written, last.canonical, last.level)
                    continue
                if (gap == [self.comma] and last.level and place.level > last.level) or (
                    not gap and last.level and place.level and place.level != last.level
                ):
                    written = text[doc[last.start].idx : doc[place.end - 1].idx + len(doc[place.end - 1])]
                    canonical = last.canonical or place.canonical
                    joined[-1] = Place(last.start, place.end, written, canonical, max(last.level, place.level))
                    continue
            joined.append(place)
        return joined

    def __call__(self, doc: Doc) -> Doc:
        figures = sorted(doc.spans["figures"], key=lambda span: span.start)
        if not figures:
            return doc
        text = text_of(doc)
        whens = []
        for span in sorted(doc.spans["dates"], key=lambda span: span.start_char):
            date = span._.extract_date
            day_like = date.granularity == "day" or "(" in text[span.start_char : span.end_char]
            whens.append(When(span.start, span.end, date.value, day_like))
        date_starts = [when.start for when in whens]
        words = self._words(doc)
        self._mark(doc, words, figures, whens)
        places, homes = self._places(doc, words)
        for place in places:
            words.place[place.start : place.end] = [True] * (place.end - place.start)
        places = sorted(places + homes, key=lambda place: place.start)
        place_starts = [place.start for place in places]
        kinds = {span.start: span._.extract_figure.kind for span in figures}  # figure start -> kind, for the time step
        previous: dict[int, tuple[int, str | None]] = {}  # sentence start -> (figure end, measure) of the last figure
        links_before: dict[int, int | None] = {}  # sentence start -> the linking word before the last figure
        kinds_before: dict[int, str] = {}  # sentence start -> the kind of the last figure
        starts_before: dict[int, int] = {}  # sentence start -> the first token of the last figure
        units_before: dict[int, str | None] = {}  # sentence start -> the counted noun of the last figure
        for span in figures:
            first, last = sentence_bounds(doc, span.start)
            figure: Figure = span._.extract_figure
            before = previous.get(first)
            link_before = links_before.get(first)
            context = Context(
                first, before, link_before, kinds_before.get(first), starts_before.get(first), units_before.get(first)
            )
            measure = self.measure(doc, words, span, figure, context)
            time, date_index = self.time(words, span, first, last, whens, date_starts, kinds)
            region = self.region(words, span, first, last, places, place_starts)
            # A new record built from the old one's fields (dataclasses.replace is several times slower).
            span._.extract_figure = Figure(
                **{
                    **vars(figure),
                    "measure": measure,
                    "time": time,
                    "time_date_index": date_index,
                    "region": region.text if region else None,
                    "region_canonical": region.canonical if region else None,
                }
            )
            if self._in_brackets(words, span, first, last):
                continue  # "4,26% (atau 37.780 penduduk miskin) dari 4,37%": an aside, not what comes next restates
            previous[first] = (span.end, measure)
            kinds_before[first] = figure.kind
            starts_before[first] = span.start
            units_before[first] = figure.unit if figure.kind == "count" else None
            opener = words.lower[span.start - 1] if span.start > first else None
            links_before[first] = opener if opener in self.links else None
        return doc

    def _for_whom(self, words: Words, figure_start: int, first: int) -> bool:
        """Whether the figure's clause says for whom before it ("santunan bagi korban meninggal sebesar Rp15 juta",
        "Bagi korban luka berat, santunan sebesar Rp5 juta"): the next items of a list may name the next ones."""
        start = self._clause_start(words, figure_start, first)
        return any(words.lower[k] in self.attributive for k in range(start, figure_start))

    def _in_brackets(self, words: Words, span: Span, first: int, last: int) -> bool:
        """A figure in brackets right after another, with at most a link or two ("4,26% (atau 37.780 penduduk)",
        "US$1 (Rp15 ribu)")."""
        k = span.start - 1
        while k >= max(first, span.start - 3) and words.lower[k] != self.opening:
            if words.lower[k] == self.closing:
                return False
            k -= 1
        if k - 1 < first or words.lower[k] != self.opening or not words.owned[k - 1]:
            return False  # "bidang umum (25 persen)" is no aside: the bracket follows no figure
        return any(words.lower[m] == self.closing for m in range(span.end, min(last, span.end + 4)))

    # ----------------------------------------------------------------------
    # measure

    def measure(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """The measure, from the first step that finds one (MEASURE_STEPS)."""
        for step in MEASURE_STEPS:
            found = step(self, doc, words, span, figure, context)
            if found:
                return found
        return None

    def _counted_noun(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A count of a specific noun measures that noun ("3,2 juta pekerja", "30 kantor cabang"); after a
        classifier, what it counts ("747 ribu orang pekerja", "26 unit layanan"). A count of a classifier alone
        ("193,6 juta orang") is left to the steps that read what stands before it ("jumlah pemudik mencapai ...")."""
        if figure.kind != "count" or not figure.unit:
            return None
        unit = figure.unit.split()
        if unit[0].lower() in self.lexicons.generic_units:
            rest = self._measurable(unit[1:])
            if rest:
                return rest
            return self._phrase_right(doc, words, span.end + 1)
        return self._measurable(unit)

    def _measurable(self, unit: list[str]) -> str | None:
        """The words of a unit that can be a measure ("orang cuma" -> "orang"; not "dibagi"); units are written in
        lower case."""
        lexicons = self.lexicons
        kept = [
            word for word in unit if not (word in lexicons.stops or lexicons.is_verb(word) or lexicons.is_speech(word))
        ]
        while kept and kept[-1] in lexicons.copulas:
            kept.pop()  # "lima pemain senior yaitu ..."
        return " ".join(kept) if kept else None

    def _restated_share(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A count that restates a percentage ("turun 1 persen atau 7 kabupaten", "21 persen dari anak-anak atau
        4.371 anak") measures what the percentage does: the count of the share, not of all the units."""
        if figure.kind != "count" or context.before is None or context.before[1] is None:
            return None
        if context.before_kind != "percent":
            return None
        between = range(context.before[0], span.start)
        if not any(words.lower[k] in self.conjunctions for k in between):
            return None
        if all(words.lower[k] in self.conjunctions or words.lower[k] in self.links for k in between):
            return context.before[1]
        return None

    def _counted_as(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A count followed by what the number are made ("menetapkan tiga orang sebagai tersangka", "empat lelaki
        sebagai terdakwa"): that noun phrase."""
        if figure.kind != "count" or (figure.unit and len(figure.unit.split()) > 1):
            return None  # "tiga orang pejabat pemerintahan sebagai uang muka": the unit says what is counted
        i = span.end
        while i < len(doc) and i < span.end + 3 and words.lower[i] not in self.complement_words:
            if words.lower[i] in self.breaks:
                return None
            i += 1
        if i < len(doc) and words.lower[i] in self.complement_words:
            return self._phrase_right(doc, words, i + 1)
        return None

    def _age_of(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """An age in brackets after a name ("Desi (28)", "Kariadi (50)") is the age of that person."""
        if span.start - 2 < context.first or words.lower[span.start - 1] != self.opening:
            return None
        if span.end >= len(doc) or words.lower[span.end] != self.closing:
            return None
        j = span.start - 2
        names: list[int] = []
        while j >= context.first and words.upper[j] and len(names) < 4:
            names.append(j)
            j -= 1
        return " ".join(doc[k].text for k in reversed(names)) if names else None

    def _share_of(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A percentage followed by a noun is a share of it ("40 persen dana bansos", "70 persen pekerja")."""
        if figure.kind != "percent" or (span.end < len(doc) and words.lower[span.end] in self.conjunctions):
            return None  # "yen menguat 0,3 persen dan peso ...": the next item, not a share
        return self._phrase_right(doc, words, span.end)

    def _quantity_of(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A quantity followed by a noun is an amount of it ("300 kg cabai merah", "12 ribu ton pupuk", "518 hektare
        lahan"); not a duration ("2 tahun penjara"), which the steps before the number read."""
        unit = figure.unit.split()[-1].lower() if figure.unit else None
        if figure.kind != "quantity" or unit is None or unit in self.lexicons.time_units:
            return None
        if unit in self.lexicons.generic_units:
            return None  # "dua kali masa inkubasi": how many times, not an amount of it
        i = span.end
        while i < len(doc) and words.owned[i]:
            i += 1
        if i == span.end and unit != self.vocab.strings[words.lower[span.end - 1]]:
            return None  # the unit was not found after the number
        return self._phrase_right(doc, words, i)

    def _change_after(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """An amount of change named after it ("setiap US$1 (Rp15 ribu) kenaikan harga gas", "tiap 1 persen
        penurunan suku bunga"): what changes."""
        i = span.end
        while i < len(doc) and (words.owned[i] or words.lower[i] in (self.opening, self.closing)):
            i += 1
        if i + 1 < len(doc) and words.lower[i] in self.change_nouns:
            return self._phrase_right(doc, words, i + 1)
        return None

    def _head_of_relative_clause(
        self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context
    ) -> str | None:
        """The noun a "yang" clause describes, when the clause, with a verb in it, runs up to the number
        ("kepesertaan ... yang telah tercover di wilayah Kalimantan Timur sudah mencapai 1.296.000 orang", "Total
        anggaran yang digunakan dalam pemberian perlindungan tersebut sebesar Rp1,78 miliar")."""
        start = self._clause_start(words, span.start, context.first)
        for j in range(span.start - 1, start - 1, -1):
            if words.lower[j] in self.subordinators:
                return None  # "... yang meningkat karena pertumbuhan global membaik ke 5 persen": another clause
            if words.owned[j] and not words.dated[j]:
                return None  # "... sebesar Rp1 miliar dari nilai kontrak sebesar Rp8 miliar": nearer words say it
            if words.lower[j] in self.conjunctions and j + 1 < span.start and self.is_verb(words.lower[j + 1]):
                return None  # "yang dikerjakan PT X merugikan negara dan terdapat selisih sebesar": a new predicate
            if words.lower[j] == self.relative and not words.owned[j]:
                described = words.lower[j + 1 : span.start]
                if not any(self.is_verb(word) or self.vocab.strings[word].endswith("nya") for word in described):
                    return None  # a verb or a possessed noun ("yang alokasi anggarannya senilai") makes it a clause
                return self._collect_left(doc, words, j - 1, context.first)
        return None

    def _recipient(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """An amount given to an organisation named right before it ("menyalurkan dana hibah kepada Bawaslu daerah
        setempat sebesar Rp2 miliar"): what is given, named before the preposition; when nothing is named there, the
        organisation ("yaitu untuk KPU Rp9 miliar dan Bawaslu Rp2 miliar", "tahap kedua disalurkan kepada KPU
        sebesar Rp4 miliar"), for which the amount is."""
        first = context.first
        j = self._skip_links(words, span.start - 1, first)
        if j >= first and words.lower[j] in self.local_words:
            j -= 1
            if j >= first and words.can_measure(j):
                j -= 1  # "daerah setempat", "kabupaten setempat"
        end = j
        while j >= first and words.who[j] and not words.person[j]:
            j -= 1
        if j == end or j < first:
            return None
        organisation = doc[j + 1 : end + 1].text
        if words.lower[j] in self.attributive:
            k = self._skip_links(words, j - 1, first)
            if k - 1 >= first and words.lower[k] in self.hollow and words.lower[k - 1] in self.phase_words:
                k -= 1  # "dana hibah tahap pertama kepada ...": the ordinal of a part is no noun
            given = self._collect_left(doc, words, k, first)
            return given or organisation
        if words.lower[j] in self.conjunctions and context.before is not None and context.before[0] >= j - 1:
            return organisation  # the next of a list of amounts for organisations
        return None

    def _noun_before(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """The noun phrase right before the number, past linking words, qualifiers and change words, places and
        dates with their prepositions ("iuran hingga Rp5 triliun", "santunan sebesar Rp42 juta", "tingkat
        kemiskinan di Jakarta per Maret 2025 mencapai 4,28 persen")."""
        j = self._skip_links(words, span.start - 1, context.first)
        if j >= context.first and words.lower[j] in self.demonstratives:
            j = self._skip_links(words, j - 1, context.first)  # "CT-nya (yang bersangkutan) itu masih 30"
        if j - 1 >= context.first and words.lower[j] == self.opening and not words.owned[j - 1]:
            j = self._skip_links(words, j - 1, context.first)  # "bidang angkutan umum (15 persen)"
        if self._is_label(doc, words, j, context.first):
            head = self._collect_left(doc, words, j - 1, context.first)
            if head:
                # "lantai 2 Rp325.000, lantai 3 Rp300.000"; but "tarif di lantai 1 Rp400.000" is the tarif's.
                return f"{head} {doc[j].text}" if head.endswith(doc[j - 1].text) else head
        found = self._collect_left(doc, words, j, context.first)
        if found:
            return found
        # A change noun skipped as a link is the measure when nothing stands before it ("dengan capaian lebih dari
        # 100 persen"), unless a verb makes it the change of its subject ("Kemiskinan di Kota Batu mengalami
        # penurunan sebesar 0,2 persen").
        change = next((k for k in range(j + 1, span.start) if words.lower[k] in self.change_nouns), None)
        if change is None or self._counts_units(figure):
            return None
        if change - 1 >= context.first and self.is_verb(words.lower[change - 1]):
            subject = self._collect_left(doc, words, self._skip_links(words, change - 2, context.first), context.first)
            if subject:
                return subject
        return self._clean(doc, words, [change]) if words.can_measure(change) else None

    def _predicate_after(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """The noun phrase a copula after the number names ("Selebihnya 700 ribu adalah pekerja jasa konstruksi",
        "396 ribu bukan penerima upah atau pekerja informal"), also past the figures that restate it ("70 persen
        atau 1,5 juta dari 2,6 juta itu adalah pekerja formal")."""
        i = span.end
        while (
            i < len(doc)
            and words.lower[i] not in self.copulas  # "adalah" also links a number to what stands before it
            and (
                words.owned[i]
                or words.lower[i] in self.conjunctions
                or words.lower[i] in self.locatives
                or words.lower[i] in self.links
            )
        ):
            i += 1
        seen_copula = False
        while i < len(doc) and (words.lower[i] in self.copulas or words.lower[i] in self.demonstratives):
            seen_copula = seen_copula or words.lower[i] in self.copulas
            i += 1
        return self._phrase_right(doc, words, i) if seen_copula else None

    def _described_after(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A "yang" clause after the number that says what it counts ("baru 25% yang terdaftar menjadi peserta BPJS",
        "120 yang lolos sebagai penerima bantuan"): the noun phrase its verb makes the number become."""
        i = span.end
        if i >= len(doc) or words.lower[i] != self.relative:
            return None
        i += 1
        while i < len(doc) and (self.is_verb(words.lower[i]) or words.lower[i] in self.links):
            if words.lower[i] in self.complement_words:
                return self._phrase_right(doc, words, i + 1)
            i += 1
        return None

    def _same_as_before(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A figure that only restates or changes the one before it in the sentence ("1.296.000 orang atau
        56,7%", "Rp5 triliun ..., naik hampir 12%", "3 persen plus minus 1 persen") measures the same thing."""
        if context.before is None or context.before[1] is None:
            return None
        if self._counts_units(figure) and context.before_unit and context.before_unit != figure.unit:
            return None  # "35 juta keluarga atau 140 juta jiwa": another count, of another noun
        between = [
            k for k in range(context.before[0], span.start) if not (words.owned[k] or words.lower[k] in self.breaks)
        ]
        between = [k for k in between if words.noun[k] or self.vocab.strings[words.lower[k]].isalpha()]
        if len(between) <= 6 and not any(
            self.is_verb(words.lower[k]) and words.lower[k] not in self.links for k in between
        ):
            return context.before[1]  # a link may be a verb: "40 orang, sekarang mencapai 100"
        return None

    def _purpose_after(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """When nothing before it says, what the number is for, after it ("Angka Rp10 ribu untuk solar", "tidak
        boleh lebih dari 20 persen untuk dana BOS")."""
        i = span.end
        while i < len(doc) and words.owned[i]:
            i += 1
        if i + 1 < len(doc) and words.lower[i] in self.purposes:
            return self._phrase_right(doc, words, i + 1)
        return None

    def _counted_unit(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """A count whose sentence names nothing more specific measures its counted noun, a classifier included
        ("200 orang")."""
        return self._measurable(figure.unit.split()) if figure.kind == "count" and figure.unit else None

    def _parallel(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """In a list of amounts introduced alike ("dana sejumlah Rp 4,5 miliar kepada A, sejumlah Rp 500 juta kepada
        B"), each measures what the first does."""
        if context.before is None or context.before[1] is None or context.before_link is None:
            return None
        j = span.start - 1
        if j < context.first or words.lower[j] != context.before_link:
            return None
        # A noun before the link is the figure's own measure ("selisih sebesar Rp1 miliar dari nilai kontrak sebesar
        # Rp8 miliar"), unless it is the next item of a list right after the figure before ("santunan bagi korban A
        # sebesar Rp5 juta, dan korban B sebesar Rp2 juta").
        start = k = self._skip_links(words, j - 1, context.first)
        while k >= context.first and (words.can_measure(k) or words.who[k] or words.lower[k] in self.determiners):
            k -= 1
        if k == start:
            return context.before[1]
        if context.before_start is None or not self._for_whom(words, context.before_start, context.first):
            return None  # "yuan menguat 0,2 persen dan dolar menguat 0,3 persen": each names its own
        joiners = range(context.before[0], k + 1)
        listed = len(joiners) <= 3 and all(
            words.lower[m] in self.breaks or words.lower[m] in self.conjunctions or words.lower[m] in self.attributive
            for m in joiners
        )
        return context.before[1] if listed else None

    def _nearest_noun_before(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """The nearest noun phrase before the number in its clause, past verbs and function words ("ekonomi bisa
        tumbuh di kisaran 4,8 persen", "inflasi berada di kisaran 1,59 persen")."""
        start = self._clause_start(words, span.start, context.first)
        for j in range(span.start - 1, start - 1, -1):
            if words.lower[j] in self.conjunctions:
                continue  # "... di tahun 2025 dan diharapkan mencapai 5,9 persen": no noun
            if self._counts_units(figure) and (
                (
                    self.is_verb(words.lower[j])
                    and words.lower[j] not in self.links
                    and words.lower[j] not in self.time_blockers  # "menurun dibandingkan 2020 sebanyak 3.000 orang"
                )
                or words.lower[j] in self.change_nouns
            ):
                # "Acara itu dihadiri 3.000 orang", "menunjukkan penurunan dari 2,3 juta unit": the counted noun
                # says more than the subject of another verb or a change.
                return None
            if words.can_measure(j) and words.lower[j] not in self.determiners and not words.place[j]:
                k = j
                while k >= start and words.can_measure(k):
                    if self._is_title(words, k):
                        return None  # "Kepala Dinas X Budi menyebut 75 persen", "Mantan Kepala Desa itu ..."
                    k -= 1
                return self._collect_left(doc, words, j, context.first)
        return None

    def _is_label(self, doc: Doc, words: Words, j: int, first: int) -> bool:
        """A small number or a Roman numeral that names one of a kind after a noun ("lantai 2", "kelas III", "blok
        4"), not a figure."""
        if j - 1 < first or words.owned[j] or (words.upper[j - 1] and j - 1 != first):
            return False
        if not words.can_measure(j - 1):
            return False
        text = self.vocab.strings[words.lower[j]]
        return (text.isdigit() and len(text) <= 2) or (words.upper[j] and words.lower[j] in self.ordinal_words)

    @staticmethod
    def _counts_units(figure: Figure) -> bool:
        """A count with its counted noun ("3.000 orang", "2,3 juta unit")."""
        return figure.kind == "count" and bool(figure.unit)

    def _is_title(self, words: Words, j: int) -> bool:
        """A capitalised word that opens a person's title ("Kepala", "Ketua"), not "kepala keluarga"."""
        return words.upper[j] and words.lower[j] in self.title_words

    def _sentence_subject(self, doc: Doc, words: Words, span: Span, figure: Figure, context: Context) -> str | None:
        """When the number's clause names nothing, the noun phrase its sentence opens with, past openers ("Inflasi
        Kota Batu tahun ini menjadi yang terendah di Jatim, yakni 2,1%", "Dana hibah itu ..., untuk tahap pertama
        disalurkan sebesar 40 persen", "Realisasinya nanti bisa melampaui angka Rp300 miliar"); not a title
        before a name ("Kepala Dinas Budi mengatakan ...")."""
        if self._counts_units(figure):
            return None  # "Judha mengatakan lima orang lagi tiba": what is counted, not the sentence's subject
        # "Perry mengklaim tingkat suku bunga ... , yaitu 3,75 persen": the subject of what is said.
        said = next(
            (k for k in range(context.first, min(span.start, context.first + 8)) if self.is_speech(words.lower[k])),
            None,
        )
        if said is not None:
            i = said + 1
            if i < span.start and words.lower[i] in self.subordinators:
                i += 1  # "bahwa"
            found = self._subject_at(doc, words, span, i)
            if found:
                return found
        return self._subject_at(doc, words, span, context.first)

    def _subject_at(self, doc: Doc, words: Words, span: Span, i: int) -> str | None:
        """The noun phrase a clause opens with at token i, past openers, determiners and links."""
        while i < span.start and (
            words.lower[i] in self.breaks
            or words.lower[i] in self.openers
            or words.lower[i] in self.determiners  # "Angka stunting ...", "Jumlah dana ..."
            or (words.lower[i] in self.links and not words.owned[i])
        ):
            i += 1
        if i >= span.start or not words.can_measure(i) or words.place[i] or words.lower[i] in self.subordinators:
            return None
        if self._is_title(words, i):
            return None  # "Ketua DPD Budi mengatakan ...": who, not what
        end = i
        while end < span.start and words.can_measure(end) and not words.place[end]:
            end += 1
        if end < len(doc) and (words.person[end] or self.is_speech(words.lower[end])):
            return None  # "Perry mengklaim ...": a name at the head of the sentence
        return self._phrase_right(doc, words, i)

    # helpers

    def _clause_start(self, words: Words, i: int, first: int) -> int:
        j = i - 1
        while j >= first and words.lower[j] not in self.breaks:
            j -= 1
        return j + 1

    def _skip_links(self, words: Words, j: int, first: int) -> int:
        """Back past linking words, qualifiers and change words, past a place with its preposition, and past a
        date with its preposition."""
        while j >= first:
            word = words.lower[j]
            if word in self.links:
                j -= 1
            elif word in self.time_units and j - 1 >= first and words.lower[j - 1] in self.recurrence:
                j -= 2  # "setiap tahun", "per bulan": how often, not what
            elif word in self.phase_words or (
                j + 1 < len(words.lower) and words.lower[j + 1] in self.phase_words and word in self.ordinal_words
            ):
                j -= 1  # "tahap pertama", "termin kedua": which part of it, not what
            elif words.dated[j]:
                while j >= first and words.dated[j]:
                    j -= 1
                if j >= first and words.lower[j] in self.time_prepositions:
                    j -= 1
            elif words.place[j]:
                while j >= first and (words.place[j] or words.lower[j] in self.region_prefixes):
                    j -= 1
                if j >= first and words.lower[j] in self.locatives:
                    j -= 1
            elif j - 1 >= first and words.lower[j - 1] in self.locatives and words.noun[j] and not words.upper[j]:
                j -= 2  # "sementara di pasaran Rp 16 ribu": where, not what
            else:
                break
        return j

    def _collect_left(self, doc: Doc, words: Words, j: int, first: int) -> str | None:
        """The noun phrase ending at token j, read leftwards: nouns and adjectives, a conjunction between two of
        them, an acronym in brackets skipped ("pembayaran jaminan hari tua (JHT)"), places left out ("ekonomi
        China"). Before a locative ("harga cabai di pasar tradisional", "pekerja di sektor informal"), the noun
        before it is what is measured: what follows says where."""
        collected: list[int] = []
        while j >= first and len(collected) < _MAX_MEASURE_WORDS:
            word = words.lower[j]
            if word == self.closing:
                opening = next(
                    (k for k in range(j - 1, max(first, j - 9) - 1, -1) if words.lower[k] == self.opening), None
                )
                # "(JHT)" is skipped; "aspek A (40 persen) dan aspek B" ends at the figure.
                if opening is not None and not any(words.owned[opening:j]):
                    j = opening - 1
                    continue
            if words.place[j]:
                if collected:
                    break
                j -= 1
                continue
            if word in self.conjunctions:
                if not (
                    collected
                    and j - 1 >= first
                    and words.can_measure(j - 1)
                    and not (j - 2 >= first and words.owned[j - 2])  # "2 tahun penjara dan denda Rp50 juta"
                ):
                    break
                collected.append(j)
                j -= 1
                continue
            if not words.can_measure(j):
                break
            collected.append(j)
            j -= 1
        if (
            collected
            and j - 1 >= first
            and (words.lower[j] in self.locatives or words.lower[j] in self.attributive)
            and words.can_measure(j - 1)
            # Not across a name ("UU tentang Pemberantasan Tindak Pidana Korupsi dengan ancaman hukuman ..."): the
            # head is a common noun or an acronym.
            and not words.place[j - 1]
            # (a capital at the head of the sentence or a quote is no name)
            and (
                not words.upper[j - 1]
                or j - 2 < first
                or words.lower[j - 2] in self.breaks
                or doc[j - 1].text.isupper()
            )
        ):
            head = self._collect_left(doc, words, j - 1, first)
            if head:
                return head
        return self._clean(doc, words, collected[::-1])

    def _phrase_right(self, doc: Doc, words: Words, i: int) -> str | None:
        collected: list[int] = []
        while i < len(doc) and len(collected) < _MAX_MEASURE_WORDS and words.can_measure(i) and not words.place[i]:
            collected.append(i)
            i += 1
        return self._clean(doc, words, collected)

    def _clean(self, doc: Doc, words: Words, indices: list[int]) -> str | None:
        """The words as written, without determiners in front and conjunctions at either end."""
        while indices and (words.lower[indices[0]] in self.determiners or words.lower[indices[0]] in self.conjunctions):
            indices.pop(0)
        while indices and words.lower[indices[-1]] in self.conjunctions:
            indices.pop()
        if all(words.lower[i] in self.hollow for i in indices):
            return None  # "penurunan", "tahap kedua": how or which part, the measure is elsewhere
        return " ".join(doc[i].text for i in indices)

    # ----------------------------------------------------------------------
    # time

    def time(
        self,
        words: Words,
        span: Span,
        first: int,
        last: int,
        dates: list[When],
        date_starts: list[int],
        kinds: dict[int, str],
    ) -> tuple[str | None, int | None]:
        """The value of the sentence's date that says when the figure holds, and its place among the dates: the
        date right after the figure and its unit ("turun menjadi 19 persen pada 2025"), else the nearest before the
        figure in its clause ("PAD tahun 2019 sebesar Rp285 miliar, tahun 2020 ..."), else the nearest after it in
        its clause, else the nearest in the sentence; never a date that stands right after another figure ("dari
        4,3 persen pada 2022 menjadi 4,1 persen"), which is that figure's, nor one after the figure in a clause of
        its own ("tuntas sebelum akhir 2024", "..., namun sampai 2 Juni 2025 ...")."""
        clause_start, clause_end = self._clause_start(words, span.start, first), span.end
        while clause_end < last and words.lower[clause_end] not in self.breaks:
            clause_end += 1
        own_end = span.end  # the figure with its unit
        while own_end < last and words.owned[own_end] and not words.dated[own_end]:
            own_end += 1
        attached = own_end + (own_end < last and words.lower[own_end] in self.time_prepositions)
        best: tuple[tuple[int, int], int] | None = None  # ((rank, distance), index)
        for index in range(bisect_left(date_starts, first), bisect_left(date_starts, last)):
            date = dates[index]
            if date.end > last or date.value is None:
                continue
            if date.start in (own_end, attached):
                key = (-1, 0)
            elif self._not_the_figures_time(words, span, date, first):
                if not self._base_of_figure(words, span, date) or self._after_a_figure(words, date, first) >= 0:
                    continue
                key = (-1, 0)  # "dibandingkan pada 2021 sebanyak 24 persen": the figure is the base, of 2021
            elif self._another_figures_time(words, span, own_end, date, first, kinds):
                continue
            elif date.start >= own_end and self._subordinate(words, own_end, date.start):
                continue  # "melampaui Rp300 miliar sehingga tahun anggaran 2025 ...": the date of another clause
            else:
                key = self._rank(span, date.start, date.end, clause_start, clause_end)
            if best is None or key < best[0]:
                best = (key, index)
        if best is None:
            return None, None
        return dates[best[1]].value, best[1]

    def _subordinate(self, words: Words, start: int, end: int) -> bool:
        """A subordinator between two tokens opens a clause of its own ("sehingga", "namun"; not "saat ini", an
        adverb)."""
        return any(
            words.lower[k] in self.subordinators and words.lower[k + 1] not in self.demonstratives
            for k in range(start, end)
        )

    def _base_of_figure(self, words: Words, span: Span, date: When) -> bool:
        """A date of the base of a comparison right before the figure, past linking words: the figure is that
        base ("turun dibandingkan pada 2021 sebanyak 24 persen")."""
        return date.end <= span.start and all(word in self.links for word in words.lower[date.end : span.start])

    def _after_a_figure(self, words: Words, date: When, first: int) -> int:
        """The start of the figure (with its unit) right before a date and its preposition ("4,37 persen pada
        2022"), else -1."""
        k = date.start - 1
        if k >= first and words.lower[k] in self.time_prepositions:
            k -= 1
        if not (k >= first and words.owned[k] and not words.dated[k]):
            return -1
        while k > first and words.owned[k - 1] and not words.dated[k - 1]:
            k -= 1
        return k

    def _another_figures_time(
        self, words: Words, span: Span, own_end: int, date: When, first: int, kinds: dict[int, str]
    ) -> bool:
        """A date right after a later figure in a clause of its own ("4,26 persen (atau 37.780 orang) dari 4,37
        persen pada 2022"), or of the same kind after a verb ("21 persen itu ditargetkan turun menjadi 19 persen pada
        2025"): that figure's, as in a list of values by date. A figure that only
        restates or changes the one before it holds when it does ("Rp5 triliun pada tahun ini, naik 12%", "target
        3 persen plus minus 1 persen pada 2021")."""
        if date.start < own_end:
            return False
        other = self._after_a_figure(words, date, own_end)
        if other < own_end:
            return False
        if any(words.lower[j] in self.breaks for j in range(own_end, other)):
            return True
        return kinds.get(other) == kinds.get(span.start) and any(
            not words.owned[j] and self.is_verb(words.lower[j]) for j in range(own_end, other)
        )

    @staticmethod
    def _rank(span: Span, start: int, end: int, clause_start: int, clause_end: int) -> tuple[int, int]:
        """Before the figure in its clause, then after it in its clause, then elsewhere; nearer first."""
        if clause_start <= start and end <= span.start:
            return (0, span.start - end)
        if span.end <= start and end <= clause_end:
            return (1, start - span.end)
        return (2, span.start - end if end <= span.start else start - span.end)

    def _not_the_figures_time(self, words: Words, span: Span, date: When, first: int) -> bool:
        """The base of a comparison ("dari tahun sebelumnya", "dibandingkan 2023"), the start of a span ("sejak
        2019"), or the day a statement was made ("kata dia, Kamis (29/8)"; "Rp5 juta," kata Andi saat ditemui di
        Balai Kota, Selasa (21/11)": a day in the tag after the figure)."""
        if any(word in self.time_blockers for word in words.lower[max(first, date.start - 3) : date.start]):
            return True
        if date.day_like:
            if any(self.is_speech(word) for word in words.lower[max(first, date.start - 8) : date.start]):
                return True
            return date.start >= span.end and any(self.is_speech(word) for word in words.lower[span.end : date.start])
        return False

    # ----------------------------------------------------------------------
    # region

    def region(
        self, words: Words, span: Span, first: int, last: int, places: list[Place], place_starts: list[int]
    ) -> Place | None:
        """The place the figure holds for, within MAX_REGION_DISTANCE tokens: the place right after the figure and
        its unit ("1.200 warga Desa Sukamaju", "38 kabupaten/kota di Jawa Timur"), else ranked as the time is
        ("ekonomi China ... 7,8 persen", "3,2 juta pekerja di Kalimantan"), leaving out venues, places in someone's
        title ("Bupati Karanganyar Juliyatmono"), in a currency's name ("dolar AS") and where a statement was made
        ("ujar dia di Jakarta"). A place a figure is ranked within ("terendah di Jatim") comes after the others of
        its sentence, and the office of the person who states the figure ("kata Kapolres Fakfak") last. None when
        the nearest place is the home country ("inflasi nasional 2,6 persen")."""
        clause_start, clause_end = self._clause_start(words, span.start, first), span.end
        while clause_end < last and words.lower[clause_end] not in self.breaks:
            clause_end += 1
        attached = span.end
        while attached < last and words.owned[attached] and not words.dated[attached]:
            attached += 1
        if attached < last and words.lower[attached] in self.locatives:
            attached += 1
        best: tuple[tuple[int, int], Place] | None = None
        for place in places[bisect_left(place_starts, first) : bisect_left(place_starts, last)]:
            if place.end > last:
                continue
            key = (
                (-1, 0)
                if place.start == attached
                else self._rank(span, place.start, place.end, clause_start, clause_end)
            )
            if key[1] > MAX_REGION_DISTANCE or (best is not None and key >= best[0]):
                continue  # the checks below only move a place down
            standing = self._standing(words, span, place, first, last)
            if standing == _NOT_ITS:
                continue
            if standing == _SPEAKERS:
                key = (4, key[1])
            elif key[0] >= 0 and self._compared_within(words, place, first):
                key = (3, key[1])
            if best is None or key < best[0]:
                best = (key, place)
        return best[1] if best and not best[1].home else None

    def _standing(self, words: Words, span: Span, place: Place, first: int, last: int) -> int:
        """Whether a place may be the figure's region: not a venue ("di Hotel Fugo Banjarmasin"), a currency's
        ("dolar AS"), where a statement was made ("ujar dia di Jakarta", "kata dia, Jakarta, Senin (8/9)"), a place
        named after the statement that gives the figure ("..., kata Andi saat meninjau Pasar Ciputat, Tangerang"),
        or a place in someone's title ("Bupati Karanganyar Juliyatmono", "saksi Budi selaku Kepala Bagian Umum
        Kabupaten Garut"); a place in the title of the person who states the figure ("Rp5 miliar, kata Sekda
        Kabupaten Fakfak Ali") is that person's office, which the figure belongs to."""
        # "di Hotel Fugo Banjarmasin": the place of an event.
        k = place.start - 1
        while k >= max(first, place.start - 6) and (words.upper[k] or words.lower[k] in self.title_joiners):
            if words.lower[k] in self.region_prefixes or words.place[k]:
                break  # another place's name: "Dana Desa Gampong X" in a headline's capitals is no venue's
            if words.lower[k] in self.venue_words:
                return _NOT_ITS
            k -= 1
        if place.start > first and words.lower[place.start - 1] in self.currency_words:
            return _NOT_ITS
        # A person named like a place: "kata Bima", "Vatikan (27)".
        if place.start > first and self.is_speech(words.lower[place.start - 1]):
            return _NOT_ITS
        if (
            place.end + 2 < last
            and words.lower[place.end] == self.opening
            and words.owned[place.end + 1]
            and words.lower[place.end + 2] == self.closing
        ):
            return _NOT_ITS
        titled = self._in_title(words, place, first, last)
        if place.start >= span.end and any(self.is_speech(word) for word in words.lower[span.end : place.start]):
            # What the statement's tag says: who said it ("kata Kapolres Fakfak"), where, when.
            return _SPEAKERS if titled or self._after_territorial_title(words, place, first) else _NOT_ITS
        if titled:
            return _NOT_ITS
        # "ujar dia di Jakarta", "katanya di Jakarta": the speech word, its speaker and "di" right before the place.
        before = range(max(first, place.start - 5), place.start - 1)
        if words.lower[place.start - 1] in self.locatives and any(
            self.is_speech(words.lower[k]) and not any(words.owned[k : place.start]) for k in before
        ):
            return _NOT_ITS
        # "ujar dia dalam akun Facebooknya, Jakarta, Minggu (8/9/2019)": a dateline after the statement.
        after = place.end + (place.end < last and words.lower[place.end] == self.comma)
        if (
            after < last
            and words.dated[after]
            and any(self.is_speech(word) for word in words.lower[max(first, place.start - 10) : place.start])
        ):
            return _NOT_ITS
        return _MAY_BE

    def _in_title(self, words: Words, place: Place, first: int, last: int) -> bool:
        """Whether a place names a person's office: after a territorial title ("Bupati Karanganyar", "Kapolres
        Fakfak", "Sekretaris Daerah Kabupaten Fakfak"), before the person's name ("Ketua Bawaslu Magetan Joko",
        "Sekda Provinsi Bali, Dewa Indra"), or at the end of a title after the name ("Joko, Ketua Bawaslu Magetan",
        "Sunarto selaku Kepala Bagian Umum pada Sekretariat Daerah Kabupaten Garut")."""
        lower = words.lower
        k = place.end + (place.end < last and lower[place.end] == self.comma)
        while k < min(last, place.end + 3) and words.upper[k] and not words.person[k]:
            k += 1  # a rank before the name ("Kapolres Fakfak AKBP Deddy")
        if k < last and words.person[k]:
            return True
        # Back over the title run before the place: capitalised words and the words that join them.
        k, titled = place.start - 1, False
        while k >= max(first, place.start - 12) and (words.upper[k] or lower[k] in self.title_joiners):
            if words.person[k]:
                return titled
            titled = titled or lower[k] in self.one_word_titles
            k -= 1
        if k >= first and (
            lower[k] in self.title_openers or (lower[k] == self.comma and k > first and words.person[k - 1])
        ):
            return titled
        return titled and k >= first and words.person[k]

    def _after_territorial_title(self, words: Words, place: Place, first: int) -> bool:
        """ "Bupati Sleman", "Kapolres Fakfak", "Sekretaris Daerah Kabupaten Fakfak": the place a title governs."""
        return any(
            place.start - size >= first
            and tuple(words.lower[place.start - size : place.start]) in self.territorial_titles
            for size in (1, 2, 3)
        )

    def _compared_within(self, words: Words, place: Place, first: int) -> bool:
        """ "terendah di Jatim", "tertinggi se-Sumatera": the set a figure is ranked within."""
        k = place.start - 1
        while k >= max(first, place.start - 3) and (words.lower[k] in self.locatives or words.lower[k] == self.hyphen):
            k -= 1
        return k >= first and k < place.start - 1 and words.lower[k] in self.comparison_scopes


# The steps that find a measure, tried in order: the first that finds one wins.
MeasureStep = Callable[[FrameFinder, Doc, Words, Span, Figure, Context], "str | None"]
MEASURE_STEPS: tuple[MeasureStep, ...] = (
    FrameFinder._age_of,
    FrameFinder._counted_as,
    FrameFinder._restated_share,
    FrameFinder._counted_noun,
    FrameFinder._change_after,
    FrameFinder._share_of,
    FrameFinder._quantity_of,
    FrameFinder._head_of_relative_clause,
    FrameFinder._parallel,
    FrameFinder._recipient,
    FrameFinder._noun_before,
    FrameFinder._predicate_after,
    FrameFinder._described_after,
    FrameFinder._same_as_before,
    FrameFinder._nearest_noun_before,
    FrameFinder._purpose_after,
    FrameFinder._sentence_subject,
    FrameFinder._counted_unit,
)


@Language.factory("extract_frames")
def make_frames(nlp: Language, name: str) -> FrameFinder:
    """Measure, time and region of every figure (runs after extract_dates, extract_figures and extract_officials)."""
    return FrameFinder(nlp, FrameLexicons.load())
