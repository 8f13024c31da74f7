"""Sensitive health categories revealed by each record of a leaked table.

``classify`` is what the pipeline calls, once per batch.  Each category has
its own module, named after its key (``hiv``, ``pregnancy``...: see
docs/CATEGORIES.md); the code systems too (``cim10``, ``nabm``, ``atc``,
``cip13``).  ``roles`` decides which columns can carry which category,
``engine`` runs the rules, ``text`` and ``kin`` hold the shared pattern helpers.

>>> import pyarrow as pa
>>> table = pa.table({"examen": ["Sérologie VIH 1/2", "Groupe ABO-RhD", "Bêta-hCG"],
...                   "resultat": ["négatif", "A+", "< 2 UI/L"],
...                   "ville": ["Vihiers", "Pithiviers", "Lyon"]})
>>> {name: hits.tolist() for name, hits in classify(table).items() if hits.any()}
{'hiv': [True, False, False], 'pregnancy': [False, False, True], 'blood_group': [False, True, False]}
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from . import (addiction, blood_group, cancer, covid_test, diagnosis, disability, genetic, hiv,
               mental_health, pregnancy, sexual_health, treatment)
from .engine import Column, Rule, SignalMemory, evaluate_all
from .roles import WRITTEN, Role, infer_roles

_RULES: dict[str, tuple[Rule, ...]] = {
    "hiv": hiv.RULES,
    "pregnancy": pregnancy.RULES,
    "blood_group": blood_group.RULES,
    "covid_test": covid_test.RULES,
    "sexual_health": sexual_health.RULES,
    "mental_health": mental_health.RULES,
    "addiction": addiction.RULES,
    "cancer": cancer.RULES,
    "genetic": genetic.RULES,
    "disability": disability.RULES,
    "diagnosis": diagnosis.RULES,
    "treatment": treatment.RULES,
}
CATEGORIES: tuple[str, ...] = tuple(_RULES)
"""The category keys, in the order of docs/CATEGORIES.md (the contract's three first)."""

# Identity, places and family history never reveal the person's health.
_READ = WRITTEN | {Role.BLOOD_GROUP}
# Shared by the batches of a process: a value's signals do not depend on its batch.
_MEMORY = SignalMemory()


def classify(table: pa.Table, encoded: Sequence[pa.Array] = ()) -> dict[str, np.ndarray]:
    """Per category, a bool array with one entry per row of `table`: the record reveals it.

    ``encoded``: the table's columns as the caller already read them, whose
    dictionaries (of dictionary-encoded ones) spare encoding them again.
    """
    encoded = encoded or [None] * table.num_columns
    columns = [Column.of(values, role, known) for values, role, known
               in zip(table.columns, infer_roles(table), encoded) if role in _READ]
    return evaluate_all(_RULES, columns, table.num_rows, _MEMORY)
