"""Officials: persons named with a position (jabatan), with title, organisation, region and aliases.

Reads the lexicons titles, office_words, office_affixes, organisations, organisation_prefixes,
proper_organisation_prefixes, organisation_suffixes, regions, honorifics, ranks, degrees, name_particles, not_names,
headline_verbs, given_names, nickname_openers, alias_cues, field_heads, place_units, place_cues, place_openers,
territorial_titles, title_modifiers, building_words, source_cues, role_nouns, months, weekdays, and the small lists
of the chain and name steps: apposition_cues, chain_fillers, chain_connectors, english_connectors, initials_cues,
role_verb_prefixes, roman_numerals, administrative_units, neighbourhood_units, field_openers, pair_conjunctions,
residence_words, one_of_words, camel_case_name_prefixes. Three shapes are
read: a title chain before the name ("Deputi Direktur BPJS Ketenagakerjaan Wilayah Kalimantan, Panji Wibisana",
"Bupati Kutai Kartanegara Edi Damansyah"), a name before its title ("Erfan Kurniawan, Kepala BPJS ...", "KIR selaku
Direktur Utama PT DNG") and a name before a role noun ("Esa, siswa asal Purworejo"). Where a name starts after an
unknown body or place ("Kepala Klinik Sehat Bersama Maria Ulfa Siregar") is read from the article itself: a known
given name, or a word it uses alone elsewhere ("ujar Maria"). Persons that only speak are added by extract_claims.
Sets Doc._.extract_officials (a list of Person) and Doc._.extract_mentions (a list of Mention).

One module per concern:

- names.py     the name reader: which words can be part of a person's name, where a name ends (also used by
               extract_claims);
- finder.py    the officials finder: title chains, names before their titles, names before role nouns;
- lexicons.py  the word lists, loaded by the factory (OfficialLexicons.load) and handed to the finder.

The records made (Mention, Person) and their merging by name are extract/persons.py's, which needs no spaCy.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.components.officials.finder import OfficialFinder
from extract.components.officials.lexicons import OfficialLexicons
from extract.components.officials.names import NameReader

__all__ = ["NameReader", "OfficialFinder", "OfficialLexicons", "make_officials"]

for _name in ("extract_officials", "extract_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("extract_officials")
def make_officials(nlp: Language, name: str) -> OfficialFinder:
    """Officials found around the titles of patterns/lexicons/titles.txt."""
    return OfficialFinder(nlp, OfficialLexicons.load())
