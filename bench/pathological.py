"""Time against input size on the inputs that made spaCy's tokenizer quadratic: whitespace-free runs of punctuation
and of a repeated word, as scraped pages hold them (separator lines, base64 images, minified scripts).

    python bench/pathological.py [--sizes 10000,100000,1000000] [--json FILE]

For each kind of run and each size, one article (a sentence, the run, a sentence) goes through the whole
extraction; prints seconds and microseconds per character. Linear time shows as a flat microseconds-per-character
column (and a time ratio close to the size ratio); spaCy's own tokenizer takes half a minute on 4,000 hyphens.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

RUNS = {"hyphens": "-", "Rp": "Rp", "curly quotes": "“", "equals signs": "=", "base64-like": "QUJD+/9x"}


def measure(sizes: list[int]) -> dict[str, list[dict[str, float]]]:
    from extract.extraction import extract_articles
    from extract.io.readers import Article
    from extract.pipeline import default_pipeline

    nlp = default_pipeline()
    results: dict[str, list[dict[str, float]]] = {}
    for name, unit in RUNS.items():
        rows = []
        for size in sizes:
            text = f"Harga naik 5 persen. {unit * (size // len(unit))} Lalu turun 3 persen."
            started = time.perf_counter()
            (result,) = extract_articles([Article(f"{name}-{size}", text, "bench")], nlp, budget=None)
            seconds = time.perf_counter() - started
            assert result.status == "ok", result.error
            rows.append({"chars": len(text), "seconds": seconds, "us_per_char": seconds / len(text) * 1e6})
        results[name] = rows
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="run lengths in characters, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = measure(sizes)
    print(f"{'run':<14} {'chars':>10} {'seconds':>9} {'µs/char':>8}")
    for name, rows in results.items():
        for row in rows:
            print(f"{name:<14} {row['chars']:>10,} {row['seconds']:>9.3f} {row['us_per_char']:>8.3f}")
        growth = rows[-1]["seconds"] / max(rows[0]["seconds"], 1e-9)
        print(f"{'':<14} size x{rows[-1]['chars'] / rows[0]['chars']:.0f}, time x{growth:.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
