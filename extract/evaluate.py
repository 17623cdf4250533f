"""Score extractor output against gold annotations, following ANNOTATION.md.

Gold files carry no offsets: `locate_gold` finds every figure, date and claim
in the raw article the way the annotation guide prescribes, and `score`
compares predictions with the located gold.
"""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

FIELDS = ("figures", "dates", "officials", "claims")
# Always reported, so threshold names such as "figures.money" stay valid
# even on a corpus that happens to have no item of that kind.
FIGURE_KINDS = ("money", "percent", "count", "quantity")
FIGURE_ATTRIBUTES = ("unit", "qualifier", "change", "period", "speaker")
# v3 of the guide: what each figure is about. Scored on matched pairs whose gold carries them.
FRAME_ATTRIBUTES = ("measure", "time", "region")
# The guide's scoring of `measure`: two measures agree when they share a content word; these words, and function
# words, do not count.
_NOT_CONTENT = frozenset(
    [
        "jumlah",
        "total",
        "nilai",
        "besaran",
        "angka",
        "tingkat",
        "yang",
        "dan",
        "atau",
        "di",
        "ke",
        "dari",
        "untuk",
        "pada",
        "dengan",
        "dalam",
        "oleh",
        "para",
        "seluruh",
        "semua",
        "itu",
        "ini",
        "tersebut",
        "sebagai",
        "bagi",
        "akan",
        "telah",
        "sudah",
        "serta",
        "per",
        "se",
        "sebuah",
        "seorang",
    ]
)
_WORD = re.compile(r"\w+")
PRF = ("precision", "recall", "f1")

_WHITESPACE = re.compile(r"\s+")
_TOKENS = re.compile(r"(\s+)|\S+")

# Gold schema: key -> allowed types, and the keys each entry must have.
_NUMBER = (int, float)
_OPT_STR = (str, type(None))
_ENTRY_TYPES: dict[str, dict[str, tuple[type, ...]]] = {
    "figures": {
        "text": (str,),
        "kind": (str,),
        "value": _NUMBER,
        "value_max": (*_NUMBER, type(None)),
        "unit": _OPT_STR,
        "qualifier": _OPT_STR,
        "change": _OPT_STR,
        "period": _OPT_STR,
        "after": (str,),
        "measure": _OPT_STR,
        "time": _OPT_STR,
        "region": _OPT_STR,
    },
    "dates": {"text": (str,), "value": _OPT_STR, "after": (str,)},
    "officials": {
        "name": (str,),
        "aliases": (list,),
        "title": _OPT_STR,
        "organisation": _OPT_STR,
        "region": _OPT_STR,
    },
    "claims": {"text": (str,), "speaker": _OPT_STR, "type": _OPT_STR},
}
_REQUIRED_KEYS = {
    "figures": ("text", "kind", "value"),
    "dates": ("text", "value"),
    "officials": ("name",),
    "claims": ("text", "speaker"),
}


class EvaluationError(ValueError):
    """An evaluation that would prove nothing: no gold documents, or a threshold on something with nothing to
    score."""


# --------------------------------------------------------------------------
# Loading


def load_gold(gold_dir: Path) -> list[dict]:
    """Every <doc_id>.json in gold_dir (sorted by doc_id), as dicts.

    A malformed file raises ValueError naming the file and the problem.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold directory not found: {gold_dir}")
    if not any(gold_dir.glob("*.json")):
        raise EvaluationError(f"{gold_dir}: no gold files (<doc_id>.json) in this folder")
    docs = []
    for path in sorted(gold_dir.glob("*.json"), key=lambda p: p.stem):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: invalid JSON: {exc}") from exc
        problem = _gold_problem(doc, path.stem)
        if problem:
            raise ValueError(f"{path}: {problem}")
        docs.append(doc)
    return docs


def _gold_problem(doc: object, stem: str) -> str | None:
    """The first schema violation in one gold document, or None."""
    if not isinstance(doc, dict):
        return "top level is not a JSON object"
    if doc.get("doc_id") != stem:
        return f"doc_id {doc.get('doc_id')!r} does not match the file name {stem!r}"
    for field in FIELDS:
        entries = doc.get(field)
        if not isinstance(entries, list):
            return f"{field!r} is missing or not a list"
        for i, entry in enumerate(entries):
            where = f"{field}[{i}]"
            if not isinstance(entry, dict):
                return f"{where} is not an object"
            for key in _REQUIRED_KEYS[field]:
                if key not in entry:
                    return f"{where} lacks {key!r}"
            for key, types in _ENTRY_TYPES[field].items():
                value = entry.get(key)
                # bool is an int subclass but never a valid number here.
                if key in entry and (isinstance(value, bool) or not isinstance(value, types)):
                    return f"{where}.{key} has invalid value {value!r}"
            if "text" in entry and not entry["text"].strip():
                return f"{where}.text is empty"
            if "name" in entry and not entry["name"].strip():
                return f"{where}.name is empty"
            if not all(isinstance(a, str) for a in entry.get("aliases", [])):
                return f"{where}.aliases must be a list of strings"
    return None


# --------------------------------------------------------------------------
# Locating gold entries in the raw text


def _fold(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _fold_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """Whitespace-folded text, with each folded character's original [start, end)."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKENS.finditer(text):
        if m.group(1):
            # A whitespace run becomes one space spanning the whole run.
            pieces.append(" ")
            starts.append(m.start())
            ends.append(m.end())
        else:
            pieces.append(m.group())
            starts.extend(range(m.start(), m.end()))
            ends.extend(range(m.start() + 1, m.end() + 1))
    return "".join(pieces), starts, ends


def _find(folded: str, needle: str, after: str, origin: int) -> tuple[int, int] | None:
    start = origin
    if after:
        anchor = folded.find(after, origin)
        if anchor < 0:
            return None
        start = anchor + len(after)
    i = folded.find(needle, start)
    return (i, i + len(needle)) if i >= 0 else None


def _locate_entries(folded: str, entries: list[dict]) -> list[tuple[int, int] | None]:
    """Folded-text spans of one list's entries, left to right in list order."""
    spans: list[tuple[int, int] | None] = []
    cursor = previous_start = 0
    for entry in entries:
        needle = _fold(entry.get("text") or "")
        after = _fold(entry.get("after") or "")
        span = None
        if needle:
            # Entries are usually in text order; the fallbacks cover entries
            # that overlap the previous one or were listed out of order.
            for origin in dict.fromkeys((cursor, previous_start, 0)):
                span = _find(folded, needle, after, origin)
                if span:
                    previous_start, cursor = span
                    break
        spans.append(span)
    return spans


def locate_gold(text: str, gold: dict) -> dict:
    """A copy of `gold` whose figures, dates and claims gain char_start/char_end.

    Offsets are Python string indices into `text` (end exclusive), None when
    the entry is not found. Per ANNOTATION.md, the entry's `text` is a verbatim
    substring after folding runs of whitespace to one space (in both the
    article and the entry), found left to right in the order entries are
    listed: per list, a cursor sits at the end of the previous located entry;
    if not found from the cursor, the search retries from the start of the
    previous entry, then from 0. An `after` string, when present, is searched
    first (from the same origin) and the entry from the end of that match.
    """
    located = copy.deepcopy(gold)
    folded, starts, ends = _fold_with_offsets(text)
    for field in ("figures", "dates", "claims"):
        entries = located.get(field) or []
        for entry, span in zip(entries, _locate_entries(folded, entries), strict=True):
            if span:
                entry["char_start"], entry["char_end"] = (
                    starts[span[0]],
                    ends[span[1] - 1],
                )
            else:
                entry["char_start"] = entry["char_end"] = None
    return located


# --------------------------------------------------------------------------
# Comparison helpers


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> dict:
        if self.tp + self.fp + self.fn == 0:
            # Nothing to find and nothing found: a perfect, not a failed, score.
            p = r = f = 1.0
        else:
            p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
            r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": f,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


class _Accuracy:
    """Per-attribute tallies of agreeing matched pairs."""

    def __init__(self, names: Iterable[str]) -> None:
        self.correct = dict.fromkeys(names, 0)
        self.total = dict.fromkeys(self.correct, 0)

    def add(self, name: str, ok: bool) -> None:
        self.correct[name] += ok
        self.total[name] += 1

    def report(self) -> dict:
        return {n: (self.correct[n] / self.total[n] if self.total[n] else None) for n in self.correct}


def _name_key(name: str) -> str:
    return "".join(name.split()).casefold()


def _contains_either(gold: str | None, predicted: str | None) -> bool:
    """Unit/title agreement: one contains the other, case-insensitive."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = _fold(gold).casefold(), _fold(predicted).casefold()
    return g in p or p in g


def _content_words(text: str | None) -> set[str]:
    return {word for word in _WORD.findall((text or "").casefold()) if word not in _NOT_CONTENT}


def _measure_agrees(gold: str | None, predicted: str | None) -> bool:
    """The guide's rule: both null, or they share a content word (case-insensitive)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    return bool(_content_words(gold) & _content_words(predicted))


def _region_agrees(gold: str | None, predicted: str | None) -> bool:
    """The guide's rule: both null, or one contains the other (case-insensitive)."""
    return _contains_either(gold, predicted)


def _speaker_agrees(gold: str | None, predicted: str | None, aliases: dict[str, list[str]]) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    names = [gold, *aliases.get(_name_key(gold), [])]
    return _name_key(predicted) in {_name_key(n) for n in names}


def _sig6(value: float | None) -> float | None:
    """Value rounded to 6 significant digits, so equal-to-6-digits values share a key."""
    return None if value is None else float(f"{float(value):.6g}")


def _position(row: dict) -> int | None:
    return row.get("char_start")


def _distance(a: int | None, b: int | None) -> int:
    return abs(a - b) if a is not None and b is not None else 0


def _align(a: list[int | None], b: list[int | None]) -> list[tuple[int, int]]:
    """Order-preserving pairing of min(len(a), len(b)) positions with least total distance.

    With equal counts this is plain zip; with unequal counts it decides which
    occurrences are left over, so the missing/spurious item is the one whose
    position fits worst rather than simply the last one.
    """
    if len(a) > len(b):
        return [(i, j) for j, i in _align(b, a)]
    n, m = len(a), len(b)
    if n == m:
        return [(i, i) for i in range(n)]
    inf = float("inf")
    # cost[i][j]: cheapest way to pair all of a[:i] with items of b[:j].
    cost = [[0.0] * (m + 1)] + [[inf] * (m + 1) for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            cost[i][j] = min(cost[i][j - 1], cost[i - 1][j - 1] + _distance(a[i - 1], b[j - 1]))
    pairs = []
    i, j = n, m
    while i:
        if j > i and cost[i][j] == cost[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _text_order(row: dict) -> tuple[bool, int]:
    pos = _position(row)
    return (pos is None, pos or 0)


def _multiset_match(
    gold: list[dict], predicted: list[dict], key: Callable[[dict], Hashable]
) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Matched (gold, predicted) pairs, missing gold and spurious predictions.

    Items of the same key are paired in text order so that attribute
    comparisons look at corresponding occurrences.
    """
    groups: dict[Hashable, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
    for row in gold:
        groups[key(row)][0].append(row)
    for row in predicted:
        groups[key(row)][1].append(row)
    pairs, missing, spurious = [], [], []
    for golds, preds in groups.values():
        golds.sort(key=_text_order)
        preds.sort(key=_text_order)
        aligned = _align([_position(g) for g in golds], [_position(p) for p in preds])
        pairs += [(golds[i], preds[j]) for i, j in aligned]
        paired_gold = {i for i, _ in aligned}
        paired_pred = {j for _, j in aligned}
        missing += [g for i, g in enumerate(golds) if i not in paired_gold]
        spurious += [p for j, p in enumerate(preds) if j not in paired_pred]
    pairs.sort(key=lambda pair: _text_order(pair[0]))
    missing.sort(key=_text_order)
    spurious.sort(key=_text_order)
    return pairs, missing, spurious


def _mismatch(attribute: str, gold: object, predicted: object, text: str) -> dict:
    return {"attribute": attribute, "gold": gold, "predicted": predicted, "text": text}


# --------------------------------------------------------------------------
# Per-field matching of one document


def _figure_key(row: dict) -> tuple:
    return (row.get("kind"), _sig6(row.get("value")), _sig6(row.get("value_max")))


def _claim_speaker(figure: dict, claims: list[dict]) -> str | None:
    """Speaker of the (innermost) gold claim whose span holds the figure."""
    start, end = figure.get("char_start"), figure.get("char_end")
    if start is None:
        return None
    holding = [
        c for c in claims if c.get("char_start") is not None and c["char_start"] <= start and end <= c["char_end"]
    ]
    if not holding:
        return None
    return min(holding, key=lambda c: c["char_end"] - c["char_start"]).get("speaker")


def _date_key(row: dict) -> tuple:
    # Unresolvable relative dates carry no value; their wording identifies them.
    if row.get("value") is None:
        return ("text", _fold(row.get("text") or "").casefold())
    return ("value", row["value"])


def _match_officials(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs.

    Full names are paired before aliases so that a short form ("Erfan")
    cannot take the gold entry that its full-name prediction should get.
    """
    pairs = []
    free_gold = list(range(len(gold)))
    used_pred: set[int] = set()
    for use_aliases in (False, True):
        for pi, row in enumerate(predicted):
            if pi in used_pred or not row.get("name"):
                continue
            name = _name_key(row["name"])
            for gi in free_gold:
                names = [gold[gi]["name"], *(gold[gi].get("aliases") or [])] if use_aliases else [gold[gi]["name"]]
                if name in {_name_key(n) for n in names}:
                    pairs.append((gi, pi))
                    free_gold.remove(gi)
                    used_pred.add(pi)
                    break
    return pairs


def _match_claims(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.get("char_start") is None or p.get("char_start") is None or p.get("char_end") is None:
                continue
            overlap = min(g["char_end"], p["char_end"]) - max(g["char_start"], p["char_start"])
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return sorted(pairs)


# --------------------------------------------------------------------------
# Scoring


def score(
    gold_docs: list[dict],
    texts: dict[str, str],
    predictions: dict[str, dict[str, list[dict]]],
) -> dict:
    """Scores predictions against gold.

    texts[doc_id] = raw article text. predictions[doc_id] = {"figures": [...],
    "dates": [...], "officials": [...], "claims": [...]} (a missing key or doc
    means no predictions; predictions for documents without gold are ignored).
    Predicted rows are dicts with the output table columns:
      figures: kind, value (float), value_max (float|None), unit, qualifier,
               change, period (str|None), char_start, char_end (int), speaker (str|None)
      dates: text, value (str|None), char_start, char_end
      officials: name, aliases (list[str]), title, organisation, region (str|None)
      claims: speaker (str|None), type, text, char_start, char_end
    Returns a JSON-serialisable report; counts are micro-averaged over documents.
    """
    tally = _Tally()
    errors: dict[str, dict] = {}
    for raw_gold in gold_docs:
        doc_id = raw_gold["doc_id"]
        if doc_id not in texts:
            raise ValueError(f"no raw text for gold document {doc_id!r}")
        gold = locate_gold(texts[doc_id], raw_gold)
        predicted = predictions.get(doc_id) or {}
        aliases = {_name_key(o["name"]): o.get("aliases") or [] for o in gold["officials"]}
        errors[doc_id] = {
            "figures": tally.figures(gold["figures"], predicted.get("figures") or [], gold["claims"], aliases),
            "dates": tally.dates(gold["dates"], predicted.get("dates") or []),
            "officials": tally.officials(gold["officials"], predicted.get("officials") or []),
            "claims": tally.claims(gold["claims"], predicted.get("claims") or [], aliases),
        }
    return {"documents": len(gold_docs), **tally.report(), "errors": errors}


class _Tally:
    """Counts and attribute tallies summed over documents (micro-averaging).

    Each per-field method scores one document and returns its error listing.
    """

    def __init__(self) -> None:
        self.counts = {field: _Counts() for field in FIELDS}
        self.by_kind: dict[str | None, _Counts] = {kind: _Counts() for kind in FIGURE_KINDS}
        self.attributed = _Counts()
        self.figure_acc = _Accuracy(FIGURE_ATTRIBUTES + FRAME_ATTRIBUTES)
        self.value_measure = _Counts()
        self.official_acc = _Accuracy(["title"])
        self.claim_acc = _Accuracy(["attribution"])

    def figures(self, gold: list[dict], predicted: list[dict], claims: list[dict], aliases: dict) -> dict:
        pairs, missing, spurious = _multiset_match(gold, predicted, _figure_key)
        self.counts["figures"].add(len(pairs), len(spurious), len(missing))
        for kind in {g.get("kind") for g in gold} | {p.get("kind") for p in predicted}:
            self.by_kind.setdefault(kind, _Counts()).add(
                sum(g.get("kind") == kind for g, _ in pairs),
                sum(p.get("kind") == kind for p in spurious),
                sum(g.get("kind") == kind for g in missing),
            )
        mismatches = []
        measured = 0
        for g, p in pairs:
            gold_speaker = _claim_speaker(g, claims)
            checks = {
                "unit": (
                    g.get("unit"),
                    p.get("unit"),
                    _contains_either(g.get("unit"), p.get("unit")),
                ),
                "speaker": (
                    gold_speaker,
                    p.get("speaker"),
                    _speaker_agrees(gold_speaker, p.get("speaker"), aliases),
                ),
            }
            for attr in ("qualifier", "change", "period"):
                checks[attr] = (g.get(attr), p.get(attr), g.get(attr) == p.get(attr))
            for attr in FIGURE_ATTRIBUTES:
                gold_value, predicted_value, ok = checks[attr]
                self.figure_acc.add(attr, ok)
                if not ok:
                    mismatches.append(_mismatch(attr, gold_value, predicted_value, g["text"]))
            if "measure" in g:
                frame = {
                    "measure": _measure_agrees(g.get("measure"), p.get("measure")),
                    "time": g.get("time") == p.get("time"),
                    "region": _region_agrees(g.get("region"), p.get("region")),
                }
                for attr, ok in frame.items():
                    self.figure_acc.add(attr, ok)
                    if not ok:
                        mismatches.append(_mismatch(attr, g.get(attr), p.get(attr), g["text"]))
                measured += frame["measure"]
        # value+measure: a figure counts only when its measure is right too.
        self.value_measure.add(measured, len(predicted) - measured, len(gold) - measured)
        return {
            "missing": missing,
            "spurious": spurious,
            "attribute_mismatches": mismatches,
        }

    def dates(self, gold: list[dict], predicted: list[dict]) -> dict:
        pairs, missing, spurious = _multiset_match(gold, predicted, _date_key)
        self.counts["dates"].add(len(pairs), len(spurious), len(missing))
        return {"missing": missing, "spurious": spurious, "attribute_mismatches": []}

    def officials(self, gold: list[dict], predicted: list[dict]) -> dict:
        pairs = _match_officials(gold, predicted)
        self.counts["officials"].add(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
        mismatches = []
        for gi, pi in pairs:
            gold_title, predicted_title = (
                gold[gi].get("title"),
                predicted[pi].get("title"),
            )
            ok = _contains_either(gold_title, predicted_title)
            self.official_acc.add("title", ok)
            if not ok:
                mismatches.append(_mismatch("title", gold_title, predicted_title, gold[gi]["name"]))
        return _leftovers(gold, predicted, pairs, mismatches)

    def claims(self, gold: list[dict], predicted: list[dict], aliases: dict) -> dict:
        pairs = _match_claims(gold, predicted)
        self.counts["claims"].add(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
        mismatches = []
        right = 0
        for gi, pi in pairs:
            gold_speaker, predicted_speaker = (
                gold[gi].get("speaker"),
                predicted[pi].get("speaker"),
            )
            ok = _speaker_agrees(gold_speaker, predicted_speaker, aliases)
            self.claim_acc.add("attribution", ok)
            right += ok
            if not ok:
                mismatches.append(_mismatch("attribution", gold_speaker, predicted_speaker, gold[gi]["text"]))
        self.attributed.add(right, len(predicted) - right, len(gold) - right)
        return _leftovers(gold, predicted, pairs, mismatches)

    def report(self) -> dict:
        return {
            "figures": {
                **self.counts["figures"].prf(),
                # Standard kinds first, then any others in a stable order.
                "by_kind": {kind: self.by_kind[kind].prf() for kind in sorted(self.by_kind, key=_kind_order)},
                "attributes": self.figure_acc.report(),
                "value_measure": self.value_measure.prf(),
            },
            "dates": self.counts["dates"].prf(),
            "officials": {
                **self.counts["officials"].prf(),
                "attributes": self.official_acc.report(),
            },
            "claims": {
                **self.counts["claims"].prf(),
                "attributes": self.claim_acc.report(),
                "attributed": self.attributed.prf(),
            },
        }


def _kind_order(kind: str | None) -> tuple[int, str]:
    return (FIGURE_KINDS.index(kind), "") if kind in FIGURE_KINDS else (len(FIGURE_KINDS), str(kind))


def _leftovers(
    gold: list[dict],
    predicted: list[dict],
    pairs: list[tuple[int, int]],
    mismatches: list[dict],
) -> dict:
    paired_gold = {gi for gi, _ in pairs}
    paired_pred = {pi for _, pi in pairs}
    return {
        "missing": [g for i, g in enumerate(gold) if i not in paired_gold],
        "spurious": [p for i, p in enumerate(predicted) if i not in paired_pred],
        "attribute_mismatches": mismatches,
    }


# --------------------------------------------------------------------------
# Thresholds and presentation


def _metrics(report: dict) -> dict[str, float | None]:
    """Every metric a threshold may name, by its dotted name; None where there is nothing to score."""
    metrics: dict[str, float | None] = {}

    def add_prf(prefix: str, block: dict) -> None:
        scored = block["tp"] + block["fp"] + block["fn"] > 0
        metrics[prefix] = block["f1"] if scored else None
        for name in PRF:
            metrics[f"{prefix}.{name}"] = block[name] if scored else None

    for field in FIELDS:
        add_prf(field, report[field])
        for name, acc in report[field].get("attributes", {}).items():
            metrics[f"{field}.{name}"] = acc
    for kind, block in report["figures"]["by_kind"].items():
        add_prf(f"figures.{kind}", block)
    add_prf("claims.attributed", report["claims"]["attributed"])
    add_prf("figures.value_measure", report["figures"]["value_measure"])
    if "people" in report:
        add_prf("people", report["people"])
    return metrics


def check_thresholds(report: dict, spec: str) -> list[str]:
    """Failed thresholds of `spec`, one human-readable message each; [] when all pass.

    spec is a comma-separated list like "figures=0.97,dates=0.93". A bare
    field name means its F1; dotted names select other metrics:
    "figures.recall", "figures.money" (F1 of one kind), "figures.unit" /
    "figures.speaker" / "officials.title" / "claims.attribution" (attribute
    accuracy), "claims.attributed" (attributed-claim F1). A threshold on a
    metric with nothing to score (no gold and no predicted items; no matched
    pairs for an accuracy) raises EvaluationError, as does an unknown name
    (listing the valid names): a gate must never pass by accident.
    """
    metrics = _metrics(report)
    failures = []
    for item in spec.split(","):
        if not item.strip():
            continue
        name, _, raw = item.partition("=")
        name = name.strip()
        try:
            threshold = float(raw)
        except ValueError:
            raise EvaluationError(f"bad threshold {item.strip()!r}: expected name=number") from None
        if name not in metrics:
            raise EvaluationError(f"unknown metric {name!r}; valid names: {', '.join(sorted(metrics))}")
        value = metrics[name]
        if value is None:
            raise EvaluationError(
                f"threshold {name}={threshold:g}: nothing to score ({report['documents']} gold documents hold no "
                f"{name} item and none was predicted, or no pair was matched)"
            )
        if value < threshold - 1e-9:  # tolerate float noise in e.g. 0.97 vs 97/100
            failures.append(f"{name} = {value:.4f} is below the threshold {threshold:.4f}")
    return failures


def format_report(report: dict) -> str:
    """A plain-text table of P/R/F1/TP/FP/FN per field, then the attribute accuracies."""
    rows = [("figures", report["figures"])]
    rows += [(f"  {kind}", block) for kind, block in report["figures"]["by_kind"].items()]
    rows += [("  value+measure", report["figures"]["value_measure"])]
    rows += [
        ("dates", report["dates"]),
        ("officials", report["officials"]),
        ("claims", report["claims"]),
        ("claims (attributed)", report["claims"]["attributed"]),
    ]
    if "people" in report:
        rows.append(("people (pairs)", report["people"]))
    lines = [
        f"documents: {report['documents']}",
        f"{'field':<20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for label, b in rows:
        lines.append(
            f"{label:<20} {b['precision']:>6.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}"
            f" {b['tp']:>5} {b['fp']:>5} {b['fn']:>5}"
        )
    lines += ["", "attribute accuracy (matched pairs)"]
    for field in ("figures", "officials", "claims"):
        for name, acc in report[field]["attributes"].items():
            shown = "n/a" if acc is None else f"{acc:.3f}"
            lines.append(f"{field + '.' + name:<20} {shown:>6}")
    return "\n".join(lines)


def _short(text: str | None, width: int = 90) -> str:
    text = _fold(text or "")
    return text if len(text) <= width else text[: width - 1] + "…"


def _item(field: str, row: dict) -> str:
    """One gold or predicted item, as a reader recognises it."""
    if field == "figures":
        value = _sig6(row.get("value"))
        bounds = f"{value:g}" + (f"–{_sig6(row['value_max']):g}" if row.get("value_max") is not None else "")
        return f'{row.get("kind")} {bounds} "{_short(row.get("text"), 40)}"'
    if field == "dates":
        return f'{row.get("value") or "(no value)"} "{_short(row.get("text"), 40)}"'
    if field == "officials":
        title = row.get("title")
        return f"{row.get('name')}" + (f" ({title})" if title else "")
    return f'[{row.get("type") or "?"}] {row.get("speaker") or "(no speaker)"}: "{_short(row.get("text"), 70)}"'


def format_errors(report: dict) -> str:
    """Every error of a report, per document: what the gold expected and what the pipeline found."""
    lines = []
    clean = 0
    for doc_id, fields in report["errors"].items():
        block = []
        for field in FIELDS:
            listing = fields[field]
            for row in listing["missing"]:
                block.append(f"  {field:<9} missed    {_item(field, row)}")
            for row in listing["spurious"]:
                block.append(f"  {field:<9} spurious  {_item(field, row)}")
            for mismatch in listing["attribute_mismatches"]:
                block.append(
                    f'  {field:<9} {mismatch["attribute"]:<9} "{_short(mismatch["text"], 50)}": expected '
                    f"{mismatch['gold']!r}, found {mismatch['predicted']!r}"
                )
        if block:
            lines.append(f"{doc_id}")
            lines.extend(block)
        else:
            clean += 1
    lines.append(f"{clean} of {len(report['errors'])} documents without errors")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Running the pipeline on gold articles


def prediction_rows(result: object) -> dict[str, list[dict]]:
    """One DocumentResult as the prediction rows `score` reads."""
    from dataclasses import asdict

    def plain(record: object) -> dict:
        row = asdict(record)  # type: ignore[call-overload]
        for key in ("value", "value_max"):
            if key in row and row[key] is not None and not isinstance(row[key], str):
                row[key] = float(row[key])
        if "aliases" in row:
            row["aliases"] = list(row["aliases"])
        return row

    return {
        field: [plain(record) for record in getattr(result, field)]
        for field in ("figures", "dates", "officials", "claims")
    }


def evaluate_directories(
    gold_dir: Path | list[tuple[Path, Path]],
    raw_dir: Path | None = None,
    nlp: object = None,
    people: Path | None = None,
) -> dict:
    """Runs the pipeline on the raw article of every gold file and scores it: one gold folder and its raw folder,
    or several (gold folder, raw folder) pairs scored together. With `people` (a people.json), it also scores how
    the officials were joined into persons across the articles (score_people). A gold file without its
    <doc_id>.txt in its raw folder raises FileNotFoundError naming both."""
    from extract.extraction import extract_articles
    from extract.io.readers import read_articles

    pairs = [(Path(gold_dir), Path(raw_dir or ""))] if isinstance(gold_dir, str | Path) else list(gold_dir)
    gold_docs: list[dict] = []
    files = []
    for gold_folder, raw_folder in pairs:
        for gold in load_gold(gold_folder):
            path = raw_folder / f"{gold['doc_id']}.txt"
            if not path.is_file():
                raise FileNotFoundError(
                    f"{path}: raw article for gold file {gold_folder / (gold['doc_id'] + '.json')} not found"
                )
            gold_docs.append(gold)
            files.append(path)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in files}
    results = []
    for result in extract_articles(read_articles(files), nlp):  # type: ignore[arg-type]
        if result.status != "ok":
            raise ValueError(result.error)
        results.append(result)
    person_of = _people_of(results)
    predictions = {}
    for result in results:
        predictions[result.doc_id] = prediction_rows(result)
        for number, official in enumerate(predictions[result.doc_id]["officials"], start=1):
            official["person_id"] = person_of.get(f"{result.doc_id}#o{number}")
    report = score(gold_docs, texts, predictions)
    if people is not None:
        report["people"] = score_people(load_people(people), gold_docs, predictions)
    return report


def _people_of(results: list) -> dict[str, str]:
    """official_id -> person_id, linking the officials of all results as `extract run` does."""
    from extract import people
    from extract.io.writers import rows

    tables: dict[str, list[dict]] = {"officials": [], "documents": [], "claims": []}
    for result in results:
        for name, table in rows(result).items():
            if name in tables:
                tables[name].extend(table)
    mentions = people.mentions_from_tables(tables["officials"], tables["documents"], tables["claims"])
    persons, _ = people.link(mentions, people.LinkingRules.load())
    return {mention.official_id: person.person_id for person in persons for mention in person.members}


# --------------------------------------------------------------------------
# People across articles


def load_people(path: Path) -> dict:
    """A people gold file (people.json): persons, each with the name every article gives them; optionally
    "distinct" pairs of different people who share a name part."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise EvaluationError(f"{path}: cannot read the people file: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise EvaluationError(f"{path}: a people file holds an object with a list of people")
    for i, person in enumerate(data["people"]):
        mentions = person.get("mentions") if isinstance(person, dict) else None
        if not isinstance(mentions, list) or not all(
            isinstance(m, dict) and isinstance(m.get("doc_id"), str) and isinstance(m.get("name"), str)
            for m in mentions
        ):
            raise EvaluationError(f"{path}: people[{i}] needs mentions of {{doc_id, name}}")
    return data


def score_people(people_gold: dict, gold_docs: list[dict], predictions: dict[str, dict[str, list[dict]]]) -> dict:
    """Pairwise precision, recall and F1 of joining officials into persons across articles.

    Over every pair of gold officials of different articles that the extractor found (matched by name, as
    officials are scored): the pair is the same gold person (people.json lists both, under one person; any other
    official is a person of their own) and is predicted the same when both got the same person_id."""
    person_of: dict[tuple[str, str], int] = {}
    for index, person in enumerate(people_gold["people"]):
        for mention in person["mentions"]:
            person_of[(mention["doc_id"], _name_key(mention["name"]))] = index
    found: list[tuple[str, object, object]] = []  # (doc_id, gold person, predicted person)
    for gold in gold_docs:
        doc_id = gold["doc_id"]
        predicted = (predictions.get(doc_id) or {}).get("officials") or []
        for gi, pi in _match_officials(gold["officials"], predicted):
            official = gold["officials"][gi]
            keys = [_name_key(official["name"]), *(_name_key(a) for a in official.get("aliases") or [])]
            gold_person: object = next(
                (person_of[(doc_id, key)] for key in keys if (doc_id, key) in person_of), f"{doc_id}#{gi}"
            )
            found.append((doc_id, gold_person, predicted[pi].get("person_id") or f"{doc_id}#p{pi}"))
    counts = _Counts()
    errors = []
    for (doc_a, gold_a, pred_a), (doc_b, gold_b, pred_b) in combinations(found, 2):
        if doc_a == doc_b:
            continue
        same_gold, same_predicted = gold_a == gold_b, pred_a == pred_b
        counts.add(same_gold and same_predicted, same_predicted and not same_gold, same_gold and not same_predicted)
        if same_gold != same_predicted:
            errors.append({"documents": [doc_a, doc_b], "gold_same": same_gold, "predicted": [pred_a, pred_b]})
    return {**counts.prf(), "officials_found": len(found), "errors": errors}
