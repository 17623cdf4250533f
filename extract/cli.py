"""The command line: every command a thin wrapper over a library function.

Exit status: 0 all good; 1 some articles failed (or, for evaluate, a threshold was missed); 2 bad usage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Structured facts out of Indonesian news.")


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help=".txt articles or folders of them (doc_id = file stem).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the CSV tables.")] = Path("data/processed"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Extract figures, dates, officials and claims from articles into CSV tables in --out."""
    from extract.extraction import extract_articles
    from extract.io.readers import read_articles, text_files
    from extract.io.writers import write_tables
    from extract.patterns import PatternError

    files, problems = text_files(paths)
    for problem in problems:
        typer.echo(f"warning: {problem}", err=True)
    if not files:
        typer.echo("error: no .txt articles to read in " + ", ".join(str(p) for p in paths), err=True)
        raise typer.Exit(2)
    try:
        results = list(extract_articles(read_articles(files)))
    except PatternError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    write_tables(results, out)
    failures = [r for r in results if r.status != "ok"]
    for failure in failures:
        typer.echo(f"error: {failure.error}", err=True)
    if not quiet:
        tables = ("figures", "dates", "officials", "claims")
        counts = {name: sum(len(getattr(r, name)) for r in results) for name in tables}
        typer.echo(
            f"{len(results) - len(failures)} of {len(results)} articles extracted: "
            + ", ".join(f"{n} {name}" for name, n in counts.items())
            + f" -> {out}"
        )
    if failures or problems:
        raise typer.Exit(1)


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
