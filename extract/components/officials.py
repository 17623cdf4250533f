"""Officials: persons named with a position (jabatan), with title, organisation, region and aliases.

Reads the lexicons titles, office_words, office_affixes, organisations, organisation_prefixes,
proper_organisation_prefixes, organisation_suffixes, regions, honorifics, ranks, degrees, name_particles, not_names,
headline_verbs, given_names, nickname_openers, alias_cues, field_heads, place_units, place_cues, place_openers,
territorial_titles, title_modifiers, building_words, source_cues, role_nouns, months, weekdays. Three shapes are
read: a title chain before the name ("Deputi Direktur BPJS Ketenagakerjaan Wilayah Kalimantan, Panji Wibisana",
"Bupati Kutai Kartanegara Edi Damansyah"), a name before its title ("Erfan Kurniawan, Kepala BPJS ...", "KIR selaku
Direktur Utama PT DNG") and a name before a role noun ("Esa, siswa asal Purworejo"). Where a name starts after an
unknown body or place ("Kepala Klinik Sehat Bersama Maria Ulfa Siregar") is read from the article itself: a known
given name, or a word it uses alone elsewhere ("ujar Maria"). Persons that only speak are added by extract_claims.
Sets Doc._.officials (a list of Person) and Doc._.mentions (a list of Mention).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise

import numpy
from spacy.attrs import IS_TITLE, IS_UPPER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from extract import patterns
from extract.doc import sentence_bounds, text_of

for _name in ("officials", "mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_MAX_NAME_TOKENS = 6  # "Anak Agung Gde Ngurah Ari Dwipayana"
_NAME_WINDOW = 12  # tokens after a title within which its chain and the name must show a capitalised word
_NEAR_SPELLING = 0.8  # similarity at which two spellings are one person ("Panji Wibisono", "Panji Wibisana")
_APPOSITION_CUES = (
    ("selaku",),
    ("yang", "merupakan"),
    ("menjabat", "sebagai"),
    ("sebagai",),
    ("yang", "menjabat"),
    ("yang", "juga", "merupakan"),
    ("yang", "juga", "menjabat"),
    ("yang", "kini", "menjabat"),
    ("dari", "jabatan"),  # "mencopot Adi dari jabatan Ketua KPU ..."
    ("salah", "seorang"),  # "Khoir, salah seorang demonstran"
    ("salah", "satu"),
)
# Lower-case words that may close a title chain before the name's comma ("Direktur Utama ... saat itu, Anggoro").
_CHAIN_FILLERS = frozenset({"saat", "itu", "ini", "kala", "tersebut", "sebelumnya", "terpilih", "nonaktif"})
_CONNECTORS = frozenset({"dan", "&", "sekaligus", "dari"})
_ENGLISH_CONNECTORS = frozenset({"for", "of", "and", "on", "the", "&"})
_CUE_LAST_WORDS = frozenset(cue[-1] for cue in _APPOSITION_CUES)
_INITIALS_CUES = frozenset({"berinisial", "inisial", "berinisal"})  # "berinisal": a common misspelling
_VERB_PREFIXES = ("meng", "meny", "mem", "men", "me", "di", "ber", "ter", "per")
_CAMEL_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Le", "La", "Van", "Von")  # "McDonald", "DeWitt", "LeBron"
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"})


def _past_spaces(doc: Doc, i: int) -> int:
    """The first token from i that is not whitespace (scraped text doubles spaces: "Qualcomm,   Kedar Kondap")."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


@dataclass(frozen=True)
class _Lexicons:
    office_words: frozenset[str]
    office_affixes: tuple[tuple[str, str, int], ...]
    title_words: frozenset[str]
    role_titles: frozenset[str]  # the titles listed in lower case: professional roles ("pengamat", "ekonom")
    org_prefixes: frozenset[str]
    proper_org_prefixes: frozenset[str]
    org_suffixes: frozenset[str]
    honorifics: frozenset[str]
    ranks: frozenset[str]
    degrees: frozenset[str]
    particles: frozenset[str]
    given_names: frozenset[str]
    place_suffixes: frozenset[str]
    territorial_titles: frozenset[str]
    place_units: frozenset[str]
    field_heads: frozenset[str]
    place_cues: frozenset[str]
    nickname_openers: frozenset[str]
    building_words: frozenset[str]
    role_nouns: frozenset[str]
    place_openers: frozenset[str]
    source_cues: frozenset[str]
    title_modifiers: frozenset[str]
    not_names: frozenset[str]
    headline_verbs: frozenset[str]
    calendar_words: frozenset[str]
    months: frozenset[str]
    organisations: dict[str, str]  # any form, lower-case -> canonical
    regions: dict[str, str]


@cache
def lexicons() -> _Lexicons:
    organisations: dict[str, str] = {}
    for entry in patterns.lexicon("organisations"):
        canonical, aliases = entry.fields[0], entry.fields[1]
        for form in [canonical, *[a for a in aliases.split(";") if a.strip()]]:
            organisations.setdefault(form.strip().lower(), canonical)
    regions: dict[str, str] = {}
    for entry in patterns.lexicon("regions"):
        canonical, aliases = entry.fields[0], entry.fields[1]
        for form in [canonical, *[a for a in aliases.split(";") if a.strip()]]:
            regions.setdefault(form.strip().lower(), canonical)
    particles = frozenset(e.key for e in patterns.lexicon("name_particles"))
    # The first word of a title ("Kepala", "Bupati") is never a name; later words ("Agung" of "Jaksa Agung") may be.
    titles = {entry.key.lower().split()[0] for entry in patterns.lexicon("titles")} - {p.lower() for p in particles}
    return _Lexicons(
        office_words=patterns.words("office_words"),
        office_affixes=tuple((e.fields[0], e.fields[1], e.fields[2]) for e in patterns.lexicon("office_affixes")),
        title_words=frozenset(titles),
        role_titles=frozenset(e.key for e in patterns.lexicon("titles") if e.key.islower()),
        # The first word of a multi-word prefix ("Kejaksaan Negeri") opens an organisation too.
        org_prefixes=frozenset(e.key.lower().split()[0] for e in patterns.lexicon("organisation_prefixes")),
        proper_org_prefixes=patterns.words("proper_organisation_prefixes"),
        org_suffixes=patterns.words("organisation_suffixes"),
        honorifics=frozenset(e.key for e in patterns.lexicon("honorifics")),
        ranks=frozenset(e.key.lower() for e in patterns.lexicon("ranks")),
        degrees=frozenset(e.key for e in patterns.lexicon("degrees")),
        particles=particles,
        given_names=frozenset(e.key for e in patterns.lexicon("given_names")),
        place_suffixes=patterns.words("place_suffixes"),
        territorial_titles=patterns.words("territorial_titles"),
        place_units=patterns.words("place_units"),
        field_heads=patterns.words("field_heads"),
        place_cues=patterns.words("place_cues"),
        nickname_openers=frozenset(e.key for e in patterns.lexicon("nickname_openers")),
        building_words=patterns.words("building_words"),
        role_nouns=patterns.words("role_nouns"),
        place_openers=patterns.words("place_openers"),
        source_cues=patterns.words("source_cues"),
        title_modifiers=patterns.words("title_modifiers"),
        not_names=patterns.words("not_names"),
        headline_verbs=patterns.words("headline_verbs"),
        calendar_words=patterns.words("months") | patterns.words("weekdays"),
        months=patterns.words("months"),
        organisations=organisations,
        regions=regions,
    )


@dataclass
class Mention:
    """One place an official is named: the name's tokens, and the whole mention with its title chain."""

    name_start: int
    name_end: int
    extent_start: int
    extent_end: int
    name: str
    title: str | None = None
    organisation: str | None = None
    region: str | None = None
    person: int | None = None  # index into Doc._.officials


@dataclass
class Person:
    """One official of an article: every mention of the same person merged."""

    name: str
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    organisation: str | None = None
    region: str | None = None
    char_start: int = 0
    char_end: int = 0
    mentions: int = 0


def name_key(name: str) -> str:
    return "".join(name.lower().split())


@dataclass
class _Chain:
    start: int
    end: int
    title_end: int  # the title is doc[start:title_end]
    organisation: str | None
    region: str | None
    open_organisation: bool = False  # the organisation runs to the chain's end and may go on after it


class NameReader:
    """Reads persons' names in token runs: which capitalised words can be part of a name, where a name ends,
    which honorifics, ranks and degrees to leave out. Shared by extract_officials and extract_claims."""

    def __init__(self) -> None:
        self.lex = lexicons()
        # Both tests depend on the word alone and run on every capitalised word of an article: each word is
        # tested once.
        self._office_word = lru_cache(maxsize=1 << 16)(self._office_word_uncached)
        self._name_word = lru_cache(maxsize=1 << 16)(self._name_word_uncached)

    def is_office_word(self, token: Token) -> bool:
        return self._office_word(token.lower_)

    def _office_word_uncached(self, lower: str) -> bool:
        if (
            lower in self.lex.office_words
            or lower in self.lex.title_words
            or lower in self.lex.org_prefixes
            or lower in self.lex.place_units  # "Keuchik Gampong Lamteuba"
        ):
            return True
        return any(
            lower.startswith(prefix) and lower.endswith(suffix) and len(lower) >= length
            for prefix, suffix, length in self.lex.office_affixes
        )

    def is_name_token(self, token: Token) -> bool:
        return self._name_word(token.text)

    def is_name_word(self, text: str) -> bool:
        """is_name_token for a word of the text rather than a token."""
        return self._name_word(text)

    def _name_word_uncached(self, text: str) -> bool:
        if text in self.lex.particles:
            return True
        if not text[:1].isupper():
            return False
        letters = text.replace("'", "").replace("’", "").replace("-", "").replace(".", "")
        if not letters.isalpha():
            return False
        lower = text.lower()
        if lower in self.lex.not_names or lower in self.lex.calendar_words or self._office_word(lower):
            return False
        if self.is_verb_form(lower):
            return False
        if text in self.lex.honorifics or lower in self.lex.ranks:
            return False
        if "-" in lower and len(set(lower.split("-"))) == 1:
            return False  # "Aset-aset": a plural, never a name
        if lower.endswith("nya") and len(lower) >= 7:
            return False  # "Temannya", "Menurutnya": a possessive or a clitic, never a name
        if text.isupper() and len(letters) > 1:
            return False  # an acronym, not a name (initials are read by the apposition shape only)
        if len(letters) > 2 and letters[1].isupper():
            return False  # "ZDnet", "PTPN-nya": a brand or an acronym with a suffix
        if any(a.islower() and b.isupper() for a, b in pairwise(letters)) and not any(
            letters.startswith(prefix) and letters[len(prefix) : len(prefix) + 1].isupper()
            for prefix in _CAMEL_NAME_PREFIXES
        ):
            return False  # "TechRadar", "WhatsApp", words glued by the scraper ("JatengAhmad"); not "McDonald"
        return not (text.endswith(".") and len(letters) > 1)

    def used_alone(self, doc: Doc, k: int, end: int | None = None) -> bool:
        """Whether the article uses the word at token k elsewhere as a name on its own, not inside the same capitalised
        run: "ujar Maria", "kata Maria.", "... Maria mengatakan", or the whole name up to `end` ("dengan Agus
        Hananto untuk"); after a lower-case word or a punctuation mark, not after a capitalised word, which may be
        part of a place ("Gunung Tua"), nor after a place's cue ("di Jajag"). A body's short form ("Bandai Namco
        selaku ...", from "Bandai Namco America") is neither."""
        if not self.is_name_token(doc[k]):
            return False  # "11" of "SMAN 11 Semarang", a place's word: no name to use alone
        word = doc[k].text
        text = text_of(doc)
        own = doc[k].idx
        if end is None:
            end = self.name_run(doc, k, len(doc))
        whole = doc[k:end].text if end > k + 1 else None
        position = text.find(word)
        while position != -1:
            word_end = position + len(word)
            if (
                position != own
                and (position == 0 or not text[position - 1].isalnum())
                and (word_end == len(text) or not (text[word_end].isalnum() or text[word_end] in "'’-"))
                and self._alone_after(text, position)
                and (
                    self._alone_before(text, word_end)
                    or (
                        whole is not None
                        and text.startswith(whole, position)
                        and self._alone_before(text, position + len(whole))
                    )
                )
            ):
                return True
            position = text.find(word, word_end)
        return False

    def used_as_place(self, doc: Doc, k: int) -> bool:
        """Whether the article uses the word at token k elsewhere after a place's cue ("di Verbania", "ke Jajag")."""
        word = doc[k].text
        text = text_of(doc)
        position = text.find(word)
        while position != -1:
            end = position + len(word)
            if position != doc[k].idx and (end == len(text) or not text[end].isalnum()):
                i = position - 1
                while i >= 0 and text[i] == " ":
                    i -= 1
                start = i
                while start > 0 and text[start - 1].isalpha():
                    start -= 1
                if i >= 0 and text[start : i + 1] in self.lex.place_cues:
                    return True
            position = text.find(word, end)
        return False

    @staticmethod
    def _alone_before(text: str, end: int) -> bool:
        """Whether what follows `end` closes a name: a lower-case word or a punctuation mark ("Maria mengatakan",
        "ujar Maria."), not another capitalised word ("ruas Tol Bali")."""
        i = end
        while i < len(text) and text[i] in " \t":
            i += 1
        return i == len(text) or not text[i].isalpha() or text[i].islower()

    def _alone_after(self, text: str, position: int) -> bool:
        """Whether what stands before `position` leaves the word there on its own (see used_alone)."""
        i = position - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or not text[i].isalpha():
            return i < 0 or text[i] not in "-'’"  # a line start, a comma, a quote; not "Jateng-DIY"
        start = i
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
            start -= 1
        return text[start].islower() and text[start : i + 1] not in self.lex.place_cues  # not "di Kedungrejo"

    def is_not_name(self, lower: str) -> bool:
        """A word that opens no name and is part of none: "sementara", "Senin", "Ditahan"."""
        return lower in self.lex.not_names or lower in self.lex.calendar_words or self.is_verb_form(lower)

    def is_verb_form(self, lower: str) -> bool:
        """A headline verb ("Minta", "Ditahan", "Resmikan", "Dikunjungi"): its stem in headline_verbs.txt, bare or
        with di-, -kan or -i."""
        stems = self.lex.headline_verbs
        if lower.startswith("di"):
            forms: tuple[str, ...] = (lower, lower[2:])
        elif lower.startswith("ber"):
            forms = (lower, lower[3:])  # "Bekerja" is listed whole; "Bertugas", "Berharap"
        else:
            forms = (lower,)
        return any(
            form in stems
            or (form.endswith("kan") and form[:-3] in stems)
            or (form.endswith("i") and form[:-1] in stems)
            for form in forms
        )

    def name_run(self, doc: Doc, start: int, limit: int) -> int:
        """End of the person's name starting at `start` (== start when there is none)."""
        end = start
        while end < min(limit, len(doc)) and end - start < _MAX_NAME_TOKENS:
            token = doc[end]
            later_title_word = (
                end > start
                and token.lower_ in self.lex.title_words
                and token.is_title
                and (
                    not (end + 1 < len(doc) and doc[end + 1].text[:1].isupper())
                    or doc[end - 1].text in self.lex.particles
                )
            )  # "Sulaiman Hakim": a title word closing a name; "Abdul Hakim Mahfudz": one after a name part
            month_in_name = (
                end > start
                and token.lower_ in self.lex.months
                and token.is_title
                and not (end + 1 < len(doc) and doc[end + 1].like_num)
            )  # "Raja Juli Antoni", not "12 Juli 2024"
            if (self.is_name_token(token) or later_title_word or month_in_name) and not (
                end > start and token.is_sent_start
            ):
                if (
                    token.text in self.lex.particles
                    and end == start
                    and (
                        token.text.islower()
                        or not (
                            end + 1 < len(doc)
                            and (self.is_name_token(doc[end + 1]) or doc[end + 1].lower_ in self.lex.title_words)
                        )
                    )
                ):
                    break  # "bin" cannot open a name, nor "Lalu" that is not followed by one
                end += 1
                continue
            if (
                token.text == "."
                and end > start
                and len(doc[end - 1].text) == 1
                and doc[end - 1].text.isupper()
                and not doc[end - 1].whitespace_
                and end + 1 < min(limit, len(doc))
                and self.is_name_token(doc[end + 1])
            ):
                end += 1  # an initial's full stop, split off by the tokenizer: "M. Nur Khabsyin", "Budi S. Sudarmadi"
                continue
            break
        while end > start and doc[end - 1].text in self.lex.particles and doc[end - 1].text.islower():
            end -= 1
        return end

    def rank_length(self, doc: Doc, i: int) -> int:
        """Tokens of the rank or honorific at i: 2 for "Komisaris Jenderal", "Marsekal Muda"; 1 for "AKBP", "Dr."; 0."""
        if i + 1 < len(doc) and f"{doc[i].lower_} {doc[i + 1].lower_}" in self.lex.ranks:
            return 2
        return 1 if doc[i].text in self.lex.honorifics or doc[i].lower_ in self.lex.ranks else 0

    def skip_honorifics(self, doc: Doc, i: int) -> int:
        while i < len(doc):
            token = doc[i]
            if self.rank_length(doc, i) == 2:
                i += 2
            elif token.text in self.lex.honorifics or token.lower_ in self.lex.ranks:
                i += 1
                if i < len(doc) and doc[i].text == "." and not token.whitespace_:
                    i += 1
            elif (
                token.text == "("
                and i + 2 < len(doc)
                and doc[i + 1].lower_.startswith("purn")
                and doc[i + 2].text in (")", ".")
            ):
                i += 3 if doc[i + 2].text == ")" else 4
            else:
                break
        return i

    def clean_name(self, doc: Doc, start: int, end: int) -> str:
        tokens = [t for t in doc[start:end] if t.text not in self.lex.honorifics and t.lower_ not in self.lex.ranks]
        if (
            len(tokens) >= 3
            and tokens[0].text in self.lex.nickname_openers
            and tokens[0].text not in self.lex.particles
        ):
            tokens = tokens[1:]  # "Kang Asep Sunandar": the name is "Asep Sunandar", "Kang Asep" a familiar form
        # Words joined by single spaces; an initial's full stop stays on it ("M. Nur").
        return "".join(
            t.text + (" " if t.whitespace_ or (t.i + 1 < end and doc[t.i + 1].text != ".") else "") for t in tokens
        ).strip()

    def rank_before(self, doc: Doc, start: int) -> str | None:
        """A police or military rank right before a name ("AKP Rina Oktaviani"): the title when there is no other."""
        ranks: list[str] = []
        i = start - 1
        while i >= 0 and (doc[i].lower_ in self.lex.ranks or doc[i].text in self.lex.honorifics):
            if doc[i].lower_ in self.lex.ranks:
                ranks.insert(0, doc[i].text)
            i -= 1
        return " ".join(ranks) or None

    @staticmethod
    def is_acronym(token: Token) -> bool:
        return token.text.isupper() and token.is_alpha and len(token.text) > 1

    @staticmethod
    def is_initials(token: Token) -> bool:
        return token.text.isupper() and token.is_alpha and 2 <= len(token.text) <= 4

    def degrees_end(self, doc: Doc, end: int) -> int:
        """After a name, the end of its degrees: "Rudi Hermawan, S.H., M.H.," -> after "M.H."."""
        i = end
        while i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].text in self.lex.degrees:
            i += 2
            if i < len(doc) and doc[i].text == "." and not doc[i - 1].whitespace_:
                i += 1
        return i

    def is_known_place_or_body(self, name: str) -> bool:
        """A region or organisation, which reads like a name but is none ("Karawang", "Kemendag")."""
        return name.lower() in self.lex.regions or name.lower() in self.lex.organisations


class OfficialFinder:
    """The extract_officials component (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.lex = lexicons()
        self.names = NameReader()
        # Two passes over each Doc: the phrases matched as written, and those matched in any case (titles,
        # organisations, regions, alias cues), each told apart by its key.
        self.exact_phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("title", [nlp.make_doc(e.key) for e in patterns.lexicon("titles")])
        for label, name in (("org", "organisations"), ("region", "regions")):
            for entry in patterns.lexicon(name):
                for form in [entry.fields[0], *(a.strip() for a in entry.fields[1].split(";") if a.strip())]:
                    form_doc = nlp.make_doc(form)
                    # Short all-caps forms ("BI", "MA") and one-word names ("Batu") only as written.
                    exact = (form.isupper() and len(form) <= 5) or len(form_doc) == 1
                    (self.exact_phrases if exact else self.phrases).add(label, [form_doc])
        self.phrases.add("alias", [nlp.make_doc(e.key) for e in patterns.lexicon("alias_cues")])
        self.phrases.add("role", [nlp.make_doc(e.key) for e in patterns.lexicon("role_nouns")])

    # -- shapes --------------------------------------------------------------------------------------------------

    def _marks(self, doc: Doc) -> tuple[dict[int, tuple[int, str, str]], dict[int, int], dict[int, int], list[int]]:
        """Organisation and region spans by start token: (end, label, text); title starts; alias cue starts (both
        start -> end); role noun starts."""
        spans: dict[int, tuple[int, str, str]] = {}
        title_starts: dict[int, int] = {}
        alias_cues: dict[int, int] = {}
        role_starts: list[int] = []
        exact = [(doc.vocab.strings[key], start, end) for key, start, end in self.exact_phrases(doc)]
        any_case = [(doc.vocab.strings[key], start, end) for key, start, end in self.phrases(doc)]
        for label, start, end in exact + any_case:
            if label == "title":
                title_starts[start] = max(end, title_starts.get(start, end))
            elif label == "alias":
                alias_cues[start] = end
            elif label == "role":
                role_starts.append(start)
            elif start not in spans or end > spans[start][0]:
                spans[start] = (end, label, doc[start:end].text)
        return spans, title_starts, alias_cues, sorted(role_starts)

    def _parenthetical_end(self, doc: Doc, i: int) -> int | None:
        """End of "(ABC)" or "(Persero)" at i."""
        if i < len(doc) and doc[i].text == "(":
            for j in range(i + 1, min(i + 5, len(doc))):
                if doc[j].text == ")":
                    return j + 1
        return None

    def chain(
        self, doc: Doc, start: int, marks: dict[int, tuple[int, str, str]], title_starts: dict[int, int]
    ) -> _Chain:
        """The title chain starting at a title word: its extent, where the title ends, its organisation and region."""
        i = start
        sentence_end = sentence_bounds(doc, start)[1]
        title_end: int | None = None
        organisation = region = None
        org_start: int | None = None  # "Kepala Dinas Kesehatan Kota Bogor": the organisation opened by "Dinas"
        derived = False  # the organisation was read off the title, not found in the lexicon
        for k in range(start + 1, title_starts.get(start, start + 1)):
            if doc[k].lower_ in self.lex.org_prefixes:
                org_start = k
                break
        role_title = doc[start : title_starts.get(start, start + 1)].text.lower() in self.lex.role_titles
        while i < sentence_end:
            token = doc[i]
            if i in marks:
                end, label, text = marks[i]
                if label == "org" and (organisation is None or derived):
                    # A known organisation wins over one read off the title ("Kepala Kantor Wilayah ... BPJS ...").
                    adjacent = org_start is not None and org_start + 1 == i
                    organisation = doc[org_start:end].text if adjacent else text
                    derived = False
                elif label == "region" and region is None:
                    region = text
                    if org_start is not None and organisation is None:
                        organisation, derived = doc[org_start:i].text, True
                title_end = title_end if title_end is not None else i
                if label == "region":
                    while end < sentence_end and doc[end].lower_ in self.lex.place_suffixes and doc[end].is_title:
                        end += 1  # "Cilacap Tengah"
                    region = doc[i:end].text if region == text else region
                i = end
                while label == "org" and i < sentence_end and doc[i].lower_ in self.lex.org_suffixes:
                    i += 1  # "PT Pertamina Persero", "Bank Mandiri Tbk"
                if label == "org":
                    k = i
                    while k < min(sentence_end, i + 3) and doc[k].is_title:
                        k += 1
                    if (
                        k > i + 1
                        and i not in marks
                        and doc[i].lower_ not in ("kota", "kabupaten", "provinsi", "kab", "kab.")
                        and not any(self.names.is_office_word(t) for t in doc[i : k - 1])
                        and self.names.is_known_place_or_body(doc[k - 1].text)
                        and (k >= sentence_end or not doc[k].text[:1].isupper())
                    ):
                        i = k  # "Partai Buruh Sosialis Spanyol.": a known body's longer name, closed by a place
                closing = self._parenthetical_end(doc, i)
                if closing is not None:
                    i = closing
                continue
            lower = token.lower_
            if lower in self.lex.proper_org_prefixes and i > start:
                title_end = title_end if title_end is not None else i
                i, text = self._proper_organisation(doc, i, sentence_end)
                organisation = organisation or text
                continue
            if lower in ("kota", "kabupaten", "provinsi", "kab.", "kab") and i + 1 < sentence_end:
                nxt = doc[i + 1]
                if nxt.text[:1].isupper() and (
                    i + 1 in marks or not self.names.is_name_token(nxt) or i + 2 < sentence_end
                ):
                    end = marks[i + 1][0] if i + 1 in marks else i + 2
                    if org_start is not None and organisation is None:
                        organisation, derived = doc[org_start:i].text, True
                    region = region or doc[i:end].text
                    title_end = title_end if title_end is not None else i
                    i = end
                    continue
            if i > start and (
                lower in self.lex.ranks or (i + 1 < sentence_end and f"{lower} {doc[i + 1].lower_}" in self.lex.ranks)
            ):
                break  # "Wakapolri Komisaris Jenderal Ahmad", "(Basarnas) Marsekal Muda TNI Mohammad": a rank
            if i in title_starts:
                phrase_end = title_starts[i]
                if org_start is None:
                    org_start = next(
                        (k for k in range(i + 1, phrase_end) if doc[k].lower_ in self.lex.org_prefixes), None
                    )
                i = phrase_end
                continue
            if lower in ("bidang", "of") and i + 1 < sentence_end and doc[i + 1].text[:1].isupper():
                i += 2  # "Bidang Fatwa", "Head of Research": the field is part of the title, whatever the word
                continue
            if (
                i > start
                and doc[i - 1].lower_ in self.lex.field_heads
                and token.text[:1].isupper()
                and token.is_alpha
                and i not in marks
                and token.text not in self.lex.given_names
                and i + 1 < sentence_end
                and doc[i + 1].text[:1].isupper()
                and not self.names.used_alone(doc, i)
            ):
                i += 1  # "Kasi Pidus Kejaksaan Negeri ...", "Kabid Dikdas Disdikbud ...": the section's field
                continue
            # After a post, a lower-case word that also runs text ("Anggota TNI dalam ...") ends it; a professional
            # role (listed in lower case) takes lower-case fields ("Pengamat kebijakan publik").
            if (
                self.names.is_office_word(token)
                and not (token.is_lower and lower in self.lex.not_names and not role_title and not doc[start].is_lower)
                and not (
                    token.text in self.lex.particles
                    and i + 1 < sentence_end
                    and self.names.is_name_token(doc[i + 1])
                    and not self.names.is_office_word(doc[i + 1])
                )
            ):  # "Gubernur NTB Lalu Muhamad Iqbal": a name part, unlike "Lalu Lintas"
                if lower in self.lex.org_prefixes and i > start and org_start is None and organisation is None:
                    org_start = i
                    title_end = title_end if title_end is not None else i
                i += 1
                continue
            if (
                token.text.isupper()
                and token.text.isalnum()  # "DP3AP2KB", "P2TP2A": acronyms with digits too
                and 1 < len(token.text) <= 9
                and token.text not in _ROMAN
                and lower not in self.lex.ranks  # "Kasat Reskrim AKP Rio Arinanda": the rank opens the name
            ):
                if (
                    i == title_starts.get(start)
                    and title_end is None
                    and organisation is None
                    and not self.names.is_office_word(token)
                    and not (
                        i + 1 < sentence_end and self.names.is_acronym(doc[i + 1]) and i + 1 not in marks
                    )  # "Ketua TP PKK": two acronyms name one body; "Ketua MPBI DIY" ends on a place
                ):
                    # "Ketua MPBI DIY": an unknown acronym right after the title is the body, not part of the title.
                    title_end, organisation, derived = i, token.text, True
                i += 1  # an acronym inside the chain: "SDM", "UPTD", "RI"
                continue
            if (
                (token.text in _ROMAN or (len(token.text) == 1 and token.text.isupper()))
                and i > start
                and self.names.is_office_word(doc[i - 1])
                and not (
                    i + 1 < sentence_end
                    and self.names.is_name_token(doc[i + 1])
                    and not self.names.is_known_place_or_body(doc[i + 1].text)
                )
            ):
                i += 1  # "Komisi IX", "Kelas I Jakarta", "DPD I Golkar"; but "I" opens "I Nyoman Mastera"
                continue
            if (
                token.like_num
                and i > start
                and (doc[i - 1].text in ("RT", "RW", "Rt", "Rw") or doc[i - 1].lower_ in self.lex.org_prefixes)
            ):
                i += 1  # "Ketua RW 4", "Kepala SMAN 11", "Dandim 0802"
                continue
            if token.text == "(":
                closing = self._parenthetical_end(doc, i)
                if closing is not None:
                    i = closing
                    continue
            listed = i + 1  # the word after the comma, or after "dan" following it
            if listed + 1 < sentence_end and doc[listed].lower_ in ("dan", "serta"):
                listed += 1
            if (
                token.text == ","
                and i > start
                and region is None  # after the place, a comma ends the chain: "Wali Kota Bekasi, Jalan Ahmad Yani"
                and listed < sentence_end
                and self.names.is_office_word(doc[listed])
                and doc[listed].text not in self.lex.particles  # "Lalu" opens Sasak names as well as "Lalu Lintas"
                and doc[listed].text not in self.lex.given_names
                and doc[listed].lower_ not in self.lex.place_units  # "Ketua RW 4, Kelurahan ...": a place follows
                and doc[listed].lower_ not in self.lex.place_cues  # "Gubernur, Jalan Suropati"
            ):
                i += 1  # "Kepala Dinas Kepemudaan, Olahraga, dan Pariwisata": a list of departments
                continue
            if token.text == "," and i > start and region is None:
                listed_end = self._department_list_end(doc, i + 1, sentence_end, title_starts)
                if listed_end is not None:
                    i = listed_end  # "Balai Karantina Hewan, Ikan, dan Tumbuhan": a list of fields, whatever the words
                    continue
            if lower in _CONNECTORS and i + 1 < sentence_end:
                nxt = doc[i + 1]
                if nxt.text.isupper() and nxt.is_alpha and len(nxt.text) <= 6:
                    i += 1  # "Bidang Umum dan SDM"
                    continue
                if nxt.text[:1].isupper() and (
                    self.names.is_office_word(nxt) or i + 1 in marks or i + 1 in title_starts or lower == "dari"
                ):
                    i += 1
                    continue
                if lower == "dari" and nxt.text[:1].isupper():
                    i += 1
                    continue
            if (
                role_title
                and token.is_lower
                and token.is_alpha
                and i - start <= 4
                and not self.names.is_not_name(lower)
                and token.text not in self.lex.honorifics  # "Dokter spesialis penyakit dalam dr Andi"
                and not lower.startswith(_VERB_PREFIXES)  # "Petugas mengamankan ...": a verb ends the role
                and i + 1 < sentence_end
                and (doc[i + 1].is_lower or doc[i + 1].text[:1].isupper())
            ):
                i += 1  # "psikolog klinis Rina ...", "ekonom senior Indef ...": a professional role's field
                continue
            if token.text[:1].isupper() and token.is_alpha:
                # "Reforminer Institute", "Energy Watch": an organisation closed by a known last word.
                closing = self._closing_suffix(doc, i, sentence_end)
                if closing is not None:
                    title_end = title_end if title_end is not None else i
                    organisation = organisation or doc[i:closing].text
                    i = closing
                    continue
                # "Badan Pengatur Jalan Tol (BPJT)", "Masyarakat Anti-Korupsi Indonesia (MAKI)": a run closed by
                # its acronym in brackets names a body.
                closing = self._acronym_closed_run(doc, i, sentence_end, title_starts)
                if closing is not None:
                    title_end = title_end if title_end is not None else i
                    if organisation is None:
                        organisation = doc[org_start if org_start is not None else i : closing].text
                    i = closing
                    continue
                if (
                    i + 1 < sentence_end
                    and doc[i + 1].text[:1].isupper()
                    and self.names.is_office_word(doc[i + 1])
                    and doc[i + 1].text not in self.lex.particles
                    and i + 1 not in title_starts
                    and token.text not in self.lex.given_names
                    and not self.names.is_not_name(lower)
                    and lower not in self.lex.ranks
                ):
                    i += 1  # "Komandan Garda Revolusi ...": a word that an office word continues names a body
                    continue
            break
        if title_end is None:
            title_end = i
        open_organisation = organisation is None and org_start is not None and i > org_start + 1
        if open_organisation:
            organisation = doc[org_start:i].text
        return _Chain(start, i, title_end, organisation, region, open_organisation)

    def _department_list_end(self, doc: Doc, k: int, limit: int, title_starts: dict[int, int]) -> int | None:
        """After a comma in a title chain, the end of a list of fields closed by "dan"/"serta" ("Ikan, dan Tumbuhan",
        "Aksi, Strategis, dan Pendidikan"): capitalised words, never a given name or a title; None if there is none."""
        end = min(limit, k + 10)
        while k < end:
            token = doc[k]
            if not token.is_title or token.text in self.lex.given_names or k in title_starts:
                return None
            k += 1
            if k < end and doc[k].text == ",":
                k += 1
            if k < end and doc[k].lower_ in ("dan", "serta"):
                last = k + 1
                if (
                    last < limit
                    and doc[last].is_title
                    and last not in title_starts
                    and doc[last].text not in self.lex.given_names
                ):
                    return last + 1
                return None
        return None

    def _acronym_closed_run(self, doc: Doc, i: int, limit: int, title_starts: dict[int, int]) -> int | None:
        """End of "Pengatur Jalan Tol (BPJT)": up to six capitalised words (with hyphens and connectors) closed by an
        acronym in brackets; None when the run at i is not one."""
        j = i
        while j < min(limit, i + 8):
            text = doc[j].text
            if j in title_starts or text in self.lex.given_names:
                return None  # "Donald Trump dan Perdana Menteri (PM)": a person and a title, not a body
            if text == "(":
                closing = self._parenthetical_end(doc, j)
                if closing is None or closing != j + 3 or not doc[j + 1].text.isupper() or j == i:
                    return None
                if self._initials_of(doc[j + 1].text, doc[i:j].text) and not any(
                    self.names.is_office_word(t) for t in doc[i:j]
                ):
                    return None  # "Hendi Prio Santoso (HPS)": a person's initials, not a body's acronym
                return closing
            if not (text[:1].isupper() or text in ("-", "–") or doc[j].lower_ in _CONNECTORS):
                return None
            j += 1
        return None

    def _closing_suffix(self, doc: Doc, i: int, limit: int) -> int | None:
        for j in range(i, min(i + 3, limit)):
            if not doc[j].text[:1].isupper():
                return None
            # "DC Futures": after an acronym the closing word may stand alone.
            if doc[j].lower_ in self.lex.org_suffixes and (j > i or (i > 0 and self.names.is_acronym(doc[i - 1]))):
                return j + 1
        return None

    def _proper_organisation(self, doc: Doc, i: int, limit: int) -> tuple[int, str]:
        """ "PT Pupuk Indonesia (Persero)": the prefix and the proper nouns it names."""
        start = i
        i += 1
        run_end = i
        while run_end < limit and run_end - i < 8:
            token = doc[run_end]
            if token.text in ("-", "–") and not doc[run_end - 1].whitespace_ and not token.whitespace_:
                run_end += 1  # "PT Maju Energi Jateng-DIY"
                continue
            if token.lower_ in _ENGLISH_CONNECTORS and run_end + 1 < limit and doc[run_end + 1].is_title:
                run_end += 1  # "Institute for Development of Economics and Finance"
                continue
            if not (token.text[:1].isupper() or token.text == "("):
                break
            if run_end > i and (self.names.is_verb_form(token.lower_) or token.lower_ in self.lex.calendar_words):
                break  # a headline's verb ("PT Maju Jadi Tersangka"), a weekday: the organisation's name has ended
            if doc[run_end].text == "(":
                closing = self._parenthetical_end(doc, run_end)
                if closing is None:
                    break
                return closing, doc[start:closing].text
            if doc[run_end].lower_ in self.lex.org_suffixes and run_end > i:
                return run_end + 1, doc[start : run_end + 1].text
            run_end += 1
        if self.names.is_known_place_or_body(doc[run_end - 1].text):
            return run_end, doc[start:run_end].text  # "Partai Buruh Sosialis Spanyol": a run closed by a place
        for k in range(i + 1, run_end):
            # The person's name starts at a word the article shows to be a name: a given name ("PT Maju Energi Agus
            # Hananto"), or a word it uses alone ("kata Nasori").
            if doc[k - 1].text in ("-", "–") or not self.names.is_name_token(doc[k]):
                continue
            if (
                (doc[k].text in self.lex.given_names and k < run_end - 1)
                or self._particle_opens_name(doc, k, run_end)
                or self.names.used_alone(doc, k, run_end)
            ):
                return k, doc[start:k].text
        if run_end - i >= 3 and text_of(doc).count(doc[start:run_end].text) >= 2:
            # The whole run written again with no word of it ever used alone ("Dirut PT Total Cetra Alam" twice):
            # a company's full name, which no one repeats for a person.
            return run_end, doc[start:run_end].text
        length = run_end - i
        # Without a closing word, leave a two-word name after a long run ("PT Maju Jaya Budi Santoso"), unless a
        # comma closes the run ("PT Sinar Tani Makmur, Bagus Wicaksono").
        closed = run_end < limit and doc[run_end].text == ","
        keep = length if length <= 2 or closed else max(1, length - 2)
        return i + keep, doc[start : i + keep].text

    def _title_text(self, doc: Doc, chain: _Chain) -> str | None:
        end = chain.title_end
        while end > chain.start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _CONNECTORS):
            end -= 1
        text = doc[chain.start : end].text.strip()
        if text.count("(") > text.count(")"):
            text = text[: text.rindex("(")].strip()  # "Menteri Keuangan (Menkeu" -> "Menteri Keuangan"
        return text or None

    def forward_mentions(self, doc: Doc, marks: dict, title_starts: dict[int, int]) -> list[Mention]:
        """Title chain, then the name: "Bupati Kutai Kartanegara Edi Damansyah", "Direktur Keuangan X, Asep"."""
        mentions: list[Mention] = []
        consumed = -1
        furniture = doc._.furniture
        # Capitalised tokens (cumulative count): a title with none shortly after it names nobody after it, and most
        # lower-case role words ("petugas", "guru") are such; they are passed over without reading a chain.
        capitals = numpy.cumsum(doc.to_array([IS_TITLE, IS_UPPER]).any(axis=1))
        for start in sorted(title_starts):
            if start < consumed or furniture[start]:
                continue
            window_end = min(len(doc), title_starts[start] + _NAME_WINDOW) - 1
            if capitals[window_end] == capitals[title_starts[start] - 1]:
                continue
            chain = self.chain(doc, start, marks, title_starts)
            if start > 0 and doc[start - 1].text in self.lex.particles and doc[start - 1].is_title:
                continue  # "KH Abdul Hakim Mahfudz": the title word is part of a name
            if self._names_a_building(doc, start) and chain.end < len(doc) and doc[chain.end].text == ",":
                consumed = chain.end  # "Rumah Dinas Gubernur, Jalan Suropati": a building's name, then its address
                continue
            if self._surname_like_title(doc, start):
                continue  # "Royce Mendes, Ekonom ...": a one-word title right after a lone name is its surname
            if self._apposed_name_before(doc, start):
                consumed = chain.end
                continue  # read by apposition_mentions
            sentence_end = sentence_bounds(doc, start)[1]
            j = chain.end
            fillers = 0
            while j < sentence_end and doc[j].lower_ in _CHAIN_FILLERS and fillers < 2:
                j += 1
                fillers += 1
            place, closed_by_comma = None, False
            # "Direktur Utama PT Ramawijaya berinisial M": a suspect named by initials only.
            cue = j
            while cue < min(sentence_end, j + 6) and doc[cue].text[:1].isupper():
                cue += 1  # "Bendahara Koperasi Tani Makmur berinisial SR": the body's words before the cue
            initials = (
                cue + 1 < sentence_end
                and doc[cue].lower_ in _INITIALS_CUES
                and doc[cue + 1].text.isupper()
                and doc[cue + 1].is_alpha
                and len(doc[cue + 1].text) <= 4
            )
            if not initials and j + 1 < sentence_end and doc[j].lower_ == "bernama":
                j += 1  # "seorang guru ngaji bernama Mukri"
            if initials:
                if cue > j and chain.organisation is None:
                    opener = doc[chain.end - 1]
                    body = doc[chain.end - 1 if opener.lower_ in self.lex.org_prefixes else j : cue].text
                    chain.organisation = body
                j = cue + 1
            elif j < sentence_end and doc[j].text == ",":
                j = _past_spaces(doc, j + 1)
                if j in marks and (
                    (marks[j][0] < sentence_end and doc[marks[j][0]].text == ",")
                    or (marks[j][1] == "region" and chain.region is not None)
                ):
                    # "Kepala Biro Komunikasi, Kemenkeu, Nufransa ...": the body or place set off by commas;
                    # "Ketua DPRD Bantaeng, Sulawesi Selatan (Sulsel), Budi": the province of the place.
                    end, label, text = marks[j]
                    if label == "org":
                        chain.organisation = chain.organisation or text
                    else:
                        chain.region = chain.region or text
                    end = self._parenthetical_end(doc, end) or end
                    j = _past_spaces(doc, end + 1) if end < sentence_end and doc[end].text == "," else end
                elif j < sentence_end and doc[j].lower_ in self.lex.place_units and doc[j].is_title:
                    # "Ketua RW 4, Kelurahan Prajurit Kulon, Suwoto": the unit set off by commas.
                    end = j + 1
                    while end < min(sentence_end, j + 5) and doc[end].text[:1].isupper():
                        end += 1
                    if end < sentence_end and doc[end].text == ",":
                        chain.region = chain.region or doc[j:end].text
                        j = end + 1
            elif fillers:
                continue
            else:
                before_comma = doc[start - 2] if start > 1 else None
                listed = bool(mentions) and mentions[-1].extent_end == start - 1  # "Title A Nama, Title B Nama"
                if (
                    before_comma is not None
                    and not listed
                    and doc[start - 1].text == ","
                    and (
                        (
                            self.names.is_name_token(before_comma)
                            and not self.names.is_known_place_or_body(before_comma.text)
                        )
                        or self.names.is_initials(before_comma)
                        or self._surname_like_title(doc, start - 2)
                    )
                ):
                    # "Slamet Widodo, Kepala Desa Kedungrejo, menyebutkan", "Royce Mendes, Ekonom Desjardins
                    # mengatakan": the words after the title are its place or body, unless the article shows them to
                    # be a name ("Nasori, Kepala Cabang PT X Agus Hananto, dan").
                    run = self.names.name_run(doc, j, sentence_end)
                    # Only a known given name tells: a body's name is used alone too ("Starbucks", "Jaish Ahrar").
                    named = j < run and doc[j].text in self.lex.given_names
                    later = run + 1 if run < sentence_end and doc[run].text == "," else run
                    if later < sentence_end and doc[later].lower_ in ("dan", "serta"):
                        later += 1
                    if (
                        not named
                        and j < run
                        and later not in title_starts  # "A, Perdana Menteri Israel B, dan Presiden C": a list
                        and (
                            run >= sentence_end
                            or doc[run].text == "."
                            or (doc[run].text == "," and not self._title_follows(doc, run + 1, title_starts))
                            # "Suharti, Lurah Tanah Sereal menjelaskan"; after capitals, only one word ("Terkait
                            # kebijakan HGBT, Menteri Keuangan Sri Mulyani pun ...": an acronym, then a list)
                            or (doc[run].is_lower and (run == j + 1 or self.names.is_name_token(before_comma)))
                        )
                    ):
                        consumed = run
                        continue
                territorial = doc[start : title_starts[start]].text.lower() in self.lex.territorial_titles
                last = doc[chain.end - 1].lower_
                opening_place = last in self.lex.place_units and chain.region is None
                opening_body = (
                    last in self.lex.org_prefixes
                    # "Kepala Klinik ...", not "Menteri Koperasi" (a portfolio) nor "ketua majelis Surya" (a panel)
                    and last not in self.lex.office_words
                    and chain.organisation is None
                    and chain.region is None
                ) or (
                    # "hakim Pengadilan Negeri Rejanglebong, Bengkulu": one word more of an open body, not after its
                    # acronym ("Dewan Ekonomi Nasional (DEN) Mary Elka Pangestu")
                    chain.open_organisation
                    and chain.region is None
                    and doc[chain.end - 1].text != ")"
                    and j + 1 < sentence_end
                    and not self.names.is_name_token(doc[j + 1])
                )
                place, j, closed_by_comma = self._place_before_name(
                    doc,
                    j,
                    sentence_end,
                    territorial and chain.region is None,
                    opening_place or opening_body,
                    # "Badan Pangan Nasional Sulaiman Hakim", "Kepala Bappeda Budi Santoso": after a body's name or a
                    # body's word, the name may start at once (a village's name always comes first: "Desa Jajag").
                    first_may_name=chain.open_organisation or (opening_body and not opening_place),
                )
                if place is None and opening_body and chain.organisation is None:
                    chain.organisation = doc[chain.end - 1].text  # "Kepala Bappeda Budi Santoso"
                if place is not None and opening_body and not closed_by_comma:
                    # "Kepala Klinik Sehat Bersama", "Pengadilan Negeri Rejanglebong"
                    opened = chain.organisation if chain.open_organisation else doc[chain.end - 1].text
                    chain.organisation = f"{opened} {place}"
                    place = None
                if place is not None and j >= sentence_end:
                    continue
            j = j if initials else self.names.skip_honorifics(doc, j)
            end = j + 1 if initials else self.names.name_run(doc, j, sentence_end)
            if end == j:
                consumed = chain.end
                continue
            if self.names.is_known_place_or_body(doc[j:end].text):
                consumed = end  # "Ketua KPU Kabupaten Labura, Sumut.", "presiden, Demokrat": no person
                continue
            if (
                not initials
                and end == j + 1
                and doc[start].is_lower
                and place is None
                and doc[j - 1].text != ","
                and doc[j - 1].lower_ != "bernama"
                and doc[j].text not in self.lex.given_names
                and not self.names.used_alone(doc, j, end)
            ):
                consumed = end  # "petugas Avsec menghampirinya", "wali kota Muslim pertama": a unit or a quality
                continue
            extent_start = start
            while extent_start > 0 and doc[extent_start - 1].lower_ in self.lex.title_modifiers:
                extent_start -= 1  # "Mantan Menteri Perdagangan"
            title = self._title_text(doc, chain)
            if title and extent_start < start:
                title = f"{doc[extent_start:start].text} {title}"
            organisation, region = chain.organisation, chain.region
            if place is not None and closed_by_comma and place.split()[0] in self.lex.given_names:
                place = None  # "Kuasa hukum Rudi Hartono, Andreas ...": the client, neither a body nor a place
            if place is not None:
                if (
                    not closed_by_comma
                    or place.lower() in self.lex.regions
                    or doc[chain.end - 1].lower_ in self.lex.place_units  # "Kepala Desa Cibodas, Nama"
                    or territorial  # "Lurah Sukamaju, Nama"
                    or (region is not None and organisation is not None)
                ):
                    region = region or place
                elif organisation is not None and chain.open_organisation:
                    organisation = f"{organisation} {place}"  # "Perumda Air Minum Tirta Pakuan"
                elif organisation is None:
                    # "Kepala Terminal Tipe A Tirtonadi", "Ketua Kelompok Tani Sri Rejeki"; a known body that closes
                    # the run is the organisation ("... Non Alam Kemensos, Nama").
                    words = place.split()
                    known = next(
                        (
                            " ".join(words[k:])
                            for k in range(1, len(words))
                            if " ".join(words[k:]).lower() in self.lex.organisations
                        ),
                        None,
                    )
                    organisation = known or place
                else:
                    region = place
            mentions.append(
                Mention(
                    j,
                    end,
                    extent_start,
                    self.names.degrees_end(doc, end),
                    self.names.clean_name(doc, j, end),
                    title,
                    organisation,
                    region,
                )
            )
            consumed = end
            # "Bupati dan Wakil Bupati Bangkalan, Lukman Hakim dan Moch Fauzan": two titles, two names, in order.
            pair = next(
                (
                    k
                    for k in range(start + 1, chain.title_end)
                    if doc[k].lower_ in ("dan", "serta") and k + 1 in title_starts
                ),
                None,
            )
            if pair is not None and end + 1 < sentence_end and doc[end].lower_ in ("dan", "serta"):
                second = self.names.skip_honorifics(doc, end + 1)
                second_end = self.names.name_run(doc, second, sentence_end)
                if second_end > second:
                    mentions[-1].title = doc[extent_start:pair].text
                    second_title = self._title_text(doc, _Chain(pair + 1, chain.end, chain.title_end, None, None))
                    mentions.append(
                        Mention(
                            second,
                            second_end,
                            end,
                            self.names.degrees_end(doc, second_end),
                            self.names.clean_name(doc, second, second_end),
                            second_title,
                            organisation,
                            region,
                        )
                    )
                    consumed = second_end
        return mentions

    @staticmethod
    def _title_follows(doc: Doc, i: int, title_starts: dict[int, int]) -> bool:
        return i in title_starts

    def _particle_opens_name(self, doc: Doc, k: int, end: int) -> bool:
        """Whether a name part opens a name at k: followed by another name part or a given name ("Anak Agung Gde",
        "Teuku Muhammad"), not a company's word ("Sinar Mas Agro")."""
        return (
            doc[k].text in self.lex.particles
            and doc[k].is_title
            and k + 1 < end
            and (doc[k + 1].text in self.lex.particles or doc[k + 1].text in self.lex.given_names)
        )

    def _shown_name(self, doc: Doc, k: int, end: int) -> bool:
        """Whether the article shows the word at k to open a name: a known given name before the run's last word, a
        name part ("Abdul"), or a word it uses alone (see NameReader.used_alone)."""
        token = doc[k]
        return (
            (token.text in self.lex.given_names and k < end - 1)
            or token.text in self.lex.particles
            or self.names.used_alone(doc, k, end)
        )

    def _place_before_name(
        self, doc: Doc, j: int, sentence_end: int, territorial: bool, opening: bool, first_may_name: bool = False
    ) -> tuple[str | None, int, bool]:
        """Where a place ends and the name begins in "Camat Cilacap Tengah Bambang Heru Santoso" or "Kapolsek
        Tamalate Kompol Andi Saharuddin": at a rank or honorific, else at the first word that the article shows to be
        a name (a known given name, or a word it uses alone: "ujar Bambang"). A run closed by a comma with a name
        after it is all place: "Kepala Terminal Tipe A Tirtonadi, Hasan Basri". `territorial`: a title followed by
        the place it governs; `opening`: the chain ended on a word that a proper name must follow ("Kepala Desa
        Jajag", "Kepala Klinik Sehat Bersama Maria Ulfa"), so at least the first word of the run is not the person's."""
        run_end = j
        while (
            run_end < sentence_end
            and run_end - j < 8
            and (doc[run_end].text[:1].isupper() or doc[run_end].like_num or doc[run_end].text in self.lex.particles)
        ):
            run_end += 1
        if run_end == j:
            return None, j, False
        comma = run_end
        while comma < min(sentence_end, run_end + 2) and doc[comma].lower_ in _CHAIN_FILLERS:
            comma += 1  # "pelatih Napoli saat ini, Marco Bellandi"
        if comma < sentence_end and doc[comma].text == ",":
            after = self.names.skip_honorifics(doc, _past_spaces(doc, comma + 1))
            after_end = self.names.name_run(doc, after, sentence_end)
            apposed = after_end < sentence_end and doc[after_end].text == ","  # "..., Suharyanto, menjelaskan"
            following = after_end + 1
            if (
                apposed
                and following < sentence_end
                and (doc[following].lower_ in ("dan", "serta") or self.names.is_name_token(doc[following]))
            ):
                # "Menteri X Fahri Hamzah, Anies Baswedan, Fasli Jalal, ...": a list of people, the first the title's
                after_end = after
            if (
                after_end > after
                and not self.names.is_known_place_or_body(doc[after:after_end].text)
                # "Wakil Ketua DPR Sufmi Dasco Ahmad, Muzani juga ...": a name the article uses whole, then the
                # subject of the next clause
                and (apposed or not (run_end - j >= 2 and self.names.used_alone(doc, j, run_end)))
            ):
                return doc[j:run_end].text, after, True
        for k in range(j, run_end):
            if self.names.rank_length(doc, k):
                return (doc[j:k].text if k > j else None), k, False
        if (
            doc[j].lower_ in self.lex.place_openers
            and doc[j].is_title
            and j + 2 < run_end
            and self.names.is_name_token(doc[j + 2])
        ):
            return doc[j : j + 2].text, j + 2, False  # "Maritim Tanjung Perak Ady Hermanto": a place, then the name
        if not (territorial or opening):
            # A long run after any title may still hold a body's words before the name ("Kepala Riset Monex
            # Investindo Ariston Tjendra"): the name starts at the first word the article shows to be a name, when the
            # run's first word is not one.
            name_end = self.names.name_run(doc, j, sentence_end)
            if name_end - j >= 3 and len(doc[j].text.rstrip(".")) > 1 and not self._shown_name(doc, j, name_end):
                for k in range(j + 2, name_end - 1):
                    # Only a word used alone tells (a given name inside "Irsyad Ade Irawan" does not), after two
                    # words at least ("Sufmi Dasco Ahmad" is one name, known as "Dasco").
                    if doc[k - 1].text not in self.lex.particles and self.names.used_alone(doc, k, name_end):
                        return doc[j:k].text, k, False
            return None, j, False
        # The words of a place, a body or a name: the run up to a word that is none ("Desa Jajag dan Camat", "Camat
        # Cibeber Diperiksa").
        limit = j + 1
        while limit < run_end and (
            self.names.is_name_token(doc[limit])
            or doc[limit].text in self.lex.particles
            or self.names.is_office_word(doc[limit])
        ):
            limit += 1
        for k in range(j + 1 if opening and not first_may_name else j, limit):
            if k > j and doc[k - 1].text in self.lex.particles:
                continue  # "Lalu Muhamad": a name part holds the next word
            if not self.names.is_name_token(doc[k]) or self.names.is_known_place_or_body(doc[k].text):
                continue
            # A given name last in the run is a surname ("Purwanto Hadi"); a name part ("Teuku", "Lalu") or a word the
            # article uses alone opens a name.
            if (
                (doc[k].text in self.lex.given_names and k < limit - 1)
                or (doc[k].text in self.lex.particles and doc[k].is_title and k < limit - 1)
                or self.names.used_alone(doc, k, limit)
            ):
                return (doc[j:k].text if k > j else None), k, False
        if (
            opening
            and limit == j + 2
            and doc[j - 1].lower_ in self.lex.place_units
            and limit < sentence_end
            and doc[limit].is_lower
        ):
            return doc[j].text, j + 1, False  # "Pj Kepala Desa Sekapuk Musholikhin menyebut": village, then the name
        if opening or (limit == j + 1 and (limit < run_end or self.names.used_as_place(doc, j))):
            # No word is known to be a name: the run names the place or body ("Kepala UPTD Gunung Tua, HEL ..."); so
            # does a lone word after a territorial title that a headline's verb follows ("Camat Cibeber Diperiksa")
            # or that the article names as a place ("Wali Kota Verbania menyatakan", "tinggal di Verbania").
            return doc[j:limit].text, limit, False
        return None, j, False

    def _names_a_building(self, doc: Doc, start: int) -> bool:
        """Whether the title at `start` names a building or an office: "Kantor Wali Kota", "Rumah Dinas Gubernur"."""
        i = start
        while i > 0 and doc[i - 1].lower_ in self.lex.title_modifiers:
            i -= 1
        if i == 0 or doc[i - 1].lower_ not in self.lex.building_words:
            return False
        if doc[i - 1].lower_ in ("dinas", "jabatan"):
            return i > 1 and doc[i - 2].lower_ == "rumah"  # "Kepala Dinas" never gets here: its title starts before
        return True

    def _surname_like_title(self, doc: Doc, i: int) -> bool:
        """Whether the title word at i is a surname: one capitalised word ("Mendes", "Karo") right after a first name
        that stands alone ("Royce Mendes, Ekonom ...")."""
        token = doc[i]
        if i == 0 or not token.is_title or token.lower_ not in self.lex.title_words:
            return False
        if i + 1 >= len(doc) or doc[i + 1].text != ",":
            return False  # the full name is set off by a comma: "Royce Mendes, Ekonom ..."
        previous = doc[i - 1]
        if previous.lower_ in self.lex.title_modifiers or not self.names.is_name_token(previous):
            return False
        return previous.is_sent_start or i < 2 or not doc[i - 2].text[:1].isupper()

    def _apposition_cue(self, doc: Doc, start: int) -> tuple[int, bool]:
        """Where the cue between a name and the title at `start` begins (`start` when there is none), and whether it
        is worded: "Budi, Kepala ..." (a comma), "Budi selaku Kepala ...", "Budi, selaku Kepala ..." (worded)."""
        title_start = start
        while start > 0 and doc[start - 1].lower_ in self.lex.title_modifiers:
            start -= 1  # "CD selaku mantan Direktur ..."
        if start == 0:
            return title_start, False
        previous = doc[start - 1]
        if previous.lower_ in _CUE_LAST_WORDS:  # most titles have no worded cue: one test for them
            for cue in _APPOSITION_CUES:
                n = len(cue)
                if start - n >= 0 and all(doc[start - n + k].lower_ == word for k, word in enumerate(cue)):
                    if start - n > 0 and doc[start - n - 1].text == ",":
                        return start - n - 1, True
                    return start - n, True
        if previous.text == ",":
            return start - 1, False  # "Budi, Kepala ...", "Budi, mantan Kepala ..."
        return title_start, False

    def _apposed_name_before(self, doc: Doc, start: int) -> bool:
        """Whether a name and a worded cue stand before the title at `start` ("F selaku Direktur BUMG Tirta Jaya"):
        the title is that person's, and the capitalised words after it are its place or body, not a second name."""
        cue_start, worded = self._apposition_cue(doc, start)
        if not worded or cue_start == 0:
            return False
        token = doc[cue_start - 1]
        return self.names.is_name_token(token) or (token.text.isupper() and token.is_alpha and len(token.text) <= 4)

    def apposition_mentions(
        self, doc: Doc, marks: dict, title_starts: dict[int, int], taken: set[int]
    ) -> list[Mention]:
        """The name, then its title: "Erfan Kurniawan, Kepala BPJS ...,", "TOP yang merupakan Kepala Dinas ..."."""
        mentions = []
        furniture = doc._.furniture
        for start in sorted(title_starts):
            cue_start, worded = self._apposition_cue(doc, start)
            if cue_start == start or cue_start == 0:
                continue
            name_end = cue_start
            if worded and doc[name_end - 1].text == ")":
                opening = next((k for k in range(name_end - 2, max(name_end - 5, 0), -1) if doc[k].text == "("), None)
                if opening is not None:
                    name_end = opening  # "Chrisna Damayanto (CD) selaku ...": the initials in brackets are an alias
            name_start = name_end
            while name_start > 0 and name_end - name_start < _MAX_NAME_TOKENS:
                token = doc[name_start - 1]
                # Suspects' initials: "RZ, selaku ...", and a single letter before a worded cue ("F selaku Direktur").
                # (before a bare comma, a four-letter acronym is a body of a list: "Kemenhub, DJKA, Dirut KAI")
                initials = (
                    token.text.isupper()
                    and token.is_alpha
                    and (1 if worded else 2) <= len(token.text) <= (4 if worded else 3)
                )
                if initials and self.names.is_office_word(token):
                    initials = False  # "SMP atau SMA, Presiden ...": a school, a body
                if initials and not worded:
                    # "menahan ARS, Kepala Desa ...": initials only after a running word or a list's comma.
                    ahead = doc[name_start - 2] if name_start >= 2 else None
                    initials = ahead is not None and (ahead.is_lower or ahead.text in (",", ":"))
                surname = name_start == name_end and self._surname_like_title(doc, name_start - 1)
                if (
                    self.names.is_name_token(token) or (initials and name_start == name_end) or surname
                ) and not furniture[name_start - 1]:
                    name_start -= 1
                    if token.is_sent_start:
                        break
                    continue
                break
            while (
                name_start < name_end and doc[name_start].text in self.lex.particles and doc[name_start].text.islower()
            ):
                name_start += 1
            if name_start == name_end or name_start in taken:
                continue
            if name_start in marks:
                continue
            before = doc[name_start - 1] if name_start > 0 else None
            if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start:
                continue  # the name is part of a longer capitalised run: an organisation or a title
            if before is not None and before.lower_ in self.lex.source_cues and not worded:
                continue  # "dikutip dari Daily Mail, Wali Kota ...": a news source
            if (
                before is not None
                and before.is_lower
                and name_start >= 2
                and doc[name_start - 2].lower_ in self.lex.source_cues
                and not worded
            ):
                continue  # "dilansir detik News, Sekjen ...": an outlet whose name starts in lower case
            if before is not None and before.lower_ in self.lex.place_cues and not worded:
                continue  # "di Nay Pyi Taw, Menlu Iran ...": a place
            if before is not None and before.lower_ in self.lex.title_words and not worded:
                continue  # "lurah Jatipadang, camat Pasar Minggu": the place of the title before, in a list
            if name_end - name_start == 1 and (
                doc[name_start].text in self.lex.particles or self.names.used_as_place(doc, name_start)
            ):
                continue  # "Lalu, petugas pun ...": a lone name part; "di kawasan Jatipadang": a place
            chain = self.chain(doc, start, marks, title_starts)
            organisation, region, extent_end = chain.organisation, chain.region, chain.end
            sentence_end = sentence_bounds(doc, start)[1]
            run_end = chain.end
            while run_end < sentence_end and run_end - chain.end < 5 and doc[run_end].text[:1].isupper():
                run_end += 1
            if run_end > chain.end and (run_end >= sentence_end or doc[run_end].text in (",", ".")):
                place = doc[chain.end : run_end].text  # "ARS, Kepala Desa Bulu Bete, ..."
                if organisation is not None and chain.open_organisation:
                    organisation = f"{organisation} {place}"
                else:
                    region = region or place
                extent_end = run_end
            elif run_end == chain.end + 1 and run_end < sentence_end and doc[run_end].is_lower:
                # "Royce Mendes, Ekonom Desjardins mengatakan": one word between the title and the verb is its body.
                organisation = organisation or doc[chain.end].text
                extent_end = run_end
            mentions.append(
                Mention(
                    name_start,
                    name_end,
                    name_start,
                    extent_end,
                    self.names.clean_name(doc, name_start, name_end),
                    self._title_with_modifiers(doc, start, self._title_text(doc, chain)),
                    organisation,
                    region,
                )
            )
        return mentions

    def _title_with_modifiers(self, doc: Doc, start: int, title: str | None) -> str | None:
        """The title with the modifiers written before it ("mantan", "Plt")."""
        first = start
        while first > 0 and doc[first - 1].lower_ in self.lex.title_modifiers:
            first -= 1
        return f"{doc[first:start].text} {title}" if title and first < start else title

    @staticmethod
    def _initials_of(text: str, name: str) -> bool:
        """Whether `text` ("CD") is the initials of `name` ("Chrisna Damayanto")."""
        return text.isupper() and text.isalpha() and text == "".join(word[0] for word in name.split()).upper()

    def role_mentions(self, doc: Doc, taken: set[int], role_starts: list[int]) -> list[Mention]:
        """People named by what they are, with no post: "Esa, siswa asal Purworejo, ...", "Sumiati, salah seorang
        pedagang, ..." (a name set off by a comma before a role noun of role_nouns.txt, `role_starts`; no title)."""
        mentions = []
        for role in role_starts:
            if not doc[role].is_lower:
                continue
            comma = role - 1
            if comma > 1 and doc[comma].lower_ in ("seorang", "satu"):
                comma -= 2 if doc[comma - 1].lower_ == "salah" else 1  # "X, salah seorang pedagang"
            if comma < 1 or doc[comma].text != ",":
                continue
            end = comma
            start = end
            while start > 0 and end - start < _MAX_NAME_TOKENS and self.names.is_name_token(doc[start - 1]):
                start -= 1
                if doc[start].is_sent_start:
                    break
            if start == end or any(i in taken for i in range(start, end)):
                continue
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start:
                continue  # part of a longer capitalised run
            name = self.names.clean_name(doc, start, end)
            if not name or self.names.is_known_place_or_body(name):
                continue
            mentions.append(Mention(start, end, start, comma, name))
        return mentions

    def alias_mentions(self, doc: Doc, mentions: list[Mention], cues: dict[int, int]) -> list[tuple[int, str]]:
        """Nicknames: "X atau yang akrab disapa Gus Ipul", "Joko Widodo (Jokowi)": (mention index, alias), `cues`
        being the alias cues by start token."""
        found = []
        by_end = {m.name_end: index for index, m in enumerate(mentions)}
        for end, index in by_end.items():
            j = end
            if j < len(doc) and doc[j].text == "(":
                k = self.names.name_run(doc, j + 1, len(doc))
                if k > j + 1 and k < len(doc) and doc[k].text == ")" and not doc[j + 1].text.isupper():
                    found.append((index, doc[j + 1 : k].text))
                elif (
                    j + 2 < len(doc)
                    and doc[j + 2].text == ")"
                    and self._initials_of(doc[j + 1].text, mentions[index].name)
                ):
                    found.append((index, doc[j + 1].text))  # "Chrisna Damayanto (CD)"
                continue
            if j < len(doc) and doc[j].text == ",":
                j += 1
            if j + 1 < len(doc) and doc[j].lower_ == "atau" and doc[j + 1].text in self.lex.nickname_openers:
                k = self.names.name_run(doc, j + 2, len(doc))
                if k > j + 2:
                    found.append((index, doc[j + 1 : k].text))  # "Saifullah Yusuf atau Gus Ipul"
                continue
            if j in cues:
                k = self.names.name_run(doc, cues[j], len(doc))
                if k > cues[j]:
                    found.append((index, doc[cues[j] : k].text))
        return found

    def __call__(self, doc: Doc) -> Doc:
        marks, title_starts, alias_cues, role_starts = self._marks(doc)
        mentions = self.forward_mentions(doc, marks, title_starts)
        taken = {i for m in mentions for i in range(m.name_start, m.name_end)}
        titled = {m.extent_start for m in mentions}
        mentions += self.apposition_mentions(
            doc, marks, {k: v for k, v in title_starts.items() if k not in titled}, taken
        )
        taken = {i for m in mentions for i in range(m.name_start, m.name_end)}
        mentions += self.role_mentions(doc, taken, role_starts)
        mentions.sort(key=lambda m: m.name_start)
        people: list[Person] = []
        for mention in mentions:
            index = find_person(people, mention.name)
            if index is None:
                people.append(
                    Person(
                        mention.name,
                        [],
                        mention.title,
                        mention.organisation,
                        mention.region,
                        doc[mention.name_start].idx,
                        doc[mention.name_end - 1].idx + len(doc[mention.name_end - 1]),
                    )
                )
                index = len(people) - 1
            else:
                merge_mention(people[index], mention)
            mention.person = index
        for mention_index, alias in self.alias_mentions(doc, mentions, alias_cues):
            person = people[mentions[mention_index].person]  # type: ignore[index]
            if name_key(alias) != name_key(person.name) and alias not in person.aliases:
                person.aliases.append(alias)
        people = merge_aliases(people, mentions)
        doc._.officials = people
        doc._.mentions = mentions
        return doc


def named_twice(people: list[Person]) -> dict[int, int]:
    """Records of one person named twice, once by a form that became the other's alias (a nickname in the headline,
    "Mensos Gus Ipul", then "Saifullah Yusuf atau yang akrab disapa Gus Ipul"; a speaker's misspelling): {index:
    index of the record it joins, never itself joined}. The joined record gains what the other knew."""
    joined: dict[int, int] = {}
    for index, person in enumerate(people):
        key = name_key(person.name)
        for other, candidate in enumerate(people):
            if other != index and other not in joined and key in map(name_key, candidate.aliases):
                candidate.title = candidate.title or person.title
                candidate.organisation = candidate.organisation or person.organisation
                candidate.region = candidate.region or person.region
                joined[index] = other
                break
    for index, target in joined.items():
        while target in joined:  # a record joined into one that was joined in turn
            target = joined[target]
        joined[index] = target
    return joined


def merge_aliases(people: list[Person], mentions: list[Mention]) -> list[Person]:
    """The people with records named twice merged (see named_twice), mentions pointing at the kept records."""
    joined = named_twice(people)
    if not joined:
        return people
    kept = [i for i in range(len(people)) if i not in joined]
    position = {old: new for new, old in enumerate(kept)}
    for mention in mentions:
        if mention.person is not None:
            mention.person = position[joined.get(mention.person, mention.person)]
    return [people[i] for i in kept]


def merge_mention(person: Person, mention: Mention) -> None:
    """A later mention of a known person: the fuller name wins, the other form becomes an alias."""
    if len(mention.name) > len(person.name) and name_key(person.name) in name_key(mention.name):
        if person.name not in person.aliases:
            person.aliases.append(person.name)
        person.name = mention.name
    elif name_key(mention.name) != name_key(person.name) and mention.name not in person.aliases:
        person.aliases.append(mention.name)
    person.title = person.title or mention.title
    person.organisation = person.organisation or mention.organisation
    person.region = person.region or mention.region


def find_person(people: list[Person], name: str) -> int | None:
    """The person a name stands for: the same name or alias, or a part of one person's name (first or last name,
    when only one person has it), or a near spelling ("Panji Wibisono" for "Panji Wibisana")."""
    from difflib import SequenceMatcher

    key = name_key(name)
    for index, person in enumerate(people):
        if key == name_key(person.name) or key in (name_key(a) for a in person.aliases):
            return index
    words = name.lower().split()
    if len(words) > 1 and name.split()[0] in lexicons().nickname_openers:
        # "Cak Eri" for "Eri Cahyadi": the familiar form's name part belongs to one known person.
        rest = words[1:]
        owners = [i for i, p in enumerate(people) if all(w in p.name.lower().split() for w in rest)]
        if len(owners) == 1:
            return owners[0]
    # A fuller form of someone already known ("Aep" in a headline, then "Aep Syaepuloh").
    fuller = [
        index
        for index, person in enumerate(people)
        if len(person.name.split()) < len(words) and all(w in words for w in person.name.lower().split())
    ]
    if len(fuller) == 1:
        return fuller[0]
    candidates = [
        index
        for index, person in enumerate(people)
        if all(word in person.name.lower().split() for word in words) and len(words) < len(person.name.split())
    ]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        return None
    best, best_ratio = None, 0.0
    matcher = SequenceMatcher(None, "", key)  # the name is the fixed side: SequenceMatcher caches it
    for index, person in enumerate(people):
        for form in [person.name, *person.aliases, *person.name.split()]:
            form_key = name_key(form)
            if len(form) < 4 or abs(len(form_key) - len(key)) > len(key) // 2:
                continue
            matcher.set_seq1(form_key)
            # The quick ratios bound the ratio from above: a form that cannot beat the best so far, or reach a near
            # spelling at all, is not compared in full.
            floor = max(best_ratio, _NEAR_SPELLING)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= _NEAR_SPELLING and ratio > best_ratio:
                best, best_ratio = index, ratio
    return best


@Language.factory("extract_officials")
def make_officials(nlp: Language, name: str) -> OfficialFinder:
    """Officials found around the titles of patterns/lexicons/titles.txt."""
    return OfficialFinder(nlp)
