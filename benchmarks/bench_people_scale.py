"""Person resolution at scale: time, CPU and peak memory of ``PersonIndex.resolve``.

    python benchmarks/bench_people_scale.py [--records 50000000] [--batch 5000000] [--workers 2]

Writing and parsing a 10 GB CSV would measure the reader, not the resolver,
so this feeds ``PersonIndex.add`` the arrays the analysis would hand it
(NIR keys, names, birth dates, sex, postcode, phone and e-mail keys),
synthesised in numpy for households of invented people: a child on the
head's NIR, 5% first-name and 5% last-name typos, 3% swapped name columns,
15% of records without their NIR, 3% without a birth date, 300,000
surnames and 4,000 first names. It prints the time of ``add`` (hashing,
scan-time work), then the wall time, CPU time and peak RSS of ``resolve``
(with ``--workers`` above 1, also the peak PSS of the process tree: the
forked workers computing the next rules), each also as bytes per record
over the process's size before any record, and the people counted against
the true number.
Target (issue 4): 50 M records in under 10 minutes and 8 GiB.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's scanner

from measure import tree_pss_mb  # noqa: E402
from scanner.keys import ScanKey  # noqa: E402
from scanner.people import BYTES_PER_RECORD, Identity, PersonIndex  # noqa: E402

LETTERS = np.frombuffer(b"aeiourstlnmcdpbgvfhjz", np.uint8)
DAY0 = np.datetime64("1930-01-01")


def words(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """``n`` distinct-ish invented words as an object array."""
    chars = LETTERS[rng.integers(0, LETTERS.size, (n, high))]
    lengths = rng.integers(low, high + 1, n)
    return np.array([row[:k].tobytes().decode() for row, k in zip(chars, lengths)], dtype=object)


def with_typos(rng: np.random.Generator, vocabulary: np.ndarray) -> pa.Array:
    """The vocabulary followed by one one-edit variant of each word (index + len = its typo)."""
    typos = []
    for word in vocabulary:
        i = int(rng.integers(0, len(word)))
        typos.append(word[:i] + chr(LETTERS[int(rng.integers(0, LETTERS.size))]) + word[i + 1:])
    return pa.array(np.concatenate([vocabulary, np.array(typos, dtype=object)]), pa.string())


class Population:
    """Invented people, one array per attribute, in households."""

    def __init__(self, rng: np.random.Generator, people: int) -> None:
        self.first_names = with_typos(rng, np.unique(words(rng, 4000, 4, 9)))
        self.surnames = with_typos(rng, np.unique(words(rng, 300_000, 5, 10)))
        self.dates = pc.strftime(pa.array(np.arange(0, 31_000).astype("timedelta64[D]") + DAY0), "%d/%m/%Y")
        self.postcodes = pa.array([f"{i:05d}" for i in range(1000, 96000)], pa.string())
        n_first, n_last = len(self.first_names) // 2, len(self.surnames) // 2
        head = rng.random(people) < 0.55  # a household starts at each head
        household = np.cumsum(head) - 1
        starts = np.flatnonzero(head)
        self.first = rng.integers(0, n_first, people)
        self.last = rng.integers(0, n_last, household[-1] + 1)[household]
        self.sex = rng.integers(1, 3, people)
        self.day = rng.integers(0, 31_000, people)
        self.postcode = rng.integers(0, len(self.postcodes), household[-1] + 1)[household]
        year = 1930 + self.day // 365
        month = (self.day % 365) // 31 + 1
        own = self.sex * 10**12 + (year % 100) * 10**10 + np.minimum(month, 12) * 10**8 + rng.integers(1, 10**8, people)
        # Children (not heads) carry the head's NIR: the "ayant droit" case.
        self.nir = np.where(head, own, own[starts[household]])
        self.phone = np.where(rng.random(people) < 0.8, 33600000000 + rng.integers(0, 10**8, people), 0)[
            starts[household]]
        self.email = np.where(rng.random(people) < 0.5, rng.integers(1, 2**62, people), 0)


def batch(rng: np.random.Generator, pop: Population, who: np.ndarray) -> Identity:
    """The identity arrays of records of persons ``who``, with typos, swaps and gaps."""
    n = who.size
    first = pop.first[who] + np.where(rng.random(n) < 0.05, len(pop.first_names) // 2, 0)
    last = pop.last[who] + np.where(rng.random(n) < 0.05, len(pop.surnames) // 2, 0)
    first_names, last_names = pop.first_names.take(pa.array(first)), pop.surnames.take(pa.array(last))
    swap = pa.array(rng.random(n) < 0.03)
    birth = pop.dates.take(pa.array(pop.day[who]))
    return Identity(
        nir=np.where(rng.random(n) < 0.85, pop.nir[who], 0),
        birth_date=pc.if_else(pa.array(rng.random(n) < 0.03), pa.nulls(n, pa.string()), birth),
        first_name=pc.if_else(swap, last_names, first_names),
        last_name=pc.if_else(swap, first_names, last_names),
        sex=pa.array(np.where(pop.sex[who] == 1, "M", "F")),
        postcode=pop.postcodes.take(pa.array(pop.postcode[who])),
        phone=np.where(rng.random(n) < 0.6, pop.phone[who], 0),
        email=np.where(rng.random(n) < 0.5, pop.email[who], 0),
    )


def rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize()


def peak_sampler(tree: bool) -> tuple[threading.Event, list[int]]:
    """Sample this process's RSS every 50 ms (and, if ``tree``, its process tree's PSS
    every 250 ms or more) until the event is set; the list gets both peaks."""
    stop, peak = threading.Event(), [0, 0]

    def sample() -> None:
        next_tree = 0.0
        while not stop.wait(0.05):
            peak[0] = max(peak[0], rss())
            if tree and time.perf_counter() >= next_tree:
                start = time.perf_counter()
                peak[1] = max(peak[1], int(tree_pss_mb(os.getpid()) * 2**20))
                # Reading PSS walks every page: keep it under 5% of a core.
                next_tree = time.perf_counter() + max(0.25, 20 * (time.perf_counter() - start))

    threading.Thread(target=sample, daemon=True).start()
    return stop, peak


def cpu() -> float:
    """CPU seconds of this process and of its children already ended (the forked workers)."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=50_000_000)
    ap.add_argument("--batch", type=int, default=5_000_000)
    ap.add_argument("--workers", type=int, default=1, help="processes computing the rules' links (resolve(workers))")
    args = ap.parse_args()
    empty = rss()
    rng = np.random.default_rng(7)
    people = int(args.records / 2.5)
    pop = Population(rng, people)
    # Every person once, then extra records for a geometric share of them: mean 2.5 a person.
    extra = rng.choice(people, args.records - people, replace=True)
    owner = np.concatenate([np.arange(people), extra])
    rng.shuffle(owner)
    index = PersonIndex(ScanKey(b"bench_people_scale key", "key-file"))
    t, c = time.perf_counter(), cpu()
    for start in range(0, owner.size, args.batch):
        who = owner[start:start + args.batch]
        index.add(batch(rng, pop, who), who.size)
        print(f"  added {start + who.size:,} records", file=sys.stderr, flush=True)
    add_wall, add_cpu = time.perf_counter() - t, cpu() - c
    truth = int(np.unique(owner).size)
    del owner, extra, pop
    # What generating the records left in the allocators' free lists is no part of resolve:
    # hand it back, so that the RSS before resolve is the process plus the person index.
    pa.default_memory_pool().release_unused()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    stop, peak = peak_sampler(args.workers > 1)
    before = rss()
    t, c = time.perf_counter(), cpu()
    result = index.resolve(args.workers)
    wall, cpu_s = time.perf_counter() - t, cpu() - c
    stop.set()
    print(f"records: {args.records:,} ({BYTES_PER_RECORD} bytes of state each), true people {truth:,}")
    print(f"add (hashing, scan-time): {add_wall:.0f} s wall, {add_cpu:.0f} s CPU")
    print(f"resolve, {args.workers} worker(s): {wall:.0f} s wall, {cpu_s:.0f} s CPU (workers included), peak RSS during resolve {peak[0] / 2**30:.2f} GiB "
          f"({(peak[0] - before) / 2**30:+.2f} GiB over the {before / 2**30:.2f} GiB held before it; "
          f"{(peak[0] - empty) / args.records:.0f} bytes per record over the process before any record)")
    if args.workers > 1:
        print(f"peak PSS of the process tree during resolve {peak[1] / 2**30:.2f} GiB "
              f"({(peak[1] - empty) / args.records:.0f} bytes per record over the process before any record)")
    print(f"people: estimate {result.estimate:,} [{result.low:,}, {result.high:,}], "
          f"truth {truth:,} ({(result.estimate - truth) / truth:+.2%})")


if __name__ == "__main__":
    main()
