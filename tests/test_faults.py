"""Hostile input and faults, as an operator meets them: no article can stall or crash a batch, no stop leaves a dataset
that looks complete and is not, and SQL over a dataset cannot write or read beyond it."""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from typer.testing import CliRunner

from extract.batch import STORE_NAME, RunError, WorkStore, output_lock, run
from extract.cli import app
from extract.extraction import extract_articles
from extract.io import dataset
from extract.io.readers import MAX_CHARS, MAX_TXT_BYTES, Article, read_articles, read_csv
from extract.io.tables import TABLES
from extract.pipeline import MAX_CHUNK, build_pipeline

from .conftest import ROOT

runner = CliRunner()
SEED = ROOT / "data" / "raw" / "001_3fe6a5d460e3c548.txt"
SENTENCE = "Anggaran desa naik 5 persen menjadi Rp 2,5 miliar pada 2024. "


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _documents(out: Path) -> dict[str, dict[str, str]]:
    return {row["doc_id"]: row for row in _rows(out / "documents.csv")}


# --------------------------------------------------------------------------
# An article can never stop the batch


def test_every_article_the_reader_accepts_is_extracted(nlp):
    """spaCy's max_length (1,000,000) is below the readers' limit (2,000,000): an article in between is processed."""
    long_text = SENTENCE * (1_100_000 // len(SENTENCE))
    assert 1_000_000 < len(long_text) <= MAX_CHARS
    (result,) = extract_articles([Article("long", long_text, "t")], nlp)
    assert result.status == "ok" and len(result.figures) > 10_000


@pytest.mark.parametrize("junk", ["-", "Rp", "“", "=", "a.", "#x"])
def test_runs_without_whitespace_are_one_token_and_the_text_stays_whole(nlp, junk):
    """Separator lines, base64 images, minified scripts: a whitespace-free chunk longer than MAX_CHUNK is one token
    (spaCy's affix rules are quadratic on it), and the Doc still holds the text exactly."""
    chunk = junk * (100_000 // len(junk))
    text = f"Harga naik 5 persen. {chunk} Lalu turun 3 persen.\n\n{chunk[: MAX_CHUNK + 1]}\nSelesai 2 persen."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc if len(t.text) > MAX_CHUNK] == [chunk, chunk[: MAX_CHUNK + 1]]
    (result,) = extract_articles([Article("junk", text, "t")], nlp)
    assert [f.text for f in result.figures] == ["5 persen", "3 persen", "2 persen"]


def test_chunks_up_to_the_limit_are_tokenised_as_before(nlp):
    prefix = "Laporan(2024)Selanjutnya:naik-5%,"
    text = prefix + "x" * (MAX_CHUNK - len(prefix))
    assert len(text) == MAX_CHUNK
    tokens = [t.text for t in nlp.make_doc(text)]
    by_the_rules = [t.text for t in Tokenizer.__call__(nlp.tokenizer, text)]  # spaCy's own, no long-chunk handling
    assert tokens == by_the_rules and len(tokens) > 5 and "".join(tokens) == text


@Language.component("test_slow_on_lambat")
def _slow_on_lambat(doc):
    if "LAMBAT" in doc.text:
        time.sleep(5)
    return doc


def test_an_article_over_its_time_budget_is_an_error_row_and_the_batch_goes_on():
    nlp = build_pipeline()
    nlp.add_pipe("test_slow_on_lambat", last=True)
    articles = [
        Article(f"a{n}", text, "t", where=f"in.jsonl:{n + 1}")
        for n, text in enumerate([SENTENCE, "Teks LAMBAT sekali. " + SENTENCE, SENTENCE])
    ]
    started = time.monotonic()
    results = list(extract_articles(articles, nlp, budget=1.0))
    assert time.monotonic() - started < 4
    assert [r.status for r in results] == ["ok", "timeout", "ok"]
    assert results[1].error == "in.jsonl:2: not extracted within the time budget of 1 s"
    assert results[2].figures and not results[1].figures


def test_unreadable_folders_are_error_rows_and_the_rest_is_processed(tmp_path, monkeypatch):
    """(Simulated: the tests may run as root, whom permissions do not stop.)"""
    good = tmp_path / "in" / "good"
    closed = tmp_path / "in" / "closed"
    good.mkdir(parents=True)
    closed.mkdir()
    (good / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (closed / "b.txt").write_text(SENTENCE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = run([tmp_path / "in"], tmp_path / "out", workers=1)
    documents = _documents(tmp_path / "out")
    assert documents["a"]["status"] == "ok"
    assert documents[str(closed)]["status"] == "error"
    assert documents[str(closed)]["error"] == f"{closed}: cannot read the folder: Permission denied"
    assert summary.exit_code == 1 and "b" not in documents


def test_a_csv_quote_that_is_never_closed_swallows_no_row(tmp_path):
    table = tmp_path / "export.csv"
    table.write_text(
        'id,text\nr1,"Harga naik 5 persen.\nr2,Inflasi 3 persen.\nr3,"Gaji naik 8 persen, kata Budi."\n'
        'r4,"Dua baris:\nnaik 2 persen."\nr5,Tanpa kutip 4 persen.\n',
        encoding="utf-8",
    )
    items = list(read_csv(table))
    assert [item.doc_id for item in items] == ["export-1", "r2", "r3", "r4", "r5"]
    assert items[0].error.startswith(f"{table}: row 1 (line 2): ")
    assert items[3].text == "Dua baris:\nnaik 2 persen."
    assert items[4].where == f"{table}: row 5 (line 7)"


def test_inputs_larger_than_an_article_are_refused_before_they_are_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # sparse: three gigabytes that take no disk and must never be read
    long_line = tmp_path / "long.jsonl"
    with long_line.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "ok1", "text": SENTENCE}) + "\n")
        stream.write('{"id": "big", "text": "' + "a" * (12 * MAX_CHARS + 10) + '"}\n')
        stream.write(json.dumps({"id": "ok2", "text": SENTENCE}) + "\n")
    items = list(read_articles([huge, long_line]))
    assert items[0].error == f"{huge}: 3,221,225,472 bytes, more than one article can hold (not read)"
    assert [item.doc_id for item in items[1:]] == ["ok1", "long-2", "ok2"]
    assert "line of more than" in items[2].error and MAX_TXT_BYTES < 3 * 1024**3


def test_utf16_is_read_or_named(tmp_path):
    with_mark = tmp_path / "bom.txt"
    with_mark.write_bytes(codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"))
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(("\ufeff" + json.dumps({"id": "j", "text": SENTENCE}) + "\n").encode("utf-16"))
    without = tmp_path / "nomark.txt"
    without.write_bytes(SENTENCE.encode("utf-16-le"))
    first, second, third = read_articles([with_mark, jsonl, without])
    assert first.text == SENTENCE and second.text == SENTENCE
    assert (
        third.error
        == f"{without}: UTF-16 text without a byte-order mark, not UTF-8: convert it to UTF-8 (or add the mark)"
    )


def test_a_duplicate_id_names_the_file_and_line_of_both(tmp_path):
    source = tmp_path / "scrape.jsonl"
    lines = [{"id": "x", "source": "outlet.id", "text": SENTENCE}, {"id": "x", "source": "outlet.id", "text": SENTENCE}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    _, duplicate = read_articles([source])
    assert duplicate.error == f"{source}:2: duplicate doc_id 'x' (first read at {source}:1)"


# --------------------------------------------------------------------------
# No fault leaves a dataset that looks complete and is not


def test_a_stop_while_the_tables_are_put_in_place_leaves_no_complete_looking_set(tmp_path, monkeypatch):
    out = tmp_path / "out"
    run([SEED], out, workers=1)
    renamed = []
    real_replace = os.replace

    def replace_then_die(source, target):
        renamed.append(target)
        if len(renamed) == 3:
            raise KeyboardInterrupt  # killed half way through putting the new set in place
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        run([ROOT / "data" / "raw"], out, workers=1, overwrite=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert (out / "documents.csv").exists() and not (out / "datapackage.json").exists()
    for command in (["stats", "-d", str(out)], ["query", "SELECT 1", "-d", str(out)], ["show", "x", "-d", str(out)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and "incomplete set of tables" in result.output, command
    assert not list(out.glob(".*.part"))


def test_the_set_of_tables_changes_as_a_whole(tmp_path):
    out = tmp_path / "out"
    run([SEED], out, workers=1, formats=("csv", "parquet"))
    assert (out / "figures.parquet").exists()
    run([SEED], out, workers=1, formats=("csv",))
    assert not list(out.glob("*.parquet"))  # no table of the old set stays beside the new one
    (out / "figures.csv").write_text("doc_id\n", encoding="utf-8")  # a table from elsewhere
    result = runner.invoke(app, ["query", "SELECT count(*) FROM figures", "-d", str(out)])
    assert result.exit_code == 2 and "figures.csv: not the file datapackage.json describes" in result.output


def test_a_second_run_into_the_same_folder_is_refused_and_leftovers_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".figures.csv.123.abcd.part"
    leftover.write_text("half a table", encoding="utf-8")
    with output_lock(out), pytest.raises(RunError, match="another run is writing to this folder"):
        run([SEED], out, workers=1)
    run([SEED], out, workers=1)
    assert not leftover.exists() and (out / "datapackage.json").exists()


def test_resume_refuses_patterns_that_changed(tmp_path):
    out = tmp_path / "out"
    store = WorkStore(out, resume=False, patterns="0123456789abcdef")
    store.close()
    with pytest.raises(RunError, match="the patterns changed since the interrupted run"):
        run([SEED], out, workers=1, resume=True)
    result = runner.invoke(app, ["run", str(SEED), "--out", str(out), "--resume"])
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert (out / STORE_NAME).exists()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] != "Z"


def _started_run(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    source = tmp_path / "long.jsonl"
    text = SEED.read_text(encoding="utf-8")
    with source.open("w", encoding="utf-8") as stream:
        for n in range(3000):
            stream.write(json.dumps({"id": f"a{n:05d}", "text": text}) + "\n")
    command = [sys.executable, "-m", "extract", "run", str(source), "--out", str(tmp_path / "out"), "-w", "2"]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True)
    store = tmp_path / "out" / STORE_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=1) as db:
                    if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 64:
                        break
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    workers = _children(process.pid)
    assert len(workers) >= 2, "the workers were not found"
    return process, workers


def _gone(pids: list[int], within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_is_handled_like_ctrl_c_and_the_workers_end(tmp_path):
    process, workers = _started_run(tmp_path)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "stopped by SIGTERM:" in stderr and "--resume" in stderr and "Traceback" not in stderr
    assert _gone(workers)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    process, workers = _started_run(tmp_path)
    process.kill()
    process.wait()
    assert _gone(workers), "worker processes outlived a killed parent"


# --------------------------------------------------------------------------
# Dask: the client's patterns on every worker; no worker, no scheduler: a message, not a hang


@pytest.fixture()
def edited_patterns(tmp_path) -> Path:
    import shutil

    folder = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", folder)
    magnitudes = folder / "lexicons" / "magnitudes.tsv"
    lines = magnitudes.read_text(encoding="utf-8").splitlines()
    magnitudes.write_text(
        "\n".join("triliun\t1e9\tlower\tboth" if line.startswith("triliun\t") else line for line in lines) + "\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
def test_dask_workers_extract_with_the_clients_patterns(tmp_path, edited_patterns, monkeypatch):
    from dask import distributed

    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Dana yang disalurkan mencapai Rp5 triliun.", encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv(
            "EXTRACT_PATTERNS", str(edited_patterns)
        )  # the client's choice, made after the workers started
        summary = run([article.parent], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address)
    assert summary.ok == 1
    assert _rows(tmp_path / "out" / "figures.csv")[0]["value"] == "5000000000"


@pytest.mark.slow
def test_dask_without_workers_or_scheduler_ends_with_a_message(tmp_path):
    from dask import distributed

    with distributed.LocalCluster(n_workers=0, dashboard_address=None) as cluster:
        started = time.monotonic()
        with pytest.raises(RunError, match="no Dask worker joined the scheduler"):
            run([SEED], tmp_path / "a", engine="dask", scheduler=cluster.scheduler_address, worker_wait=2)
        assert time.monotonic() - started < 30
    with pytest.raises(RunError, match="cannot reach the Dask scheduler"):
        run([SEED], tmp_path / "b", engine="dask", scheduler="tcp://127.0.0.1:9", worker_wait=2)


# --------------------------------------------------------------------------
# A dataset that can be served


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("served")
    source = out.parent / f"{out.name}-in.jsonl"
    record = {"id": "-neg", "source": str(ROOT / "README.md"), "text": SEED.read_text(encoding="utf-8")}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run([source], out, workers=1)
    return out


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_csv('{dataset}/datapackage.json')",
        "COPY (SELECT 1) TO '{dataset}/figures.csv'",
        "COPY figures TO '/tmp/stolen.csv'",
        "DROP VIEW figures",
        "CREATE TABLE t AS SELECT 1",
        "ATTACH '/tmp/other.duckdb'",
        "SET enable_external_access = true",
        "SELECT 1; SELECT 2",
        "INSTALL httpfs",
    ],
)
def test_query_is_read_only_by_default(served, sql):
    before = (served / "figures.csv").read_bytes()
    result = runner.invoke(app, ["query", sql.format(dataset=served), "-d", str(served)])
    assert result.exit_code == 2, result.output
    assert (served / "figures.csv").read_bytes() == before and not Path("/tmp/stolen.csv").exists()


def test_full_access_is_explicit(served, tmp_path):
    target = tmp_path / "copy.csv"
    result = runner.invoke(
        app, ["query", f"COPY (SELECT figure_id FROM figures) TO '{target}'", "-d", str(served), "--full-access"]
    )
    assert result.exit_code == 0, result.output and target.exists()


def test_ids_round_trip_and_show_reads_only_what_the_dataset_owns(served, tmp_path):
    found = runner.invoke(app, ["query", "SELECT count(*) AS n FROM figures WHERE doc_id = '-neg'", "-d", str(served)])
    assert found.exit_code == 0 and found.stdout.splitlines()[2].strip() != "0"
    page = tmp_path / "p.html"
    shown = runner.invoke(app, ["show", "-d", str(served), "-o", str(page), "--", "-neg"])
    assert shown.exit_code == 0, shown.output
    assert "## Quick start" not in page.read_text(encoding="utf-8")  # the source field names a file; it is not read
    assert set(TABLES) <= {name for name in dataset.table_files(served)}


@pytest.mark.slow
def test_the_pathological_input_benchmark_runs(tmp_path):
    """bench/pathological.py, on small sizes: every run measured (its timings are for bench/, not for a test)."""
    report = tmp_path / "p.json"
    command = [sys.executable, str(ROOT / "bench" / "pathological.py"), "--sizes", "500,1000", "--json", str(report)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    results = json.loads(report.read_text(encoding="utf-8"))
    assert set(results) == {"hyphens", "Rp", "curly quotes", "equals signs", "base64-like"}
    assert all(len(rows) == 2 and rows[0]["seconds"] > 0 for rows in results.values())
    assert "size x2, time x" in output
