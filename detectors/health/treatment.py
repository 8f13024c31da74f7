"""Treatment: a named drug (brand or INN), an ATC code, a CIP13 code with a
correct check digit, a dosage and posology, or a named therapeutic act.

Counted as well as the category a drug reveals: Truvada is ``hiv`` and
``treatment``.  A lab value in mg/dL is no dosage.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["Doliprane 1 g", "metformine 850 mg 2 cp/j", "Truvada", "CIP 3400930000007",
...                 "CIP 3400930000008", "glycémie 110 mg/dL", "conjoint sous Truvada"])
[True, True, True, True, False, False, False]
"""
from __future__ import annotations

from . import addiction, atc, cancer, cip13, hiv, mental_health, sexual_health
from .engine import Rule, Signal, personal
from .roles import WRITTEN, Role
from .text import any_of, vocabulary, word

DRUGS = word(*vocabulary("drugs.txt"))
"""Common drugs that reveal no other category."""

DOSAGE = any_of(
    # "850 mg", "2,5 µg", "40 UI", "2,4 MUI", "75 mg/m²" - a unit followed by "/dL"
    # or "/L" is a lab value.
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|µg|mcg|ug|ui|mui)(?:$|[^/\w]|\s*/\s*(?:m²|m2|kg|24\s*h|j)\b)",
    # "1 cp/j", "10 gouttes", "1 pression/j"; a viral load in "cp/mL" is none.
    r"\b\d+(?:[.,]\d+)?\s*(?:cp|cps|comprim[eé]s?|g[eé]lules?|sachets?|ampoules?|bouffées?|"
    r"injections?|suppositoires?|patchs?|tablets?|capsules?|gouttes|pressions?|doses?|ovules?)\b"
    r"(?:\s*(?:/|par|x)\s*(?:j|jour|24\s*h))?(?:$|[^/\w])",
    r"\b\d\s*(?:fois|x)\s*(?:/|par)\s*(?:j\b|jour|semaine|week)",
    # Oxygen by its flow: "O2 2 L/min".
    r"\b\d+(?:[.,]\d+)?\s*l\s*/\s*min\b",
    # A PrEP schedule: "schéma 2+1+1".
    r"\bsch[ée]ma\s+\d(?:\s*\+\s*\d)+",
    word("matin midi et soir", "matin et soir", "au coucher", "posologie", "once daily",
         "twice daily", "per os", "dose unique", "stat"),
)
"""A dosage or posology."""

ACT = any_of(
    word(*vocabulary("acts.txt"), "insuline", "insulin", "dialyse", "hémodialyse", "dialysis",
         "chimio", "chemo", "traitement substitutif", "radiation therapy", "cannabis médical",
         "medical cannabis"),
    # Acts named by their suffix: "appendicectomie", "trachéotomie", "arthroplastie",
    # "photothérapie", "appendectomy", "physiotherapy".
    r"\w*(?:ectomies?|otomies?|plasties?|stomies?|ectomy|otomy|plasty|ostomy)\b",
    r"\w*(?:th[ée]rapies?|therapy)\b",
    # Upper-case acronyms: a CCAM act code, a nursing act (AMI), radiotherapy,
    # psychotherapies, electroconvulsive therapy.
    r"(?-i:\b[A-Z]{4}\d{3}\b|\bAMI\s*\d|\bRT\s+(?:adjuvante|externe)|\bEMDR\b|\bTCC\b|\bCBT\b|"
    r"\bECT\b)",
)
"""Named or coded therapeutic acts: surgery, grafts, transfusion, chemotherapy..."""

_NO_ACT = (
    # A regimen named by its drug count names no drug; a pass names no vaccination.
    word("trithérapie", "bithérapie", "quadrithérapie", "triple therapy", "dual therapy",
         "pass vaccinal", "schéma vaccinal"),
    # A sample taken, not a treatment: "aspiration bronchique".
    word("aspiration bronchique", "aspiration trachéale", "aspiration nasopharyngée",
         "aspiration naso-pharyngée"),
    # A drug user's own use: "injecte 2x/j".
    word("injecte", "injects", "fume", "smokes", "consomme", "boit", "drinks", "sniffe")
    + r"\s+\d",
)

_CODED = (
    (Signal(atc.cell(), frozenset({Role.DRUG})),),
    (personal(atc.written(), WRITTEN),),
    (Signal(cip13.WRITTEN, frozenset({Role.DRUG, *WRITTEN}), confirm=cip13.valid_in),),
)

RULES: tuple[Rule, ...] = (
    *((personal(drugs, WRITTEN),) for drugs in (
        DRUGS, hiv.DRUGS, addiction.DRUGS, cancer.DRUGS, sexual_health.DRUGS)),
    (personal(mental_health.DRUGS, WRITTEN, *mental_health.BATTERIES),),
    (personal(DOSAGE, WRITTEN, *_NO_ACT),),
    (personal(ACT, WRITTEN, *_NO_ACT),),
    *_CODED,
)
