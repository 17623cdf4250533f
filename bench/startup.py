"""How quickly the commands that do not extract answer: they must not pay for importing spaCy.

    python bench/startup.py [--data DIR] [--repeat N] [--json FILE]

Runs each command N times in a fresh process (the installed `extract` command where there is one, else
`python -m extract`) and prints the fastest wall-clock time, and whether the process imported spaCy (it must not:
checked with `python -X importtime` on a second run). Goals on the project's 2-core machine: `--help` and
`--version` under 1 s, `stats` and `query` under 2 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"--help": 1.0, "--version": 1.0, "stats": 2.0, "query": 2.0}


def commands(data: Path) -> dict[str, list[str]]:
    return {
        "--help": ["--help"],
        "--version": ["--version"],
        "stats": ["stats", "--data", str(data)],
        "query": ["query", "SELECT kind, count(*) AS n FROM figures GROUP BY kind", "--data", str(data)],
    }


def _prefix() -> list[str]:
    installed = shutil.which("extract")
    return [installed] if installed else [sys.executable, "-m", "extract"]


def measure(data: Path, repeat: int) -> dict[str, dict[str, float | bool]]:
    results: dict[str, dict[str, float | bool]] = {}
    for name, arguments in commands(data).items():
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([*_prefix(), *arguments], check=True, capture_output=True, cwd=ROOT)
            best = min(best, time.perf_counter() - started)
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "extract", *arguments],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stderr
        spacy = any(line.rstrip().endswith("| spacy") for line in imports.splitlines())
        results[name] = {"seconds": best, "goal": GOALS[name], "imports_spacy": spacy}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "processed", help="a dataset for stats and query")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (the fastest counts)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = measure(args.data, args.repeat)
    print(f"{'command':<12} {'seconds':>8} {'goal':>6}  spaCy imported")
    for name, row in results.items():
        print(f"{name:<12} {row['seconds']:>8.3f} {row['goal']:>6.1f}  {'yes' if row['imports_spacy'] else 'no'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
