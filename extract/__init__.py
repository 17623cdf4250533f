"""Structured facts out of Indonesian news: figures, dates, officials and claims, rule-based on spaCy.

>>> import extract
>>> result = extract.extract_text("Iuran naik 12% menjadi Rp5 triliun pada 2024.")
>>> [(f.kind, str(f.value)) for f in result.figures]
[('percent', '12'), ('money', '5000000000000')]

The names below are imported when first used, so that `import extract` (and every command that only reads a
dataset) does not pay for importing spaCy.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("idnews-extract")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from extract.extraction import extract_articles, extract_text
    from extract.pipeline import build_pipeline

__all__ = ["__version__", "build_pipeline", "extract_articles", "extract_paths", "extract_text"]

_LAZY = {
    "build_pipeline": "extract.pipeline",
    "extract_articles": "extract.extraction",
    "extract_text": "extract.extraction",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


def extract_paths(*paths: str) -> dict[str, Any]:
    """Extracts every article in the given files or folders (.txt, .jsonl, .csv, also .gz) in this process and
    returns the tables `extract run` writes as pandas DataFrames, keyed by table name (figure values as floats).
    For a large corpus use `extract run`, which streams to disk on all cores."""
    from pathlib import Path

    from extract.extraction import extract_articles
    from extract.io.readers import input_files, read_articles
    from extract.io.writers import to_frames

    files, problems = input_files([Path(p) for p in paths])
    if not files:
        raise FileNotFoundError("; ".join(problems) or "no paths given")
    return to_frames(extract_articles(read_articles(files)))
