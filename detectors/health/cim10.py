"""CIM-10 (ICD-10) diagnosis codes, and the categories their ranges reveal.

A code is a letter, two digits and an optional subdivision: ``F32``, ``F32.1``,
``F321`` (PMSI style), ``Z3A.12``.  It counts in a diagnosis column, or in
text right after a ``CIM-10``/``ICD-10`` label, never as any three characters
of free text ("salle F32", "vol AF123").

>>> import pyarrow as pa
>>> from detectors.health.text import matches
>>> text = pa.array(["CIM-10 : F32.1", "ICD-10 E11.9, F32", "F32.1", "salle F32"])
>>> matches(text, written("mental_health")).tolist()
[True, True, False, False]
>>> cells = pa.array(["F32.1", "f321 épisode dépressif", "E11.9", "U07.1"])
>>> matches(cells, cell("mental_health")).tolist(), matches(cells, cell("diagnosis")).tolist()
([True, True, False, False], [False, False, True, False])
"""
from __future__ import annotations

from functools import cache
from itertools import groupby
from string import ascii_uppercase

HEAD = r"\b[a-z]\d[\da]"
"""Any code's first three characters (matching is case-insensitive)."""
CODE = HEAD + r"\b"
"""A three-character code standing alone."""

RANGES: dict[str, tuple[str, ...]] = {
    "hiv": ("B20-B24", "Z21", "R75", "Z11.4", "Z20.6"),
    "pregnancy": ("O00-O99", "Z32-Z36", "Z3A"),
    "covid_test": ("U07.1", "U07.2", "Z20.822"),
    "sexual_health": ("A50-A64",),
    "mental_health": ("F00-F09", "F20-F99"),
    "addiction": ("F10-F19", "F63.0", "Z72.0"),  # substances, gambling, tobacco use
    "cancer": ("C00-D09", "D37-D48"),
    # Chromosomal anomalies and hereditary diseases: cystic fibrosis, sickle cell and
    # other haemoglobin disorders, haemochromatosis, Huntington, hereditary factor deficiencies.
    "genetic": ("Q90-Q99", "E84", "D56", "D57", "D66", "E83.1", "G10"),
}
"""Per category, its codes: a range of three-character codes, one code, or a
subdivision (``U07.1``) that alone belongs to the category."""

_ALL = tuple(f"{letter}{n:02d}" for letter in ascii_uppercase for n in range(100))
# A code's subdivision: "F32.1", "F321", "Z3A.12", with an asterisk or dagger.
_SUBDIVISION = r"(?:\.?\d{1,4})?[*+†]?\b"


def _expand(entry: str) -> list[str]:
    """The three-character codes (or the one subdivision) an entry of ``RANGES`` names.

    >>> _expand("B20-B24"), _expand("C98-D01"), _expand("U07.1")
    (['B20', 'B21', 'B22', 'B23', 'B24'], ['C98', 'C99', 'D00', 'D01'], ['U07.1'])
    """
    first, _, last = entry.partition("-")
    if not last:
        return [first]
    return list(_ALL[_ALL.index(first): _ALL.index(last) + 1])


def _alternation(codes: list[str]) -> str:
    """A compact pattern for three-character codes: ``F2\\d`` for F20-F29.

    >>> _alternation(["F20", "F21", "F22", "F23", "F24", "F25", "F26", "F27", "F28", "F29", "F31"])
    'F2\\\\d|F3[1]'
    """
    parts = []
    for head, group in groupby(sorted(codes), key=lambda c: c[:2]):
        units = "".join(c[2] for c in group)
        parts.append(head + (r"\d" if units == "0123456789" else f"[{units}]"))
    return "|".join(parts)


def _subdivided(entry: str) -> str:
    """The pattern of one subdivision entry: ``U07\\.?1``."""
    head, _, tail = entry.partition(".")
    return rf"{head}\.?{tail}\d*[*+†]?\b" if tail else rf"{head}{_SUBDIVISION}"


@cache
def pattern(category: str) -> str:
    """A code of ``category`` (``diagnosis``: a code no other category claims)."""
    if category == "diagnosis":
        return _other_codes()
    entries = [code for entry in RANGES[category] for code in _expand(entry)]
    plain = [c for c in entries if c in _ALL]
    special = [_subdivided(c) for c in entries if c not in _ALL]
    alternatives = ([rf"(?:{_alternation(plain)}){_SUBDIVISION}"] if plain else []) + special
    return r"\b(?:" + "|".join(alternatives) + ")"


def _other_codes() -> str:
    claimed = {c for entries in RANGES.values() for e in entries for c in _expand(e)}
    # A code some of whose subdivisions alone are claimed (U07.1) stays a
    # diagnosis with its other subdivisions (U07.0 vaping injury); by their
    # first digit, so Z20.8x (Z20.822 is COVID exposure) goes to neither.
    split: dict[str, set[str]] = {}
    for code in (c for c in claimed if "." in c and c.split(".")[0] not in claimed):
        head, tail = code.split(".")
        split.setdefault(head, set()).add(tail[0])
    free = [c for c in _ALL if c not in claimed and c not in split]
    alternatives = [rf"(?:{_alternation(free)}){_SUBDIVISION}"]
    for head, taken in sorted(split.items()):
        # Without lookahead: either another subdivision, or nothing that could start one.
        alternatives.append(rf"{head}(?:\.?[^{''.join(sorted(taken))}\D]\d*[*+†]?\b"
                            r"|[*+†]?(?:$|[^.\w]))")
    return r"\b(?:" + "|".join(alternatives) + ")"


_LABEL = r"\b(?:cim|icd)[\s-]?10\b"
# After the label, other codes may come first: "CIM-10 : E11.9, F32.1".
_LIST = rf"[^a-z0-9]{{0,6}}(?:{HEAD}[\w.*+†]*[^a-z0-9]{{1,4}}(?:et\s+|and\s+)?){{0,4}}"


def written(category: str) -> str:
    """A ``category`` code written as such in text: ``CIM-10 : F32.1``."""
    return _LABEL + _LIST + pattern(category)


def cell(category: str) -> str:
    """A ``category`` code in a diagnosis column, alone or among others and words."""
    return rf"(?:^|[\s,;/(\[]){pattern(category)}"
