"""Reading articles: .txt files, JSON Lines and CSV exports as scrapers write them, and the same gzipped.

Everything streams: one article at a time, whatever the size of the input. A bad article (not UTF-8, binary, empty,
too long, a JSON line that does not parse, a CSV row with a missing field) becomes a ReadError naming the file, line
or row and the reason; it never stops the others.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAX_CHARS = 2_000_000  # a news article is a few thousand characters; far more is a scraping accident
_TITLE_MAX_CHARS = 200
SUFFIXES = (".txt", ".jsonl", ".csv")
STDIN = Path("-")  # "-" among the inputs: JSON Lines, or one text article, from standard input
ID_FIELD = "id"
TEXT_FIELD = "text"


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    source: str
    title: str | None = None
    publication_date: str | None = None  # from metadata, ISO YYYY-MM-DD
    url: str | None = None


@dataclass(frozen=True)
class ReadError:
    doc_id: str
    source: str
    error: str


@dataclass(frozen=True)
class Fields:
    """Which fields of a JSON Lines or CSV record hold the article's id and text (scrapers name them freely)."""

    id: str = ID_FIELD
    text: str = TEXT_FIELD


_DEFAULT_FIELDS = Fields()


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _TITLE_MAX_CHARS else None
    return None


def _check_text(text: str, where: str) -> str | None:
    """The problem with an article's text, or None."""
    if "\x00" in text[:8192]:
        return f"{where}: binary content (contains NUL bytes), not text"
    if not text.strip():
        return f"{where}: empty text"
    if len(text) > MAX_CHARS:
        return f"{where}: {len(text):,} characters, more than the {MAX_CHARS:,} limit for one article"
    return None


def kind_of(path: Path) -> str | None:
    """ "txt", "jsonl" or "csv" for a supported file (also gzipped: "a.jsonl.gz"), "stdin" for "-", else None."""
    if path == STDIN:
        return "stdin"
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix[1:]
    return None


def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return name.rsplit(".", 1)[0]


def read_text_file(path: Path) -> Article | ReadError:
    """One .txt article (or .txt.gz); doc_id is the file stem."""
    doc_id, source = _stem(path), str(path)
    try:
        data = gzip.decompress(path.read_bytes()) if path.name.lower().endswith(".gz") else path.read_bytes()
    except (OSError, EOFError) as error:
        return ReadError(doc_id, source, f"{path}: cannot read: {getattr(error, 'strerror', None) or error}")
    if b"\x00" in data[:8192]:
        return ReadError(doc_id, source, f"{path}: binary file (contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ReadError(doc_id, source, f"{path}: not UTF-8 (invalid byte at offset {error.start})")
    problem = _check_text(text, str(path))
    if problem:
        return ReadError(doc_id, source, problem.replace("empty text", "empty file"))
    return Article(doc_id, text, source, _title(text))


def _open_binary(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _metadata(record: dict[str, Any], text: str) -> dict[str, str | None]:
    def field(name: str) -> str | None:
        value = record.get(name)
        return None if value is None or str(value).strip() == "" else str(value).strip()

    date = field("date") or field("publication_date") or field("published")
    return {
        "title": field("title") or _title(text),
        "publication_date": date[:10] if date else None,
        "url": field("url"),
        "outlet": field("source"),
    }


def _article(record: dict[str, Any], fields: Fields, where: str, fallback_id: str, path: Path) -> Article | ReadError:
    raw_id = record.get(fields.id)
    doc_id = fallback_id if raw_id is None or str(raw_id).strip() == "" else str(raw_id).strip()
    if fields.text not in record or record[fields.text] is None:
        present = ", ".join(repr(name) for name in record) or "none"
        return ReadError(
            doc_id,
            str(path),
            f"{where}: no {fields.text!r} field (fields: {present}; choose the text field with --text-field)",
        )
    text = record[fields.text]
    if not isinstance(text, str):
        return ReadError(doc_id, str(path), f"{where}: field {fields.text!r} is not text")
    problem = _check_text(text, where)
    if problem:
        return ReadError(doc_id, str(path), problem)
    meta = _metadata(record, text)
    return Article(doc_id, text, meta["outlet"] or str(path), meta["title"], meta["publication_date"], meta["url"])


def read_jsonl(path: Path, fields: Fields = _DEFAULT_FIELDS) -> Iterator[Article | ReadError]:
    """One article per line; a line that is not UTF-8, not JSON or not an object is an error for that line only."""
    stem = _stem(path)
    try:
        with _open_binary(path) as stream:
            yield from _jsonl_lines(stream, path, stem, fields)
    except (OSError, EOFError) as error:
        yield ReadError(stem, str(path), f"{path}: cannot read: {error}")


def _jsonl_lines(lines: Iterable[bytes], path: Path, stem: str, fields: Fields) -> Iterator[Article | ReadError]:
    """The articles of JSON lines; a line that is not UTF-8, not JSON or not an object is an error for it alone."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            continue
        fallback = f"{stem}-{number}"
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield ReadError(fallback, str(path), f"{where}: not UTF-8 (invalid byte at offset {error.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadError(fallback, str(path), f"{where}: not valid JSON ({error.msg}, column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield ReadError(fallback, str(path), f"{where}: a JSON line must be an object")
            continue
        yield _article(record, fields, where, fallback, path)


def read_stdin(fields: Fields = _DEFAULT_FIELDS) -> Iterator[Article | ReadError]:
    """Standard input: JSON Lines when it starts with "{", else one text article (doc_id "stdin")."""
    stream = sys.stdin.buffer
    first = stream.readline()
    while first and not first.strip():
        first = stream.readline()
    if first.lstrip().startswith(b"{"):
        yield from _jsonl_lines(itertools.chain([first], stream), Path("<stdin>"), "stdin", fields)
        return
    data = first + stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield ReadError("stdin", "<stdin>", f"<stdin>: not UTF-8 (invalid byte at offset {error.start})")
        return
    problem = _check_text(text, "<stdin>")
    if problem:
        yield ReadError("stdin", "<stdin>", problem)
        return
    yield Article("stdin", text, "<stdin>", _title(text))


def read_csv(path: Path, fields: Fields = _DEFAULT_FIELDS) -> Iterator[Article | ReadError]:
    """One article per row, with a header; a row with missing or extra fields is an error for that row only."""
    stem = _stem(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", newline="", errors="strict") as stream:
            reader = csv.DictReader(stream, restkey="\x00extra")
            if not reader.fieldnames or fields.text not in reader.fieldnames:
                present = ", ".join(repr(name) for name in reader.fieldnames or []) or "none"
                yield ReadError(
                    stem,
                    str(path),
                    f"{path}: no {fields.text!r} column in the header (columns: {present}; "
                    "choose the text column with --text-field)",
                )
                return
            row_number = 0
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except UnicodeDecodeError as error:
                    yield ReadError(f"{stem}-{row_number + 1}", str(path), f"{path}: not UTF-8 ({error.reason})")
                    return
                except csv.Error as error:
                    row_number += 1
                    yield ReadError(f"{stem}-{row_number}", str(path), f"{path}: row {row_number}: {error}")
                    continue
                row_number += 1
                where = f"{path}: row {row_number} (line {reader.line_num})"
                fallback = f"{stem}-{row_number}"
                missing = [name for name, value in record.items() if value is None]
                if missing:
                    yield ReadError(fallback, str(path), f"{where}: missing field(s) {', '.join(missing)}")
                    continue
                if "\x00extra" in record:
                    yield ReadError(fallback, str(path), f"{where}: more fields than the header has")
                    continue
                yield _article(record, fields, where, fallback, path)
    except (OSError, EOFError) as error:
        yield ReadError(stem, str(path), f"{path}: cannot read: {error}")


def input_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The supported files named, or found (recursively, sorted) in folders, and a message for each path that gave
    none."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path == STDIN:
            if STDIN not in files:
                files.append(STDIN)
            continue
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p))
            if not found:
                problems.append(f"{path}: folder has no .txt, .jsonl or .csv files")
            files.extend(found)
        elif path.is_file():
            if kind_of(path) is None:
                problems.append(f"{path}: not a .txt, .jsonl or .csv file (also .gz)")
            else:
                files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def read_articles(files: Iterable[Path], fields: Fields = _DEFAULT_FIELDS) -> Iterator[Article | ReadError]:
    """Articles in order; a second article with an already-seen doc_id is an error, not a silent overwrite."""
    seen: dict[str, str] = {}
    duplicates = 0
    for path in files:
        kind = kind_of(path)
        items: Iterable[Article | ReadError]
        if kind == "stdin":
            items = read_stdin(fields)
        elif kind == "jsonl":
            items = read_jsonl(path, fields)
        elif kind == "csv":
            items = read_csv(path, fields)
        else:
            items = [read_text_file(path)]
        for item in items:
            if item.doc_id in seen:
                # Reported under an id of its own, so documents.csv keeps one row per doc_id.
                duplicates += 1
                message = f"{item.source}: duplicate doc_id {item.doc_id!r} (also in {seen[item.doc_id]})"
                yield ReadError(f"{item.doc_id}~duplicate{duplicates}", item.source, message)
                continue
            seen[item.doc_id] = item.source
            yield item


def count_articles(files: Iterable[Path], fields: Fields = _DEFAULT_FIELDS) -> int | None:
    """How many articles the files hold, for the progress bar: files, non-empty JSON lines, CSV records (a text
    with line breaks is one record); None when standard input is among them (it cannot be read twice)."""
    total = 0
    for path in files:
        kind = kind_of(path)
        if kind == "stdin":
            return None
        if kind == "txt":
            total += 1
            continue
        try:
            if kind == "csv":
                with io.TextIOWrapper(_open_binary(path), encoding="utf-8-sig", errors="replace", newline="") as text:
                    total += max(sum(1 for _ in csv.reader(text)) - 1, 0)
            else:
                with _open_binary(path) as stream:
                    total += sum(1 for line in stream if line.strip())
        except (OSError, EOFError, csv.Error):
            total += 1
    return total
