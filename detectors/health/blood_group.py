"""Blood group: an ABO group and/or RhD value of the person.

Found three ways: stated in text ("groupe B rhésus positif", "O nég"), as the
value of a blood-group column, or as the result of a blood-group exam.

>>> import pyarrow as pa
>>> from detectors.health.engine import Column
>>> from detectors.health.roles import Role
>>> exam = pa.chunked_array([["Groupe sanguin", "Groupe sanguin", "Glycémie", "NFS"]])
>>> result = pa.chunked_array([["O", "en cours", "5.1", "note A+"]])
>>> detect([Column.of(exam, Role.EXAM), Column.of(result, Role.RESULT)], 4).tolist()
[True, False, False, False]
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import abo
from .engine import Column, Rule, Signal, evaluate, personal
from .roles import WRITTEN, Role
from .text import word

_FALSE_FRIENDS = (
    # A letter that names a virus, vitamin, germ or grade, with whatever value
    # follows it: "hépatite B négative", "strepto A +", "classe énergie A+".
    word(
        "hépatite", "vitamine", "strepto", "streptocoque", "streptococcus", "grippe",
        "influenza", "méningocoque", "hémophilie", "note", "classe", "grade", "niveau",
        "catégorie", "énergie", "label", "anti", "virus", "vih", "hiv", "rue", "avenue",
        "bâtiment", "salle", "secteur", "pavillon", "escalier", "porte", "plan", "vitamin",
        "évaluation", "appréciation", "notation", "mention", "bulletin", "report card",
        "rating", "étiquette", "dpe", "influenza", "strep", "streptococcus",
    )
    # "évaluation annuelle : A+": one word may qualify the label.
    + r"(?:\s+\w+)?(?:[\s:=-]+|(?:du|de|d['’]|type|groupe|s[eé]rotype)\b)*(?-i:AB|A|B|O|0)\b"
    + r"(?:\s*(?:rh\w*\s*)?(?:[+-]|pos\w*|n[eé]g\w*))?",
    # Transfused units carry the donors' group: "2 CGR O-", "culots O nég".
    r"(?:\b\d+\s*)?\b(?:cgr|culots?(?:\s+globulaires?)?|poches?|unités?|pfc|cpa|units?)"
    r"\s+(?:de\s+|du\s+groupe\s+)?(?-i:AB|A|B|O)\s*(?:[+-]|pos\w*|n[eé]g\w*)",
    # A graft's donor/recipient serostatus: "CMV D-/R+".
    r"(?-i:\bD\s*[+-]\s*/\s*R\s*[+-])",
    # A group of people: "groupe B, salle 3".
    r"\bgroupe\s+(?-i:AB|A|B|O)\b\s*,?\s*(?:salle|bureau|room|de\s+travail|de\s+parole|n[°o])",
)

RULES: tuple[Rule, ...] = (
    (personal(abo.TEXT, WRITTEN, *_FALSE_FRIENDS),),
    (Signal(abo.CELL, frozenset({Role.BLOOD_GROUP})),),
    (Signal(abo.EXAM, frozenset({Role.EXAM})), Signal(abo.CELL, frozenset({Role.RESULT}))),
)


def detect(columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether the record gives the person's ABO group or RhD value."""
    return evaluate(RULES, columns, rows)
