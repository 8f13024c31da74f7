"""Where a scan's CPU goes, stage by stage, without a profiler's distortion.

    python benchmarks/bench_stages.py [--size-mb 100]

Reads the benchmark CSV (generated and cached by ``bench_scan.py``) in one
process, one worker, and times with ``time.process_time`` each stage of the
analysis of every batch (identifier detectors, the gate before them, the
dictionary encoding, health classification, person keys), then the person
resolution and the report. cProfile inflates Python-heavy code several
fold (it once put a phonenumbers call at 0.35 ms where it costs 0.03 ms):
plain timers around whole stages do not.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from typing import Callable

from bench_scan import dataset
from measure import ROOT

sys.path.insert(0, str(ROOT))  # this tree's scanner, not an installed copy
import scanner.analyse as analyse  # noqa: E402
import scanner.intake as intake  # noqa: E402
from detectors import email, nir, phone  # noqa: E402
from scanner.keys import ScanKey  # noqa: E402
from scanner.pipeline import scan  # noqa: E402

SECONDS: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable) -> Callable:
    """``function`` adding its CPU seconds to ``SECONDS[name]``."""

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[name] += time.process_time() - start

    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=100)
    args = ap.parse_args()
    path = dataset(args.size_mb)
    for module in (nir, phone, email):
        module.find = timed(f"{module.__name__.split('.')[-1]} detector", module.find)
    analyse.health.classify = timed("health categories", analyse.health.classify)
    analyse.person_chunk = timed("person keys", analyse.person_chunk)
    analyse.encode_repeats = timed("dictionary encoding", analyse.encode_repeats)
    analyse._identifier_kinds = timed("identifier gate", analyse._identifier_kinds)
    intake.analyse = timed("analysis (all)", intake.analyse)

    start = time.process_time()
    state = scan([str(path)], ScanKey.random())
    scanned = time.process_time() - start
    start = time.process_time()
    state.people.resolve()
    resolved = time.process_time() - start

    mb = path.stat().st_size / 1e6
    total = scanned + resolved
    print(f"{path.name}: {mb:.0f} MB, {state.records:,} records; CPU seconds, one process")
    rows = sorted(((k, v) for k, v in SECONDS.items() if k != "analysis (all)"), key=lambda kv: -kv[1])
    rows += [("analysis, rest", SECONDS["analysis (all)"] - sum(v for _, v in rows)),
             ("reading and parsing, folding", scanned - SECONDS["analysis (all)"]),
             ("person resolution", resolved)]
    for name, seconds in rows:
        print(f"  {name:30}{seconds:8.2f} s {seconds / total:7.1%}")
    print(f"  {'total':30}{total:8.2f} s   ({mb / total:.1f} MB per CPU second)")


if __name__ == "__main__":
    main()
