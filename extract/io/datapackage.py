"""The dataset's Frictionless Data Package (datapackage.json): every table and column of extract/io/tables.py, with
types, meanings, units, allowed values and keys, for the formats written."""

from __future__ import annotations

from typing import Any

from extract.io.tables import TABLES, Table

NAME = "datapackage.json"


def _resource(table: Table, fmt: str, file: dict[str, Any] | None = None) -> dict[str, Any]:
    suffix = "" if fmt == "csv" else f"-{fmt}"
    fields = []
    for column in table.columns:
        field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
        if column.type == "date":
            field["format"] = "%Y-%m-%d"
        if column.enum:
            field["constraints"] = {"enum": list(column.enum)}
        if column.name == table.primary_key:
            field.setdefault("constraints", {}).update({"required": True, "unique": True})
        if column.unit:
            field["unit"] = column.unit
        fields.append(field)
    schema: dict[str, Any] = {
        "fields": fields,
        "primaryKey": [table.primary_key],
        "missingValues": [""],
        "foreignKeys": [
            {"fields": [key.column], "reference": {"resource": f"{key.table}{suffix}", "fields": [key.target]}}
            for key in table.foreign_keys
        ],
    }
    resource: dict[str, Any] = {
        "name": f"{table.name}{suffix}",
        "path": table.file_name(fmt),
        "format": fmt,
        "description": table.description,
        "schema": schema,
    }
    if fmt == "csv":
        resource.update({"encoding": "utf-8", "mediatype": "text/csv"})
        if table.verbatim:
            resource["compression"] = "gz"
    resource.update(file or {})  # bytes and hash of the file as written
    return resource


def descriptor(
    formats: tuple[str, ...], extra: dict[str, Any] | None = None, files: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The datapackage.json content for tables written in `formats` ("csv", "parquet"), with `extra` top-level
    properties and, per file name, properties of the file (its bytes and hash)."""
    return {
        "name": "idnews-extract",
        "title": "Claims and figures extracted from Indonesian news",
        "description": (
            "Figures, dates, officials and claims read out of news articles by idnews-extract; every row names its "
            "article (doc_id) and character span into the article's text (table texts). In CSV, a text cell that "
            "would start with =, +, - or @ carries a leading apostrophe, so spreadsheet programs show it as text "
            "instead of running it; id columns and the texts table are written as they are."
        ),
        **(extra or {}),
        "resources": [
            _resource(table, fmt, (files or {}).get(table.file_name(fmt)))
            for fmt in formats
            for table in TABLES.values()
        ],
    }
