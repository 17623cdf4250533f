"""Claims: who said what. Direct quotes and reported speech, attributed to an official, pronouns resolved.

Reads the lexicons speech_verbs (frame | tag | inner_tag | passive | passive_bare | passive_opening | according |
fronted), pronouns, speaker_adverbs, theme_cues, clause_openers, clause_blockers, statement_nouns, collective_words,
apposition_markers, negations, person_determiners, person_introducers, circumstance_openers, person_nouns. Runs after
extract_officials and adds the persons who only speak to Doc._.officials.
Sets Doc._.claims (a list of Claim, in text order).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from extract import patterns
from extract.components.officials import NameReader, Person, find_person
from extract.components.sentences import sentence_bounds, text_of
from extract.schema import Claim

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)

_OPENING = '“"'
_CLOSING = '”"'
_ANAPHORS = frozenset({"itu", "tersebut"})
_MIN_QUOTE_WORDS = 4  # a shorter quote with no tag of its own is a name or a phrase, not a claim
_MAX_RELATIVE_WORDS = 12  # "X yang dikonfirmasi awak media usai kegiatan itu mengatakan"
_MAX_TITLE_WORDS = 6  # a title standing for a person ("Kepala Dinas Perhubungan Kalsel menjelaskan") is short
_MIN_INTERRUPTED_WORDS = (
    4  # "Ketersediaan sembako murah tersebut, menurut Ipuk, ...", not "Di sisi lain, menurut X, ..."
)
_MAX_CHAIN_WORDS = 12  # "Kepala Bidang Anggaran Badan Pengelola Keuangan Daerah (BPKD) Kabupaten Pangandaran"
_MAX_CIRCUMSTANCE_WORDS = 22  # "saat ditemui di kantornya di Jalan ..., Senin (3/7/2023),"
# Curly quotes read as Mac Roman after a UTF-8 round trip, as some scrapers store them; and the no-break space.
_MOJIBAKE_MARKS = {"\u201a\u00c4\u00fa": "“", "\u201a\u00c4\u00f9": "”"}
_NOISE_CHARS = frozenset("\u00ac\u2020\u00a0")
_TRAILING = " \t\n,.;:"
_SENTENCE_END = frozenset({".", "!", "?"})
_SWITCH = "switch"  # a candidate that names who speaks next and claims nothing
_COMMA = get_string_id(",")
_FINAL_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "”", '"', "…", "...", "-", "–", "—"})


@dataclass(frozen=True)
class _Lexicons:
    frames: frozenset[str]
    tags: frozenset[str]
    inner_tags: frozenset[str]
    passives: frozenset[str]  # every passive, also those of bare_passives and opening_passives
    bare_passives: frozenset[str]  # also those of opening_passives
    opening_passives: frozenset[str]
    according: frozenset[str]
    fronted: frozenset[str]
    pronouns: frozenset[str]
    adverbs: frozenset[str]
    theme_cues: frozenset[str]
    openers: frozenset[str]
    statement_nouns: frozenset[str]
    collective_words: frozenset[str]
    negations: frozenset[str]
    circumstance_openers: frozenset[str]
    person_determiners: frozenset[str]
    person_introducers: frozenset[str]
    clause_blockers: frozenset[tuple[str, str]]  # (verb, word)
    apposition_markers: frozenset[str]
    speech_words: frozenset[str]  # every word of speech_verbs: never part of a speaker's name


@cache
def _lexicons() -> _Lexicons:
    kinds: dict[str, set[str]] = {
        "frame": set(),
        "tag": set(),
        "inner_tag": set(),
        "passive": set(),
        "passive_bare": set(),
        "passive_opening": set(),
        "according": set(),
        "fronted": set(),
    }
    for entry in patterns.lexicon("speech_verbs"):
        kinds[entry.fields[1]].add(entry.key.lower())
    return _Lexicons(
        frames=frozenset(kinds["frame"]),
        tags=frozenset(kinds["tag"]),
        inner_tags=frozenset(kinds["inner_tag"]),
        passives=frozenset(kinds["passive"] | kinds["passive_bare"] | kinds["passive_opening"]),
        bare_passives=frozenset(kinds["passive_bare"] | kinds["passive_opening"]),
        opening_passives=frozenset(kinds["passive_opening"]),
        according=frozenset(kinds["according"]),
        fronted=frozenset(kinds["fronted"]),
        pronouns=patterns.words("pronouns"),
        adverbs=patterns.words("speaker_adverbs"),
        theme_cues=patterns.words("theme_cues"),
        openers=patterns.words("clause_openers"),
        statement_nouns=patterns.words("statement_nouns"),
        collective_words=patterns.words("collective_words"),
        negations=patterns.words("negations"),
        circumstance_openers=patterns.words("circumstance_openers"),
        person_determiners=patterns.words("person_determiners"),
        person_introducers=patterns.words("person_introducers"),
        clause_blockers=frozenset((e.key.lower(), e.fields[1].lower()) for e in patterns.lexicon("clause_blockers")),
        apposition_markers=patterns.words("apposition_markers"),
        speech_words=frozenset(word for words in kinds.values() for word in words if " " not in word),
    )


@cache
def _title_phrases() -> frozenset[str]:
    """Every listed title, lower-cased ("wali kota", "kepala bidang")."""
    return frozenset(entry.key.lower() for entry in patterns.lexicon("titles"))


@cache
def _acronym_bodies() -> frozenset[str]:
    """Organisation forms written as acronyms, lower-cased ("IDI"): a name may be spelt like one ("Idi Kurniadi")."""
    forms = set()
    for entry in patterns.lexicon("organisations"):
        for form in (entry.fields[0], *entry.fields[1].split(";")):
            if form.strip().isupper():
                forms.add(form.strip().lower())
    return frozenset(forms)


@dataclass
class _Speaker:
    """How a claim names its speaker: a person already known, a name to look up, or a pronoun."""

    person: int | None = None
    name: str | None = None
    pronoun: bool = False  # ia, dia, -nya: the last speaker
    anaphor: bool = False  # "Bendahara negara itu": the person named last
    subject: bool = False  # "Ia menambahkan": the pronoun opens a sentence rather than closing a quote
    bare: bool = False  # a name read before a verb only, with no title and no tag
    end: int | None = None  # token after the words that name the speaker
    start: int | None = None  # first token of the name, when the speaker is a name read in the text
    rank: str | None = None
    title: str | None = None  # "jaksa menilai", "Diakui Ketua KPU, ...": the person of the article with that title
    before: int | None = None  # character offset: a pronoun or anaphor stands for someone named before it
    strict: bool = False  # a name read where a common word could stand: only a person the article names elsewhere


@dataclass
class _Candidate:
    start: int  # character offsets of the claim's content
    end: int
    type: str
    verb: str | None
    speaker: _Speaker | None  # None: a quote with no tag, taken by the previous claim's speaker


_MARKS = re.compile("|".join([*_MOJIBAKE_MARKS, r"[“”\"\n]"]))


def _opens_quote(text: str, position: int, end: int) -> bool:
    """A closing mark used as an opening one (",”Dari situ ..."): it stands before a word, after a space or comma."""
    before = text[position - 1] if position else " "
    return end < len(text) and text[end].isalnum() and (before.isspace() or before in ",.")


def _starts_with_opening(text: str) -> bool:
    if text[:1] and text[0] in _OPENING:
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
        if continuation and not text[line_start:position].strip() and mark in _OPENING:
            continuation = False
            continue
        if open_at is None:
            if mark in _OPENING or _opens_quote(text, position, match.end()):
                open_at = match.end()
        elif mark in _CLOSING:
            spans.append((open_at, position, match.end()))
            open_at = None
    return spans


@dataclass
class _Mentioned:
    """Where the article names one of its officials, for resolving pronouns."""

    position: int  # character offset of the mention
    person: int
    subject: bool  # the mention opens its clause
    appositive: bool  # the name is set off by a comma ("... apresiasi dari Anggota DPRD X, Budi Santoso.")


@dataclass
class _Context:
    """What resolving a claim's speaker reads: the people, where they are named, the claims so far."""

    people: list[Person]
    mentions: list[_Mentioned]
    first_mention: dict[int, int]  # person -> character offset of the first mention
    claims: list[Claim]
    paragraph_of: Callable[[int], int]
    vouched: set[str]

    def in_claim(self, position: int) -> bool:
        return any(c.char_start <= position < c.char_end for c in self.claims)


@dataclass
class _Reading:
    """One sentence being read for reported speech: its first token and its end without final punctuation."""

    doc: Doc
    start: int
    end: int

    def claim(self, first: int, last: int, verb: str, speaker: _Speaker) -> _Candidate | None:
        """The indirect claim over tokens first..last (exclusive), or None when that is empty."""
        if last <= first:
            return None
        final = self.doc[last - 1]
        return _Candidate(self.doc[first].idx, final.idx + len(final), "indirect", verb, speaker)


def _before_parenthesis(doc: Doc, j: int) -> tuple[int, bool]:
    """Before a short parenthesis ending at token j ("Joko Widodo (Jokowi)", "Desi (28)"): the token before it, and
    whether the parenthesis holds an age."""
    if j <= 0 or doc[j].text != ")":
        return j, False
    opening = next((k for k in range(j - 1, max(j - 5, -1), -1) if doc[k].text == "("), None)
    if opening is None:
        return j, False
    inside = doc[opening + 1 : j]
    return opening - 1, len(inside) == 1 and inside[0].is_digit


def _comma_outside_brackets(doc: Doc, start: int, end: int) -> int | None:
    """The first comma of tokens start..end that stands outside brackets ("Menurut X (Norris, 2001), ...")."""
    depth = 0
    for k in range(start, end):
        text = doc[k].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(depth - 1, 0)
        elif text == "," and not depth:
            return k
    return None


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


def _opens_sentence(text: str, position: int) -> bool:
    """Whether a word at `position` opens a sentence, a line or the text after a dateline ("CNN Indonesia -- Nama
    Gunawan ..."): its capital says nothing about a name."""
    before = text[:position].rstrip(" ")
    return not before or before[-1] in '.!?\n"”-–—:'


def _words_before(text: str, position: int, count: int) -> list[str]:
    """Up to `count` words right before `position`, each separated from the next by one space."""
    words: list[str] = []
    end = position
    while len(words) < count and end > 1 and text[end - 1] == " " and not text[end - 2].isspace():
        start = end - 1
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        words.insert(0, text[start : end - 1])
        end = start
    return words


def _words_after(text: str, end: int, count: int) -> list[str]:
    """Up to `count` words right after `end`, each separated by one space; the last may carry punctuation."""
    words: list[str] = []
    position = end
    while len(words) < count and position + 1 < len(text) and text[position] == " " and text[position + 1].strip():
        stop = position + 1
        while stop < len(text) and not text[stop].isspace():
            stop += 1
        word = text[position + 1 : stop]
        words.append(word)
        if word[-1] in _TRAILING:
            break
        position = stop
    return words


class ClaimFinder:
    """The extract_claims component (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.lex = _lexicons()
        self.names = NameReader()
        self.frames = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.frames.add("frame", [nlp.make_doc(verb) for verb in self.lex.frames])
        self.person_nouns = patterns.words("person_nouns") | self.names.lex.title_words
        cue_words = (
            self.lex.according
            | {f"{word}nya" for word in self.lex.according}
            | self.lex.passives
            | {f"{word}nya" for word in self.lex.passives}  # "Dikatakannya, ..."
            | self.lex.fronted
        )
        tag_forms = self.lex.tags | {f"{word}nya" for word in self.lex.tags}
        # Lexeme flags: each word of the vocabulary is tested once, not each token.
        self.cue_flag = nlp.vocab.add_flag(lambda text: text.lower() in cue_words)
        self.tag_flag = nlp.vocab.add_flag(lambda text: text.lower() in tag_forms)
        self.mentions: list = []
        self.people: list[Person] = []
        self.forms: set[str] = set()  # every word of every known person's names
        self.tagged_quotes: list[int] = []  # first token (the opening mark) of each quotation with its own tag

    # -- speakers ------------------------------------------------------------------------------------------------

    def _tag_speaker(self, doc: Doc, i: int) -> tuple[_Speaker, str] | None:
        """A closing tag at token i: "ujar Erfan", "ujarnya", "kata dia", "ungkap Plt Dirjen ... Syailendra"."""
        if i >= len(doc):
            return None
        word = doc[i].lower_
        if word.endswith("nya") and word[:-3] in self.lex.tags:
            return _Speaker(pronoun=True, end=i + 1), word
        if word not in self.lex.tags or i + 1 >= len(doc):
            return None
        named = self._named(doc, i + 1) or self._mention_ahead(doc, i + 1)
        if named is not None:
            return named, word
        # A tag that names no one we can read ("tegas Ketua Majelis ... itu", "kata Gubernur") points back, as a
        # pronoun does, unless the title names someone of the article.
        title = self._title_after(doc, i + 1)
        if title is not None:
            words, end = title
            named = self._name_after_place(doc, i + 1, end)
            if named is not None:
                return named, word  # "kata Kepala Dinsos P3A Sumenep Mustangin": the name after the place
            return _Speaker(pronoun=True, title=words, end=end), word
        return _Speaker(pronoun=True), word

    def _named(self, doc: Doc, i: int) -> _Speaker | None:
        """The speaker named from token i on: a pronoun, a known mention (also one a few title words on:
        "kata Sales Branch Manager ..., Muhammad Fikri"), or a name."""
        token = doc[i]
        if token.lower_ in self.lex.pronouns:
            return _Speaker(pronoun=True, end=i + 1, before=token.idx)
        for mention in self.mentions:
            if mention.extent_start <= i < mention.extent_end or i < mention.extent_start <= i + 3:
                if mention.extent_start > i and not all(
                    doc[k].is_title or doc[k].lower_ in self.lex.statement_nouns for k in range(i, mention.extent_start)
                ):
                    continue  # "kata putra bungsu mantan presiden, Joko Widodo, itu": a relative, not the speaker
                return _Speaker(person=mention.person, end=mention.extent_end)
        start = self.names.skip_honorifics(doc, i)
        end = self.names.name_run(doc, start, len(doc))
        if end > start:
            name = self.names.clean_name(doc, start, end)
            glued = self._glued_person(name) if end == start + 1 and name not in self.forms else None
            if glued is not None:
                return _Speaker(person=glued, end=end)
            if not self._is_place_or_body(name) and not self._ends_with_place(name):
                return _Speaker(
                    name=name,
                    end=self.names.degrees_end(doc, end),
                    rank=self.names.rank_before(doc, start),
                    start=start,
                )
        return None

    def _is_place_or_body(self, name: str) -> bool:
        """A region or organisation; a capitalised word spelling an organisation's acronym ("Idi" for IDI) is not."""
        if not self.names.is_known_place_or_body(name):
            return False
        lower = name.lower()
        return name.isupper() or lower not in _acronym_bodies() or lower in self.names.lex.regions

    def _ends_with_place(self, name: str) -> bool:
        """ "Kadishub Kalsel", "Kapolsek Ciputat": an unlisted title with its region, not a person's name."""
        words = name.split()
        return len(words) > 1 and self.names.is_known_place_or_body(words[-1])

    def _descriptor_anaphor(self, doc: Doc, i: int, end: int) -> _Speaker | None:
        """A description ending in "itu"/"tersebut" before a comma that names a person ("sang pendiri SpaceX itu",
        "politikus PDI-P tersebut"): the person named last."""
        comma = _comma_outside_brackets(doc, i, min(i + _MAX_TITLE_WORDS + 2, end))
        if comma is None or comma - 1 <= i or doc[comma - 1].lower_ not in _ANAPHORS:
            return None
        if not any(doc[k].lower_ in self.person_nouns for k in range(i, comma - 1)):
            return None
        return _Speaker(anaphor=True, end=comma, before=doc[i].idx)

    def _mention_ahead(self, doc: Doc, i: int) -> _Speaker | None:
        """An official named further on in the tag's phrase ("kata Ketua Panitia yang juga Kepala Dinas ... Suardi"),
        before any punctuation."""
        limit = min(i + _MAX_RELATIVE_WORDS, len(doc))
        stop = next((k for k in range(i, limit) if doc[k].is_punct), limit)
        ahead = [m for m in self.mentions if i < m.extent_start < stop]
        if not ahead or not (doc[i].is_title or doc[i].lower_ in self.names.lex.title_words):
            return None  # "kata putra bungsu mantan presiden X itu": a relative of X speaks, not X
        mention = min(ahead, key=lambda m: m.extent_start)
        return _Speaker(person=mention.person, end=mention.extent_end)

    def _glued_person(self, word: str) -> int | None:
        """A known person whose name runs into the next word where a hyperlink was ("kata Matheusbanyak kasus")."""
        for index, person in enumerate(self.people):
            for part in {part for form in (person.name, *person.aliases) for part in form.split()}:
                if len(part) < 4 or not word.startswith(part):
                    continue
                rest = word[len(part) :]
                if len(rest) >= 2 and rest.isalpha() and rest.islower():
                    return index
        return None

    def _known(self, speaker: _Speaker) -> bool:
        """Whether a speaker is a person of the article already, not merely a capitalised word."""
        if speaker.person is not None:
            return True
        return speaker.name is not None and find_person(self.people, speaker.name) is not None

    def _title_after(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """A title with no name from token i on ("Gubernur", "Ketua KPU", "Kadishub Kalsel"): its words and end."""
        if i >= len(doc) or doc[i].lower_ not in self.names.lex.title_words:
            return None
        end = i + 1
        while end < len(doc) and end - i < _MAX_TITLE_WORDS and self._title_chain_word(doc[end]):
            end += 1
        return " ".join(t.lower_ for t in doc[i:end]), end

    def _title_chain_word(self, token: Token) -> bool:
        """A word that can continue a title chain: office and title words, organisations, places, acronyms."""
        if token.is_punct or token.is_space:
            return False
        return (
            self.names.is_office_word(token)
            or token.text[:1].isupper()
            or token.like_num
            or token.lower_ in self.names.lex.title_modifiers
        )

    def _title_before(self, doc: Doc, j: int, relative: bool = False) -> _Speaker | None:
        """A title standing for a person before a verb of saying: "jaksa menilai", "Kepala Dinas ... menjelaskan"."""
        k = j
        while k >= 0 and j - k < _MAX_TITLE_WORDS and self._title_chain_word(doc[k]):
            k -= 1
        head = next((h for h in range(k + 1, j + 1) if doc[h].lower_ in self.names.lex.title_words), None)
        if head is None or any(doc[c].lower_ in self.lex.collective_words for c in range(max(k, 0), head)):
            return None  # "Majelis hakim menyatakan", "Beberapa mantan presiden menyatakan": no one person
        before = doc[head - 1] if head > 0 else None
        if (
            before is not None
            and before.is_lower
            and before.is_alpha
            and before.lower_ not in self.lex.person_determiners
        ):
            return None  # "juru bicara presiden mengatakan": the title ends a longer phrase
        if (not relative and self._after_tag(doc, head)) or not self._title_only(doc, head + 1, j + 1):
            return None
        return _Speaker(title=" ".join(t.lower_ for t in doc[head : j + 1]), before=doc[head].idx)

    def _after_place(self, doc: Doc, start: int, end: int) -> int | None:
        """Where a name starts after a place of one or two words inside a capitalised run (after a title chain, the
        name follows the place), or None when the run holds no place or ends with it."""
        found = None
        closed_body = False  # "IPB University Zuraidah Nasution": a word that closes an organisation's name
        for k in range(start, end):
            if k + 1 < end and self.names.is_known_place_or_body(f"{doc[k].text} {doc[k + 1].text}"):
                found, closed_body = k + 2, False  # "Jakarta Barat", before "Jakarta"
            elif self.names.is_known_place_or_body(doc[k].text) and found != k + 1:
                found, closed_body = k + 1, False
            elif doc[k].lower_ in self.names.lex.org_suffixes:
                found, closed_body = k + 1, True
        if found is None or found >= end or start == 0:
            return None
        if not closed_body and not self.names.is_office_word(doc[start - 1]):
            return None
        return found

    def _name_after_place(self, doc: Doc, start: int, end: int) -> _Speaker | None:
        """A title chain that ends with a place and then a name nobody listed ("Kepala Dinsos P3A Sumenep
        Mustangin"): the name."""
        place_end = None
        for k in range(start, end):
            if k + 1 < end and self.names.is_known_place_or_body(f"{doc[k].text} {doc[k + 1].text}"):
                place_end = k + 2
            elif self.names.is_known_place_or_body(doc[k].text) and place_end != k + 1:
                place_end = k + 1
        if place_end is None or not 0 < end - place_end <= 3:
            return None
        if not all(self.names.is_name_token(doc[k]) for k in range(place_end, end)):
            return None
        name = self.names.clean_name(doc, place_end, end)
        if self._is_place_or_body(name):
            return None
        return _Speaker(name=name, end=end, start=place_end)

    def _title_only(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the words after a title's first word are all title, office, place or organisation words: no name
        the officials missed ("Analis Teknikal MNC Sekuritas Herditya Wicaksana menilai")."""
        k = start
        while k < end:
            token = doc[k]
            if (
                self.names.is_office_word(token)
                or token.lower_ in self.names.lex.title_words
                or token.lower_ in self.names.lex.title_modifiers
                or token.like_num
                or (token.is_upper and len(token) > 1)
                or self.names.is_known_place_or_body(token.text)
            ):
                k += 1
            elif k + 1 < end and self.names.is_known_place_or_body(f"{token.text} {doc[k + 1].text}"):
                k += 2
            else:
                return False
        return True

    def _after_tag(self, doc: Doc, start: int) -> bool:
        """Whether a speaker phrase follows a tag ("kata Wakapolri menjawab pertanyaan pers"): then the verb after it
        continues the tag; it does not open a new claim."""
        tag = doc[start - 1] if start > 1 else None
        if tag is None or not tag.is_lower or not tag.check_flag(self.tag_flag) or doc[start].is_sent_start:
            return False
        # A tag follows the quotation or its comma; "Lebih lanjut Budi menjelaskan" is a connective, not a tag.
        return doc[start - 2].is_punct

    def _relative_subject(self, doc: Doc, j: int) -> _Speaker | None:
        """An official followed by a relative clause before the verb: "Budi S., yang dikonfirmasi usai kegiatan itu
        mengatakan" (no comma between)."""
        sentence_start = sentence_bounds(doc, j)[0]
        for k in range(j, max(j - _MAX_RELATIVE_WORDS, sentence_start) - 1, -1):
            if doc[k].lower_ == "yang":
                mention = next((_Speaker(person=m.person) for m in self.mentions if m.extent_end == k), None)
                if mention is not None:
                    return mention
                start = k
                while start > sentence_start and k - start < 4 and self.names.is_name_token(doc[start - 1]):
                    start -= 1
                name = self.names.clean_name(doc, start, k)
                if not name or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha):
                    return None
                return _Speaker(name=name, end=k, strict=True)  # "Bank Dunia dalam Macro Poverty Outlook yang ..."
            if doc[k].is_punct and doc[k].text not in "()":
                return None
        return None

    def _subject(self, doc: Doc, verb: int) -> _Speaker | None:
        """The speaker before a verb of saying, also across a circumstance ("Budi, saat ditemui di kantornya, Senin
        (3/7), mengatakan", "Kapolres X dalam keterangan tertulisnya menjelaskan")."""
        speaker = self._subject_before(doc, verb)
        if speaker is not None:
            return speaker
        sentence_start = sentence_bounds(doc, verb)[0]
        openers = []
        for k in range(verb - 2, max(verb - _MAX_CIRCUMSTANCE_WORDS, sentence_start), -1):
            token = doc[k]
            if token.check_flag(self.tag_flag) or token.lower_ in self.lex.frames or token.text in _OPENING:
                break  # another report or a quotation: the circumstance cannot reach past it
            if token.lower_ in self.lex.circumstance_openers and token.is_lower:
                openers.append(k)
        # The first circumstance opens right after the speaker; later ones may name someone else ("Farhat saat
        # mendampingi pemeriksaan Elza pada Senin mengatakan").
        for k in reversed(openers):
            speaker = self._subject_before(doc, k)
            if speaker is None or not (speaker.person is not None or speaker.name or speaker.pronoun):
                continue
            if speaker.name is not None and speaker.end is not None:
                first = speaker.end - len(speaker.name.split())
                if first > 0 and doc[first - 1].is_lower and doc[first - 1].is_alpha:
                    continue  # "pemeran Roman Pearce di film itu menyatakan": a name inside a longer phrase
            return speaker
        return None

    def _subject_before(self, doc: Doc, verb: int) -> _Speaker | None:
        """The speaker before a verb of saying: "Ia mengatakan", "Nyoman juga telah mengatakan", "Erfan Kurniawan,
        Kepala ..., menjelaskan", "Bendahara negara itu mengatakan", "Desi (28), yang mengaku"."""
        j = verb - 1
        skipped = 0
        relative = False  # "terang Sutopo, yang menyebut ...": a relative clause, not the tag going on
        while j >= 0 and (doc[j].is_space or (doc[j].lower_ in self.lex.adverbs and skipped < 3)):
            skipped += not doc[j].is_space
            relative = relative or doc[j].lower_ == "yang"
            j -= 1
        j, age = _before_parenthesis(doc, j)  # "Presiden Joko Widodo (Jokowi) memberi sinyal"
        if j < 0:
            return None
        token = doc[j]
        if token.lower_ in self.lex.pronouns:
            return _Speaker(pronoun=True, subject=True, before=token.idx, start=j)
        if token.text == ",":
            # "Elva, yang menyertai Gubernur X, mengatakan": the relative clause names someone else.
            clause = next((k for k in range(j - 1, max(j - _MAX_RELATIVE_WORDS, 1), -1) if doc[k].is_punct), None)
            if clause is not None and doc[clause].text == "," and doc[clause + 1].lower_ == "yang":
                j = clause
        for mention in self.mentions:
            if mention.extent_end in (j + 1, j) and (mention.extent_end == j + 1 or token.text == ","):
                if token.text != "," and not relative and self._after_tag(doc, mention.extent_start):
                    return None  # "kata Wakapolri Syafruddin menjawab pertanyaan pers": the tag goes on
                return _Speaker(person=mention.person)
        comma_after = False
        if token.text == "," and j > 0:
            comma_after = True
            j -= 1
            token = doc[j]
            while j > 1 and (token.text in (".", ",") or token.text in self.names.lex.degrees):
                j -= 1  # "Hendri Saputra, M.Si., berpendapat"
                token = doc[j]
            descriptor = j
            while descriptor > 0 and doc[descriptor].is_lower and j - descriptor < 4:
                descriptor -= 1
            if descriptor < j and doc[descriptor].text == "," and descriptor > 0:
                j = descriptor - 1  # "Siti Maemunah, istri almarhum, mengatakan"
                token = doc[j]
            j, parenthesis_age = _before_parenthesis(doc, j)  # "Desi (28), yang mengaku"
            age = age or parenthesis_age
            token = doc[j]
            for mention in self.mentions:
                if mention.extent_end == j + 1:
                    return _Speaker(person=mention.person)
        if token.lower_ in _ANAPHORS and self._person_phrase_before(doc, j):
            # "Bendahara negara itu mengatakan": the person named before this sentence.
            return _Speaker(anaphor=True, before=doc[sentence_bounds(doc, j)[0]].idx)
        end = j + 1
        start = end
        while start > 0 and end - start < 5 and self.names.is_name_token(doc[start - 1]):
            start -= 1
            if doc[start].is_sent_start:
                break
        if start == end:
            if comma_after:
                return None
            return self._relative_subject(doc, j) or self._title_before(doc, j, relative)
        while start > 0 and (
            doc[start - 1].text in self.names.lex.honorifics or doc[start - 1].lower_ in self.names.lex.ranks
        ):
            start -= 1  # "Prof Ni'am menilai"
        after_place = self._after_place(doc, start, end)
        if after_place is not None:
            start = (
                after_place  # "Kabid Dikdas Disdikbud Bandar Lampung Mulyadi mengatakan": the name follows the place
            )
        previous = doc[start - 1] if start > 0 else None
        if (
            after_place is None
            and previous is not None
            and previous.text[:1].isupper()
            and not doc[start].is_sent_start
            and previous.is_alpha
        ):
            # Part of a longer capitalised run: an organisation ("BPJS Ketenagakerjaan Kalimantan menyatakan"), or a
            # title with its organisation ("Bupati Banyuwangi menjelaskan").
            return None if comma_after else self._title_before(doc, j, relative)
        name = self.names.clean_name(doc, start, end)
        if not name or self._is_place_or_body(name) or self._ends_with_place(name):
            return None  # "Persija Jakarta bertekad": a club or a body, not a person
        if name.split()[-1].lower() in self.names.lex.org_suffixes:
            return None  # "Kaspersky Lab menanyakan", "Reforminer Institute menilai"
        if previous is not None and previous.is_lower and previous.lower_.startswith("me") and len(previous) > 5:
            return None  # "indikator yang membuat Airlangga optimistis ...": the name is an object
        if not (comma_after or relative) and self._after_tag(doc, start):
            return None
        # "Orangtua lainnya, Supriyatin, mengungkapkan": a name set off by commas after a noun is a person's; so is a
        # name with an age ("Kariadi (50) mengaku").
        appositive = previous is not None and previous.text == "," and (comma_after or age)
        known = name in self.names.lex.given_names
        # "Sementara tersangka M memohon maaf", "warga Sukamaju Rahmat mengaku": a role noun before the name.
        role = (
            previous is not None
            and previous.is_lower
            and previous.lower_ in self.person_nouns
            and not (start > 1 and doc[start - 2].lower_ in self.lex.collective_words)  # "para pemain Meksiko"
        )
        rank = self.names.rank_before(doc, end - len(name.split()))
        return _Speaker(
            name=name, end=end, rank=rank, bare=not (appositive or known or age or role), start=end - len(name.split())
        )

    # -- candidates ----------------------------------------------------------------------------------------------

    def _direct(
        self, doc: Doc, quotes: list[tuple[int, int, int]], excluded: list[tuple[int, int]]
    ) -> list[_Candidate]:
        found = []
        text = text_of(doc)
        for open_at, close_at, mark_end in quotes:
            if any(start <= open_at < end for start, end in excluded):
                continue
            content = text[open_at:close_at]
            stripped_end = open_at + len(content.rstrip(_TRAILING))
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
                tag = self._tag_speaker(doc, i)
            before = doc.char_span(max(open_at - 1, 0), open_at, alignment_mode="expand")
            speaker: _Speaker | None = None
            verb = None
            if tag is not None:
                speaker, verb = tag
            elif before is not None:
                speaker, verb = self._frame_before(doc, before.start)
            if tag is None and before is not None and self._is_theme(doc, before.start):
                continue
            if speaker is None and not _has_words(content, _MIN_QUOTE_WORDS):
                continue
            found.append(_Candidate(stripped_start, stripped_end, "direct", verb, speaker))
        return found

    def _person_phrase_before(self, doc: Doc, j: int) -> bool:
        """Whether the words before "itu"/"tersebut" at j name a person ("Bendahara negara", "Guru Besar ..."); not
        when a relative clause ends there ("Bupati X yang hadir dalam acara itu mengapresiasi")."""
        sentence_start = sentence_bounds(doc, j)[0]
        for k in range(j - 1, max(j - 8, sentence_start) - 1, -1):
            if doc[k].lower_ == "yang":
                # "Pria yang akrab disapa Zulhas itu": a person noun before the clause; "Bupati X yang hadir dalam
                # acara itu": a name before it, read as the subject elsewhere.
                return k > 0 and doc[k - 1].lower_ in self.person_nouns
            if doc[k].is_punct and doc[k].text not in "()":
                return False  # brackets stay: "Mantan Kepala Kepolisian Daerah (Kapolda) Jateng itu"
            if doc[k].lower_ in self.person_nouns:
                return True
        return False

    def _frame_before(self, doc: Doc, quote_token: int) -> tuple[_Speaker | None, str | None]:
        """ "Ia menjelaskan, “...": a verb of saying right before the opening mark."""
        j = quote_token - 1
        while (j >= 0 and doc[j].text in (",", ":")) or (j >= 0 and doc[j].is_space):
            j -= 1
        if j >= 0 and doc[j].lower_ in self.lex.frames:
            return self._subject(doc, j), doc[j].lower_
        return None, None

    def _is_theme(self, doc: Doc, quote_token: int) -> bool:
        return any(doc[k].lower_ in self.lex.theme_cues for k in range(max(quote_token - 3, 0), quote_token))

    def _indirect(
        self, doc: Doc, inside: list[tuple[int, int, int]], excluded: list[tuple[int, int]], tagged: list[int]
    ) -> list[_Candidate]:
        found = []
        marks = [doc.char_span(max(start - 1, 0), start, alignment_mode="expand") for start in tagged]
        self.tagged_quotes = sorted(mark.start for mark in marks if mark is not None)
        frame_ends = {start: end for _, start, end in self.frames(doc)}
        cues = self._cues(doc, frame_ends)
        quoted = bytearray(len(doc))
        for start, end, _ in inside:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                quoted[span.start : span.end] = b"\x01" * len(span)
        furniture = doc._.furniture
        with_cues = sorted({sentence_bounds(doc, i) for i in cues})  # most sentences report no one's words
        for first, last in with_cues:
            if first >= last or doc[first].is_space:
                continue
            start_char = doc[first].idx
            if any(start <= start_char < end for start, end in excluded) or any(furniture[first:last]):
                continue
            candidate = self._reported(doc, doc[first:last], quoted, frame_ends, cues)
            if candidate is not None:
                found.append(candidate)
        return found

    def _cues(self, doc: Doc, frame_ends: dict[int, int]) -> list[int]:
        """Token positions where reported speech can be attributed: a verb of saying, "menurut", a tag, a passive
        verb, a fronted verb. Only these are read, not every token of every sentence."""
        array = doc.to_array([self.cue_flag, self.tag_flag, ORTH]).reshape(len(doc), 3)
        tags_after_comma = (array[:-1, 2] == _COMMA) & (array[1:, 1] == 1)
        cues = set(frame_ends)
        cues.update(numpy.flatnonzero(tags_after_comma).tolist())
        for i in numpy.flatnonzero(array[:, 0]).tolist():
            # "nilai", "klaim", "minta" are common nouns too: a fronted verb is read only after a pronoun or a name.
            if doc[i].lower_ not in self.lex.fronted or (i > 0 and self._may_be_agent(doc[i - 1])):
                cues.add(i)
        for i in numpy.flatnonzero(array[1:, 1] & (array[:-1, 2] != _COMMA)).tolist():
            # A tag inside the sentence with no comma before it ("Kondisi ini kata Budi ..."): the word before it is
            # read when a name or a pronoun follows the tag ("kata kunci", "kata sambutan" are no tags).
            if (
                doc[i].is_alpha
                and doc[i + 1].lower_ in self.lex.inner_tags
                and i + 2 < len(doc)
                and self._may_be_agent(doc[i + 2])
            ):
                cues.add(i)
            if doc[i + 1].is_sent_start and doc[i + 1].is_title and doc[i + 1].lower_ in self.lex.inner_tags:
                cues.add(i + 1)  # "Kata Rustamadji, kondisi mahasiswa ...": a tag opening its sentence
        return sorted(cues)

    def _may_be_agent(self, token: Token) -> bool:
        return token.is_title or token.lower_ in self.lex.pronouns

    def _reported(
        self, doc: Doc, sentence: Span, quoted_mask: bytearray, frame_ends: dict[int, int], cues: list[int]
    ) -> _Candidate | None:
        end = sentence.end
        tagged = self.tagged_quotes[
            bisect_left(self.tagged_quotes, sentence.start + 1) : bisect_left(self.tagged_quotes, end)
        ]
        if tagged:
            end = tagged[0]
        # A quotation after a full stop opens a new sentence, also where the splitter saw none (paragraphs run
        # together: "... sekretaris.,“Kasusnya ..."): reported speech ends before it.
        quote_start = quoted_mask.find(b"\x00\x01", sentence.start, end)
        while quote_start != -1:
            mark = quote_start - (doc[quote_start].text in _OPENING and quote_start > sentence.start)
            if doc[mark].text[-1:] in _SENTENCE_END:  # also "Z." read as an initial
                end = mark + 1
                break
            quote_start = quoted_mask.find(b"\x00\x01", quote_start + 1, end)
        while end > sentence.start and (doc[end - 1].text in _FINAL_PUNCTUATION or doc[end - 1].is_space):
            end -= 1
        if end <= sentence.start:
            return None
        reading = _Reading(doc, sentence.start, end)
        for i in cues[bisect_left(cues, sentence.start) : bisect_left(cues, end)]:
            if quoted_mask[i]:
                continue
            token = doc[i]
            word = token.lower_
            if i in frame_ends:  # the matcher gives Doc positions, also on a Span
                if not token.is_lower and not token.is_sent_start and not doc[frame_ends[i]].is_lower:
                    continue  # "Boca Juniors Optimistis Pulangkan ...": a headline's verb, not running text
                speaker = self._subject(doc, i)
                if speaker is None:
                    continue
                start = frame_ends[i]
                while start < end and (doc[start].lower_ in self.lex.openers or doc[start].is_space):
                    start += 1
                if start >= end or doc[start].text in _OPENING or quoted_mask[start] or end - start < 3:
                    return None
                if start == frame_ends[i] and (word, doc[start].lower_) in self.lex.clause_blockers:
                    return None  # "Ia sepakat dengan usulan itu": a phrase, not a reported clause
                verb = doc[i : frame_ends[i]].text.lower()
                if doc[frame_ends[i]].text == "," and self._interrupts(doc, reading.start, speaker.start):
                    return reading.claim(reading.start, end, verb, speaker)  # "X, dia menegaskan, Y": all of it
                return reading.claim(start, end, verb, speaker)
            if i == reading.start and word in self.lex.inner_tags and token.is_title:
                found = self._opening_tag(doc, i, end, reading)
                if found is not None:
                    return found
                continue
            if word in self.lex.according or (word.endswith("nya") and word[:-3] in self.lex.according):
                found = self._according(doc, i, end, frame_ends, reading)
                if found is not None:
                    return found or None
                continue
            if i + 1 < end and doc[i + 1].check_flag(self.tag_flag) and not quoted_mask[i + 1]:
                found = self._inner_tag(doc, i, end, reading)
                if found is not None:
                    return found
            if word in self.lex.passives or (word.endswith("nya") and word[:-3] in self.lex.passives):
                found = self._passive(doc, i, end, reading)
                if found is not None:
                    return found
            if word in self.lex.fronted and token.is_lower:
                found = self._fronted(doc, i, end, reading)
                if found is not None:
                    return found
        return None

    def _according(
        self, doc: Doc, i: int, end: int, frame_ends: dict[int, int], reading: _Reading
    ) -> _Candidate | bool | None:
        """ "Menurut X, Y" / "Menurutnya, Y" / "Menurut X Y": Y. False: the sentence holds no claim."""
        word = doc[i].lower_
        if word.endswith("nya"):
            # "Menurutnya, ..." opening a sentence stands for whoever that sentence's neighbours made the subject, as
            # "Ia mengatakan" does; inside a sentence ("X, menurutnya, Y") for the person being quoted.
            speaker: _Speaker | None = _Speaker(pronoun=True, before=doc[i].idx, subject=i == reading.start)
            comma = i + 1
        else:
            speaker = self._named(doc, i + 1) if i + 1 < end else None
            if speaker is None:
                speaker = self._descriptor_anaphor(doc, i + 1, end)  # "Menurut sang pendiri SpaceX itu, ..."
            after = speaker.end if speaker is not None and speaker.end else i + 1
            if (
                speaker is not None
                and speaker.name is not None
                and after < end
                and doc[after].text == "("
                and not _before_parenthesis(doc, self._closing_bracket(doc, after, end))[1]
            ):
                return None  # "Menurut Funnel Causality (diadaptasi dari ...)": a work cited, not a person
            comma = _comma_outside_brackets(doc, after, min(after + 12, end))
            if (
                speaker is not None
                and speaker.name is not None
                and " " not in speaker.name
                and self._fuller_name(speaker.name) == speaker.name
            ):
                speaker.bare = True  # "Menurut Meta, ...": one capitalised word, a person only if named so elsewhere
            if (
                comma is None
                and speaker is not None
                and after < end
                and doc[after].is_lower
                and doc[after].is_alpha
                and doc[after].lower_ not in self.lex.apposition_markers
            ):
                comma = after  # "Menurut Resnawan penghargaan ini ...": no comma after the name
        if speaker is None or comma is None:
            return None
        if any(i < k < comma and self._subject(doc, k) is not None for k in frame_ends):
            return None  # "Menurut keterangan X yang mengatakan ...": the verb governs; not one after the comma
        start = comma + 1 if doc[comma].text == "," else comma
        if end - start < 3:
            return False
        if doc[comma].text == "," and self._interrupts(doc, reading.start, i):
            return reading.claim(reading.start, end, word, speaker)  # "X, menurut Ipuk, Y": the whole sentence
        return reading.claim(start, end, word, speaker)

    @staticmethod
    def _interrupts(doc: Doc, sentence_start: int, tag_start: int | None) -> bool:
        """Whether a tag set off by commas interrupts the reported clause ("Pembangunan kota dengan APBD Rp2 triliun,
        dia menegaskan, hanya ...") rather than following a connective ("Oleh karena itu, dia menegaskan, ...")."""
        if tag_start is None or tag_start < 1 or doc[tag_start - 1].text != ",":
            return False
        before = doc[sentence_start : tag_start - 1]
        if any(token.text in _SENTENCE_END for token in before):
            return False  # paragraphs run together ("...Maluku.,Dia mengatakan, ..."): not one sentence
        return sum(not token.is_punct for token in before) >= _MIN_INTERRUPTED_WORDS

    @staticmethod
    def _closing_bracket(doc: Doc, start: int, end: int) -> int:
        """The ")" closing the bracket opened at token `start` (or `start` when there is none before `end`)."""
        return next((k for k in range(start + 1, min(start + 6, end)) if doc[k].text == ")"), start)

    def _opening_tag(self, doc: Doc, i: int, end: int, reading: _Reading) -> _Candidate | None:
        """ "Kata Rustamadji, Y." / "Kata dia, Y.": a tag opening the sentence, like "Menurut X, Y"."""
        speaker = self._named(doc, i + 1) if i + 1 < end else None
        if speaker is None or speaker.end is None or speaker.end >= end or doc[speaker.end].text != ",":
            return None
        start = speaker.end + 1
        return reading.claim(start, end, doc[i].lower_, speaker) if end - start >= 3 else None

    def _inner_tag(self, doc: Doc, i: int, end: int, reading: _Reading) -> _Candidate | None:
        """A tag after token i: "Y, ujarnya." / "X, kata Gus Ipul, Y." / "Kondisi ini kata Budi pernah terjadi"."""
        tag = self._tag_speaker(doc, i + 1)
        if tag is None:
            return None
        speaker, verb = tag
        after_tag = speaker.end or i + 2
        if doc[i].text == ",":
            if after_tag >= end:
                # "Y, ujarnya." / "Y, kata Kepala Dinas ..., X.": the sentence up to the tag.
                return reading.claim(reading.start, i, verb, speaker)
            if doc[after_tag].text == ",":
                return reading.claim(reading.start, end, verb, speaker)  # "X, kata Gus Ipul, Y.": the whole sentence
        elif doc[i].is_punct or doc[i + 1].lower_ not in self.lex.inner_tags or i - reading.start < 1:
            return None
        # A tag inside the sentence with no comma after it ("Kondisi ini kata Budi pernah terjadi"): only when it
        # names someone the article knows, since "kata" is also a noun.
        if (
            (speaker.person is not None or speaker.name is not None)
            and end - after_tag >= 2
            and doc[after_tag].is_alpha
        ):
            speaker.strict = True
            return reading.claim(reading.start, end, verb, speaker)
        return None

    def _passive(self, doc: Doc, i: int, end: int, reading: _Reading) -> _Candidate | None:
        word = doc[i].lower_
        opening = i - reading.start <= 1  # "Dikatakan X, ..." / "Seperti disampaikan oleh X, ..."
        after = i + 1
        if after < end and doc[after].lower_ == "oleh":
            after += 1
        if word.endswith("nya") and word[:-3] in self.lex.passives:
            speaker = _Speaker(pronoun=True, before=doc[i].idx, subject=opening)
            if opening:
                start = after + (after < end and doc[after].text == ",")
                return reading.claim(start, end, word, speaker) if end - start >= 3 else None
            if after < end and doc[after].text == "," and not self._about_a_statement(doc, reading.start, i):
                return reading.claim(reading.start, end, word, speaker)  # "Jumlah ini dikatakannya, lebih kecil ..."
            return None
        if after >= end or (not opening and word in self.lex.opening_passives):
            return None
        if opening and doc[after].text == "," and word in self.lex.bare_passives:
            # "Dikatakan, ...": the person quoted last goes on speaking.
            start = after + 1
            speaker = _Speaker(pronoun=True, before=doc[i].idx)
            return reading.claim(start, end, word, speaker) if end - start >= 3 else None
        speaker = self._named(doc, after)
        if speaker is None:
            unread = i == reading.start and word in self.lex.bare_passives  # "Ditambahkan Kadishub Kalsel, ..."
            title = self._title_after(doc, after) or (self._unread_agent(doc, after, end) if unread else None)
            if title is None:
                return None
            words, title_end = title
            # "... diakui Ketua RW 4, Kelurahan X, Suwoto.": the name closing the sentence.
            named = self._closing_name(doc, title_end, end) if not opening else None
            speaker = named or _Speaker(pronoun=True, title=words, end=title_end, before=doc[i].idx)
        if opening and speaker.end is not None and speaker.end < end:
            # "Seperti disampaikan oleh X, Y." / "Dikatakan X, Y." / "Diakui Ketua KPU, Y.": Y is the claim.
            start = speaker.end + (doc[speaker.end].text == ",")
            return reading.claim(start, end, word, speaker) if end - start >= 3 else None
        if doc[i - 1].lower_ in self.lex.negations:
            return None  # "... dalam video itu tidak disebutkan Freddy ...": nothing was said
        if i - reading.start < 4:
            if self._about_a_statement(doc, reading.start, i):
                # "Hal senada disampaikan Kepala Dinas X.": no claim, but X is the one speaking from here on.
                return _Candidate(doc[i].idx, doc[i].idx, _SWITCH, word, speaker)
            return None
        stop = i
        while stop > reading.start and doc[stop - 1].is_punct:
            stop -= 1
        return reading.claim(reading.start, stop, word, speaker)

    def _unread_agent(self, doc: Doc, start: int, end: int) -> tuple[str, int] | None:
        """Capitalised words up to a comma after a passive that opens its sentence, read as no name or title
        ("Ditambahkan Kadishub Kalsel, ..."): an unlisted title, which stands for the person quoted last."""
        k = start
        while k < end and k - start < _MAX_TITLE_WORDS and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k += 1
        if k - start < 2 or k >= end or doc[k].text != ",":
            return None  # one word ("Disebutkan Reuters, ...") is an outlet as often as a title
        return " ".join(t.lower_ for t in doc[start:k]), k

    def _closing_name(self, doc: Doc, start: int, end: int) -> _Speaker | None:
        """The name that closes a sentence after a title and its commas: "Ketua RW 4, Kelurahan X, Suwoto"."""
        comma = next((k for k in range(end - 1, start - 1, -1) if doc[k].text == ","), None)
        if comma is None or comma + 1 >= end:
            return None
        named = self._named(doc, comma + 1)
        return named if named is not None and named.end == end else None

    def _about_a_statement(self, doc: Doc, start: int, verb: int) -> bool:
        """Whether the words before a verb only point back to a statement ("Hal itu", "Pernyataan tersebut juga")."""
        return all(doc[k].lower_ in self.lex.statement_nouns or doc[k].is_punct for k in range(start, verb))

    def _fronted(self, doc: Doc, i: int, end: int, reading: _Reading) -> _Candidate | None:
        """The object in front of its verb of saying: "Angka itu ia perkirakan akan naik", "Kenaikan ini Budi sebut
        wajar": the whole sentence is the claim."""
        if i - 1 <= reading.start or end - i < 3:
            return None
        agent = i - 1
        speaker: _Speaker | None = None
        if doc[agent].lower_ in self.lex.pronouns:
            speaker = _Speaker(pronoun=True, before=doc[agent].idx)
        else:
            mention = next((m for m in self.mentions if m.name_end == i), None)
            if mention is not None:
                agent, speaker = mention.name_start, _Speaker(person=mention.person)
            elif self.names.is_name_token(doc[agent]):
                named = _Speaker(name=doc[agent].text)
                speaker = named if self._known(named) else None
        if speaker is None or agent <= reading.start or doc[agent - 1].lower_ == "yang":
            return None  # "Data yang ia sebutkan ...": a relative clause
        if self._about_a_statement(doc, reading.start, agent):
            return None  # "Hal itu ia sampaikan saat ...": when he spoke, not what he said
        return reading.claim(reading.start, end, doc[i].lower_, speaker)

    # -- resolution ----------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.mentions = doc._.mentions or []  # read once: each Doc._ access builds an object
        self._doc = doc
        self.text = text_of(doc)
        people: list[Person] = doc._.officials
        self.people = people
        self.forms = {part for person in people for form in (person.name, *person.aliases) for part in form.split()}
        headline = doc._.headline
        excluded = [(span.start_char, span.end_char) for span in doc.spans.get("furniture", [])]
        if headline is not None:
            excluded.append((headline.start_char, headline.end_char))
        excluded += [(m.start(), m.end()) for m in re.finditer(r"(?m)^\s*(?:Foto|FOTO)\b.*$", text_of(doc))]
        quotes = quotations(text_of(doc))
        direct = self._direct(doc, quotes, excluded)
        # Reported speech ends where a quotation with its own tag begins, also in a sentence the splitter left whole
        # ("Nusron menegaskan, ... pulau itu "Logikanya ...," kata Nusron").
        tagged = [c.start for c in direct if c.speaker is not None]
        candidates = direct + self._indirect(doc, quotes, excluded, tagged)
        candidates.sort(key=lambda c: c.start)
        # A capitalised word before a verb of saying is taken for a person when the article names it as a speaker in
        # another way too: in a tag, a passive, "menurut", or with an age.
        vouched = {
            c.speaker.name
            for c in candidates
            if c.speaker and c.speaker.name and not (c.speaker.bare or c.speaker.strict)
        }

        mentions = [
            _Mentioned(
                doc[m.extent_start].idx,
                m.person,
                self._is_subject_position(doc, m.extent_start),
                m.name_start > 0 and doc[m.name_start - 1].text == ",",
            )
            for m in self.mentions
            if m.person is not None
        ]
        mentions.sort(key=lambda m: m.position)
        first_mention: dict[int, int] = {}
        for m in mentions:
            first_mention.setdefault(m.person, m.position)
        claims: list[Claim] = []
        last: tuple[int, int] | None = None  # (character position, person) of the last attributed claim
        paragraph_of = _paragraph_index(text_of(doc))
        context = _Context(people, mentions, first_mention, claims, paragraph_of, vouched)
        for candidate in candidates:
            if candidate.type == _SWITCH:
                switched = self._known_person(candidate.speaker, people)
                if switched is not None:
                    last = (candidate.end, switched)
                continue
            person = self._resolve(candidate, context, last)
            if person is None:
                continue
            if any(c.char_start < candidate.end and candidate.start < c.char_end for c in claims):
                continue
            claims.append(
                Claim(
                    speaker=people[person].name,
                    official_index=person,
                    type=candidate.type,
                    verb=candidate.verb,
                    text=text_of(doc)[candidate.start : candidate.end],
                    char_start=candidate.start,
                    char_end=candidate.end,
                )
            )
            last = (candidate.end, person)
        doc._.claims = claims
        return doc

    def _fuller_name(self, name: str) -> str:
        """The fullest form of a name the article uses: "MacAskill" in a tag, "Danny MacAskill" earlier on; "Hendar"
        in a tag, "Kepala BPKD ... Hendar Suhendar" earlier on (the organisation is not part of it). A form whose first
        word opens a sentence ("Nama Gunawan Maryanto ...") counts only when no other form is longer."""
        best, best_opening = name, name
        text = self.text
        position = text.find(name)
        while position != -1:
            end = position + len(name)
            if (position == 0 or not _is_word_char(text[position - 1])) and (
                end == len(text) or not _is_word_char(text[end])
            ):
                kept_before = self._name_words_before(text, position)
                candidate = " ".join([*kept_before, name, *self._name_words_after(text, end)])
                first = position - sum(len(word) + 1 for word in kept_before)
                opening = bool(kept_before) and _opens_sentence(text, first)
                if opening and len(candidate) > len(best_opening):
                    best_opening = candidate
                elif not opening and len(candidate) > len(best):
                    best = candidate
            position = text.find(name, position + 1)
        return best if best != name else best_opening

    def _name_words_after(self, text: str, end: int) -> list[str]:
        """The words of a name after a known part of it ("Hendar" -> "Suhendar"), when the capitalised run ends there
        ("Cerita Gus Ipul Benahi Data Bansos" in a headline gives nothing)."""
        kept: list[str] = []
        for word in _words_after(text, end, 3):
            bare = word.rstrip(_TRAILING)
            if not self._name_part(bare) or len(kept) == 2:
                return kept if not bare[:1].isupper() else []
            kept.append(bare)
            if bare != word:
                return kept  # a comma or full stop closes the name
        return kept

    def _name_words_before(self, text: str, position: int) -> list[str]:
        """The words of a name before a known part of it, up to a title, an organisation, a place or a word of speech
        ("asal Skotlandia, Danny MacAskill", "DJ Amerika Serikat Steve Aoki", "Kepala Kejari Magetan M Rizal")."""
        before = _words_before(text, position, 4)
        kept: list[str] = []
        index = len(before) - 1
        while index >= 0 and len(kept) < 3:
            word = before[index]
            # "Gubernur Jawa Tengah Ahmad Luthfi": "Tengah" ends a place of two words, after which the name starts.
            if not self._name_part(word) or (
                index > 0 and self.names.is_known_place_or_body(f"{before[index - 1]} {word}")
            ):
                break
            kept.insert(0, word)
            index -= 1
        return kept

    def _name_part(self, word: str) -> bool:
        """A word that can be part of a person's name next to a known part of it (not "Pelosok", "Menurut", "BPKD",
        "Kabupaten", "Pangandaran")."""
        if not word or not self.names.is_name_word(word) or word.lower() in self.lex.speech_words:
            return False
        if word.lower() in self.person_nouns:
            return False  # "Teman Harshit", "Warga Budi": a noun for a person, not part of the name
        return not self.names.is_known_place_or_body(word)

    @staticmethod
    def _is_subject_position(doc: Doc, start: int) -> bool:
        """A mention that opens its clause ("Sebelumnya, Presiden X ..."), not one after a preposition or a verb."""
        return (
            start == 0 or doc[start].is_sent_start or not doc[start - 1].is_alpha or doc[start - 1].text[:1].isupper()
        )

    def _resolve(self, candidate: _Candidate, context: _Context, last: tuple[int, int] | None) -> int | None:
        speaker = candidate.speaker
        people, claims = context.people, context.claims
        if speaker is None:
            # A quote with no tag of its own: the previous claim's speaker, when that claim is close by.
            if claims and context.paragraph_of(candidate.start) - context.paragraph_of(claims[-1].char_end) <= 1:
                return claims[-1].official_index
            return None
        if speaker.person is not None:
            return speaker.person
        if speaker.name is not None:
            index = find_person(people, speaker.name)
            if index is None:
                index = self._after_unlisted_title(speaker.name, people)
                if index is not None:
                    return index  # "ungkap Walkot Agung": an abbreviated title before a known name
            if index is None and speaker.strict and speaker.name not in context.vouched:
                return None
            if index is None:
                if (
                    speaker.bare
                    and len(speaker.name.split()) == 1
                    and speaker.rank is None
                    and speaker.name not in context.vouched
                    and not self._introduced(speaker.name)
                ):
                    # One capitalised word before a verb of saying, never named with a title or in a tag, is as
                    # often a club, an outlet or a firm ("Dortmund menyatakan") as a person.
                    return None
                fuller = self._fuller_name(speaker.name)
                aliases = [speaker.name] if fuller != speaker.name else []
                title = self._title_before_name(speaker.start) if speaker.start is not None else None
                people.append(Person(fuller, aliases, title or speaker.rank, None, None, 0, 0))
                return len(people) - 1
            person = people[index]
            if speaker.name != person.name and speaker.name not in person.aliases:
                person.aliases.append(speaker.name)
            return index
        bound = speaker.before if speaker.before is not None else candidate.start
        if speaker.title is not None:
            titled = self._person_by_title(speaker.title, context, bound, last)
            if titled is not None or not speaker.pronoun:
                return titled
        unclaimed = [m for m in context.mentions if m.position < bound and not context.in_claim(m.position)]
        if speaker.anaphor:
            # "Bendahara negara itu": the person named last as the subject of a sentence, else named last; with no
            # official named before, the person quoted last ("Politikus PAN itu berharap ...").
            subjects = [m for m in unclaimed if m.subject]
            if unclaimed:
                return (subjects or unclaimed)[-1].person
            return last[1] if last is not None else None
        since = [m for m in unclaimed if last is None or m.position > last[0]]
        if speaker.pronoun and last is not None:
            if speaker.subject:
                # "Ia menambahkan" after another person was named since the last claim stands for that person: the
                # subject of a sentence, else someone introduced there for the first time, with the name set off
                # ("... menuai apresiasi dari Anggota DPRD X, Budi Santoso. Ia menilai ...").
                subjects = [m for m in since if m.subject]
                introduced = [m for m in since if context.first_mention[m.person] == m.position and m.appositive]
                if subjects or introduced:
                    return (subjects or introduced)[-1].person
                return last[1]
            return last[1]  # a tag ("katanya") stays with the person being quoted
        subjects = [m for m in unclaimed if m.subject]
        pool = subjects if subjects else unclaimed
        return pool[-1].person if pool else None

    def _title_before_name(self, start: int) -> str | None:
        """The title in the chain right before a name the officials did not read ("Kabid Perumahan Dinas ... Kota
        Mojokerto Muraji", "Kepala BPS Kota Malang, Erny ..."): the longest listed title from the chain's first title
        word, with the office words after it, up to an organisation or a place."""
        doc = self._doc
        k = start - 1
        if k > 0 and doc[k].text == ",":
            k -= 1  # "Kepala BPS Kota Malang, Erny Fatma"
        first = k + 1
        while k >= 0 and first - k <= _MAX_CHAIN_WORDS and self._title_chain_word(doc[k]) and not doc[k].is_sent_start:
            k -= 1
        if k >= 0 and doc[k].is_sent_start and self._title_chain_word(doc[k]):
            k -= 1
        head = next((h for h in range(k + 1, first) if doc[h].lower_ in self.names.lex.title_words), None)
        if head is None:
            return None
        end = head + 1
        for length in range(min(_MAX_TITLE_WORDS, first - head), 0, -1):
            if " ".join(t.lower_ for t in doc[head : head + length]) in _title_phrases():
                end = head + length
                break
        while (
            end < first
            and self.names.is_office_word(doc[end])
            and doc[end].lower_ not in self.names.lex.org_prefixes
            and not self.names.is_known_place_or_body(doc[end].text)
        ):
            end += 1  # "Kepala Bidang Anggaran", "Kabid Perumahan"
        return doc[head:end].text

    def _introduced(self, name: str) -> bool:
        """Whether the article introduces the name as a person's: "Irfan, seorang pengemudi ...", "Desi (28)"."""
        position = self.text.find(f"{name}, ")
        while position != -1:
            following = self.text[position + len(name) + 2 :].split(" ", 2)
            if following and (following[0] in self.lex.person_introducers or following[0] in self.person_nouns):
                return True
            position = self.text.find(f"{name}, ", position + 1)
        return f"{name} (" in self.text and self.text[self.text.find(f"{name} (") + len(name) + 2 :][:2].isdigit()

    @staticmethod
    def _known_person(speaker: _Speaker | None, people: list[Person]) -> int | None:
        """The person a speaker names, when the article knows them already (no one is added for naming alone)."""
        if speaker is None:
            return None
        if speaker.person is not None:
            return speaker.person
        return find_person(people, speaker.name) if speaker.name is not None else None

    def _after_unlisted_title(self, name: str, people: list[Person]) -> int | None:
        """A known person named after words that are no given name ("Walkot Agung", "Kadisdik Rahmat"): the title
        lexicon lacks the abbreviation, the rest of the name is someone's."""
        words = name.split()
        for drop in range(1, len(words)):
            if words[drop - 1] in self.names.lex.given_names:
                return None
            index = find_person(people, " ".join(words[drop:]))
            if index is not None:
                return index
        return None

    def _person_by_title(self, title: str, context: _Context, bound: int, last: tuple[int, int] | None) -> int | None:
        """The person of the article a title stands for ("jaksa", "Ketua KPU"): among those whose title holds its
        first word, the one whose title, organisation and region share most of its words; the person quoted last,
        else the one named last, on a tie."""
        words = title.split()
        scored: list[tuple[bool, int, int, int]] = []  # (same first word, shared words, recency, person)
        recency = {m.person: m.position for m in context.mentions if m.position < bound}
        for index, person in enumerate(context.people):
            if not person.title or words[0] not in person.title.lower().split():
                continue
            known = " ".join(filter(None, (person.title, person.organisation, person.region))).lower().split()
            shared = sum(word in known for word in words)
            latest = bound + 1 if last is not None and last[1] == index else recency.get(index, -1)
            scored.append((person.title.lower().split()[0] == words[0], shared, latest, index))
        return max(scored)[3] if scored else None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_'’"


def _paragraph_index(text: str):
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]

    def index(position: int) -> int:
        from bisect import bisect_right

        return bisect_right(starts, position)

    return index


@Language.factory("extract_claims")
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    """Direct and reported claims attributed to the officials of extract_officials."""
    return ClaimFinder(nlp)
