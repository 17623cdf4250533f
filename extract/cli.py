"""The command line: every command a thin wrapper over a library function.

Exit status: 0 all good; 1 some articles failed (or, for evaluate, a threshold was missed); 2 bad usage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Structured facts out of Indonesian news.")

_SHOWN_ERRORS = 20


@app.command()
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Articles: .txt files, .jsonl or .csv exports (also .gz), or folders of them.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables.")] = Path("data/processed"),
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Processes to use (default: all cores).")
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run over the same --out.")] = False,
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Extract figures, dates, officials and claims into tables in --out."""
    from extract.batch import run as run_batch
    from extract.io.readers import Fields
    from extract.patterns import PatternError, validate_all

    if engine not in ("local", "dask"):
        typer.echo(f"error: --engine must be local or dask, not {engine!r}", err=True)
        raise typer.Exit(2)
    formats = {"csv": ("csv",), "parquet": ("parquet",), "both": ("csv", "parquet")}.get(output_format)
    if formats is None:
        typer.echo(f"error: --format must be csv, parquet or both, not {output_format!r}", err=True)
        raise typer.Exit(2)
    if engine == "dask" and not scheduler:
        typer.echo("error: --engine dask needs --scheduler ADDRESS", err=True)
        raise typer.Exit(2)
    try:
        validate_all()
    except PatternError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        summary = run_batch(
            paths,
            out,
            workers=workers,
            resume=resume,
            quiet=quiet,
            fields=Fields(id=id_field, text=text_field),
            engine=engine,
            scheduler=scheduler,
            formats=formats,
            spreadsheet_safety=spreadsheet_safe,
        )
    except (
        RuntimeError,
        OSError,
    ) as error:  # a cluster that cannot be reached, an output folder that cannot be written
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    for problem in summary.problems:
        typer.echo(f"warning: {problem}", err=True)
    if not summary.tables:
        typer.echo("error: no articles to read in " + ", ".join(str(p) for p in paths), err=True)
        raise typer.Exit(2)
    for error in summary.errors[:_SHOWN_ERRORS]:
        typer.echo(f"error: {error}", err=True)
    if len(summary.errors) > _SHOWN_ERRORS:
        typer.echo(f"... and {len(summary.errors) - _SHOWN_ERRORS} more failures: see documents.csv", err=True)
    if not quiet:
        resumed = f" ({summary.resumed} from the interrupted run)" if summary.resumed else ""
        typer.echo(
            f"{summary.ok} of {summary.total} articles extracted{resumed}, {summary.failed} failed, "
            f"in {summary.seconds:.1f} s -> {out}"
        )
    raise typer.Exit(summary.exit_code)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold <doc_id>.json files.")],
    raw: Annotated[Path, typer.Option("--raw", help="Folder of the raw <doc_id>.txt articles.")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full report as JSON here.")] = None,
    min_f1: Annotated[
        str | None, typer.Option("--min-f1", help='Thresholds, e.g. "figures=0.97,dates=0.93,figures.unit=0.9".')
    ] = None,
    errors: Annotated[bool, typer.Option("--errors", help="Also list every missed and spurious item.")] = False,
) -> None:
    """Score the pipeline against gold annotations (the rules at the end of ANNOTATION.md)."""
    from extract.evaluate import check_thresholds, evaluate_directories, format_report

    if not gold_dir.is_dir():
        typer.echo(f"error: {gold_dir}: not a folder", err=True)
        raise typer.Exit(2)
    try:
        report = evaluate_directories(gold_dir, raw)
    except (FileNotFoundError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(format_report(report))
    if errors:
        typer.echo(json.dumps(report["errors"], ensure_ascii=False, indent=1, default=str))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if min_f1:
        try:
            failures = check_thresholds(report, min_f1)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        for failure in failures:
            typer.echo(f"FAIL: {failure}", err=True)
        if failures:
            raise typer.Exit(1)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL over the views documents, figures, dates, officials, claims.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Folder of the tables.")] = Path("data/processed"),
    output_format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run SQL (DuckDB) over a dataset written by `extract run` (Parquet where present, else CSV)."""
    import csv
    import sys

    from extract.query import query as run_query

    if output_format not in ("table", "csv", "json"):
        typer.echo(f"error: --format must be table, csv or json, not {output_format!r}", err=True)
        raise typer.Exit(2)
    try:
        columns, rows = run_query(sql, data)
    except FileNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except Exception as error:  # DuckDB's parser and binder errors name the problem in the query
        typer.echo(f"error: {type(error).__name__}: {error}", err=True)
        raise typer.Exit(2) from None
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif output_format == "json":
        typer.echo(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, default=str))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if value is None else str(value) for value in row))
        Console().print(table)


@app.command()
def stats(
    data: Annotated[Path, typer.Option("--data", "-d", help="Folder of the tables.")] = Path("data/processed"),
) -> None:
    """Summarise a dataset: documents, figures by kind, top speakers, date range."""
    from extract.query import stats as summarise

    try:
        typer.echo(summarise(data))
    except FileNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="A doc_id of the dataset in --data, or a .txt article file.")],
    data: Annotated[Path, typer.Option("--data", "-d", help="Folder of the tables.")] = Path("data/processed"),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="HTML file to write (default: <doc_id>.html).")
    ] = None,
) -> None:
    """Write one article as an HTML page with every extracted span highlighted and its rows below."""
    from extract.show import show_doc, show_file

    try:
        if Path(article).is_file():
            doc_id, html_page = show_file(Path(article))
        else:
            doc_id, html_page = article, show_doc(article, data)
    except (FileNotFoundError, KeyError, ValueError) as error:
        typer.echo(f"error: {error.args[0] if error.args else error}", err=True)
        raise typer.Exit(2) from None
    target = out or Path(f"{doc_id}.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html_page, encoding="utf-8")
    typer.echo(str(target))
