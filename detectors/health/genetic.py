"""Genetic data: a genetic test or result (karyotype, BRCA, factor V Leiden,
HLA typing incl. HLA-B27, DPNI/NIPT), a hereditary or chromosomal condition,
genetic counselling.  A viral genome or a relative's trisomy reveals nothing.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["HLA-B27 positif", "mutation BRCA1", "caryotype 47,XY,+21",
...                 "génome du SARS-CoV-2", "frère trisomique", "trisomie 21 (cousin)"])
[True, True, True, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

CONDITION = any_of(
    word("génétique", "génétiques", "genetic", "genetics", "génotypage", "génotype",
         "genotyping", "caryotype", "karyotype", "brca", "brca1", "brca2", "facteur v leiden",
         "factor v leiden", "mutation du facteur v", "facteur ii", "prothrombine g20210a",
         "hla-b27", "hla b27", "typage hla", "hla typing", "dpni", "nipt",
         "dépistage prénatal non invasif", "adn fœtal libre", "mucoviscidose", "cystic fibrosis",
         "trisomie", "trisomique", "syndrome de down", "down syndrome", "drépanocytose",
         "drépanocytaire", "sickle cell", "hémochromatose", "c282y", "h63d", "thalassémie",
         "thalassemia", "syndrome de turner", "klinefelter", "x fragile", "fragile x",
         "myopathie de duchenne", "duchenne", "huntington", "marfan", "neurofibromatose",
         "syndrome de lynch", "lynch syndrome", "oncogénétique", "hémophilie", "hemophilia",
         "exome", "séquençage du génome", "maladie héréditaire", "hereditary",
         "conseil génétique", "génétiquement", "mutation", "muté", "mutée", "délétion",
         "microdélétion", "duplication", "variant pathogène", "hétérozygote", "homozygote",
         "porteur sain", "porteuse saine", "biologie moléculaire", "test adn", "test ADN de",
         "empreintes génétiques", "test de paternité", "paternity test", "cftr", "jak2", "hfe",
         "g6pd", "ldlr", "pcsk9", "myh7", "mybpc3", "col3a1", "col1a1", "fbn1", "mlh1", "msh2",
         "msh6", "pms2", "tp53", "palb2", "smn1", "fmr1", "pkd1", "pkd2",
         "polykystose rénale", "hypercholestérolémie familiale", "maladie de gaucher", "gaucher",
         "amyotrophie spinale", "syndrome de gilbert", "mucovisidose", "ehlers-danlos",
         "héréditaire", "rétinite pigmentaire", "maladie de steinert", "steinert",
         "prader-willi", "achondroplasie", "maladie de wilson", "syndrome de rett",
         "anémie de fanconi", "fanconi", "daltonisme", "thalassaemia", "haemochromatosis",
         "haemophilia", "drépanocytaire", "willebrand", "x-linked", "lié à l'x"),
    # Upper case only: "FISH" (hybridisation), "SMA" (spinal muscular atrophy), "HbS"
    # (sickle haemoglobin; "HBs" is hepatitis B).
    r"(?-i:\bFISH\b|\bSMA\b|\bHbS\b)",
    r"\bhla[\s-]?(?:a|b|c|dr|dq)\*?\d",
    # A gene's variant or class: "variant MYH7 classe 5", "LDLR", "COL3A1".
    r"\bvariant\s+(?-i:[A-Z][A-Z0-9]{2,7})\b",
    # A haemoglobin electrophoresis genotype: "profil AS", "électrophorèse ... : AA".
    r"\b(?:profil|[eé]lectrophor[eè]se[^.;\n]{0,30}?[:=])\s*(?-i:AA|AS|SS|SC|AC)\b",
    r"\b22q11\b",
)
"""Genetic tests, results, hereditary conditions and genetic counselling."""

HLA_BEFORE_DRUG = r"\bhla[\s-]?b\s*\*?\s*57"
"""HLA-B*57:01, typed before abacavir: a genetic test (and, with the drug, HIV)."""

_FALSE_FRIENDS = (
    # A microbe's genotype or genome, not the person's.
    word("génotype", "génotypage", "genotype", "génétique") + r"[^.;\n]{0,15}"
    + word("vhc", "hcv", "vhb", "hbv", "viral", "virale", "du virus", "bactérien"),
    word("vhc", "hcv", "vhb", "hbv", "vih", "hiv") + r"[^.;\n]{0,10}" + word("génotype", "génotypage"),
    word("génotype", "génotypage", "genotype", "mutation", "mutations") + r"[^.;\n]{0,15}"
    + word("de résistance", "resistance", "vih", "hiv", "vih-1", "hiv-1", "macrolides",
           "antibiotiques", "fluoroquinolones"),
    # A job transfer, a computing or cattle "genetic", a bowel mutation of no one.
    word("mutation professionnelle", "mutation interne", "demande de mutation",
         "algorithme génétique", "genetic algorithm", "génétique bovine"),
)

RULES: tuple[Rule, ...] = (
    (personal(CONDITION, WRITTEN, *_FALSE_FRIENDS),),
    (personal(HLA_BEFORE_DRUG, WRITTEN),),
    *coded.rules("genetic"),
)
