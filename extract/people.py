"""People across articles: the officials of every article of a dataset joined into persons, one id each.

Runs after extraction over the officials of the whole dataset (from the work store, so a resumed, parallel or Dask
run gives the same table). Candidates are found by blocking on name keys, never by comparing every pair: the whole
name, each pair of its words, a consonant skeleton of it (for near spellings), the known nicknames. A candidate pair
is joined by the first rule that holds, each with its reason, which the person_links table records:

- same full name: the same words, two or more ("Sri Mulyani Indrawati");
- known nickname: a name of patterns/lexicons/person_nicknames.tsv ("Jokowi" = Joko Widodo), or an alias an article
  gave to a full name ("Saifullah Yusuf, atau Gus Ipul");
- shorter form: every word of a name of two or more words within a longer one with nothing but prenames in front
  of it ("Sri Mulyani" of "Sri Mulyani Indrawati", "Tito Karnavian" of "Muhammad Tito Karnavian", not "Zulkifli
  Hasan" of "Putri Zulkifli Hasan"; the prenames are those of patterns/lexicons/name_particles.txt), when the
  longer names it could stand for are one person;
- near spelling: the same number of words, each the same or a near spelling ("Tjahaja"/"Tjahja"), when the
  organisation or the title agrees, or the name has three words or more;
- one-word form: a name of one word ("Tito") within exactly one person's name, when the title or organisation
  agrees;
- the same given name in the same office of the same place ("Bupati Banyuwangi Ipuk ..."), when exactly two
  persons stand so. A shared given name or family name alone never joins.
Pairs of names in patterns/lexicons/person_never_merge.tsv are never joined. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Mention:
    """One official of one article, as the linker reads it."""

    official_id: str
    doc_id: str
    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    organisation: str | None = None
    region: str | None = None
    date: str | None = None  # the article's reference date, ISO
    n_claims: int = 0
    n_figures: int = 0


@dataclass
class Person:
    person_id: str
    name: str
    members: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    official_id: str
    linked_official_id: str
    reason: str


@dataclass(frozen=True)
class LinkingRules:
    """The data the linker reads: nicknames (lower-case nickname -> full name) and names never to join."""

    nicknames: dict[str, str]
    never: frozenset[frozenset[str]]  # pairs of name keys
    honorifics: frozenset[str] = frozenset()
    leading_names: frozenset[str] = frozenset()  # name particles (name_particles.txt), lower-case
    generic_title_words: frozenset[str] = frozenset()
    spellings: tuple[tuple[str, str], ...] = ()  # (older, newer) spellings of one sound

    @classmethod
    def load(cls) -> LinkingRules:
        from extract import patterns

        nicknames = {entry.key.lower(): entry["name"] for entry in patterns.lexicon("person_nicknames")}
        never = frozenset(
            frozenset({name_key(entry["name"]), name_key(entry["other_name"])})
            for entry in patterns.lexicon("person_never_merge")
        )
        particles = frozenset(word for entry in patterns.lexicon("name_particles") for word in words_of(entry.key))
        spellings = tuple(
            (entry["old"].lower(), entry["new"].lower()) for entry in patterns.lexicon("spelling_variants")
        )
        return cls(
            nicknames, never, patterns.words("honorifics"), particles, patterns.words("generic_title_words"), spellings
        )


@lru_cache(maxsize=1 << 16)
def words_of(name: str) -> tuple[str, ...]:
    """A name's words, lower-case, accents folded ("Sri Mulyani Indrawati" -> ("sri", "mulyani", "indrawati"))."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return tuple(_WORD.findall(folded))


def name_key(name: str) -> str:
    return " ".join(words_of(name))


def _skeleton(word: str, spellings: tuple[tuple[str, str], ...]) -> str:
    """A word's consonants, doubled ones once, with older and newer spellings of one sound made one
    (spelling_variants.tsv: dj/j, tj/c, oe/u ...): "Tjahaja", "Tjahja" and "Cahaya" share one."""
    for old, new in spellings:
        word = word.replace(old, new)
    out: list[str] = []
    for char in word:
        if char in _VOWELS or char in "hy'’-":
            continue
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


def _near(a: str, b: str, spellings: tuple[tuple[str, str], ...]) -> bool:
    """Two words spelled nearly alike: equal, one an initial of the other, or within a small edit distance with
    the same first letter."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if a[0] != b[0]:
        return False
    if _skeleton(a, spellings) == _skeleton(b, spellings) and min(len(a), len(b)) >= 4:
        return True
    limit = 1 if max(len(a), len(b)) <= 6 else 2
    return _edit_distance(a, b, limit) <= limit


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _contained(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of the short name stands in the long one, in order ("sri mulyani" in "sri mulyani indrawati",
    "topan ginting" in "topan obaja putra ginting")."""
    position = 0
    for word in short:
        try:
            position = long.index(word, position) + 1
        except ValueError:
            return False
    return True


@dataclass(frozen=True)
class _Role:
    """What a mention says of the office it holds, read once."""

    organisation: str  # name key, "" when none
    office_words: frozenset[str]  # the title's words that tell the office

    @classmethod
    def of(cls, mention: Mention, generic: frozenset[str]) -> _Role:
        """`generic`: the title words that say nothing of the office (generic_title_words.txt)."""
        return cls(name_key(mention.organisation or ""), frozenset(words_of(mention.title or "")) - generic)

    def agrees(self, other: _Role) -> bool:
        """The same organisation, or titles that share a word of office (Gubernur, Menteri, Kapolda ...)."""
        return bool(
            (self.organisation and self.organisation == other.organisation) or self.office_words & other.office_words
        )


class _Clusters:
    """Union-find over mention indices, in a fixed order, keeping the edges that joined them and the names in
    each cluster (so that a join across a never-merge pair is refused)."""

    def __init__(self, mentions: list[Mention], never: frozenset[frozenset[str]]) -> None:
        self.parent = list(range(len(mentions)))
        self.keys = [{name_key(m.name)} for m in mentions]
        self.never = never
        self.edges: list[tuple[int, int, str]] = []

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int, reason: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        if self.never and any(frozenset({x, y}) in self.never for x in self.keys[root_a] for y in self.keys[root_b]):
            return False
        low, high = sorted((root_a, root_b))
        self.parent[high] = low
        self.keys[low] |= self.keys[high]
        self.edges.append((a, b, reason))
        return True


def link(mentions: Iterable[Mention], rules: LinkingRules) -> tuple[list[Person], list[Link]]:
    """The persons the mentions are, and the links that joined them (see the module docstring)."""
    ordered = sorted(mentions, key=lambda m: m.official_id)
    if not ordered:
        return [], []
    names = [words_of(m.name) for m in ordered]
    roles = [_Role.of(m, rules.generic_title_words) for m in ordered]
    clusters = _Clusters(ordered, rules.never)

    # Blocks: every mention under each of its keys.
    by_full: dict[tuple[str, ...], list[int]] = defaultdict(list)
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_shape: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(names):
        if not words:
            continue
        by_full[words].append(i)
        for pair in combinations(words, 2):
            by_pair[pair].append(i)
        if len(words) >= 2:
            # Near spellings keep their first or their last word ("Basuki Tjahja Purnama", "Airlangga Hartanto"),
            # and every word's first letter.
            initials = "".join(word[0] for word in words)
            by_shape[(initials, "first", words[0])].append(i)
            by_shape[(initials, "last", words[-1])].append(i)
        for word in words:
            by_word[word].append(i)

    # 1. The same full name, of two words or more.
    for words, members in sorted(by_full.items()):
        if len(words) >= 2:
            for other in members[1:]:
                clusters.join(members[0], other, "same full name")

    # 2. Nicknames: the lexicon's, and aliases an article gave to a full name.
    learned: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for i, mention in enumerate(ordered):
        for alias in mention.aliases:
            alias_words = words_of(alias)
            if alias_words and not _contained(alias_words, names[i]) and len(names[i]) >= 2:
                learned[alias_words].add(names[i])
    for nickname, full_name in rules.nicknames.items():
        learned[words_of(nickname)].add(words_of(full_name))
        # The officials' reader strips an honorific ("Gus Ipul" is read as "Ipul"): the rest stands for it too.
        nickname_words = words_of(nickname)
        if len(nickname_words) == 2 and nickname_words[0] in rules.honorifics:
            learned[nickname_words[1:]].add(words_of(full_name))
    for nickname_words, fulls in sorted(learned.items()):
        if len(fulls) != 1:
            continue  # a nickname two full names share tells nothing
        (full_words,) = fulls
        targets = by_full.get(full_words, [])
        for i in by_full.get(nickname_words, []):
            if targets:
                clusters.join(targets[0], i, "known nickname")

    # Rules 3 and 4 compare names, not mentions: each distinct name once, with the roles of all who bear it.
    roles_of_name: dict[tuple[str, ...], list[_Role]] = defaultdict(list)
    for i, words in enumerate(names):
        roles_of_name[words].append(roles[i])

    # 3. Near spellings of the same number of words.
    for _, members in sorted(by_shape.items()):
        distinct = sorted({names[i] for i in members})
        for name_a, name_b in combinations(distinct, 2):
            a, b = by_full[name_a][0], by_full[name_b][0]
            if clusters.find(a) == clusters.find(b):
                continue
            if not all(_near(x, y, rules.spellings) for x, y in zip(name_a, name_b, strict=True)):
                continue
            if not any(x == y and len(x) > 1 for x, y in zip(name_a, name_b, strict=True)):
                continue
            if len(name_a) >= 3 or any(
                ra.agrees(rb) for ra in set(roles_of_name[name_a]) for rb in set(roles_of_name[name_b])
            ):
                clusters.join(a, b, "near spelling")

    # 4. A shorter form of two words or more, standing for one person only.
    for words in sorted(by_full):
        if len(words) < 2:
            continue
        candidates = {j for j in by_pair[(words[0], words[1])] if len(names[j]) > len(words)}
        # Nothing but prenames in front: "Zulkifli Hasan" is no shorter form of "Putri Zulkifli Hasan", his
        # daughter, but "Tito Karnavian" is one of "Muhammad Tito Karnavian".
        longer = [
            j
            for j in sorted(candidates)
            if _contained(words, names[j])
            and all(word in rules.leading_names for word in names[j][: names[j].index(words[0])])
        ]
        if longer and len({clusters.find(j) for j in longer}) == 1:
            clusters.join(longer[0], by_full[words][0], "shorter form")

    # 5. A one-word form within exactly one person's name, with a title or organisation that agrees. The roles of
    #    the persons whose names hold the word are gathered once per word, not once per short form.
    one_word: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(names):
        if len(words) == 1:
            one_word[words[0]].append(i)
    for word, shorts in sorted(one_word.items()):
        owners: dict[int, list[_Role]] = defaultdict(list)
        for j in by_word[word]:
            if len(names[j]) >= 2:
                owners[clusters.find(j)].append(roles[j])
        for i in shorts:
            agreeing = [owner for owner, held in sorted(owners.items()) if any(roles[i].agrees(r) for r in held)]
            if len(agreeing) == 1:
                clusters.join(agreeing[0], i, "one-word form with an agreeing title")

    # 6. The same given name in the same office of the same place ("Bupati Banyuwangi Ipuk Fiestiandani", "Bupati
    #    Banyuwangi Ipuk Diet"): one official under two forms of the rest of the name.
    by_first: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (mention, words) in enumerate(zip(ordered, names, strict=True)):
        place = name_key(mention.region or "") or name_key(mention.organisation or "")
        if len(words) >= 2 and len(words[0]) >= 3 and mention.title and place:
            by_first[(words[0], name_key(mention.title), place)].append(i)
    for _, members in sorted(by_first.items()):
        if len({clusters.find(i) for i in members}) == 2:  # exactly two forms: never a crowd of namesakes
            first, *others = members
            for other in others:
                clusters.join(first, other, "same given name and office in the same place")

    return _people(ordered, names, clusters)


def _fullest(members: list[Mention]) -> str:
    """The fullest form of a person's name: the most words, then the most letters, then the most used, among the
    forms a fifth of the mentions use at least (a form met once among many is more likely a misread of the
    officials' reader, "Koalisi Merah Putih Prabowo Subianto", than the person's full name)."""
    counts: dict[str, int] = defaultdict(int)
    for mention in members:
        counts[mention.name] += 1
    enough = -(-len(members) // 5)
    supported = [name for name, count in counts.items() if count >= enough] or list(counts)
    return max(supported, key=lambda name: (len(words_of(name)), len(name), counts[name], name))


def _slug(name: str) -> str:
    return "-".join(words_of(name)) or "person"


def _people(
    ordered: list[Mention], names: list[tuple[str, ...]], clusters: _Clusters
) -> tuple[list[Person], list[Link]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ordered)):
        groups[clusters.find(i)].append(i)
    people: list[Person] = []
    taken: dict[str, int] = defaultdict(int)
    # Ids in the order of each person's first official id: stable for the same input, whatever its order.
    for root in sorted(groups, key=lambda r: ordered[min(groups[r])].official_id):
        members = [ordered[i] for i in groups[root]]
        name = _fullest(members)
        slug = _slug(name)
        taken[slug] += 1
        person_id = slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"
        people.append(Person(person_id, name, members))
    links = [
        Link(ordered[b].official_id, ordered[a].official_id, reason)
        for a, b, reason in sorted(clusters.edges, key=lambda edge: (ordered[edge[1]].official_id, edge[2]))
    ]
    return people, links


def person_row(person: Person) -> dict[str, object]:
    """One person as a row of the people table."""
    forms: dict[str, int] = defaultdict(int)
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mention in person.members:
        for form in (mention.name, *mention.aliases):
            forms[form] += 1
        if mention.title or mention.organisation:
            roles[(mention.title or "", mention.organisation or "")].append(mention.date or "")
    dates = sorted(m.date for m in person.members if m.date)
    titles = []
    for (title, organisation), seen in sorted(roles.items(), key=lambda item: (min(item[1]), item[0])):
        known = sorted(d for d in seen if d)
        span = f" ({known[0]}/{known[-1]})" if known else ""
        titles.append(", ".join(part for part in (title, organisation) if part) + span)
    return {
        "person_id": person.person_id,
        "name": person.name,
        "variants": ";".join(sorted(forms, key=lambda form: (-forms[form], form))),
        "titles": ";".join(titles),
        "n_documents": len({m.doc_id for m in person.members}),
        "n_officials": len(person.members),
        "n_claims": sum(m.n_claims for m in person.members),
        "n_figures": sum(m.n_figures for m in person.members),
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
    }


def link_rows(links: list[Link], person_of: dict[str, str]) -> list[dict[str, object]]:
    """The person_links table's rows."""
    return [
        {
            "person_id": person_of[link.official_id],
            "official_id": link.official_id,
            "linked_official_id": link.linked_official_id,
            "reason": link.reason,
        }
        for link in links
    ]


def mentions_from_tables(
    officials: Iterable[dict[str, str]], documents: Iterable[dict[str, str]], claims: Iterable[dict[str, str]]
) -> list[Mention]:
    """The linker's mentions from rows of the officials, documents and claims tables (cells as strings)."""
    dates = {row["doc_id"]: row["reference_date"] or None for row in documents}
    n_claims: dict[str, int] = defaultdict(int)
    n_figures: dict[str, int] = defaultdict(int)
    for claim in claims:
        if claim["official_id"]:
            n_claims[claim["official_id"]] += 1
            n_figures[claim["official_id"]] += int(claim["n_figures"] or 0)
    return [
        Mention(
            official_id=row["official_id"],
            doc_id=row["doc_id"],
            name=row["name"],
            aliases=tuple(alias for alias in row["aliases"].split(";") if alias),
            title=row["title"] or None,
            organisation=row["organisation"] or None,
            region=row["region"] or None,
            date=dates.get(row["doc_id"]),
            n_claims=n_claims[row["official_id"]],
            n_figures=n_figures[row["official_id"]],
        )
        for row in officials
    ]
