"""Diagnosis: a coded (CIM-10) or named diagnosis that no other category covers:
diabète, HTA, asthme, BPCO, épilepsie, insuffisance rénale, an ALD with its condition...

A lab value alone (HbA1c, a glycaemia) is no diagnosis.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["patient diabétique", "HTA sous traitement", "ALD 8", "IVG sur cardiopathie",
...                 "HbA1c 6,5 %", "mère diabétique", "CIM-10 : E11.9"])
[True, True, True, True, False, False, True]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

CONDITION = any_of(
    word("diabète", "diabétique", "diabetes", "diabetic", "hypertension", "hypertendu",
         "hypertendue", "hypertension artérielle", "asthme", "asthmatique", "asthma", "bpco",
         "copd", "emphysème", "épilepsie", "épileptique", "epilepsy", "insuffisance rénale",
         "insuffisant rénal", "insuffisance cardiaque", "insuffisance respiratoire",
         "insuffisance hépatique", "insuffisance ventriculaire", "kidney failure",
         "heart failure", "cirrhose", "cirrhosis", "hépatite chronique", "hépatite b chronique",
         "hépatite c", "hépatite B", "hypothyroïdie", "hyperthyroïdie", "hashimoto", "basedow",
         "maladie de crohn", "crohn", "rectocolite", "polyarthrite", "spondylarthrite",
         "lupus", "sclérose en plaques", "multiple sclerosis", "parkinson", "alzheimer",
         "avc", "accident vasculaire cérébral", "stroke", "infarctus", "cardiopathie",
         "coronaropathie", "angor", "angine de poitrine", "fibrillation auriculaire", "acfa",
         "embolie pulmonaire", "thrombose", "phlébite", "anémie", "anemia",
         "hypercholestérolémie", "dyslipidémie", "obésité", "obesity", "apnée du sommeil",
         "saos", "arthrose", "ostéoporose", "migraine", "tuberculose", "tuberculosis",
         "endométriose", "sopk", "psoriasis", "insuffisance veineuse", "glaucome",
         "dmla", "goutte", "fibromyalgie", "maladie cœliaque", "drépanocytose",
         "néphropathie", "rétinopathie", "neuropathie", "hypertrophie bénigne de la prostate",
         "dialysé", "dialysée", "greffé", "greffée", "transplanté", "transplantée"),
    r"(?-i:\bHTA\b|\bDT[12]\b|\bDID\b|\bDNID\b|\bIRC\b|\bIRCT\b|\bSEP\b|\bRCH\b|\bIDM\b)",
    # A long-term condition by its number: "ALD 8", "ALD n°30".
    r"(?-i:\bALD)\s*(?:n[°o]\s*)?\d{1,2}\b",
    # IVG as left ventricular failure, in a cardiac context (see pregnancy).
    word("ivg") + r"[^.;\n]{0,40}" + word("cardiopathie", "cardiaque", "fevg", "oap",
                                          "ventriculaire", "décompensation"),
)
"""Named diagnoses of no other category."""

_FALSE_FRIENDS = (
    # Tests and prevention name a disease without diagnosing it.
    word("dépistage", "sérologie", "recherche", "vaccin", "vaccination", "screening")
    + r"[^.;\n]{0,20}" + word("hépatite B", "hépatite c", "tuberculose", "diabète", "anémie"),
    word("hépatite B", "hépatite C") + r"\s+(?:n[eé]gati\w*|immunis\w*|vaccin\w*)",
    word("goutte", "gouttes") + r"\s+(?:à|de|d['’]|par)",
    r"\b(?:\d+|une|quelques)\s+" + word("goutte", "gouttes"),
)

RULES: tuple[Rule, ...] = (
    (personal(CONDITION, WRITTEN, *_FALSE_FRIENDS),),
    *coded.rules("diagnosis"),
)
