"""The command line as a user runs it: output tables, bad input, exit codes, evaluation gates."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from extract.cli import app

from .conftest import ROOT, TESTS

runner = CliRunner()


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


def test_notebook_api_returns_the_same_tables_as_dataframes(tmp_path):
    import extract

    frames = extract.extract_paths(str(ROOT / "data" / "raw"))
    assert set(frames) == {"documents", "figures", "dates", "officials", "claims"}
    result = runner.invoke(app, ["run", str(ROOT / "data" / "raw"), "--out", str(tmp_path), "-w", "1"])
    assert result.exit_code == 0, result.output
    for name, frame in frames.items():
        written = _read(tmp_path / f"{name}.csv")
        assert list(frame.columns) == list(written[0]) and len(frame) == len(written), name
    figures = frames["figures"]
    rise = figures[(figures["text"] == "12%")].iloc[0]
    assert rise["value"] == 12.0 and rise["speaker"] == "Erfan Kurniawan" and rise["change"] == "up"
    assert figures["value"].dtype == "float64"
