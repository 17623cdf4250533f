"""Linking: officials made final (aliases, mention counts, first mention), claims tied to officials, figures tied to
the claim whose span holds them."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from extract.doc import text_of
from extract.mentions import mention_spans, occurrences
from extract.persons import Person, name_key, named_twice
from extract.schema import Claim, Figure, Official

_MIN_SHORT_FORM = 3


def _short_forms(people: list[Person], text: str) -> None:
    """A part of one person's name used alone ("Erfan", "Nyoman") becomes that person's alias."""
    owners: dict[str, set[int]] = {}
    for index, person in enumerate(people):
        words = person.name.split()
        if len(words) < 2:
            continue
        for word in words:
            if len(word) >= _MIN_SHORT_FORM and word[:1].isupper():
                owners.setdefault(word, set()).add(index)
    # Where every known form of every person stands: a word inside one of them is not used alone.
    forms = {form for person in people for form in (person.name, *person.aliases)}
    named = [(s, s + len(form)) for form in forms if len(form.split()) > 1 for s in occurrences(text, form)]
    for word, indices in owners.items():
        if len(indices) != 1:
            continue
        person = people[next(iter(indices))]
        if word in person.aliases:
            continue
        alone = [s for s in occurrences(text, word) if not any(a <= s < b for a, b in named)]
        if alone:
            person.aliases.append(word)


def officials_and_claims(doc: Doc) -> tuple[list[Official], list[Claim]]:
    """The article's officials in order of first mention, and its claims pointing at them."""
    people: list[Person] = doc._.extract_officials or []
    _short_forms(people, text_of(doc))
    joined = named_twice(people)
    kept = [index for index in range(len(people)) if index not in joined]
    records = []
    for person in (people[index] for index in kept):
        taken = mention_spans(text_of(doc), (person.name, *person.aliases))
        first = taken[0] if taken else (person.char_start, person.char_end)
        aliases = tuple(dict.fromkeys(a for a in person.aliases if name_key(a) != name_key(person.name)))
        records.append(
            Official(
                name=person.name,
                aliases=aliases,
                title=person.title,
                organisation=person.organisation,
                region=person.region,
                char_start=first[0],
                char_end=first[1],
                mentions=max(len(taken), 1),
            )
        )
    order = sorted(range(len(records)), key=lambda i: (records[i].char_start, i))
    position = {kept[old]: new for new, old in enumerate(order)}
    position.update({index: position[target] for index, target in joined.items()})
    claims = [
        replace(
            claim,
            official_index=None if claim.official_index is None else position[claim.official_index],
            speaker=None if claim.official_index is None else records[order[position[claim.official_index]]].name,
        )
        for claim in doc._.extract_claims or []
    ]
    return [records[i] for i in order], claims


def link_figures(figures: list[Figure], claims: list[Claim], people: list[Official], doc_id: str) -> list[Figure]:
    """Each figure gains the claim that holds it, and that claim's speaker with title and organisation."""
    linked = []
    for figure in figures:
        holder = next(
            (
                (number, claim)
                for number, claim in enumerate(claims, start=1)
                if claim.char_start <= figure.char_start and figure.char_end <= claim.char_end
            ),
            None,
        )
        if holder is None:
            linked.append(figure)
            continue
        number, claim = holder
        official = people[claim.official_index] if claim.official_index is not None else None
        linked.append(
            replace(
                figure,
                claim_id=f"{doc_id}#c{number}",
                speaker=claim.speaker,
                speaker_title=official.title if official else None,
                speaker_organisation=official.organisation if official else None,
            )
        )
    return linked
