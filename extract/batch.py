"""Batch extraction: many articles, all cores or a Dask cluster, output written as it goes, nothing lost.

Each finished article's rows go into a work store (SQLite, beside the output) as soon as they arrive, so memory does
not grow with the corpus and an interrupted run can resume. When every article is done, the tables are written from
the store in doc_id order (the same bytes whatever the number of workers) and put in place as one set
(extract/io/dataset.py): a run stopped at any moment never leaves a dataset that looks complete and is not.

One run at a time writes to an output folder (a lock); Ctrl-C and SIGTERM save what is finished and say how to
continue; worker processes end with their parent, however it ends; a run resumes only with the patterns it started
with.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from extract.io import dataset
from extract.io.readers import STDIN, Fields, Item, count_articles, input_files, read_articles
from extract.io.tables import ARTICLE_TABLES, COLUMNS

CHUNK_SIZE = 32  # articles per task sent to a worker
STORE_NAME = ".extract-run.sqlite"
STORE_FORMAT = "3"  # the work store's layout: a store of another layout cannot be resumed
WORKER_WAIT = 60.0  # seconds to wait for the first Dask worker
# Seconds one article may take. A news article takes milliseconds and the longest accepted (2,000,000 characters)
# about ten seconds; beyond this something pathological is going on, and the article becomes an error row (status
# timeout) while the batch goes on.
TIME_BUDGET = 60.0

# One processed article: (doc_id, status, error, {table: [[cell, ...], ...]}).
Processed = tuple[str, str, str | None, dict[str, list[list[str]]]]
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


class RunError(RuntimeError):
    """A run that cannot start or go on; the message says why and what to do."""


class UnfinishedRunError(RunError):
    """The output folder holds the work of a run that did not finish, and neither --resume nor --overwrite was
    given: it is kept."""


class RunInterruptedError(RunError):
    """Ctrl-C or SIGTERM: the articles finished so far are saved in the work store."""

    def __init__(self, saved: int, out_dir: Path, how: str = "interrupted") -> None:
        super().__init__(
            f"{how}: {saved} articles are saved in {out_dir / STORE_NAME}; run the same command with --resume to "
            "continue"
        )
        self.saved = saved


# --------------------------------------------------------------------------
# Processing a chunk (in a worker, or in-process)


def process(items: list[Item], budget: float = TIME_BUDGET, patterns: str | None = None) -> list[Processed]:
    """Runs the pipeline over a chunk of articles and returns their table rows. `budget` is each article's time
    budget in seconds (0: none); `patterns` the fingerprint of the patterns the run uses, which this process must
    have."""
    from extract.extraction import extract_articles
    from extract.io.writers import cells, rows
    from extract.pipeline import default_pipeline

    nlp = default_pipeline()
    if patterns is not None and nlp.meta.get("patterns_fingerprint") != patterns:
        raise RunError(
            f"this worker's patterns ({nlp.meta.get('patterns_fingerprint')}) are not the run's ({patterns}): "
            "restart the workers so that they load the run's patterns"
        )
    processed: list[Processed] = []
    for result in extract_articles(items, nlp, budget or None):
        tables = {name: [cells(row, COLUMNS[name]) for row in table] for name, table in rows(result).items()}
        processed.append((result.doc_id, result.status, result.error, tables))
    return processed


def _end_with_parent(parent: int) -> None:
    """Linux: this process is killed when its parent dies, however the parent ends (even kill -9)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _start_worker(parent: int) -> None:
    """Builds the pipeline once per worker process, before its first chunk. Ctrl-C and SIGTERM are the parent's to
    handle (it saves what is finished and stops the workers); the worker ends if the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _end_with_parent(parent)
    _warm_worker()


def _warm_worker() -> None:
    """Builds the pipeline of this process (once)."""
    from extract.pipeline import default_pipeline

    default_pipeline()


# --------------------------------------------------------------------------
# The work store


def _stored_articles(path: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


class WorkStore:
    """The rows of finished articles, kept in SQLite beside the output until the tables are written, with what the
    run was started with (the patterns' fingerprint, the store's layout), so that a resumed run never mixes rows
    made by other patterns."""

    def __init__(self, out_dir: Path, resume: bool, overwrite: bool = False, patterns: str = "") -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / STORE_NAME
        if self.path.exists() and not resume:
            if not overwrite:
                raise UnfinishedRunError(
                    f"{out_dir} holds an unfinished run ({_stored_articles(self.path)} articles done): its work is "
                    "kept. Run the same command with --resume to continue it, or with --overwrite to start over"
                )
            self.remove_files()
        fresh = not self.path.exists()
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, value TEXT)")
        if fresh:
            with self.db:
                self.db.executemany("INSERT INTO run VALUES (?, ?)", [("format", STORE_FORMAT), ("patterns", patterns)])
        else:
            self._check_resumable(patterns)
        # One column of JSON rows per table, so writing a table reads only its own rows.
        columns = ", ".join(f"{name} TEXT" for name in ARTICLE_TABLES)
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS articles (doc_id TEXT PRIMARY KEY, status TEXT, error TEXT, {columns})"
        )
        self.db.commit()

    def _check_resumable(self, patterns: str) -> None:
        recorded = dict(self.db.execute("SELECT key, value FROM run").fetchall())
        if recorded.get("format") != STORE_FORMAT:
            self.db.close()
            raise RunError(
                f"{self.path}: the interrupted run was made by another version of extract and cannot be resumed; "
                "run with --overwrite to start over"
            )
        if patterns and recorded.get("patterns") != patterns:
            self.db.close()
            raise RunError(
                f"the patterns changed since the interrupted run (fingerprint {recorded.get('patterns')} then, "
                f"{patterns} now): resuming would mix rows made by two versions of the patterns. Restore the "
                "patterns, or run with --overwrite to start over"
            )

    def done(self) -> set[str]:
        return {doc_id for (doc_id,) in self.db.execute("SELECT doc_id FROM articles")}

    def add(self, processed: Iterable[Processed]) -> None:
        placeholders = ", ".join("?" * (3 + len(ARTICLE_TABLES)))
        with self.db:
            self.db.executemany(
                f"INSERT OR REPLACE INTO articles VALUES ({placeholders})",
                [
                    (doc_id, status, error, *(json.dumps(tables[name], ensure_ascii=False) for name in ARTICLE_TABLES))
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
            for name in ARTICLE_TABLES
        }

    def records(self, table: str) -> Iterator[dict[str, str]]:
        """One table's rows as {column: cell}."""
        columns = COLUMNS[table]
        for row in self.table_rows(table):
            yield dict(zip(columns, row, strict=True))

    def close(self) -> None:
        self.db.close()

    def remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def remove(self) -> None:
        self.close()
        self.remove_files()


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Holds the output folder for one run: a second run into it at the same time is refused, not left to corrupt
    the work store. The lock is on the folder itself, so nothing is left behind in it."""
    import fcntl

    out_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunError(f"{out_dir}: another run is writing to this folder; wait for it to end") from None
        yield
    finally:
        os.close(descriptor)  # releases the lock


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


class DatasetRows:
    """Every table's rows for writing: the articles' from the work store (officials with their person), and the
    tables made from the whole dataset."""

    def __init__(self, store: WorkStore, person_of: dict[str, str], derived: dict[str, list[list[str]]]) -> None:
        self.store, self.person_of, self.derived = store, person_of, derived

    def __call__(self, table: str) -> Iterator[list[str]]:
        if table in self.derived:
            yield from self.derived[table]
            return
        if table != "officials":
            yield from self.store.table_rows(table)
            return
        index = COLUMNS["officials"].index("person_id")
        official = COLUMNS["officials"].index("official_id")
        for row in self.store.table_rows("officials"):
            row[index] = self.person_of.get(row[official], "")
            yield row


def people_rows(store: WorkStore) -> DatasetRows:
    """People across articles (extract/people.py), from the officials, documents and claims in the work store."""
    from extract import people
    from extract.io.writers import cells

    mentions = people.mentions_from_tables(
        store.records("officials"), store.records("documents"), store.records("claims")
    )
    persons, links = people.link(mentions, people.LinkingRules.load())
    person_of = {mention.official_id: person.person_id for person in persons for mention in person.members}
    derived = {
        "people": [cells(people.person_row(person), COLUMNS["people"]) for person in persons],
        "person_links": [cells(row, COLUMNS["person_links"]) for row in people.link_rows(links, person_of)],
    }
    return DatasetRows(store, person_of, derived)


# --------------------------------------------------------------------------
# Engines


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork starts workers with the modules already imported; elsewhere (or under a debugger) spawn is the safe choice.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else "spawn")


def _run_local(chunks: Iterator[list[Item]], workers: int, on_done: OnDone, budget: float) -> None:
    if workers <= 1:
        for chunk in chunks:
            on_done(process(chunk, budget))
        return
    context = _pool_context()
    if context.get_start_method() == "fork":
        # Built once here, the pipeline is inherited by every forked worker instead of built again in each; frozen
        # out of the garbage collector's reach, its pages stay shared rather than copied into each worker.
        _warm_worker()
        gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        pending: deque[Future[list[Processed]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(process, chunk, budget))
            # A bounded number of chunks in flight: memory stays flat however long the input.
            while len(pending) >= workers * 2:
                on_done(pending.popleft().result())
        while pending:
            on_done(pending.popleft().result())
    finally:
        # On Ctrl-C or SIGTERM: the chunks not started are dropped, the running ones end, the workers exit.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _patterns_plugin(files: dict[str, bytes], fingerprint: str) -> Any:
    """A Dask worker plugin that puts the run's pattern files on every worker, present and future, and points the
    worker at them, so that the workers extract with the client's patterns (an edited copy included)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ShipPatterns(WorkerPlugin):
        name = f"extract-patterns-{fingerprint}"

        def setup(self, worker: Any) -> None:
            folder = Path(tempfile.gettempdir()) / f"extract-patterns-{fingerprint}"
            for name, content in files.items():
                path = folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            os.environ["EXTRACT_PATTERNS"] = str(folder)

    return ShipPatterns()


def _run_dask(
    chunks: Iterator[list[Item]], scheduler: str, on_done: OnDone, budget: float, wait: float = WORKER_WAIT
) -> None:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RunError("--engine dask needs Dask: pip install 'idnews-extract[dask]'") from None
    from extract import patterns

    files = patterns.pattern_files()
    fingerprint = patterns.fingerprint(files)
    try:
        client = Client(scheduler, timeout=min(wait, 30))
    except (OSError, TimeoutError) as error:
        raise RunError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=wait)
        except TimeoutError:
            raise RunError(
                f"no Dask worker joined the scheduler at {scheduler} within {wait:g} s: start workers with "
                f"`dask worker {scheduler}`"
            ) from None
        client.register_plugin(_patterns_plugin(files, fingerprint))
        window = max(2 * sum(client.nthreads().values()), 2)
        futures = as_completed()
        in_flight = 0
        for chunk in chunks:
            futures.add(client.submit(process, chunk, budget, fingerprint, pure=False))
            in_flight += 1
            if in_flight >= window:
                on_done(next(futures).result())
                in_flight -= 1
        for future in futures:
            on_done(future.result())
    except RunError:
        raise
    except Exception as error:  # a lost scheduler or worker: the finished articles are saved
        raise RunError(
            f"the Dask cluster at {scheduler} failed ({type(error).__name__}: {error}); the finished articles are "
            "saved: run the same command with --resume to continue"
        ) from None
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=5)


# --------------------------------------------------------------------------
# Progress


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
            self.bar = None


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is."""


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (systemd, Docker, Kubernetes, SLURM) stops a run as Ctrl-C does: what is finished is saved."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --------------------------------------------------------------------------
# A run


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
    budget: float = TIME_BUDGET,
    worker_wait: float = WORKER_WAIT,
) -> RunSummary:
    """Extracts every article under `paths` (the first `limit` of them, if given) into the tables in `out_dir`
    (see the module docstring); `budget` is each article's time budget in seconds. Raises ValueError for an
    output folder inside an input folder, and RunError when the run cannot start or go on: another run writing to
    out_dir, an unfinished run there without `resume` or `overwrite`, changed patterns on resume, an unreachable
    cluster, Ctrl-C or SIGTERM (RunInterruptedError, once the finished articles are saved)."""
    from extract import patterns

    started = time.monotonic()
    check_output_folder(paths, out_dir)
    files, problems = input_files(paths)
    summary = RunSummary(problems=problems)
    if not files:
        return summary
    with output_lock(out_dir):
        dataset.remove_leftovers(out_dir)
        fingerprint = patterns.fingerprint()
        store = WorkStore(out_dir, resume, overwrite, fingerprint)
        done = store.done() if resume else set()
        summary.resumed = len(done)
        total = count_articles(files, fields or Fields())
        if total is not None:
            total = max((total if limit is None else min(total, limit)) - len(done), 0)
        progress = Progress(total, quiet)
        articles: Iterable[Item] = read_articles(files, fields or Fields())
        if limit is not None:
            articles = islice(articles, limit)
        items = (item for item in articles if item.doc_id not in done)

        def on_done(processed: list[Processed]) -> None:
            store.add(processed)
            progress.advance(len(processed))

        try:
            with _sigterm_as_interrupt():
                if engine == "dask":
                    _run_dask(_chunks(items, CHUNK_SIZE), scheduler or "127.0.0.1:8786", on_done, budget, worker_wait)
                else:
                    _run_local(_chunks(items, CHUNK_SIZE), workers or os.cpu_count() or 1, on_done, budget)
        except KeyboardInterrupt as stop:
            progress.close()
            saved = len(store.done())
            store.close()
            how = "stopped by SIGTERM" if isinstance(stop, _Terminated) else "interrupted"
            raise RunInterruptedError(saved, out_dir, how) from None
        except BaseException:
            store.close()
            raise
        finally:
            progress.close()
        summary.rows = store.row_counts()
        counts = dict(store.db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status").fetchall())
        summary.ok = counts.get("ok", 0)
        summary.failed = sum(n for status, n in counts.items() if status != "ok")
        summary.total = summary.ok + summary.failed
        summary.errors = store.errors()
        from extract import __version__

        provenance = {"extract": {"version": __version__, "patterns": fingerprint}}
        table_rows = people_rows(store)
        summary.rows.update({name: len(rows) for name, rows in table_rows.derived.items()})
        summary.tables = dataset.write(out_dir, table_rows, formats, spreadsheet_safety, provenance)
        store.remove()
    summary.seconds = time.monotonic() - started
    return summary
