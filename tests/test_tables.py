"""The dataset's tables are valid whatever the articles hold: every text written is read back identically by the csv
module, pandas, DuckDB (what `extract query` reads with) and frictionless; files respect the umask; and `extract
stats` / `extract query` run clean on the tables of a few hundred real articles."""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.batch import run
from extract.cli import app
from extract.io import dataset
from extract.io.tables import TABLES, format_number, id_columns
from extract.io.writers import spreadsheet_safe, write_csv
from extract.query import query

from .conftest import ROOT, TESTS

runner = CliRunner()
BULK = ROOT.parent / "shared" / "corpus" / "id_news_bulk.jsonl"

# What breaks CSV files and the programs that read them: line breaks of every kind, quotes, delimiters, NULs,
# formula starters, Unicode separators, and ordinary letters between them.
_HOSTILE = "\r\n\"',;=+-@\t\x00\x0b\x0c\x1c\x85\u2028\u2029 é😀"
texts = st.text(alphabet=st.sampled_from(_HOSTILE) | st.characters(codec="utf-8"), min_size=1, max_size=40)
ids = st.text(alphabet=st.sampled_from("-=+@'abc#_0123456789 "), min_size=1, max_size=8).filter(
    lambda value: value.strip() == value
)


def _write_dataset(folder: Path, doc_id: str, cells: list[str], safe: bool) -> None:
    """A dataset of one article whose claims and figures hold the given texts."""
    tables: dict[str, list[list[str]]] = {name: [] for name in TABLES}
    tables["documents"] = [[doc_id, "outlet", cells[0], "", "", "1", "ok", ""]]
    for number, text in enumerate(cells, start=1):
        claim = {"doc_id": doc_id, "claim_id": f"{doc_id}#c{number}", "speaker": text, "type": "direct"}
        claim.update({"verb": text, "text": text, "char_start": 0, "char_end": 1, "n_figures": 1})
        tables["claims"].append([str(claim.get(c, "")) for c in TABLES["claims"].names])
        figure = {"doc_id": doc_id, "figure_id": f"{doc_id}#f{number}", "kind": "money", "value": "-1.5"}
        figure.update({"text": text, "sentence": text, "claim_id": f"{doc_id}#c{number}", "char_start": 0})
        figure.update({"char_end": 1, "rule": "money"})
        tables["figures"].append([str(figure.get(c, "")) for c in TABLES["figures"].names])
    tables["texts"] = [[doc_id, "".join(cells), ""]]
    dataset.write(folder, tables.__getitem__, ("csv",), safe)


def _read_csv(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as zipped:
            return list(csv.DictReader(zipped))
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _as_written(cell: str) -> str:
    """A text cell without the spreadsheet-safety apostrophe."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def _expected(text: str, safe: bool) -> str:
    return "'" + text if safe and text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc_id=ids, cells=st.lists(texts, min_size=1, max_size=5), safe=st.booleans())
def test_any_text_reads_back_identically_in_every_reader(tmp_path_factory, doc_id, cells, safe):
    folder = tmp_path_factory.mktemp("dataset")
    _write_dataset(folder, doc_id, cells, safe)
    wanted = [_expected(text, safe) for text in cells]
    # The csv module, and pandas (which splits rows on a bare carriage return unless it is quoted).
    claims = _read_csv(folder / "claims.csv")
    assert [row["text"] for row in claims] == wanted
    assert [row["doc_id"] for row in claims] == [doc_id] * len(cells)  # ids are never altered
    frame = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    assert frame["text"].tolist() == wanted and frame["speaker"].tolist() == wanted
    assert _read_csv(folder / "texts.csv.gz")[0]["text"] == "".join(cells)  # the texts table is verbatim
    # DuckDB, through the views `extract query` uses.
    _, rows, _ = query("SELECT claim_id, text, verb FROM claims ORDER BY char_start, claim_id", folder)
    by_id = {row[0]: row[1:] for row in rows}
    assert [by_id[f"{doc_id}#c{n}"] for n in range(1, len(cells) + 1)] == [(text, text) for text in wanted]
    quoted_id = doc_id.replace("'", "''")
    _, found, _ = query(f"SELECT value FROM figures WHERE doc_id = '{quoted_id}'", folder)
    assert [row[0] for row in found] == [-1.5] * len(cells)  # an id that starts like a formula still matches
    _, (text_row,), _ = query("SELECT text FROM texts", folder)
    assert text_row[0] == "".join(cells)
    # frictionless: the package is valid and its rows are the same.
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    rows_read = Package(folder / "datapackage.json").get_resource("claims").read_rows()
    assert [row["text"] for row in rows_read] == wanted


def test_a_bare_carriage_return_is_quoted(tmp_path):
    path = tmp_path / "t.csv"
    write_csv(path, ("a", "b"), [["dan \r", "x"], ["y\nz", "w"]])
    assert path.read_bytes() == b'a,b\n"dan \r",x\n"y\nz",w\n'


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_tables_get_the_permissions_open_would_give(tmp_path, umask):
    previous = os.umask(umask)
    try:
        run(
            [ROOT / "data" / "raw" / "000_4c8e5eb7a63ecd9f.txt"],
            tmp_path / "out",
            workers=1,
            formats=("csv", "parquet"),
        )
        with (tmp_path / "plain").open("w"):
            pass
    finally:
        os.umask(previous)
    expected = (tmp_path / "plain").stat().st_mode & 0o777
    assert expected == 0o666 & ~umask
    for path in (tmp_path / "out").iterdir():
        assert path.stat().st_mode & 0o777 == expected, path.name


def test_id_columns_are_never_given_an_apostrophe():
    assert {"doc_id", "figure_id", "claim_id", "time_date_id"} <= id_columns("figures")
    cells = {"doc_id": "-neg", "figure_id": "-neg#f1", "kind": "money", "value": "-5", "unit": "IDR"}
    cells.update({"text": "-Rp5", "sentence": "=x", "claim_id": "-neg#c1", "speaker": "@someone"})
    row = [cells.get(column, "") for column in TABLES["figures"].names]
    (safe,) = spreadsheet_safe("figures", [row])
    written = dict(zip(TABLES["figures"].names, safe, strict=True))
    assert [written[c] for c in ("doc_id", "figure_id", "kind", "value", "claim_id")] == [
        "-neg",
        "-neg#f1",
        "money",
        "-5",
        "-neg#c1",
    ]
    assert (written["text"], written["sentence"], written["speaker"]) == ("'-Rp5", "'=x", "'@someone")


@pytest.mark.parametrize(
    ("value", "written"),
    [(1.41e18, "1410000000000000000"), (2.0, "2"), (56.7, "56.7"), (-5.32, "-5.32"), (0.0, "0"), (5e-7, "0.0000005")],
)
def test_numbers_are_written_plain(value, written):
    assert format_number(value) == written


def _articles() -> list[dict[str, str]]:
    """A few hundred real articles: the bulk corpus beside the project where there is one (as in CI and
    development), else the project's own gold articles, each also with its line breaks made bare carriage
    returns, so that the hostile shapes are there either way."""
    if BULK.is_file():
        with BULK.open(encoding="utf-8") as stream:
            records = [json.loads(line) for _, line in zip(range(300), stream, strict=False)]
        return [{"id": str(r["id"]), "text": r["text"], "source": r.get("source") or ""} for r in records]
    paths = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted((TESTS / "gold").glob("*/raw/*.txt"))
    records = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        records.append({"id": path.stem, "text": text, "source": "gold"})
        records.append({"id": f"{path.stem}-cr", "text": text.replace("\n", " \r\n "), "source": "gold"})
    return records


@pytest.fixture(scope="module")
def bulk_dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bulk")
    source = folder / "articles.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        for record in _articles():
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary = run([source], folder / "out", workers=2, formats=("csv",))
    assert summary.ok > 50
    return folder / "out"


def test_no_span_starts_or_ends_with_whitespace(bulk_dataset):
    texts = {row["doc_id"]: row["text"] for row in _read_csv(bulk_dataset / "texts.csv.gz")}
    for name, column in (("claims", "text"), ("figures", "text"), ("figures", "sentence"), ("dates", "text")):
        for row in _read_csv(bulk_dataset / f"{name}.csv"):
            cell = _as_written(row[column])
            assert cell == cell.strip(), (name, column, row[column][:80])
            if column == "text":
                start, end = int(row["char_start"]), int(row["char_end"])
                assert texts[row["doc_id"]][start:end] == cell


def test_stats_and_query_run_clean_on_real_articles(bulk_dataset):
    report = validate(bulk_dataset / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    stats = runner.invoke(app, ["stats", "--data", str(bulk_dataset)])
    assert stats.exit_code == 0, stats.output
    documents = len(_read_csv(bulk_dataset / "documents.csv"))
    assert re.search(rf"^documents: {documents} ", stats.output, flags=re.M)
    for name in ("documents", "figures", "dates", "officials", "claims", "texts"):
        path = bulk_dataset / TABLES[name].file_name("csv")
        counted = runner.invoke(
            app, ["query", f"SELECT count(*) AS n FROM {name}", "-d", str(bulk_dataset), "-f", "csv"]
        )
        assert counted.exit_code == 0, counted.output
        assert counted.output.splitlines()[1] == str(len(_read_csv(path))), name
    joined = runner.invoke(
        app,
        [
            "query",
            "SELECT c.claim_id, c.text, count(f.figure_id) AS n FROM claims c LEFT JOIN figures f USING (claim_id) "
            "GROUP BY ALL ORDER BY c.claim_id",
            "-d",
            str(bulk_dataset),
            "-f",
            "json",
        ],
    )
    assert joined.exit_code == 0, joined.output[:500]
    claims = {row["claim_id"]: row for row in _read_csv(bulk_dataset / "claims.csv")}
    answer = json.loads(joined.output)
    assert len(answer) == len(claims)
    assert all(row["n"] == int(claims[row["claim_id"]]["n_figures"]) for row in answer)
    assert all(row["text"] == claims[row["claim_id"]]["text"] for row in answer)
