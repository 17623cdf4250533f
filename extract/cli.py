"""The command line: every command a thin wrapper over a library function.

Exit status: 0 all good; 1 some articles failed (or, for evaluate, a threshold was missed); 2 bad usage; 130
interrupted (the finished work is kept). Only the commands that extract import spaCy.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured facts out of Indonesian news: figures, dates, officials and claims.",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

_SHOWN_ERRORS = 20
_PATTERNS_HELP = "Folder of pattern files to use instead of the ones shipped with the package (also: EXTRACT_PATTERNS)."
PatternsOption = Annotated[
    Path | None, typer.Option("--patterns", help=_PATTERNS_HELP, file_okay=False, show_default=False)
]
DataOption = Annotated[Path, typer.Option("--data", "-d", help="Folder of the dataset's tables.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from extract import __version__

        typer.echo(f"idnews-extract {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Structured facts out of Indonesian news: figures, dates, officials and claims."""


def _use_patterns(folder: Path | None, verbose: bool = False, quiet: bool = False) -> None:
    """Points every loader (and every worker process, which inherits the environment) at the patterns to use,
    and checks them all before any work starts. The patterns are --patterns, else $EXTRACT_PATTERNS, else the
    package's own; a patterns/ folder here that differs from the one used is named, so an edit there is not lost."""
    from extract.patterns import PatternError, fingerprint, pattern_files, patterns_dir, validate_all

    if folder is not None:
        if not folder.is_dir():
            raise _fail(f"--patterns {folder}: no such folder")
        os.environ["EXTRACT_PATTERNS"] = str(folder.resolve())
    try:
        validate_all()
        used = patterns_dir().resolve()
    except PatternError as error:
        raise _fail(str(error)) from None
    here = Path("patterns")
    if (
        not quiet
        and (here / "lexicons").is_dir()
        and here.resolve() != used
        and fingerprint(pattern_files(here)) != fingerprint()  # a copy with the same files changes nothing
    ):
        typer.echo(f"note: using the patterns in {used}, not ./patterns (to use those: --patterns patterns)", err=True)
    if verbose:
        typer.echo(f"patterns: {used}", err=True)


@app.command()
def run(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Articles: .txt files, .jsonl or .csv exports (also .gz), folders of them, or - for standard input "
            "(JSON Lines, or one text).",
            show_default=False,
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables (required).", show_default=False)],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Processes to use (default: all cores).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Extract only the first N articles (a trial run).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run over the same --out.")] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Discard the work of an unfinished run in --out and start over.")
    ] = False,
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL/CSV field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL/CSV field holding the article id.")] = "id",
    engine: Annotated[str, typer.Option("--engine", help="local (processes) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="Tables as csv, parquet or both (a datapackage.json describes them).")
    ] = "csv",
    spreadsheet_safe: Annotated[
        bool,
        typer.Option(
            "--spreadsheet-safe/--no-spreadsheet-safe",
            help="In CSV, prefix text cells starting with = + - @ with an apostrophe so spreadsheets do not run them.",
        ),
    ] = True,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0, help="Seconds one article may take before it becomes an error row (0: no limit)."
        ),
    ] = 60.0,
    patterns: PatternsOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print every failure and the patterns used.")
    ] = False,
) -> None:
    """Extract figures, dates, officials and claims from articles into the tables of a dataset in --out."""
    from extract.batch import RunError, RunInterruptedError
    from extract.batch import run as run_batch
    from extract.io.readers import Fields

    if engine not in ("local", "dask"):
        raise _fail(f"--engine must be local or dask, not {engine!r}")
    formats = {"csv": ("csv",), "parquet": ("parquet",), "both": ("csv", "parquet")}.get(output_format)
    if formats is None:
        raise _fail(f"--format must be csv, parquet or both, not {output_format!r}")
    if engine == "dask" and not scheduler:
        raise _fail("--engine dask needs --scheduler ADDRESS")
    if resume and overwrite:
        raise _fail("--resume and --overwrite exclude each other")
    _use_patterns(patterns, verbose, quiet)
    try:
        summary = run_batch(
            paths,
            out,
            workers=workers,
            resume=resume,
            overwrite=overwrite,
            limit=limit,
            quiet=quiet,
            fields=Fields(id=id_field, text=text_field),
            engine=engine,
            scheduler=scheduler,
            formats=formats,
            spreadsheet_safety=spreadsheet_safe,
            budget=timeout,
        )
    except RunInterruptedError as error:
        raise _fail(str(error), 130) from None
    except (RunError, ValueError) as error:
        raise _fail(str(error)) from None
    except OSError as error:  # an output folder that cannot be written
        raise _fail(f"{error.filename or out}: {error.strerror or error}") from None
    for problem in summary.problems:
        typer.echo(f"warning: {problem}", err=True)
    if not summary.tables:
        raise _fail("no articles to read in " + ", ".join(str(p) for p in paths))
    shown = summary.errors if verbose else summary.errors[:_SHOWN_ERRORS]
    for message in shown:
        typer.echo(f"error: {message}", err=True)
    if len(summary.errors) > len(shown):
        typer.echo(f"... and {len(summary.errors) - len(shown)} more failures: see documents.csv (or -v)", err=True)
    if not quiet:
        resumed = f" ({summary.resumed} from the interrupted run)" if summary.resumed else ""
        typer.echo(
            f"{summary.ok} of {summary.total} articles extracted{resumed}, {summary.failed} failed, "
            f"in {summary.seconds:.1f} s -> {out}"
        )
        typer.echo("rows: " + ", ".join(f"{name} {count:,}" for name, count in summary.rows.items()))
    raise typer.Exit(summary.exit_code)


@app.command()
def evaluate(
    gold_dirs: Annotated[
        list[Path],
        typer.Argument(help="Folders of gold <doc_id>.json files (several are scored together).", show_default=False),
    ],
    raw: Annotated[
        list[Path],
        typer.Option(
            "--raw", help="Folder of the raw <doc_id>.txt articles: once per gold folder.", show_default=False
        ),
    ],
    people: Annotated[
        Path | None,
        typer.Option(
            "--people", help="A people.json: also score how officials are joined into persons across articles."
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full report, errors included, here.")
    ] = None,
    min_f1: Annotated[
        str | None, typer.Option("--min-f1", help='Thresholds, e.g. "figures=0.97,dates=0.93,figures.unit=0.9".')
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="Also list, per document, every missed and spurious item.")
    ] = False,
    patterns: PatternsOption = None,
) -> None:
    """Score the pipeline against gold annotations (the rules at the end of docs/ANNOTATION.md)."""
    import json

    from extract.evaluate import EvaluationError, check_thresholds, evaluate_directories, format_errors, format_report

    if len(raw) != len(gold_dirs):
        raise _fail(f"give one --raw folder per gold folder ({len(gold_dirs)} gold, {len(raw)} --raw)")
    for folder in gold_dirs:
        if not folder.is_dir():
            raise _fail(f"{folder}: not a folder")
    for folder in raw:
        if not folder.is_dir():
            raise _fail(f"--raw {folder}: not a folder")
    if people is not None and not people.is_file():
        raise _fail(f"--people {people}: no such file")
    _use_patterns(patterns)
    try:
        report = evaluate_directories(list(zip(gold_dirs, raw, strict=True)), people=people)
        failures = check_thresholds(report, min_f1) if min_f1 else []
    except (EvaluationError, FileNotFoundError, ValueError) as error:
        raise _fail(str(error)) from None
    typer.echo(format_report(report))
    if errors:
        typer.echo("")
        typer.echo(format_errors(report))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    for failure in failures:
        typer.echo(f"FAIL: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def query(
    sql: Annotated[
        str,
        typer.Argument(
            help="SQL over the views documents, figures, dates, officials, claims, texts.", show_default=False
        ),
    ],
    data: DataOption = Path("data/processed"),
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=0, help="Print at most N rows (a note says when rows were cut).")
    ] = None,
    full_access: Annotated[
        bool,
        typer.Option(
            "--full-access",
            help="Let the SQL read and write any file, attach databases and run several statements (for your own "
            "shell, never behind a web page). Without it, only one SELECT over the dataset's tables runs.",
        ),
    ] = False,
) -> None:
    """Run SQL (DuckDB) over a dataset written by `extract run` (Parquet where present, else CSV); read-only."""
    import csv
    import json

    from extract.query import QueryRefusedError, cell, json_value, text_table
    from extract.query import query as run_query

    if output_format not in ("table", "csv", "json"):
        raise _fail(f"--format must be table, csv or json, not {output_format!r}")
    try:
        columns, rows, cut = run_query(sql, data, limit, full_access)
    except (FileNotFoundError, QueryRefusedError) as error:
        raise _fail(str(error)) from None
    except Exception as error:  # DuckDB's parser and binder errors name the problem in the query
        raise _fail(f"{type(error).__name__}: {error}") from None
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(value) for value in row] for row in rows)
    elif output_format == "json":
        records = [{name: json_value(value) for name, value in zip(columns, row, strict=True)} for row in rows]
        typer.echo(json.dumps(records, ensure_ascii=False))
    else:
        typer.echo(text_table(columns, rows))
    if cut:
        typer.echo(f"(first {limit} rows shown; the query has more: raise --limit)", err=True)


@app.command()
def stats(data: DataOption = Path("data/processed")) -> None:
    """Summarise a dataset: documents, figures by kind, top speakers, date range."""
    from extract.query import stats as summarise

    try:
        typer.echo(summarise(data))
    except FileNotFoundError as error:
        raise _fail(str(error)) from None


def _page_name(doc_id: str) -> str:
    return re.sub(r"[^\w.-]+", "_", doc_id).strip("._-") or "article"


@app.command()
def show(
    article: Annotated[
        str, typer.Argument(help="A doc_id of the dataset in --data, or a .txt article file.", show_default=False)
    ],
    data: DataOption = Path("data/processed"),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="HTML file to write (default: <doc_id>.html here).")
    ] = None,
    patterns: PatternsOption = None,
) -> None:
    """Write one article as an HTML page: every extracted span highlighted and labelled, its rows below."""
    from extract.show import show_doc, show_file

    page: Any
    try:
        if article.endswith(".txt") and Path(article).is_file():
            _use_patterns(patterns)
            doc_id, page = show_file(Path(article))
        else:
            doc_id, page = article, show_doc(article, data)
    except (FileNotFoundError, KeyError, ValueError) as error:
        raise _fail(error.args[0] if error.args else str(error)) from None
    target = out or Path(f"{_page_name(doc_id)}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    typer.echo(str(target))
