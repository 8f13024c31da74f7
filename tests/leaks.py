"""Test helpers: generated leaks with their ground truth, and running the CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from leakscan_fixtures import generate
from scanner.cli import main


def run_scan(*args: str) -> tuple[int, str, str]:
    """Run ``leakscan scan ARGS`` in-process; returns (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, ["scan", "--no-progress", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run the installed console script as a user would (a real process, real exit code)."""
    return subprocess.run([sys.executable, "-c", "from scanner.cli import entry; entry()", *args],
                          capture_output=True, text=True, timeout=300)


def scan_json(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, dict, list[dict]]:
    """Scan ``paths`` with JSON and findings outputs; returns (exit, report, findings lines)."""
    out, found = tmp_path / "report.json", tmp_path / "findings.jsonl"
    code, _, _ = run_scan(*map(str, paths), "--json", str(out), "--findings", str(found), *extra)
    return code, json.loads(out.read_text()), [json.loads(line) for line in found.read_text().splitlines()]


def make_leak(directory: Path, name: str, **options):
    """Generate a leak at ``directory/name`` and return (path, truth dict, labels)."""
    path = directory / name
    truth = generate(path, **options).to_dict()
    labels_path = path.with_name(path.name + ".labels.jsonl")
    labels = [json.loads(line) for line in labels_path.read_text().splitlines()] if labels_path.exists() else []
    return path, truth, labels
