"""Shared fixtures: one pipeline for the whole session (building it loads and validates every pattern file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract.pipeline import default_pipeline

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
