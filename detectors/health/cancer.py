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

from . import coded, pregnancy
from .engine import Rule, Signal, personal
from .roles import WRITTEN
from .text import any_of, vocabulary, word

_SITE = (r"(?:sein|seins|poumon|pulmonaire|bronchique|bronche|c[oô]lon|colique|colorectal|"
         r"rectum|rectal|prostate|prostatique|ovaire|ovarien|vessie|v[eé]sical|pancr[eé]as|"
         r"estomac|gastrique|foie|h[eé]patique|orl|ut[eé]rus|col|endom[eè]tre|thyro[iï]de|"
         r"rein|r[eé]nal|peau|cutan[eé]|larynx|oesophage|œsophage|testicule|cerveau)\b")

_HISTOLOGY = (r"(?:papillaire|[eé]pidermo[iï]de|canalaire|lobulaire|in\s+situ|vésiculaire|"
              r"folliculaire|médullaire|anaplasique|à\s+petites\s+cellules|colique|mammaire)\b")
_ADJECTIVE_SITE = (r"(?:c[eé]r[eé]bral\w*|h[eé]patique\w*|osseu\w*|pulmonaire\w*|ganglionnaire\w*|"
                   r"pancr[eé]atique\w*|surr[eé]nalien\w*|p[eé]riton[eé]al\w*|pleura\w*)")

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
         "curiethérapie", "hormonothérapie adjuvante", "rcp oncologique", "tumeur germinale",
         "tumeur de krukenberg", "carcinose", "carcinomatose", "hémopathie maligne",
         "malignité", "malignancy", "malignant", "maligne", "malin", "dcis", "adk", "vaquez",
         "syndrome myéloprolifératif", "myéloprolifératif", "myélodysplasie",
         "myélodysplasique", "thrombocytémie essentielle", "tumour board", "iode radioactif",
         "irathérapie", "hipec"),
    # Any carcinoma, sarcoma or blastoma: "adénocarcinome", "liposarcome", "neuroblastome".
    r"(?:carcinomes?|sarcomes?|blastomes?|carcinomas?|sarcomas?|blastomas?)\b",
    # Medical shorthand: "K du sein", "Ca papillaire", "colon CA", "K in situ"; never
    # "K+", "5 K" or a calcium level ("Ca 2,4").
    r"(?-i:\b(?:K|Ca|CA))\s+(?:(?:du|de\s+la|de\s+l['’]|des|de|of\s+the|of)\s+)?"
    r"(?:" + _SITE + r"|" + _HISTOLOGY + r")",
    _SITE + r"\s+(?-i:CA|K)\b",
    # Shorthand of a neoplasm or metastases: "néo pancréatique", "méta cérébrales".
    r"\bn[eé]o\s+(?:du\s+|de\s+la\s+|de\s+l['’])?(?:" + _SITE + r"|" + _ADJECTIVE_SITE + r")",
    r"\bm[eé]tas?\s+(?:" + _ADJECTIVE_SITE + r")",
    r"(?-i:\bLLC\b|\bLAM\b|\bLAL\b|\bLMC\b|\bLNH\b|\bAML\b|\bCML\b|\bCLL\b|\bLMMC\b)",
    # A TNM stage ("pT1cN0", "T2 N1 M0"), a malignant grading ("ACR 5", "Bethesda VI").
    r"(?-i:\b[pcy]?T(?:[0-4][a-d]?|is|x)\s*,?\s*N[0-3x])",
    r"(?-i:\b(?:ACR|BI-?RADS)\s*[45]\b|\bBethesda\s+VI?\b)",
    # Positive biopsies: "biopsies prostatiques positives".
    r"\bbiops\w*[^.;\n]{0,25}?\bpositi",
)
"""A cancer, its suspicion, treatment or follow-up."""

DRUGS = word(*vocabulary("cancer_drugs.txt"))
"""Drugs used only against cancer: each is a treatment as well."""

_FALSE_FRIENDS = (
    # The zodiac sign.
    word("signe", "ascendant", "horoscope", "astrologique", "zodiaque", "zodiac", "sign",
         "star sign") + r"[^.;\n]{0,25}" + word("cancer"),
    # Malignant, but no tumour: "HTA maligne", "hyperthermie maligne", "otite externe maligne".
    word("hta", "hypertension", "hyperthermie", "otite externe", "syndrome", "paludisme",
         "hyperthermia", "hypertension artérielle") + r"\s+" + word("maligne", "malin", "malignant"),
    word("malin plaisir", "petit malin", "esprit malin"),
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
    (personal(DISEASE, WRITTEN, *_FALSE_FRIENDS, deniable=True),),
    # hCG followed as a tumour marker: a man's germ-cell tumour.
    (personal(pregnancy.HCG, WRITTEN), Signal(pregnancy.TUMOUR_MARKER, WRITTEN)),
    (personal(DRUGS, WRITTEN),),
    *coded.rules("cancer"),
)
