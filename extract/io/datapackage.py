"""The dataset's schema: a Frictionless Data Package (Table Schema) describing every table and column.

One description serves three uses: datapackage.json beside the tables, the column types of the Parquet files, and the
column types DuckDB reads the CSV tables with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract.io.writers import COLUMNS

KINDS = ["money", "percent", "count", "quantity"]
QUALIFIERS = ["approx", "lt", "gt", "le", "ge"]

# name -> (Table Schema type, description, extra field properties)
_FIELDS: dict[str, dict[str, tuple[str, str, dict[str, Any]]]] = {
    "documents": {
        "doc_id": ("string", "The article's id: the file stem of a .txt, the id field of a JSONL or CSV record.", {}),
        "source": ("string", "Where the article came from: the outlet given as metadata, else the input path.", {}),
        "title": ("string", "The headline: the title given as metadata, else a short first line.", {}),
        "publication_date": ("date", "The article's own time stamp, from metadata or printed on the page.", {}),
        "reference_date": ("date", "The date relative expressions are resolved against.", {}),
        "n_chars": ("integer", "Length of the text as read, in characters.", {}),
        "status": (
            "string",
            "ok, or error when the article could not be read or extracted.",
            {"enum": ["ok", "error"]},
        ),
        "error": ("string", "For status error: the file, line or row and the reason.", {}),
    },
    "figures": {
        "doc_id": ("string", "The article.", {}),
        "figure_id": ("string", "Id of the figure: <doc_id>#f<n>, numbered in text order.", {}),
        "kind": ("string", "money, percent, count or quantity.", {"enum": KINDS}),
        "value": ("number", "The value in base units: currency units, percentage points, items, measure units.", {}),
        "value_max": ("number", "The upper end of a range, in the unit of value.", {}),
        "unit": ("string", "ISO 4217 code for money, % for percent, the counted noun or measure word.", {}),
        "qualifier": ("string", "approx, lt, gt, le or ge.", {"enum": QUALIFIERS}),
        "change": ("string", "up or down when the figure is the size of a change.", {"enum": ["up", "down"]}),
        "period": ("string", "day, week, month or year for a rate.", {"enum": ["day", "week", "month", "year"]}),
        "text": ("string", "The figure as written.", {}),
        "char_start": ("integer", "Start of the figure in the text (Python string index).", {}),
        "char_end": ("integer", "End of the figure in the text (exclusive).", {}),
        "sentence": ("string", "The sentence that holds the figure.", {}),
        "rule": ("string", "The pattern that matched (patterns/figures.jsonl).", {}),
        "claim_id": ("string", "The claim whose text holds the figure.", {}),
        "speaker": ("string", "Who made that claim.", {}),
        "speaker_title": ("string", "The speaker's title (jabatan).", {}),
        "speaker_organisation": ("string", "The speaker's organisation.", {}),
    },
    "dates": {
        "doc_id": ("string", "The article.", {}),
        "date_id": ("string", "Id of the date: <doc_id>#d<n>.", {}),
        "text": ("string", "The expression as written.", {}),
        "value": ("string", "ISO 8601 at the written granularity, START/END for a span; empty when unresolved.", {}),
        "granularity": ("string", "day, month or year.", {"enum": ["day", "month", "year"]}),
        "char_start": ("integer", "Start in the text.", {}),
        "char_end": ("integer", "End in the text (exclusive).", {}),
        "rule": ("string", "The pattern that matched (patterns/dates.jsonl).", {}),
    },
    "officials": {
        "doc_id": ("string", "The article.", {}),
        "official_id": ("string", "Id of the person in the article: <doc_id>#o<n>.", {}),
        "name": ("string", "The fullest form of the name, without honorifics, ranks or degrees.", {}),
        "aliases": ("string", "Other forms the article uses, ;-joined.", {}),
        "title": ("string", "The position (jabatan) as written.", {}),
        "organisation": ("string", "The organisation, as written.", {}),
        "region": ("string", "The region, as written.", {}),
        "char_start": ("integer", "Start of the first mention.", {}),
        "char_end": ("integer", "End of the first mention (exclusive).", {}),
        "mentions": ("integer", "How many times the name or an alias occurs.", {}),
    },
    "claims": {
        "doc_id": ("string", "The article.", {}),
        "claim_id": ("string", "Id of the claim: <doc_id>#c<n>.", {}),
        "speaker": ("string", "The official who made the claim.", {}),
        "official_id": ("string", "That official's row in officials.", {}),
        "type": (
            "string",
            "direct (in quotation marks) or indirect (reported speech).",
            {"enum": ["direct", "indirect"]},
        ),
        "verb": ("string", "The verb or tag of saying that attributes it.", {}),
        "text": ("string", "The claim's content.", {}),
        "char_start": ("integer", "Start of the claim's content.", {}),
        "char_end": ("integer", "End of the claim's content (exclusive).", {}),
        "n_figures": ("integer", "How many figures the claim holds.", {}),
    },
}

_KEYS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    # table -> (primary key, [(field, referenced table, referenced field)])
    "documents": ("doc_id", []),
    "figures": ("figure_id", [("doc_id", "documents", "doc_id"), ("claim_id", "claims", "claim_id")]),
    "dates": ("date_id", [("doc_id", "documents", "doc_id")]),
    "officials": ("official_id", [("doc_id", "documents", "doc_id")]),
    "claims": ("claim_id", [("doc_id", "documents", "doc_id"), ("official_id", "officials", "official_id")]),
}
_UNITS = {("figures", "value"): "IDR for money and other currencies by unit; percentage points; items; measure units"}


def field_type(table: str, column: str) -> str:
    return _FIELDS[table][column][0]


def numeric_columns(table: str) -> frozenset[str]:
    return frozenset(c for c, (kind, _, _) in _FIELDS[table].items() if kind in ("number", "integer"))


def descriptor(formats: tuple[str, ...]) -> dict[str, Any]:
    """The datapackage.json content for tables written in `formats` ("csv", "parquet")."""
    resources = []
    for fmt in formats:
        for table, columns in COLUMNS.items():
            fields = []
            for column in columns:
                kind, description, extra = _FIELDS[table][column]
                field: dict[str, Any] = {"name": column, "type": kind, "description": description}
                if kind == "date":
                    field["format"] = "%Y-%m-%d"
                if "enum" in extra:
                    field["constraints"] = {"enum": extra["enum"]}
                if column == _KEYS[table][0]:
                    field.setdefault("constraints", {}).update({"required": True, "unique": True})
                if (table, column) in _UNITS:
                    field["unit"] = _UNITS[(table, column)]
                fields.append(field)
            suffix = "" if fmt == "csv" else f"-{fmt}"
            schema: dict[str, Any] = {"fields": fields, "primaryKey": [_KEYS[table][0]], "missingValues": [""]}
            schema["foreignKeys"] = [
                {"fields": [column], "reference": {"resource": f"{target}{suffix}", "fields": [key]}}
                for column, target, key in _KEYS[table][1]
            ]
            resource: dict[str, Any] = {
                "name": f"{table}{suffix}",
                "path": f"{table}.{fmt}",
                "format": fmt,
                "schema": schema,
            }
            if fmt == "csv":
                resource.update({"encoding": "utf-8", "mediatype": "text/csv"})
            resources.append(resource)
    return {
        "name": "idnews-extract",
        "title": "Claims and figures extracted from Indonesian news",
        "description": (
            "Figures, dates, officials and claims read out of news articles by idnews-extract; every row names its "
            "article (doc_id) and character span. CSV text cells that would start with =, +, - or @ carry a "
            "leading apostrophe, so spreadsheet programs show them as text instead of running them."
        ),
        "resources": resources,
    }


def write(out_dir: Path, formats: tuple[str, ...]) -> Path:
    path = out_dir / "datapackage.json"
    path.write_text(json.dumps(descriptor(formats), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
