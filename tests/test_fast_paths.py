"""The shortcuts taken for speed give the answers of the plain way, on every text the tests hold.

Matchers run only on windows after tokens that can open a rule; affix searches are memoised; sentence starts are
looked for only at tokens after which a sentence can start; relative days are resolved from the lexicon, not by
dateparser. Each is checked here against the plain computation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dateparser
import pytest
import yaml
from spacy.tokenizer import Tokenizer

from extract import patterns, pipeline
from extract.components.dates import load_lexicons as date_lexicons
from extract.components.sentences import _wire_dateline_starts

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((TESTS / "gold" / "dev" / "raw").glob("*.txt"))]
    for corpus in sorted((TESTS / "corpus").glob("*.yaml")):
        loaded = yaml.safe_load(corpus.read_text(encoding="utf-8"))
        texts += [example["text"] for example in loaded["examples"]]
        texts += [item if isinstance(item, str) else item["text"] for item in loaded.get("negatives", [])]
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("component", ["extract_dates", "extract_figures"])
def test_windows_find_every_match_of_the_whole_doc(nlp, component):
    finder = nlp.get_pipe(component)
    for text in TEXTS:
        doc = nlp.make_doc(text)
        whole = sorted(finder.matcher.matcher(doc))
        windowed = sorted(set(finder.matcher(doc)))
        assert windowed == whole, text[:80]


def test_memoised_tokenizer_splits_as_the_plain_rules_do(nlp):
    plain = pipeline.news_tokenizer(nlp, memoise=False)
    for _ in range(2):  # the second pass is answered from the caches
        for text in TEXTS:
            assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in plain(text)], text[:80]


def test_memoised_tokenizer_keeps_its_rules_when_serialised(nlp):
    restored = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    text = "Harga naik 5%,kata dia (Rp10.000)."
    assert [t.text for t in restored(text)] == [t.text for t in nlp.tokenizer(text)]


def _plain_sentence_starts(doc) -> list[int]:
    """Sentence starts by the rule read token by token: the first word, the word after a line break, after a full
    stop or closing quote that ends a sentence (also when the scraper glued a paragraph comma after it), and where
    page furniture begins or ends. The mojibake of a no-break space is a space; that of curly quotes, a quote."""
    abbreviations = patterns.words("abbreviations")
    ends = {".", "!", "?", "…", "...", "!!", "!!!", "?!"}
    closing = {"”", '"', "’", "'", "‚Äù", "‚Äô"}
    openers = ("“", '"', "'", "‘", "(", "‚Äú", "‚Äò")
    starts, line_break, last, glued_comma = [], True, None, False
    for token in doc:
        if token.is_space or token.text == "¬†":
            line_break = line_break or "\n" in token.text
            continue
        # ".,Rizal": the comma glued after a sentence end stands for a paragraph break; the word after decides.
        if (
            token.text == ","
            and last is not None
            and (glued_comma or (last.text in ends | closing and token.i == last.i + 1))
        ):
            glued_comma = True
            continue
        begins = last is None or line_break
        if (
            not begins
            and (last.text in ends or last.text in closing)
            and token.text == ","
            and token.i + 1 < len(doc)
            and not doc[token.i + 1].is_space
        ):
            continue  # a paragraph break the scraper turned into commas ("naik.,Kepala"): the next word may begin
        if not begins and (last.text in ends or last.text in closing):
            first = token.text[0]
            if first.isupper() or first.isdigit() or token.text.startswith(openers):
                before = doc[last.i - 1] if last.i > 0 and not doc[last.i - 1].is_space else None
                if last.text in ends:
                    begins = not (
                        last.text == "."
                        and before is not None
                        and (f"{before.lower_}." in abbreviations or (len(before) == 1 and before.text.isupper()))
                    )
                else:
                    begins = last.i > 0 and doc[last.i - 1].text in ends
        if not begins and token.i > 0 and doc._.extract_furniture[token.i - 1] != doc._.extract_furniture[token.i]:
            begins = True
        if begins:
            starts.append(token.i)
        line_break, last, glued_comma = False, token, False
    # Wire datelines inside a line ("... berlaku,"Mentok, Babel (ANTARA) - ...") open a sentence by their own rule.
    starts.extend(_wire_dateline_starts(doc))
    return sorted({0, *starts})


def test_sentence_starts_are_those_of_the_token_by_token_rule(nlp):
    for text in TEXTS:
        doc = nlp(text)
        assert doc._.extract_sentence_starts == _plain_sentence_starts(doc), text[:80]


@pytest.mark.parametrize("reference", [dt.date(2024, 2, 28), dt.date(2025, 12, 31)])
def test_relative_days_agree_with_dateparser(reference):
    """Relative days are read from relative_dates.tsv; dateparser either agrees or does not know the phrase."""
    base = dt.datetime(reference.year, reference.month, reference.day)
    for phrase, (unit, offset) in date_lexicons().relative.items():
        if unit != "day":
            continue
        parsed = dateparser.parse(phrase, languages=["id"], settings={"RELATIVE_BASE": base})
        assert parsed is None or parsed.date() == reference + dt.timedelta(days=int(offset)), phrase
