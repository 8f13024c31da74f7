"""Streaming CSV: quoted newlines, CRLF, ragged rows located, large fields, never echoed."""
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.csv_reader import CsvReader
from scanner.dialect import Dialect, sniff_dialect
from scanner.textstream import Utf8Stream


def read(raw: bytes, block_size: int = 1 << 16):
    stream = Utf8Stream(io.BytesIO(raw), "utf-8", max_line=block_size // 2)
    dialect = sniff_dialect(raw[:65536].decode())
    reader = CsvReader(stream, dialect, block_size=block_size)
    rows = [row for batch in reader.batches() for row in batch.to_pylist()]
    return rows, reader


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_quoted_newlines_and_delimiters(eol):
    raw = eol.join([b"nom;commentaire;tel", b'Durand;"a; b' + eol + b'c";0612345678', b'Petit;"x ""y""";0712345678', b""])
    rows, reader = read(raw)
    assert [r["commentaire"] for r in rows] == ["a; b" + eol.decode() + "c", 'x "y"']
    assert reader.malformed == 0 and reader.error is None


def test_ragged_rows_counted_and_located_by_physical_line():
    lines = [b"a;b;c"] + [b"1;2;3"] * 5 + [b"SECRET-VALUE;2"] + [b'4;"x\ny";6'] + [b"7;8;9;10"] + [b"1;2;3"]
    rows, reader = read(b"\n".join(lines) + b"\n")
    assert len(rows) == 7
    assert reader.malformed == 2
    assert reader.malformed_lines == [7, 10]


def test_ragged_rows_across_many_blocks_are_all_located():
    body = b"".join(b"1;2;3\n" if i % 1000 else b"1;2\n" for i in range(1, 50001))
    rows, reader = read(b"a;b;c\n" + body, block_size=1 << 14)
    assert reader.malformed == 50
    assert reader.malformed_lines == [1000 * k + 1 for k in range(1, 51)]
    assert len(rows) == 50000 - 50


@pytest.mark.parametrize("quoted", [False, True])
def test_a_line_larger_than_the_block_is_clipped_and_the_rest_still_read(quoted):
    big = b"z" * (3 << 20)
    field = b'"' + big + b'"' if quoted else big
    rows, reader = read(b"a;b\n1;" + field + b"\n2;3\n4;5\n", block_size=1 << 16)
    assert [r["a"] for r in rows] == ["1", "2", "4"] and reader.error is None
    assert len(rows[0]["b"]) < 1 << 16
    assert reader._stream.clipped_lines == [2]


def test_unterminated_quote_at_end_does_not_raise():
    rows, reader = read(b'a;b\n1;2\n3;"never closed\n')
    assert rows[0] == {"a": "1", "b": "2"}
    assert reader.error is None or "SECRET" not in reader.error


def test_a_stray_quote_costs_its_line_only_and_the_rows_after_it_are_read():
    good = b"".join(b"%d;2\n" % i for i in range(4000))
    rows, reader = read(b"a;b\n" + good + b'SECRET;"never closed\n' + good, block_size=1 << 14)
    numbers = [int(r["a"]) for r in rows if r["a"].isdigit()]
    assert numbers == [*range(4000), *range(4000)]
    assert reader.malformed == 1 and reader.malformed_lines == [4002] and reader.error is None
    assert "SECRET" not in (reader.error or "") and not any("SECRET" in str(v) for r in rows for v in r.values())


@pytest.mark.parametrize("tail", [b"", b"\n"])
def test_the_last_row_is_read_with_or_without_a_final_newline(tail):
    rows, _ = read(b"a;b\n1;2\n3;4" + tail)
    assert rows == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]


FIELDS = st.text(alphabet=st.sampled_from(list('ab; "\n\r\xe9')), max_size=12)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(FIELDS, FIELDS), min_size=1, max_size=60), block=st.sampled_from([128, 256, 1024]))
def test_blocks_cut_on_record_boundaries_read_every_row_as_written(rows, block):
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_ALL).writerows([("x", "y"), *rows])
    stream = Utf8Stream(io.BytesIO(out.getvalue().encode()), "utf-8", max_line=block // 2)
    reader = CsvReader(stream, Dialect(";", True, ["x", "y"]), block_size=block)
    got = [(r["x"], r["y"]) for batch in reader.batches() for r in batch.to_pylist()]
    assert got == rows and reader.malformed == 0 and reader.error is None
