"""The word lists extract_claims reads, loaded once by its factory and handed to the component (spaCy style).

A test builds ClaimLexicons by hand with the few words it needs (every list defaults to empty); make_claims loads them
from patterns/lexicons with ClaimLexicons.load().
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract import patterns

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClaimLexicons:
    """The word lists of the claim steps, lower-cased. The eight kinds of speech_verbs.tsv are kept apart, as in the
    file; the unions the steps read (every passive, every word of saying) are derived from them."""

    # speech_verbs.tsv, one field per kind (see the file's header for what each kind reads).
    frames: frozenset[str] = _EMPTY
    tags: frozenset[str] = _EMPTY
    inner_tags: frozenset[str] = _EMPTY
    passives: frozenset[str] = _EMPTY  # kind "passive": with an agent ("disampaikan oleh X")
    bare_passives: frozenset[str] = _EMPTY  # kind "passive_bare": may also stand with no agent ("Dikatakan, ...")
    opening_passives: frozenset[str] = _EMPTY  # kind "passive_opening": speech only when opening the sentence
    according: frozenset[str] = _EMPTY
    fronted: frozenset[str] = _EMPTY
    pronouns: frozenset[str] = _EMPTY
    anaphors: frozenset[str] = _EMPTY  # "itu", "tersebut" closing a description of a person named before
    tag_anaphors: frozenset[str] = _EMPTY  # the same after a tag, also "ini": "kata mantan Ketua KPU ini"
    adverbs: frozenset[str] = _EMPTY  # speaker_adverbs: between a speaker and the verb
    continuers: frozenset[str] = _EMPTY  # speaker_continuers: "seraya menambahkan", the person quoted goes on
    opening_continuers: frozenset[str] = _EMPTY  # "Dan menambahkan bahwa ...", opening a sentence
    theme_cues: frozenset[str] = _EMPTY
    openers: frozenset[str] = _EMPTY  # clause_openers: "bahwa", "jika" after the verb, not part of the claim
    statement_nouns: frozenset[str] = _EMPTY
    collective_words: frozenset[str] = _EMPTY
    negations: frozenset[str] = _EMPTY
    denials: frozenset[str] = _EMPTY  # denial_verbs: negated, still a statement ("tidak menampik")
    naming_words: frozenset[str] = _EMPTY  # "..., yakni Taylor Hawkins, mengatakan": the name is in the apposition
    nickname_markers: frozenset[str] = _EMPTY  # "Bamsoet, panggilan Bambang Soesatyo", "Ara, sapaan akrabnya"
    circumstance_openers: frozenset[str] = _EMPTY
    person_determiners: frozenset[str] = _EMPTY
    person_introducers: frozenset[str] = _EMPTY
    person_nouns: frozenset[str] = _EMPTY  # the component adds the title words of extract_officials
    clause_blockers: frozenset[tuple[str, str]] = frozenset()  # (verb, word)
    apposition_markers: frozenset[str] = _EMPTY
    title_phrases: frozenset[str] = _EMPTY  # every listed title ("wali kota", "kepala bidang")
    acronym_bodies: frozenset[str] = _EMPTY  # organisations written as acronyms ("idi"): a name may be spelt so
    caption_openers: tuple[str, ...] = ()  # as written ("Foto"): a line opening with one is a photo caption
    # Derived from the speech verbs.
    any_passive: frozenset[str] = field(init=False)  # every passive of the three kinds
    agentless_passives: frozenset[str] = field(init=False)  # those that may stand with no agent: bare and opening
    speech_words: frozenset[str] = field(init=False)  # every one-word form of saying: never part of a speaker's name

    def __post_init__(self) -> None:
        kinds = (
            self.frames,
            self.tags,
            self.inner_tags,
            self.passives,
            self.bare_passives,
            self.opening_passives,
            self.according,
            self.fronted,
        )
        # A frozen dataclass sets its derived fields through object.__setattr__.
        object.__setattr__(self, "any_passive", self.passives | self.bare_passives | self.opening_passives)
        object.__setattr__(self, "agentless_passives", self.bare_passives | self.opening_passives)
        object.__setattr__(self, "speech_words", frozenset(w for kind in kinds for w in kind if " " not in w))

    @classmethod
    def load(cls) -> ClaimLexicons:
        """The lexicons of patterns/lexicons (validated by extract.patterns)."""
        kinds: dict[str, set[str]] = {}
        for entry in patterns.lexicon("speech_verbs"):
            kinds.setdefault(entry["kind"], set()).add(entry["word"].lower())
        acronyms = set()
        for entry in patterns.lexicon("organisations"):
            for form in (entry["name"], *entry["aliases"].split(";")):
                if form.strip().isupper():
                    acronyms.add(form.strip().lower())
        return cls(
            frames=frozenset(kinds.get("frame", ())),
            tags=frozenset(kinds.get("tag", ())),
            inner_tags=frozenset(kinds.get("inner_tag", ())),
            passives=frozenset(kinds.get("passive", ())),
            bare_passives=frozenset(kinds.get("passive_bare", ())),
            opening_passives=frozenset(kinds.get("passive_opening", ())),
            according=frozenset(kinds.get("according", ())),
            fronted=frozenset(kinds.get("fronted", ())),
            pronouns=patterns.words("pronouns"),
            anaphors=patterns.words("anaphors"),
            tag_anaphors=patterns.words("tag_anaphors"),
            adverbs=patterns.words("speaker_adverbs"),
            continuers=patterns.words("speaker_continuers"),
            opening_continuers=patterns.words("opening_continuers"),
            theme_cues=patterns.words("theme_cues"),
            openers=patterns.words("clause_openers"),
            statement_nouns=patterns.words("statement_nouns"),
            collective_words=patterns.words("collective_words"),
            negations=patterns.words("negations"),
            denials=patterns.words("denial_verbs"),
            nickname_markers=patterns.words("nickname_markers"),
            naming_words=patterns.words("naming_words"),
            circumstance_openers=patterns.words("circumstance_openers"),
            person_determiners=patterns.words("person_determiners"),
            person_introducers=patterns.words("person_introducers"),
            person_nouns=patterns.words("person_nouns"),
            clause_blockers=frozenset(
                (entry["verb"].lower(), entry["word"].lower()) for entry in patterns.lexicon("clause_blockers")
            ),
            apposition_markers=patterns.words("apposition_markers"),
            title_phrases=patterns.words("titles"),
            acronym_bodies=frozenset(acronyms),
            caption_openers=tuple(entry.key for entry in patterns.lexicon("caption_openers")),
        )
