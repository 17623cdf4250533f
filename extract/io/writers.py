"""Writing the tables: records -> rows -> UTF-8 CSV or Parquet, and the same rows as pandas DataFrames for notebooks.

Which tables and columns there are, and their types, is extract/io/tables.py; how a set of tables is put in place
as a whole is extract/io/dataset.py. Files get the permissions `open()` would give them (the umask decides), so a
shared dataset stays readable.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from extract.io.tables import COLUMNS, TABLES, format_number, id_columns, numeric_columns
from extract.schema import DocumentResult

Row = dict[str, Any]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return value


def _record(record: Any, **columns: Any) -> Row:
    """A record's fields as a row (fields named like columns fill them), plus the given columns."""
    row = {field.name: getattr(record, field.name) for field in fields(record)}
    row.update(columns)
    return row


def rows(result: DocumentResult) -> dict[str, list[Row]]:
    """One article's rows for every table, ids numbered in text order."""
    doc_id = result.doc_id
    document = _record(result)
    figures = sorted(result.figures, key=lambda f: f.char_start)
    claim_ids = [f"{doc_id}#c{number}" for number in range(1, len(result.claims) + 1)]
    figures_per_claim = {claim_id: 0 for claim_id in claim_ids}
    for figure in figures:
        if figure.claim_id in figures_per_claim:
            figures_per_claim[figure.claim_id] += 1
    tables: dict[str, list[Row]] = {
        "documents": [document],
        "figures": [
            _record(
                figure,
                doc_id=doc_id,
                figure_id=f"{doc_id}#f{number}",
                time_date_id=None if figure.time_date_index is None else f"{doc_id}#d{figure.time_date_index + 1}",
            )
            for number, figure in enumerate(figures, start=1)
        ],
        "dates": [
            _record(date, doc_id=doc_id, date_id=f"{doc_id}#d{number}")
            for number, date in enumerate(sorted(result.dates, key=lambda d: d.char_start), start=1)
        ],
        "officials": [
            _record(official, doc_id=doc_id, official_id=f"{doc_id}#o{number}", aliases=";".join(official.aliases))
            for number, official in enumerate(result.officials, start=1)
        ],
        "claims": [
            _record(
                claim,
                doc_id=doc_id,
                claim_id=claim_id,
                official_id=None if claim.official_index is None else f"{doc_id}#o{claim.official_index + 1}",
                n_figures=figures_per_claim[claim_id],
            )
            for claim_id, claim in zip(claim_ids, result.claims, strict=True)
        ],
        "texts": [],
    }
    if result.status == "ok" and result.text is not None:
        furniture = ";".join(f"{start}-{end}" for start, end in result.furniture)
        tables["texts"].append({"doc_id": doc_id, "text": result.text, "furniture": furniture})
    return tables


def cells(record: Row, columns: tuple[str, ...]) -> list[str]:
    """One row as the strings written to the table, in column order."""
    return [str(_cell(record.get(column))) for column in columns]


@contextmanager
def new_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A new file, created with mode 0666 less the umask as open() would (not mkstemp's 0600), and removed again if
    writing it fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        if "b" in mode:
            with os.fdopen(descriptor, mode) as stream:
                yield stream
        else:
            with os.fdopen(descriptor, mode, encoding="utf-8", newline="") as stream:
                yield stream
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class _RowEnds:
    """Lets the csv writer quote every cell holding a carriage return or a line feed.

    The csv module quotes a cell only for the characters of its own line terminator, so with "\\n" a bare "\\r"
    would be written unquoted and break the row for every reader. Rows are therefore built with "\\r\\n" (which
    quotes both) and written ending in "\\n": the csv writer hands each whole row to write() at once.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, row: str) -> int:
        return self.stream.write(row[:-2] + "\n")


def write_csv(path: Path, columns: tuple[str, ...], records: Iterable[Row | list[str]], compress: bool = False) -> None:
    """A UTF-8 CSV with a header (gzipped when `compress`). Cells holding a delimiter, a quote or a line break are
    quoted."""
    with new_file(path, "wb" if compress else "w") as raw:
        stream: IO[str]
        if compress:
            # mtime=0: the same rows give the same bytes, run after run.
            zipped = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0)
            stream = io.TextIOWrapper(zipped, encoding="utf-8", newline="")
        else:
            stream = raw
        writer = csv.writer(_RowEnds(stream), lineterminator="\r\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow(cells(record, columns) if isinstance(record, dict) else record)
        if compress:
            stream.close()


# Text that a spreadsheet program would run as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(table: str, rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Rows whose text cells that start like a formula get a leading apostrophe, which spreadsheet programs show
    as text. Numeric columns ("-5"), id columns (which must round-trip) and the texts table are left as they are."""
    if TABLES[table].verbatim:
        yield from rows
        return
    untouched = numeric_columns(table) | id_columns(table)
    text_positions = [i for i, column in enumerate(COLUMNS[table]) if column not in untouched]
    for row in rows:
        if any(row[i].startswith(_FORMULA_START) for i in text_positions):
            row = list(row)
            for i in text_positions:
                if row[i].startswith(_FORMULA_START):
                    row[i] = "'" + row[i]
        yield row


def write_parquet(path: Path, table: str, rows: Iterable[list[str]], batch_rows: int = 50_000) -> None:
    """A Parquet file of one table, typed by its description, written in batches."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    kinds = {"integer": pa.int64(), "number": pa.float64(), "date": pa.date32(), "string": pa.string()}
    described = TABLES[table]
    schema = pa.schema([(column.name, kinds[column.type]) for column in described.columns])
    types = [column.type for column in described.columns]

    def convert(kind: str, value: str) -> Any:
        if value == "":
            return None
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
        if kind == "date":
            return dt.date.fromisoformat(value)
        return value

    with new_file(path, "wb") as stream, pq.ParquetWriter(stream, schema, compression="zstd") as writer:
        batch: list[list[str]] = []

        def flush() -> None:
            arrays = [
                pa.array([convert(types[k], row[k]) for row in batch], type=schema.field(k).type)
                for k in range(len(types))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            batch.clear()

        for row in rows:
            batch.append(row)
            if len(batch) >= batch_rows:
                flush()
        flush()  # also when empty: the file then holds the schema


def to_frames(results: Iterable[DocumentResult]) -> dict[str, Any]:
    """The same tables as pandas DataFrames (values as floats), for notebooks."""
    import pandas as pd

    from extract import people

    collected: dict[str, list[Row]] = {name: [] for name in COLUMNS}
    for result in sorted(results, key=lambda r: r.doc_id):  # the row order of the CSV tables
        for name, table_rows in rows(result).items():
            collected[name].extend(table_rows)
    mentions = people.mentions_from_tables(collected["officials"], collected["documents"], collected["claims"])
    persons, links = people.link(mentions, people.LinkingRules.load())
    person_of = {mention.official_id: person.person_id for person in persons for mention in person.members}
    for official in collected["officials"]:
        official["person_id"] = person_of.get(official["official_id"])
    collected["people"] = [people.person_row(person) for person in persons]
    collected["person_links"] = people.link_rows(links, person_of)
    frames = {}
    for name, columns in COLUMNS.items():
        frame = pd.DataFrame(collected[name], columns=list(columns))
        if name == "figures":
            for column in ("value", "value_max"):
                frame[column] = pd.to_numeric(frame[column].map(lambda v: None if v is None else float(v)))
        frames[name] = frame
    return frames
