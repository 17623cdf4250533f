"""Querying a written dataset with DuckDB: the tables as views (Parquet where present, else CSV), SQL in, rows out,
and a short summary of a dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extract.io.datapackage import field_type
from extract.io.writers import COLUMNS

_DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE"}


def connect(data_dir: Path) -> Any:
    """An in-memory DuckDB connection with one view per table of the dataset in data_dir."""
    import duckdb

    if not data_dir.is_dir():
        raise FileNotFoundError(f"{data_dir}: no such folder (run `extract run ... --out {data_dir}` first)")
    connection = duckdb.connect()
    found = False
    for table, columns in COLUMNS.items():
        parquet, csv = data_dir / f"{table}.parquet", data_dir / f"{table}.csv"
        if parquet.is_file():
            source = f"read_parquet('{_quoted(parquet)}')"
        elif csv.is_file():
            types = ", ".join(f"'{c}': '{_DUCKDB_TYPES[field_type(table, c)]}'" for c in columns)
            source = f"read_csv('{_quoted(csv)}', header=true, auto_detect=false, columns={{{types}}})"
        else:
            continue
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        found = True
    if not found:
        raise FileNotFoundError(f"{data_dir}: no tables (documents.csv, figures.csv, ...) in this folder")
    return connection


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def query(sql: str, data_dir: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of a SQL query over the dataset."""
    connection = connect(data_dir)
    try:
        result = connection.execute(sql)
        columns = [description[0] for description in result.description or []]
        return columns, result.fetchall()
    finally:
        connection.close()


def stats(data_dir: Path, top: int = 10) -> str:
    """A plain-text summary: documents, figures by kind, top speakers, date range."""
    connection = connect(data_dir)
    try:
        lines = []
        ok, failed = connection.execute(
            "SELECT count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status != 'ok') FROM documents"
        ).fetchone()
        lines.append(f"documents: {ok + failed} ({ok} ok, {failed} failed)")
        first, last = connection.execute(
            "SELECT min(reference_date), max(reference_date) FROM documents WHERE reference_date IS NOT NULL"
        ).fetchone()
        lines.append(f"reference dates: {first or '-'} to {last or '-'}")
        mentioned = connection.execute(
            "SELECT min(left(value, 10)), max(right(value, 10)) FROM dates WHERE value IS NOT NULL"
        ).fetchone()
        lines.append(f"dates mentioned: {mentioned[0] or '-'} to {mentioned[1] or '-'}")
        for (count,) in connection.execute("SELECT count(*) FROM figures").fetchall():
            lines.append(f"figures: {count}")
        for kind, count in connection.execute(
            "SELECT kind, count(*) FROM figures GROUP BY kind ORDER BY count(*) DESC, kind"
        ).fetchall():
            lines.append(f"  {kind:9} {count}")
        (officials,) = connection.execute("SELECT count(*) FROM officials").fetchone()
        (claims,) = connection.execute("SELECT count(*) FROM claims").fetchone()
        lines.append(f"officials: {officials}   claims: {claims}")
        lines.append("top speakers (claims, figures claimed):")
        for speaker, n_claims, n_figures in connection.execute(
            "SELECT speaker, count(*), sum(n_figures) FROM claims GROUP BY speaker ORDER BY 2 DESC, 1 LIMIT ?", [top]
        ).fetchall():
            lines.append(f"  {speaker}: {n_claims}, {n_figures}")
        return "\n".join(lines)
    finally:
        connection.close()
