"""Batch runs as analysts use them: every input format, bad articles, all cores, interruption and resume, Dask."""

from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.batch import STORE_NAME, run
from extract.cli import app
from extract.io.readers import MAX_CHARS, Article, Fields

from .conftest import ROOT, TESTS

runner = CliRunner()
ARTICLES = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted((TESTS / "gold" / "dev" / "raw").glob("*.txt"))


def _records(copies: int = 1) -> list[dict]:
    records = []
    for copy in range(copies):
        for path in ARTICLES:
            records.append(
                {
                    "id": f"{path.stem}-{copy}",
                    "title": None,
                    "date": None,
                    "url": f"https://example.test/{path.stem}",
                    "source": "example.test",
                    "text": path.read_text(encoding="utf-8"),
                }
            )
    return records


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _write_csv(path: Path, records: list[dict], header: list[str] | None = None) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header or list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def _tables(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The tables of the seed and development articles as .txt files, one process."""
    folder = tmp_path_factory.mktemp("reference")
    summary = run([ROOT / "data" / "raw", TESTS / "gold" / "dev" / "raw"], folder / "out", workers=1)
    assert summary.failed == 0 and summary.ok == len(ARTICLES)
    return _tables(folder / "out")


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.jsonl.gz", "articles.csv", "articles.csv.gz"])
def test_each_format_gives_the_same_rows_as_txt_files(tmp_path, reference, name):
    records = [{**r, "id": r["id"][: -len("-0")]} for r in _records()]
    source = tmp_path / name
    (_write_csv if ".csv" in name else _write_jsonl)(source, records)
    summary = run([source], tmp_path / "out", workers=1)
    assert (summary.ok, summary.failed) == (len(ARTICLES), 0)
    produced = _tables(tmp_path / "out")
    for table in ("figures.csv", "dates.csv", "officials.csv", "claims.csv"):
        assert produced[table] == reference[table], table
    documents = _rows(tmp_path / "out" / "documents.csv")
    assert {d["source"] for d in documents} == {"example.test"}


def test_field_names_are_selectable(tmp_path):
    records = [{"uid": "a1", "body": "Anggaran naik 12 persen menjadi Rp 5 miliar."}]
    source = _write_jsonl(tmp_path / "renamed.jsonl", records)
    result = runner.invoke(
        app,
        ["run", str(source), "--out", str(tmp_path / "out"), "--text-field", "body", "--id-field", "uid", "-w", "1"],
    )
    assert result.exit_code == 0, result.output
    figures = _rows(tmp_path / "out" / "figures.csv")
    assert [(f["doc_id"], f["text"], f["value"]) for f in figures] == [
        ("a1", "12 persen", "12"),
        ("a1", "Rp 5 miliar", "5000000000"),
    ]
    assert run([source], tmp_path / "plain", workers=1, fields=Fields()).failed == 1  # no "text" field


def test_metadata_date_is_the_reference_date(tmp_path):
    records = [{"id": "d1", "date": "2024-11-12", "text": "Iuran naik tahun lalu dan akan turun tahun depan."}]
    run([_write_jsonl(tmp_path / "dated.jsonl", records)], tmp_path / "out", workers=1)
    dates = _rows(tmp_path / "out" / "dates.csv")
    assert [(d["text"], d["value"]) for d in dates] == [("tahun lalu", "2023"), ("tahun depan", "2025")]
    (document,) = _rows(tmp_path / "out" / "documents.csv")
    assert document["reference_date"] == "2024-11-12"


def test_bad_articles_are_reported_with_file_line_or_row_and_the_rest_processed(tmp_path):
    good = {"id": "good", "text": "Gaji pokok naik 8 persen tahun ini."}
    jsonl = tmp_path / "scrape.jsonl"
    with jsonl.open("wb") as stream:
        stream.write(json.dumps(good).encode() + b"\n")
        stream.write(b'{"id": "broken", "text": "kurang kurung kurawal"\n')  # line 2: not JSON
        stream.write(b'{"id": "latin", "text": "Harga naik 5 persen \xff"}\n')  # line 3: not UTF-8
        stream.write(json.dumps({"id": "empty", "text": "   "}).encode() + b"\n")  # line 4
        stream.write(json.dumps({"id": "huge", "text": "a " * (MAX_CHARS // 2 + 1)}).encode() + b"\n")  # line 5
        stream.write(json.dumps({"id": "nul", "text": "biner\x00\x01"}).encode() + b"\n")  # line 6
    table = tmp_path / "export.csv"
    table.write_text('id,title,text\nc1,Judul,"Inflasi 3 persen."\nc2,Judul tanpa teks\n', encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["run", str(jsonl), str(table), str(binary), "--out", str(tmp_path / "out"), "-w", "2"])
    assert result.exit_code == 1
    documents = {d["doc_id"]: d for d in _rows(tmp_path / "out" / "documents.csv")}
    assert documents["good"]["status"] == "ok" and documents["c1"]["status"] == "ok"
    expected = {
        "scrape-2": f"{jsonl}:2: not valid JSON",
        "scrape-3": f"{jsonl}:3: not UTF-8",
        "empty": f"{jsonl}:4: empty text",
        "huge": f"{jsonl}:5: {MAX_CHARS + 2:,} characters",
        "nul": f"{jsonl}:6: binary content",
        "export-2": f"{table}: row 2 (line 3): missing field(s) text",
        "image": f"{binary}: binary file",
    }
    for doc_id, message in expected.items():
        assert documents[doc_id]["status"] == "error", doc_id
        assert documents[doc_id]["error"].startswith(message), documents[doc_id]["error"]
        assert message.split(":")[0] in result.output
    assert "1 failed" not in result.output and "2 of 9 articles extracted, 7 failed" in result.output
    assert {f["doc_id"] for f in _rows(tmp_path / "out" / "figures.csv")} == {"good", "c1"}


def test_output_is_identical_whatever_the_number_of_workers(tmp_path):
    source = _write_jsonl(tmp_path / "many.jsonl", _records(copies=3))
    run([source], tmp_path / "one", workers=1)
    run([source], tmp_path / "two", workers=2)
    one, two = _tables(tmp_path / "one"), _tables(tmp_path / "two")
    assert one == two and len(one) == 7  # the five article tables, people and person_links
    again = tmp_path / "again"
    run([source], again, workers=2)
    assert _tables(again) == one  # deterministic: the same input, the same bytes


@pytest.mark.slow
def test_an_interrupted_run_resumes_without_redoing_or_duplicating(tmp_path):
    source = _write_jsonl(tmp_path / "long.jsonl", _records(copies=12))
    complete = tmp_path / "complete"
    run([source], complete, workers=1)
    out = tmp_path / "interrupted"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "extract", "run", str(source), "--out", str(out), "-w", "1", "-q"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    store = out / STORE_NAME
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=1) as db:
                    done = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                done = 0
            if done >= 64:
                break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 64 <= done < 12 * len(ARTICLES), "the run was not caught half way"
    assert not (out / "figures.csv").exists()  # no table that looks complete
    summary = run([source], out, workers=2, resume=True)
    assert summary.resumed >= 64 and summary.ok == 12 * len(ARTICLES)
    assert _tables(out) == _tables(complete)
    assert not store.exists()


@pytest.mark.slow
def test_dask_cluster_gives_the_same_rows(tmp_path, reference):
    from dask import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run(
            [ROOT / "data" / "raw", TESTS / "gold" / "dev" / "raw"],
            tmp_path / "out",
            engine="dask",
            scheduler=cluster.scheduler_address,
        )
    assert summary.ok == len(ARTICLES)
    assert _tables(tmp_path / "out") == reference


@pytest.mark.slow
def test_benchmark_script_reports_every_stage_and_ratio(tmp_path):
    """The README's benchmark command, on a small corpus: every stage measured, every ratio printed (its timings
    are for bench/, not for a test)."""
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()), encoding="utf-8")
    report = tmp_path / "bench.json"
    command = [sys.executable, str(ROOT / "bench" / "benchmark.py"), str(corpus), "--workers", "2"]
    command += ["--peer-limit", "2", "--peer-default-limit", "1", "--json", str(report)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    results = json.loads(report.read_text(encoding="utf-8"))
    assert set(results["results"]) == {
        "a_tokenizer",
        "a2_pipeline_tokenizer",
        "b_extract_1_worker",
        "c_extract_2_workers",
        "d_search_dates_id",
        "d_search_dates_default",
    }
    assert all(
        stage["docs"] > 0 and stage["seconds"] > 0 and stage["peak_mb"] > 0 for stage in results["results"].values()
    )
    assert results["results"]["b_extract_1_worker"]["docs"] == len(ARTICLES)
    for ratio in ("b/a", "c/b", "b/d (search_dates, languages=['id'])", "b/d (search_dates, default languages)"):
        assert results["ratios"][ratio] > 0
        assert f"{ratio} = " in output


def test_vocabulary_stops_growing_once_full(nlp, monkeypatch):
    """Past MAX_VOCABULARY words, the strings each batch adds are freed with it, and the results are the same."""
    import extract.extraction as extraction

    text = ARTICLES[0].read_text(encoding="utf-8")

    def novel(tag: str) -> list[Article]:
        # New names and numbers in every article, as fresh news brings them.
        return [
            Article(
                doc_id=f"{tag}{n}",
                text=f"{text}\nAnggaran Desa {tag.title()}{n} naik {n + 11},{n}7 persen.",
                source="t",
            )
            for n in range(3)
        ]

    monkeypatch.setattr(extraction, "MAX_VOCABULARY", 0)
    strings = len(nlp.vocab.strings)
    in_zones = list(extraction.extract_articles(novel("zone"), nlp))
    assert len(nlp.vocab.strings) == strings
    monkeypatch.setattr(extraction, "MAX_VOCABULARY", 10**9)
    kept = list(extraction.extract_articles(novel("zone"), nlp))
    assert len(nlp.vocab.strings) > strings
    assert in_zones == kept
    assert [f.value for result in kept for f in result.figures if f.text.endswith(",07 persen")] == [Decimal("11.07")]
