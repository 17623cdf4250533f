"""The built wheel, installed (not editable) into a fresh environment, finds its shipped patterns."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_installed_wheel_runs_from_any_folder(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("*.whl"))
    # The wheel alone goes into a folder of its own; its dependencies come from the running environment.
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("EXTRACT_PATTERNS", None)
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "003_3d7efd971b6dcfca.txt", articles)
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [str(target / "bin" / "extract"), "run", str(articles), "--out", str(work / "out")],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    location = subprocess.run(
        [sys.executable, "-c", "import extract.patterns as p; print(p.patterns_dir())"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout.strip()
    assert location == str(target / "extract" / "patterns")
    with (work / "out" / "figures.csv").open(encoding="utf-8") as stream:
        texts = [row["text"] for row in csv.DictReader(stream)]
    assert "Rp 52,3 miliar" in texts
