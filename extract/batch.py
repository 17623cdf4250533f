"""Batch extraction: many articles, all cores or a Dask cluster, output written as it goes, nothing lost.

Each finished article's rows go into a work store (SQLite, beside the output) as soon as they arrive, so memory does
not grow with the corpus and an interrupted run can resume. When every article is done, the tables are written from
the store in doc_id order (the same bytes whatever the number of workers) to temporary files renamed into place:
an interrupted run never leaves a half-written table that looks complete.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from extract.io import datapackage
from extract.io.readers import STDIN, Article, Fields, ReadError, count_articles, input_files, read_articles
from extract.io.tables import COLUMNS, TABLES
from extract.io.writers import cells, spreadsheet_safe, write_csv, write_parquet

CHUNK_SIZE = 32  # articles per task sent to a worker
STORE_NAME = ".extract-run.sqlite"
log = logging.getLogger("extract")

# One processed article: (doc_id, status, error, {table: [[cell, ...], ...]}).
Processed = tuple[str, str, str | None, dict[str, list[list[str]]]]
Chunks = Iterator[list[Article | ReadError]]
OnDone = Callable[[list[Processed]], None]


@dataclass
class RunSummary:
    """How a run went: counts, the failures (file, line or row, reason), time."""

    total: int = 0
    ok: int = 0
    failed: int = 0
    resumed: int = 0  # already done by an interrupted run
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    tables: dict[str, Path] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    problems: list[str] = field(default_factory=list)  # input paths that gave no articles

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or self.problems else 0


def process(items: list[Article | ReadError]) -> list[Processed]:
    """Runs the pipeline over a chunk of articles (in a worker, or in-process) and returns their table rows."""
    from extract.extraction import extract_articles
    from extract.io.writers import rows

    processed: list[Processed] = []
    for result in extract_articles(items):
        tables = {name: [cells(row, COLUMNS[name]) for row in table] for name, table in rows(result).items()}
        processed.append((result.doc_id, result.status, result.error, tables))
    return processed


def _start_worker() -> None:
    """Builds the pipeline once per worker process, before its first chunk. Ctrl-C is the parent's to handle: it
    saves what is finished and stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm_worker()


def _warm_worker() -> None:
    """Builds the pipeline of this process (once)."""
    from extract.pipeline import default_pipeline

    default_pipeline()


class UnfinishedRunError(RuntimeError):
    """The output folder holds the work of a run that did not finish, and neither --resume nor --overwrite was
    given: it is kept."""


class RunInterruptedError(RuntimeError):
    """Ctrl-C (or SIGTERM): the articles finished so far are saved in the work store."""

    def __init__(self, saved: int, out_dir: Path) -> None:
        super().__init__(
            f"interrupted: {saved} articles are saved in {out_dir / STORE_NAME}; run the same command with "
            "--resume to continue"
        )
        self.saved = saved


def _stored_articles(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


class WorkStore:
    """The rows of finished articles, kept in SQLite beside the output until the tables are written."""

    def __init__(self, out_dir: Path, resume: bool, overwrite: bool = False) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / STORE_NAME
        if self.path.exists() and not resume:
            if not overwrite:
                raise UnfinishedRunError(
                    f"{out_dir} holds an unfinished run ({_stored_articles(self.path)} articles done): its work is "
                    "kept. Run the same command with --resume to continue it, or with --overwrite to start over"
                )
            self.remove_files()
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # One column of JSON rows per table, so writing a table reads only its own rows.
        columns = ", ".join(f"{name} TEXT" for name in COLUMNS)
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, status TEXT, error TEXT, {columns})"
        )
        self.db.commit()

    def done(self) -> set[str]:
        return {doc_id for (doc_id,) in self.db.execute("SELECT doc_id FROM articles")}

    def add(self, processed: Iterable[Processed]) -> None:
        placeholders = ", ".join("?" * (3 + len(COLUMNS)))
        with self.db:
            self.db.executemany(
                f"INSERT OR REPLACE INTO articles VALUES ({placeholders})",
                [
                    (doc_id, status, error, *(json.dumps(tables[name], ensure_ascii=False) for name in COLUMNS))
                    for doc_id, status, error, tables in processed
                ],
            )

    def errors(self) -> list[str]:
        return [
            error for (error,) in self.db.execute("SELECT error FROM articles WHERE status != 'ok' ORDER BY doc_id")
        ]

    def table_rows(self, table: str) -> Iterator[list[str]]:
        """One table's rows in doc_id order, streamed from the store."""
        for (payload,) in self.db.execute(f"SELECT {table} FROM articles ORDER BY doc_id"):
            yield from json.loads(payload)

    def row_counts(self) -> dict[str, int]:
        return {
            name: sum(len(json.loads(payload)) for (payload,) in self.db.execute(f"SELECT {name} FROM articles"))
            for name in COLUMNS
        }

    def export(self, out_dir: Path, formats: tuple[str, ...] = ("csv",), safe: bool = True) -> dict[str, Path]:
        """Every table in every format, rows in doc_id order, each file renamed into place when complete, and
        datapackage.json describing them."""
        written: dict[str, Path] = {}
        for name, table in TABLES.items():
            if "csv" in formats:
                rows = self.table_rows(name)
                if safe:
                    rows = spreadsheet_safe(name, rows)
                path = written[table.file_name("csv")] = out_dir / table.file_name("csv")
                write_csv(path, table.names, rows, compress=table.verbatim)
            if "parquet" in formats:
                path = written[table.file_name("parquet")] = out_dir / table.file_name("parquet")
                write_parquet(path, name, self.table_rows(name))
        written["datapackage.json"] = datapackage.write(out_dir, formats)
        return written

    def close(self) -> None:
        self.db.close()

    def remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def remove(self) -> None:
        self.close()
        self.remove_files()


def check_output_folder(paths: Iterable[Path], out_dir: Path) -> None:
    """Refuses an output folder inside (or equal to) an input folder: the next run would read its tables as
    articles."""
    out = out_dir.resolve()
    for path in paths:
        if path == STDIN or not path.is_dir():
            continue
        folder = path.resolve()
        if out == folder or folder in out.parents:
            raise ValueError(f"--out {out_dir} is inside the input folder {path}: choose an output folder outside it")


def _chunks(items: Iterable[Article | ReadError], size: int) -> Iterator[list[Article | ReadError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork starts workers with the modules already imported; elsewhere (or under a debugger) spawn is the safe choice.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else "spawn")


def _run_local(
    chunks: Iterator[list[Article | ReadError]], workers: int, on_done: Callable[[list[Processed]], None]
) -> None:
    if workers <= 1:
        for chunk in chunks:
            on_done(process(chunk))
        return
    context = _pool_context()
    if context.get_start_method() == "fork":
        # Built once here, the pipeline is inherited by every forked worker instead of built again in each; frozen
        # out of the garbage collector's reach, its pages stay shared rather than copied into each worker.
        _warm_worker()
        gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
            pending: deque[Future[list[Processed]]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(process, chunk))
                # A bounded number of chunks in flight: memory stays flat however long the input.
                while len(pending) >= workers * 2:
                    on_done(pending.popleft().result())
            while pending:
                on_done(pending.popleft().result())
    finally:
        gc.unfreeze()


def _run_dask(
    chunks: Iterator[list[Article | ReadError]], scheduler: str, on_done: Callable[[list[Processed]], None]
) -> None:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RuntimeError("--engine dask needs Dask: pip install 'idnews-extract[dask]'") from None

    with Client(scheduler) as client:
        window = max(2 * sum(client.nthreads().values()), 2)
        futures = as_completed()
        in_flight = 0
        for chunk in chunks:
            futures.add(client.submit(process, chunk, pure=False))
            in_flight += 1
            if in_flight >= window:
                on_done(next(futures).result())
                in_flight -= 1
        for future in futures:
            on_done(future.result())


class Progress:
    """A rich progress bar with docs/s and time left on a terminal; plain log lines otherwise; nothing when quiet."""

    def __init__(self, total: int | None, quiet: bool) -> None:
        self.total, self.quiet, self.count, self.started = total, quiet, 0, time.monotonic()
        self.bar: Any = None
        self.last_line = self.started
        if not quiet and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(
                TextColumn("extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s"),
                TimeRemainingColumn(),
                transient=False,
            )
            self.task = self.bar.add_task("extract", total=total, rate="-")
            self.bar.start()

    def advance(self, n: int) -> None:
        self.count += n
        now = time.monotonic()
        rate = self.count / max(now - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, advance=n, rate=f"{rate:.0f}")
        elif self.total is None:
            if not self.quiet and now - self.last_line >= 10:
                print(f"{self.count} articles, {rate:.0f} docs/s", file=sys.stderr)
                self.last_line = now
        elif not self.quiet and (now - self.last_line >= 10 or self.count >= self.total):
            left = (self.total - self.count) / rate if rate else 0
            print(f"{self.count}/{self.total} articles, {rate:.0f} docs/s, {left:.0f} s left", file=sys.stderr)
            self.last_line = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run(
    paths: list[Path],
    out_dir: Path,
    *,
    workers: int | None = None,
    resume: bool = False,
    quiet: bool = True,
    fields: Fields | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    formats: tuple[str, ...] = ("csv",),
    spreadsheet_safety: bool = True,
    limit: int | None = None,
    overwrite: bool = False,
) -> RunSummary:
    """Extracts every article under `paths` (the first `limit` of them, if given) into the tables in `out_dir`
    (see the module docstring). Raises ValueError for an output folder inside an input folder,
    UnfinishedRunError when out_dir holds an unfinished run and neither `resume` nor `overwrite` is set, and
    RunInterruptedError on Ctrl-C, once the finished articles are saved."""
    started = time.monotonic()
    check_output_folder(paths, out_dir)
    files, problems = input_files(paths)
    summary = RunSummary(problems=problems)
    if not files:
        return summary
    store = WorkStore(out_dir, resume, overwrite)
    done = store.done() if resume else set()
    summary.resumed = len(done)
    total = count_articles(files, fields or Fields())
    if total is not None:
        total = max((total if limit is None else min(total, limit)) - len(done), 0)
    progress = Progress(total, quiet)
    articles: Iterable[Article | ReadError] = read_articles(files, fields or Fields())
    if limit is not None:
        articles = islice(articles, limit)
    items = (item for item in articles if item.doc_id not in done)

    def on_done(processed: list[Processed]) -> None:
        store.add(processed)
        progress.advance(len(processed))

    try:
        if engine == "dask":
            _run_dask(_chunks(items, CHUNK_SIZE), scheduler or "127.0.0.1:8786", on_done)
        else:
            _run_local(_chunks(items, CHUNK_SIZE), workers or os.cpu_count() or 1, on_done)
    except KeyboardInterrupt:
        saved = len(store.done())
        store.close()
        raise RunInterruptedError(saved, out_dir) from None
    finally:
        progress.close()
    summary.rows = store.row_counts()
    rows = store.db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall()
    counts = dict(rows)
    summary.ok = counts.get("ok", 0)
    summary.failed = sum(n for status, n in counts.items() if status != "ok")
    summary.total = summary.ok + summary.failed
    summary.errors = store.errors()
    summary.tables = store.export(out_dir, formats, spreadsheet_safety)
    store.remove()
    summary.seconds = time.monotonic() - started
    return summary
