"""Finds, loads and validates the pattern files in patterns/.

Lexicons are plain text (one entry a line) or tab-separated files in patterns/lexicons/; Matcher patterns are spaCy's
JSONL line format ({"id", "label", "pattern"}) in patterns/*.jsonl, whose tokens may use the macros of
patterns/tokens.json and "@lexicon" references in IN lists. A malformed entry raises PatternError naming file and line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IS_DIGIT, LIKE_NUM, LOWER, ORTH, SHAPE
from spacy.tokens import Doc
from spacy.vocab import Vocab


class PatternError(ValueError):
    """A pattern or lexicon file is missing or malformed."""


def patterns_dir() -> Path:
    """The patterns/ folder: $EXTRACT_PATTERNS, else the copy shipped in the wheel, else the source checkout's."""
    override = os.environ.get("EXTRACT_PATTERNS")
    if override:
        return Path(override)
    shipped = Path(str(resources.files("extract"))) / "patterns"
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parent.parent / "patterns"
    if checkout.is_dir():
        return checkout
    raise PatternError(f"patterns folder not found (looked in {shipped} and {checkout}); set EXTRACT_PATTERNS")


def pattern_files(folder: Path | None = None) -> dict[str, bytes]:
    """Every pattern file under the folder (default: the one in use), by its path relative to it."""
    root = folder or patterns_dir()
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix in (".json", ".jsonl", ".tsv", ".txt")
    }


def fingerprint(files: dict[str, bytes] | None = None) -> str:
    """A short SHA-256 of the pattern files (names and contents): two runs with the same fingerprint used the same
    patterns."""
    digest = hashlib.sha256()
    for name, content in sorted((files if files is not None else pattern_files()).items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:16]


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None


def _enum(*allowed: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"{text!r} is not one of {', '.join(allowed)}")
        return text

    return check


def _optional_int(text: str) -> int | None:
    return int(text) if text else None


def _text(text: str) -> str:
    if not text.strip():
        raise ValueError("empty field")
    return text


def _optional_text(text: str) -> str:
    return text


# Columns of every tab-separated lexicon: (name, parser). A .txt lexicon has one column, the entry itself.
LEXICON_COLUMNS: dict[str, tuple[tuple[str, Callable[[str], Any]], ...]] = {
    "magnitudes": (
        ("form", _text),
        ("multiplier", _number),
        ("match", _enum("lower", "exact")),
        ("glued", _enum("no", "after", "before", "both")),
    ),
    "percent_words": (("form", _text), ("glued", _enum("no", "after", "before", "both"))),
    "currencies": (("form", _text), ("code", _text), ("position", _enum("prefix", "suffix"))),
    "number_words": (
        ("word", _text),
        ("value", _number),
        ("kind", _enum("unit", "teen", "scale", "big", "se", "collective")),
    ),
    "qualifiers": (("phrase", _text), ("code", _enum("approx", "lt", "gt", "le", "ge"))),
    "change_words": (
        ("word", _text),
        ("direction", _enum("up", "down")),
        ("kind", _enum("change", "rate")),
        ("counts", _enum("yes", "no")),
    ),
    "organisations": (
        ("name", _text),
        ("aliases", _optional_text),
        (
            "kind",
            _enum(
                "agency",
                "ministry",
                "legislature",
                "government",
                "police",
                "military",
                "judiciary",
                "company",
                "bank",
                "party",
                "ngo",
                "university",
                "media",
                "international",
                "other",
            ),
        ),
    ),
    "regions": (
        ("name", _text),
        ("aliases", _optional_text),
        ("kind", _enum("home", "country", "island", "province", "regency", "city", "region")),
    ),
    "speech_verbs": (
        ("word", _text),
        (
            "kind",
            _enum("frame", "tag", "inner_tag", "passive", "passive_bare", "passive_opening", "according", "fronted"),
        ),
    ),
    "office_affixes": (("prefix", _optional_text), ("suffix", _text), ("min_length", int)),
    "clause_blockers": (("verb", _text), ("word", _text)),
    "change_nouns_after": (("word", _text), ("direction", _enum("up", "down"))),
    "periods": (
        ("phrase", _text),
        ("period", _enum("day", "week", "month", "year")),
        ("position", _enum("after", "both")),
    ),
    "months": (("name", _text), ("number", _optional_int), ("alone", _enum("yes", "no"))),
    "weekdays": (("name", _text), ("iso_weekday", int)),
    "relative_dates": (("phrase", _text), ("unit", _enum("day", "month", "year")), ("offset", int)),
    "quarters": (("word", _text), ("months", int), ("alone", _enum("yes", "no"))),
    "date_units": (("word", _text), ("unit", _enum("day", "month", "year")), ("count", int)),
    "furniture_inline": (("pattern", _text), ("hint", _text)),
    "counted_date_words": (("word", _text), ("anchor", _enum("story", "reference")), ("direction", int)),
    "ordinals": (("form", _text), ("number", int)),
    "date_directions": (("word", _text), ("direction", _enum("past", "future", "this"))),
    "region_prefixes": (
        ("word", _text),
        ("part_of_name", _enum("yes", "no")),
        ("level", _enum("rt", "rw", "village", "district", "regency", "province", "area")),
    ),
    "frame_words": (
        ("word", _text),
        (
            "role",
            _enum(
                "clause_break",
                "conjunction",
                "subordinator",
                "locative",
                "demonstrative",
                "relative",
                "rate",
                "complement",
                "recurrence",
                "attributive",
                "opener",
                "local",
                "purpose",
                "percent_tail",
            ),
        ),
    ),
    "spelling_variants": (("old", _text), ("new", _text)),
    "person_nicknames": (("nickname", _text), ("name", _text)),
    "person_never_merge": (("name", _text), ("other_name", _text)),
}


# Lexicons an analyst fills only when needed (the others are empty only by mistake).
_MAY_BE_EMPTY = frozenset({"person_never_merge"})

# Fields that must be unique together in a lexicon (default: the first); "usd" is both a prefix and a suffix currency,
# "sebut" both a tag ("sebut X") and a fronted verb ("Angka itu ia sebut ...").
_KEY_FIELDS: dict[str, tuple[int, ...]] = {
    "currencies": (0, 2),
    "office_affixes": (0, 1),
    "speech_verbs": (0, 1),
    "clause_blockers": (0, 1),
    "frame_words": (0, 1),  # "per" before a rate's unit and before a unit of time
}


@dataclass(frozen=True)
class Entry:
    """One lexicon line: its fields, parsed, the names of its columns (LEXICON_COLUMNS) and where it came from (for
    error messages). A field is read by its column's name, `entry["offset"]`, so a column added to a lexicon moves no
    reader."""

    fields: tuple[Any, ...]
    path: Path
    line: int
    columns: tuple[str, ...] = ("entry",)

    @property
    def key(self) -> str:
        return str(self.fields[0])

    def __getitem__(self, column: str) -> Any:
        try:
            return self.fields[self.columns.index(column)]
        except ValueError:
            raise KeyError(f"{self.path.name} has no column {column!r} (it has {', '.join(self.columns)})") from None


def _lexicon_path(name: str) -> Path:
    folder = patterns_dir() / "lexicons"
    for suffix in (".tsv", ".txt"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    raise PatternError(f"{folder / name}.tsv: lexicon file not found")


def _content_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise PatternError(f"{path}: not UTF-8 ({error.reason})") from None
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r\n")
        if line.strip() and not line.lstrip().startswith("#"):
            lines.append((number, line))
    return lines


@cache
def lexicon(name: str) -> tuple[Entry, ...]:
    """The entries of patterns/lexicons/<name>.tsv or .txt, validated."""
    path = _lexicon_path(name)
    columns = LEXICON_COLUMNS.get(name, (("entry", _text),))
    names = tuple(column for column, _ in columns)
    entries = []
    seen: dict[str, int] = {}
    for number, line in _content_lines(path):
        raw = line.split("\t") if len(columns) > 1 else [line.strip()]
        if len(raw) != len(columns):
            raise PatternError(
                f"{path}:{number}: expected {len(columns)} tab-separated fields ({', '.join(names)}), got {len(raw)}: "
                f"{line!r}"
            )
        fields = []
        for (column, parse), value in zip(columns, raw, strict=True):
            try:
                fields.append(parse(value.strip()))
            except ValueError as error:
                raise PatternError(f"{path}:{number}: field {column!r}: {error}") from None
        key = " / ".join(str(fields[i]) for i in _KEY_FIELDS.get(name, (0,)))
        if key in seen:
            raise PatternError(f"{path}:{number}: duplicate entry {key!r} (first on line {seen[key]})")
        seen[key] = number
        entries.append(Entry(tuple(fields), path, number, names))
    if not entries and name not in _MAY_BE_EMPTY:
        raise PatternError(f"{path}: lexicon is empty")
    return tuple(entries)


def words(name: str) -> frozenset[str]:
    """The first column of a lexicon, lower-cased."""
    return frozenset(entry.key.lower() for entry in lexicon(name))


def table(name: str) -> dict[str, tuple[Any, ...]]:
    """A lexicon as {first column lower-cased: remaining fields}."""
    return {entry.key.lower(): entry.fields[1:] for entry in lexicon(name)}


def column(name: str, column: str) -> dict[str, Any]:
    """One column of a lexicon, by its name, as {first column lower-cased: field}."""
    return {entry.key.lower(): entry[column] for entry in lexicon(name)}


# "@name" in a pattern's IN list: a lexicon's entries; "@name:selector" picks a subset.
_REFERENCES: dict[str, Callable[[], list[str]]] = {
    "magnitudes:lower": lambda: [e.key.lower() for e in lexicon("magnitudes") if e["match"] == "lower"],
    "magnitudes:exact": lambda: [e.key for e in lexicon("magnitudes") if e["match"] == "exact"],
    "currencies:prefix": lambda: [e.key.lower() for e in lexicon("currencies") if e["position"] == "prefix"],
    "currencies:suffix_words": lambda: sorted(
        {e.key.lower().split()[0] for e in lexicon("currencies") if e["position"] == "suffix"}
    ),
}


def _resolve_reference(reference: str, where: str) -> list[str]:
    name = reference[1:]
    if name in _REFERENCES:
        return _REFERENCES[name]()
    if ":" in name:
        raise PatternError(f"{where}: unknown lexicon selector {reference!r}")
    try:
        return sorted(words(name))
    except PatternError as error:
        raise PatternError(f"{where}: {reference!r}: {error}") from None


def _expand(value: Any, where: str) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return _resolve_reference(value, where)
    if isinstance(value, dict):
        return {key: _expand(item, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item, where) for item in value]
    return value


@cache
def token_macros() -> dict[str, dict[str, Any]]:
    """patterns/tokens.json: named token patterns, with lexicon references expanded."""
    path = patterns_dir() / "tokens.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternError(f"{path}: file not found") from None
    except json.JSONDecodeError as error:
        raise PatternError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    return {name: _expand(spec, f"{path}: macro {name}") for name, spec in raw.items() if not name.startswith("_")}


def _date_labels() -> frozenset[str]:
    # Imported when first asked for: the dates component imports this module.
    from extract.components.dates import VALUE_FUNCTIONS

    return frozenset(VALUE_FUNCTIONS)


# The labels each rule file may use: for figures the kind it matched; for dates those that have a value function (the
# table in extract/components/dates.py), so a label without one fails at load.
RULE_LABELS: dict[str, Callable[[], frozenset[str]]] = {
    "figures": lambda: frozenset({"money", "percent", "number"}),
    "dates": _date_labels,
}


@dataclass(frozen=True)
class Rule:
    """One Matcher pattern: a stable id (written to every record it produces), a label and the token pattern."""

    id: str
    label: str
    pattern: list[dict[str, Any]]


@cache
def rules(name: str) -> tuple[Rule, ...]:
    """The Matcher rules of patterns/<name>.jsonl, macros and lexicon references expanded, validated by spaCy."""
    labels = RULE_LABELS[name]() if name in RULE_LABELS else None
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    path = patterns_dir() / f"{name}.jsonl"
    if not path.is_file():
        raise PatternError(f"{path}: pattern file not found")
    macros = token_macros()
    checker = Matcher(Vocab(), validate=True)
    loaded: list[Rule] = []
    ids: dict[str, int] = {}
    for number, line in _content_lines(path):
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise PatternError(f"{where}: invalid JSON: {error.msg}") from None
        if not isinstance(record, dict) or set(record) != {"id", "label", "pattern"}:
            raise PatternError(f'{where}: expected an object with exactly "id", "label" and "pattern"')
        rule_id, label, pattern = record["id"], record["label"], record["pattern"]
        if not isinstance(rule_id, str) or not rule_id:
            raise PatternError(f"{where}: id must be a non-empty string")
        if rule_id in ids:
            raise PatternError(f"{where}: duplicate id {rule_id!r} (first on line {ids[rule_id]})")
        if labels is not None and label not in labels:
            raise PatternError(f"{where}: label {label!r} is not one of {', '.join(sorted(labels))}")
        if not isinstance(pattern, list) or not pattern:
            raise PatternError(f"{where}: pattern must be a non-empty list of token objects")
        tokens = []
        for token in pattern:
            if not isinstance(token, dict):
                raise PatternError(f"{where}: pattern tokens must be objects, got {token!r}")
            if "macro" in token:
                macro = token["macro"]
                if macro not in macros:
                    raise PatternError(f"{where}: unknown macro {macro!r} (see {patterns_dir() / 'tokens.json'})")
                token = {**macros[macro], **{k: v for k, v in token.items() if k != "macro"}}
            tokens.append(_expand(token, where))
        try:
            checker.add(rule_id, [tokens])
        except Exception as error:  # spaCy reports schema errors with its own exception types
            raise PatternError(f"{where}: invalid spaCy pattern: {error}") from None
        ids[rule_id] = number
        loaded.append(Rule(rule_id, label, tokens))
    if not loaded:
        raise PatternError(f"{path}: no patterns")
    return tuple(loaded)


_MAX_REMEMBERED = 100_000


@dataclass(frozen=True)
class Triggers:
    """The tokens that can open a match of some rule, read off the rules' first (and, after a number, second)
    tokens: lower-case words; numbers, by spaCy shape ("dd") or by LIKE_NUM or IS_DIGIT, each with the words that may
    follow them (None: any word)."""

    words: frozenset[str]
    numbers: dict[str, frozenset[str] | None]  # a shape, "LIKE_NUM" or "IS_DIGIT" -> next words
    any_token: bool
    lengths: dict[str, int]  # word, shape, "LIKE_NUM" or "IS_DIGIT" -> the longest rule it can open
    longest: int
    # By word (string id): the longest rule it opens as a word (0: none), and as a number: (longest rule, words that
    # must follow or None) for each of its number tests that opens a rule.
    _openings: dict[int, tuple[int, tuple[tuple[int, frozenset[str] | None], ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def _number_keys(self, shape: str, like_num: bool, is_digit: bool) -> list[str]:
        tests = [shape, *(["LIKE_NUM"] if like_num else []), *(["IS_DIGIT"] if is_digit else [])]
        return [test for test in tests if test in self.numbers]

    def flag(self, vocab: Vocab) -> int:
        """A lexeme flag (Vocab.add_flag) set on the words that can open a rule, read as the Matcher reads them
        (lower case, shape, LIKE_NUM, IS_DIGIT): tested once per word of the vocabulary, not once per token."""
        getters = vocab.lex_attr_getters  # type: ignore[attr-defined]  # spaCy's Cython attribute, not in its stubs
        # A shape begins with the shape of the first character: most words need no full shape to be ruled out.
        initials = {key[:1] for key in self.numbers if key not in ("LIKE_NUM", "IS_DIGIT")}
        tests_digits, tests_like_num = "IS_DIGIT" in self.numbers, "LIKE_NUM" in self.numbers

        def may_open(text: str) -> bool:
            return (
                self.any_token
                or getters[LOWER](text) in self.words
                or (tests_digits and getters[IS_DIGIT](text))
                or (getters[SHAPE](text[:1]) in initials and getters[SHAPE](text) in self.numbers)
                or (tests_like_num and getters[LIKE_NUM](text))
            )

        return vocab.add_flag(may_open)

    def opening(self, doc: Doc, flag: int) -> list[tuple[int, int]]:
        """(position, longest match from there) for each token of a Doc where a match may start, `flag` being the
        lexeme flag made by flag()."""
        if self.any_token:
            return [(i, self.longest) for i in range(len(doc))]
        columns = doc.to_array([flag, ORTH]).reshape(len(doc), 2)
        strings, last = doc.vocab.strings, len(doc) - 1
        found = []
        for i in numpy.flatnonzero(columns[:, 0]).tolist():
            orth = int(columns[i, 1])
            openings = self._openings.get(orth)
            if openings is None:
                lexeme = doc.vocab[orth]
                keys = self._number_keys(lexeme.shape_, lexeme.like_num, lexeme.is_digit)
                openings = (
                    self.lengths[lexeme.lower_] if lexeme.lower_ in self.words else 0,
                    tuple((self.lengths[key], self.numbers[key]) for key in keys),
                )
                if len(self._openings) >= _MAX_REMEMBERED:
                    self._openings.clear()  # numbers are endless; memory stays bounded over millions of articles
                self._openings[orth] = openings
            as_word, as_number = openings
            if as_word:
                found.append((i, as_word))
            for length, follow in as_number:  # the first of its number tests that holds opens the window
                if follow is None or (i < last and strings[int(columns[i + 1, 1])].lower() in follow):
                    found.append((i, length))
                    break
        found.sort()
        return found


def _token_words(token: dict[str, Any]) -> set[str] | None:
    """The lower-case words a pattern token accepts, or None when it is not a plain word test."""
    if token.get("OP") in ("?", "*"):
        return None
    for key in ("LOWER", "NORM", "TEXT", "ORTH"):
        value = token.get(key)
        if isinstance(value, str):
            return {value.lower()}
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return {str(word).lower() for word in value["IN"]}
    return None


def triggers(rule_list: tuple[Rule, ...]) -> Triggers:
    """The Triggers of some rules. A first token that is optional, or tested in a way not read here, makes every
    token a trigger, so a match is never missed."""
    words: set[str] = set()
    numbers: dict[str, frozenset[str] | None] = {}
    lengths: dict[str, int] = {}
    any_token = False
    for rule in rule_list:
        first = rule.pattern[0]
        if first.get("OP") in ("?", "*"):
            any_token = True
            continue
        accepted = _token_words(first)
        if accepted is not None:
            words.update(accepted)
            for word in accepted:
                lengths[word] = max(lengths.get(word, 0), len(rule.pattern))
            continue
        shape = first.get("SHAPE")
        if isinstance(shape, str):
            keys = [shape]
        elif isinstance(shape, dict) and isinstance(shape.get("IN"), list):
            keys = list(shape["IN"])
        elif shape is None and first.get("LIKE_NUM") is True:
            keys = ["LIKE_NUM"]
        elif shape is None and first.get("IS_DIGIT") is True:
            keys = ["IS_DIGIT"]
        else:
            any_token = True
            continue
        follow = _token_words(rule.pattern[1]) if len(rule.pattern) > 1 else None
        for key in keys:
            lengths[key] = max(lengths.get(key, 0), len(rule.pattern))
            if (key in numbers and numbers[key] is None) or follow is None:
                numbers[key] = None
            else:
                numbers[key] = (numbers.get(key) or frozenset()) | frozenset(follow)
    longest = max((len(rule.pattern) for rule in rule_list), default=1)
    return Triggers(frozenset(words), numbers, any_token, lengths, longest)


def validate_all() -> None:
    """Loads every lexicon and pattern file, so a malformed entry fails at start rather than mid-batch."""
    for path in sorted((patterns_dir() / "lexicons").iterdir()):
        if path.suffix in (".tsv", ".txt"):
            lexicon(path.stem)
    token_macros()
    for path in sorted(patterns_dir().glob("*.jsonl")):
        rules(path.stem)
