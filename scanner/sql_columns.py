r"""Turn the tokens of parsed rows into Arrow string columns.

INSERT rows arrive as the value tokens of their tuples, as written. Each
column is decoded with Arrow kernels (quotes stripped, NULL made null); only
the values holding an escape or a prefix (``\'``, ``''``, ``E'..'``,
``_binary '..'``) are decoded in Python, one by one.

>>> from scanner.sql_dialects import MYSQL
>>> rows = [("12",), ("'l\\'eau'",), ("NULL",), ("0x41",), ("'NULL'",), ("_binary 'b'",)]
>>> values_batch(rows, ["v"], MYSQL).column(0).to_pylist()
['12', "l'eau", None, '0x41', 'NULL', 'b']
>>> copy_batch([["1", "\\N", "a\\tb"]], ["id", "x", "y"]).to_pylist()
[{'id': '1', 'x': None, 'y': 'a\tb'}]
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from .sql_dialects import NULLS, Literals, copy_unescape

NULL_TOKENS = pa.array(sorted(NULLS), pa.string())
NULL = pa.scalar(None, pa.string())


def _any(mask: pa.Array) -> bool:
    return bool(pc.any(mask).as_py())


def _column(tokens: Sequence[str], literals: Literals) -> pa.Array:
    """One column from its value tokens."""
    raw = pa.array(tokens, pa.string())
    quoted = pc.starts_with(raw, "'")
    values = pc.if_else(quoted, pc.utf8_slice_codeunits(raw, 1, -1), raw)
    nulls = pc.is_in(raw, value_set=NULL_TOKENS)
    if _any(nulls):
        values = pc.if_else(nulls, NULL, values)
    # Strings holding an escape, and prefixed strings (E'..', X'..'), go through Python.
    odd = pc.match_substring(values, "''")
    if literals.quote_escapes:
        odd = pc.or_(odd, pc.match_substring(values, "\\"))
    odd = pc.or_(pc.and_(quoted, odd), pc.and_(pc.invert(quoted), pc.match_substring(raw, "'")))
    if not _any(odd):
        return values
    decoded = [literals.decode(token) for token in raw.filter(odd).to_pylist()]
    return pc.replace_with_mask(values, odd, pa.array(decoded, pa.string()))


def values_batch(rows: list[tuple[str, ...]], names: list[str], literals: Literals) -> pa.RecordBatch:
    """A batch from INSERT rows, each the tuple of its value tokens."""
    return pa.RecordBatch.from_arrays([_column(col, literals) for col in zip(*rows)], names=names)


def _copy_column(values: Sequence[str]) -> pa.Array:
    if "\\" not in "\x00".join(values):
        return pa.array(values, pa.string())
    return pa.array([None if v == "\\N" else copy_unescape(v) for v in values], pa.string())


def copy_batch(rows: list[list[str]], names: list[str]) -> pa.RecordBatch:
    """A batch from rows of COPY text fields (``\\N`` is NULL)."""
    return pa.RecordBatch.from_arrays([_copy_column(col) for col in zip(*rows)], names=names)


# -- whole blocks through pyarrow's CSV parser -------------------------------------------

MARK = b"\x01"  # stands for an escaped backslash while a block is parsed (blocks holding it are not taken)
_NULL_WORDS = sorted(NULLS)
# mysql_real_escape_string's escapes other than \\ and \' (done before parsing); \% and \_ keep their backslash.
_MYSQL_ESCAPES = (("\\%", "\x01%"), ("\\_", "\x01_"), ("\\0", "\0"), ("\\b", "\b"), ("\\n", "\n"),
                  ("\\r", "\r"), ("\\t", "\t"), ("\\Z", "\x1a"))


def _read_csv(data: bytes, width: int, parse: pcsv.ParseOptions, nulls: list[str]) -> pa.Table | None:
    """``data`` as a table of ``width`` string columns; None when a row has another width."""
    names = [f"c{i}" for i in range(width)]
    try:
        return pcsv.read_csv(
            pa.py_buffer(data),
            read_options=pcsv.ReadOptions(column_names=names, use_threads=False, block_size=len(data) + 1),
            parse_options=parse,
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), null_values=nulls, strings_can_be_null=True,
                quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid:
        return None


def _batch(table: pa.Table, names: list[str], decode=None) -> pa.RecordBatch:
    columns = [col.combine_chunks() for col in table.columns]
    return pa.RecordBatch.from_arrays([decode(col) for col in columns] if decode else columns, names=names)


def _unescape_mysql(col: pa.Array) -> pa.Array:
    """Decode what is left of MySQL escapes in a column parsed from a block (``\\\\`` already MARK)."""
    odd = pc.or_(pc.match_substring(col, "\\"), pc.match_substring(col, "\x01"))
    if not _any(odd):
        return col
    # After MARK took the escaped backslashes, every backslash starts one two-character escape.
    values = col.filter(odd)
    for escape, char in _MYSQL_ESCAPES:
        values = pc.replace_substring(values, escape, char)
    values = pc.replace_substring(pc.replace_substring_regex(values, r"(?s)\\(.)", r"\1"), "\x01", "\\")
    return pc.replace_with_mask(col, odd, values)


_VALUES_PARSE = pcsv.ParseOptions(delimiter=",", quote_char="'", double_quote=True, escape_char=False,
                                  newlines_in_values=True, ignore_empty_lines=False)


def values_block(block: str, names: list[str], literals: Literals, next_statement: str,
                 separator: str, tuple_pattern: re.Pattern | None = None) -> pa.RecordBatch | None:
    """A batch from ``block``: whole tuples of ``len(names)`` values (no prefixed strings, no
    space outside strings, values split by ``separator``) joined by ``,`` or by ``next_statement``
    (``);`` and the INSERT that repeats up to its ``(``). None if it cannot be taken exactly.

    Tuple and value separators become CSV rows and fields. A separator's text inside a string
    would be rewritten too: the counts of each, checked against the rows parsed, prove none was.
    The work is on UTF-8 bytes, where replacing is several times faster than on text.

    >>> from scanner.sql_dialects import MYSQL
    >>> values_block("('a\\\\'b',NULL),('x\\\\ny','NULL')", ["p", "q"], MYSQL, ");\\nINSERT INTO t VALUES (", ",").to_pylist()
    [{'p': "a'b", 'q': None}, {'p': 'x\\ny', 'q': 'NULL'}]
    """
    width = len(names)
    data = block.encode("utf-8")[1:-1]
    escaped = False
    if literals.quote_escapes:
        if literals.name != "mysql":
            return None
        if b"\\" in data:
            if MARK in data:
                return None
            data = data.replace(b"\\\\", MARK).replace(b"\\'", b"''")
            # Only \' (now '') in the block: nothing is left to decode in the columns.
            escaped = b"\\" in data or MARK in data
    statement = next_statement.encode("utf-8")
    if separator != ",":
        return _spaced_values(data, statement, names, literals, separator.encode(), tuple_pattern)
    rows = data.count(statement)
    data = data.replace(statement, b"\n")
    rows += data.count(b"),(")
    data = data.replace(b"),(", b"\n")
    table = _read_csv(data, width, _VALUES_PARSE, _NULL_WORDS)
    if table is None or rows != table.num_rows - 1:
        return None
    return _batch(table, names, _unescape_mysql if escaped else None)


def _spaced_values(data: bytes, statement: bytes, names: list[str], literals: Literals, separator: bytes,
                   tuple_pattern: re.Pattern) -> pa.RecordBatch | None:
    """Rows joined by ``statement`` or ``),(``, their values split by ``separator`` (PostgreSQL's ``, ``).

    Free text often holds ``, `` too: a row with more separators than values
    is matched whole by ``tuple_pattern`` instead (no pattern: None), the
    others go through CSV, and the two are put back in row order.
    """
    width = len(names)
    lines = [row for part in data.split(statement) for row in part.split(b"),(")]
    rows = len(lines)
    plain = [line.count(separator) == width - 1 for line in lines]
    simple = [line for line, ok in zip(lines, plain) if ok]
    table = _read_csv(b"\n".join(simple).replace(separator, b","), width, _VALUES_PARSE, _NULL_WORDS) if simple else None
    if simple and (table is None or table.num_rows != len(simple)):
        return None
    fast = _batch(table, names) if simple else None
    if len(simple) == rows:
        return fast
    tokens = []
    for line, ok in zip(lines, plain):
        if not ok:
            m = tuple_pattern and tuple_pattern.fullmatch("(" + line.decode("utf-8") + ")")
            if m is None:
                return None
            tokens.append(m.groups())
    slow = values_batch(tokens, names, literals)
    if fast is None:
        return slow
    # Each row's place in the block: plain rows first in the concatenation, then the others.
    where = np.empty(rows, dtype=np.int64)
    where[np.flatnonzero(plain)] = np.arange(len(simple))
    where[np.flatnonzero(~np.array(plain))] = len(simple) + np.arange(len(tokens))
    both = pa.Table.from_batches([fast, slow]).combine_chunks()
    return both.take(pa.array(where)).to_batches()[0]


_COPY_PARSE = pcsv.ParseOptions(delimiter="\t", quote_char=False, escape_char=False, ignore_empty_lines=False)


def _unescape_copy(col: pa.Array) -> pa.Array:
    odd = pc.match_substring(col, "\\")
    if not _any(odd):
        return col
    decoded = [copy_unescape(v) for v in col.filter(odd).to_pylist()]
    return pc.replace_with_mask(col, odd, pa.array(decoded, pa.string()))


def copy_block(block: str, names: list[str]) -> pa.RecordBatch | None:
    r"""A batch from whole lines of COPY text (``block`` ends with a newline); None when a
    row has another width or the block holds a carriage return alone (data, not a line end).

    >>> copy_block("1\t\\N\n2\ta\\tb\n", ["id", "x"]).to_pylist()
    [{'id': '1', 'x': None}, {'id': '2', 'x': 'a\tb'}]
    """
    if len(names) < 2 or "\r" in block and block.count("\r") != block.count("\r\n"):
        return None
    data = block.encode("utf-8")
    table = _read_csv(data, len(names), _COPY_PARSE, ["\\N"])
    return None if table is None else _batch(table, names, _unescape_copy if b"\\" in data else None)
