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
from .engine import Column, Rule, Signal, absent, evaluate, personal
from .roles import WRITTEN
from .text import any_of, word

_WEEKS = any_of(
    r"\b\d{1,2}(?:[.,]\d)?\s*(?:SA|sem(?:aines?|\.)?\s+d['’]\s*am[eé]norrh[eé]e)\b",
    # The English obstetric notation: "28/40", "36+2/40".
    r"\b[1-4]?\d(?:\+[0-6])?\s*/\s*40\b",
)

STATUS = any_of(
    word("enceinte", "enceintes", "grossesse", "grossesses", "pregnant", "pregnancy",
         "post-partum", "gravide", "gestante", "parturiente", "primigeste", "primipare",
         "multigeste", "multipare", "césarienne", "fausse couche", "miscarriage",
         "prénatal", "prénatale", "anténatal", "anténatale", "obstétrical", "obstétricale",
         "obstétricaux", "obstétricales", "obstetric", "gestationnel", "gestationnelle",
         "gestational", "gestation", "terme prévu", "suites de couches", "caesarean",
         "c-section", "abortion", "ivg", "césariennes", "fausses couches", "césarisée", "ensseinte", "enseinte",
         "grossesse extra-utérine", "ectopic pregnancy", "fœtus", "fœtal", "fœtale", "fœtaux",
         "foetal", "fetal", "fetus", "maturation pulmonaire", "congé maternité",
         "congé de maternité", "maternity leave", "terme dépassé", "retour de couches",
         "gravidique", "prééclampsie", "pré-éclampsie", "éclampsie", "pre-eclampsia", "hellp",
         "placenta", "placentaire", "hyperemesis", "liquide amniotique", "amniocentèse",
         "choriocentèse", "dpni", "nipt", "diagnostic prénatal", "clarté nucale",
         "nuchal translucency", "dépistage combiné", "risque combiné", "1er trimestre",
         "premier trimestre", "2e trimestre", "2ème trimestre", "deuxième trimestre",
         "second trimestre", "3e trimestre", "3ème trimestre", "troisième trimestre",
         "first trimester", "second trimester", "third trimester", "antenatal", "postnatal",
         "post-natal", "per-partum", "môle hydatiforme", "menace d'accouchement prématuré"),
    word("accouch", "obstétric", stem=True),
    # Upper case only: "GEU" (ectopic pregnancy), "DPN" (prenatal diagnosis).
    r"(?-i:\bGEU\b|\bDPN\b)",
    # Gestational diabetes screening: "dépistage DG".
    r"\bd[eé]pistage\s+(?:du\s+)?(?-i:DG)\b",
    # Gravidity and parity: "G2P1", "G3 P2".
    r"\bG\d{1,2}\s*P\d{1,2}\b",
    # "12 SA", "12SA+3j", "32 semaines d'aménorrhée"; "Bio SA" has no number.
    _WEEKS,
    # First, second, third trimester (obstetric) ultrasound.
    word("échographie", "écho") + r"\s+(?:obst[eé]tric|(?:de\s+)?datation|morpho|T[123]\b"
    r"|(?:du\s+)?(?:1er|2e|3e|premier|deuxi[eè]me|troisi[eè]me)\s+trimestre)",
    # Due date ("DPA : 12/05"): the upper-case acronym followed by a date.
    r"(?-i:\bDPA\b)\s*[:=]?\s*\d",
)
"""Words that alone reveal the person's pregnancy."""

HCG = r"\bb?hcg\b"
"""hCG, the pregnancy hormone: "bêta-hCG", "β-hCG", "BHCG", "hCG plasmatique"."""
TUMOUR_MARKER = any_of(
    word("marqueur tumoral", "marqueurs tumoraux", "tumour marker", "tumor marker",
         "tumeur germinale", "germ cell", "séminome", "choriocarcinome", "seminoma"),
    word("testicul", stem=True),
)
"""What makes an hCG a tumour marker (a man's germ-cell tumour), not a pregnancy test."""

_CARDIAC = word(
    "cardiopathie", "cardiaque", "fevg", "oap", "décompensation", "ventriculaire", "ventricule",
    "insuffisance cardiaque", "dyspnée", "échocardiographie", "coronarien", "coronarienne",
    "infarctus", "valvulopathie", "rac", "rétrécissement aortique", "tavi", "aortique",
    "valve", "valvulaire",
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
    word("pregnancy category", "pregnant pause"),
    word("enceinte", "enceintes") + r"\s+(?:climatique|thermique|frigorifique|r[eé]frig[eé]r[eé]e"
    r"|de\s+stockage|de\s+confinement|blind[eé]e)",
    # A child's own birth history: "né à 38 SA", "enfant né à terme (39 SA)".
    word("né", "née", "nés", "nées", "born", "prématuré", "prématurée", "ancien prématuré")
    + r"[^.;\n]{0,25}?" + _WEEKS,
    # A wish or a plan is no pregnancy yet.
    word("désir de", "projet de", "souhait de", "planning", "envisage une", "wish for")
    + r"\s+" + word("grossesse", "pregnancy"),
    # The person's own birth: "paralysie obstétricale du plexus brachial".
    word("paralysie obstétricale", "obstetric palsy", "alcoolisation fœtale"),
    # A transmission from the person's mother at birth.
    word("materno-fœtale", "materno-fœtal", "fœto-maternelle", "fœto-maternel"),
    # A score out of 40.
    word("score", "note", "scored", "mark") + r"\s*[:=]?\s*" + _WEEKS,
)

RULES: tuple[Rule, ...] = (
    (personal(STATUS, WRITTEN, *_FALSE_FRIENDS),),
    (personal(HCG, WRITTEN), absent(Signal(TUMOUR_MARKER, WRITTEN))),
    *coded.rules("pregnancy"),
)


def detect(columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether the record reveals the person's pregnancy."""
    return evaluate(RULES, columns, rows)
