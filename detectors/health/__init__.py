"""Sensitive health categories revealed by each record of a leaked table.

``classify`` is what the pipeline calls, once per batch.  Each category has
its own module (``hiv``, ``pregnancy``, ``blood_group``); ``roles`` decides
which columns can carry which category, ``engine`` runs the rules, ``text``
and ``kin`` hold the shared pattern helpers.

>>> import pyarrow as pa
>>> table = pa.table({"examen": ["Sérologie VIH 1/2", "Groupe ABO-RhD", "Bêta-hCG"],
...                   "resultat": ["négatif", "A+", "< 2 UI/L"],
...                   "ville": ["Vihiers", "Pithiviers", "Lyon"]})
>>> {name: hits.tolist() for name, hits in classify(table).items()}
{'hiv': [True, False, False], 'pregnancy': [False, False, True], 'blood_group': [False, True, False]}
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import blood_group, hiv, pregnancy
from .engine import Column
from .roles import infer_roles

CATEGORIES: tuple[str, ...] = ("hiv", "pregnancy", "blood_group")
_DETECTORS = {"hiv": hiv.detect, "pregnancy": pregnancy.detect, "blood_group": blood_group.detect}


def classify(table: pa.Table) -> dict[str, np.ndarray]:
    """Per category, a bool array with one entry per row of `table`: the record reveals it."""
    columns = [Column.of(values, role) for values, role in zip(table.columns, infer_roles(table))]
    return {name: _DETECTORS[name](columns, table.num_rows) for name in CATEGORIES}
