"""The word lists extract_officials reads, loaded once by its factory and handed to the component (spaCy style).

A test builds OfficialLexicons by hand with the few words it needs (every list defaults to empty); make_officials
(and make_claims, for its name reader) load them from patterns/lexicons with OfficialLexicons.load().
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract import patterns

_EMPTY: frozenset[str] = frozenset()


def _forms(name: str, aliases: str) -> tuple[str, ...]:
    """A body's or a place's name and its aliases (";"-separated, blanks left out), the name first."""
    return (name, *(alias.strip() for alias in aliases.split(";") if alias.strip()))


def _by_form(named: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """Any form, lower-case -> the name it stands for (the first line that gives a form keeps it)."""
    found: dict[str, str] = {}
    for forms in named:
        for form in forms:
            found.setdefault(form.strip().lower(), forms[0])
    return found


@dataclass(frozen=True)
class OfficialLexicons:
    """The word lists of the name reader and the officials finder. Lists read as words are lower-cased, except those
    compared with a token as written (honorifics, degrees, name particles, given names, nickname openers); the title,
    organisation and region phrases are kept as written and in file order, for the phrase matchers."""

    titles: tuple[str, ...] = ()  # titles.txt: "Bupati", "Kepala Dinas", "pengamat" (the lower-case ones are roles)
    organisation_forms: tuple[tuple[str, ...], ...] = ()  # organisations.tsv: (name, *aliases)
    region_forms: tuple[tuple[str, ...], ...] = ()  # regions.tsv: (name, *aliases)
    alias_cues: tuple[str, ...] = ()  # "yang akrab disapa": a nickname follows
    role_noun_phrases: tuple[str, ...] = ()  # role_nouns.txt as written, for the matcher
    office_words: frozenset[str] = _EMPTY
    office_affixes: tuple[tuple[str, str, int], ...] = ()  # (prefix, suffix, min_length)
    organisation_prefixes: tuple[str, ...] = ()  # as written: "Dinas", "Kejaksaan Negeri"
    proper_org_prefixes: frozenset[str] = _EMPTY  # "pt", "cv": a proper name follows
    org_suffixes: frozenset[str] = _EMPTY  # "tbk", "persero", "institute"
    honorifics: frozenset[str] = _EMPTY
    ranks: frozenset[str] = _EMPTY
    degrees: frozenset[str] = _EMPTY
    particles: frozenset[str] = _EMPTY  # name_particles.txt: "bin", "Lalu", "Teuku"
    given_names: frozenset[str] = _EMPTY
    place_suffixes: frozenset[str] = _EMPTY
    territorial_titles: frozenset[str] = _EMPTY
    place_units: frozenset[str] = _EMPTY
    field_heads: frozenset[str] = _EMPTY
    place_cues: frozenset[str] = _EMPTY
    nickname_openers: frozenset[str] = _EMPTY
    building_words: frozenset[str] = _EMPTY
    role_nouns: frozenset[str] = _EMPTY
    place_openers: frozenset[str] = _EMPTY
    source_cues: frozenset[str] = _EMPTY
    title_modifiers: frozenset[str] = _EMPTY
    not_names: frozenset[str] = _EMPTY
    headline_verbs: frozenset[str] = _EMPTY
    months: frozenset[str] = _EMPTY
    weekdays: frozenset[str] = _EMPTY
    # The small word lists of the chain and name steps (each file's header says what it is and why).
    apposition_cues: tuple[tuple[str, ...], ...] = ()  # each cue's words, lower-case, in file order (first wins)
    chain_fillers: frozenset[str] = _EMPTY
    connectors: frozenset[str] = _EMPTY  # chain_connectors.txt
    english_connectors: frozenset[str] = _EMPTY
    initials_cues: frozenset[str] = _EMPTY
    role_verb_prefixes: tuple[str, ...] = ()
    roman_numerals: frozenset[str] = _EMPTY  # as written
    administrative_units: frozenset[str] = _EMPTY
    neighbourhood_units: frozenset[str] = _EMPTY  # as written
    field_openers: frozenset[str] = _EMPTY
    pair_conjunctions: frozenset[str] = _EMPTY
    residence_words: frozenset[str] = _EMPTY
    one_of_words: frozenset[str] = _EMPTY
    camel_name_prefixes: tuple[str, ...] = ()  # as written: "Mc" of "McDonald"
    # Derived from the lists above.
    title_words: frozenset[str] = field(init=False)  # the first word of every title, lower-case, not a name particle
    role_titles: frozenset[str] = field(init=False)  # the titles listed in lower case: "pengamat", "ekonom"
    org_prefixes: frozenset[str] = field(init=False)  # the first word of every organisation prefix, lower-case
    calendar_words: frozenset[str] = field(init=False)  # months and weekdays
    cue_last_words: frozenset[str] = field(init=False)  # the last word of every apposition cue: one test for most
    organisations: dict[str, str] = field(init=False)  # any form, lower-case -> name
    regions: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        # The first word of a title ("Kepala", "Bupati") is never a name, unless it is a name particle; later words
        # ("Agung" of "Jaksa Agung") may be.
        titles = {title.lower().split()[0] for title in self.titles} - {p.lower() for p in self.particles}
        # A frozen dataclass sets its derived fields through object.__setattr__.
        object.__setattr__(self, "title_words", frozenset(titles))
        object.__setattr__(self, "role_titles", frozenset(title for title in self.titles if title.islower()))
        # The first word of a multi-word prefix ("Kejaksaan Negeri") opens an organisation too.
        object.__setattr__(
            self, "org_prefixes", frozenset(prefix.lower().split()[0] for prefix in self.organisation_prefixes)
        )
        object.__setattr__(self, "calendar_words", self.months | self.weekdays)
        object.__setattr__(self, "cue_last_words", frozenset(cue[-1] for cue in self.apposition_cues))
        object.__setattr__(self, "organisations", _by_form(self.organisation_forms))
        object.__setattr__(self, "regions", _by_form(self.region_forms))

    @classmethod
    def load(cls) -> OfficialLexicons:
        """The lexicons of patterns/lexicons (validated by extract.patterns)."""

        def keys(name: str) -> tuple[str, ...]:
            return tuple(entry.key for entry in patterns.lexicon(name))

        return cls(
            titles=keys("titles"),
            organisation_forms=tuple(
                _forms(entry["name"], entry["aliases"]) for entry in patterns.lexicon("organisations")
            ),
            region_forms=tuple(_forms(entry["name"], entry["aliases"]) for entry in patterns.lexicon("regions")),
            alias_cues=keys("alias_cues"),
            role_noun_phrases=keys("role_nouns"),
            office_words=patterns.words("office_words"),
            office_affixes=tuple(
                (entry["prefix"], entry["suffix"], entry["min_length"]) for entry in patterns.lexicon("office_affixes")
            ),
            organisation_prefixes=keys("organisation_prefixes"),
            proper_org_prefixes=patterns.words("proper_organisation_prefixes"),
            org_suffixes=patterns.words("organisation_suffixes"),
            honorifics=frozenset(keys("honorifics")),
            ranks=patterns.words("ranks"),
            degrees=frozenset(keys("degrees")),
            particles=frozenset(keys("name_particles")),
            given_names=frozenset(keys("given_names")),
            place_suffixes=patterns.words("place_suffixes"),
            territorial_titles=patterns.words("territorial_titles"),
            place_units=patterns.words("place_units"),
            field_heads=patterns.words("field_heads"),
            place_cues=patterns.words("place_cues"),
            nickname_openers=frozenset(keys("nickname_openers")),
            building_words=patterns.words("building_words"),
            role_nouns=patterns.words("role_nouns"),
            place_openers=patterns.words("place_openers"),
            source_cues=patterns.words("source_cues"),
            title_modifiers=patterns.words("title_modifiers"),
            not_names=patterns.words("not_names"),
            headline_verbs=patterns.words("headline_verbs"),
            months=patterns.words("months"),
            weekdays=patterns.words("weekdays"),
            apposition_cues=tuple(tuple(cue.lower().split()) for cue in keys("apposition_cues")),
            chain_fillers=patterns.words("chain_fillers"),
            connectors=patterns.words("chain_connectors"),
            english_connectors=patterns.words("english_connectors"),
            initials_cues=patterns.words("initials_cues"),
            role_verb_prefixes=tuple(prefix.lower() for prefix in keys("role_verb_prefixes")),
            roman_numerals=frozenset(keys("roman_numerals")),
            administrative_units=patterns.words("administrative_units"),
            neighbourhood_units=frozenset(keys("neighbourhood_units")),
            field_openers=patterns.words("field_openers"),
            pair_conjunctions=patterns.words("pair_conjunctions"),
            residence_words=patterns.words("residence_words"),
            one_of_words=patterns.words("one_of_words"),
            camel_name_prefixes=keys("camel_case_name_prefixes"),
        )
