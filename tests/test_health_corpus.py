"""Precision and recall per category on the labelled corpus of invented snippets.

Each line of ``fixtures/health_corpus/*.jsonl`` is one record: ``fields``
(header to value), ``labels`` (the categories it reveals about its own
person), ``lang`` and ``note``.  Records are classified in one table per set
of headers, as a leak would hold them.  The corpus must be there: a missing
corpus fails, it is never skipped.
"""
from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyarrow as pa
import pytest

from detectors._text import encode_repeats
from detectors.health import CATEGORIES, classify

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "health_corpus"

# (precision, recall) each category must reach: just below what the
# classifier measures on the complete corpus (1,794 records, at least 84
# labelled per category), so that any regression fails.
BOUNDS: dict[str, tuple[float, float]] = {
    "hiv": (0.99, 0.99),
    "pregnancy": (0.99, 0.99),
    "blood_group": (0.99, 0.99),
    "covid_test": (0.99, 0.99),
    "sexual_health": (0.99, 0.99),
    "mental_health": (0.99, 0.99),
    "addiction": (0.99, 0.99),
    "cancer": (0.99, 0.99),
    "genetic": (0.98, 0.95),
    "disability": (0.99, 0.97),
    "diagnosis": (0.98, 0.99),
    "treatment": (0.99, 0.99),
}


@cache
def _records() -> tuple[dict, ...]:
    files = sorted(CORPUS.glob("*.jsonl"))
    assert files, f"no labelled corpus in {CORPUS}"
    records = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                record.setdefault("id", f"{path.name}:{number}")
                records.append(record)
    return tuple(records)


@cache
def _found() -> dict[str, dict[str, bool]]:
    """Per record id, per category, whether ``classify`` finds it."""
    by_headers: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for record in _records():
        by_headers[tuple(record["fields"])].append(record)
    found: dict[str, dict[str, bool]] = {}
    for headers, records in by_headers.items():
        table = pa.table({h: pa.array([r["fields"][h] for r in records], pa.string())
                          for h in headers})
        result = classify(table)
        for row, record in enumerate(records):
            found[record["id"]] = {name: bool(result[name][row]) for name in CATEGORIES}
    return found


def test_corpus_is_there_and_labelled_with_known_categories() -> None:
    records = _records()
    assert len(records) > 0
    unknown = {label for r in records for label in r["labels"]} - set(CATEGORIES)
    assert not unknown, f"labels that are no category: {sorted(unknown)}"


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall(category: str) -> None:
    found = _found()
    tp, fp, fn = [], [], []
    for record in _records():
        truth, got = category in record["labels"], found[record["id"]][category]
        if got and truth:
            tp.append(record["id"])
        elif got:
            fp.append(record["id"])
        elif truth:
            fn.append(record["id"])
    precision = len(tp) / (len(tp) + len(fp)) if tp or fp else 1.0
    recall = len(tp) / (len(tp) + len(fn))
    low_precision, low_recall = BOUNDS[category]
    assert precision >= low_precision and recall >= low_recall, (
        f"{category}: precision {precision:.3f} recall {recall:.3f} "
        f"TP {len(tp)} FP {len(fp)} FN {len(fn)}; FP ids {fp}; FN ids {fn}"
    )


def test_the_dictionaries_the_identifier_pass_made_are_reused_as_they_are() -> None:
    # The corpus repeated, so that columns are dictionary-encoded.
    records = [r for r in _records() if set(r["fields"]) <= {"examen", "resultat", "commentaire"}]
    table = pa.table({h: pa.array([r["fields"].get(h) for r in records] * 3, pa.string())
                      for h in ("examen", "resultat", "commentaire")})
    encoded = [encode_repeats(column) for column in table.columns]
    assert any(isinstance(column, pa.DictionaryArray) for column in encoded)
    plain, reused = classify(table), classify(table, encoded)
    assert {k: v.tolist() for k, v in plain.items()} == {k: v.tolist() for k, v in reused.items()}
