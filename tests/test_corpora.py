"""Example corpora (Duckling style): each text gives exactly the listed records; each negative gives none.

tests/corpus/<dimension>.yaml holds a context (reference date), examples and negatives. A record's `rule:` is the rule
that must find it; every rule of patterns/dates.jsonl and patterns/figures.jsonl finds at least one record.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extract import extract_text, patterns
from extract.components.dates import RELATIVE_RULE

CORPUS = Path(__file__).resolve().parent / "corpus"


def _load(name: str) -> dict:
    return yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))


def _reference(corpus: dict, example: dict) -> str | None:
    if "reference_date" in example:
        return example["reference_date"]
    return (corpus.get("context") or {}).get("reference_date")


def _cases(name: str, key: str) -> list:
    corpus = _load(name)
    cases = [
        pytest.param(example[key], example["text"], _reference(corpus, example), id=example["text"][:60])
        for example in corpus["examples"]
    ]
    return cases


def _negatives(name: str) -> list:
    corpus = _load(name)
    reference = (corpus.get("context") or {}).get("reference_date")
    return [pytest.param(text, reference, id=text[:60]) for text in corpus["negatives"]]


def _contains_either(expected: str | None, found: str | None) -> bool:
    # ANNOTATION.md scores units and titles by containment ("pekerja" vs "pekerja rentan"); the corpora do the same,
    # for organisations and regions too.
    if expected is None or found is None:
        return expected is found
    return expected.lower() in found.lower() or found.lower() in expected.lower()


def _assert_rules(found: list, expected: list[dict]) -> None:
    """Each record whose example names a `rule:` was found by that rule."""
    assert [(f.text, f.rule) for f, e in zip(found, expected, strict=True) if "rule" in e] == [
        (e["text"], e["rule"]) for e in expected if "rule" in e
    ]


def _rule_cases() -> list:
    cases = []
    for name, extra in (("dates", [RELATIVE_RULE]), ("figures", [])):
        for rule_id in [rule.id for rule in patterns.rules(name)] + extra:
            cases.append(pytest.param(name, rule_id, id=f"{name}:{rule_id}"))
    return cases


@pytest.mark.parametrize(("name", "rule_id"), _rule_cases())
def test_every_rule_has_an_example(name, rule_id):
    """Duckling's habit: a rule is shown by an example; the example's `rule:` is checked by the tests above."""
    recorded = {record["rule"] for example in _load(name)["examples"] for record in example[name] if "rule" in record}
    assert rule_id in recorded, f"no example of {name}.yaml is found by rule {rule_id!r}: write one, with `rule:`"


@pytest.mark.parametrize(("expected", "text", "reference"), _cases("figures", "figures"))
def test_figure_examples(nlp, expected, text, reference):
    figures = extract_text(text, publication_date=reference, nlp=nlp).figures
    found = [
        {
            "text": f.text,
            "kind": f.kind,
            "value": f.value,
            "value_max": f.value_max,
            "qualifier": f.qualifier,
            "change": f.change,
            "period": f.period,
            "unit": f.unit,
        }
        for f in figures
    ]
    wanted = [
        {
            "text": e["text"],
            "kind": e["kind"],
            "value": Decimal(str(e["value"])),
            "value_max": Decimal(str(e["value_max"])) if e.get("value_max") is not None else None,
            "qualifier": e.get("qualifier"),
            "change": e.get("change"),
            "period": e.get("period"),
            "unit": e.get("unit"),
        }
        for e in expected
    ]
    assert [f["text"] for f in found] == [w["text"] for w in wanted]
    _assert_rules(figures, expected)
    for got, want in zip(found, wanted, strict=True):
        assert _contains_either(want.pop("unit"), got.pop("unit")), (got, want)
        assert got == want


@pytest.mark.parametrize(("text", "reference"), _negatives("figures"))
def test_figure_negatives(nlp, text, reference):
    assert [f.text for f in extract_text(text, publication_date=reference, nlp=nlp).figures] == []


@pytest.mark.parametrize(("expected", "text", "reference"), _cases("dates", "dates"))
def test_date_examples(nlp, expected, text, reference):
    dates = extract_text(text, publication_date=reference, nlp=nlp).dates
    assert [(d.text, d.value) for d in dates] == [(e["text"], e["value"]) for e in expected]
    _assert_rules(dates, expected)


@pytest.mark.parametrize(("text", "reference"), _negatives("dates"))
def test_date_negatives(nlp, text, reference):
    assert [d.text for d in extract_text(text, publication_date=reference, nlp=nlp).dates] == []


@pytest.mark.parametrize(("expected", "text", "reference"), _cases("officials", "officials"))
def test_official_examples(nlp, expected, text, reference):
    found = {o.name: o for o in extract_text(text, nlp=nlp).officials}
    assert sorted(found) == sorted(e["name"] for e in expected)
    for want in expected:
        got = found[want["name"]]
        assert sorted(got.aliases) == sorted(want.get("aliases") or []), got
        for attribute in ("title", "organisation", "region"):
            assert _contains_either(want.get(attribute), getattr(got, attribute)), (attribute, got)


@pytest.mark.parametrize(("text", "reference"), _negatives("officials"))
def test_official_negatives(nlp, text, reference):
    assert [o.name for o in extract_text(text, nlp=nlp).officials] == []


@pytest.mark.parametrize(("expected", "text", "reference"), _cases("claims", "claims"))
def test_claim_examples(nlp, expected, text, reference):
    claims = extract_text(text, nlp=nlp).claims
    # Claim texts are compared with runs of whitespace folded, as gold texts are written (ANNOTATION.md).
    found = [(c.speaker, c.type, " ".join(c.text.split())) for c in claims]
    assert found == [(e["speaker"], e["type"], " ".join(e["text"].split())) for e in expected]


@pytest.mark.parametrize(("text", "reference"), _negatives("claims"))
def test_claim_negatives(nlp, text, reference):
    assert [c.text for c in extract_text(text, nlp=nlp).claims] == []


def _frame_cases() -> list:
    corpus = _load("frames")
    reference = (corpus.get("context") or {}).get("reference_date")
    return [
        pytest.param(example["frames"], example["text"], reference, id=example["text"][:60])
        for group in ("examples", "negatives")
        for example in corpus[group]
    ]


@pytest.mark.parametrize(("expected", "text", "reference"), _frame_cases())
def test_frame_examples(nlp, expected, text, reference):
    """Every figure of the text gets exactly the listed measure, time and region (the negatives: none of the places
    and dates their sentence holds for another reason)."""
    figures = extract_text(text, publication_date=reference, nlp=nlp).figures
    found = [{"figure": f.text, "measure": f.measure, "time": f.time, "region": f.region} for f in figures]
    assert found == expected
