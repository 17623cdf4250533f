"""Shared fixtures: one pipeline for the whole session (building it loads and validates every pattern file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import default_pipeline

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(scope="session")
def nlp():
    return default_pipeline()
