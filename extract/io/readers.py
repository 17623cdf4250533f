"""Reading articles: .txt files and folders of them. A bad file becomes a ReadError naming it, never an exception."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_CHARS = 5_000_000  # a news article is a few thousand characters; more is a scraping accident
_TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    source: str
    title: str | None = None
    publication_date: str | None = None  # from metadata, ISO YYYY-MM-DD


@dataclass(frozen=True)
class ReadError:
    doc_id: str
    source: str
    error: str


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _TITLE_MAX_CHARS else None
    return None


def read_text_file(path: Path) -> Article | ReadError:
    """One .txt article; doc_id is the file stem."""
    doc_id, source = path.stem, str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadError(doc_id, source, f"{path}: cannot read: {error.strerror}")
    if b"\x00" in data[:8192]:
        return ReadError(doc_id, source, f"{path}: binary file (contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return ReadError(doc_id, source, f"{path}: not UTF-8 (invalid byte at offset {error.start})")
    if not text.strip():
        return ReadError(doc_id, source, f"{path}: empty file")
    if len(text) > MAX_CHARS:
        return ReadError(doc_id, source, f"{path}: {len(text):,} characters, more than the {MAX_CHARS:,} limit")
    return Article(doc_id, text, source, _title(text))


class InputProblem(Exception):
    """An input path that gives no articles at all (missing, or a folder without .txt files)."""


def text_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The .txt files named or found (recursively, sorted) in folders, and a message for each path that gave none."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                problems.append(f"{path}: folder has no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def read_articles(files: Iterable[Path]) -> Iterator[Article | ReadError]:
    """Articles in order; a second file with an already-seen doc_id is an error, not a silent overwrite."""
    seen: dict[str, str] = {}
    for path in files:
        item = read_text_file(path)
        if item.doc_id in seen:
            yield ReadError(
                item.doc_id, str(path), f"{path}: duplicate doc_id {item.doc_id!r} (also {seen[item.doc_id]})"
            )
            continue
        seen[item.doc_id] = str(path)
        yield item
