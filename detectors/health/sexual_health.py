"""Sexual health: a sexually transmitted infection other than HIV or its test,
sexual life or orientation, contraception, erectile dysfunction treatment.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["PCR Chlamydia trachomatis", "TPHA-VDRL négatif", "HSH, 3 partenaires",
...                 "sous pilule", "Chlamydia pneumoniae", "herpès labial", "Gardasil 2e dose",
...                 "conjoint traité pour syphilis"])
[True, True, True, True, False, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

INFECTION = any_of(
    word("syphilis", "syphilitique", "tpha", "vdrl", "treponema", "tréponème", "tréponémique",
         "chlamydia", "chlamydiae", "chlamydiose", "gonocoque", "gonocoques", "gonococcie",
         "gonococcique", "gonorrhée", "gonorrhea", "gonorrhoeae", "blennorragie", "papillomavirus",
         "hpv", "condylome", "condylomes", "herpès génital", "herpes genital", "genital herpes",
         "hsv-2", "hsv2", "trichomonas", "trichomonase", "mycoplasma genitalium",
         "chancre mou", "lymphogranulomatose vénérienne", "donovanose",
         "infection sexuellement transmissible", "infections sexuellement transmissibles",
         "sexually transmitted", "maladie vénérienne", "urétrite", "hépatite B sexuelle",
         "gono", "chlam", "rpr", "tppa", "fta-abs"),
    # Upper case only: "ist" and "mst" are common endings.
    r"(?-i:\bIST\b|\bMST\b|\bSTI\b|\bSTD\b|\bSTIs\b)",
)
"""Sexually transmitted infections (HIV is its own category)."""

SEXUAL_LIFE = word(
    "partenaires sexuels", "partenaire sexuel", "partenaires multiples", "multipartenaire",
    "hsh", "msm", "homosexuel", "homosexuelle", "homosexualité", "bisexuel", "bisexuelle",
    "lesbienne", "gay", "orientation sexuelle", "rapport non protégé", "rapports non protégés",
    "rapport sexuel non protégé", "rapports sexuels", "rapport sexuel", "rapport à risque",
    "rapports à risque", "pratiques sexuelles", "vie sexuelle", "sodomie", "chemsex",
    "travailleuse du sexe", "travailleur du sexe", "prostitution", "sexual partners",
    "men who have sex with men", "unprotected sex", "sexual intercourse", "aes sexuel",
    "exposition sexuelle", "voie sexuelle", "transmission sexuelle", "sexuellement",
    "partenaires occasionnels", "partenaire occasionnel", "rapports anaux", "rapport anal",
    "rapports oraux", "anal sex", "oral sex", "casual partners",
)
"""Sexual life and orientation."""

_CONTRACEPTIVES = ("nexplanon", "nuvaring", "norlevo", "ellaone", "lévonorgestrel", "ulipristal",
                   "leeloo", "optimizette", "désogestrel", "mirena", "jaydess", "microgynon",
                   "cérazette", "optilova", "minidril", "trinordiol", "evra", "depo-provera",
                   "kyleena", "ludéal", "jasmine", "diane 35")
_ERECTILE_DRUGS = ("viagra", "sildénafil", "cialis", "tadalafil", "levitra", "vardénafil",
                   "spedra", "avanafil", "caverject", "edex", "alprostadil")

CONTRACEPTION = word(
    *_CONTRACEPTIVES, "combined pill", "cocp", "mini-pill", "patch contraceptif",
    "ligature des trompes", "ligature tubaire", "vasectomie", "vasectomy",
    "contraception", "contraceptif", "contraceptive", "contraceptifs", "contraceptives",
    "pilule", "pilule du lendemain", "stérilet", "diu", "implant contraceptif",
    "anneau vaginal", "contraception d'urgence", "birth control", "iud",
)
"""Contraception, emergency contraception included."""

ERECTILE = word(
    "dysfonction érectile", "dysfonctionnement érectile", "troubles de l'érection",
    "trouble de l'érection", "impuissance", "erectile dysfunction", *_ERECTILE_DRUGS,
)
"""Erectile dysfunction and its drugs."""

DRUGS = word(*_CONTRACEPTIVES, *_ERECTILE_DRUGS)
"""Named drugs of this category: each is a treatment as well."""

_FALSE_FRIENDS = (
    # Respiratory chlamydiae, cold sores, a vaccination against HPV.
    word("chlamydia", "chlamydiae", "chlamydophila") + r"\s+(?:pneumoniae|psittaci)",
    word("herpès labial", "bouton de fièvre"),
    word("vaccin", "vaccination", "gardasil", "cervarix") + r"[^.;\n]{0,20}" + word("hpv", "papillomavirus"),
    word("hpv", "papillomavirus") + r"[^.;\n]{0,10}" + word("vaccin", "vaccination", "vaccine",
                                                            "vaccinated"),
    word("gay-lussac", "gay lussac"),
    # Degrees and idioms: "DIU de gynécologie", "diplôme : MST Chimie", "avaler la pilule".
    r"(?-i:\bDIU\b)\s+(?:de|d['’]|en)\b",
    word("diplôme", "maîtrise", "master", "titulaire") + r"[^.;\n]{0,12}(?-i:\b(?:MST|DIU)\b)",
    word("avaler la pilule", "pilule amère", "dorer la pilule", "bitter pill"),
    # Tadalafil and sildenafil for the prostate or the lungs.
    word(*_ERECTILE_DRUGS, "revatio") + r"[^.;\n]{0,30}"
    + word("hbp", "bph", "prostate", "prostatique", "htap", "pulmonary hypertension",
           "hypertension pulmonaire", "hypertrophie bénigne"),
)

RULES: tuple[Rule, ...] = (
    (personal(INFECTION, WRITTEN, *_FALSE_FRIENDS),),
    (personal(SEXUAL_LIFE, WRITTEN, *_FALSE_FRIENDS),),
    (personal(CONTRACEPTION, WRITTEN, *_FALSE_FRIENDS),),
    (personal(ERECTILE, WRITTEN, *_FALSE_FRIENDS),),
    *coded.rules("sexual_health"),
)
