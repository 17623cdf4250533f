"""A dataset folder: the set of tables `extract run` writes, which changes as a whole and is read only when complete.

Writing: every table is first written beside its place under a temporary name; then the manifest
(datapackage.json) is removed, the tables are renamed into place, tables of the old set that the new one lacks (a
format no longer written) are removed, and a new manifest that names every file with its size and SHA-256 is written
last. A run killed at any moment leaves either the old complete set or a folder without a manifest, never a mixture
that looks complete. Reading (`extract query`, `stats`, `show`): no manifest, or a file whose size is not the one
the manifest gives, is an incomplete set, refused with its name.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from extract.io import datapackage
from extract.io.tables import TABLES
from extract.io.writers import spreadsheet_safe, write_csv, write_parquet

MANIFEST = datapackage.NAME
FORMATS = ("csv", "parquet")


class IncompleteDatasetError(FileNotFoundError):
    """A folder whose set of tables is not complete (an interrupted write, files from two runs)."""


def staging_path(out_dir: Path, name: str) -> Path:
    """Where a file of the dataset is written before the set is put in place."""
    return out_dir / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.part"


def remove_leftovers(out_dir: Path) -> None:
    """Temporary files of an earlier run that was killed while writing."""
    for path in out_dir.glob(".*.part"):
        path.unlink(missing_ok=True)


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            sha.update(block)
    return sha.hexdigest()


def _file_properties(name: str, path: Path) -> dict[str, Any]:
    """The size and SHA-256 of a file of the set: Frictionless's own bytes and hash for CSV, which `frictionless
    validate` checks; under names of ours for Parquet, whose bytes frictionless does not count."""
    size, digest = path.stat().st_size, f"sha256:{_digest(path)}"
    if name.endswith(".parquet"):
        return {"extract:bytes": size, "extract:hash": digest}
    return {"bytes": size, "hash": digest}


def publish(out_dir: Path, staged: dict[str, Path], formats: tuple[str, ...], provenance: dict[str, Any]) -> Path:
    """Puts the staged files (final name -> temporary path) in place as one set, and writes the manifest last."""
    files = {name: _file_properties(name, path) for name, path in staged.items()}
    descriptor = datapackage.descriptor(formats, provenance, files)
    manifest = out_dir / MANIFEST
    manifest.unlink(missing_ok=True)  # from here until the new manifest is written, the folder reads as incomplete
    for name, path in staged.items():
        os.replace(path, out_dir / name)
    for table in TABLES.values():
        for fmt in FORMATS:
            if table.file_name(fmt) not in staged:
                (out_dir / table.file_name(fmt)).unlink(missing_ok=True)
    temporary = staging_path(out_dir, MANIFEST)
    descriptor_text = json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n"
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "w", encoding="utf-8") as stream:
        stream.write(descriptor_text)
    os.replace(temporary, manifest)
    return manifest


def write(
    out_dir: Path,
    table_rows: Callable[[str], Iterable[list[str]]],
    formats: tuple[str, ...] = ("csv",),
    safe: bool = True,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Writes every table in every format from its rows (`table_rows(name)`, cells as strings, in order) and puts
    the set in place as a whole; returns the files written, manifest included."""
    staged: dict[str, Path] = {}
    try:
        for name, table in TABLES.items():
            if "csv" in formats:
                rows = table_rows(name)
                staged[table.file_name("csv")] = path = staging_path(out_dir, table.file_name("csv"))
                write_csv(path, table.names, spreadsheet_safe(name, rows) if safe else rows, compress=table.verbatim)
            if "parquet" in formats:
                staged[table.file_name("parquet")] = path = staging_path(out_dir, table.file_name("parquet"))
                write_parquet(path, name, table_rows(name))
        manifest = publish(out_dir, staged, formats, provenance or {})
    finally:
        for path in staged.values():
            path.unlink(missing_ok=True)  # whatever was not put in place
    return {**{name: out_dir / name for name in staged}, MANIFEST: manifest}


def table_files(data_dir: Path) -> dict[str, Path]:
    """The file to read for each table of a complete dataset: Parquet where the set has it, else CSV."""
    if not data_dir.is_dir():
        raise FileNotFoundError(f"{data_dir}: no such folder (run `extract run ... --out {data_dir}` first)")
    manifest = data_dir / MANIFEST
    if not manifest.is_file():
        present = [t.file_name(f) for t in TABLES.values() for f in FORMATS if (data_dir / t.file_name(f)).exists()]
        if present:
            raise IncompleteDatasetError(
                f"{data_dir}: incomplete set of tables (no {MANIFEST}: a run was stopped while writing them); "
                "run `extract run` again"
            )
        raise FileNotFoundError(f"{data_dir}: no tables (documents.csv, figures.csv, ...) in this folder")
    try:
        resources = json.loads(manifest.read_text(encoding="utf-8"))["resources"]
    except (ValueError, KeyError, TypeError) as error:
        raise IncompleteDatasetError(f"{manifest}: not a readable data package ({error})") from None
    listed = {resource.get("path"): resource for resource in resources if isinstance(resource, dict)}
    found: dict[str, Path] = {}
    for name, table in TABLES.items():
        for fmt in ("parquet", "csv"):
            resource = listed.get(table.file_name(fmt))
            if resource is None:
                continue
            path = data_dir / table.file_name(fmt)
            if not path.is_file():
                raise IncompleteDatasetError(f"{path}: listed in {MANIFEST} but missing: the set is incomplete")
            size = resource.get("bytes", resource.get("extract:bytes"))
            if size is not None and path.stat().st_size != size:
                raise IncompleteDatasetError(
                    f"{path}: not the file {MANIFEST} describes ({path.stat().st_size:,} bytes, not {size:,}): the "
                    "folder mixes tables of two runs; run `extract run` again"
                )
            found.setdefault(name, path)
    if not found:
        raise FileNotFoundError(f"{data_dir}: {MANIFEST} lists no tables")
    return found
