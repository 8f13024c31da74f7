"""HIV: the person's status, test (whatever its result), treatment or prophylaxis.

>>> import pyarrow as pa
>>> from detectors.health.engine import Column
>>> from detectors.health.roles import Role
>>> rows = pa.chunked_array([["Sérologie VIH 1/2", "Vihiers", "sous Biktarvy",
...                          "père VIH+", "paiement TPE", "TPE après AES"]])
>>> detect([Column.of(rows, Role.TEXT)], 6).tolist()
[True, False, True, False, False, True]
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import coded
from .engine import Column, Rule, evaluate, personal
from .roles import WRITTEN
from .text import any_of, vocabulary, word

# Other infections that "séropositif" may be about.
_OTHER_INFECTION = word(
    "toxo", "toxoplasmose", "rubéole", "cmv", "cytomégalovirus", "hépatite", "vhb", "vhc",
    "hbv", "hcv", "syphilis", "tpha", "ebv", "hsv", "herpès", "covid", "sars-cov-2", "lyme",
    "varicelle", "chlamydia",
)
# Prophylaxis after exposure to rabies or tetanus is not HIV prophylaxis.
_OTHER_EXPOSURE = word("rage", "antirabique", "tétanos", "antitétanique")
_POST_EXPOSURE = word("post-exposition", "post-exposure")

STATUS = any_of(
    # "VIH", "HIV-1", "VIH 1/2", "anti-VIH"; never inside Vihiers or archive.
    r"\b(?:vih|hiv|vhi)(?:[\s-]?[12])?\b",
    word("sida", "sidéen", "sidéenne", "séropositif", "séropositive", "séropositivité",
         "séropo", "antirétroviral", "antirétroviraux", "antirétrovirale", "antirétrovirales",
         "antiretroviral", "antiretrovirals"),
    # Not folded: "prép." abbreviates préparation.
    r"\bprep\b",
    word("pré-exposition", "pre-exposure") + r"\s+prophyla",
    r"(?:traitement|prophylaxie|prophylaxis)\s+" + _POST_EXPOSURE,
    r"(?-i:\bAIDS\b|\bHAART\b|\bcART\b|\bARV\b)",
)
"""Words that alone reveal something about the person's HIV."""

DRUGS = word(*vocabulary("antiretrovirals.txt"))
"""Drugs used only against HIV: a treatment that reveals HIV."""

_FALSE_FRIENDS = (
    # "séropositive pour la toxoplasmose" is about another infection.
    word("séropositif", "séropositive", "séropositivité")
    + r"\s+(?:(?:pour|à|au|aux|vis-à-vis|de|la|le|l['’]|d['’])\s*){0,3}" + _OTHER_INFECTION,
    r"\b(?:bowel|colon|colonoscopy|colique|colonique)\s+prep\b|\bprep\s+(?:colique|colonique)",
    _POST_EXPOSURE + r"[^.;\n]{0,30}" + _OTHER_EXPOSURE,
    _OTHER_EXPOSURE + r"[^.;\n]{0,30}" + _POST_EXPOSURE,
    # Immune to another infection, or a rheumatoid factor: "séropositive (immunisée)",
    # "polyarthrite rhumatoïde séropositive".
    r"s[eé]ropositi\w*\s*\(?\s*immunis",
    r"\brhumato[iï]\w*\s+s[eé]ropositi",
)

TPE = r"(?-i:\bTPE\b|\bPEP\b)"
"""Post-exposure treatment, which as an acronym also means a card terminal."""
EXPOSURE = any_of(
    r"(?-i:\bAES\b)(?:[^-]|$)",
    word("accident d'exposition", "exposition au sang", "exposition sexuelle", "viol",
         "agression sexuelle", "rapport non protégé", "rapport à risque",
         "rapport sexuel non protégé", "prise de risque", "préservatif", "needlestick",
         "unprotected", "sexual exposure"),
    _POST_EXPOSURE,
)
"""What makes a ``TPE`` post-exposure treatment: an exposure to blood or sex."""

CD4 = r"\bcd4\b"
VIRAL_LOAD = any_of(word("charge virale", "viral load"), r"\bc(?:p|opies)\s*/\s*ml\b",
                    r"(?-i:\bCV\b)\s*[:=]?\s*[<>]?\s*\d")
"""A CD4 count next to a viral load is HIV follow-up."""

RULES: tuple[Rule, ...] = (
    (personal(STATUS, WRITTEN, *_FALSE_FRIENDS),),
    (personal(DRUGS, WRITTEN),),
    (personal(TPE, WRITTEN, *_FALSE_FRIENDS), personal(EXPOSURE, WRITTEN, *_FALSE_FRIENDS)),
    (personal(CD4, WRITTEN), personal(VIRAL_LOAD, WRITTEN)),
    *coded.rules("hiv"),
)


def detect(columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether the record reveals something about the person's HIV."""
    return evaluate(RULES, columns, rows)
