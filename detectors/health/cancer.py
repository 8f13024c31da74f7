"""Cancer: a cancer of any site, its suspicion, treatment, oncology follow-up or
remission.  A screening with no finding, a tumour marker alone, the zodiac
sign and "K" as potassium or a kilo reveal nothing.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["adénocarcinome prostatique", "K du sein opéré", "cure de chimio n°3",
...                 "signe du Cancer", "K+ 4,2 mmol/L", "dépistage du cancer colorectal négatif",
...                 "antécédents familiaux de cancer du sein"])
[True, True, True, False, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, vocabulary, word

_SITE = (r"(?:sein|seins|poumon|pulmonaire|bronchique|bronche|c[oô]lon|colique|colorectal|"
         r"rectum|rectal|prostate|prostatique|ovaire|ovarien|vessie|v[eé]sical|pancr[eé]as|"
         r"estomac|gastrique|foie|h[eé]patique|orl|ut[eé]rus|col|endom[eè]tre|thyro[iï]de|"
         r"rein|r[eé]nal|peau|cutan[eé]|larynx|oesophage|œsophage|testicule|cerveau)\b")

DISEASE = any_of(
    word("cancer", "cancers", "cancéreux", "cancéreuse", "cancéreuses", "carcinome",
         "carcinomes", "adénocarcinome", "carcinoma", "adenocarcinoma", "tumeur maligne",
         "tumeurs malignes", "malignant tumour", "malignant tumor", "néoplasie", "néoplasique",
         "néoplasme", "neoplasm", "lymphome", "lymphoma", "hodgkin", "leucémie", "leukemia",
         "leukaemia", "myélome", "myeloma", "mélanome", "melanoma", "métastase", "métastases",
         "métastatique", "metastasis", "metastatic", "sarcome", "sarcoma", "glioblastome",
         "gliome", "blastome", "néphroblastome", "séminome", "mésothéliome",
         "suspicion de cancer", "suspicion de malignité", "suspect de malignité",
         "oncologie", "oncologue", "oncologique", "oncology", "oncologist", "onco-hématologie",
         "chimiothérapie", "chimio", "chemotherapy", "radiothérapie", "radiotherapy",
         "curiethérapie", "hormonothérapie adjuvante", "rcp oncologique", "en rémission"),
    # Medical shorthand: "K du sein", "K pulmonaire"; never "K+" or "5 K".
    r"(?-i:\bK)\s+(?:(?:du|de\s+la|de\s+l['’]|des|de)\s+)?" + _SITE,
    r"(?-i:\bLLC\b|\bLAM\b|\bLAL\b|\bLMC\b)",
)
"""A cancer, its suspicion, treatment or follow-up."""

DRUGS = word(*vocabulary("cancer_drugs.txt"))
"""Drugs used only against cancer: each is a treatment as well."""

_FALSE_FRIENDS = (
    # The zodiac sign.
    word("signe", "ascendant", "horoscope", "astrologique", "zodiaque", "zodiac")
    + r"[^.;\n]{0,25}" + word("cancer"),
    word("cancer") + r"\s+(?:ascendant|\(signe|\(zodiaque|research)",
    word("tropique du cancer", "tropic of cancer", "star sign"),
    # A screening with no finding: "dépistage du cancer colorectal négatif".
    word("dépistage", "screening") + r"\s+(?:organisé\s+)?(?:du\s+|des\s+|de\s+|for\s+)?"
    + word("cancer", "cancers") + r"[^.;\n]{0,40}",
    # Prevention is no cancer: "prévention du cancer", "ligue contre le cancer".
    word("prévention", "ligue contre le", "contre le", "risque de", "risk of") + r"\s+(?:du\s+)?"
    + word("cancer"),
)

RULES: tuple[Rule, ...] = (
    (personal(DISEASE, WRITTEN, *_FALSE_FRIENDS),),
    (personal(DRUGS, WRITTEN),),
    *coded.rules("cancer"),
)
