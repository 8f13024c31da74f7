"""Run a benchmark's child process and measure its time and memory, workers included.

``wait4`` gives the CPU seconds of the child and everything it waited for, but
its peak RSS is that of the single largest process: a scan with worker
processes would look smaller than it is. So the process tree is also sampled
(every 250 ms, less often when reading a large tree's PSS costs more than 5%
of a core) and the peak of its summed PSS reported: PSS splits pages the
forked workers share with their parent, so nothing is counted twice.

>>> r = run([sys.executable, "-c", "import time; b = bytearray(50_000_000); time.sleep(0.6); print(len(b))"])
>>> r.out.strip(), r.rss_mb > 50, r.tree_mb > 40
('50000000', True, True)
"""
from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # children import this checkout's scanner, not an installed one
# Often enough to catch a phase's peak (a longer pause for a large tree, see ``run``).
SAMPLE_EVERY = 0.25


@dataclass
class Run:
    """One child process: wall and CPU seconds, peak RSS of its largest process and
    peak PSS of its whole process tree (MB), its stdout."""

    wall: float
    cpu: float
    rss_mb: float
    tree_mb: float
    out: str


def _children(pid: int) -> list[int]:
    """The direct children of ``pid``, from the kernel's own list (no scan of /proc)."""
    found = []
    for task in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(task) as f:
                found.extend(int(child) for child in f.read().split())
        except OSError:
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    """Summed PSS of ``root`` and all its descendants, in MB."""
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(_children(pid))
    return total / 1024


def run(argv: list[str], accepted: tuple[int, ...] = (0, 1)) -> Run:
    """Run ``argv`` from the checkout's root; any exit status not in ``accepted`` stops the benchmark."""
    peak = 0.0
    done = threading.Event()
    # Output goes to files, not pipes: a chatty child never blocks, and wait4 can reap it.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, text=True, cwd=ROOT)

        def sample() -> None:
            nonlocal peak
            pause = SAMPLE_EVERY
            while not done.wait(pause):
                start = time.perf_counter()
                peak = max(peak, tree_pss_mb(proc.pid))
                # Reading PSS walks every page of the tree: for a process of several GB it takes
                # tens of ms, so the pause grows to keep the sampler under 5% of one core.
                pause = max(SAMPLE_EVERY, 20 * (time.perf_counter() - start))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        if code not in accepted:
            sys.exit(f"child failed ({code}): {err.read()[-500:]}")
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak, out.read())
