"""Querying a written dataset with DuckDB: the tables as views (Parquet where present, else CSV), SQL in, rows out,
and a short summary of a dataset. Imports no spaCy: reading a dataset is quick."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract.io import dataset
from extract.io.tables import TABLES, format_number

_DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE"}


class QueryRefusedError(ValueError):
    """SQL that a read-only query may not run."""


def table_sources(data_dir: Path) -> dict[str, Path]:
    """Each table of the complete dataset in data_dir, as the file to read (Parquet where present)."""
    return dataset.table_files(data_dir)


def _source(name: str, path: Path) -> str:
    quoted = str(path.resolve()).replace("'", "''")
    if path.name.endswith(".parquet"):
        return f"read_parquet('{quoted}')"
    types = ", ".join(f"'{c.name}': '{_DUCKDB_TYPES[c.type]}'" for c in TABLES[name].columns)
    return (
        f"read_csv('{quoted}', header=true, auto_detect=false, delim=',', quote='\"', escape='\"', columns={{{types}}})"
    )


def connect(data_dir: Path, full_access: bool = False) -> Any:
    """An in-memory DuckDB connection with one view per table of the dataset in data_dir. Unless `full_access`, it
    reads only the dataset's own table files, and its configuration is locked: SQL can neither read other files nor
    write any, attach databases or change settings."""
    import duckdb

    files = table_sources(data_dir)
    connection = duckdb.connect()
    if not full_access:
        allowed = ", ".join("'" + str(path.resolve()).replace("'", "''") + "'" for path in files.values())
        connection.execute(f"SET allowed_paths = [{allowed}]")
    for name, path in files.items():
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM {_source(name, path)}")
    if not full_access:
        connection.execute("SET enable_external_access = false")
        connection.execute("SET lock_configuration = true")
    return connection


def _check_read_only(connection: Any, sql: str) -> None:
    import duckdb

    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefusedError(f"{type(error).__name__}: {error}") from None
    if len(statements) != 1:
        raise QueryRefusedError(f"one statement at a time ({len(statements)} given); --full-access runs several")
    kind = str(statements[0].type).rsplit(".", 1)[-1]
    if kind != "SELECT":
        raise QueryRefusedError(
            f"only SELECT statements (and DESCRIBE, SHOW, SUMMARIZE) run on a dataset, not {kind}; "
            "--full-access lifts this for your own shell"
        )


def query(
    sql: str, data_dir: Path, limit: int | None = None, full_access: bool = False
) -> tuple[list[str], list[tuple[Any, ...]], bool]:
    """Column names and rows of a SQL query over the dataset, at most `limit` rows, and whether rows were left out.
    Read-only unless `full_access` (see connect): anything but one SELECT raises QueryRefusedError."""
    connection = connect(data_dir, full_access)
    try:
        if not full_access:
            _check_read_only(connection, sql)
        result = connection.execute(sql)
        columns = [description[0] for description in result.description or []]
        if limit is None:
            return columns, result.fetchall(), False
        rows = result.fetchmany(limit + 1)
        return columns, rows[:limit], len(rows) > limit
    finally:
        connection.close()


def cell(value: Any) -> str:
    """A value as the tables write it: numbers plain (no exponent, no ".0"), dates ISO, NULL empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | Decimal | int):
        return format_number(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def json_value(value: Any) -> Any:
    """A value for JSON output: whole floats as integers (1.41e18 -> 1410000000000000000), dates as ISO strings."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


_CELL_WIDTH = 60


def text_table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Rows as an aligned plain-text table (numbers right-aligned, long cells cut with "…", line breaks shown as
    "⏎"): linear in the number of rows."""
    shown = [[cell(value).replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎") for value in row] for row in rows]
    shown = [[text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…" for text in row] for row in shown]
    widths = [len(name) for name in columns]
    numeric = [True] * len(columns)
    for row in shown:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], len(text))
            if text and numeric[i] and not _looks_numeric(text):
                numeric[i] = False

    def line(cells: Sequence[str]) -> str:
        parts = [text.rjust(widths[i]) if numeric[i] else text.ljust(widths[i]) for i, text in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [line(list(columns)), "  ".join("-" * width for width in widths)]
    out.extend(line(row) for row in shown)
    return "\n".join(out)


def _looks_numeric(text: str) -> bool:
    return text.lstrip("-").replace(".", "", 1).isdigit()


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
        lines.append("top measures (figures):")
        for measure, count in connection.execute(
            "SELECT lower(measure), count(*) FROM figures WHERE measure IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 "
            "LIMIT ?",
            [top],
        ).fetchall():
            lines.append(f"  {measure}: {count}")
        (officials,) = connection.execute("SELECT count(*) FROM officials").fetchone()
        (claims,) = connection.execute("SELECT count(*) FROM claims").fetchone()
        people, across = connection.execute(
            "SELECT count(*), count(*) FILTER (WHERE n_documents > 1) FROM people"
        ).fetchone()
        lines.append(f"officials: {officials}   claims: {claims}")
        lines.append(f"people: {people} ({across} named in more than one article)")
        lines.append("top speakers (claims, figures claimed):")
        for speaker, n_claims, n_figures in connection.execute(
            "SELECT speaker, count(*), sum(n_figures) FROM claims GROUP BY speaker ORDER BY 2 DESC, 1 LIMIT ?", [top]
        ).fetchall():
            lines.append(f"  {speaker}: {n_claims}, {n_figures}")
        return "\n".join(lines)
    finally:
        connection.close()
