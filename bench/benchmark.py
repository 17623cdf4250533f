"""Throughput benchmark: the extractor against spaCy's tokenizer (the floor) and dateparser.search_dates (a peer).

    python bench/benchmark.py [CORPUS.jsonl] [--limit N] [--peer-limit N] [--workers N] [--json FILE]

Runs, on the same articles (default: the bulk corpus beside the project, ../shared/corpus/id_news_bulk.jsonl):
  (a) spaCy's blank "id" tokenizer alone; (a2) for comparison, the pipeline's own tokenizer alone (the same rules
      plus a few for scraped text, its affix searches memoised);
  (b) the full extraction (`extract run`, tables written) with 1 worker;
  (c) the same with all workers;
  (d) dateparser.search_dates over some of the same articles, spread evenly over the corpus (it is slow; its docs/s
      is what is compared): with languages=["id"] (--peer-limit articles) and with its default, language-detecting
      call (--peer-default-limit articles).
Each stage runs in a fresh process, so its peak memory (largest resident set of the process and its workers) is its
own. Set-up is outside the clock: spaCy's blank pipeline for (a), the extraction pipeline for (b) and (c), whose
forked workers inherit it (where processes are started by spawning, the workers of (c) build theirs on the clock).
Prints docs/s, chars/s and peak memory per stage and the ratios b/a, c/b and b/d.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "id_news_bulk.jsonl"


def _texts(corpus: Path, limit: int | None, sample: int | None = None) -> list[str]:
    """The first `limit` articles; with `sample`, that many of them spread evenly (the corpus is ordered by source,
    and the sources differ in length)."""
    texts = []
    with corpus.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    if sample and sample < len(texts):
        step = len(texts) / sample
        texts = [texts[int(k * step)] for k in range(sample)]
    return texts


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # kilobytes on Linux


def stage(name: str, corpus: Path, limit: int | None, workers: int, sample: int | None) -> dict:
    """One measurement, run in this process."""
    texts = _texts(corpus, limit, sample)
    chars = sum(len(text) for text in texts)
    if name in ("tokenizer", "pipeline_tokenizer"):
        import spacy

        if name == "tokenizer":
            tokenizer = spacy.blank("id").tokenizer
        else:
            from extract.pipeline import default_pipeline

            tokenizer = default_pipeline().tokenizer
        started = time.perf_counter()
        for _ in tokenizer.pipe(texts, batch_size=256):
            pass
    elif name in ("search_dates", "search_dates_any_language"):
        from dateparser.search import search_dates

        languages = ["id"] if name == "search_dates" else None  # None: dateparser detects the language itself
        started = time.perf_counter()
        for text in texts:
            search_dates(text, languages=languages)
    else:
        from extract.batch import run
        from extract.pipeline import default_pipeline

        default_pipeline()  # built before the clock starts, as the tokenizer of (a) is; forked workers inherit it
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "articles.jsonl"
            with source.open("w", encoding="utf-8") as stream:
                for number, text in enumerate(texts):
                    stream.write(json.dumps({"id": f"a{number:06d}", "text": text}, ensure_ascii=False) + "\n")
            started = time.perf_counter()
            summary = run([source], Path(folder) / "out", workers=workers, quiet=True)
            if summary.failed:
                raise SystemExit(f"{summary.failed} articles failed: {summary.errors[:3]}")
    seconds = time.perf_counter() - started
    return {"stage": name, "docs": len(texts), "chars": chars, "seconds": seconds, "peak_mb": _peak_mb()}


def _run_stage(name: str, corpus: Path, limit: int | None, workers: int, sample: int | None = None) -> dict:
    command = [sys.executable, __file__, str(corpus), "--stage", name, "--workers", str(workers)]
    if limit:
        command += ["--limit", str(limit)]
    if sample:
        command += ["--sample", str(sample)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--peer-limit", type=int, default=300, help="articles for search_dates(languages=['id'])")
    parser.add_argument(
        "--peer-default-limit", type=int, default=40, help="articles for search_dates with its default languages"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers for stage (c)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.corpus, args.limit, args.workers, args.sample)))
        return
    if not args.corpus.is_file():
        raise SystemExit(f"{args.corpus}: corpus not found (pass a JSON Lines file with a 'text' field)")
    results = {
        "a_tokenizer": _run_stage("tokenizer", args.corpus, args.limit, 1),
        "a2_pipeline_tokenizer": _run_stage("pipeline_tokenizer", args.corpus, args.limit, 1),
        "b_extract_1_worker": _run_stage("extract", args.corpus, args.limit, 1),
        f"c_extract_{args.workers}_workers": _run_stage("extract", args.corpus, args.limit, args.workers),
        "d_search_dates_id": _run_stage("search_dates", args.corpus, args.limit, 1, args.peer_limit),
        "d_search_dates_default": _run_stage(
            "search_dates_any_language", args.corpus, args.limit, 1, args.peer_default_limit
        ),
    }
    print(f"{'stage':28} {'docs':>6} {'seconds':>8} {'docs/s':>9} {'chars/s':>11} {'peak MB':>8}")
    rates = {}
    for name, result in results.items():
        rate = result["docs"] / result["seconds"]
        rates[name] = rate
        print(
            f"{name:28} {result['docs']:6d} {result['seconds']:8.1f} {rate:9.1f} "
            f"{result['chars'] / result['seconds']:11.0f} {result['peak_mb']:8.0f}"
        )
    a, a2, b, c = (rates[name] for name in list(results)[:4])
    ratios = {
        "b/a": b / a,
        "b/a2 (against the pipeline's own tokenizer)": b / a2,
        "c/b": c / b,
        "b/d (search_dates, languages=['id'])": b / rates["d_search_dates_id"],
        "b/d (search_dates, default languages)": b / rates["d_search_dates_default"],
    }
    for name, value in ratios.items():
        print(f"{name} = {value:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "ratios": ratios}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
