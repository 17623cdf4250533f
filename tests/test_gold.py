"""End-to-end: the pipeline scored against the gold files, with thresholds that only go up."""

from __future__ import annotations

import pytest

from extract.evaluate import check_thresholds, evaluate_directories

from .conftest import ROOT, TESTS

SEED = (TESTS / "gold" / "seed", ROOT / "data" / "raw")
DEV = (TESTS / "gold" / "dev" / "gold", TESTS / "gold" / "dev" / "raw")
DEV2 = (TESTS / "gold" / "dev2" / "gold", TESTS / "gold" / "dev2" / "raw")
SETS = {"seed": SEED, "dev": DEV, "dev2": DEV2}

# Issue numbers to reach, and what the pipeline reached when the gate was set (a drop below either fails).
GATES = {
    "seed": (
        "seed",
        "figures=0.97,dates=0.93,figures.unit=0.9,figures.qualifier=0.9,figures.period=0.9,"
        "officials=0.95,officials.title=0.9,claims=0.9,claims.attributed=0.85,figures.speaker=0.9",
    ),
    "dev": ("dev", "figures=0.9,dates=0.85,officials=0.85,claims=0.8,claims.attributed=0.75"),
    "dev2": ("dev2", "figures=0.95,dates=0.93,officials=0.92,claims=0.92,claims.attributed=0.88"),
    # Issue 13 on every set.
    "seed-frames": ("seed", "figures.measure=0.9,figures.time=0.92,figures.region=0.92"),
    "dev-frames": ("dev", "figures.measure=0.9,figures.time=0.92,figures.region=0.92"),
    "dev2-frames": ("dev2", "figures.measure=0.9,figures.time=0.92,figures.region=0.92,figures.value_measure=0.88"),
    "seed-reached": (
        "seed",
        "figures=1.0,dates=1.0,figures.unit=1.0,figures.qualifier=1.0,figures.period=1.0,"
        "officials=1.0,officials.title=1.0,claims=1.0,claims.attributed=1.0,figures.speaker=1.0,"
        "figures.measure=0.94,figures.time=1.0,figures.region=1.0,figures.value_measure=0.94",
    ),
    "dev-reached": (
        "dev",
        "figures=0.99,dates=0.99,figures.unit=0.98,figures.qualifier=0.98,figures.period=0.98,"
        "officials=0.98,officials.title=0.95,claims=0.98,claims.attributed=0.98,figures.speaker=0.98,"
        "figures.measure=0.915,figures.time=0.99,figures.region=0.935,figures.value_measure=0.915",
    ),
    "dev2-reached": (
        "dev2",
        "figures=0.99,dates=0.99,figures.unit=0.99,figures.qualifier=0.99,figures.period=0.99,"
        "officials=0.97,officials.title=0.98,claims=0.99,claims.attributed=0.99,figures.speaker=0.99,"
        "figures.measure=0.915,figures.time=0.97,figures.region=0.94,figures.value_measure=0.915",
    ),
}


@pytest.fixture(scope="module")
def reports(nlp):
    return {name: evaluate_directories(*paths, nlp) for name, paths in SETS.items()}


@pytest.mark.parametrize("gate", sorted(GATES))
def test_gold_thresholds(reports, gate):
    name, spec = GATES[gate]
    assert check_thresholds(reports[name], spec) == []


def test_seed_figures_match_gold_exactly(reports):
    errors = reports["seed"]["errors"]
    assert all(not e["figures"]["missing"] and not e["figures"]["spurious"] for e in errors.values())
