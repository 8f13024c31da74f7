"""Read a delimited text input (its encoding and dialect already sniffed) into the scan.

>>> import io
>>> from scanner.dialect import sniff_dialect
>>> from scanner.keys import ScanKey
>>> from scanner.intake import Intake
>>> from scanner.state import InputReport, ScanState
>>> intake, report = Intake(ScanState(ScanKey.random())), InputReport(path="a.csv")
>>> text = "nom;tel\\nDurand;06 12 34 56 78\\n"
>>> read_csv(io.BytesIO(text.encode()), "utf-8", sniff_dialect(text), report, intake)
>>> report.records, report.tables[0].to_report()["columns"][1]
(1, {'name': 'tel', 'role': 'phone'})
"""
from __future__ import annotations

from .columns import identity_roles
from .content_roles import content_roles
from . import csv_reader
from .dialect import Dialect
from .intake import Intake
from .state import InputReport
from .tables import TableState
from .textstream import Utf8Stream


def read_csv(stream, encoding: str, dialect: Dialect, report: InputReport, intake: Intake) -> None:
    """Read every row of ``stream`` (raw bytes) into ``intake``, damage noted on ``report``."""
    report.format, report.encoding = "csv", encoding
    report.delimiter, report.header = dialect.delimiter, dialect.header
    table = TableState(None, list(dialect.columns), identity_roles(dialect.columns) if dialect.header else {})
    report.tables.append(table)
    text = Utf8Stream(stream, encoding)
    reader = csv_reader.CsvReader(text, dialect, csv_reader.BLOCK_SIZE)
    for batch in reader.batches():
        if not dialect.header and not table.records:
            table.roles = content_roles(batch)
        intake.take(batch, table, report)
    report.malformed, report.malformed_lines = reader.malformed, reader.malformed_lines
    report.undecodable_bytes, report.undecodable_lines = text.bad_bytes, text.bad_lines
    if reader.error:
        report.problems.append(reader.error)
    if text.clipped_lines:
        lines = ", ".join(map(str, text.clipped_lines[:10]))
        report.problems.append(f"{len(text.clipped_lines)} over-long lines cut short (lines {lines})")
