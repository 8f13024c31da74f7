"""Where a whole `leakscan scan` spends its time, sampled by py-spy (no timers, no cProfile).

    pip install py-spy
    python benchmarks/profile_scan.py [--size-mb 100] [--workers 1] [--rate 200]

Runs the scan of the benchmark CSV (generated and cached by ``bench_scan.py``)
under ``py-spy record`` (its worker processes too) and prints two tables of
the samples' shares: *own time* charges every sample to the deepest leakscan
function on its stack, so the time spent inside pyarrow, numpy or RE2 counts
for the leakscan code that asked for it; *inclusive time* lists the leakscan
functions with everything they call. py-spy samples a running process from
outside, so unlike cProfile it does not slow Python-heavy code down (cProfile
once put a phonenumbers call at 0.35 ms where it costs 0.03 ms).

Samples whose stack holds no leakscan frame (the interpreter starting,
imports, idle threads) are grouped under "outside leakscan".
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench_scan import dataset
from measure import ROOT

OURS = re.compile(r"\b(scanner|detectors)/[\w/]+\.py")
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def frame_name(frame: str) -> str | None:
    """``module.function`` for a frame of leakscan's own code, else None.

    >>> frame_name("find (/x/site-packages/detectors/phone.py:204)")
    'detectors/phone.py: find'
    >>> frame_name("wrapper (/x/pyarrow/compute.py:250)") is None
    True
    """
    m = FRAME.match(frame)
    if not m:
        return None
    ours = OURS.search(m["file"])
    return f"{ours[0]}: {m['function']}" if ours else None


def shares(collapsed: list[str]) -> tuple[Counter, Counter, int]:
    """(own, inclusive, total) sample counts per leakscan function from py-spy's raw lines.

    >>> own, incl, total = shares(["main (a.py:1);scan (/s/scanner/pipeline.py:9);wrapper (p.py:3) 5"])
    >>> own["scanner/pipeline.py: scan"], incl["scanner/pipeline.py: scan"], total
    (5, 5, 5)
    """
    own: Counter = Counter()
    inclusive: Counter = Counter()
    total = 0
    for line in collapsed:
        stack, _, count = line.rstrip().rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        names = [name for name in map(frame_name, stack.split(";")) if name]
        own[names[-1] if names else "outside leakscan"] += n
        for name in set(names):
            inclusive[name] += n
    return own, inclusive, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=100)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rate", type=int, default=200, help="samples per second")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    spy = shutil.which("py-spy")
    if spy is None:
        sys.exit("py-spy is not installed: pip install py-spy")
    path = dataset(args.size_mb)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "samples.txt"
        subprocess.run([spy, "record", "--subprocesses", "--format", "raw", "--rate", str(args.rate),
                        "--output", str(raw), "--", sys.executable, "-c", "from scanner.cli import entry; entry()",
                        "scan", "--no-progress", "--workers", str(args.workers), "--json", str(Path(tmp) / "r.json"),
                        str(path)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        own, inclusive, total = shares(raw.read_text().splitlines())
    print(f"{path.name}, {args.workers} worker(s): {total:,} samples at {args.rate} per second")
    for title, table in (("own time (library calls charged to their leakscan caller)", own),
                         ("inclusive time", inclusive)):
        print(f"\n{title}")
        for name, n in table.most_common(args.top):
            print(f"  {n / total:6.1%}  {name}")


if __name__ == "__main__":
    main()
