"""Reading articles: .txt files, JSON Lines and CSV exports as scrapers write them, and the same gzipped.

Everything streams: one article at a time, whatever the size of the input, and nothing larger than one article's
bound is ever read whole. A bad article (not UTF-8, binary, empty, too long, a JSON line that does not parse, a CSV
row with a missing field or a broken quote, a folder that cannot be read) becomes a ReadError naming the file, line,
row or folder and the reason; it never stops the others.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MAX_CHARS = 2_000_000  # a news article is a few thousand characters; far more is a scraping accident
# The most bytes one article may take in a file: 4 per character in UTF-8, and up to 12 in a JSON line whose text is
# all \uXXXX escapes (a surrogate pair per character). Anything larger is refused before it is read whole.
MAX_TXT_BYTES = 4 * MAX_CHARS
MAX_RECORD_BYTES = 12 * MAX_CHARS
_TITLE_MAX_CHARS = 200
_READ_CHUNK = 1 << 20
SUFFIXES = (".txt", ".jsonl", ".csv")
STDIN = Path("-")  # "-" among the inputs: JSON Lines, or one text article, from standard input
ID_FIELD = "id"
TEXT_FIELD = "text"


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    source: str  # the outlet given as metadata, else the path
    title: str | None = None
    publication_date: str | None = None  # from metadata, ISO YYYY-MM-DD
    url: str | None = None
    where: str = ""  # the file, line or row it was read from, for messages


@dataclass(frozen=True)
class ReadError:
    doc_id: str
    source: str
    error: str
    where: str = ""


Item = Article | ReadError


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


def _encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces ("utf-16" or "utf-8-sig"), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return None


def _binary_problem(data: bytes) -> str | None:
    """Why bytes with NULs are not UTF-8 text: UTF-16 without a byte-order mark has a NUL in every other byte."""
    head = data[:8192]
    if b"\x00" not in head:
        return None
    if len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
        return "UTF-16 text without a byte-order mark, not UTF-8: convert it to UTF-8 (or add the mark)"
    return "binary file (contains NUL bytes), not UTF-8 text"


def _decode(data: bytes, where: str) -> str | ReadError:
    encoding = _encoding(data) or "utf-8"
    if encoding == "utf-8":
        problem = _binary_problem(data)
        if problem:
            return ReadError("", where, f"{where}: {problem}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        return ReadError("", where, f"{where}: not {name} (invalid byte at offset {error.start})")


def read_text_file(path: Path) -> Item:
    """One .txt article (or .txt.gz), UTF-8, or UTF-16 with a byte-order mark; doc_id is the file stem. A file
    larger than one article can be is refused before it is read."""
    doc_id, source = _stem(path), str(path)
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as stream:
                data = stream.read(MAX_TXT_BYTES + 1)
        else:
            size = path.stat().st_size
            if size > MAX_TXT_BYTES:
                return ReadError(
                    doc_id, source, f"{path}: {size:,} bytes, more than one article can hold (not read)", source
                )
            data = path.read_bytes()
    except (OSError, EOFError) as error:
        return ReadError(doc_id, source, f"{path}: cannot read: {getattr(error, 'strerror', None) or error}", source)
    if len(data) > MAX_TXT_BYTES:
        return ReadError(doc_id, source, f"{path}: more than {MAX_TXT_BYTES:,} bytes uncompressed (not read)", source)
    text = _decode(data, source)
    if isinstance(text, ReadError):
        return ReadError(doc_id, source, text.error.replace("binary content", "binary file"), source)
    problem = _check_text(text, source)
    if problem:
        return ReadError(doc_id, source, problem.replace("empty text", "empty file"), source)
    return Article(doc_id, text, source, _title(text), where=source)


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # a binary file object, as IO[bytes] asks
    return path.open("rb")


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


def _article(record: dict[str, Any], fields: Fields, where: str, fallback_id: str, path: Path) -> Item:
    raw_id = record.get(fields.id)
    doc_id = fallback_id if raw_id is None or str(raw_id).strip() == "" else str(raw_id).strip()
    if fields.text not in record or record[fields.text] is None:
        present = ", ".join(repr(name) for name in record) or "none"
        return ReadError(
            doc_id,
            str(path),
            f"{where}: no {fields.text!r} field (fields: {present}; choose the text field with --text-field)",
            where,
        )
    text = record[fields.text]
    if not isinstance(text, str):
        return ReadError(doc_id, str(path), f"{where}: field {fields.text!r} is not text", where)
    problem = _check_text(text, where)
    if problem:
        return ReadError(doc_id, str(path), problem, where)
    meta = _metadata(record, text)
    outlet = meta["outlet"] or str(path)
    return Article(doc_id, text, outlet, meta["title"], meta["publication_date"], meta["url"], where)


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, each read whole only when it holds at most `limit` bytes; a longer line is
    skipped in chunks and given as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(_READ_CHUNK)
        yield None


def _utf16_lines(lines: Iterator[bytes | None], first: bytes) -> Iterator[bytes | None]:
    """UTF-16 lines re-encoded as UTF-8 (for JSON Lines written with a UTF-16 byte-order mark)."""
    rest = b"".join(line for line in lines if line is not None)
    for line in (first + rest).decode("utf-16", errors="replace").splitlines(keepends=True):
        yield line.encode("utf-8")


def read_jsonl(path: Path, fields: Fields = _DEFAULT_FIELDS) -> Iterator[Item]:
    """One article per line; a line that is not UTF-8, not JSON, not an object or too long is an error for that
    line only."""
    stem = _stem(path)
    try:
        with _open_binary(path) as stream:
            lines = _bounded_lines(stream, MAX_RECORD_BYTES)
            first = next(lines, b"")
            if first and _encoding(first) == "utf-16":
                yield from _jsonl_lines(_utf16_lines(lines, first), path, stem, fields)
            else:
                yield from _jsonl_lines(itertools.chain([first], lines), path, stem, fields)
    except (OSError, EOFError) as error:
        yield ReadError(stem, str(path), f"{path}: cannot read: {error}", str(path))


def _jsonl_lines(lines: Iterable[bytes | None], path: Path, stem: str, fields: Fields) -> Iterator[Item]:
    """The articles of JSON lines; a line that is not UTF-8, not JSON or not an object is an error for it alone."""
    for number, raw in enumerate(lines, start=1):
        where = f"{path}:{number}"
        fallback = f"{stem}-{number}"
        if raw is None:
            yield ReadError(fallback, str(path), f"{where}: line of more than {MAX_RECORD_BYTES:,} bytes (not read)")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield ReadError(fallback, str(path), f"{where}: not UTF-8 (invalid byte at offset {error.start})", where)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadError(fallback, str(path), f"{where}: not valid JSON ({error.msg}, column {error.colno})", where)
            continue
        if not isinstance(record, dict):
            yield ReadError(fallback, str(path), f"{where}: a JSON line must be an object", where)
            continue
        yield _article(record, fields, where, fallback, path)


def read_stdin(fields: Fields = _DEFAULT_FIELDS) -> Iterator[Item]:
    """Standard input: JSON Lines when it starts with "{", else one text article (doc_id "stdin")."""
    stream = sys.stdin.buffer
    lines = _bounded_lines(stream, MAX_RECORD_BYTES)
    first = next(lines, b"")
    while first is not None and first and not first.strip():
        first = next(lines, b"")
    if first is not None and first.lstrip().startswith(b"{"):
        yield from _jsonl_lines(itertools.chain([first], lines), Path("<stdin>"), "stdin", fields)
        return
    parts = [first or b""]
    size = len(parts[0])
    for line in lines:
        if line is None or size > MAX_TXT_BYTES:
            yield ReadError("stdin", "<stdin>", f"<stdin>: more than {MAX_TXT_BYTES:,} bytes (not read)", "<stdin>")
            return
        parts.append(line)
        size += len(line)
    text = _decode(b"".join(parts), "<stdin>")
    if isinstance(text, ReadError):
        yield ReadError("stdin", "<stdin>", text.error, "<stdin>")
        return
    problem = _check_text(text, "<stdin>")
    if problem:
        yield ReadError("stdin", "<stdin>", problem, "<stdin>")
        return
    yield Article("stdin", text, "<stdin>", _title(text), where="<stdin>")


class _NumberedLines:
    """The physical lines of a text stream, numbered, with a way to read again the lines of a record that turned
    out to be malformed."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.number = 0  # lines handed out so far
        self.record: list[str] = []  # the lines of the record being read
        self.replay: list[str] = []

    def __iter__(self) -> _NumberedLines:
        return self

    def __next__(self) -> str:
        line = self.replay.pop(0) if self.replay else self.stream.readline()
        if not line:
            raise StopIteration
        self.number += 1
        self.record.append(line)
        return line

    def start_record(self) -> int:
        """Begins a record; returns the number of its first line."""
        self.record = []
        return self.number + 1

    def skip_first_line(self) -> None:
        """Gives back every line of the current record but its first, to be read again."""
        again = self.record[1:]
        self.number -= len(again)
        self.replay = again + self.replay
        self.record = []


def read_csv(path: Path, fields: Fields = _DEFAULT_FIELDS) -> Iterator[Item]:
    """One article per row, with a header. A row with missing or extra fields, a field too long, or a quote that is
    never closed is an error for that row only: a broken quote does not swallow the rows after it, which are read
    again from the line after the broken one."""
    stem = _stem(path)
    csv.field_size_limit(MAX_RECORD_BYTES)
    try:
        with _open_binary(path) as raw:
            encoding = _encoding(raw.peek(4)[:4] if hasattr(raw, "peek") else b"") or "utf-8-sig"
            with io.TextIOWrapper(raw, encoding=encoding, newline="", errors="strict") as stream:
                yield from _csv_rows(_NumberedLines(stream), path, stem, fields)
    except (OSError, EOFError) as error:
        yield ReadError(stem, str(path), f"{path}: cannot read: {error}", str(path))


def _csv_rows(lines: _NumberedLines, path: Path, stem: str, fields: Fields) -> Iterator[Item]:
    # strict: a quote that is not followed by a delimiter or a line end, or never closed, is an error (the lenient
    # default would run the rest of the file into one field).
    def reader() -> Iterator[list[str]]:
        return csv.reader(lines, strict=True)

    rows = reader()
    try:
        header = next(rows)
    except StopIteration:
        yield ReadError(stem, str(path), f"{path}: empty file, no header", str(path))
        return
    except (csv.Error, UnicodeDecodeError) as error:
        yield ReadError(stem, str(path), f"{path}: cannot read the header: {error}", str(path))
        return
    if fields.text not in header:
        present = ", ".join(repr(name) for name in header) or "none"
        message = f"{path}: no {fields.text!r} column in the header (columns: {present}; "
        yield ReadError(stem, str(path), message + "choose the text column with --text-field)", str(path))
        return
    row_number = 0
    while True:
        first_line = lines.start_record()
        try:
            cells = next(rows)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            yield ReadError(f"{stem}-{row_number + 1}", str(path), f"{path}: not UTF-8 ({error.reason})", str(path))
            return
        except csv.Error as error:
            row_number += 1
            where = f"{path}: row {row_number} (line {first_line})"
            yield ReadError(f"{stem}-{row_number}", str(path), f"{where}: {error} (a quote that is not closed?)", where)
            lines.skip_first_line()
            rows = reader()
            continue
        if not cells or cells == [""]:
            continue  # a blank line
        row_number += 1
        where = f"{path}: row {row_number} (line {first_line})"
        fallback = f"{stem}-{row_number}"
        if len(cells) < len(header):
            missing = ", ".join(header[len(cells) :])
            yield ReadError(fallback, str(path), f"{where}: missing field(s) {missing}", where)
            continue
        if len(cells) > len(header):
            yield ReadError(fallback, str(path), f"{where}: more fields than the header has", where)
            continue
        yield _article(dict(zip(header, cells, strict=True)), fields, where, fallback, path)


def _walk(folder: Path) -> tuple[list[Path], list[ReadError]]:
    """The supported files under a folder (sorted), and an error for each folder that cannot be read."""
    found: list[Path] = []
    unreadable: list[ReadError] = []

    def report(error: OSError) -> None:
        name = error.filename or str(folder)
        reason = error.strerror or str(error)
        unreadable.append(ReadError(str(name), str(name), f"{name}: cannot read the folder: {reason}", str(name)))

    for top, _, names in os.walk(folder, onerror=report):
        found.extend(Path(top) / name for name in names if kind_of(Path(name)))
    return sorted(found), unreadable


def input_files(paths: Iterable[Path]) -> tuple[list[Path | ReadError], list[str]]:
    """The supported files named, or found (recursively, sorted) in folders, in order, with an error in place of
    each folder that cannot be read; and a message for each path that gave nothing at all."""
    files: list[Path | ReadError] = []
    problems: list[str] = []
    for path in paths:
        if path == STDIN:
            if STDIN not in files:
                files.append(STDIN)
            continue
        if path.is_dir():
            found, unreadable = _walk(path)
            if not found and not unreadable:
                problems.append(f"{path}: folder has no .txt, .jsonl or .csv files")
            files.extend(unreadable)
            files.extend(found)
        elif path.is_file():
            if kind_of(path) is None:
                problems.append(f"{path}: not a .txt, .jsonl or .csv file (also .gz)")
            else:
                files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def read_articles(files: Iterable[Path | ReadError], fields: Fields = _DEFAULT_FIELDS) -> Iterator[Item]:
    """Articles in order; a second article with an already-seen doc_id is an error, not a silent overwrite."""
    seen: dict[str, str] = {}
    duplicates = 0
    for path in files:
        items: Iterable[Item]
        if isinstance(path, ReadError):
            items = [path]
        elif (kind := kind_of(path)) == "stdin":
            items = read_stdin(fields)
        elif kind == "jsonl":
            items = read_jsonl(path, fields)
        elif kind == "csv":
            items = read_csv(path, fields)
        else:
            items = [read_text_file(path)]
        for item in items:
            where = item.where or item.source
            if item.doc_id in seen:
                # Reported under an id of its own, so documents.csv keeps one row per doc_id.
                duplicates += 1
                message = f"{where}: duplicate doc_id {item.doc_id!r} (first read at {seen[item.doc_id]})"
                yield ReadError(f"{item.doc_id}~duplicate{duplicates}", item.source, message, where)
                continue
            seen[item.doc_id] = where
            yield item


def count_articles(files: Iterable[Path | ReadError], fields: Fields = _DEFAULT_FIELDS) -> int | None:
    """How many articles the files hold, for the progress bar: files, non-empty JSON lines, CSV records (a text
    with line breaks is one record); None when standard input is among them (it cannot be read twice)."""
    total = 0
    for path in files:
        if isinstance(path, ReadError):
            total += 1
            continue
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
                    total += sum(1 for line in _bounded_lines(stream, MAX_RECORD_BYTES) if line is None or line.strip())
        except (OSError, EOFError, csv.Error):
            total += 1
    return total
