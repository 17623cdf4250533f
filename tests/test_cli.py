"""The command line as a user runs it: output tables, bad input, exit codes, evaluation gates."""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.io.tables import TABLES

from .conftest import ROOT, TESTS

runner = CliRunner()
ARTICLES = ROOT / "data" / "raw"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_run_on_seeds_writes_the_three_tables(tmp_path):
    result = runner.invoke(app, ["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    documents = _read(tmp_path / "documents.csv")
    figures = _read(tmp_path / "figures.csv")
    dates = _read(tmp_path / "dates.csv")
    assert [d["doc_id"] for d in documents] == sorted(p.stem for p in (ROOT / "data" / "raw").glob("*.txt"))
    assert all(d["status"] == "ok" for d in documents)
    assert list(figures[0]) == [
        "doc_id",
        "figure_id",
        "kind",
        "value",
        "value_max",
        "unit",
        "qualifier",
        "change",
        "period",
        "measure",
        "time",
        "time_date_id",
        "region",
        "region_canonical",
        "text",
        "char_start",
        "char_end",
        "sentence",
        "rule",
        "claim_id",
        "speaker",
        "speaker_title",
        "speaker_organisation",
    ]
    money = next(f for f in figures if f["text"] == "Rp 52,3 miliar")
    assert money["value"] == "52300000000" and money["unit"] == "IDR" and money["kind"] == "money"
    text = (ROOT / "data" / "raw" / f"{money['doc_id']}.txt").read_text(encoding="utf-8")
    assert text[int(money["char_start"]) : int(money["char_end"])] == "Rp 52,3 miliar"
    keys = [(f["doc_id"], int(f["char_start"])) for f in figures]
    assert keys == sorted(keys)
    assert {"value": "2024-11-07/2024-11-08", "text": "7-8 November 2024"}.items() <= next(
        d for d in dates if d["text"] == "7-8 November 2024"
    ).items()
    published = next(d for d in documents if d["doc_id"] == "001_3fe6a5d460e3c548")
    assert published["publication_date"] == "2024-11-12" and published["reference_date"] == "2024-11-12"

    officials = _read(tmp_path / "officials.csv")
    claims = _read(tmp_path / "claims.csv")
    erfan = next(o for o in officials if o["name"] == "Erfan Kurniawan")
    assert erfan["aliases"] == "Erfan" and erfan["title"] == "Kepala" and int(erfan["mentions"]) >= 4
    rise = next(f for f in figures if f["doc_id"] == erfan["doc_id"] and f["text"] == "12%")
    assert (rise["speaker"], rise["speaker_title"]) == ("Erfan Kurniawan", "Kepala")
    holder = next(c for c in claims if c["claim_id"] == rise["claim_id"])
    assert holder["official_id"] == erfan["official_id"] and holder["type"] == "direct"
    assert int(holder["n_figures"]) == 2  # "Rp5 triliun" and "12%"
    panji = next(o for o in officials if o["name"] == "Panji Wibisana")
    assert "Panji Wibisono" in panji["aliases"].split(";")


def test_values_are_written_without_scientific_notation(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Utang itu mencapai Rp 8.000 triliun, naik 0,0001 persen.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    values = [f["value"] for f in _read(tmp_path / "out" / "figures.csv")]
    assert values == ["8000000000000000", "0.0001"]


def test_bad_files_are_reported_and_the_rest_processed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "003_3d7efd971b6dcfca.txt", folder / "good.txt")
    (folder / "latin1.txt").write_bytes("Harga naik 5 persen di Bogor ÿ".encode("latin-1"))
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    documents = {d["doc_id"]: d for d in _read(tmp_path / "out" / "documents.csv")}
    assert documents["good"]["status"] == "ok"
    assert documents["latin1"]["status"] == "error" and "not UTF-8" in documents["latin1"]["error"]
    assert "latin1.txt" in documents["latin1"]["error"]
    assert documents["empty"]["error"].endswith("empty file")
    assert "binary file" in documents["binary"]["error"]
    assert "latin1.txt" in result.output and "binary.txt" in result.output
    assert any(f["doc_id"] == "good" for f in _read(tmp_path / "out" / "figures.csv"))


def test_folder_without_txt_is_named(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.md").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["run", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nothing: folder has no .txt, .jsonl or .csv files" in result.output


def test_folder_without_txt_beside_good_input_still_processes_it(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = runner.invoke(
        app, ["run", str(empty), str(ROOT / "data" / "raw" / "004_52730dcfe8f4761e.txt"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "folder has no .txt, .jsonl or .csv files" in result.output
    assert [d["doc_id"] for d in _read(tmp_path / "o" / "documents.csv")] == ["004_52730dcfe8f4761e"]


def test_evaluate_prints_scores_writes_json_and_gates(tmp_path):
    gold, raw = TESTS / "gold" / "seed", ROOT / "data" / "raw"
    report_path = tmp_path / "report.json"
    result = runner.invoke(
        app,
        ["evaluate", str(gold), "--raw", str(raw), "--json", str(report_path), "--min-f1", "figures=0.97,dates=0.93"],
    )
    assert result.exit_code == 0, result.output
    assert "figures" in result.output and "dates" in result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["figures"]["f1"] >= 0.97
    # A gold file with a figure the article does not support: the figures gate fails and says so.
    strict_gold = tmp_path / "gold"
    strict_gold.mkdir()
    gold_doc = json.loads((gold / "003_3d7efd971b6dcfca.json").read_text(encoding="utf-8"))
    gold_doc["figures"].append(
        {"text": "25%", "kind": "percent", "value": 99, "unit": "%", "qualifier": None, "change": None, "period": None}
    )
    (strict_gold / "003_3d7efd971b6dcfca.json").write_text(json.dumps(gold_doc), encoding="utf-8")
    failing = runner.invoke(app, ["evaluate", str(strict_gold), "--raw", str(raw), "--min-f1", "figures=0.99"])
    assert failing.exit_code == 1
    assert "figures" in failing.output and "below" in failing.output


def test_evaluate_names_a_missing_raw_article(tmp_path):
    result = runner.invoke(app, ["evaluate", str(TESTS / "gold" / "seed"), "--raw", str(tmp_path)])
    assert result.exit_code == 2
    assert "000_4c8e5eb7a63ecd9f.txt" in result.output


def test_an_evaluation_that_would_prove_nothing_is_an_error(tmp_path):
    """No gold files, or a threshold on a field with nothing to score: exit 2 naming the problem, never a pass."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["evaluate", str(empty), "--raw", str(ARTICLES), "--min-f1", "figures=0.9"])
    assert result.exit_code == 2 and "no gold files" in result.output and "documents: 0" not in result.output
    # One gold article without dates, quantities or officials: a threshold on them has nothing to score.
    gold = tmp_path / "gold"
    gold.mkdir()
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt").write_text("Harga cabai naik 5 persen.", encoding="utf-8")
    figure = {"text": "5 persen", "kind": "percent", "value": 5, "unit": "%", "change": "up"}
    document = {"doc_id": "x", "figures": [figure], "dates": [], "officials": [], "claims": []}
    (gold / "x.json").write_text(json.dumps(document), encoding="utf-8")
    for metric in ("dates=0.5", "figures.quantity=0.5", "officials.title=0.5"):
        result = runner.invoke(app, ["evaluate", str(gold), "--raw", str(raw), "--min-f1", f"figures=0.9,{metric}"])
        assert result.exit_code == 2, (metric, result.output)
        assert f"threshold {metric.split('=')[0]}=0.5: nothing to score" in result.output
    assert runner.invoke(app, ["evaluate", str(gold), "--raw", str(raw), "--min-f1", "figures=0.9"]).exit_code == 0
    wrong = runner.invoke(app, ["evaluate", str(gold), "--raw", str(empty)])
    assert wrong.exit_code == 2 and "x.txt" in wrong.output


def test_evaluate_errors_are_readable_per_document(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt").write_text("Harga cabai naik 5 persen dan beras 3 persen pada 2024.", encoding="utf-8")
    figures = [
        {"text": "5 persen", "kind": "percent", "value": 5, "unit": "%", "change": "down"},
        {"text": "7", "kind": "count", "value": 7},
    ]
    dates = [{"text": "2024", "value": "2024"}]
    document = {"doc_id": "x", "figures": figures, "dates": dates, "officials": [], "claims": []}
    (gold / "x.json").write_text(json.dumps(document), encoding="utf-8")
    report_path = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", str(gold), "--raw", str(raw), "--errors", "--json", str(report_path)])
    assert result.exit_code == 0, result.output
    listing = result.output.split("attribute accuracy", 1)[1]
    assert "\nx\n" in listing
    assert 'figures   missed    count 7 "7"' in listing
    assert 'figures   spurious  percent 3 "3 persen"' in listing
    assert "figures   change    \"5 persen\": expected 'down', found 'up'" in listing
    assert "0 of 1 documents without errors" in listing and "{" not in listing
    assert json.loads(report_path.read_text(encoding="utf-8"))["errors"]["x"]["figures"]["missing"][0]["value"] == 7


def test_notebook_api_returns_the_same_tables_as_dataframes(tmp_path):
    import extract

    frames = extract.extract_paths(str(ROOT / "data" / "raw"))
    assert set(frames) == set(TABLES)
    result = runner.invoke(app, ["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path), "-w", "1"])
    assert result.exit_code == 0, result.output
    for name, frame in frames.items():
        path = tmp_path / TABLES[name].file_name("csv")
        with (
            gzip.open(path, "rt", encoding="utf-8", newline="")
            if path.suffix == ".gz"
            else path.open(encoding="utf-8", newline="") as stream
        ):
            reader = csv.DictReader(stream)
            written = list(reader)
        assert list(frame.columns) == reader.fieldnames and len(frame) == len(written), name
    assert frames["texts"]["text"].tolist() == [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    figures = frames["figures"]
    rise = figures[(figures["text"] == "12%")].iloc[0]
    assert rise["value"] == 12.0 and rise["speaker"] == "Erfan Kurniawan" and rise["change"] == "up"
    assert figures["value"].dtype == "float64"


# --------------------------------------------------------------------------
# What users of such a tool expect (spaCy, sqlite-utils, csvkit conventions)


def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.output.startswith("idnews-extract ")
    short = runner.invoke(app, ["-h"])
    assert short.exit_code == 0 and "run" in short.output and "query" in short.output
    assert runner.invoke(app, ["run", "-h"]).exit_code == 0


def test_run_requires_out_and_refuses_an_output_folder_inside_the_input(tmp_path):
    missing = runner.invoke(app, ["run", str(ARTICLES)])
    assert missing.exit_code == 2 and "--out" in missing.output
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    inside = runner.invoke(app, ["run", str(articles), "--out", str(articles / "tables")])
    assert inside.exit_code == 2 and "inside the input folder" in inside.output
    assert not (articles / "tables").exists()
    same = runner.invoke(app, ["run", str(articles), "--out", str(articles)])
    assert same.exit_code == 2 and not (articles / "documents.csv").exists()


def test_limit_and_the_summary_of_rows_per_table(tmp_path):
    result = runner.invoke(app, ["run", str(ARTICLES), "--out", str(tmp_path), "--limit", "2", "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "2 of 2 articles extracted" in result.output
    line = result.output.split("rows: ", 1)[1].splitlines()[0]
    rows = dict(item.split() for item in line.split(", "))
    for name, count in rows.items():
        path = tmp_path / TABLES[name].file_name("csv")
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as stream:
            assert len(list(csv.DictReader(stream))) == int(count.replace(",", "")), name
    assert set(rows) == set(TABLES) and rows["documents"] == "2"


def test_standard_input_as_json_lines_or_one_text(tmp_path):
    lines = "".join(
        json.dumps({"id": f"a{n}", "text": f"Anggaran desa naik {n + 2} persen pada 2024."}) + "\n" for n in range(3)
    )
    result = runner.invoke(app, ["run", "-", "--out", str(tmp_path / "jsonl"), "-w", "1"], input=lines)
    assert result.exit_code == 0, result.output
    assert [d["doc_id"] for d in _read(tmp_path / "jsonl" / "documents.csv")] == ["a0", "a1", "a2"]
    text = "Harga cabai naik 10 persen, kata Kepala Dinas Perdagangan Budi Santosa."
    one = runner.invoke(app, ["run", "-", "--out", str(tmp_path / "text"), "-w", "1"], input=text)
    assert one.exit_code == 0, one.output
    assert [f["text"] for f in _read(tmp_path / "text" / "figures.csv")] == ["10 persen"]
    assert _read(tmp_path / "text" / "documents.csv")[0]["doc_id"] == "stdin"


def test_a_missing_text_field_names_the_fields_there_are(tmp_path):
    source = tmp_path / "scrape.jsonl"
    source.write_text(json.dumps({"id": "x", "judul": "J", "isi": "Harga naik 5 persen."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no 'text' field (fields: 'id', 'judul', 'isi'; choose the text field with --text-field)" in result.output
    table = tmp_path / "scrape.csv"
    table.write_text("id,isi\nx,Harga naik 5 persen.\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(table), "--out", str(tmp_path / "out2")])
    assert "no 'text' column in the header (columns: 'id', 'isi'; choose the text column with --text-field)" in (
        result.output
    )
    fixed = runner.invoke(app, ["run", str(table), "--out", str(tmp_path / "out3"), "--text-field", "isi"])
    assert fixed.exit_code == 0, fixed.output


def test_progress_counts_csv_records_not_lines(tmp_path):
    from extract.io.readers import count_articles

    table = tmp_path / "export.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "text"])
        for n in range(7):
            writer.writerow([f"r{n}", "Paragraf satu.\n\nParagraf dua,\nbaris tiga.\n" * (n + 1)])
    assert count_articles([table]) == 7


def test_an_unfinished_run_is_kept_unless_overwrite(tmp_path):
    from extract.batch import STORE_NAME, WorkStore

    out = tmp_path / "out"
    store = WorkStore(out, resume=False)
    store.add([("earlier", "ok", None, {name: [] for name in TABLES})])
    store.close()
    kept = runner.invoke(app, ["run", str(ARTICLES), "--out", str(out), "-w", "1"])
    assert kept.exit_code == 2
    assert "unfinished run (1 articles done)" in kept.output and "--resume" in kept.output
    assert "--overwrite" in kept.output and (out / STORE_NAME).exists()
    fresh = runner.invoke(app, ["run", str(ARTICLES), "--out", str(out), "-w", "1", "--overwrite"])
    assert fresh.exit_code == 0, fresh.output
    assert "earlier" not in {d["doc_id"] for d in _read(out / "documents.csv")}


def _python_m_extract(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("EXTRACT_PATTERNS", None)
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def test_patterns_folder_is_chosen_explicitly(tmp_path):
    """--patterns (or EXTRACT_PATTERNS) chooses the pattern files; a patterns/ folder in the working folder that
    differs from the one used is named; a malformed entry stops the run naming file and line."""
    edited = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", edited)
    article = tmp_path / "a.txt"
    article.write_text("Dana yang disalurkan mencapai Rp5 triliun.", encoding="utf-8")
    same = _python_m_extract("run", str(article), "--out", str(tmp_path / "same"), "-w", "1", cwd=tmp_path)
    assert same.returncode == 0 and "not ./patterns" not in same.stderr, same.stderr  # an unedited copy: no note
    magnitudes = edited / "lexicons" / "magnitudes.tsv"
    lines = magnitudes.read_text(encoding="utf-8").splitlines()
    lines = [("triliun\t1e9\tlower\tboth" if line.startswith("triliun\t") else line) for line in lines]
    magnitudes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = _python_m_extract("run", str(article), "--out", str(tmp_path / "plain"), "-w", "1", cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert "not ./patterns" in plain.stderr and "--patterns patterns" in plain.stderr
    assert _read(tmp_path / "plain" / "figures.csv")[0]["value"] == "5000000000000"
    chosen = _python_m_extract("run", str(article), "--out", str(tmp_path / "edited"), "--patterns", str(edited))
    assert chosen.returncode == 0, chosen.stderr
    assert _read(tmp_path / "edited" / "figures.csv")[0]["value"] == "5000000000"
    (edited / "lexicons" / "currencies.tsv").write_text("Rp\tIDR\tsomewhere\n", encoding="utf-8")
    broken = _python_m_extract("run", str(article), "--out", str(tmp_path / "broken"), "--patterns", str(edited))
    assert broken.returncode == 2 and "currencies.tsv:1" in broken.stderr


@pytest.mark.slow
def test_ctrl_c_saves_the_finished_articles_and_says_how_to_continue(tmp_path):
    source = tmp_path / "long.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    with source.open("w", encoding="utf-8") as stream:
        for n in range(400):
            stream.write(json.dumps({"id": f"a{n:04d}", "text": texts[n % len(texts)]}) + "\n")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "extract", "run", str(source), "--out", str(out), "-w", "2"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = out / ".extract-run.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=1) as db:
                    if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 32:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    saved = int(re.search(r"interrupted: (\d+) articles are saved", stderr).group(1))
    assert 32 <= saved < 400 and "--resume" in stderr and "Traceback" not in stderr
    resumed = runner.invoke(app, ["run", str(source), "--out", str(out), "-w", "1", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert f"({saved} from the interrupted run)" in resumed.output
    assert len(_read(out / "documents.csv")) == 400


@pytest.mark.slow
def test_commands_that_do_not_extract_never_import_spacy(tmp_path):
    """bench/startup.py times --help, --version, stats and query (timings are for bench/); what a test can hold is
    the reason they are quick: none of them imports spaCy."""
    report = tmp_path / "startup.json"
    command = [sys.executable, str(ROOT / "bench" / "startup.py"), "--repeat", "1", "--json", str(report)]
    subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    results = json.loads(report.read_text(encoding="utf-8"))
    assert set(results) == {"--help", "--version", "stats", "query"}
    assert not any(row["imports_spacy"] for row in results.values()), results
