"""Dumps made by the real mariadb-dump, pg_dump and sqlite3 read back exactly, table by table.

`fixtures/dumps/make_real_dumps.py` loaded `leakscan_fixtures.database` (seed and size in
`truth.json`) into real servers and dumped it; here the tables are rebuilt from that seed and every
value read is compared with the one generated. Normalisation, kept minimal:
- a generated int compares as its decimal text: every tool writes integers bare, and the reader
  yields strings;
- dates are generated as ISO text, which is what all three tools write;
- rows compare in id order: pg_dump writes a table in heap order, which a COPY load need not keep.
SQL NULL reads as None, and an empty string stays "" (the database holds both).
"""
from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import pytest

from leakscan_fixtures.database import Database, make_database
from scanner.sql_reader import SqlDumpReader
from scanner.textstream import Utf8Stream

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "dumps" / "real"
TRUTH = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))

# Dump -> (dialect, how the reader names a table): pg_dump qualifies with the schema,
# `--databases` adds `USE labo`.
DUMPS = {
    "mariadb_default.sql": ("mysql", "{}"),
    "mariadb_skip_extended_complete.sql": ("mysql", "{}"),
    "mariadb_databases.sql": ("mysql", "labo.{}"),
    "pg_plain.sql": ("postgresql", "public.{}"),
    "pg_inserts.sql": ("postgresql", "public.{}"),
    "pg_column_inserts.sql": ("postgresql", "public.{}"),
    "sqlite.sql": ("sqlite", "{}"),
}
@lru_cache(maxsize=1)
def database() -> Database:
    return make_database(seed=TRUTH["seed"], patients=TRUTH["options"]["patients"])


@lru_cache(maxsize=None)
def read(name: str) -> tuple[dict[str, list[dict]], SqlDumpReader]:
    raw = (REAL / name).read_bytes()
    reader = SqlDumpReader(Utf8Stream(io.BytesIO(raw), "utf-8", max_line=1 << 40))
    rows: dict[str, list[dict]] = {}
    for table, batch in reader.tables():
        rows.setdefault(table, []).extend(batch.to_pylist())
    return rows, reader


def qualified(name: str) -> dict[str, str]:
    """Generated table name -> the name the reader gives it in dump `name`."""
    return {table: DUMPS[name][1].format(table) for table in database().tables}


def first_difference(table: str, expected: list[tuple], got: list[tuple], columns: list[str]) -> str | None:
    """Where two row lists first differ, located by row and column, never quoting a value."""
    if len(expected) != len(got):
        return f"{table}: {len(got)} rows read, {len(expected)} generated"
    for i, (want, have) in enumerate(zip(expected, got)):
        for column, a, b in zip(columns, want, have):
            if a != b:
                return f"{table}: row {i} (id {want[0]}), column {column} differs"
    return None


def test_truth_file_is_what_the_generator_gives():
    # The dumps are committed: a generator change would leave them stale without this.
    assert database().truth() == TRUTH


@pytest.mark.parametrize("name", DUMPS)
def test_dialect_columns_and_declared_keys(name):
    _, reader = read(name)
    q = qualified(name)
    assert reader.dialect == DUMPS[name][0]
    assert reader.columns == {q[t.name]: t.names for t in database().tables.values()}
    declared = {q[t.name]: [(c, q[ref], r) for c, ref, r in t.foreign_keys]
                for t in database().tables.values() if t.foreign_keys}
    assert reader.foreign_keys == declared  # the undeclared ordonnances.id_patient is no key here


@pytest.mark.parametrize("name", DUMPS)
def test_records_per_table_equal_the_truth(name):
    _, reader = read(name)
    q = qualified(name)
    assert reader.records == {q[t]: figures["records"] for t, figures in TRUTH["tables"].items()}
    assert sum(reader.records.values()) == TRUTH["records"]["total"]
    assert (reader.malformed, reader.cut_values, reader.problems) == (0, 0, [])


@pytest.mark.parametrize("name", DUMPS)
def test_every_value_reads_back_as_generated(name):
    rows, _ = read(name)
    q = qualified(name)
    differences = []
    for table in database().tables.values():
        expected = [tuple(v if v is None or isinstance(v, str) else str(v) for v in row) for row in table.rows]
        got = sorted((tuple(row[c] for c in table.names) for row in rows.get(q[table.name], [])),
                     key=lambda row: int(row[0]))
        differences.append(first_difference(q[table.name], expected, got, table.names))
    assert [d for d in differences if d] == []


def test_the_dumps_hold_the_traps_they_are_meant_to():
    # Guards the fixture itself: without these shapes the tests above prove less.
    text = {name: (REAL / name).read_text(encoding="utf-8") for name in DUMPS}
    assert text["mariadb_default.sql"].startswith("/*M!999999\\- enable the sandbox mode */")
    assert "\\restrict " in text["pg_plain.sql"] and "COPY public.prelevements" in text["pg_plain.sql"]
    assert "INSERT INTO public.patients (id, nom" in text["pg_column_inserts.sql"]
    assert "'\\012',char(10))" in text["sqlite.sql"] and "'\\r',char(13))" in text["sqlite.sql"]
    assert "\\\\serveur" in text["mariadb_default.sql"] and "\\r\\n" in text["pg_plain.sql"]
    assert all(len(t.encode()) < 1 << 20 for t in text.values())
