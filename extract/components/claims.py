"""Claims: who said what. Direct quotes and reported speech, attributed to an official, pronouns resolved.

Reads the lexicons speech_verbs (frame | tag | passive | according), pronouns, speaker_adverbs, theme_cues,
clause_openers. Runs after extract_officials and adds the persons who only speak to Doc._.officials.
Sets Doc._.claims (a list of Claim, in text order).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

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
_TRAILING = " \t\n,.;:"
_COMMA = get_string_id(",")
_FINAL_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "”", '"', "…", "...", "-", "–", "—"})


@dataclass(frozen=True)
class _Lexicons:
    frames: frozenset[str]
    tags: frozenset[str]
    passives: frozenset[str]
    according: frozenset[str]
    pronouns: frozenset[str]
    adverbs: frozenset[str]
    theme_cues: frozenset[str]
    openers: frozenset[str]


@cache
def _lexicons() -> _Lexicons:
    kinds: dict[str, set[str]] = {"frame": set(), "tag": set(), "passive": set(), "according": set()}
    for entry in patterns.lexicon("speech_verbs"):
        kinds[entry.fields[1]].add(entry.key.lower())
    return _Lexicons(
        frames=frozenset(kinds["frame"]),
        tags=frozenset(kinds["tag"]),
        passives=frozenset(kinds["passive"]),
        according=frozenset(kinds["according"]),
        pronouns=patterns.words("pronouns"),
        adverbs=patterns.words("speaker_adverbs"),
        theme_cues=patterns.words("theme_cues"),
        openers=patterns.words("clause_openers"),
    )


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
    rank: str | None = None


@dataclass
class _Candidate:
    start: int  # character offsets of the claim's content
    end: int
    type: str
    verb: str | None
    speaker: _Speaker | None  # None: a quote with no tag, taken by the previous claim's speaker


_MARKS = re.compile(r"[“”\"\n]")


def quotations(text: str) -> list[tuple[int, int]]:
    """Character spans of the content inside quotation marks. A quote broken across paragraphs (an opening mark on
    each paragraph, a closing mark only at the end) is one span; an unclosed quote ends with its paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    continuation = False  # the next paragraph's opening mark continues the open quote
    line_start = 0
    for match in _MARKS.finditer(text + "\n"):
        position, char = match.start(), match.group()
        if char == "\n":
            if open_at is not None and text[line_start:position].strip():
                following = text[position:].lstrip()
                if following[:1] and following[0] in _OPENING:
                    continuation = True
                else:
                    spans.append((open_at, position))
                    open_at = None
            line_start = position + 1
            continue
        if continuation and not text[line_start:position].strip() and char in _OPENING:
            continuation = False
            continue
        if open_at is None:
            if char in _OPENING:
                open_at = position + 1
        elif char in _CLOSING:
            spans.append((open_at, position))
            open_at = None
    return spans


class ClaimFinder:
    """The extract_claims component (see module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.lex = _lexicons()
        self.names = NameReader()
        self.frames = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.frames.add("frame", [nlp.make_doc(verb) for verb in self.lex.frames])
        self.person_nouns = patterns.words("person_nouns") | self.names.lex.title_words
        cue_words = self.lex.according | {f"{word}nya" for word in self.lex.according} | self.lex.passives
        tag_forms = self.lex.tags | {f"{word}nya" for word in self.lex.tags}
        # Lexeme flags: each word of the vocabulary is tested once, not each token.
        self.cue_flag = nlp.vocab.add_flag(lambda text: text.lower() in cue_words)
        self.tag_flag = nlp.vocab.add_flag(lambda text: text.lower() in tag_forms)

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
        # A tag that names no one we can read ("tegas Ketua Majelis ... itu") points back, as a pronoun does.
        return self._named(doc, i + 1) or _Speaker(pronoun=True), word

    def _named(self, doc: Doc, i: int) -> _Speaker | None:
        """The speaker named from token i on: a pronoun, a known mention (also one a few title words on:
        "kata Sales Branch Manager ..., Muhammad Fikri"), or a name."""
        token = doc[i]
        if token.lower_ in self.lex.pronouns:
            return _Speaker(pronoun=True, end=i + 1)
        for mention in self.mentions:
            if mention.extent_start <= i < mention.extent_end or i < mention.extent_start <= i + 3:
                if mention.extent_start > i and any(doc[k].is_punct for k in range(i, mention.extent_start)):
                    continue
                return _Speaker(person=mention.person, end=mention.extent_end)
        start = self.names.skip_honorifics(doc, i)
        end = self.names.name_run(doc, start, len(doc))
        if end > start:
            name = self.names.clean_name(doc, start, end)
            if not self.names.is_known_place_or_body(name):
                return _Speaker(
                    name=name, end=self.names.degrees_end(doc, end), rank=self.names.rank_before(doc, start)
                )
        return None

    def _subject(self, doc: Doc, verb: int) -> _Speaker | None:
        """The speaker before a verb of saying: "Ia mengatakan", "Nyoman juga telah mengatakan", "Erfan Kurniawan,
        Kepala ..., menjelaskan", "Bendahara negara itu mengatakan"."""
        j = verb - 1
        skipped = 0
        while j >= 0 and (doc[j].is_space or (doc[j].lower_ in self.lex.adverbs and skipped < 3)):
            skipped += not doc[j].is_space
            j -= 1
        if j > 0 and doc[j].text == ")":
            opening = next((k for k in range(j - 1, max(j - 5, -1), -1) if doc[k].text == "("), None)
            if opening is not None:
                j = opening - 1  # "Presiden Joko Widodo (Jokowi) memberi sinyal"
        if j < 0:
            return None
        token = doc[j]
        if token.lower_ in self.lex.pronouns:
            return _Speaker(pronoun=True, subject=True)
        for mention in self.mentions:
            if mention.extent_end in (j + 1, j) and (mention.extent_end == j + 1 or token.text == ","):
                return _Speaker(person=mention.person)
        if token.text == "," and j > 0:
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
        if token.lower_ in _ANAPHORS and self._person_phrase_before(doc, j):
            return _Speaker(anaphor=True)  # "Bendahara negara itu mengatakan": the person just named
        end = j + 1
        start = end
        while start > 0 and end - start < 5 and self.names.is_name_token(doc[start - 1]):
            start -= 1
            if doc[start].is_sent_start:
                break
        if start == end:
            return None
        while start > 0 and (
            doc[start - 1].text in self.names.lex.honorifics or doc[start - 1].lower_ in self.names.lex.ranks
        ):
            start -= 1  # "Prof Ni'am menilai"
        previous = doc[start - 1] if start > 0 else None
        if previous is not None and previous.text[:1].isupper() and not doc[start].is_sent_start and previous.is_alpha:
            return None  # part of a longer capitalised run: an organisation ("BPJS Ketenagakerjaan Kalimantan")
        name = self.names.clean_name(doc, start, end)
        if not name or self.names.is_known_place_or_body(name):
            return None
        # "Orangtua lainnya, Supriyatin, mengungkapkan": a name set off by commas after a noun is a person's.
        appositive = previous is not None and previous.text == "," and end < len(doc) and doc[end].text == ","
        known = name in self.names.lex.given_names
        rank = self.names.rank_before(doc, end - len(name.split()))
        return _Speaker(name=name, end=end, rank=rank, bare=not (appositive or known))

    # -- candidates ----------------------------------------------------------------------------------------------

    def _direct(self, doc: Doc, quotes: list[tuple[int, int]], excluded: list[tuple[int, int]]) -> list[_Candidate]:
        found = []
        for open_at, close_at in quotes:
            if any(start <= open_at < end for start, end in excluded):
                continue
            content = text_of(doc)[open_at:close_at]
            stripped_end = open_at + len(content.rstrip(_TRAILING))
            stripped_start = open_at + (len(content) - len(content.lstrip()))
            if stripped_end <= stripped_start:
                continue
            after = doc.char_span(close_at, close_at + 1, alignment_mode="expand")
            tag = None
            if after is not None:
                i = after.end
                while i < len(doc) and doc[i].is_space:
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
            words = len(content.split())
            if tag is None and before is not None and self._is_theme(doc, before.start):
                continue
            if speaker is None and words < _MIN_QUOTE_WORDS:
                continue
            found.append(_Candidate(stripped_start, stripped_end, "direct", verb, speaker))
        return found

    def _person_phrase_before(self, doc: Doc, j: int) -> bool:
        """Whether the words before "itu"/"tersebut" at j name a person ("Bendahara negara", "Guru Besar ...")."""
        sentence_start = sentence_bounds(doc, j)[0]
        return any(doc[k].lower_ in self.person_nouns for k in range(max(j - 8, sentence_start), j))

    def _frame_before(self, doc: Doc, quote_token: int) -> tuple[_Speaker | None, str | None]:
        """ "Ia menjelaskan, “...”": a verb of saying right before the opening mark."""
        j = quote_token - 1
        while (j >= 0 and doc[j].text in (",", ":")) or (j >= 0 and doc[j].is_space):
            j -= 1
        if j >= 0 and doc[j].lower_ in self.lex.frames:
            return self._subject(doc, j), doc[j].lower_
        return None, None

    def _is_theme(self, doc: Doc, quote_token: int) -> bool:
        return any(doc[k].lower_ in self.lex.theme_cues for k in range(max(quote_token - 3, 0), quote_token))

    def _indirect(self, doc: Doc, inside: list[tuple[int, int]], excluded: list[tuple[int, int]]) -> list[_Candidate]:
        found = []
        frame_ends = {start: end for _, start, end in self.frames(doc)}
        cues = self._cues(doc, frame_ends)
        quoted = bytearray(len(doc))
        for start, end in inside:
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
        """Token positions where reported speech can be attributed: a verb of saying, "menurut", a tag after a
        comma, a passive verb. Only these are read, not every token of every sentence."""
        array = doc.to_array([self.cue_flag, self.tag_flag, ORTH]).reshape(len(doc), 3)
        tags_after_comma = (array[:-1, 2] == _COMMA) & (array[1:, 1] == 1)
        cues = set(frame_ends)
        cues.update(numpy.flatnonzero(array[:, 0]).tolist())
        cues.update(numpy.flatnonzero(tags_after_comma).tolist())
        return sorted(cues)

    def _reported(
        self, doc: Doc, sentence: Span, quoted_mask: bytearray, frame_ends: dict[int, int], cues: list[int]
    ) -> _Candidate | None:
        def quoted(i: int) -> bool:
            return bool(quoted_mask[i])

        end = sentence.end
        while end > sentence.start and (doc[end - 1].text in _FINAL_PUNCTUATION or doc[end - 1].is_space):
            end -= 1
        if end <= sentence.start:
            return None
        for i in cues[bisect_left(cues, sentence.start) : bisect_left(cues, end)]:
            token = doc[i]
            if quoted(i):
                continue
            word = token.lower_
            if i in frame_ends:  # the matcher gives Doc positions, also on a Span
                speaker = self._subject(doc, i)
                if speaker is None:
                    continue
                word = doc[i : frame_ends[i]].text.lower()
                start = frame_ends[i]
                while start < end and (doc[start].lower_ in self.lex.openers or doc[start].is_space):
                    start += 1
                if start >= end or doc[start].text in _OPENING or quoted(start) or end - start < 3:
                    return None
                return _Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", word, speaker)
            if word in self.lex.according or (word.endswith("nya") and word[:-3] in self.lex.according):
                if word.endswith("nya"):
                    speaker: _Speaker | None = _Speaker(pronoun=True)
                    comma = i + 1
                else:
                    speaker = self._named(doc, i + 1) if i + 1 < end else None
                    after = speaker.end if speaker is not None and speaker.end else i + 1
                    comma = next((k for k in range(after, min(after + 12, end)) if doc[k].text == ","), None)
                if speaker is None or comma is None:
                    continue
                if any(i < k < end for k in frame_ends):
                    continue  # "Menurut keterangan X yang mengatakan ...": the verb governs
                start = comma + 1 if doc[comma].text == "," else comma
                if end - start < 3:
                    return None
                return _Candidate(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", word, speaker)
            if token.text == "," and i + 1 < end:
                tag = self._tag_speaker(doc, i + 1)
                if tag is None:
                    continue
                speaker_tag, verb = tag
                after_tag = speaker_tag.end or i + 2
                if after_tag >= end:
                    # "Y, ujarnya." / "Y, kata Kepala Dinas ..., X.": the sentence up to the tag.
                    return _Candidate(sentence[0].idx, doc[i - 1].idx + len(doc[i - 1]), "indirect", verb, speaker_tag)
                if doc[after_tag].text == ",":
                    # "X, kata Gus Ipul, Y.": the whole sentence.
                    return _Candidate(
                        sentence[0].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", verb, speaker_tag
                    )
            if word in self.lex.passives and i + 1 < end:
                after = i + 1
                if doc[after].lower_ == "oleh":
                    after += 1
                speaker = self._named(doc, after) if after < end else None
                if speaker is None:
                    continue
                if i - sentence.start <= 1 and speaker.end is not None and speaker.end < end:
                    # "Seperti disampaikan oleh X, Y." / "Dikatakan X, Y.": Y is the claim.
                    start = speaker.end + (doc[speaker.end].text == ",")
                    if end - start >= 3:
                        return _Candidate(
                            doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), "indirect", word, speaker
                        )
                    continue
                if i - sentence.start < 4:
                    continue
                stop = i
                while stop > sentence.start and doc[stop - 1].is_punct:
                    stop -= 1
                return _Candidate(sentence[0].idx, doc[stop - 1].idx + len(doc[stop - 1]), "indirect", word, speaker)
        return None

    # -- resolution ----------------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.mentions = doc._.mentions or []  # read once: each Doc._ access builds an object
        self.text = text_of(doc)
        people: list[Person] = doc._.officials
        headline = doc._.headline
        excluded = [(span.start_char, span.end_char) for span in doc.spans.get("furniture", [])]
        if headline is not None:
            excluded.append((headline.start_char, headline.end_char))
        excluded += [(m.start(), m.end()) for m in re.finditer(r"(?m)^\s*(?:Foto|FOTO)\b.*$", text_of(doc))]
        quotes = quotations(text_of(doc))
        candidates = self._direct(doc, quotes, excluded) + self._indirect(doc, quotes, excluded)
        candidates.sort(key=lambda c: c.start)

        subjects = sorted(
            (doc[m.extent_start].idx, m.person) for m in self.mentions if self._is_subject_position(doc, m.extent_start)
        )
        # Before anyone has been named as a subject ("Pesan itu disampaikan oleh Sekda X. “...,” ujarnya."), any
        # person named so far is who a pronoun stands for.
        everyone = sorted((doc[m.extent_start].idx, m.person) for m in self.mentions)
        claims: list[Claim] = []
        last: tuple[int, int] | None = None  # (character position, person) of the last attributed claim
        paragraph_of = _paragraph_index(text_of(doc))
        for candidate in candidates:
            earliest_subject = subjects[0][0] if subjects else len(text_of(doc))
            mentions = subjects if candidate.start > earliest_subject else everyone
            person = self._resolve(candidate, people, mentions, claims, last, paragraph_of)
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
        """The fullest form of a name the article uses: "MacAskill" in a tag, "Danny MacAskill" earlier on."""
        lex = self.names.lex
        best = name
        if not _capitalised_word_before(self.text, name):
            return best  # the expression below would find nothing; compiling it is the costly part
        for match in re.finditer(rf"((?:[A-Z][\w'’.-]* ){{1,3}}){re.escape(name)}(?![\w'’])", self.text):
            words = match.group(1).split()
            while words and (
                words[0].lower() in lex.not_names
                or words[0].lower() in lex.office_words
                or words[0].lower() in lex.title_words
                or words[0] in lex.honorifics
                or words[0].lower() in lex.ranks
            ):
                words = words[1:]  # "Pebalap", "Kepala", "Bapak", "AKP": not part of the name
            candidate = " ".join([*words, name])
            if len(candidate) > len(best) and not self.names.is_known_place_or_body(" ".join(words)):
                best = candidate
        return best

    @staticmethod
    def _is_subject_position(doc: Doc, start: int) -> bool:
        """A mention that opens its clause ("Sebelumnya, Presiden X ..."), not one after a preposition or a verb."""
        return (
            start == 0 or doc[start].is_sent_start or not doc[start - 1].is_alpha or doc[start - 1].text[:1].isupper()
        )

    def _resolve(
        self,
        candidate: _Candidate,
        people: list[Person],
        mentions: list[tuple[int, int | None]],
        claims: list[Claim],
        last: tuple[int, int] | None,
        paragraph_of,
    ) -> int | None:
        speaker = candidate.speaker
        if speaker is None:
            # A quote with no tag of its own: the previous claim's speaker, when that claim is close by.
            if claims and paragraph_of(candidate.start) - paragraph_of(claims[-1].char_end) <= 1:
                return claims[-1].official_index
            return None
        if speaker.person is not None:
            return speaker.person
        if speaker.name is not None:
            index = find_person(people, speaker.name)
            if index is None:
                if speaker.bare and len(speaker.name.split()) == 1 and speaker.rank is None:
                    # One capitalised word before a verb of saying, never named with a title or in a tag, is as
                    # often a club, an outlet or a firm ("Dortmund menyatakan") as a person.
                    return None
                fuller = self._fuller_name(speaker.name)
                aliases = [speaker.name] if fuller != speaker.name else []
                people.append(Person(fuller, aliases, speaker.rank, None, None, 0, 0))
                return len(people) - 1
            person = people[index]
            if speaker.name != person.name and speaker.name not in person.aliases:
                person.aliases.append(speaker.name)
            return index
        # A pronoun stands for the last speaker; "Bendahara negara itu", and a pronoun before anyone has spoken, for
        # the person named last as the subject of a sentence (not inside a claim, not after a preposition).
        named = next(
            (
                (position, person)
                for position, person in reversed(mentions)
                if position < candidate.start and not any(c.char_start <= position < c.char_end for c in claims)
            ),
            None,
        )
        if speaker.pronoun and last is not None:
            # "Ia menambahkan" after another official was introduced since the last claim stands for that official;
            # a tag ("katanya") stays with the person being quoted.
            if speaker.subject and named is not None and named[0] > last[0]:
                return named[1]
            return last[1]
        return named[1] if named else None


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_'’.-"  # re's \w, and the other characters of a name word below


def _capitalised_word_before(text: str, name: str) -> bool:
    """Whether some occurrence of the name follows a space after a run of name characters holding a capital A-Z:
    without one, a capitalised word cannot stand right before the name."""
    position = text.find(name, 1)
    while position != -1:
        if text[position - 1] == " ":
            j = position - 2
            while j >= 0 and _is_word_char(text[j]):
                if "A" <= text[j] <= "Z":
                    return True
                j -= 1
        position = text.find(name, position + 1)
    return False


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
