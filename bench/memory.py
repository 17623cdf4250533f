"""Memory over a long run: does the extractor's memory level off when every article brings new words?

    python bench/memory.py [CORPUS.jsonl] [--articles N] [--passes K]

Runs the first N articles of the corpus (default: the bulk corpus beside the project) K times through one pipeline,
each time with new names and numbers (every digit redrawn, every capitalised word given a new ending), as years of
fresh news would bring, and prints after each pass the process's resident memory, the number of strings the
vocabulary holds, and the seconds the pass took. Memory should level off once the vocabulary is full
(extract.extraction.MAX_VOCABULARY).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "id_news_bulk.jsonl"


def _resident_mb() -> float:
    with open("/proc/self/statm") as stream:  # Linux: pages resident now (ru_maxrss would only give the peak)
        return int(stream.read().split()[1]) * 4096 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--passes", type=int, default=9)
    args = parser.parse_args()

    from extract.extraction import extract_articles
    from extract.io.readers import Article, read_articles
    from extract.pipeline import default_pipeline

    readable = (item for item in read_articles([args.corpus]) if isinstance(item, Article))
    texts = [article.text for article in islice(readable, args.articles)]
    nlp = default_pipeline()
    draw = random.Random(0)
    print(f"{'pass':>4} {'articles':>9} {'resident MB':>12} {'strings':>9} {'seconds':>8}")
    for number in range(args.passes):
        renamed = [re.sub(r"\d", lambda _: str(draw.randrange(10)), text) for text in texts]
        renamed = [re.sub(r"\b([A-Z][a-z]+)\b", rf"\g<1>x{number}", text) for text in renamed]
        articles = [Article(doc_id=f"{number}-{i}", text=text, source="memory") for i, text in enumerate(renamed)]
        started = time.perf_counter()
        for _ in extract_articles(articles, nlp):
            pass
        seconds = time.perf_counter() - started
        print(
            f"{number + 1:4d} {(number + 1) * len(texts):9d} {_resident_mb():12.0f} {len(nlp.vocab.strings):9d} "
            f"{seconds:8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
