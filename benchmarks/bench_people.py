"""How well leakscan counts people, against the generator's truth, leak by leak.

    python benchmarks/bench_people.py [--people 20000] [--seed 1]

Generates (in a temporary directory) leaks with households (children on a
parent's NIR, twins), typos, lost accents, swapped name columns, missing
NIRs, and two files sharing a known part of their people; scans each with
`leakscan scan` as a user would, and prints side by side, each against the
true number of people:

- rows: what counting records would say;
- distinct NIRs: what counting social security numbers would say;
- distinct (name, birth date): exact strings as written, the naive dedupe;
- leakscan's estimate and its interval [low, high];
- pairwise precision, recall and F1 of leakscan's clustering (the findings
  file's person ids against the generator's per-record labels).

The two overlapping files are also scanned apart with one key file and
compared (`leakscan compare`) against the true number of shared people.
Targets (issue 4): estimate within 1%, F1 >= 0.98, truth in [low, high].
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's generator and scanner, not an installed copy

from fixtures import Noise, generate, generate_overlapping  # noqa: E402
from fixtures.styles import STYLES  # noqa: E402

LEAKS = {
    "households, 5% typos, 10% accents": Noise(),
    "10% typos, 5% swapped name columns": Noise(typo=0.10, swapped_names=0.05),
    "NIR shown on 40% of records": Noise(nir_shown=0.40),
}
SHARED = 0.4


@dataclass
class Scan:
    """What one `leakscan scan` said, and the truth of the files it read."""

    name: str
    files: list[Path]
    truth_people: int
    report: dict
    findings: list[dict]


def leakscan(*args: str) -> subprocess.CompletedProcess:
    """The command line, from this tree, as a user runs it."""
    proc = subprocess.run([sys.executable, "-c", "from scanner.cli import entry; entry()", *args],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"leakscan {args[0]} failed ({proc.returncode}): {proc.stderr[-300:]}")
    return proc


def scan(name: str, files: list[Path], truth_people: int, tmp: Path) -> Scan:
    report, findings = tmp / f"{len(name)}-{files[0].stem}.json", tmp / f"{len(name)}-{files[0].stem}.jsonl"
    leakscan("scan", "--no-progress", "--json", str(report), "--findings", str(findings), *map(str, files))
    lines = [json.loads(line) for line in findings.read_text().splitlines()]
    return Scan(name, files, truth_people, json.loads(report.read_text()), lines)


def naive_name_birth(path: Path) -> set[tuple[str, str, str]]:
    """Distinct (last, first, birth date) exactly as written: the dedupe anyone would try first."""
    options = json.loads(path.with_name(path.name + ".truth.json").read_text())["options"]
    style = STYLES[options["style"]]
    header = dict(zip(style.columns, style.header))
    table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=options["delimiter"], newlines_in_values=True),
                           convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in style.header}))
    frame = table.select([header["last"], header["first"], header["dob"]]).to_pandas()
    return set(map(tuple, frame.itertuples(index=False)))


def pairwise(found: Scan) -> tuple[float, float, float]:
    """Precision, recall and F1 over record pairs: same person by leakscan vs by the truth."""
    truth = pd.concat([pd.read_json(f.with_name(f.name + ".labels.jsonl"), lines=True)[["record", "person"]]
                       .assign(input=str(f)) for f in found.files])
    ids = pd.DataFrame(found.findings)[["input", "record", "person"]].rename(columns={"person": "id"})
    both = truth.merge(ids, on=["input", "record"], how="left")
    # A record the tool tied to no one is a person of its own.
    alone = both["id"].isna()
    both.loc[alone, "id"] = "alone-" + both.index[alone].astype(str)

    def pairs(*keys: str) -> int:
        n = both.groupby(list(keys)).size()
        return int((n * (n - 1) // 2).sum())

    same = pairs("id", "person")
    precision, recall = same / max(pairs("id"), 1), same / max(pairs("person"), 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-12)


def row(found: Scan) -> dict:
    rep, true = found.report, found.truth_people
    people = rep["people"]
    names = set().union(*(naive_name_birth(f) for f in found.files))
    precision, recall, f1 = pairwise(found)
    err = lambda n: f"{n:,} ({(n - true) / true:+.1%})"  # noqa: E731
    return {
        "leak": found.name, "truth": f"{true:,}",
        "rows": err(rep["records"]["total"]),
        "distinct NIR": err(rep["identifiers"]["nir"]["distinct_valid"]),
        "distinct name+DOB": err(len(names)),
        "leakscan": f"{people['estimate']:,} ({(people['estimate'] - true) / true:+.2%})",
        "[low, high]": f"[{people['low']:,}, {people['high']:,}] {'ok' if people['low'] <= true <= people['high'] else 'MISSED'}",
        "P": f"{precision:.4f}", "R": f"{recall:.4f}", "F1": f"{f1:.4f}",
        "_ok": abs(people["estimate"] - true) <= 0.01 * true and f1 >= 0.98 and people["low"] <= true <= people["high"],
    }


def compare(first: Path, second: Path, shared: int, tmp: Path) -> tuple[dict, bool]:
    """Scan the two files apart with one key file, compare, against the true shared people."""
    key = tmp / "key"
    key.write_bytes(b"bench_people key: any bytes will do")
    outs = []
    for path in (first, second):
        outs.append(tmp / f"{path.stem}.people")
        leakscan("scan", "--no-progress", "--key-file", str(key), "--people", str(outs[-1]), str(path))
    result = json.loads(leakscan("compare", str(outs[0]), str(outs[1]), "--json", "-").stdout)
    return result, abs(result["shared"] - shared) <= 0.01 * shared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=20000, help="persons per generated file")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        scans = []
        for i, (name, noise) in enumerate(LEAKS.items()):
            path = tmp / f"leak{i}.csv"
            truth = generate(path, seed=args.seed + 10 * i, people=args.people, noise=noise)
            scans.append(scan(name, [path], truth.people, tmp))
        first, second = tmp / "first.csv", tmp / "second.csv"
        _, _, shared = generate_overlapping(first, second, seed=args.seed + 100, people=args.people, shared=SHARED,
                                            noise=Noise(typo=0.08, swapped_names=0.03))
        scans.append(scan(f"two files, {SHARED:.0%} shared, scanned together", [first, second],
                          2 * args.people - shared, tmp))
        rows = [row(s) for s in scans]
        overlap = next(r for r in scans if len(r.files) == 2).report["people"]["overlap"]
        compared, compare_ok = compare(first, second, shared, tmp)
    table = pd.DataFrame(rows).drop(columns="_ok").set_index("leak")
    with pd.option_context("display.width", 250, "display.max_columns", 20, "display.max_colwidth", 40):
        print(table.to_string())
    print(f"\nshared people between the two files (truth {shared:,}):")
    print(f"  scanned together, people.overlap: {overlap[0]['shared'] if overlap else 0:,}")
    print(f"  scanned apart, leakscan compare:  {compared['shared']:,} "
          f"({(compared['shared'] - shared) / shared:+.2%})")
    ok = all(r["_ok"] for r in rows) and compare_ok
    print("\ntargets (estimate within 1%, F1 >= 0.98, truth in [low, high], compare within 1%):",
          "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
