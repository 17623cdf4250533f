"""The dataset for researchers: Parquet and CSV under one schema, SQL over them, a summary, an HTML page per article
checked in a real (headless) browser."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from frictionless import validate
from typer.testing import CliRunner

from extract.batch import run
from extract.cli import app

from .conftest import ROOT, TESTS

runner = CliRunner()
ARTEFACTS = TESTS / "artefacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dataset")
    summary = run([ROOT / "data" / "raw", TESTS / "gold" / "dev" / "raw"], out, workers=1, formats=("csv", "parquet"))
    assert summary.failed == 0
    return out


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_table_validates_against_the_data_package(dataset):
    report = validate(dataset / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((dataset / "datapackage.json").read_text(encoding="utf-8"))
    names = {resource["name"] for resource in package["resources"]}
    assert {"figures", "claims", "officials", "dates", "documents", "figures-parquet"} <= names
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    assert figures["schema"]["primaryKey"] == ["figure_id"]
    assert {"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["claim_id"]}} in figures["schema"][
        "foreignKeys"
    ]
    kind = next(f for f in figures["schema"]["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == ["money", "percent", "count", "quantity"]


def test_a_broken_table_fails_validation(dataset, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(dataset, copy)
    rows = (copy / "figures.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = (
        rows[1].replace(",count,", ",counts,", 1).replace(",money,", ",monies,", 1).replace(",percent,", ",pct,", 1)
    )
    (copy / "figures.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert not validate(copy / "datapackage.json").valid


def test_parquet_holds_the_same_rows_typed(dataset):
    for name in ("documents", "figures", "dates", "officials", "claims"):
        table = pq.read_table(dataset / f"{name}.parquet")
        rows = _csv_rows(dataset / f"{name}.csv")
        assert table.num_rows == len(rows), name
        assert table.column_names == list(rows[0])
    figures = pq.read_table(dataset / "figures.parquet").to_pylist()
    money = next(f for f in figures if f["text"] == "Rp 52,3 miliar")
    assert money["value"] == 52_300_000_000.0 and isinstance(money["char_start"], int)


def test_spreadsheet_safety(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "formula.txt").write_text('=HYPERLINK("http://x")\n\nAnggaran naik 5 persen.', encoding="utf-8")
    run([folder], tmp_path / "safe", workers=1)
    run([folder], tmp_path / "raw", workers=1, spreadsheet_safety=False)
    assert _csv_rows(tmp_path / "safe" / "documents.csv")[0]["title"] == '\'=HYPERLINK("http://x")'
    assert _csv_rows(tmp_path / "raw" / "documents.csv")[0]["title"] == '=HYPERLINK("http://x")'
    assert _csv_rows(tmp_path / "safe" / "figures.csv")[0]["value"] == "5"


README_QUERIES = {
    "money per speaker organisation and year": (
        "SELECT f.speaker_organisation, year(d.reference_date) AS year, f.unit, sum(f.value) AS total "
        "FROM figures f JOIN documents d USING (doc_id) WHERE f.kind = 'money' AND f.speaker_organisation IS NOT NULL "
        "GROUP BY ALL ORDER BY total DESC"
    ),
    "percentages claimed by an official": (
        "SELECT f.doc_id, f.text, f.value, c.type, c.text AS claim FROM figures f JOIN claims c USING (claim_id) "
        "WHERE f.kind = 'percent' AND f.speaker = 'Perry Warjiyo' ORDER BY f.doc_id, f.char_start"
    ),
    "claims per outlet per month": (
        "SELECT d.source AS outlet, strftime(d.reference_date, '%Y-%m') AS month, count(*) AS claims "
        "FROM claims c JOIN documents d USING (doc_id) GROUP BY ALL ORDER BY month, outlet"
    ),
}


@pytest.mark.parametrize("name", sorted(README_QUERIES))
def test_readme_queries_run_on_csv_and_parquet_alike(dataset, tmp_path, name):
    sql = README_QUERIES[name]
    assert sql in (ROOT / "README.md").read_text(encoding="utf-8"), "the README shows this query"
    csv_only = tmp_path / "csv"
    csv_only.mkdir()
    for path in dataset.glob("*.csv"):
        shutil.copy(path, csv_only)
    answers = []
    for folder in (dataset, csv_only):
        result = runner.invoke(app, ["query", sql, "--data", str(folder), "--format", "json"])
        assert result.exit_code == 0, result.output
        answers.append(json.loads(result.output))
    assert answers[0] == answers[1] and answers[0]
    if name == "percentages claimed by an official":
        assert {row["text"] for row in answers[0]} >= {"3,75 persen", "3 persen", "1 persen"}
    if name == "money per speaker organisation and year":
        assert {"speaker_organisation": "BPJS Ketenagakerjaan", "year": 2024, "unit": "IDR", "total": 5e12} in answers[
            0
        ]


def test_query_formats_and_errors(dataset):
    sql = "SELECT kind, count(*) AS n FROM figures GROUP BY kind ORDER BY kind"
    as_csv = runner.invoke(app, ["query", sql, "--data", str(dataset), "--format", "csv"])
    assert as_csv.output.splitlines()[0] == "kind,n" and "money," in as_csv.output
    as_table = runner.invoke(app, ["query", sql, "--data", str(dataset)])
    assert "money" in as_table.output and as_table.exit_code == 0
    bad = runner.invoke(app, ["query", "SELECT nope FROM figures", "--data", str(dataset)])
    assert bad.exit_code == 2 and "nope" in bad.output
    missing = runner.invoke(app, ["query", sql, "--data", str(dataset / "absent")])
    assert missing.exit_code == 2 and "absent" in missing.output


def test_stats(dataset):
    result = runner.invoke(app, ["stats", "--data", str(dataset)])
    assert result.exit_code == 0
    assert "documents: 15 (15 ok, 0 failed)" in result.output
    counts = dict(re.findall(r"^  (money|percent|count|quantity)\s+(\d+)$", result.output, flags=re.M))
    with duckdb.connect() as connection:
        expected = dict(
            connection.execute(
                f"SELECT kind, count(*)::VARCHAR FROM read_csv('{dataset / 'figures.csv'}') GROUP BY kind"
            ).fetchall()
        )
    assert counts == expected
    assert "Perry Warjiyo" in result.output and "reference dates: 2019-08-15 to" in result.output


def test_show_page_in_a_real_browser(dataset, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed for this test: apt-get install chromium chromium-driver (.ci/run does)"
    page = tmp_path / "page.html"
    result = runner.invoke(app, ["show", "001_3fe6a5d460e3c548", "--data", str(dataset), "--out", str(page)])
    assert result.exit_code == 0, result.output
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    kinds = re.findall(r'<mark class="(\w+)" data-kind="\w+" title="([^"]*)"', dom)
    found = {kind for kind, _ in kinds}
    assert {"claim", "official", "date", "money", "percent", "count"} <= found
    assert ("percent", "percent; 12 %; qualifier lt; change up; claimed by Erfan Kurniawan") in kinds
    assert sum(1 for kind, _ in kinds if kind in ("money", "percent", "count", "quantity")) == 11
    ARTEFACTS.mkdir(exist_ok=True)
    screenshot = ARTEFACTS / "show-001_3fe6a5d460e3c548.png"
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, *profile, f"--screenshot={screenshot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert screenshot.stat().st_size > 10_000
    article = runner.invoke(
        app, ["show", str(ROOT / "data" / "raw" / "003_3d7efd971b6dcfca.txt"), "-o", str(tmp_path / "b.html")]
    )
    assert article.exit_code == 0 and "Rp 52,3 miliar" in (tmp_path / "b.html").read_text(encoding="utf-8")
    unknown = runner.invoke(app, ["show", "no-such-doc", "--data", str(dataset)])
    assert unknown.exit_code == 2 and "no-such-doc" in unknown.output
