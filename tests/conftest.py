"""Shared fixtures: one pipeline for the whole session (building it loads and validates every pattern file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extract.pipeline import default_pipeline, make_doc

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(scope="session")
def nlp():
    return default_pipeline()


def require(present: bool, what: str) -> None:
    """Skips a test whose tool (a browser, say) this machine lacks, naming it; CI, which installs every tool,
    sets EXTRACT_REQUIRE_ALL=1 and so fails instead of skipping."""
    if present:
        return
    if os.environ.get("EXTRACT_REQUIRE_ALL") == "1":
        pytest.fail(f"{what} is missing, and EXTRACT_REQUIRE_ALL=1 forbids skipping this test")
    pytest.skip(f"{what} is missing on this machine (.ci/run installs it)")


def doc_before(nlp: Language, text: str, component: str) -> Doc:
    """The text through the pipeline's components that run before `component`, so that a test can run a component
    of its own making in its place."""
    doc = make_doc(nlp, text)
    for name, step in nlp.pipeline:
        if name == component:
            break
        doc = step(doc)
    return doc
