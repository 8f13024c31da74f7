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

from .dialect import Dialect, looks_binary, looks_sql, sniff_dialect
from .errors import InputError
from .intake import Intake
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
    if looks_sql(text):
        # Binary garbage inside a dump is the dump reader's to skip and locate.
        return encoding, None
    if looks_binary(text):
        report.format = "binary"
        report.problems.append("not a text table (binary content)")
        return None
    return encoding, sniff_dialect(text)


def scan_input(item: Input, intake: Intake) -> InputReport:
    """Scan one input into ``intake``'s state and return its report entry."""
    state, progress = intake.state, intake.progress
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
        read_dump(opened.stream, sniffed[0], report, intake)
    else:
        read_csv(opened.stream, *sniffed, report, intake)
    intake.drain()
    for damage in (opened.hasher.damage, opened.stream.damage):
        if damage:
            report.problems.append(f"{damage} after {report.records} records")
    opened.hasher.drain()
    report.sha256, report.bytes = opened.hasher.hexdigest(), opened.hasher.bytes
    opened.hasher.close()
    return report


def scan(paths: list[str], key: ScanKey, progress: Progress | None = None, workers: int = 1) -> ScanState:
    """Scan every input under ``paths`` in order; with ``workers`` > 1, batches are
    analysed in that many processes (the figures do not depend on the number)."""
    state = ScanState(key)
    intake = Intake(state, progress, workers)
    try:
        for item in expand(paths):
            scan_input(item, intake)
    finally:
        intake.close()
    return state
