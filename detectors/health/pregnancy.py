"""Pregnancy: current or past, its term, follow-up, termination or delivery,
or a pregnancy test whatever its result.  Contraception alone does not count.

>>> import pyarrow as pa
>>> from detectors.health.engine import Column
>>> from detectors.health.roles import Role
>>> rows = pa.chunked_array([["enceinte de 12 SA", "enceinte Bluetooth", "Bio SA",
...                          "IVG", "IVG sur cardiopathie", "sœur enceinte"]])
>>> detect([Column.of(rows, Role.TEXT)], 6).tolist()
[True, False, False, True, False, False]
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import coded
from .engine import Column, Rule, evaluate, personal
from .roles import WRITTEN
from .text import any_of, word

_WEEKS = r"\b\d{1,2}(?:[.,]\d)?\s*(?:SA|sem(?:aines?|\.)?\s+d['’]\s*am[eé]norrh[eé]e)\b"

STATUS = any_of(
    word("enceinte", "enceintes", "grossesse", "grossesses", "pregnant", "pregnancy",
         "post-partum", "gravide", "gestante", "parturiente", "primigeste", "primipare",
         "multigeste", "multipare", "césarienne", "fausse couche", "miscarriage",
         "prénatal", "prénatale", "anténatal", "anténatale", "obstétrical", "obstétricale",
         "obstétricaux", "obstétricales", "obstetric", "gestationnel", "gestationnelle",
         "gestational", "gestation", "terme prévu", "suites de couches", "caesarean",
         "c-section", "abortion", "ivg"),
    word("accouch", "obstétric", stem=True),
    # Gravidity and parity: "G2P1", "G3 P2".
    r"\bG\d{1,2}\s*P\d{1,2}\b",
    # "12 SA", "12SA+3j", "32 semaines d'aménorrhée"; "Bio SA" has no number.
    _WEEKS,
    # hCG, the pregnancy hormone: "bêta-hCG", "β-hCG", "BHCG", "hCG plasmatique".
    r"\bb?hcg\b",
    # First, second, third trimester (obstetric) ultrasound.
    word("échographie", "écho") + r"\s+(?:obst[eé]tric|(?:de\s+)?datation|morpholog|T[123]\b"
    r"|(?:du\s+)?(?:1er|2e|3e|premier|deuxi[eè]me|troisi[eè]me)\s+trimestre)",
    # Due date ("DPA : 12/05"): the upper-case acronym followed by a date.
    r"(?-i:\bDPA\b)\s*[:=]?\s*\d",
)
"""Words that alone reveal the person's pregnancy."""

_CARDIAC = word(
    "cardiopathie", "cardiaque", "fevg", "oap", "décompensation", "ventriculaire", "ventricule",
    "insuffisance cardiaque", "dyspnée", "échocardiographie", "coronarien", "coronarienne",
    "infarctus", "valvulopathie",
)
_FALSE_FRIENDS = (
    # "enceinte" as a noun: loudspeaker or enclosure ("l'enceinte de l'hôpital").
    r"(?:\b(?:l['’]|une|la|cette|les|des|d['’]|son|mon|ton|votre|notre|leur|ces)\s*)"
    + word("enceinte", "enceintes"),
    word("enceinte", "enceintes")
    + r"\s+(?:bluetooth|connect[eé]e?s?|acoustiques?|sonores?|portables?|audio|hi-?fi|jbl"
    r"|wifi|sans\s+fil|du\s+stade|de\s+l['’]h[oô]pital|de\s+la\s+ville|du\s+ch[aâ]teau)",
    # IVG as left ventricular failure, when the same clause talks about the heart.
    r"\bivg\b[^.;\n]{0,40}" + _CARDIAC,
    _CARDIAC + r"[^.;\n]{0,40}\bivg\b",
    # Drug leaflets talk about pregnancy in general, not about this person.
    word("contre-indiqué", "contre-indication", "déconseillé", "éviter", "category")
    + r"[^.;\n]{0,30}" + word("grossesse", "enceintes", "enceinte", "pregnancy"),
    word("pregnancy category"),
)

RULES: tuple[Rule, ...] = (
    (personal(STATUS, WRITTEN, *_FALSE_FRIENDS),),
    *coded.rules("pregnancy"),
)


def detect(columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether the record reveals the person's pregnancy."""
    return evaluate(RULES, columns, rows)
