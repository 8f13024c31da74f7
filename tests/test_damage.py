"""Damaged and hostile inputs: counted, located, the exit status the contract fixes, never a traceback."""
from __future__ import annotations

import gzip
import json

import pytest

from leaks import make_leak, run_cli, scan_json


def assert_one_clean_line(proc):
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("internal error", "")
    lines = [line for line in proc.stderr.splitlines() if line.startswith("leakscan:")]
    assert len(lines) == 1, proc.stderr


def test_ragged_rows_are_counted_located_and_exit_1(tmp_path):
    path, truth, _ = make_leak(tmp_path, "leak.csv", seed=3, people=200, damage=frozenset({"ragged"}))
    code, report, _ = scan_json(tmp_path, path)
    assert code == 1
    assert report["records"] == {"total": truth["records"]["total"], "malformed": truth["records"]["malformed"]}
    assert report["inputs"][0]["malformed_lines"] == truth["records"]["malformed_lines"]
    assert not report["inputs"][0]["complete"]


def test_undecodable_bytes_are_counted_and_the_scan_goes_on(tmp_path):
    path, truth, _ = make_leak(tmp_path, "leak.csv", seed=4, people=200, damage=frozenset({"bad_byte"}))
    code, report, _ = scan_json(tmp_path, path)
    assert code == 1
    item = report["inputs"][0]
    assert item["undecodable_bytes"] > 0 and item["undecodable_lines"]
    assert report["records"]["total"] == truth["records"]["total"]
    assert report["identifiers"]["nir"]["valid"] == truth["identifiers"]["nir"]["valid"]


@pytest.mark.parametrize("compression", ["gz", "zst", None])
def test_truncated_input_reads_what_it_can_and_exits_1(tmp_path, compression):
    name = "leak.csv" + (f".{compression}" if compression else "")
    # Large enough that a zstd stream cut at 60% still holds whole blocks.
    path, truth, _ = make_leak(tmp_path, name, seed=5, people=2000, compression=compression,
                               damage=frozenset({"truncated"}))
    code, report, _ = scan_json(tmp_path, path)
    assert code == 1
    assert report["records"]["total"] == truth["records"]["total"]
    item = report["inputs"][0]
    assert not item["complete"] and (item["problems"] or item["malformed"])


def test_empty_file_alone_is_exit_2_with_one_line(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    proc = run_cli("scan", "--no-progress", str(tmp_path / "empty.csv"))
    assert proc.returncode == 2
    assert_one_clean_line(proc)
    assert "empty" in proc.stderr


def test_binary_file_alone_is_exit_2(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 400)
    proc = run_cli("scan", "--no-progress", str(tmp_path / "photo.jpg"))
    assert proc.returncode == 2
    assert_one_clean_line(proc)


def test_one_unreadable_input_among_good_ones_is_exit_1(tmp_path):
    path, truth, _ = make_leak(tmp_path, "leak.csv", seed=6, people=50)
    (tmp_path / "empty.csv").write_bytes(b"")
    code, report, _ = scan_json(tmp_path, path, tmp_path / "empty.csv")
    assert code == 1
    assert [i["readable"] for i in report["inputs"]] == [True, False]
    assert report["records"]["total"] == truth["records"]["total"]


def test_missing_path_is_a_usage_error(tmp_path):
    proc = run_cli("scan", str(tmp_path / "nope.csv"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_empty_key_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "key").write_bytes(b"")
    (tmp_path / "a.csv").write_text("nom;tel\nDurand;0612345678\n")
    proc = run_cli("scan", "--no-progress", "--key-file", str(tmp_path / "key"), str(tmp_path / "a.csv"))
    assert proc.returncode == 2
    assert_one_clean_line(proc)


def test_gzip_bomb_like_stream_is_read_in_bounded_chunks(tmp_path):
    # 60 MB of one repeated row compress to ~60 KB: streamed, never inflated whole.
    path = tmp_path / "bomb.csv.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(b"a;b;c\n")
        row = b"x;1;z\n" * 100_000
        for _ in range(100):
            fh.write(row)
    code, report, _ = scan_json(tmp_path, path)
    assert code == 0 and report["records"]["total"] == 10_000_000


def test_json_to_stdout_is_pure_json(tmp_path):
    (tmp_path / "a.csv").write_text("nom;tel\nDurand;0612345678\n")
    proc = run_cli("scan", "--no-progress", "--json", "-", str(tmp_path / "a.csv"))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["identifiers"]["phone"]["valid"] == 1
