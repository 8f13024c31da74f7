"""The rules that find a category's codes: CIM-10, NABM and ATC.

A bare code counts in a column made for it (a diagnosis, exam or drug
column); in text it needs its label ("CIM-10 : F32.1", "NABM 0388") or, for
ATC, its complete seven characters.

>>> import pyarrow as pa
>>> from detectors.health.engine import Column, evaluate
>>> from detectors.health.roles import Role
>>> columns = [Column.of(pa.chunked_array([["0388", "1104"]]), Role.EXAM),
...            Column.of(pa.chunked_array([["RAS", "CIM-10 : B20"]]), Role.TEXT)]
>>> evaluate(rules("hiv"), columns, 2).tolist()
[True, True]
"""
from __future__ import annotations

from . import atc, cim10, nabm
from .engine import Rule, Signal, personal
from .roles import WRITTEN, Role


def rules(category: str) -> tuple[Rule, ...]:
    """One rule per code system that has codes for ``category``."""
    found: list[Rule] = []
    if category in cim10.RANGES or category == "diagnosis":
        found += [(Signal(cim10.cell(category), frozenset({Role.DIAGNOSIS})),),
                  (personal(cim10.written(category), WRITTEN),)]
    if category in nabm.ACTS:
        found += [(Signal(nabm.cell(category), frozenset({Role.EXAM})),),
                  (personal(nabm.written(category), WRITTEN),)]
    if category in atc.CLASSES:
        found += [(Signal(atc.cell(category), frozenset({Role.DRUG})),),
                  (personal(atc.written(category), WRITTEN),)]
    return tuple(found)
