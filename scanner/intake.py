"""Take one batch of one table into the scan: analyse it, account for it.

Both readers (CSV and dump) hand their batches here, so a table's rows are
analysed, counted and located the same way whatever the input's format.

>>> import pyarrow as pa
>>> from scanner.keys import ScanKey
>>> from scanner.state import InputReport, ScanState
>>> from scanner.tables import TableState
>>> state, report = ScanState(ScanKey.random()), InputReport(path="a.csv")
>>> table = TableState(None, ["tel"], {"phone": "tel"})
>>> take(pa.record_batch({"tel": ["06 12 34 56 78"]}), table, report, state)
>>> report.records, table.segments, state.identifiers["phone"].valid
(1, [(0, 1)], 1)
"""
from __future__ import annotations

import pyarrow as pa

from .analyse import analyse
from .progress import Progress
from .state import InputReport, ScanState
from .tables import TableState


def take(batch: pa.RecordBatch, table: TableState, report: InputReport, state: ScanState,
         progress: Progress | None = None) -> None:
    """Analyse ``batch`` (rows of ``table``) into ``state``; its rows follow the input's records so far."""
    state.add(analyse(batch, table.roles))
    table.add(batch, report.records, state.key)
    report.records += batch.num_rows
    if progress:
        progress.records(batch.num_rows)
