"""Read each input end to end and fold it into a scan state.

    sources -> compression -> encoding -> dialect -> CSV or dump batches -> analyse -> state

An input that cannot be read at all is reported with the reason; one read in
part is reported with what was lost and where; the scan always goes on.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = p.write_text("nom;tel\\nDurand;06 12 34 56 78\\n")
>>> st = scan([str(p)], ScanKey.random())
>>> st.records, st.identifiers["phone"].valid, st.inputs[0].complete
(1, 1, True)
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from .dialect import Dialect, looks_binary, looks_sql, sniff_dialect
from .errors import InputError
from .keys import ScanKey
from .progress import Progress
from .read_csv import read_csv
from .read_dump import read_dump
from .sources import Input, expand, open_input
from .state import InputReport, ScanState
from .textstream import sniff_encoding

SNIFF_BYTES = 1 << 20


def _sniff(report: InputReport, head: bytes) -> tuple[str, Dialect | None] | None:
    """Encoding and dialect (None for a SQL dump) of an input from its first bytes,
    or None (reason noted) if it is neither a table nor a dump."""
    if not head:
        report.problems.append("empty input")
        return None
    encoding = sniff_encoding(head)
    text = head.decode(encoding, errors="replace")
    if looks_binary(text):
        report.format = "binary"
        report.problems.append("not a text table (binary content)")
        return None
    return encoding, None if looks_sql(text) else sniff_dialect(text)


def scan_input(item: Input, state: ScanState, progress: Progress | None = None) -> InputReport:
    """Scan one input into ``state`` and return its report entry."""
    report = InputReport(path=item.path, first_record=state.records)
    state.inputs.append(report)
    try:
        opened = open_input(item, progress.bytes if progress else None)
    except InputError as exc:
        report.readable = False
        report.problems.append(exc.reason)
        return report
    report.compression = opened.compression
    sniffed = _sniff(report, opened.stream.peek(SNIFF_BYTES))
    if sniffed is None:
        report.readable = False
    elif sniffed[1] is None:
        read_dump(opened.stream, sniffed[0], report, state, progress)
    else:
        read_csv(opened.stream, *sniffed, report, state, progress)
    for damage in (opened.hasher.damage, opened.stream.damage):
        if damage:
            report.problems.append(f"{damage} after {report.records} records")
    opened.hasher.drain()
    report.sha256, report.bytes = opened.hasher.hexdigest(), opened.hasher.bytes
    opened.hasher.close()
    return report


def _scan_one(job: tuple[list[str], int, ScanKey]) -> ScanState:
    """Worker side: scan the ``index``-th input of ``paths`` into a fresh state."""
    paths, index, key = job
    item = next(item for i, item in enumerate(expand(paths)) if i == index)
    state = ScanState(key)
    scan_input(item, state)
    return state


def scan(paths: list[str], key: ScanKey, progress: Progress | None = None, workers: int = 1) -> ScanState:
    """Scan every input under ``paths``; with ``workers`` > 1, inputs go to worker
    processes and their states are merged in input order, so the figures do not
    depend on the number of workers."""
    state = ScanState(key)
    items = list(expand(paths))
    if workers <= 1 or len(items) <= 1:
        for item in items:
            scan_input(item, state, progress)
        return state
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(workers, len(items)), mp_context=context) as pool:
        jobs = [(paths, i, key) for i in range(len(items))]
        for item, part in zip(items, pool.map(_scan_one, jobs)):
            state.merge(part)
            if progress:
                progress.bytes(item.size)
                progress.records(part.records)
    return state
