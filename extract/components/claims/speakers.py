"""Who a phrase names as its speaker, read at a token of one document: a tag ("ujar Erfan", "katanya"), the subject
before a verb of saying ("Ia mengatakan", "Kepala Dinas X menjelaskan"), a name or a title after a word of saying.

A Speaker says how the text names someone (a known person, a name, a pronoun, a title); resolution.py turns it into a
person of the article. A SpeakerReader is made for each document and holds what the reading needs about it (its
mentions and people, from extract_officials); the component itself keeps nothing between documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from extract.components.claims.lexicons import ClaimLexicons
from extract.components.officials.names import NameReader
from extract.doc import sentence_bounds, text_of
from extract.persons import Mention, Person, find_person

OPENING = '“"'
CLOSING = '”"'
SWITCH = "switch"  # the type of a candidate that names who speaks next and claims nothing
RELATIVE = "yang"  # the relative pronoun: "Budi, yang ...,"; "Data yang ia sebutkan"
PRONOUN_SUFFIX = "nya"  # "ujarnya", "menurutnya", "dikatakannya": the verb's agent is a pronoun
MAX_TITLE_WORDS = 6  # a title standing for a person ("Kepala Dinas Perhubungan Kalsel menjelaskan") is short
_MAX_RELATIVE_WORDS = 12  # "X yang dikonfirmasi awak media usai kegiatan itu mengatakan"
_MAX_CIRCUMSTANCE_WORDS = 22  # "saat ditemui di kantornya di Jalan ..., Senin (3/7/2023),"
_MAX_RELATIVE_SPAN = 24  # "Ketua X yang didampingi dua anggotanya, A dan B mengatakan": from the verb back to "yang"
_MAX_CONNECTIVE_WORDS = 3  # "Sementara itu, ...", "Di sisi lain, ..." before the subject
_MAX_APPOSITION_WORDS = 16  # "Nasrat Rahimi, wakil juru bicara Kementerian Dalam Negeri Afghanistan, mengatakan"
# Inside an apposition: "(Kemendagri)", "Kabupaten/Kota", "H.", "Ma'ruf".
_INNER_PUNCTUATION = frozenset("()-/.'")


@dataclass
class Speaker:
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
    unnamed: bool = False  # "Saksi lain, seorang insinyur ..., mengatakan", "tulis pernyataan resmi ...": no person


@dataclass
class Candidate:
    """A claim before its speaker is resolved."""

    start: int  # character offsets of the claim's content
    end: int
    type: str  # "direct", "indirect" or SWITCH
    verb: str | None
    speaker: Speaker | None  # None: a quote with no tag, taken by the previous claim's speaker


@dataclass(frozen=True)
class ClaimWords:
    """What the claim steps know about words, fixed when the component is built: the lexicons, the name reader of
    extract_officials, the nouns for a person (with the title words) and the vocabulary flag set on tag words."""

    lex: ClaimLexicons
    names: NameReader
    person_nouns: frozenset[str]
    tag_flag: int


def before_parenthesis(doc: Doc, j: int) -> tuple[int, bool]:
    """Before a short parenthesis ending at token j ("Joko Widodo (Jokowi)", "Desi (28)"): the token before it, and
    whether the parenthesis holds an age."""
    if j <= 0 or doc[j].text != ")":
        return j, False
    opening = next((k for k in range(j - 1, max(j - 5, -1), -1) if doc[k].text == "("), None)
    if opening is None:
        return j, False
    inside = doc[opening + 1 : j]
    return opening - 1, len(inside) == 1 and inside[0].is_digit


def comma_outside_brackets(doc: Doc, start: int, end: int) -> int | None:
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


@dataclass
class _Before:
    """Where the subject before a verb of saying ends, while reading back from the verb: the token `j`, and what was
    passed on the way."""

    j: int
    relative: bool  # a "yang" among the adverbs: "terang Sutopo, yang menyebut ...", not the tag going on
    age: bool  # an age in brackets after the name: "Kariadi (50) mengaku"
    # The name is set off by a comma before the verb: "Erfan Kurniawan, Kepala ..., menjelaskan".
    comma_after: bool = False


class SpeakerReader:
    """Reads speakers in one document (see module docstring): made for each document by the component."""

    def __init__(self, words: ClaimWords, doc: Doc) -> None:
        self.lex = words.lex
        self.names = words.names
        self.person_nouns = words.person_nouns
        self.tag_flag = words.tag_flag
        self.doc = doc
        self.text = text_of(doc)
        self.mentions: list[Mention] = doc._.extract_mentions or []  # read once: each Doc._ access builds an object
        self.people: list[Person] = doc._.extract_officials
        # Every word of every known person's names.
        self.forms = {
            part for person in self.people for form in (person.name, *person.aliases) for part in form.split()
        }

    # -- tags and names after a word of saying -------------------------------------------------------------------

    def tag_speaker(self, i: int) -> tuple[Speaker, str] | None:
        """A closing tag at token i: "ujar Erfan", "ujarnya", "kata dia", "ungkap Plt Dirjen ... Syailendra"."""
        doc = self.doc
        if i >= len(doc):
            return None
        word = doc[i].lower_
        if word.endswith(PRONOUN_SUFFIX) and word[:-3] in self.lex.tags:
            return Speaker(pronoun=True, end=i + 1), word
        if word not in self.lex.tags or i + 1 >= len(doc):
            return None
        described = self._described_after_tag(i + 1)
        if described is not None:
            return described, word
        if doc[i + 1].lower_ in self.lex.statement_nouns and doc[i + 1].is_lower:
            # "tulis pernyataan resmi himpunan itu", "demikian keterangan tertulis koalisi": a document speaks.
            return Speaker(unnamed=True, end=i + 2), word
        named = self.named(i + 1) or self._mention_ahead(i + 1)
        if named is not None:
            return named, word
        # A tag that names no one we can read ("tegas Ketua Majelis ... itu", "kata Gubernur") points back, as a
        # pronoun does, unless the title names someone of the article.
        title = self.title_after(i + 1)
        if title is not None:
            words, end = title
            named = self._name_after_place(i + 1, end)
            if named is not None:
                return named, word  # "kata Kepala Dinsos P3A Sumenep Mustangin": the name after the place
            return Speaker(pronoun=True, title=words, end=end), word
        return Speaker(pronoun=True), word

    def _described_after_tag(self, i: int) -> Speaker | None:
        """A tag naming its speaker by a description that points back ("kata mantan Ketua KPU Jawa Barat ini,",
        "ujar koordinator relawan wilayah Timur itu."): the person being quoted, as "katanya" is. The description
        holds a title or a capitalised word; "kata pria tersebut" may describe someone the article never names."""
        doc = self.doc
        limit = min(i + MAX_TITLE_WORDS + 3, len(doc))
        end = next((k for k in range(i, limit) if doc[k].is_punct or doc[k].is_space), None)
        if end is None or end - i < 2 or doc[end - 1].lower_ not in self.lex.tag_anaphors or not doc[i].is_lower:
            return None
        words = doc[i : end - 1]
        if not any(t.lower_ in self.names.lex.title_words or t.text[:1].isupper() for t in words):
            return None
        return Speaker(pronoun=True, end=end)

    def named(self, i: int) -> Speaker | None:
        """The speaker named from token i on: a pronoun, a known mention (also one a few title words on:
        "kata Sales Branch Manager ..., Muhammad Fikri"), or a name."""
        doc = self.doc
        token = doc[i]
        if token.lower_ in self.lex.pronouns:
            return Speaker(pronoun=True, end=i + 1, before=token.idx)
        for mention in self.mentions:
            if mention.extent_start <= i < mention.extent_end or i < mention.extent_start <= i + 3:
                if mention.extent_start > i and not all(
                    doc[k].is_title or doc[k].lower_ in self.lex.statement_nouns for k in range(i, mention.extent_start)
                ):
                    continue  # "kata putra bungsu mantan presiden, Joko Widodo, itu": a relative, not the speaker
                return Speaker(person=mention.person, end=mention.extent_end)
        start = self.names.skip_honorifics(doc, i)
        end = self.names.name_run(doc, start, len(doc))
        if end > start:
            name = self.names.clean_name(doc, start, end)
            glued = self._glued_person(name) if end == start + 1 and name not in self.forms else None
            if glued is not None:
                return Speaker(person=glued, end=end)
            if not self.is_place_or_body(name) and not self._ends_with_place(name):
                return Speaker(
                    name=name,
                    end=self.names.degrees_end(doc, end),
                    rank=self.names.rank_before(doc, start),
                    start=start,
                )
        elif token.is_title and token.text in self.forms:
            # "kata Made", "ujar Nyoman": a name particle (Balinese birth order) no name run reads alone, which is a
            # known person's name here.
            return Speaker(name=token.text, end=i + 1, start=i)
        return None

    def is_place_or_body(self, name: str) -> bool:
        """A region or organisation; a capitalised word spelling an organisation's acronym ("Idi" for IDI) is not."""
        if not self.names.is_known_place_or_body(name):
            return False
        lower = name.lower()
        return name.isupper() or lower not in self.lex.acronym_bodies or lower in self.names.lex.regions

    def _ends_with_place(self, name: str) -> bool:
        """ "Kadishub Kalsel", "Kapolsek Ciputat": an unlisted title with its region, not a person's name."""
        words = name.split()
        return len(words) > 1 and self.names.is_known_place_or_body(words[-1])

    def descriptor_anaphor(self, i: int, end: int) -> Speaker | None:
        """A description ending in "itu"/"tersebut" before a comma that names a person ("sang pendiri SpaceX itu",
        "politikus PDI-P tersebut"): the person named last."""
        doc = self.doc
        comma = comma_outside_brackets(doc, i, min(i + MAX_TITLE_WORDS + 2, end))
        if comma is None or comma - 1 <= i or doc[comma - 1].lower_ not in self.lex.anaphors:
            return None
        if not any(doc[k].lower_ in self.person_nouns for k in range(i, comma - 1)):
            return None
        return Speaker(anaphor=True, end=comma, before=doc[i].idx)

    def _mention_ahead(self, i: int) -> Speaker | None:
        """An official named further on in the tag's phrase ("kata Ketua Panitia yang juga Kepala Dinas ... Suardi"),
        before any punctuation."""
        doc = self.doc
        limit = min(i + _MAX_RELATIVE_WORDS, len(doc))
        stop = next((k for k in range(i, limit) if doc[k].is_punct), limit)
        ahead = [m for m in self.mentions if i < m.extent_start < stop]
        if not ahead or not (doc[i].is_title or doc[i].lower_ in self.names.lex.title_words):
            return None  # "kata putra bungsu mantan presiden X itu": a relative of X speaks, not X
        mention = min(ahead, key=lambda m: m.extent_start)
        return Speaker(person=mention.person, end=mention.extent_end)

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

    def known(self, speaker: Speaker) -> bool:
        """Whether a speaker is a person of the article already, not merely a capitalised word."""
        if speaker.person is not None:
            return True
        return (
            speaker.name is not None
            and find_person(self.people, speaker.name, self.names.lex.nickname_openers) is not None
        )

    def title_after(self, i: int) -> tuple[str, int] | None:
        """A title with no name from token i on ("Gubernur", "Ketua KPU", "Kadishub Kalsel"): its words and end."""
        doc = self.doc
        if i >= len(doc) or doc[i].lower_ not in self.names.lex.title_words:
            return None
        end = i + 1
        while end < len(doc) and end - i < MAX_TITLE_WORDS and self.title_chain_word(doc[end]):
            end += 1
        return " ".join(t.lower_ for t in doc[i:end]), end

    def title_chain_word(self, token: Token) -> bool:
        """A word that can continue a title chain: office and title words, organisations, places, acronyms."""
        if token.is_punct or token.is_space:
            return False
        return (
            self.names.is_office_word(token)
            or token.text[:1].isupper()
            or token.like_num
            or token.lower_ in self.names.lex.title_modifiers
        )

    def _name_after_place(self, start: int, end: int) -> Speaker | None:
        """A title chain that ends with a place and then a name nobody listed ("Kepala Dinsos P3A Sumenep
        Mustangin"): the name."""
        doc = self.doc
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
        if self.is_place_or_body(name):
            return None
        return Speaker(name=name, end=end, start=place_end)

    # -- the subject before a verb of saying ---------------------------------------------------------------------

    def subject(self, verb: int) -> Speaker | None:
        """The speaker before a verb of saying, also across a circumstance ("Budi, saat ditemui di kantornya, Senin
        (3/7), mengatakan", "Kapolres X dalam keterangan tertulisnya menjelaskan")."""
        doc = self.doc
        speaker = self._subject_before(verb)
        if speaker is not None:
            return speaker
        sentence_start = sentence_bounds(doc, verb)[0]
        openers = []
        for k in range(verb - 2, max(verb - _MAX_CIRCUMSTANCE_WORDS, sentence_start), -1):
            token = doc[k]
            if token.lex.check_flag(self.tag_flag) or token.lower_ in self.lex.frames or token.text in OPENING:
                break  # another report or a quotation: the circumstance cannot reach past it
            if token.lower_ in self.lex.circumstance_openers and token.is_lower:
                openers.append(k)
        # The first circumstance opens right after the speaker; later ones may name someone else ("Farhat saat
        # mendampingi pemeriksaan Elza pada Senin mengatakan").
        for k in reversed(openers):
            speaker = self._subject_before(k)
            if speaker is None or not (speaker.person is not None or speaker.name or speaker.pronoun):
                continue
            if speaker.name is not None and speaker.end is not None:
                first = speaker.end - len(speaker.name.split())
                if first > 0 and doc[first - 1].is_lower and doc[first - 1].is_alpha:
                    continue  # "pemeran Roman Pearce di film itu menyatakan": a name inside a longer phrase
            return speaker
        return None

    def _subject_before(self, verb: int) -> Speaker | None:
        """The speaker right before a verb of saying, read back from the verb in named steps: past adverbs and a
        bracket, a pronoun ("Ia mengatakan"), an official the officials found ("Nyoman juga telah mengatakan"),
        past an apposition set off by commas ("Erfan Kurniawan, Kepala ..., menjelaskan"), a description pointing
        back ("Bendahara negara itu mengatakan"), else a name read here ("Desi (28), yang mengaku") or a title
        standing for a person ("jaksa menilai")."""
        at = self._back_past_adverbs(verb)
        if at.j < 0:
            return None
        token = self.doc[at.j]
        if token.lower_ in self.lex.pronouns:
            return Speaker(pronoun=True, subject=True, before=token.idx, start=at.j)
        head = self._relative_head(verb)
        if head is not None:
            return head
        found = self._mention_before(at)
        if isinstance(found, Speaker):
            return found
        if found is False:
            return None  # the mention continues a tag
        if token.text == "," and at.j > 0:
            found = self._back_past_apposition(at)
            if found is not None:
                return found
        if self._anaphor_word(at.j) and self._person_phrase_before(at.j):
            # "Bendahara negara itu mengatakan": the person named before this sentence.
            return Speaker(anaphor=True, before=self.doc[sentence_bounds(self.doc, at.j)[0]].idx)
        if token.text in self.forms and not self.names.is_name_token(token) and token.text[:1].isupper():
            # "Lebih lanjut, AHY mengatakan", "Made menjelaskan": a known person's short form that reads as no name.
            return Speaker(name=token.text, end=at.j + 1, start=at.j)
        return self._name_before(at)

    def continued(self, verb: int) -> Speaker | None:
        """A verb of saying with no subject after a conjunction that goes on with the person being quoted: "...,"
        kata Rahmat, seraya menambahkan bahwa ...", "tegas dia sembari menyebut ...", "Dan menambahkan bahwa ..."."""
        doc = self.doc
        j = verb - 1
        while j >= 0 and (doc[j].is_space or doc[j].lower_ in self.lex.adverbs):
            j -= 1
        if j < 0:
            return None
        word = doc[j].lower_
        if word in self.lex.opening_continuers and doc[j].is_sent_start:
            return Speaker(pronoun=True, before=doc[j].idx)
        if word not in self.lex.continuers:
            return None
        sentence_start = sentence_bounds(doc, j)[0]
        reported = any(t.lex.check_flag(self.tag_flag) or t.text in CLOSING for t in doc[sentence_start:j])
        return Speaker(pronoun=True, before=doc[j].idx) if reported else None

    def unnamed_subject(self, sentence_start: int, verb: int) -> Speaker | None:
        """A subject that describes a person without naming them ("Saksi lain, seorang insinyur yang tak mau disebut
        namanya, mengatakan", "Seorang warga mengaku"): their words are no claim, and "katanya" after them is theirs."""
        doc = self.doc
        k = sentence_start
        comma = next((c for c in range(k, min(k + _MAX_CONNECTIVE_WORDS + 1, verb)) if doc[c].text == ","), None)
        if comma is not None and not any(doc[c].lower_ in self.person_nouns for c in range(k, comma)):
            k = comma + 1  # "Di lokasi, seorang saksi mengatakan"
        while k < verb and doc[k].is_space:
            k += 1
        head = doc[k].lower_ if k < verb else ""
        if head not in self.lex.person_nouns and head not in self.lex.person_introducers:
            return None  # "Kebanyakan warga yang datang beralasan ...": a group, reported by the person quoted
        if any(t.text[:1].isupper() for t in doc[k + 1 : verb] if t.is_alpha):
            return None  # a capitalised word may be a name or an organisation the steps did not read
        return Speaker(unnamed=True)

    def _relative_head(self, verb: int) -> Speaker | None:
        """A person of the article opening the sentence with a relative clause before the verb: "Ketua Bawaslu X yang
        didampingi dua anggotanya, A dan B mengatakan", "Amran, yang merupakan kerabat pengusaha Y (Z), hanya
        menyebut": the clause names others; the person before "yang" speaks."""
        doc = self.doc
        sentence_start = sentence_bounds(doc, verb)[0]
        for k in range(verb - 1, max(verb - _MAX_RELATIVE_SPAN, sentence_start), -1):
            token = doc[k]
            if token.text in OPENING or token.lex.check_flag(self.tag_flag) or token.lower_ in self.lex.frames:
                return None  # another report or a quotation: the clause cannot reach past it
            if token.is_punct and token.text not in _INNER_PUNCTUATION and token.text != ",":
                return None
            if token.lower_ != RELATIVE:
                continue
            end = k - 1 if doc[k - 1].text == "," else k
            for mention in self.mentions:
                if mention.extent_end == end and self._opens_clause(sentence_start, mention.extent_start):
                    return Speaker(person=mention.person)
            start = end
            while start > sentence_start and end - start < 4 and self.names.is_name_token(doc[start - 1]):
                start -= 1
            if start < end and self._opens_clause(sentence_start, start):
                person = find_person(
                    self.people, self.names.clean_name(doc, start, end), self.names.lex.nickname_openers
                )
                if person is not None:
                    return Speaker(person=person)
        return None

    def relative_object(self, verb: int) -> bool:
        """Whether a verb of saying opens a relative clause on someone who is no subject ("Ia mendukung langkah
        Gubernur X yang meminta ..."): the sentence reports the subject's view, not that person's words."""
        doc = self.doc
        j = verb - 1
        while j > 0 and (doc[j].is_space or (doc[j].lower_ in self.lex.adverbs and doc[j].lower_ != RELATIVE)):
            j -= 1
        if j <= 0 or doc[j].lower_ != RELATIVE:
            return False
        end = j - 1 if doc[j - 1].text == "," else j
        start = next((m.extent_start for m in self.mentions if m.extent_end == end), None)
        if start is None:
            start = end
            while start > 0 and end - start < MAX_TITLE_WORDS and self.title_chain_word(doc[start - 1]):
                start -= 1
        sentence_start = sentence_bounds(doc, start)[0]
        if start == end or self._opens_clause(sentence_start, start):
            return False
        # Another subject opens the sentence ("Ia pun mendukung ..."); after "Menurut keterangan X yang mengatakan"
        # X is the only one speaking.
        first = sentence_start
        comma = next(
            (c for c in range(first, min(first + _MAX_CONNECTIVE_WORDS + 1, start)) if doc[c].text == ","), None
        )
        if comma is not None:
            first = comma + 1
        while first < start and doc[first].is_space:
            first += 1
        return doc[first].lower_ in self.lex.pronouns or any(m.extent_start == first for m in self.mentions)

    def _opens_clause(self, sentence_start: int, start: int) -> bool:
        """Whether a phrase at `start` opens its sentence, or follows a short connective and its comma ("Sementara
        itu, ...")."""
        doc = self.doc
        k = start - 1
        while k > sentence_start and doc[k].is_space:
            k -= 1
        if start == sentence_start or (doc[k].text == "," and k - sentence_start <= _MAX_CONNECTIVE_WORDS):
            return True
        return doc[k].lower_ in self.lex.anaphors and k - sentence_start < _MAX_CONNECTIVE_WORDS  # "Sementara itu"

    def _back_past_adverbs(self, verb: int) -> _Before:
        """Back from the verb past spaces, up to three adverbs ("juga telah") and a short bracket ("Presiden Joko
        Widodo (Jokowi) memberi sinyal", "Kariadi (50) mengaku")."""
        doc = self.doc
        j = verb - 1
        skipped = 0
        relative = False
        while j >= 0 and (doc[j].is_space or (doc[j].lower_ in self.lex.adverbs and skipped < 3)):
            skipped += not doc[j].is_space
            relative = relative or doc[j].lower_ == RELATIVE
            j -= 1
        j, age = before_parenthesis(doc, j)
        return _Before(j, relative, age)

    def _mention_before(self, at: _Before) -> Speaker | Literal[False] | None:
        """An official the officials found, ending right before the verb or before the comma of a relative clause
        ("Elva, yang menyertai Gubernur X, mengatakan": the clause names someone else; `at` moves before it). False:
        the mention continues a tag ("kata Wakapolri Syafruddin menjawab pertanyaan pers"): the verb opens no report."""
        doc = self.doc
        j = at.j
        comma = doc[j].text == ","
        if comma:
            clause = next((k for k in range(j - 1, max(j - _MAX_RELATIVE_WORDS, 1), -1) if doc[k].is_punct), None)
            if clause is not None and doc[clause].text == "," and doc[clause + 1].lower_ == RELATIVE:
                j = at.j = clause  # the name ends before the relative clause
        for mention in self.mentions:
            if mention.extent_end in (j + 1, j) and (mention.extent_end == j + 1 or comma):
                if not comma and not at.relative and self.after_tag(mention.extent_start):
                    return False
                return Speaker(person=mention.person)
        return None

    def _back_past_apposition(self, at: _Before) -> Speaker | None:
        """Back past the comma before the verb, degrees ("Hendri Saputra, M.Si., berpendapat"), a short lower-case
        description ("Siti Maemunah, istri almarhum, mengatakan") and an age ("Desi (28), yang mengaku"), moving `at`
        to the name's last token; the official ending there, if any."""
        doc = self.doc
        at.comma_after = True
        j = at.j - 1
        while j > 1 and (doc[j].text in (".", ",") or doc[j].text in self.names.lex.degrees):
            j -= 1
        descriptor = j
        while descriptor > 0 and doc[descriptor].is_lower and j - descriptor < 4:
            descriptor -= 1
        if descriptor < j and doc[descriptor].text == "," and descriptor > 0:
            j = descriptor - 1
        j, parenthesis_age = before_parenthesis(doc, j)
        for mention in self.mentions:
            if mention.extent_end == j + 1:
                at.j, at.age = j, at.age or parenthesis_age
                return Speaker(person=mention.person)
        opening = self._apposition_opening(at.j)
        if opening is not None and opening > 0:
            # "Farid Amiruddin, wakil juru bicara Kementerian Kesehatan Maroko, mengatakan": the name stands before
            # the apposition, when a name ends there.
            before, age = before_parenthesis(doc, opening - 1)
            if self.names.is_name_token(doc[before]) or any(m.extent_end == before + 1 for m in self.mentions):
                j, parenthesis_age = before, age
        at.j, at.age = j, at.age or parenthesis_age
        for mention in self.mentions:
            if mention.extent_end == j + 1:
                return Speaker(person=mention.person)
        return None

    def _apposition_opening(self, comma: int) -> int | None:
        """The comma opening an apposition that the comma at `comma` closes, when the apposition starts with a
        lower-case word ("Nasrat Rahimi, wakil juru bicara Kementerian Dalam Negeri, mengatakan"; "Zia, yang
        berbicara dari tempat kejadian, mengatakan"), or None."""
        doc = self.doc
        sentence_start = sentence_bounds(doc, comma)[0]
        for k in range(comma - 1, max(comma - _MAX_APPOSITION_WORDS, sentence_start), -1):
            token = doc[k]
            if token.text == ",":
                opening = doc[k + 1] if k + 1 < comma else None
                if opening is None or not (opening.is_lower and opening.is_alpha):
                    return None
                return None if opening.lower_ in self.lex.naming_words else k
            if token.is_punct and token.text not in _INNER_PUNCTUATION:
                return None
        return None

    def _name_before(self, at: _Before) -> Speaker | None:
        """A name the officials did not read, ending at `at.j`, or a title standing for a person when no name ends
        there. Each refusal says what the capitalised words are instead."""
        doc, j = self.doc, at.j
        end = j + 1
        start = end
        while start > 0 and end - start < 5 and self.names.is_name_token(doc[start - 1]):
            start -= 1
            if doc[start].is_sent_start:
                break
        if start == end:
            if at.comma_after:
                return None
            return self._relative_subject(j) or self._title_before(j, at.relative)
        while start > 0 and (
            doc[start - 1].text in self.names.lex.honorifics or doc[start - 1].lower_ in self.names.lex.ranks
        ):
            start -= 1  # "Prof Ni'am menilai"
        after_place = self._after_place(start, end)
        if after_place is not None:
            # "Kabid Dikdas Disdikbud Bandar Lampung Mulyadi mengatakan": the name follows the place.
            start = after_place
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
            return None if at.comma_after else self._title_before(j, at.relative)
        name = self.names.clean_name(doc, start, end)
        if not name or self.is_place_or_body(name) or self._ends_with_place(name):
            return None  # "Persija Jakarta bertekad": a club or a body, not a person
        while len(name.split()) > 1 and name.split()[0].lower() in self.person_nouns:
            name = name.split(" ", 1)[1]  # "Aktor Ben Stiller" opening the sentence: the noun is no part of the name
        if name.split()[-1].lower() in self.names.lex.org_suffixes:
            return None  # "Kaspersky Lab menanyakan", "Reforminer Institute menilai"
        if previous is not None and previous.is_lower and previous.lower_.startswith("me") and len(previous) > 5:
            return None  # "indikator yang membuat Airlangga optimistis ...": the name is an object
        if not (at.comma_after or at.relative) and self.after_tag(start):
            return None
        # "Orangtua lainnya, Supriyatin, mengungkapkan": a name set off by commas after a noun is a person's; so is a
        # name with an age ("Kariadi (50) mengaku").
        appositive = previous is not None and previous.text == "," and (at.comma_after or at.age)
        known = name in self.names.lex.given_names
        # "Sementara tersangka M memohon maaf", "warga Sukamaju Rahmat mengaku": a role noun before the name.
        role = (
            previous is not None
            and previous.is_lower
            and previous.lower_ in self.person_nouns
            and not (start > 1 and doc[start - 2].lower_ in self.lex.collective_words)  # "para pemain Meksiko"
        )
        rank = self.names.rank_before(doc, end - len(name.split()))
        return Speaker(
            name=name,
            end=end,
            rank=rank,
            bare=not (appositive or known or at.age or role),
            start=end - len(name.split()),
        )

    def _title_before(self, j: int, relative: bool = False) -> Speaker | None:
        """A title standing for a person before a verb of saying: "jaksa menilai", "Kepala Dinas ... menjelaskan"."""
        doc = self.doc
        k = j
        while k >= 0 and j - k < MAX_TITLE_WORDS and self.title_chain_word(doc[k]):
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
        if (not relative and self.after_tag(head)) or not self._title_only(head + 1, j + 1):
            return None
        return Speaker(title=" ".join(t.lower_ for t in doc[head : j + 1]), before=doc[head].idx)

    def _after_place(self, start: int, end: int) -> int | None:
        """Where a name starts after a place of one or two words inside a capitalised run (after a title chain, the
        name follows the place), or None when the run holds no place or ends with it."""
        doc = self.doc
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

    def _title_only(self, start: int, end: int) -> bool:
        """Whether the words after a title's first word are all title, office, place or organisation words: no name
        the officials missed ("Analis Teknikal MNC Sekuritas Herditya Wicaksana menilai")."""
        doc = self.doc
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

    def after_tag(self, start: int) -> bool:
        """Whether a speaker phrase follows a tag ("kata Wakapolri menjawab pertanyaan pers"): then the verb after it
        continues the tag; it does not open a new claim."""
        doc = self.doc
        tag = doc[start - 1] if start > 1 else None
        if tag is None or not tag.is_lower or not tag.lex.check_flag(self.tag_flag) or doc[start].is_sent_start:
            return False
        # A tag follows the quotation or its comma; "Lebih lanjut Budi menjelaskan" is a connective, not a tag.
        return doc[start - 2].is_punct

    def _relative_subject(self, j: int) -> Speaker | None:
        """An official followed by a relative clause before the verb: "Budi S., yang dikonfirmasi usai kegiatan itu
        mengatakan" (no comma between)."""
        doc = self.doc
        sentence_start = sentence_bounds(doc, j)[0]
        for k in range(j, max(j - _MAX_RELATIVE_WORDS, sentence_start) - 1, -1):
            if doc[k].lower_ == RELATIVE:
                mention = next((Speaker(person=m.person) for m in self.mentions if m.extent_end == k), None)
                if mention is not None:
                    return mention
                start = k
                while start > sentence_start and k - start < 4 and self.names.is_name_token(doc[start - 1]):
                    start -= 1
                name = self.names.clean_name(doc, start, k)
                if not name or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha):
                    return None
                return Speaker(name=name, end=k, strict=True)  # "Bank Dunia dalam Macro Poverty Outlook yang ..."
            if doc[k].is_punct and doc[k].text not in "()":
                return None
        return None

    def _anaphor_word(self, j: int) -> bool:
        """Whether token j closes a description pointing back: "itu", "tersebut"; "ini" only after a description that
        names an office or body ("Politikus Partai Golkar ini menyebut"), since "Pemain 26 tahun ini mengaku" as
        often describes someone the officials never read."""
        doc = self.doc
        word = doc[j].lower_
        if word in self.lex.anaphors:
            return True
        if word not in self.lex.tag_anaphors:
            return False
        sentence_start = sentence_bounds(doc, j)[0]
        return any(t.text[:1].isupper() and t.is_alpha for t in doc[sentence_start + 1 : j])

    def _person_phrase_before(self, j: int) -> bool:
        """Whether the words before "itu"/"tersebut" at j name a person ("Bendahara negara", "Guru Besar ..."); not
        when a relative clause ends there ("Bupati X yang hadir dalam acara itu mengapresiasi")."""
        doc = self.doc
        sentence_start = sentence_bounds(doc, j)[0]
        for k in range(j - 1, max(j - 8, sentence_start) - 1, -1):
            if doc[k].lower_ == RELATIVE:
                # "Pria yang akrab disapa Zulhas itu": a person noun before the clause; "Bupati X yang hadir dalam
                # acara itu": a name before it, read as the subject elsewhere.
                return k > 0 and doc[k - 1].lower_ in self.person_nouns
            if doc[k].is_punct and doc[k].text not in "()":
                return False  # brackets stay: "Mantan Kepala Kepolisian Daerah (Kapolda) Jateng itu"
            if doc[k].lower_ in self.person_nouns:
                return True
        return False

    def may_be_agent(self, token: Token) -> bool:
        """A word that can be the agent of a verb of saying: a capitalised word or a pronoun."""
        return token.is_title or token.lower_ in self.lex.pronouns
