"""SQL dumps of each dialect and option read back exactly; damage located, never echoed; streaming."""
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scanner.sql_reader as sql_reader
from leakscan_fixtures.dump_writer import FORMATS, Table, dump_text
from scanner.sql_reader import SqlDumpReader
from scanner.textstream import Utf8Stream

DUMPS = Path(__file__).resolve().parents[1] / "fixtures" / "dumps"


def read(raw: bytes, batch_rows: int = 65536):
    reader = SqlDumpReader(Utf8Stream(io.BytesIO(raw), "utf-8", max_line=1 << 40), batch_rows)
    rows: dict[str, list[dict]] = {}
    for table, batch in reader.tables():
        rows.setdefault(table, []).extend(batch.to_pylist())
    return rows, reader


def read_fixture(name: str):
    return read((DUMPS / name).read_bytes())


def test_mysqldump_default_options():
    rows, r = read_fixture("mysql_default.sql")
    assert r.dialect == "mysql" and r.malformed == 0 and r.problems == []
    assert r.columns == {
        "patient": ["id", "nom", "prenom", "nir", "photo"],
        "analyse": ["id", "patient_id", "examen", "resultat"],
    }
    assert r.foreign_keys == {"analyse": [("patient_id", "patient", "id")]}
    assert r.records == {"patient": 3, "analyse": 3}
    assert rows["patient"] == [
        {"id": "1", "nom": "D'Almeida", "prenom": "Zoé", "nir": "185057512345678", "photo": "PNG\0\r\n"},
        {"id": "2", "nom": "NULL", "prenom": None, "nir": "2850575123456 42", "photo": "0x89504E47"},
        {"id": "3", "nom": 'Back\\slash "q"', "prenom": "Tab\there\nLine\x1aend", "nir": "", "photo": None},
    ]
    assert [row["resultat"] for row in rows["analyse"]] == ["négatif; (contrôle), ok", "A+", "positif '12 SA'"]


def test_mariadb_dump_databases_skip_extended_insert_complete_insert():
    rows, r = read_fixture("mariadb_databases_skip_extended.sql")
    assert r.dialect == "mysql" and r.problems == []
    assert rows["pharma.client"] == [
        {"id": "1", "nom": "Martin", "tel": "06 12 34 56 78"},
        {"id": "2", "nom": "Lefèvre\r\nLigne 2", "tel": "+33 7 00 00 00 01"},
        {"id": "3", "nom": "Ça va ; non", "tel": None},
    ]
    assert [row["medicament"] for row in rows["pharma.ordonnance"]] == ["Truvada 200 mg", "Acide folique"]
    assert r.foreign_keys == {"pharma.ordonnance": [("client_id", "pharma.client", "id")]}
    assert r.records == {"pharma.client": 3, "pharma.ordonnance": 2}  # the procedure's INSERT is not data


def test_pg_dump_copy():
    rows, r = read_fixture("pg_copy.sql")
    assert r.dialect == "postgresql" and r.malformed == 0 and r.problems == []
    assert r.columns["public.patient"] == ["id", "nom", "Prénom", "ddn"]
    assert r.foreign_keys == {"public.prelevement": [("patient_id", "public.patient", "id")]}
    assert rows["public.patient"] == [
        {"id": "1", "nom": "Dupont", "Prénom": "Léa", "ddn": "1985-05-12"},
        {"id": "2", "nom": "N'Diaye", "Prénom": None, "ddn": None},
        {"id": "3", "nom": "Back\\slash", "Prénom": "Tab\there", "ddn": "1990-01-01"},
        {"id": "4", "nom": "NULL", "Prénom": "Multi\nligne\r", "ddn": "2001-02-03"},
        {"id": "5", "nom": "ABé", "Prénom": "\b\f\v", "ddn": None},
    ]
    assert r.records == {"public.patient": 5, "public.prelevement": 2}


def test_pg_dump_column_inserts():
    rows, r = read_fixture("pg_column_inserts.sql")
    assert r.dialect == "postgresql" and r.problems == []
    assert rows["public.patient"] == [
        {"id": "1", "nom": "O'Brien", "note": "C:\\temp\\new"},  # no backslash escapes in '...'
        {"id": "2", "nom": "Lé\na", "note": None},
        {"id": "3", "nom": "NULL", "note": "tab\there\\ 'q' A"},  # E'...' has them
        {"id": "4", "nom": "", "note": "a;b"},
    ]


def test_pg_legacy_strings_take_backslash_escapes():
    dump = b"-- PostgreSQL database dump\nSET standard_conforming_strings = off;\n"
    dump += b"INSERT INTO t VALUES (1, 'a\\'b\\\\c');\n"
    rows, r = read(dump)
    assert rows["t"] == [{"col_1": "1", "col_2": "a'b\\c"}]


def test_sqlite_dump():
    rows, r = read_fixture("sqlite.sql")
    assert r.dialect == "sqlite" and r.problems == []
    assert rows["patient"] == [
        {"id": "1", "nom": "Petit", "date naissance": "1975-03-02", "photo": "X'89504E47'"},
        {"id": "2", "nom": "L'Hôte", "date naissance": None, "photo": None},
        {"id": "3", "nom": "Deux\nlignes", "date naissance": "NULL", "photo": "x''"},
    ]
    assert r.foreign_keys == {"rdv": [("patient_id", "patient", "id"), ("id", "agenda", "slot")]}
    assert rows["rdv"] == [{"id": "1", "patient_id": "1", "motif": "Suivi grossesse"}]


def test_every_mysql_escape():
    dump = "INSERT INTO `t` VALUES ('\\'\\\"\\\\\\n\\r\\t\\0\\Z''\\b\\%\\x');\n".encode()
    rows, _ = read(dump)
    assert rows["t"][0]["col_1"] == "'\"\\\n\r\t\0\x1a'\b\\%x"


def test_batches_split_at_batch_rows_and_interleave_in_dump_order():
    values = ",".join(f"({i},'v{i}')" for i in range(25))
    dump = f"INSERT INTO `a` VALUES {values};\nINSERT INTO `b` VALUES (1,'x');\nINSERT INTO `a` VALUES (99,'y');\n"
    reader = SqlDumpReader(io.BytesIO(dump.encode()), batch_rows=10)
    sizes = [(table, batch.num_rows) for table, batch in reader.tables()]
    assert sizes == [("a", 10), ("a", 10), ("a", 5), ("b", 1), ("a", 1)]
    assert reader.records == {"a": 26, "b": 1}


class ChunkedStream:
    """A stream that records the largest read and how much was read when."""

    def __init__(self, raw: bytes) -> None:
        self._raw = io.BytesIO(raw)
        self.largest = 0
        self.consumed = 0

    def read(self, n: int) -> bytes:
        self.largest = max(self.largest, n)
        data = self._raw.read(n)
        self.consumed += len(data)
        return data


def test_a_5_mb_single_insert_line_is_streamed_in_bounded_chunks():
    values = ",".join(f"({i},'Nom {i}',NULL)" for i in range(300_000))
    raw = f"INSERT INTO `p` VALUES {values};\n".encode()
    assert len(raw) > 5 << 20 and raw.count(b"\n") == 1
    stream = ChunkedStream(raw)
    reader = SqlDumpReader(stream, batch_rows=10_000)
    batches = reader.tables()
    _, first = next(batches)
    assert first.num_rows == 10_000 and stream.consumed < len(raw) // 2
    total = first.num_rows + sum(batch.num_rows for _, batch in batches)
    assert total == 300_000 and reader.records == {"p": 300_000} and stream.largest <= 1 << 20
    assert len(reader._buf.text) < 3 << 20  # the window, never the line


@pytest.mark.parametrize("form", ["quoted", "hex", "copy"])
def test_a_value_longer_than_the_limit_is_cut_and_the_rest_read(monkeypatch, form):
    monkeypatch.setattr(sql_reader, "MAX_VALUE", 2 << 20)
    big = "é" * (3 << 20)
    if form == "copy":
        dump = f"COPY t (a, b) FROM stdin;\n1\t{big}\n2\tz\n\\.\n"
    else:
        value = f"'{big}'" if form == "quoted" else "0x" + "A" * (3 << 20)
        dump = f"INSERT INTO `t` (`a`, `b`) VALUES (1,{value}),(2,'z');\n"
    rows, r = read(dump.encode())
    assert [row["a"] for row in rows["t"]] == ["1", "2"] and rows["t"][1]["b"] == "z"
    assert len(rows["t"][0]["b"]) == 2 << 20 and r.cut_values == 1
    assert r.problems == [f"table t: a value longer than 2 MiB cut short at line {1 + (form == 'copy')}"]


SECRET = "SECRET-1850575123456"


def assert_no_value(reader):
    assert not any("SECRET" in p or "185057" in p for p in reader.problems)


def test_truncated_mid_tuple():
    rows, r = read(f"CREATE TABLE `t` (`a` int, `b` text);\nINSERT INTO `t` VALUES (1,'ok'),(2,'{SECRET}".encode())
    assert rows["t"] == [{"a": "1", "b": "ok"}]
    assert r.malformed == 1 and r.problems == ["table t: dump ends inside a row at line 2"]
    assert_no_value(r)


def test_unbalanced_quote_resumes_at_the_next_statement():
    dump = (
        "-- MySQL dump\nINSERT INTO `t` VALUES (1,'ok');\n"
        f"INSERT INTO `t` VALUES (2,'{SECRET}),(3,'x');\n"
        "INSERT INTO `t` VALUES (4,'after');\n"
    )
    rows, r = read(dump.encode())
    assert [row["col_1"] for row in rows["t"]] == ["1", "4"]
    assert r.malformed == 1 and r.problems == ["table t: unreadable row at line 3; resumed at the next statement"]
    assert_no_value(r)


def test_binary_garbage_and_unknown_statements_are_skipped_and_located():
    dump = (
        b"-- MySQL dump\nINSERT INTO `t` VALUES (1,'a');\n"
        b"\x00\x01\xff\xfe garbage '" + SECRET.encode() + b"\n"
        b"INSERT INTO `t` VALUES (2,'b'),(3,'x'\x00\x01" + SECRET.encode() + b");\n"
        b"INSERT INTO `t` VALUES (4,'c');\n"
    )
    rows, r = read(dump)
    assert [row["col_1"] for row in rows["t"]] == ["1", "2", "4"]
    assert r.problems == [
        "unknown statement at line 3 skipped",
        "table t: unreadable row at line 4; resumed at the next statement",
    ]
    assert_no_value(r)


def test_wrong_widths_and_truncated_copy():
    dump = (
        "CREATE TABLE t (a int, b text);\nINSERT INTO t VALUES (1,'x'),(2,'y','" + SECRET + "'),(3,'z');\n"
        "COPY u (a, b) FROM stdin;\n1\tx\n" + SECRET + "\n2\ty\n3\t"
    )
    rows, r = read(dump.encode())
    assert [row["a"] for row in rows["t"]] == ["1", "3"] and [row["a"] for row in rows["u"]] == ["1", "2"]
    assert r.malformed == 3
    assert r.problems == [
        "table t: row of 3 values for 2 columns at line 2",
        "table u: 1 rows with a wrong number of fields, the first at line 5",
        "table u: dump ends inside COPY data at line 7",
    ]
    assert_no_value(r)


# -- round trip: any table written in each dialect's literal syntax reads back identical --

TEXT = st.text(st.sampled_from(list("\x01aé'\"\\\n\r\t\0,;()NUL xZ%_\x1a€😀")) | st.characters(codec="utf-8"), max_size=12)
TABLES = st.integers(1, 4).flatmap(
    lambda width: st.lists(st.lists(st.none() | TEXT, min_size=width, max_size=width), max_size=6)
)


@pytest.mark.parametrize("form", FORMATS)
@settings(max_examples=60, deadline=None)
@given(rows=TABLES)
def test_any_table_round_trips(form, rows):
    width = len(rows[0]) if rows else 2
    # A small net_buffer_length makes mysqldump's extended INSERTs span several statements.
    dump = dump_text(form, [Table("t", [f"c{i}" for i in range(width)], rows)], net_buffer_length=40, e_strings=True)
    got, reader = read(dump.encode("utf-8"), batch_rows=4)
    table = "public.t" if form.startswith("pg") else "t"
    assert [list(row.values()) for row in got.get(table, [])] == rows
    assert reader.columns[table] == [f"c{i}" for i in range(width)]
    assert reader.records[table] == len(rows) and reader.malformed == 0 and reader.problems == []


@pytest.mark.parametrize("form", FORMATS)
@settings(max_examples=40, deadline=None)
@given(rows=TABLES, cuts=st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(["", "'", "\\", "(", ")", ",", ";\n", " "])), max_size=3))
def test_block_path_reads_damaged_dumps_as_the_tuple_path_does(form, rows, cuts):
    """Whole blocks through pyarrow must change nothing: same rows, counts and problems as one tuple at a time."""
    width = len(rows[0]) if rows else 2
    dump = dump_text(form, [Table("t", [f"c{i}" for i in range(width)], rows)], net_buffer_length=40)
    for at, text in cuts:  # damage: a character replaced by another or removed
        at %= max(len(dump), 1)
        dump = dump[:at] + text + dump[at + 1 :]
    fast, fast_reader = read(dump.encode("utf-8"), batch_rows=4)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sql_reader, "values_block", lambda *args: None)
        patch.setattr(sql_reader, "copy_block", lambda *args: None)
        slow, slow_reader = read(dump.encode("utf-8"), batch_rows=4)
    assert fast == slow
    assert (fast_reader.records, fast_reader.malformed, fast_reader.problems) == (
        slow_reader.records, slow_reader.malformed, slow_reader.problems)


def test_sqlite_340_replace_calls_are_read():
    dump = (
        "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE IF NOT EXISTS \"pat ient\" (id INTEGER, nom TEXT);\n"
        "INSERT INTO \"pat ient\" VALUES(1,replace(replace('a\\012b''c\\r\\012\\n','\\r',char(13)),'\\012',char(10)));\n"
        "INSERT INTO \"pat ient\" VALUES(2,NULL);\nCOMMIT;\n"
    )  # as sqlite3 3.40.1 dumps a value holding a newline, a CR and the text \n
    rows, r = read(dump.encode())
    assert rows["pat ient"] == [{"id": "1", "nom": "a\nb'c\r\n\\n"}, {"id": "2", "nom": None}] and r.problems == []
