"""End-to-end: the pipeline scored against the gold files, with thresholds that only go up."""

from __future__ import annotations

import pytest

from extract.evaluate import check_thresholds, evaluate_directories

from .conftest import ROOT, TESTS

SEED = (TESTS / "gold" / "seed", ROOT / "data" / "raw")
DEV = (TESTS / "gold" / "dev" / "gold", TESTS / "gold" / "dev" / "raw")

# Issue numbers to reach, and what the pipeline reached when the gate was set (a drop below either fails).
GATES = {
    "seed": (
        SEED,
        "figures=0.97,dates=0.93,figures.unit=0.9,figures.qualifier=0.9,figures.period=0.9,"
        "officials=0.95,officials.title=0.9,claims=0.9,claims.attributed=0.85,figures.speaker=0.9",
    ),
    "dev": (DEV, "figures=0.9,dates=0.85,officials=0.85,claims=0.8,claims.attributed=0.75"),
    "seed-reached": (
        SEED,
        "figures=1.0,dates=1.0,figures.unit=1.0,figures.qualifier=1.0,figures.period=1.0,"
        "officials=1.0,officials.title=1.0,claims=1.0,claims.attributed=1.0,figures.speaker=1.0",
    ),
    "dev-reached": (
        DEV,
        "figures=0.99,dates=0.99,figures.unit=0.98,figures.qualifier=0.98,figures.period=0.98,"
        "officials=0.98,officials.title=0.95,claims=0.98,claims.attributed=0.98,figures.speaker=0.98",
    ),
}


@pytest.fixture(scope="module")
def reports(nlp):
    return {"seed": evaluate_directories(*SEED, nlp), "dev": evaluate_directories(*DEV, nlp)}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_gold_thresholds(reports, gate):
    (gold_dir, _), spec = GATES[gate]
    report = reports["seed" if gold_dir == SEED[0] else "dev"]
    assert check_thresholds(report, spec) == []


def test_seed_figures_match_gold_exactly(reports):
    errors = reports["seed"]["errors"]
    assert all(not e["figures"]["missing"] and not e["figures"]["spurious"] for e in errors.values())
