"""Sniff what kind of text an input holds: a delimited table (which delimiter,
whether a header), an SQL dump, or something that is not a table at all.

>>> d = sniff_dialect("nom;prenom;tel\\nDupont;Léa;0612\\nMartin;Luc;0613\\n")
>>> d.delimiter, d.header, d.columns
(';', True, ['nom', 'prenom', 'tel'])
>>> sniff_dialect("1,2,3\\n4,5,6\\n").columns
['col_1', 'col_2', 'col_3']
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from .columns import identity_roles

DELIMITERS = (";", ",", "\t", "|")
SAMPLE_ROWS = 200
# A value that is data, not a column title: digits runs, emails, dates.
DATA_LIKE = re.compile(r"\d{3}|@|\d[/.-]\d")
SQL_START = re.compile(
    r"^\s*(--|/\*|CREATE\s|INSERT\s|COPY\s|SET\s|DROP\s|LOCK\s|BEGIN|PRAGMA\s|USE\s)", re.IGNORECASE
)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass
class Dialect:
    """How to parse a delimited text: the delimiter, whether row 1 is a header, column names."""

    delimiter: str
    header: bool
    columns: list[str]


def looks_binary(text: str) -> bool:
    """True when control characters make up more than 1% of the decoded sample.

    >>> looks_binary("a;b\\n"), looks_binary("\\x00\\x01\\x02abc")
    (False, True)
    """
    return len(CONTROL.findall(text[:65536])) > max(1, len(text[:65536]) // 100)


def looks_sql(text: str) -> bool:
    """True when the sample starts like an SQL dump (comments, CREATE, INSERT, COPY...).

    >>> looks_sql("-- MySQL dump 10.13\\n"), looks_sql("nom;prenom\\n")
    (True, False)
    """
    return bool(SQL_START.match(text))


def _rows(sample: str, delimiter: str) -> list[list[str]]:
    # The sample ends mid-row unless it is the whole file: drop its last line.
    body = sample if sample.endswith("\n") else sample[: sample.rfind("\n") + 1] or sample
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) >= SAMPLE_ROWS:
                break
    except csv.Error:
        pass
    return rows


def _score(rows: list[list[str]]) -> tuple[float, int]:
    widths = Counter(len(r) for r in rows if r)
    if not widths:
        return (0.0, 1)
    width, count = widths.most_common(1)[0]
    return (count / sum(widths.values()) if width > 1 else 0.0, width)


def _digit_share(rows: list[list[str]], column: int) -> float:
    cells = [row[column] for row in rows if column < len(row) and row[column]]
    return sum(any(ch.isdigit() for ch in cell) or "@" in cell for cell in cells) / max(len(cells), 1)


def _is_header(rows: list[list[str]]) -> bool:
    """Row 1 is a header when no cell of it looks like data and either a column
    of digits/emails sits under a digit-free title, or it names identity columns."""
    first = rows[0]
    if not any(cell.strip() for cell in first) or any(DATA_LIKE.search(cell) or len(cell) > 64 for cell in first):
        return False
    titled_data = any(
        not any(ch.isdigit() for ch in cell) and _digit_share(rows[1:], i) >= 0.5 for i, cell in enumerate(first)
    )
    return len(rows) == 1 or titled_data or len(identity_roles(first)) >= 2


def _names(first: list[str], width: int, header: bool) -> list[str]:
    names: list[str] = []
    seen: Counter = Counter()
    for i in range(width):
        name = first[i].strip() if header and i < len(first) else ""
        name = name or f"col_{i + 1}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names


def sniff_dialect(sample: str) -> Dialect:
    """Choose the delimiter whose rows have the most consistent width; detect a header."""
    best = max(DELIMITERS, key=lambda d: _score(_rows(sample, d)))
    rows = _rows(sample, best)
    consistency, width = _score(rows)
    if consistency == 0.0:
        # One column of values (a list of emails, say): no delimiter occurs.
        best, width = "\x1f", 1
        rows = _rows(sample, best)
    header = bool(rows) and _is_header(rows)
    return Dialect(best, header, _names(rows[0] if rows else [], width, header))
