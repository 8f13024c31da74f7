"""Read a SQL dump (mysqldump/mariadb-dump, pg_dump plain, sqlite3 .dump) into the scan, table by table.

Each table gets its identity roles from its own column names (from ``CREATE
TABLE`` or the ``INSERT``/``COPY`` column list; from content when the dump
names no columns), and keeps the keyed hashes of its key-like columns for
:mod:`scanner.links`. Lines are never cut: the dump reader bounds its memory itself.

>>> import io
>>> from scanner.keys import ScanKey
>>> from scanner.intake import Intake
>>> from scanner.state import InputReport, ScanState
>>> intake, report = Intake(ScanState(ScanKey.random())), InputReport(path="labo.sql")
>>> dump = b"CREATE TABLE `p` (`id` int, `nom` text, `tel` text);\\nINSERT INTO `p` VALUES (1,'Durand','06 12 34 56 78');\\n"
>>> read_dump(io.BytesIO(dump), "utf-8", report, intake)
>>> report.format, report.records, [t.to_report()["records"] for t in report.tables]
('mysql', 1, [1])
"""
from __future__ import annotations

from .columns import identity_roles
from .content_roles import content_roles
from .intake import Intake
from .sql_reader import SqlDumpReader
from .state import InputReport
from .tables import KEY_LIKE, LINK_COLUMNS_MAX, TableState
from .textstream import Utf8Stream

NO_LINE_LIMIT = 1 << 62
# Rows of one table per batch: about a CSV block's worth. With 65,536 the main process held
# the text of the batches in flight beside the state, and the 1 GB dump's process tree
# peaked at 943 MB; at 32,768 it peaks at 790 MB, the report unchanged.
BATCH_ROWS = 32768


def _unnamed(columns: list[str]) -> bool:
    """Columns the reader had to name itself (an INSERT with no column list and no CREATE TABLE)."""
    return all(c == f"col_{i}" for i, c in enumerate(columns, 1))


def _link_columns(reader: SqlDumpReader, table: str) -> list[str]:
    """Key-like columns, and those of the foreign keys declared so far from or to ``table``."""
    declared = {column for column, _, _ in reader.foreign_keys.get(table, [])}
    declared |= {ref for keys in reader.foreign_keys.values() for _, target, ref in keys if target == table}
    columns = reader.columns.get(table, [])
    return [c for c in columns if KEY_LIKE.match(c) or c in declared][:LINK_COLUMNS_MAX]


def read_dump(stream, encoding: str, report: InputReport, intake: Intake) -> None:
    """Read every table row of the dump on ``stream`` (raw bytes) into ``intake``."""
    report.format, report.encoding = "sql", encoding
    text = Utf8Stream(stream, encoding, max_line=NO_LINE_LIMIT)
    reader = SqlDumpReader(text, BATCH_ROWS)
    tables: dict[str, TableState] = {}
    for name, batch in reader.tables():
        table = tables.get(name)
        if table is None:
            columns = reader.columns.get(name, batch.schema.names)
            roles = content_roles(batch) if _unnamed(columns) else identity_roles(columns)
            table = tables[name] = TableState(name, list(columns), roles, link_columns=_link_columns(reader, name))
        intake.take(batch, table, report)
    # Tables created but holding no rows are part of what the dump reveals.
    report.tables = [tables.get(name) or TableState(name, columns, identity_roles(columns))
                     for name, columns in reader.columns.items()]
    report.tables += [t for name, t in tables.items() if name not in reader.columns]
    report.format = reader.dialect or "sql"
    report.foreign_keys = reader.foreign_keys
    report.malformed = reader.malformed
    report.undecodable_bytes, report.undecodable_lines = text.bad_bytes, text.bad_lines
    report.problems.extend(reader.problems)
