"""Tests for extract.evaluate, the scorer that implements ANNOTATION.md's rules."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from extract.evaluate import (
    EvaluationError,
    check_thresholds,
    format_report,
    load_gold,
    locate_gold,
    score,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLD_SETS = [
    (HERE / "gold" / "seed", ROOT / "data" / "raw"),
    (HERE / "gold" / "dev" / "gold", HERE / "gold" / "dev" / "raw"),
]

TEXT = (
    "Jakarta, Selasa, 12 November 2024. Menurut Peraturan Nomor 4 Tahun 2025, bantuan naik.\n"
    "Kepala Dinas Budi Santoso mengatakan bahwa sebanyak 4 orang menerima Rp5 triliun.\n"
    "“Kami menyalurkan 56,7% dana pada bulan Februari lalu,” kata Budi.\n"
    "Sekitar 10 kantor cabang dibuka."
)


def figure(text: str, kind: str, value: float, unit: str | None, **extra) -> dict:
    entry = {
        "text": text,
        "kind": kind,
        "value": value,
        "unit": unit,
        "qualifier": None,
        "change": None,
        "period": None,
    }
    entry.update(extra)
    return entry


def make_gold() -> dict:
    return {
        "doc_id": "doc",
        "publication_date": "2024-11-12",
        "officials": [
            {
                "name": "Budi Santoso",
                "aliases": ["Budi"],
                "title": "Kepala Dinas",
                "organisation": None,
                "region": None,
            },
        ],
        "figures": [
            figure("4", "count", 4, "orang", after="sebanyak"),
            figure("Rp5 triliun", "money", 5e12, "IDR"),
            figure("56,7%", "percent", 56.7, "%"),
            figure("10", "count", 10, "kantor cabang", qualifier="approx"),
        ],
        "dates": [
            {"text": "Selasa, 12 November 2024", "value": "2024-11-12"},
            {"text": "bulan Februari lalu", "value": None},
        ],
        "claims": [
            {
                "speaker": "Budi Santoso",
                "type": "indirect",
                "text": "sebanyak 4 orang menerima Rp5 triliun",
            },
            {
                "speaker": "Budi Santoso",
                "type": "direct",
                "text": "Kami menyalurkan 56,7% dana pada bulan Februari lalu",
            },
        ],
    }


def figure_speaker(entry: dict, claims: list[dict]) -> str | None:
    for claim in claims:
        if claim["char_start"] <= entry["char_start"] and entry["char_end"] <= claim["char_end"]:
            return claim["speaker"]
    return None


def as_predictions(text: str, gold: dict) -> dict[str, list[dict]]:
    """The gold annotations turned into prediction rows: a perfect extractor's output."""
    located = locate_gold(text, gold)
    claims = [c for c in located["claims"] if c["char_start"] is not None]
    figures = []
    for entry in located["figures"]:
        row = {k: v for k, v in entry.items() if k not in ("text", "after")}
        row["value"] = float(row["value"])
        row["value_max"] = None if entry.get("value_max") is None else float(entry["value_max"])
        row["speaker"] = figure_speaker(entry, claims)
        figures.append(row)
    dates = [{k: d[k] for k in ("text", "value", "char_start", "char_end")} for d in located["dates"]]
    return {
        "figures": figures,
        "dates": dates,
        "officials": copy.deepcopy(located["officials"]),
        "claims": [dict(c) for c in located["claims"]],
    }


def run(gold: dict, preds: dict[str, list[dict]], text: str = TEXT) -> dict:
    return score([gold], {gold["doc_id"]: text}, {gold["doc_id"]: preds})


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------
# locate_gold


def test_locate_uses_after_to_skip_earlier_occurrence():
    located = locate_gold(TEXT, make_gold())
    four = located["figures"][0]
    assert TEXT[four["char_start"] : four["char_end"]] == "4"
    # The first "4" is the regulation number; the annotated one follows "sebanyak".
    assert four["char_start"] > TEXT.index("Nomor 4")
    assert TEXT[four["char_start"] :].startswith("4 orang")


def test_locate_without_after_takes_first_occurrence():
    gold = make_gold()
    del gold["figures"][0]["after"]
    four = locate_gold(TEXT, gold)["figures"][0]
    # Plain substring search: the "4" of the dateline's "2024" comes first.
    assert four["char_start"] == TEXT.index("4") < TEXT.index("Nomor 4")


def test_locate_repeated_text_in_list_order():
    text = "Ada 5 orang, lalu 5 orang lagi, dan 5 unit."
    gold = {
        "figures": [figure("5", "count", 5, None) for _ in range(3)],
        "dates": [],
        "claims": [],
    }
    starts = [f["char_start"] for f in locate_gold(text, gold)["figures"]]
    assert starts == [m.start() for m in re.finditer("5", text)]


def test_locate_retries_from_start_when_listed_out_of_order():
    text = "Rp10 juta dulu, kini Rp20 juta."
    gold = {
        "figures": [
            figure("Rp20 juta", "money", 2e7, "IDR"),
            figure("Rp10 juta", "money", 1e7, "IDR"),
        ],
        "dates": [],
        "claims": [],
    }
    located = locate_gold(text, gold)["figures"]
    assert [text[f["char_start"] : f["char_end"]] for f in located] == [
        "Rp20 juta",
        "Rp10 juta",
    ]


@pytest.mark.parametrize("entry_text", ["Rp 52,3 miliar", "Rp  52,3\nmiliar", " Rp 52,3 miliar "])
def test_locate_folds_whitespace(entry_text):
    text = "Anggaran\u00a0sebesar Rp\n  52,3\t\tmiliar disetujui."
    gold = {
        "figures": [figure(entry_text, "money", 52.3e9, "IDR")],
        "dates": [],
        "claims": [],
    }
    entry = locate_gold(text, gold)["figures"][0]
    assert (entry["char_start"], entry["char_end"]) == (
        text.index("Rp"),
        text.index("miliar") + len("miliar"),
    )
    assert fold(text[entry["char_start"] : entry["char_end"]]) == "Rp 52,3 miliar"


def test_locate_missing_entry_gives_none_and_keeps_input_unchanged():
    gold = {"figures": [figure("999", "count", 999, None)], "dates": [], "claims": []}
    located = locate_gold("Tidak ada angka.", gold)
    assert located["figures"][0]["char_start"] is None
    assert located["figures"][0]["char_end"] is None
    assert "char_start" not in gold["figures"][0]


# --------------------------------------------------------------------------
# score: figures


def test_perfect_prediction_scores_one():
    gold = make_gold()
    report = run(gold, as_predictions(TEXT, gold))
    for field in ("figures", "dates", "officials", "claims"):
        assert report[field]["precision"] == report[field]["recall"] == report[field]["f1"] == 1.0
    assert report["claims"]["attributed"]["f1"] == 1.0
    attributes = report["figures"]["attributes"]
    assert all(attributes[name] == 1.0 for name in ("unit", "qualifier", "change", "period", "speaker"))
    assert all(attributes[name] is None for name in ("measure", "time", "region"))  # this gold has no frame
    assert report["officials"]["attributes"]["title"] == 1.0
    assert report["claims"]["attributes"]["attribution"] == 1.0
    assert report["documents"] == 1
    assert report["errors"]["doc"]["figures"] == {
        "missing": [],
        "spurious": [],
        "attribute_mismatches": [],
    }
    json.dumps(report)


def test_missing_figure_lowers_recall():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    dropped = preds["figures"].pop(1)  # Rp5 triliun
    fig = run(gold, preds)["figures"]
    assert (fig["tp"], fig["fp"], fig["fn"]) == (3, 0, 1)
    assert fig["precision"] == 1.0
    assert fig["recall"] == pytest.approx(3 / 4)
    assert fig["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert fig["by_kind"]["money"]["recall"] == 0.0
    assert fig["by_kind"]["count"]["recall"] == 1.0
    missing = run(gold, preds)["errors"]["doc"]["figures"]["missing"]
    assert [m["text"] for m in missing] == ["Rp5 triliun"]
    assert missing[0]["char_start"] == dropped["char_start"]


@pytest.mark.parametrize(
    ("predicted_value", "matches"),
    [
        (56.7, True),
        (56.70000001, True),
        (56.700004, True),  # equal to 6 significant digits
        (56.7001, False),
        (56.7 * 1.01, False),  # 1% off
    ],
)
def test_figure_value_six_significant_digits(predicted_value, matches):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][2]["value"] = predicted_value
    assert run(gold, preds)["figures"]["tp"] == (4 if matches else 3)


def test_figure_large_money_value_six_significant_digits():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][1]["value"] = 5e12 + 1e6  # differs in the 7th digit
    assert run(gold, preds)["figures"]["tp"] == 4
    preds["figures"][1]["value"] = 5.05e12
    assert run(gold, preds)["figures"]["tp"] == 3


@pytest.mark.parametrize(
    ("gold_max", "predicted_max", "matches"),
    [
        (None, None, True),
        (2e6, 2e6, True),
        (2e6, None, False),
        (None, 2e6, False),
        (2e6, 3e6, False),
    ],
)
def test_figure_value_max_matters(gold_max, predicted_max, matches):
    text = "Biaya Rp1-2 juta per orang."
    gold = {
        "doc_id": "r",
        "officials": [],
        "dates": [],
        "claims": [],
        "figures": [figure("Rp1-2 juta", "money", 1e6, "IDR", value_max=gold_max)],
    }
    preds = as_predictions(text, gold)
    preds["figures"][0]["value_max"] = predicted_max
    assert run(gold, preds, text)["figures"]["tp"] == int(matches)


def test_figure_kind_is_part_of_the_key():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][0]["kind"] = "quantity"
    fig = run(gold, preds)["figures"]
    assert (fig["tp"], fig["fp"], fig["fn"]) == (3, 1, 1)
    assert fig["by_kind"]["quantity"]["fp"] == 1
    assert fig["by_kind"]["count"]["fn"] == 1


@pytest.mark.parametrize(
    ("predicted_unit", "ok"),
    [
        ("kantor cabang", True),
        ("Kantor", True),
        ("kantor cabang baru", True),
        ("orang", False),
        (None, False),
    ],
)
def test_figure_unit_containment(predicted_unit, ok):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][3]["unit"] = predicted_unit
    report = run(gold, preds)
    assert report["figures"]["attributes"]["unit"] == (1.0 if ok else 3 / 4)
    mismatches = report["errors"]["doc"]["figures"]["attribute_mismatches"]
    expected = (
        []
        if ok
        else [
            {
                "attribute": "unit",
                "gold": "kantor cabang",
                "predicted": predicted_unit,
                "text": "10",
            }
        ]
    )
    assert mismatches == expected


def test_figure_qualifier_change_period_accuracy():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][3]["qualifier"] = None
    preds["figures"][0]["change"] = "up"
    attrs = run(gold, preds)["figures"]["attributes"]
    assert attrs["qualifier"] == pytest.approx(3 / 4)
    assert attrs["change"] == pytest.approx(3 / 4)
    assert attrs["period"] == 1.0


def test_same_key_figures_pair_in_text_order():
    text = "Sebanyak 5 orang hadir, kemudian 5 pekerja pulang."
    gold = {
        "doc_id": "p",
        "officials": [],
        "dates": [],
        "claims": [],
        "figures": [
            figure("5", "count", 5, "orang"),
            figure("5", "count", 5, "pekerja"),
        ],
    }
    preds = as_predictions(text, gold)
    preds["figures"].reverse()  # listed order must not matter, char_start does
    assert run(gold, preds, text)["figures"]["attributes"]["unit"] == 1.0
    # Only the second occurrence predicted: it is paired with the second gold figure.
    preds = as_predictions(text, gold)
    del preds["figures"][0]
    report = run(gold, preds, text)
    assert report["figures"]["attributes"]["unit"] == 1.0
    assert [m["unit"] for m in report["errors"]["p"]["figures"]["missing"]] == ["orang"]


@pytest.mark.parametrize(
    ("index", "predicted_speaker", "ok"),
    [
        (1, "Budi Santoso", True),
        (1, "budi", True),  # alias, case-insensitive
        (1, "BudiSantoso", True),  # space-insensitive
        (1, "Santoso", False),
        (1, None, False),
        (3, None, True),  # "10" stands outside every claim
        (3, "Budi", False),
    ],
)
def test_figure_speaker_accuracy(index, predicted_speaker, ok):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"][index]["speaker"] = predicted_speaker
    assert run(gold, preds)["figures"]["attributes"]["speaker"] == (1.0 if ok else 3 / 4)


# --------------------------------------------------------------------------
# score: dates


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        ({"text": "bulan Februari lalu", "value": None}, True),
        ({"text": "Bulan  februari\nlalu", "value": None}, True),
        ({"text": "Februari lalu", "value": None}, False),
        ({"text": "bulan Februari lalu", "value": "2024-02"}, False),
    ],
)
def test_date_null_value_matches_by_text(predicted, matches):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["dates"][1].update(predicted)
    dates = run(gold, preds)["dates"]
    assert (dates["tp"], dates["fp"], dates["fn"]) == ((2, 0, 0) if matches else (1, 1, 1))


def test_date_matches_on_value_not_text():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["dates"][0]["text"] = "12 November 2024"
    assert run(gold, preds)["dates"]["f1"] == 1.0
    preds["dates"][0]["value"] = "2024-11-13"
    assert run(gold, preds)["dates"]["recall"] == 0.5


# --------------------------------------------------------------------------
# score: officials


@pytest.mark.parametrize(
    ("name", "matches"),
    [
        ("Budi Santoso", True),
        ("budi", True),
        ("BUDI  SANTOSO", True),
        ("Budi S.", False),
        ("Santoso", False),
    ],
)
def test_official_name_or_alias_match(name, matches):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["officials"][0]["name"] = name
    assert run(gold, preds)["officials"]["tp"] == int(matches)


def test_officials_match_one_to_one():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["officials"] = [
        {"name": "Budi", "title": None},
        {"name": "Budi Santoso", "title": "Kepala Dinas"},
    ]
    off = run(gold, preds)["officials"]
    assert (off["tp"], off["fp"], off["fn"]) == (1, 1, 0)
    # The full name wins the gold entry, so the title compared is the right one.
    assert off["attributes"]["title"] == 1.0


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("Kepala Dinas", True),
        ("kepala", True),
        ("Plt Kepala Dinas Sosial", True),
        ("Bupati", False),
        (None, False),
    ],
)
def test_official_title_accuracy(title, ok):
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["officials"][0]["title"] = title
    assert run(gold, preds)["officials"]["attributes"]["title"] == (1.0 if ok else 0.0)


# --------------------------------------------------------------------------
# score: claims


def test_claim_overlap_matching_and_attribution():
    gold = make_gold()
    located = locate_gold(TEXT, gold)["claims"]
    first, second = located
    preds = {
        "claims": [
            # Overlaps only the first claim, and is attributed by alias.
            {
                "speaker": "Budi",
                "type": "indirect",
                "text": "...",
                "char_start": first["char_start"] - 20,
                "char_end": first["char_start"] + 5,
            },
            # Overlaps the second claim but names the wrong speaker.
            {
                "speaker": "Ani",
                "type": "direct",
                "text": "...",
                "char_start": second["char_start"] + 3,
                "char_end": second["char_end"] + 10,
            },
            # Touches no claim: spans are end-exclusive, so adjacency is no overlap.
            {
                "speaker": "Budi",
                "type": "direct",
                "text": "...",
                "char_start": 0,
                "char_end": 5,
            },
        ]
    }
    claims = run(gold, preds)["claims"]
    assert (claims["tp"], claims["fp"], claims["fn"]) == (2, 1, 0)
    assert claims["attributes"]["attribution"] == 0.5
    att = claims["attributed"]
    assert (att["tp"], att["fp"], att["fn"]) == (1, 2, 1)
    assert att["precision"] == pytest.approx(1 / 3)
    assert att["recall"] == 0.5


def test_claims_greedy_by_largest_overlap():
    text = "Budi mengatakan A A A A. Ani mengatakan B B B B."
    gold = {
        "doc_id": "c",
        "figures": [],
        "dates": [],
        "officials": [{"name": "Budi", "aliases": []}, {"name": "Ani", "aliases": []}],
        "claims": [
            {"speaker": "Budi", "text": "A A A A"},
            {"speaker": "Ani", "text": "B B B B"},
        ],
    }
    a, b = text.index("A A"), text.index("B B")
    preds = {
        "claims": [
            {
                "speaker": "Budi",
                "char_start": a + 5,
                "char_end": b + 1,
            },  # 2 chars of A, 1 of B
            {"speaker": "Ani", "char_start": b, "char_end": b + 7},  # all of B
        ]
    }
    report = run(gold, preds, text)
    assert report["claims"]["tp"] == 2
    assert report["claims"]["attributes"]["attribution"] == 1.0
    # Alone, the straddling prediction takes the claim it overlaps most.
    del preds["claims"][1]
    report = run(gold, preds, text)
    assert report["claims"]["tp"] == 1
    assert [m["text"] for m in report["errors"]["c"]["claims"]["missing"]] == ["B B B B"]


# --------------------------------------------------------------------------
# score: edge cases


def test_no_items_anywhere_scores_one_and_no_predictions_zero():
    empty = {"doc_id": "e", "officials": [], "figures": [], "dates": [], "claims": []}
    report = run(empty, {}, "Teks tanpa isi.")
    assert report["figures"]["f1"] == report["dates"]["recall"] == report["claims"]["attributed"]["f1"] == 1.0
    assert report["figures"]["attributes"]["unit"] is None
    report = score([make_gold()], {"doc": TEXT}, {})
    assert report["figures"]["precision"] == report["figures"]["f1"] == 0.0
    assert report["claims"]["fn"] == 2


def test_micro_average_over_documents():
    gold = make_gold()
    other = copy.deepcopy(gold)
    other["doc_id"] = "doc2"
    preds = {"doc": as_predictions(TEXT, gold), "doc2": {}}
    report = score([gold, other], {"doc": TEXT, "doc2": TEXT}, preds)
    assert report["documents"] == 2
    assert report["figures"]["recall"] == 0.5
    assert report["figures"]["precision"] == 1.0
    assert set(report["errors"]) == {"doc", "doc2"}


# --------------------------------------------------------------------------
# check_thresholds / format_report


def test_check_thresholds():
    gold = make_gold()
    preds = as_predictions(TEXT, gold)
    preds["figures"].pop(1)
    preds["claims"][0]["speaker"] = "Ani"
    report = run(gold, preds)
    assert check_thresholds(report, "dates=1.0, officials=0.9,officials.title=1") == []
    failures = check_thresholds(
        report,
        "figures=0.97,claims.attributed=0.85,figures.unit=0.9,figures.speaker=0.9",
    )
    assert len(failures) == 2
    assert "figures" in failures[0] and "0.857" in failures[0] and "0.97" in failures[0]
    assert "claims.attributed" in failures[1] and "0.5" in failures[1] and "0.85" in failures[1]
    assert check_thresholds(report, "figures.money=0.5") == ["figures.money = 0.0000 is below the threshold 0.5000"]


def test_check_thresholds_unknown_field():
    report = run(make_gold(), {})
    with pytest.raises(ValueError, match=r"valid names:.*figures.unit") as info:
        check_thresholds(report, "figure=0.9")
    assert "'figure'" in str(info.value)
    with pytest.raises(ValueError):
        check_thresholds(report, "figures=high")


def test_a_threshold_on_nothing_to_score_is_an_error():
    """A gate must not pass by accident: an accuracy with no matched pair, or an F1 with no gold and no predicted
    item, cannot be checked."""
    report = run(make_gold(), {})
    with pytest.raises(EvaluationError, match=r"officials\.title.*nothing to score"):
        check_thresholds(report, "officials.title=0.9")
    empty = score([], {}, {})
    with pytest.raises(EvaluationError, match=r"figures=0\.5: nothing to score"):
        check_thresholds(empty, "figures=0.5")


def test_format_report_lists_fields():
    gold = make_gold()
    table = format_report(run(gold, as_predictions(TEXT, gold)))
    for label in (
        "figures",
        "money",
        "dates",
        "officials",
        "claims",
        "claims (attributed)",
        "figures.unit",
        "figures.speaker",
        "officials.title",
        "claims.attribution",
    ):
        assert label in table
    assert "1.000" in table


# --------------------------------------------------------------------------
# load_gold


def test_load_gold_sorted(tmp_path):
    for doc_id in ("b", "a"):
        doc = {
            "doc_id": doc_id,
            "officials": [],
            "figures": [],
            "dates": [],
            "claims": [],
        }
        (tmp_path / f"{doc_id}.json").write_text(json.dumps(doc))
    assert [d["doc_id"] for d in load_gold(tmp_path)] == ["a", "b"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"doc_id": "bad", "figures": [', "invalid JSON"),
        ("[]", "not a JSON object"),
        (
            '{"doc_id": "other", "officials": [], "figures": [], "dates": [], "claims": []}',
            "doc_id",
        ),
        ('{"doc_id": "bad", "officials": [], "figures": [], "dates": []}', "claims"),
        (
            '{"doc_id": "bad", "officials": [], "dates": [], "claims": [], '
            '"figures": [{"text": "5", "kind": "count", "value": "5"}]}',
            "figures[0].value",
        ),
        (
            '{"doc_id": "bad", "officials": [], "figures": [], "claims": [], "dates": [{"text": "2024"}]}',
            "lacks 'value'",
        ),
    ],
)
def test_load_gold_malformed_names_file(tmp_path, content, problem):
    (tmp_path / "bad.json").write_text(content)
    with pytest.raises(ValueError, match=re.escape(problem)) as info:
        load_gold(tmp_path)
    assert "bad.json" in str(info.value)


# --------------------------------------------------------------------------
# Real gold files


def real_documents() -> list[tuple[dict, str]]:
    docs = []
    for gold_dir, raw_dir in GOLD_SETS:
        for gold in load_gold(gold_dir):
            docs.append((gold, (raw_dir / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")))
    return docs


def test_real_gold_files_are_present():
    assert all(any(gold_dir.glob("*.json")) for gold_dir, _ in GOLD_SETS)


REAL_DOCS = real_documents()


@pytest.mark.parametrize(("gold", "text"), REAL_DOCS, ids=[gold["doc_id"] for gold, _ in REAL_DOCS])
def test_real_gold_entries_are_located(gold, text):
    located = locate_gold(text, gold)
    for field in ("figures", "dates", "claims"):
        for entry in located[field]:
            assert entry["char_start"] is not None, f"{field}: {entry['text']!r} not found"
            assert fold(text[entry["char_start"] : entry["char_end"]]) == fold(entry["text"])


def test_real_gold_scored_against_itself_is_perfect():
    docs = REAL_DOCS
    golds = [gold for gold, _ in docs]
    texts = {gold["doc_id"]: text for gold, text in docs}
    preds = {gold["doc_id"]: as_predictions(text, gold) for gold, text in docs}
    report = score(golds, texts, preds)
    assert report["documents"] == len(docs)
    blocks = [report[f] for f in ("figures", "dates", "officials", "claims")]
    blocks += [report["claims"]["attributed"], *report["figures"]["by_kind"].values()]
    assert all(b["precision"] == b["recall"] == b["f1"] == 1.0 for b in blocks)
    accuracies = [
        *report["figures"]["attributes"].values(),
        report["officials"]["attributes"]["title"],
        report["claims"]["attributes"]["attribution"],
    ]
    assert accuracies == [1.0] * len(accuracies)
    assert check_thresholds(report, "figures=1,dates=1,officials=1,claims=1,claims.attributed=1") == []


# --------------------------------------------------------------------------
# What each figure is about (guide v3): measure, time, region


def _framed(measure, time, region) -> dict:
    gold = make_gold()
    for entry in gold["figures"]:
        entry.update({"measure": "jumlah pekerja formal", "time": "2024", "region": "Kalimantan Timur"})
    predictions = as_predictions(TEXT, gold)
    for row in predictions["figures"]:
        row.update({"measure": measure, "time": time, "region": region})
    return run(gold, predictions)


@pytest.mark.parametrize(
    ("measure", "time", "region", "right"),
    [
        ("pekerja", "2024", "Kalimantan Timur", (True, True, True)),
        ("Pekerja Formal", "2024", "kalimantan timur", (True, True, True)),  # case-insensitive
        ("jumlah", "2024", "Timur", (False, True, True)),  # a filler word is no content; containment for regions
        ("iuran", "2024-11", "Kalimantan", (False, False, True)),
        (None, None, None, (False, False, False)),
        ("tenaga formal", "2024", "Provinsi Kalimantan Timur", (True, True, True)),
    ],
)
def test_frame_attributes_follow_the_guide(measure, time, region, right):
    report = _framed(measure, time, region)
    attributes = report["figures"]["attributes"]
    assert (attributes["measure"], attributes["time"], attributes["region"]) == tuple(float(ok) for ok in right)
    value_measure = report["figures"]["value_measure"]
    assert value_measure["tp"] == (4 if right[0] else 0) and value_measure["f1"] == (1.0 if right[0] else 0.0)
    assert check_thresholds(report, "figures.value_measure=0") == []
