"""Real dumps of one generated lab database, scanned end to end: every dialect and
option gives the truth's records per table and identifier figures exactly, and
its people per category through the foreign keys."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from leaks import scan_json

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "dumps" / "real"
TRUTH = json.loads((REAL / "truth.json").read_text())
DUMPS = sorted(p.name for p in REAL.glob("*.sql"))
FORMATS = {"mariadb": "mysql", "pg": "postgresql", "sqlite": "sqlite"}


def bare(name: str) -> str:
    return name.rsplit(".", 1)[-1]


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, tuple[int, dict]]:
    out = {}
    for name in DUMPS:
        code, report, _ = scan_json(tmp_path_factory.mktemp(name), REAL / name)
        out[name] = code, report
    return out


@pytest.mark.parametrize("name", DUMPS)
def test_tables_and_identifiers_equal_the_truth(scans, name):
    code, report = scans[name]
    entry = report["inputs"][0]
    assert code == 0 and entry["complete"] and entry["format"] == FORMATS[name.split("_")[0].removesuffix(".sql")]
    assert {bare(t["name"]): t["records"] for t in entry["tables"]} == {
        table: figures["records"] for table, figures in TRUTH["tables"].items()}
    assert report["records"] == {"total": TRUTH["records"]["total"], "malformed": 0}
    for kind, figures in TRUTH["identifiers"].items():
        assert {k: report["identifiers"][kind][k] for k in figures} == figures


@pytest.mark.parametrize("name", DUMPS)
def test_samples_and_prescriptions_count_for_their_patient(scans, name):
    _, report = scans[name]
    links = {bare(t["name"]): t.get("links", []) for t in report["inputs"][0]["tables"]}
    assert [(l["column"], bare(l["references"]), l["declared"]) for l in links["prelevements"]] == [
        ("patient_id", "id", True)]
    assert [(l["column"], bare(l["references"]), l["declared"]) for l in links["ordonnances"]] == [
        ("id_patient", "id", False)]
    assert all(l["matched"] == l["rows"] == TRUTH["tables"][t]["records"]
               for t in ("prelevements", "ordonnances") for l in links[t])
    for category, figures in TRUTH["sensitivity"].items():
        found = report["sensitivity"][category]
        # The classifier's own precision and recall are measured on the health corpus;
        # here what matters is that a sample row reaches its patient's person.
        assert abs(found["records"] - figures["records"]) <= 0.02 * figures["records"] + 1
        assert abs(found["people"] - figures["people"]) <= 0.05 * figures["people"] + 1
    people = report["people"]
    assert people["low"] <= TRUTH["people"] <= people["high"]
    assert abs(people["estimate"] - TRUTH["people"]) <= 0.02 * TRUTH["people"]


def test_every_dump_of_the_database_gives_the_same_figures(scans):
    figures = {name: ({kind: {k: v for k, v in found.items() if k != "samples"} for kind, found in r["identifiers"].items()},
                      r["sensitivity"], r["people"]["estimate"]) for name, (_, r) in scans.items()}
    first = next(iter(figures.values()))
    for name, got in figures.items():
        assert got == first, name
