"""Indirect claims: reported speech, read sentence by sentence at its cues (a verb of saying, "menurut", a tag, a
passive, a fronted verb).

The shapes of reported speech are the steps of STEPS, tried in order at each cue of a sentence:

1. frame_verb    "X mengatakan, Y." / "X menilai Y."                 the subject of a verb of saying or judging
2. opening_tag   "Kata X, Y."                                         a tag opening the sentence
3. according     "Menurut X, Y." / "Menurutnya, Y." / "X, menurut Y, Z."
4. inner_tag     "Y, ujarnya." / "X, kata Y, Z." / "Kondisi ini kata Budi pernah terjadi."
5. passive       "Y, disampaikan oleh X." / "Dikatakan X, Y." / "Dikatakan, Y." / "Hal senada disampaikan X."
6. fronted       "Angka itu ia perkirakan akan naik."                 the object in front of its verb

A step gives the sentence's claim, or None when the cue is not its shape (the next step is tried), or a Rejection
naming why it refused a cue of its shape: then the next cue is read, or, for a final rejection, the sentence holds no
claim. The first claim a sentence gives is its claim.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extract.components.claims.resolution import fuller_name
from extract.components.claims.speakers import (
    MAX_TITLE_WORDS,
    OPENING,
    PRONOUN_SUFFIX,
    RELATIVE,
    SWITCH,
    Candidate,
    Speaker,
    SpeakerReader,
    before_parenthesis,
    comma_outside_brackets,
)
from extract.doc import sentence_bounds

_COMMA = get_string_id(",")
_AGENT = "oleh"  # "disampaikan oleh X": the agent of a passive
_SENTENCE_END = frozenset({".", "!", "?"})
_FINAL_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "”", '"', "…", "...", "-", "–", "—"})
_MIN_CLAUSE_WORDS = 3  # a reported clause of fewer tokens is a phrase ("Ia setuju.")
# A tag set off by commas interrupts a clause of this many words before it ("Ketersediaan sembako murah tersebut,
# menurut Ipuk, ..."), not a connective ("Di sisi lain, menurut X, ...").
_MIN_INTERRUPTED_WORDS = 4
_MAX_ACCORDING_WORDS = 12  # the comma closing "Menurut X" comes within this many tokens of the name


@dataclass(frozen=True)
class Rejection:
    """Why a step refused a cue of its shape, as a record's `rule` says which pattern matched. `final`: the sentence
    holds no claim at all; else the next cue of the sentence is read."""

    reason: str
    final: bool = False


@dataclass
class Sentence:
    """One sentence being read: its first token, its end without final punctuation (and before a quotation with its
    own tag), which tokens are quoted, and where each verb of saying ends."""

    doc: Doc
    start: int
    end: int
    quoted: bytearray
    frame_ends: dict[int, int]

    def claim(self, first: int, last: int, verb: str, speaker: Speaker) -> Candidate | None:
        """The indirect claim over tokens first..last (exclusive), or None when that is empty."""
        if last <= first:
            return None
        final = self.doc[last - 1]
        return Candidate(self.doc[first].idx, final.idx + len(final), "indirect", verb, speaker)


Outcome = Candidate | Rejection | None
Step = Callable[[SpeakerReader, Sentence, int], Outcome]

_HEADLINE_VERB = Rejection("a capitalised verb between capitalised words: a headline, not running text")
_NO_SUBJECT = Rejection("no speaker before the verb")
_RELATIVE_OBJECT = Rejection("a verb of saying in a relative clause on someone who is not the subject", final=True)
_RELATIVE_VERB = Rejection("a verb of saying in a relative clause set off by commas; another follows")
_NEGATED = Rejection("a negated verb of saying: nothing was said", final=True)
_NO_CLAUSE = Rejection("no clause after the verb: a quotation, or too short", final=True)
_CLAUSE_BLOCKER = Rejection("the verb governs a phrase (clause_blockers: 'sepakat dengan')", final=True)
_NO_NAMED_TAG = Rejection("the opening tag names no one before a comma")
_CITED_WORK = Rejection("'Menurut X (...)' cites a work, not a person")
_NO_SPEAKER = Rejection("'menurut' names no one")
_NO_COMMA = Rejection("no comma or clause after the speaker of 'menurut'")
_VERB_GOVERNS = Rejection("a verb of saying after 'menurut' governs the clause")
_SHORT_CLAUSE = Rejection("the clause after 'menurut' is too short", final=True)


def frame_verb(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """ "X mengatakan, Y." / "Ia menilai bahwa Y." / "Y, dia menegaskan, Z.": the clause after a verb of saying
    (past "bahwa", "jika" and the like), said by the subject before the verb; all of the sentence when the verb and
    its subject interrupt the clause."""
    if i not in sentence.frame_ends:
        return None
    doc, end, verb_end = reader.doc, sentence.end, sentence.frame_ends[i]  # the matcher gives Doc positions
    token = doc[i]
    if not token.is_lower and not token.is_sent_start and not doc[verb_end].is_lower:
        return _HEADLINE_VERB  # "Boca Juniors Optimistis Pulangkan ..."
    if reader.relative_object(i):
        return _RELATIVE_OBJECT  # "Ia mendukung langkah Gubernur X yang meminta ...": X is no subject here
    if _in_relative_clause(reader, sentence, i):
        return _RELATIVE_VERB  # "Tania, yang melaporkan dari lokasi, mengatakan ...": the main verb follows
    if token.lower_ not in reader.lex.denials and _negated(reader, i):
        return _NEGATED  # "Amran tidak mengungkapkan siapa ...": nothing was said
    speaker = reader.subject(i) or reader.continued(i)
    if speaker is None:
        unnamed = reader.unnamed_subject(sentence.start, i)
        if unnamed is not None:
            return Candidate(token.idx, token.idx, SWITCH, token.lower_, unnamed)  # no claim; "katanya" is theirs
        return _NO_SUBJECT
    start = verb_end
    while start < end and (doc[start].lower_ in reader.lex.openers or doc[start].is_space):
        start += 1
    if start >= end or doc[start].text in OPENING or sentence.quoted[start] or end - start < _MIN_CLAUSE_WORDS:
        return _NO_CLAUSE
    if _introduces_quote(doc, end):
        return _NO_CLAUSE  # "Joko mengatakan kepada wartawan di stadion: “...”": the quotation is what was said
    if _points_back(reader, start, end):
        return _NO_CLAUSE  # "Ia mengatakan hal itu dalam sambutannya": when he spoke, not what
    if start == verb_end and (token.lower_, doc[start].lower_) in reader.lex.clause_blockers:
        return _CLAUSE_BLOCKER  # "Ia sepakat dengan usulan itu": a phrase, not a reported clause
    verb = doc[i:verb_end].text.lower()
    if doc[verb_end].text == "," and _interrupts(doc, sentence.start, speaker.start):
        return sentence.claim(sentence.start, end, verb, speaker) or _NO_CLAUSE  # "X, dia menegaskan, Y": all of it
    return sentence.claim(start, end, verb, speaker) or _NO_CLAUSE


def opening_tag(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """ "Kata Rustamadji, Y." / "Kata dia, Y.": a tag opening the sentence, like "Menurut X, Y"."""
    doc, end = reader.doc, sentence.end
    token = doc[i]
    if i != sentence.start or token.lower_ not in reader.lex.inner_tags or not token.is_title:
        return None
    speaker = reader.named(i + 1) if i + 1 < end else None
    if speaker is None or speaker.end is None or speaker.end >= end or doc[speaker.end].text != ",":
        return _NO_NAMED_TAG
    start = speaker.end + 1
    if end - start < _MIN_CLAUSE_WORDS:
        return _NO_NAMED_TAG
    return sentence.claim(start, end, token.lower_, speaker) or _NO_NAMED_TAG


def according(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """ "Menurut X, Y" / "Menurutnya, Y" / "Menurut X Y": Y; "X, menurut Ipuk, Y": the whole sentence."""
    doc, end, lex = reader.doc, sentence.end, reader.lex
    word = doc[i].lower_
    if word not in lex.according and not (word.endswith(PRONOUN_SUFFIX) and word[:-3] in lex.according):
        return None
    speaker: Speaker | None
    if word.endswith(PRONOUN_SUFFIX):
        # "Menurutnya, ..." opening a sentence stands for whoever that sentence's neighbours made the subject, as
        # "Ia mengatakan" does; inside a sentence ("X, menurutnya, Y") for the person being quoted.
        speaker = Speaker(pronoun=True, before=doc[i].idx, subject=i == sentence.start)
        comma: int | None = i + 1
    else:
        named_at = i + 1
        if named_at + 1 < end and doc[named_at].lower_ in lex.statement_nouns and doc[named_at].is_lower:
            named_at += 1  # "Menurut penuturan Nicolls, ...", "Menurut keterangan Budi, ..."
        speaker = reader.named(named_at) if named_at < end else None
        if speaker is None:
            speaker = reader.descriptor_anaphor(i + 1, end)  # "Menurut sang pendiri SpaceX itu, ..."
        after = speaker.end if speaker is not None and speaker.end else i + 1
        if (
            speaker is not None
            and speaker.name is not None
            and after < end
            and doc[after].text == "("
            and not before_parenthesis(doc, _closing_bracket(doc, after, end))[1]
        ):
            return _CITED_WORK  # "Menurut Funnel Causality (diadaptasi dari ...)"
        comma = comma_outside_brackets(doc, after, min(after + _MAX_ACCORDING_WORDS, end))
        if (
            speaker is not None
            and speaker.name is not None
            and " " not in speaker.name
            and fuller_name(reader, speaker.name) == speaker.name
        ):
            speaker.bare = True  # "Menurut Meta, ...": one capitalised word, a person only if named so elsewhere
        if (
            comma is None
            and speaker is not None
            and after < end
            and doc[after].is_lower
            and doc[after].is_alpha
            and doc[after].lower_ not in lex.apposition_markers
        ):
            comma = after  # "Menurut Resnawan penghargaan ini ...": no comma after the name
    if speaker is None:
        return _NO_SPEAKER
    if comma is None:
        return _NO_COMMA
    if any(i < k < comma and reader.subject(k) is not None for k in sentence.frame_ends):
        return _VERB_GOVERNS  # "Menurut keterangan X yang mengatakan ...": not the clause after the comma
    start = comma + 1 if doc[comma].text == "," else comma
    if end - start < _MIN_CLAUSE_WORDS:
        return _SHORT_CLAUSE
    if doc[comma].text == "," and _interrupts(doc, sentence.start, i):
        return sentence.claim(sentence.start, end, word, speaker) or _SHORT_CLAUSE  # "X, menurut Ipuk, Y"
    return sentence.claim(start, end, word, speaker) or _SHORT_CLAUSE


def inner_tag(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """A tag after token i: "Y, ujarnya." / "X, kata Gus Ipul, Y." / "Kondisi ini kata Budi pernah terjadi"."""
    doc, end = reader.doc, sentence.end
    if not (i + 1 < end and doc[i + 1].lex.check_flag(reader.tag_flag) and not sentence.quoted[i + 1]):
        return None
    tag = reader.tag_speaker(i + 1)
    if tag is None:
        return None
    speaker, verb = tag
    after_tag = speaker.end or i + 2
    if doc[i].text == ",":
        if after_tag >= end:
            # "Y, ujarnya." / "Y, kata Kepala Dinas ..., X.": the sentence up to the tag.
            return sentence.claim(sentence.start, i, verb, speaker)
        if doc[after_tag].text == ",":
            return sentence.claim(sentence.start, end, verb, speaker)  # "X, kata Gus Ipul, Y.": the whole sentence
    elif doc[i].is_punct or doc[i + 1].lower_ not in reader.lex.inner_tags or i - sentence.start < 1:
        return None
    # A tag inside the sentence with no comma after it ("Kondisi ini kata Budi pernah terjadi"): only when it
    # names someone the article knows, since "kata" is also a noun.
    if (speaker.person is not None or speaker.name is not None) and end - after_tag >= 2 and doc[after_tag].is_alpha:
        speaker.strict = True
        return sentence.claim(sentence.start, end, verb, speaker)
    return None


def passive(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """A passive verb of saying: "Dikatakan X, Y." / "Seperti disampaikan oleh X, Y." / "Dikatakannya, Y." /
    "Dikatakan, Y." (the person quoted last) / "Y, disampaikan X." / "Hal senada disampaikan Kepala Dinas X." (no
    claim, but X speaks from here on)."""
    doc, end, lex = reader.doc, sentence.end, reader.lex
    word = doc[i].lower_
    with_pronoun = word.endswith(PRONOUN_SUFFIX) and word[:-3] in lex.any_passive
    if word not in lex.any_passive and not with_pronoun:
        return None
    opening = i - sentence.start <= 1  # "Dikatakan X, ..." / "Seperti disampaikan oleh X, ..."
    after = i + 1
    if after < end and doc[after].lower_ == _AGENT:
        after += 1
    if with_pronoun:
        speaker = Speaker(pronoun=True, before=doc[i].idx, subject=opening)
        if opening:
            start = after + (after < end and doc[after].text == ",")
            return sentence.claim(start, end, word, speaker) if end - start >= _MIN_CLAUSE_WORDS else None
        set_off = doc[i - 1].text == ","  # "Hal ini, dinilainya, tidak sebanding ...": a tag between commas
        if after < end and doc[after].text == "," and (set_off or not _about_a_statement(reader, sentence.start, i)):
            return sentence.claim(sentence.start, end, word, speaker)  # "Jumlah ini dikatakannya, lebih kecil ..."
        return None
    if after >= end or (not opening and word in lex.opening_passives):
        return None
    if opening and doc[after].text == "," and word in lex.agentless_passives:
        # "Dikatakan, ...": the person quoted last goes on speaking.
        start = after + 1
        speaker = Speaker(pronoun=True, before=doc[i].idx)
        return sentence.claim(start, end, word, speaker) if end - start >= _MIN_CLAUSE_WORDS else None
    named = reader.named(after)
    if named is None:
        unread = i == sentence.start and word in lex.agentless_passives  # "Ditambahkan Kadishub Kalsel, ..."
        title = reader.title_after(after) or (_unread_agent(reader, after, end) if unread else None)
        if title is None:
            return None
        words, title_end = title
        # "... diakui Ketua RW 4, Kelurahan X, Suwoto.": the name closing the sentence.
        closing = _closing_name(reader, title_end, end) if not opening else None
        named = closing or Speaker(pronoun=True, title=words, end=title_end, before=doc[i].idx)
    speaker = named
    if opening and speaker.end is not None and speaker.end < end:
        # "Seperti disampaikan oleh X, Y." / "Dikatakan X, Y." / "Diakui Ketua KPU, Y.": Y is the claim.
        start = speaker.end + (doc[speaker.end].text == ",")
        return sentence.claim(start, end, word, speaker) if end - start >= _MIN_CLAUSE_WORDS else None
    if doc[i - 1].lower_ in lex.negations:
        return None  # "... dalam video itu tidak disebutkan Freddy ...": nothing was said
    if i - sentence.start < 4:
        if _about_a_statement(reader, sentence.start, i):
            # "Hal senada disampaikan Kepala Dinas X.": no claim, but X is the one speaking from here on.
            return Candidate(doc[i].idx, doc[i].idx, SWITCH, word, speaker)
        return None
    stop = i
    while stop > sentence.start and doc[stop - 1].is_punct:
        stop -= 1
    return sentence.claim(sentence.start, stop, word, speaker)


def fronted(reader: SpeakerReader, sentence: Sentence, i: int) -> Outcome:
    """The object in front of its verb of saying: "Angka itu ia perkirakan akan naik", "Kenaikan ini Budi sebut
    wajar": the whole sentence is the claim."""
    doc, end = reader.doc, sentence.end
    token = doc[i]
    if token.lower_ not in reader.lex.fronted or not token.is_lower:
        return None
    if i - 1 <= sentence.start or end - i < 3:
        return None
    agent = i - 1
    speaker: Speaker | None = None
    if doc[agent].lower_ in reader.lex.pronouns:
        speaker = Speaker(pronoun=True, before=doc[agent].idx)
    else:
        mention = next((m for m in reader.mentions if m.name_end == i), None)
        if mention is not None:
            agent, speaker = mention.name_start, Speaker(person=mention.person)
        elif reader.names.is_name_token(doc[agent]):
            named = Speaker(name=doc[agent].text)
            speaker = named if reader.known(named) else None
    if speaker is None or agent <= sentence.start or doc[agent - 1].lower_ == RELATIVE:
        return None  # "Data yang ia sebutkan ...": a relative clause
    if _about_a_statement(reader, sentence.start, agent):
        return None  # "Hal itu ia sampaikan saat ...": when he spoke, not what he said
    return sentence.claim(sentence.start, end, token.lower_, speaker)


STEPS: tuple[Step, ...] = (frame_verb, opening_tag, according, inner_tag, passive, fronted)


def _interrupts(doc: Doc, sentence_start: int, tag_start: int | None) -> bool:
    """Whether a tag set off by commas interrupts the reported clause ("Pembangunan kota dengan APBD Rp2 triliun,
    dia menegaskan, hanya ...") rather than following a connective ("Oleh karena itu, dia menegaskan, ...")."""
    if tag_start is None or tag_start < 1 or doc[tag_start - 1].text != ",":
        return False
    before = doc[sentence_start : tag_start - 1]
    if any(token.text in _SENTENCE_END for token in before):
        return False  # paragraphs run together ("...Maluku.,Dia mengatakan, ..."): not one sentence
    return sum(not token.is_punct for token in before) >= _MIN_INTERRUPTED_WORDS


def _in_relative_clause(reader: SpeakerReader, sentence: Sentence, verb: int) -> bool:
    """Whether a verb stands in a relative clause set off by a comma (", yang melaporkan dari lokasi,") with another
    verb of saying after it in the sentence."""
    doc = reader.doc
    k = verb - 1
    while k > sentence.start and doc[k].is_space:
        k -= 1
    if k <= sentence.start or doc[k].lower_ != RELATIVE or doc[k - 1].text != ",":
        return False
    return any(verb < later < sentence.end for later in sentence.frame_ends)


def _introduces_quote(doc: Doc, end: int) -> bool:
    """Whether a colon at token `end` (the sentence's end before its final punctuation) opens a quotation."""
    if end >= len(doc) or doc[end].text != ":":
        return False
    k = end + 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and doc[k].text in OPENING


def _points_back(reader: SpeakerReader, start: int, end: int) -> bool:
    """Whether a clause only points back to a statement and says where or when it was made ("hal itu dalam
    sambutannya ...", "hal tersebut saat ditemui ..."); "hal itu tidak benar" reports something."""
    doc, lex = reader.doc, reader.lex
    return (
        start + 2 < end
        and doc[start].lower_ in lex.statement_nouns
        and doc[start + 1].lower_ in lex.tag_anaphors
        and doc[start + 2].lower_ in lex.circumstance_openers
    )


def _negated(reader: SpeakerReader, verb: int) -> bool:
    """Whether a negation stands right before a verb ("tidak mengungkapkan", "belum menjelaskan"); not past a modal
    ("belum bisa memprediksi" reports what the speaker said he cannot tell)."""
    doc = reader.doc
    k = verb - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 0 and doc[k].lower_ in reader.lex.negations


def _closing_bracket(doc: Doc, start: int, end: int) -> int:
    """The ")" closing the bracket opened at token `start` (or `start` when there is none before `end`)."""
    return next((k for k in range(start + 1, min(start + 6, end)) if doc[k].text == ")"), start)


def _unread_agent(reader: SpeakerReader, start: int, end: int) -> tuple[str, int] | None:
    """Capitalised words up to a comma after a passive that opens its sentence, read as no name or title
    ("Ditambahkan Kadishub Kalsel, ..."): an unlisted title, which stands for the person quoted last."""
    doc = reader.doc
    k = start
    while k < end and k - start < MAX_TITLE_WORDS and doc[k].text[:1].isupper() and doc[k].is_alpha:
        k += 1
    if k - start < 2 or k >= end or doc[k].text != ",":
        return None  # one word ("Disebutkan Reuters, ...") is an outlet as often as a title
    return " ".join(t.lower_ for t in doc[start:k]), k


def _closing_name(reader: SpeakerReader, start: int, end: int) -> Speaker | None:
    """The name that closes a sentence after a title and its commas: "Ketua RW 4, Kelurahan X, Suwoto"."""
    doc = reader.doc
    comma = next((k for k in range(end - 1, start - 1, -1) if doc[k].text == ","), None)
    if comma is None or comma + 1 >= end:
        return None
    named = reader.named(comma + 1)
    return named if named is not None and named.end == end else None


def _about_a_statement(reader: SpeakerReader, start: int, verb: int) -> bool:
    """Whether the words before a verb only point back to a statement ("Hal itu", "Pernyataan tersebut juga")."""
    doc = reader.doc
    return all(doc[k].lower_ in reader.lex.statement_nouns or doc[k].is_punct for k in range(start, verb))


def cues(reader: SpeakerReader, cue_flag: int, frame_ends: dict[int, int]) -> list[int]:
    """Token positions where reported speech can be attributed: a verb of saying, "menurut", a tag, a passive verb, a
    fronted verb. Only these are read, not every token of every sentence."""
    doc, lex = reader.doc, reader.lex
    array = doc.to_array([cue_flag, reader.tag_flag, ORTH]).reshape(len(doc), 3)
    tags_after_comma = (array[:-1, 2] == _COMMA) & (array[1:, 1] == 1)
    found = set(frame_ends)
    found.update(numpy.flatnonzero(tags_after_comma).tolist())
    for i in numpy.flatnonzero(array[:, 0]).tolist():
        # "nilai", "klaim", "minta" are common nouns too: a fronted verb is read only after a pronoun or a name.
        if doc[i].lower_ not in lex.fronted or (i > 0 and reader.may_be_agent(doc[i - 1])):
            found.add(i)
    for i in numpy.flatnonzero(array[1:, 1] & (array[:-1, 2] != _COMMA)).tolist():
        # A tag inside the sentence with no comma before it ("Kondisi ini kata Budi ..."): the word before it is
        # read when a name or a pronoun follows the tag ("kata kunci", "kata sambutan" are no tags).
        if (
            doc[i].is_alpha
            and doc[i + 1].lower_ in lex.inner_tags
            and i + 2 < len(doc)
            and reader.may_be_agent(doc[i + 2])
        ):
            found.add(i)
        if doc[i + 1].is_sent_start and doc[i + 1].is_title and doc[i + 1].lower_ in lex.inner_tags:
            found.add(i + 1)  # "Kata Rustamadji, kondisi mahasiswa ...": a tag opening its sentence
    return sorted(found)


def reported_claims(
    reader: SpeakerReader,
    cue_flag: int,
    frame_ends: dict[int, int],
    quotes: list[tuple[int, int, int]],
    excluded: list[tuple[int, int]],
    tagged: list[int],
    trace: list[tuple[int, str, str]] | None = None,
) -> list[Candidate]:
    """The indirect claim of each sentence with a cue, outside the excluded ranges and the furniture. `tagged`: the
    character offset where each quotation with its own tag opens (reported speech ends before it). `trace`, when
    given, receives (token, step, reason) for every cue a step refused."""
    doc = reader.doc
    text = reader.text
    opening_marks = []
    for start in tagged:
        mark = max(start - 1, 0)
        while mark > 0 and text[mark].isspace():
            mark -= 1  # "“ Kami ...": a space between the mark and the quote's first word
        opening_marks.append(mark)
    marks = [doc.char_span(mark, mark + 1, alignment_mode="expand") for mark in opening_marks]
    tagged_quotes = sorted(mark.start for mark in marks if mark is not None)
    found_cues = cues(reader, cue_flag, frame_ends)
    quoted = bytearray(len(doc))
    for start, end, _ in quotes:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            quoted[span.start : span.end] = b"\x01" * len(span)
    furniture = doc._.extract_furniture
    found = []
    with_cues = sorted({sentence_bounds(doc, i) for i in found_cues})  # most sentences report no one's words
    for first, last in with_cues:
        if first >= last or doc[first].is_space:
            continue
        start_char = doc[first].idx
        if any(start <= start_char < end for start, end in excluded) or any(furniture[first:last]):
            continue
        sentence = _sentence(doc, first, last, quoted, frame_ends, tagged_quotes)
        if sentence is None:
            continue
        candidate = _read(reader, sentence, found_cues, trace)
        if candidate is not None:
            found.append(candidate)
    return found


def _sentence(
    doc: Doc, first: int, last: int, quoted: bytearray, frame_ends: dict[int, int], tagged_quotes: list[int]
) -> Sentence | None:
    """The sentence first..last as reported speech reads it: ending before a quotation with its own tag, before a
    quotation after a full stop, and without its final punctuation; None when nothing is left."""
    end = last
    tagged = tagged_quotes[bisect_left(tagged_quotes, first + 1) : bisect_left(tagged_quotes, end)]
    if tagged:
        end = tagged[0]
    # A quotation after a full stop opens a new sentence, also where the splitter saw none (paragraphs run
    # together: "... sekretaris.,“Kasusnya ..."): reported speech ends before it.
    quote_start = quoted.find(b"\x00\x01", first, end)
    while quote_start != -1:
        mark = quote_start - (doc[quote_start].text in OPENING and quote_start > first)
        if doc[mark].text[-1:] in _SENTENCE_END:  # also "Z." read as an initial
            end = mark + 1
            break
        quote_start = quoted.find(b"\x00\x01", quote_start + 1, end)
    while end > first and (doc[end - 1].text in _FINAL_PUNCTUATION or doc[end - 1].is_space):
        end -= 1
    if end <= first:
        return None
    return Sentence(doc, first, end, quoted, frame_ends)


def _read(
    reader: SpeakerReader, sentence: Sentence, cue_list: list[int], trace: list[tuple[int, str, str]] | None
) -> Candidate | None:
    """The claim of a sentence: the steps tried in order at each of its cues outside quotations, the first claim
    found."""
    for i in cue_list[bisect_left(cue_list, sentence.start) : bisect_left(cue_list, sentence.end)]:
        if sentence.quoted[i]:
            continue
        for step in STEPS:
            outcome = step(reader, sentence, i)
            if outcome is None:
                continue
            if isinstance(outcome, Rejection):
                if trace is not None:
                    trace.append((i, step.__name__, outcome.reason))
                if outcome.final:
                    return None
                break
            return outcome
    return None
