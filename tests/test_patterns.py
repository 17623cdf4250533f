"""Pattern files are validated at load: a malformed entry names its file and line."""

from __future__ import annotations

import shutil

import pytest

from extract import patterns

from .conftest import ROOT


@pytest.fixture
def patterns_copy(tmp_path, monkeypatch):
    copy = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", copy)
    monkeypatch.setenv("EXTRACT_PATTERNS", str(copy))
    for loader in (patterns.lexicon, patterns.token_macros, patterns.rules):
        loader.cache_clear()
    yield copy
    for loader in (patterns.lexicon, patterns.token_macros, patterns.rules):
        loader.cache_clear()


def test_shipped_patterns_are_valid():
    patterns.validate_all()


def test_lexicon_fields_are_read_by_column_name():
    rupiah = next(entry for entry in patterns.lexicon("currencies") if entry.key == "rp")
    assert (rupiah["form"], rupiah["code"], rupiah["position"]) == ("rp", "IDR", "prefix")
    with pytest.raises(KeyError, match=r"currencies\.tsv has no column 'kode'"):
        rupiah["kode"]


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("lexicons/magnitudes.tsv", "ribu 1000 lower", "expected 4 tab-separated fields"),
        ("lexicons/magnitudes.tsv", "ribux\tseribu\tlower\tno", "field 'multiplier'"),
        ("lexicons/currencies.tsv", "rp\tIDR\tprefix", "duplicate entry"),
        ("lexicons/qualifiers.tsv", "kira\tabout", "is not one of approx"),
        ("figures.jsonl", '{"id": "broken", "label": "money", "pattern": [}', "invalid JSON"),
        ("figures.jsonl", '{"id": "x", "label": "money", "pattern": [{"macro": "NOPE"}]}', "unknown macro"),
        ("figures.jsonl", '{"id": "y", "label": "weird", "pattern": [{"LOWER": "a"}]}', "label 'weird'"),
        ("dates.jsonl", '{"id": "z", "label": "day", "pattern": [{"LOWER": {"IN": "@nosuch"}}]}', "not found"),
        ("dates.jsonl", '{"id": "w", "label": "day", "pattern": [{"LOWR": "a"}]}', "invalid spaCy pattern"),
        ("dates.jsonl", '{"id": "v", "label": "weird", "pattern": [{"LOWER": "a"}]}', "label 'weird'"),
        ("lexicons/months.tsv", "maret\t3\tmaybe", "field 'alone'"),
    ],
)
def test_malformed_entry_names_file_and_line(patterns_copy, file, line, message):
    path = patterns_copy / file
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    with pytest.raises(patterns.PatternError) as error:
        patterns.validate_all()
    assert f"{path}:{len(lines) + 1}" in str(error.value)
    assert message in str(error.value)
