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

from typing import Sequence

import pyarrow as pa
import pyarrow.compute as pc

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
