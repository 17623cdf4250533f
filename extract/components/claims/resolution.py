"""Speaker resolution: each candidate claim tied to a person of the article.

A known person stays; a name is looked up among the officials (a short form, an alias, a near spelling) or becomes
a new person with the fullest form the article uses; a title stands for the person of the article with that title;
a pronoun for the person being quoted, or for the subject introduced since; a description ending in "itu" for the
person named last. Claims are taken in text order, so "the last speaker" is known at each step.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from extract.components.claims.quotations import TRAILING
from extract.components.claims.speakers import MAX_TITLE_WORDS, SWITCH, Candidate, Speaker, SpeakerReader
from extract.mentions import occurrences
from extract.persons import Person, find_person
from extract.schema import Claim

_MAX_CHAIN_WORDS = 12  # "Kepala Bidang Anggaran Badan Pengelola Keuangan Daerah (BPKD) Kabupaten Pangandaran"
NOBODY = -1  # the last speaker is someone the article does not name: a pronoun after them names no one
_MIN_FORM_CHARS = 3  # a shorter form ("Al", "Ii") is read as a name too often where it is none
_PREVIOUS_WORD_CHARS = 40
_MIN_SHORT_FORM_CHARS = 4  # "Sandi" for "Sandiaga"; a shorter start ("Ari", "Adi") opens too many names
_NICKNAME_PHRASE_CHARS = (
    60  # "panggilan akrab Bambang Soesatyo" after "Bamsoet, "  # enough text before a name to hold the word before it
)


@dataclass
class _Mentioned:
    """Where the article names one of its officials, for resolving pronouns."""

    position: int  # character offset of the mention
    person: int
    subject: bool  # the mention opens its clause
    appositive: bool  # the name is set off by a comma ("... apresiasi dari Anggota DPRD X, Budi Santoso.")


def _is_subject_position(doc: Doc, start: int) -> bool:
    """A mention that opens its clause ("Sebelumnya, Presiden X ..."), not one after a preposition or a verb."""
    return start == 0 or doc[start].is_sent_start or not doc[start - 1].is_alpha or doc[start - 1].text[:1].isupper()


def _paragraph_index(text: str) -> Callable[[int], int]:
    """The paragraph a character offset stands in (0, 1, ...)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]

    def index(position: int) -> int:
        return bisect_right(starts, position)

    return index


def attribute(reader: SpeakerReader, candidates: list[Candidate]) -> list[Claim]:
    """The claims of the candidates (in text order) whose speaker resolves to a person, none overlapping an earlier
    one. A SWITCH candidate claims nothing but makes its person the last speaker. Persons who only speak are added to
    the article's people (Doc._.extract_officials)."""
    return _Resolver(reader, candidates).claims()


class _Resolver:
    """Resolves the candidates of one document, in text order."""

    def __init__(self, reader: SpeakerReader, candidates: list[Candidate]) -> None:
        self.reader = reader
        self.candidates = candidates
        self.people = reader.people
        doc = reader.doc
        # A capitalised word before a verb of saying is taken for a person when the article names it as a speaker in
        # another way too: in a tag, a passive, "menurut", or with an age.
        self.vouched = {
            c.speaker.name
            for c in candidates
            if c.speaker and c.speaker.name and not (c.speaker.bare or c.speaker.strict)
        }
        mentions = [
            _Mentioned(
                doc[m.extent_start].idx,
                m.person,
                _is_subject_position(doc, m.extent_start),
                m.name_start > 0 and doc[m.name_start - 1].text == ",",
            )
            for m in reader.mentions
            if m.person is not None
        ]
        self.first_mention: dict[int, int] = {}  # person -> character offset of the first mention with a title
        for m in sorted(mentions, key=lambda m: m.position):
            self.first_mention.setdefault(m.person, m.position)
        mentions.sort(key=lambda m: m.position)
        self._titled = mentions
        self._mentions: list[_Mentioned] | None = None  # with the names said again, read when a pronoun needs them
        self.paragraph_of = _paragraph_index(reader.text)
        self.found: list[Claim] = []
        self.last: tuple[int, int] | None = None  # (character position, person) of the last attributed claim

    def claims(self) -> list[Claim]:
        people, found = self.people, self.found
        for candidate in self.candidates:
            if candidate.type == SWITCH:
                switched = _known_person(candidate.speaker, people, self.reader.names.lex.nickname_openers)
                if candidate.speaker is not None and candidate.speaker.unnamed:
                    switched = NOBODY
                if switched is not None:
                    self.last = (candidate.end, switched)
                continue
            person = self.resolve(candidate)
            if person == NOBODY:
                self.last = (candidate.end, NOBODY)
            if person is None or person == NOBODY:
                continue
            if any(c.char_start < candidate.end and candidate.start < c.char_end for c in found):
                continue
            found.append(
                Claim(
                    speaker=people[person].name,
                    official_index=person,
                    type=candidate.type,
                    verb=candidate.verb,
                    text=self.reader.text[candidate.start : candidate.end],
                    char_start=candidate.start,
                    char_end=candidate.end,
                )
            )
            self.last = (candidate.end, person)
        return found

    def mentions(self) -> list[_Mentioned]:
        """Where the article names its officials, with a title or by name alone (read once, on first need: most
        claims name their speaker)."""
        if self._mentions is None:
            self._mentions = sorted(self._titled + _named_again(self.reader), key=lambda m: m.position)
        return self._mentions

    def _in_claim(self, position: int) -> bool:
        return any(c.char_start <= position < c.char_end for c in self.found)

    def resolve(self, candidate: Candidate) -> int | None:
        """The person who speaks a candidate, by the way the text names them (one step for each way), or None."""
        speaker = candidate.speaker
        if speaker is None:
            return self._untagged_quote(candidate)
        if speaker.unnamed:
            return NOBODY
        if speaker.person is not None:
            return speaker.person
        if speaker.name is not None:
            return self._by_name(speaker)
        bound = speaker.before if speaker.before is not None else candidate.start
        if speaker.title is not None:
            titled = self._by_title(speaker.title, bound)
            if titled is not None or not speaker.pronoun:
                return titled  # a title that names no one of the article falls back to the pronoun's person
        unclaimed = [m for m in self.mentions() if m.position < bound and not self._in_claim(m.position)]
        if speaker.anaphor:
            return self._anaphor(unclaimed)
        if speaker.pronoun and self.last is not None:
            return self._pronoun(speaker, unclaimed, self.last)
        return self._subject_named_last(unclaimed)

    def _untagged_quote(self, candidate: Candidate) -> int | None:
        """A quote with no tag of its own: the previous claim's speaker, when that claim is close by (this paragraph
        or the one before)."""
        found = self.found
        if self.last is not None and self.last[1] == NOBODY:
            return None  # someone unnamed spoke since
        if found and self.paragraph_of(candidate.start) - self.paragraph_of(found[-1].char_end) <= 1:
            return found[-1].official_index
        return None

    def _by_name(self, speaker: Speaker) -> int | None:
        """A name: the person it stands for, else (when the name reads as a person's) a new person with the fullest
        form the article uses and the title before it."""
        assert speaker.name is not None
        people, reader = self.people, self.reader
        index = find_person(people, speaker.name, reader.names.lex.nickname_openers)
        if index is None:
            index = self._after_unlisted_title(speaker.name)
            if index is not None:
                return index  # "ungkap Walkot Agung": an abbreviated title before a known name
        if index is None and " " not in speaker.name:
            index = self._nickname(speaker.name)
            if index is not None:
                if speaker.name not in people[index].aliases:
                    people[index].aliases.append(speaker.name)
                return index
        if index is None and speaker.strict and speaker.name not in self.vouched:
            return None
        if index is None:
            if (
                speaker.bare
                and len(speaker.name.split()) == 1
                and speaker.rank is None
                and speaker.name not in self.vouched
                and not _introduced(reader, speaker.name)
            ):
                # One capitalised word before a verb of saying, never named with a title or in a tag, is as often a
                # club, an outlet or a firm ("Dortmund menyatakan") as a person.
                return None
            fuller = fuller_name(reader, speaker.name)
            aliases = [speaker.name] if fuller != speaker.name else []
            title = _title_before_name(reader, speaker.start) if speaker.start is not None else None
            people.append(Person(fuller, aliases, title or speaker.rank, None, None, 0, 0))
            return len(people) - 1
        person = people[index]
        if speaker.name != person.name and speaker.name not in person.aliases:
            person.aliases.append(speaker.name)
        return index

    def _nickname(self, name: str) -> int | None:
        """The known person a one-word name is a nickname of: a short form of one person's name ("Sandi" for
        "Sandiaga Uno"), or a nickname the article explains ("Bamsoet, panggilan Bambang Soesatyo"; "ujar Ara, sapaan
        akrabnya": the person named just before)."""
        people, text, markers = self.people, self.reader.text, self.reader.lex.nickname_markers
        if len(name) >= _MIN_SHORT_FORM_CHARS:
            owners = {
                index
                for index, person in enumerate(people)
                for word in person.name.split()
                if word != name and word.startswith(name)
            }
            if len(owners) == 1:
                return owners.pop()
        position = text.find(f"{name}, ")
        while position != -1:
            following = text[position + len(name) + 2 : position + len(name) + 2 + _NICKNAME_PHRASE_CHARS].split()
            if following and following[0].lower() in markers:
                words = [w.rstrip(",.") for w in following[1:] if w.lower().rstrip(",.") not in markers]
                named = " ".join(w for w in words[:3] if w[:1].isupper())
                index = find_person(people, named, self.reader.names.lex.nickname_openers) if named else None
                if index is not None:
                    return index
                if any(w.lower().rstrip(",.").endswith("nya") for w in following[:3]):
                    # "ujar Ara, sapaan akrabnya": the person named last as a subject, else quoted last.
                    subjects = [m for m in self.mentions() if m.position < position and m.subject]
                    if subjects:
                        return subjects[-1].person
                    return self.last[1] if self.last is not None and self.last[1] != NOBODY else None
            position = text.find(f"{name}, ", position + 1)
        return None

    def _anaphor(self, unclaimed: list[_Mentioned]) -> int | None:
        """ "Bendahara negara itu": the person named last as the subject of a sentence, else named last; with no
        official named before, the person quoted last ("Politikus PAN itu berharap ...")."""
        subjects = [m for m in unclaimed if m.subject]
        if unclaimed:
            return (subjects or unclaimed)[-1].person
        return self.last[1] if self.last is not None else None

    def _pronoun(self, speaker: Speaker, unclaimed: list[_Mentioned], last: tuple[int, int]) -> int:
        """A pronoun in a tag ("katanya") stays with the person being quoted. "Ia menambahkan" opening a sentence,
        after another person was named since the last claim, stands for that person: the subject of a sentence, else
        someone introduced there for the first time, with the name set off ("... menuai apresiasi dari Anggota DPRD
        X, Budi Santoso. Ia menilai ...")."""
        if not speaker.subject:
            return last[1]
        since = [m for m in unclaimed if m.position > last[0]]
        subjects = [m for m in since if m.subject]
        introduced = [m for m in since if self.first_mention.get(m.person) == m.position and m.appositive]
        if subjects or introduced:
            return (subjects or introduced)[-1].person
        return last[1]

    @staticmethod
    def _subject_named_last(unclaimed: list[_Mentioned]) -> int | None:
        """A pronoun with no one quoted yet, or a speaker read no other way: the official named last as a subject,
        else named last."""
        subjects = [m for m in unclaimed if m.subject]
        pool = subjects if subjects else unclaimed
        return pool[-1].person if pool else None

    def _after_unlisted_title(self, name: str) -> int | None:
        """A known person named after words that are no given name ("Walkot Agung", "Kadisdik Rahmat"): the title
        lexicon lacks the abbreviation, the rest of the name is someone's."""
        words = name.split()
        for drop in range(1, len(words)):
            if words[drop - 1] in self.reader.names.lex.given_names:
                return None
            index = find_person(self.people, " ".join(words[drop:]), self.reader.names.lex.nickname_openers)
            if index is not None:
                return index
        return None

    def _by_title(self, title: str, bound: int) -> int | None:
        """The person of the article a title stands for ("jaksa", "Ketua KPU"): among those whose title holds its
        first word, the one whose title, organisation and region share most of its words; the person quoted last,
        else the one named last, on a tie."""
        last = self.last
        words = title.split()
        scored: list[tuple[bool, int, int, int]] = []  # (same first word, shared words, recency, person)
        recency = {m.person: m.position for m in self.mentions() if m.position < bound}
        for index, person in enumerate(self.people):
            if not person.title or words[0] not in person.title.lower().split():
                continue
            known = " ".join(filter(None, (person.title, person.organisation, person.region))).lower().split()
            shared = sum(word in known for word in words)
            latest = bound + 1 if last is not None and last[1] == index else recency.get(index, -1)
            scored.append((person.title.lower().split()[0] == words[0], shared, latest, index))
        return max(scored)[3] if scored else None


def _named_again(reader: SpeakerReader) -> list[_Mentioned]:
    """Where the article names one of its officials again by name alone ("Sementara itu, Maruarar Sirait menyambut
    ..."; extract_officials records the mentions with a title): a pronoun after it may stand for that person. Each
    form is the full name, an alias, or a first or last name only one person has; the longest form is read first, and
    a form inside a mention already found is that mention."""
    doc, text, people = reader.doc, reader.text, reader.people
    owners: dict[str, set[int]] = {}
    for index, person in enumerate(people):
        words = person.name.split()
        for form in {person.name, *person.aliases, words[0], words[-1]}:
            if len(form) >= _MIN_FORM_CHARS and form[0].isupper() and form not in reader.names.lex.particles:
                owners.setdefault(form, set()).add(index)
    taken = [
        (doc[m.extent_start].idx, doc[m.extent_end - 1].idx + len(doc[m.extent_end - 1]))
        for m in reader.mentions
        if m.person is not None
    ]
    found = []
    for form in sorted(owners, key=len, reverse=True):
        if len(owners[form]) != 1:
            continue  # "Budi" for two people of the article names neither
        (owner,) = owners[form]
        for position in occurrences(text, form):
            if not any(start <= position < stop for start, stop in taken):
                words_before = text[max(position - _PREVIOUS_WORD_CHARS, 0) : position].split()
                previous = words_before[-1] if words_before else ""
                subject = not previous.isalpha() or previous[0].isupper()
                found.append(_Mentioned(position, owner, subject, previous.endswith(",")))
                taken.append((position, position + len(form)))
    return found


def _known_person(speaker: Speaker | None, people: list[Person], nickname_openers: frozenset[str]) -> int | None:
    """The person a speaker names, when the article knows them already (no one is added for naming alone)."""
    if speaker is None:
        return None
    if speaker.person is not None:
        return speaker.person
    return find_person(people, speaker.name, nickname_openers) if speaker.name is not None else None


# -- the fullest form of a name, and what the article says around it ------------------------------------------------


def fuller_name(reader: SpeakerReader, name: str) -> str:
    """The fullest form of a name the article uses: "MacAskill" in a tag, "Danny MacAskill" earlier on; "Hendar" in
    a tag, "Kepala BPKD ... Hendar Suhendar" earlier on (the organisation is not part of it). A form whose first word
    opens a sentence ("Nama Gunawan Maryanto ...") counts only when no other form is longer."""
    best, best_opening = name, name
    text = reader.text
    for position in occurrences(text, name):
        kept_before = _name_words_before(reader, position)
        candidate = " ".join([*kept_before, name, *_name_words_after(reader, position + len(name))])
        first = position - sum(len(word) + 1 for word in kept_before)
        opening = bool(kept_before) and _opens_sentence(text, first)
        if opening and len(candidate) > len(best_opening):
            best_opening = candidate
        elif not opening and len(candidate) > len(best):
            best = candidate
    return best if best != name else best_opening


def _name_words_after(reader: SpeakerReader, end: int) -> list[str]:
    """The words of a name after a known part of it ("Hendar" -> "Suhendar"), when the capitalised run ends there
    ("Cerita Gus Ipul Benahi Data Bansos" in a headline gives nothing)."""
    kept: list[str] = []
    for word in _words_after(reader.text, end, 3):
        bare = word.rstrip(TRAILING)
        if not _name_part(reader, bare) or len(kept) == 2:
            return kept if not bare[:1].isupper() else []
        kept.append(bare)
        if bare != word:
            return kept  # a comma or full stop closes the name
    return kept


def _name_words_before(reader: SpeakerReader, position: int) -> list[str]:
    """The words of a name before a known part of it, up to a title, an organisation, a place or a word of speech
    ("asal Skotlandia, Danny MacAskill", "DJ Amerika Serikat Steve Aoki", "Kepala Kejari Magetan M Rizal")."""
    before = _words_before(reader.text, position, 4)
    kept: list[str] = []
    index = len(before) - 1
    while index >= 0 and len(kept) < 3:
        word = before[index]
        # "Gubernur Jawa Tengah Ahmad Luthfi": "Tengah" ends a place of two words, after which the name starts.
        if not _name_part(reader, word) or (
            index > 0 and reader.names.is_known_place_or_body(f"{before[index - 1]} {word}")
        ):
            break
        kept.insert(0, word)
        index -= 1
    return kept


def _name_part(reader: SpeakerReader, word: str) -> bool:
    """A word that can be part of a person's name next to a known part of it (not "Pelosok", "Menurut", "BPKD",
    "Kabupaten", "Pangandaran")."""
    if not word or not reader.names.is_name_word(word) or word.lower() in reader.lex.speech_words:
        return False
    if word.lower() in reader.person_nouns:
        return False  # "Teman Harshit", "Warga Budi": a noun for a person, not part of the name
    return not reader.names.is_known_place_or_body(word)


def _title_before_name(reader: SpeakerReader, start: int) -> str | None:
    """The title in the chain right before a name the officials did not read ("Kabid Perumahan Dinas ... Kota
    Mojokerto Muraji", "Kepala BPS Kota Malang, Erny ..."): the longest listed title from the chain's first title
    word, with the office words after it, up to an organisation or a place."""
    doc, names = reader.doc, reader.names
    k = start - 1
    if k > 0 and doc[k].text == ",":
        k -= 1  # "Kepala BPS Kota Malang, Erny Fatma"
    first = k + 1
    while k >= 0 and first - k <= _MAX_CHAIN_WORDS and reader.title_chain_word(doc[k]) and not doc[k].is_sent_start:
        k -= 1
    if k >= 0 and doc[k].is_sent_start and reader.title_chain_word(doc[k]):
        k -= 1
    head = next((h for h in range(k + 1, first) if doc[h].lower_ in names.lex.title_words), None)
    if head is None:
        return None
    end = head + 1
    for length in range(min(MAX_TITLE_WORDS, first - head), 0, -1):
        if " ".join(t.lower_ for t in doc[head : head + length]) in reader.lex.title_phrases:
            end = head + length
            break
    while (
        end < first
        and names.is_office_word(doc[end])
        and doc[end].lower_ not in names.lex.org_prefixes
        and not names.is_known_place_or_body(doc[end].text)
    ):
        end += 1  # "Kepala Bidang Anggaran", "Kabid Perumahan"
    return doc[head:end].text


def _introduced(reader: SpeakerReader, name: str) -> bool:
    """Whether the article introduces the name as a person's: "Irfan, seorang pengemudi ...", "Desi (28)"."""
    text = reader.text
    position = text.find(f"{name}, ")
    while position != -1:
        following = text[position + len(name) + 2 :].split(" ", 2)
        if following and (following[0] in reader.lex.person_introducers or following[0] in reader.person_nouns):
            return True
        position = text.find(f"{name}, ", position + 1)
    return f"{name} (" in text and text[text.find(f"{name} (") + len(name) + 2 :][:2].isdigit()


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
        if word[-1] in TRAILING:
            break
        position = stop
    return words
