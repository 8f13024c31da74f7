"""The report and the findings are the same, byte for byte, whatever --workers is."""
from __future__ import annotations

import json

import pytest

import scanner.csv_reader
import scanner.read_dump
from leaks import make_leak, run_scan
from leakscan_fixtures.dump_writer import csv_table, write_dump

TIMINGS = ("started", "seconds", "mb_per_s", "workers")


def scan_outputs(tmp_path, paths, workers: int) -> tuple[dict, str]:
    out, found = tmp_path / f"r{workers}.json", tmp_path / f"f{workers}.jsonl"
    key = tmp_path / "key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef")
    code, _, _ = run_scan(*map(str, paths), "--json", str(out), "--findings", str(found),
                          "--key-file", str(key), "--workers", str(workers))
    assert code == 0
    report = json.loads(out.read_text())
    for name in TIMINGS:
        report["scan"].pop(name)
    return report, found.read_text()


@pytest.fixture
def small_batches(monkeypatch):
    """Many batches from small inputs, so that several are in flight at once."""
    monkeypatch.setattr(scanner.csv_reader, "BLOCK_SIZE", 32 << 10)
    monkeypatch.setattr(scanner.read_dump, "BATCH_ROWS", 300)


def test_any_number_of_workers_gives_identical_results(tmp_path, small_batches):
    leak, _, _ = make_leak(tmp_path, "a.csv", seed=5, people=700)
    other, _, _ = make_leak(tmp_path, "b.csv.gz", seed=6, people=400, compression="gz")
    dump = tmp_path / "c.sql"
    write_dump(dump, "mysql", [csv_table(leak, "patients")])
    one = scan_outputs(tmp_path, [leak, other, dump], 1)
    assert len(one[1].splitlines()) > 1500
    for workers in (2, 3):
        assert scan_outputs(tmp_path, [leak, other, dump], workers) == one
