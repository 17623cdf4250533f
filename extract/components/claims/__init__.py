"""Claims: who said what. Direct quotes and reported speech, attributed to an official, pronouns resolved.

The extract_claims component runs after extract_officials, adds the persons who only speak to
Doc._.extract_officials and sets Doc._.extract_claims (a list of Claim, in text order). One module per concern:

- quotations.py  the quotations of a text, each with its closing tag or the frame before it (direct claims);
- reported.py    reported speech, one named step per shape ("X mengatakan, Y", "Menurut X, Y", "Y, ujarnya", ...);
- speakers.py    who a phrase names as its speaker (a tag, the subject before a verb, a title), read in one document;
- resolution.py  each claim's speaker tied to a person of the article (names, titles, pronouns, anaphors);
- lexicons.py    the word lists, loaded by the factory: speech_verbs (frame | tag | inner_tag | passive |
                 passive_bare | passive_opening | according | fronted), pronouns, anaphors, tag_anaphors,
                 speaker_adverbs, speaker_continuers, opening_continuers, denial_verbs,
                 nickname_markers, naming_words, theme_cues, clause_openers, clause_blockers,
                 statement_nouns, collective_words, apposition_markers, negations, person_determiners,
                 person_introducers, circumstance_openers, person_nouns, caption_openers, and the titles and
                 organisations of extract_officials.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extract.components.claims.lexicons import ClaimLexicons
from extract.components.claims.quotations import direct_claims, quotations
from extract.components.claims.reported import Rejection, reported_claims
from extract.components.claims.resolution import attribute
from extract.components.claims.speakers import PRONOUN_SUFFIX, ClaimWords, SpeakerReader
from extract.components.officials.lexicons import OfficialLexicons
from extract.components.officials.names import NameReader

__all__ = ["ClaimFinder", "ClaimLexicons", "Rejection", "make_claims", "quotations"]

if not Doc.has_extension("extract_claims"):
    Doc.set_extension("extract_claims", default=None)


class ClaimFinder:
    """The extract_claims component (see module docstring). It holds only what its construction fixed (lexicons,
    matcher, vocabulary flags); everything about a document lives in the SpeakerReader made for it."""

    def __init__(self, nlp: Language, lexicons: ClaimLexicons, names: NameReader | None = None) -> None:
        self.lex = lexicons
        names = names or NameReader(OfficialLexicons.load())
        self.frames = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.frames.add("frame", [nlp.make_doc(verb) for verb in lexicons.frames])
        cue_words = (
            lexicons.according
            | {f"{word}{PRONOUN_SUFFIX}" for word in lexicons.according}
            | lexicons.any_passive
            | {f"{word}{PRONOUN_SUFFIX}" for word in lexicons.any_passive}  # "Dikatakannya, ..."
            | lexicons.fronted
        )
        tag_forms = lexicons.tags | {f"{word}{PRONOUN_SUFFIX}" for word in lexicons.tags}
        # Lexeme flags: each word of the vocabulary is tested once, not each token.
        self.cue_flag = nlp.vocab.add_flag(lambda text: text.lower() in cue_words)
        tag_flag = nlp.vocab.add_flag(lambda text: text.lower() in tag_forms)
        self.words = ClaimWords(lexicons, names, lexicons.person_nouns | names.lex.title_words, tag_flag)
        openers = "|".join(re.escape(word) for word in lexicons.caption_openers)
        self.captions = re.compile(rf"(?m)^\s*(?:{openers})\b.*$") if openers else None

    def __call__(self, doc: Doc) -> Doc:
        self.read(doc)
        return doc

    def read(self, doc: Doc, trace: list[tuple[int, str, str]] | None = None) -> None:
        """Sets Doc._.extract_claims; `trace`, when given, receives (token, step, reason) for every cue of reported
        speech a step refused (see reported.py)."""
        reader = SpeakerReader(self.words, doc)
        excluded = self._excluded(doc, reader.text)
        quotes = quotations(reader.text)
        direct = direct_claims(reader, quotes, excluded)
        # Reported speech ends where a quotation with its own tag begins, also in a sentence the splitter left whole
        # ("Nusron menegaskan, ... pulau itu "Logikanya ...," kata Nusron").
        tagged = [c.start for c in direct if c.speaker is not None]
        frame_ends = {start: end for _, start, end in self.frames(doc)}
        candidates = direct + reported_claims(reader, self.cue_flag, frame_ends, quotes, excluded, tagged, trace)
        candidates.sort(key=lambda c: c.start)
        doc._.extract_claims = attribute(reader, candidates)

    def _excluded(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """Character ranges that hold no claim: furniture, the headline, photo captions."""
        headline = doc._.extract_headline
        excluded = [(span.start_char, span.end_char) for span in doc.spans.get("furniture", [])]
        if headline is not None:
            excluded.append((headline.start_char, headline.end_char))
        if self.captions is not None:
            excluded += [(m.start(), m.end()) for m in self.captions.finditer(text)]
        return excluded


@Language.factory("extract_claims")
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    """Direct and reported claims attributed to the officials of extract_officials."""
    return ClaimFinder(nlp, ClaimLexicons.load(), NameReader(OfficialLexicons.load()))
