"""Progress on stderr: bytes read (of the raw inputs) and records per second.

Only counts are shown, never a value or a row.

>>> p = Progress(total=10, enabled=False)
>>> p.bytes(4); p.records(3); p.close()
>>> p.count
3
"""
from __future__ import annotations

import sys
import time

from tqdm import tqdm


class Progress:
    def __init__(self, total: int, enabled: bool = True) -> None:
        self._bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, disable=not enabled,
                         desc="scanning", file=sys.stderr, dynamic_ncols=True)
        self._started = time.perf_counter()
        self.count = 0

    def bytes(self, n: int) -> None:
        self._bar.update(n)

    def records(self, n: int) -> None:
        self.count += n
        rate = self.count / max(time.perf_counter() - self._started, 1e-9)
        self._bar.set_postfix_str(f"{self.count:,} records, {rate:,.0f} records/s", refresh=False)

    def close(self) -> None:
        self._bar.close()
