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
from .engine import Rule, Signal, personal
from .roles import WRITTEN, Role
from .text import any_of, vocabulary, word

_CARDIAC = word("cardiopathie", "cardiaque", "fevg", "oap", "ventriculaire", "décompensation",
                "rac", "tavi", "aortique", "furosémide")
GERM = any_of(
    word("grippe", "influenza", "vrs", "rsv", "streptocoque", "strepto", "mycoplasma",
         "mycoplasme", "chlamydia pneumoniae", "chlamydophila", "hsv-1", "hsv1", "herpès",
         "pneumocoque", "légionelle", "rhinovirus", "adénovirus", "métapneumovirus", "e. coli",
         "staphylocoque", "helicobacter", "hépatite", "hepatitis", "ag hbs", "paludisme",
         "plasmodium", "coronavirus", "vhc", "vhb", "hcv", "hbv", "toxoplasmose", "cmv",
         "coqueluche", "rougeole", "oreillons", "rubéole", "varicelle", "diphtérie", "tétanos"),
)
"""Germs other than HIV, SARS-CoV-2 and the STIs: found (not merely tested), a diagnosis."""
_FOUND = r"(?:positi\w*|\+|d[ée]tect[ée]e?s?|detected|pr[ée]sent\w*)"
_NOT_FOUND = r"(?:n[ée]gati\w*|negative|non\s+d[ée]tect\w*|not\s+detected|absent\w*)"

CONDITION = any_of(
    word(*vocabulary("diagnoses.txt")),
    r"(?-i:\bDT[12]\b|\bDID\b|\bDNID\b|\bIRC\b|\bIRCT\b|\bSEP\b|\bRCH\b|\bIDM\b|\bSLA\b|"
    r"\bOAP\b|\bVHC\b|\bVHB\b|\bHCV\b|\bHBV\b|\bDM\b|\bHTN\b|\bCKD\b|\bMI\b|\bUTI\b|\bCHF\b)",
    r"\bhta\b", r"\banti-?(?-i:HP)\b", r"(?-i:\bMS\b)",
    # A long-term condition by its number, unless the number is another
    # category's (7 immune deficiency/HIV, 18 cystic fibrosis, 23 psychiatric,
    # 30 cancer) or names no condition (31, 32): "ALD 8", "ALD n°12".
    r"(?-i:\bALD)\s*(?:n[°o]\s*)?(?:[1-68-9]|1[0-79]|2[0-24-9])\b",
    # IVG as left ventricular failure, in a cardiac context (see pregnancy).
    word("ivg") + r"[^.;\n]{0,40}" + _CARDIAC, _CARDIAC + r"[^.;\n]{0,40}" + word("ivg"),
)
"""Named diagnoses of no other category."""

_NOT_THE_PATIENTS = (
    # A graft's donor/recipient serostatus ("CMV D+/R-"), a germ that is an STI's.
    r"(?-i:\bD\s*[+-]\s*/\s*R\s*[+-])",
    word("mycoplasma genitalium", "m. genitalium"),
    # A lung infection by SARS-CoV-2 is a COVID infection (covid_test).
    word("pneumopathie", "pneumonie", "pneumonia", "infection", "atteinte")
    + r"\s+(?:à|au|due?\s+au|to)\s+" + word("sars-cov-2", "sars-cov2", "covid", "covid-19"),
)
_FALSE_FRIENDS = (
    *_NOT_THE_PATIENTS,
    # Tests and prevention name a disease without diagnosing it; a negative test finds none.
    word("dépistage", "sérologie", "sérologies", "recherche", "vaccin", "vaccination",
         "screening", "vaccine", "résultats", "rendu", "bilan")
    # (all of a list: "résultats VIH/VHB/VHC").
    + r"[^.;\n]{0,20}" + any_of(GERM, word("tuberculose", "diabète", "anémie"))
    + r"(?:\s*[/,]\s*(?:et\s+)?" + GERM + ")*",
    GERM + r"[^.;,\n]{0,30}?" + any_of(_NOT_FOUND, r"\bimmunis\w*", r"\bvaccin\w*"),
    # Only suspected; weeks of amenorrhoea date a pregnancy; a malignant nodule is a cancer.
    r"[^\s.;,]+\s+suspect[ée]e?s?\b",
    word("aménorrhée", "amenorrhee") + r"\s+\d+\s*(?:sem|semaines|j)\b",
    r"\bsem(?:aines?|\.)?\s+d['’]\s*" + word("aménorrhée"),
    word("nodule", "tumeur", "lésion", "masse", "polype", "kyste", "adénome") + r"[^.;\n]{0,30}"
    + word("malin", "maligne", "malignant", "malignancy"),
    word("fracture numérique", "digital divide"),
    # Pregnancy complications are pregnancy; a fetus's disease is not the mother's;
    # a hepatitis B caught sexually is sexual health.
    word("diabète", "hta", "hypertension", "diabetes") + r"\s+"
    + word("gestationnel", "gestational", "gravidique", "de grossesse", "de la grossesse"),
    word("cardiopathie", "malformation") + r"\s+f(?:oe|œ)tale?",
    word("hépatite b", "hepatitis b") + r"[^.;\n]{0,30}" + word("sexuel", "sexuelle", "sexually"),
    # A condition named as another category's: Alzheimer's dementia, familial
    # hypercholesterolaemia, Fanconi anaemia.
    word("démence", "dementia") + r"[^.;\n]{0,25}" + word("alzheimer"),
    word("hypercholestérolémie familiale", "anémie de fanconi"),
    # An electric line, a chat channel, a month: "ligne HTA", "canal IRC", "SEP 2025".
    word("ligne", "poste", "réseau", "câble") + r"\s+(?-i:HTA)\b",
    r"(?-i:\bHTA\s*/\s*BT\b)", word("canal", "channel") + r"\s+(?-i:IRC)\b",
    r"(?-i:\bSEP\b)\s*\d{2,4}\b",
    word("goutte", "gouttes") + r"\s+(?:à|de|d['’]|par)",
    r"\b(?:\d+|une|quelques)\s+" + word("goutte", "gouttes"),
)

_NAMED = frozenset(WRITTEN - {Role.EXAM})

RULES: tuple[Rule, ...] = (
    # An exam's name is no diagnosis: "Grippe A (PCR)" needs a positive result.
    (personal(CONDITION, _NAMED, *_FALSE_FRIENDS, deniable=True),),
    (personal(GERM + r"[^.;\n]{0,40}?" + _FOUND, WRITTEN, *_NOT_THE_PATIENTS),),
    (Signal(GERM, frozenset({Role.EXAM}), any_of(*_NOT_THE_PATIENTS)),
     Signal(r"^\s*" + _FOUND, frozenset({Role.RESULT}))),
    *coded.rules("diagnosis"),
)
