"""An article's person records: the mentions of officials and the persons they name, merged by name.

extract_officials makes them, extract_claims adds the persons who only speak, and linking.py makes them final. Standard
library only, so code that reads the records (the linker, the tables) needs no spaCy. People across articles (one id
per person in a dataset) are extract/people.py's, which reads the officials table these records become.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NEAR_SPELLING = 0.8  # similarity at which two spellings are one person ("Panji Wibisono", "Panji Wibisana")


@dataclass
class Mention:
    """One place an official is named: the name's tokens, and the whole mention with its title chain."""

    name_start: int
    name_end: int
    extent_start: int
    extent_end: int
    name: str
    title: str | None = None
    organisation: str | None = None
    region: str | None = None
    person: int | None = None  # index into Doc._.extract_officials


@dataclass
class Person:
    """One official of an article: every mention of the same person merged."""

    name: str
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    organisation: str | None = None
    region: str | None = None
    char_start: int = 0
    char_end: int = 0
    mentions: int = 0


def name_key(name: str) -> str:
    """A name compared by its letters: lower-case, without spaces ("Gus Ipul" and "gus  ipul" are one)."""
    return "".join(name.lower().split())


def named_twice(people: list[Person]) -> dict[int, int]:
    """Records of one person named twice, once by a form that became the other's alias (a nickname in the headline,
    "Mensos Gus Ipul", then "Saifullah Yusuf atau yang akrab disapa Gus Ipul"; a speaker's misspelling): {index:
    index of the record it joins, never itself joined}. The joined record gains what the other knew."""
    joined: dict[int, int] = {}
    for index, person in enumerate(people):
        key = name_key(person.name)
        for other, candidate in enumerate(people):
            if other != index and other not in joined and key in map(name_key, candidate.aliases):
                candidate.title = candidate.title or person.title
                candidate.organisation = candidate.organisation or person.organisation
                candidate.region = candidate.region or person.region
                joined[index] = other
                break
    for index, target in joined.items():
        while target in joined:  # a record joined into one that was joined in turn
            target = joined[target]
        joined[index] = target
    return joined


def merge_aliases(people: list[Person], mentions: list[Mention]) -> list[Person]:
    """The people with records named twice merged (see named_twice), mentions pointing at the kept records."""
    joined = named_twice(people)
    if not joined:
        return people
    kept = [i for i in range(len(people)) if i not in joined]
    position = {old: new for new, old in enumerate(kept)}
    for mention in mentions:
        if mention.person is not None:
            mention.person = position[joined.get(mention.person, mention.person)]
    return [people[i] for i in kept]


def merge_mention(person: Person, mention: Mention) -> None:
    """A later mention of a known person: the fuller name wins, the other form becomes an alias."""
    if len(mention.name) > len(person.name) and name_key(person.name) in name_key(mention.name):
        if person.name not in person.aliases:
            person.aliases.append(person.name)
        person.name = mention.name
    elif name_key(mention.name) != name_key(person.name) and mention.name not in person.aliases:
        person.aliases.append(mention.name)
    person.title = person.title or mention.title
    person.organisation = person.organisation or mention.organisation
    person.region = person.region or mention.region


def find_person(people: list[Person], name: str, nickname_openers: frozenset[str] = frozenset()) -> int | None:
    """The person a name stands for: the same name or alias, or a part of one person's name (first or last name,
    when only one person has it), or a near spelling ("Panji Wibisono" for "Panji Wibisana"). `nickname_openers`:
    the words of a familiar form ("Cak", "Gus"), as nickname_openers.txt writes them."""
    from difflib import SequenceMatcher

    key = name_key(name)
    for index, person in enumerate(people):
        if key == name_key(person.name) or key in (name_key(a) for a in person.aliases):
            return index
    words = name.lower().split()
    if len(words) > 1 and name.split()[0] in nickname_openers:
        # "Cak Eri" for "Eri Cahyadi": the familiar form's name part belongs to one known person.
        rest = words[1:]
        owners = [i for i, p in enumerate(people) if all(w in p.name.lower().split() for w in rest)]
        if len(owners) == 1:
            return owners[0]
    # A fuller form of someone already known ("Aep" in a headline, then "Aep Syaepuloh").
    fuller = [
        index
        for index, person in enumerate(people)
        if len(person.name.split()) < len(words) and all(w in words for w in person.name.lower().split())
    ]
    if len(fuller) == 1:
        return fuller[0]
    candidates = [
        index
        for index, person in enumerate(people)
        if all(word in person.name.lower().split() for word in words) and len(words) < len(person.name.split())
    ]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        return None
    best, best_ratio = None, 0.0
    matcher = SequenceMatcher(None, "", key)  # the name is the fixed side: SequenceMatcher caches it
    for index, person in enumerate(people):
        for form in [person.name, *person.aliases, *person.name.split()]:
            form_key = name_key(form)
            if len(form) < 4 or abs(len(form_key) - len(key)) > len(key) // 2:
                continue
            matcher.set_seq1(form_key)
            # The quick ratios bound the ratio from above: a form that cannot beat the best so far, or reach a near
            # spelling at all, is not compared in full.
            floor = max(best_ratio, NEAR_SPELLING)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR_SPELLING and ratio > best_ratio:
                best, best_ratio = index, ratio
    return best
