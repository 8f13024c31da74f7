"""Whole scans of generated leaks against the generator's exact ground truth.

Every encoding, delimiter and compression the issue names; identifier figures
must be exact, categories within the precision/recall bounds, the people
estimate within 2% with the truth inside [low, high].
"""
from __future__ import annotations

import zlib

import pytest

from leaks import make_leak, scan_json

CASES = [
    ("plain-utf8", dict(encoding="utf-8", delimiter=";", compression=None), "leak.csv"),
    ("bom-comma-gz", dict(encoding="utf-8-sig", delimiter=",", compression="gz"), "leak.csv.gz"),
    ("cp1252-crlf-bz2", dict(encoding="cp1252", delimiter=";", compression="bz2", crlf=True), "leak.csv.bz2"),
    ("latin1-pipe-xz", dict(encoding="latin-1", delimiter="|", compression="xz"), "leak.txt.xz"),
    ("utf16-tab-zst", dict(encoding="utf-16", delimiter="\t", compression="zst"), "leak.txt.zst"),
    ("utf8-tab-zip", dict(encoding="utf-8", delimiter="\t", compression="zip"), "leak.zip"),
    ("cp1252-comma-noheader", dict(encoding="cp1252", delimiter=",", header=False), "leak.csv"),
]
IDENTIFIER_FIGURES = {"nir": ("valid", "invalid", "distinct_valid", "records"),
                      "phone": ("valid", "distinct", "records"), "email": ("valid", "distinct", "records")}


@pytest.fixture(scope="module", params=CASES, ids=[c[0] for c in CASES])
def scanned(request, tmp_path_factory):
    name, options, filename = request.param
    directory = tmp_path_factory.mktemp(name)
    path, truth, labels = make_leak(directory, filename, seed=zlib.crc32(name.encode()) % 1000, people=400, **options)
    code, report, findings = scan_json(directory, path)
    return options, truth, labels, code, report, findings


def test_clean_leak_exits_zero_and_counts_records_exactly(scanned):
    _, truth, _, code, report, _ = scanned
    assert code == 0
    assert report["records"] == {"total": truth["records"]["total"], "malformed": 0}
    assert all(i["complete"] for i in report["inputs"])


@pytest.mark.parametrize("kind", sorted(IDENTIFIER_FIGURES))
def test_identifiers_equal_the_truth(scanned, kind):
    _, truth, _, _, report, _ = scanned
    got = {f: report["identifiers"][kind][f] for f in IDENTIFIER_FIGURES[kind]}
    assert got == {f: truth["identifiers"][kind][f] for f in IDENTIFIER_FIGURES[kind]}


def test_input_metadata(scanned):
    options, _, _, _, report, _ = scanned
    (item,) = report["inputs"]
    assert len(item["sha256"]) == 64 and item["bytes"] > 0
    expected = {"gz": "gz", "bz2": "bz2", "xz": "xz", "zst": "zst", "zip": "zip", None: None}[options.get("compression")]
    assert item["compression"] == expected
    assert item["delimiter"] == options["delimiter"]
    if options.get("compression") == "zip":
        assert item["path"].endswith("!patients.csv")


def _confusion(labels, findings, category):
    found = {f["record"] for f in findings if category in f["categories"]}
    true = {l["record"] for l in labels if category in l["categories"]}
    tp = len(found & true)
    return tp, len(found - true), len(true - found)


@pytest.mark.parametrize("category", ["hiv", "pregnancy", "blood_group"])
def test_categories_per_record_precision_and_recall(scanned, category):
    _, truth, labels, _, report, findings = scanned
    tp, fp, fn = _confusion(labels, findings, category)
    assert tp + fn > 0, "the generator must produce the category"
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    assert precision >= 0.97 and recall >= 0.95, (precision, recall, tp, fp, fn)
    assert report["sensitivity"][category]["records"] == tp + fp


def test_people_estimate_within_two_percent_and_interval_holds(scanned):
    _, truth, _, _, report, _ = scanned
    people = report["people"]
    true = truth["people"]
    assert people["low"] <= true <= people["high"], (people, true)
    assert abs(people["estimate"] - true) <= 0.02 * true, (people, true)
