"""Writing the tables: records -> rows -> UTF-8 CSV, and the same rows as pandas DataFrames for notebooks.

Each table is written to a temporary file and renamed into place, so an interrupted run never leaves a half-written
table that looks complete.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract.numbers import format_decimal
from extract.schema import DocumentResult

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source", "title", "publication_date", "reference_date", "n_chars", "status", "error"),
    "figures": (
        *("doc_id", "figure_id", "kind", "value", "value_max", "unit", "qualifier", "change", "period", "text"),
        *("char_start", "char_end", "sentence", "rule", "claim_id", "speaker", "speaker_title", "speaker_organisation"),
    ),
    "dates": ("doc_id", "date_id", "text", "value", "granularity", "char_start", "char_end", "rule"),
    "officials": (
        *("doc_id", "official_id", "name", "aliases", "title", "organisation", "region", "char_start", "char_end"),
        "mentions",
    ),
    "claims": (
        *("doc_id", "claim_id", "speaker", "official_id", "type", "verb", "text", "char_start", "char_end"),
        "n_figures",
    ),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return value


def rows(result: DocumentResult) -> dict[str, list[dict[str, Any]]]:
    """One article's rows for every table, ids numbered in text order."""
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "doc_id": result.doc_id,
                "source": result.source,
                "title": result.title,
                "publication_date": result.publication_date,
                "reference_date": result.reference_date,
                "n_chars": result.n_chars,
                "status": result.status,
                "error": result.error,
            }
        ],
        "figures": [],
        "dates": [],
        "officials": [],
        "claims": [],
    }
    for number, figure in enumerate(sorted(result.figures, key=lambda f: f.char_start), start=1):
        tables["figures"].append(
            {
                "doc_id": result.doc_id,
                "figure_id": f"{result.doc_id}#f{number}",
                "kind": figure.kind,
                "value": figure.value,
                "value_max": figure.value_max,
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "change": figure.change,
                "period": figure.period,
                "text": figure.text,
                "char_start": figure.char_start,
                "char_end": figure.char_end,
                "sentence": figure.sentence,
                "rule": figure.rule,
                "claim_id": figure.claim_id,
                "speaker": figure.speaker,
                "speaker_title": figure.speaker_title,
                "speaker_organisation": figure.speaker_organisation,
            }
        )
    for number, official in enumerate(result.officials, start=1):
        tables["officials"].append(
            {
                "doc_id": result.doc_id,
                "official_id": f"{result.doc_id}#o{number}",
                "name": official.name,
                "aliases": ";".join(official.aliases),
                "title": official.title,
                "organisation": official.organisation,
                "region": official.region,
                "char_start": official.char_start,
                "char_end": official.char_end,
                "mentions": official.mentions,
            }
        )
    for number, claim in enumerate(result.claims, start=1):
        tables["claims"].append(
            {
                "doc_id": result.doc_id,
                "claim_id": f"{result.doc_id}#c{number}",
                "speaker": claim.speaker,
                "official_id": None if claim.official_index is None else f"{result.doc_id}#o{claim.official_index + 1}",
                "type": claim.type,
                "verb": claim.verb,
                "text": claim.text,
                "char_start": claim.char_start,
                "char_end": claim.char_end,
                "n_figures": sum(1 for f in result.figures if f.claim_id == f"{result.doc_id}#c{number}"),
            }
        )
    for number, date in enumerate(sorted(result.dates, key=lambda d: d.char_start), start=1):
        tables["dates"].append(
            {
                "doc_id": result.doc_id,
                "date_id": f"{result.doc_id}#d{number}",
                "text": date.text,
                "value": date.value,
                "granularity": date.granularity,
                "char_start": date.char_start,
                "char_end": date.char_end,
                "rule": date.rule,
            }
        )
    return tables


def cells(record: dict[str, Any], columns: tuple[str, ...]) -> list[str]:
    """One row as the strings written to the table, in column order."""
    return [str(_cell(record.get(column))) for column in columns]


def write_csv(path: Path, columns: tuple[str, ...], records: Iterable[dict[str, Any] | list[str]]) -> None:
    """A UTF-8 CSV with a header, written atomically: to a temporary file, renamed into place when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(columns)
            for record in records:
                writer.writerow(cells(record, columns) if isinstance(record, dict) else record)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# Text that a spreadsheet program would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(table: str, rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Rows whose text cells that start like a formula get a leading apostrophe, which spreadsheet programs show
    as text; numeric columns ("-5") are left as they are."""
    from extract.io.datapackage import numeric_columns

    numeric = numeric_columns(table)
    text_positions = [i for i, column in enumerate(COLUMNS[table]) if column not in numeric]
    for row in rows:
        if any(row[i].startswith(_FORMULA_START) for i in text_positions):
            row = list(row)
            for i in text_positions:
                if row[i].startswith(_FORMULA_START):
                    row[i] = "'" + row[i]
        yield row


def write_parquet(path: Path, table: str, rows: Iterable[list[str]], batch_rows: int = 50_000) -> None:
    """A Parquet file of one table, typed by the data package schema, written in batches and atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extract.io.datapackage import field_type

    kinds = {"integer": pa.int64(), "number": pa.float64(), "date": pa.date32(), "string": pa.string()}
    columns = COLUMNS[table]
    schema = pa.schema([(column, kinds[field_type(table, column)]) for column in columns])

    def convert(kind: str, value: str) -> Any:
        if value == "":
            return None
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
        if kind == "date":
            import datetime as dt

            return dt.date.fromisoformat(value)
        return value

    types = [field_type(table, column) for column in columns]
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(handle)
    try:
        with pq.ParquetWriter(temporary, schema) as writer:
            batch: list[list[str]] = []

            def flush() -> None:
                arrays = [
                    pa.array([convert(types[k], row[k]) for row in batch], type=schema.field(k).type)
                    for k in range(len(columns))
                ]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                batch.clear()

            for row in rows:
                batch.append(row)
                if len(batch) >= batch_rows:
                    flush()
            flush()  # also when empty: the file then holds the schema
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def to_frames(results: Iterable[DocumentResult]) -> dict[str, Any]:
    """The same tables as pandas DataFrames (values as floats), for notebooks."""
    import pandas as pd

    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for result in sorted(results, key=lambda r: r.doc_id):  # the row order of the CSV tables
        for name, table_rows in rows(result).items():
            collected[name].extend(table_rows)
    frames = {}
    for name, columns in COLUMNS.items():
        frame = pd.DataFrame(collected[name], columns=list(columns))
        for column in ("value", "value_max"):
            if name == "figures":
                frame[column] = pd.to_numeric(frame[column].map(lambda v: None if v is None else float(v)))
        frames[name] = frame
    return frames
