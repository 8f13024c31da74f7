"""Take the batches of every table of every input into the scan, on every core.

Both readers (CSV and dump) hand their batches to :class:`Intake`. With
several workers, batches are analysed in worker processes while the reader
goes on, and their results are folded into the scan state strictly in the
order they were read: the figures and the findings do not depend on the
number of workers. At most ``2 * workers`` batches are in flight, so memory
stays bounded whatever the input's size.

>>> import pyarrow as pa
>>> from scanner.keys import ScanKey
>>> from scanner.state import InputReport, ScanState
>>> from scanner.tables import TableState
>>> state, report = ScanState(ScanKey.random()), InputReport(path="a.csv")
>>> intake = Intake(state)
>>> table = TableState(None, ["tel"], {"phone": "tel"})
>>> intake.take(pa.record_batch({"tel": ["06 12 34 56 78"]}), table, report)
>>> intake.close()
>>> report.records, table.segments, state.identifiers["phone"].valid
(1, [(0, 1)], 1)
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor

import pyarrow as pa

from .analyse import BatchResult, analyse
from .progress import Progress
from .state import InputReport, ScanState
from .tables import TableState


class Intake:
    """Where readers put their batches; ``close`` (or ``drain``) folds what is still in flight."""

    def __init__(self, state: ScanState, progress: Progress | None = None, workers: int = 1) -> None:
        self.state = state
        self.progress = progress
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[Future] = deque()

    def take(self, batch: pa.RecordBatch, table: TableState, report: InputReport) -> None:
        """Account for ``batch`` (rows of ``table``, following the input's records so far)."""
        table.add(batch, report.records, self.state.key)
        report.records += batch.num_rows
        if self._pool is None:
            if self._workers == 1 or not self.state.records:
                # A small input is one batch: no process is started for it. The first
                # batch also compiles every pattern, which the workers then inherit.
                self._fold(analyse(batch, table.roles, self.state.key))
                return
            self._pool = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("fork"))
        self._pending.append(self._pool.submit(analyse, batch, table.roles, self.state.key))
        while len(self._pending) >= 2 * self._workers:
            self._fold(self._pending.popleft().result())

    def drain(self) -> None:
        """Fold every batch still in flight (before the next input takes its record numbers)."""
        while self._pending:
            self._fold(self._pending.popleft().result())

    def close(self) -> None:
        self.drain()
        if self._pool is not None:
            self._pool.shutdown()

    def _fold(self, result: BatchResult) -> None:
        self.state.add(result)
        if self.progress:
            self.progress.records(result.rows)
