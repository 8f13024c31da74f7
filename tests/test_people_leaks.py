"""People on whole generated leaks: the interval holds, and two scans compare without raw values."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from leakscan_fixtures import generate, generate_overlapping
from leaks import scan_json
from scanner.cli import main


# 200 examples passed when the low rules names_postcode and nir_holder came in; 12 keep the suite quick.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), people=st.integers(20, 300))
def test_truth_within_interval_on_generated_leaks(tmp_path_factory, seed, people):
    directory = tmp_path_factory.mktemp("leak")
    truth = generate(directory / "leak.csv", seed=seed, people=people, labels=False)
    _, report, _ = scan_json(directory, directory / "leak.csv")
    p = report["people"]
    assert p["low"] <= truth.people <= p["high"], (p["low"], truth.people, p["high"])
    assert sum(p["by_birth_decade"].values()) == p["estimate"]


def test_overlap_of_two_inputs_in_one_scan(tmp_path):
    _, _, shared = generate_overlapping(tmp_path / "a.csv", tmp_path / "b.csv", seed=5, people=600, shared=0.5)
    _, report, _ = scan_json(tmp_path, tmp_path / "a.csv", tmp_path / "b.csv")
    (pair,) = report["people"]["overlap"]
    assert (pair["a"], pair["b"]) == (0, 1) and abs(pair["shared"] - shared) <= 0.03 * shared
    assert report["people"]["in_every_input"] == pair["shared"]
    assert [i["people"] for i in report["inputs"]] == [pair["shared"] + n for n in
                                                       (report["inputs"][0]["people"] - pair["shared"],
                                                        report["inputs"][1]["people"] - pair["shared"])]


def test_compare_two_scans_made_with_one_key(tmp_path):
    _, _, shared = generate_overlapping(tmp_path / "a.csv", tmp_path / "b.csv", seed=9, people=2000, shared=0.4)
    key = tmp_path / "key"
    key.write_bytes(b"one key for both scans")
    runner = CliRunner()
    for name in ("a", "b"):
        result = runner.invoke(main, ["scan", "--no-progress", "--key-file", str(key), "--people",
                                      str(tmp_path / f"{name}.people"), str(tmp_path / f"{name}.csv")])
        assert result.exit_code == 0
    result = runner.invoke(main, ["compare", str(tmp_path / "a.people"), str(tmp_path / "b.people"), "--json", "-"])
    assert result.exit_code == 0
    compared = json.loads(result.stdout)
    assert abs(compared["shared"] - shared) <= 0.01 * shared, (compared["shared"], shared)


def test_compare_refuses_random_or_different_keys(tmp_path):
    generate(tmp_path / "a.csv", seed=2, people=30, labels=False)
    runner = CliRunner()
    for name, key in (("random", None), ("k1", b"first key"), ("k2", b"second key")):
        args = ["scan", "--no-progress", "--people", str(tmp_path / f"{name}.people"), str(tmp_path / "a.csv")]
        if key:
            (tmp_path / name).write_bytes(key)
            args += ["--key-file", str(tmp_path / name)]
        assert runner.invoke(main, args).exit_code == 0
    for a, b in (("random", "k1"), ("k1", "k2")):
        result = runner.invoke(main, ["compare", str(tmp_path / f"{a}.people"), str(tmp_path / f"{b}.people")])
        assert result.exit_code == 2 and "key" in result.stderr
