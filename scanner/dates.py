"""Birth dates as written in French files, read into one canonical number.

Two records of one person match only if their birth dates compare equal,
whatever software wrote them: ``01/02/1985``, ``1985-02-01``,
``01-02-85``, ``01.02.1985``, ``19850201``, a SQL ``1985-02-01 00:00:00``.
Day-first is assumed (French usage); the result is ``yyyymmdd`` as an
integer, 0 when the text is not a real, plausible birth date.

>>> import pyarrow as pa
>>> parse_birth_dates(pa.array(["1/2/1985", "1985-02-01", "01-02-85", "19850201",
...                             "31/02/1985", "01/02/45", None])).tolist()
[19850201, 19850201, 19850201, 19850201, 0, 19450201, 0]
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

_SEP = r"[/.\- ]"
_TAIL = r"(?:[ T].*)?$"
# Tried in order; the first that gives a valid date wins. A compact
# ddmmyyyy and yyyymmdd share one shape, validity tells them apart.
_PATTERNS = (
    rf"^(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}}|\d{{2}}){_TAIL}",
    rf"^(?P<y>\d{{4}})[/.\-]?(?P<m>\d{{2}})[/.\-]?(?P<d>\d{{2}}){_TAIL}",
    r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})$",
)
# Nobody alive was born earlier; a later "birth date" is some other date.
_FIRST_YEAR = 1880


def parse_birth_dates(values: pa.Array) -> np.ndarray:
    """int32 ``yyyymmdd`` per value, 0 where it is no plausible birth date.

    Distinct texts are parsed once: a file repeats a few thousand dates.

    >>> parse_birth_dates(pa.array(["  12.03.1950 ", "2999-01-01", "x"])).tolist()
    [19500312, 0, 0]
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values.cast(pa.string()))
    parsed = _parse_distinct(pc.utf8_trim_whitespace(encoded.dictionary))
    out = np.zeros(len(values), dtype=np.int32)
    present = encoded.indices.is_valid().to_numpy(zero_copy_only=False)
    out[present] = parsed[encoded.indices.drop_null().to_numpy()]
    return out


def _parse_distinct(text: pa.Array) -> np.ndarray:
    out = np.zeros(len(text), dtype=np.int32)
    for pattern in _PATTERNS:
        # Each pattern reads only the texts no earlier one made a date of.
        todo = np.flatnonzero(out == 0)
        if not todo.size:
            break
        parts = pc.extract_regex(text.take(todo), pattern)
        matched = parts.is_valid().to_numpy(zero_copy_only=False)
        if not matched.any():
            continue
        parts = parts.filter(matched)
        out[todo[matched]] = _validate(*(_field(parts, name) for name in "ymd"))
    return out


def _field(parts: pa.StructArray, name: str) -> np.ndarray:
    return pc.cast(parts.field(name), pa.int32()).to_numpy(zero_copy_only=False)


def _validate(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """``yyyymmdd`` where the date exists and is plausible, else 0.

    Two-digit years take the latest century not in the future: a birth
    date cannot be ahead of the scan.

    >>> _validate(np.array([85, 2000, 2001]), np.array([2, 2, 2]), np.array([1, 29, 29])).tolist()
    [19850201, 20000229, 0]
    """
    today = int(dt.date.today().strftime("%Y%m%d"))
    short = year < 100
    year = np.where(short, 2000 + year, year)
    year = np.where(short & (year * 10000 + month * 100 + day > today), year - 100, year)
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (year >= _FIRST_YEAR)
    months = np.where(ok, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    last_day = ((months + 1).astype("datetime64[D]") - months.astype("datetime64[D]")).astype(int)
    stamp = year * 10000 + month * 100 + day
    ok &= (day <= last_day) & (stamp <= today)
    return np.where(ok, stamp, 0).astype(np.int32)
