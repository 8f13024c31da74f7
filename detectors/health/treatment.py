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
    # "850 mg", "2,5 µg", "40 UI" - a unit followed by "/dL" or "/L" is a lab value.
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|µg|mcg|ug|ui)(?:$|[^/\w])",
    r"\b\d+(?:[.,]\d+)?\s*(?:cp|cps|comprim[eé]s?|g[eé]lules?|sachets?|ampoules?|bouffées?|"
    r"injections?|suppositoires?|patchs?|tablets?|capsules?)\b(?:\s*(?:/|par|x)\s*(?:j|jour|24\s*h))?",
    r"\b\d\s*(?:fois|x)\s*(?:/|par)\s*(?:j\b|jour|semaine)",
    word("matin midi et soir", "matin et soir", "au coucher", "posologie", "once daily",
         "twice daily", "per os"),
)
"""A dosage or posology."""

ACT = word("antibiothérapie", "antibiotique", "antibiotiques", "antibiotics", "insuline",
           "insulinothérapie", "insulin", "anticoagulant", "anticoagulants", "anticoagulation",
           "corticothérapie", "corticoïdes", "dialyse", "hémodialyse", "dialysis",
           "transfusion", "transfusé", "transfusée", "chimiothérapie", "chimio",
           "radiothérapie", "curiethérapie", "immunothérapie", "hormonothérapie",
           "oxygénothérapie", "kinésithérapie", "traitement substitutif",
           "traitement antiviral", "antiviraux")
"""Named therapeutic acts and drug classes."""

_CODED = (
    (Signal(atc.cell(), frozenset({Role.DRUG})),),
    (personal(atc.written(), WRITTEN),),
    (Signal(cip13.WRITTEN, frozenset({Role.DRUG, *WRITTEN}), confirm=cip13.valid_in),),
)

RULES: tuple[Rule, ...] = (
    *((personal(drugs, WRITTEN),) for drugs in (
        DRUGS, hiv.DRUGS, mental_health.DRUGS, addiction.DRUGS, cancer.DRUGS,
        sexual_health.DRUGS, DOSAGE, ACT)),
    *_CODED,
)
