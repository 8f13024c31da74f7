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
         "conseil génétique", "génétiquement"),
    r"\bhla[\s-]?(?:a|b|c|dr|dq)\d",
)
"""Genetic tests, results, hereditary conditions and genetic counselling."""

_FALSE_FRIENDS = (
    # A microbe's genotype or genome, not the person's.
    word("génotype", "génotypage", "genotype", "génétique") + r"[^.;\n]{0,15}"
    + word("vhc", "hcv", "vhb", "hbv", "viral", "virale", "du virus", "bactérien"),
    word("vhc", "hcv", "vhb", "hbv") + r"[^.;\n]{0,10}" + word("génotype", "génotypage"),
)

RULES: tuple[Rule, ...] = (
    (personal(CONDITION, WRITTEN, *_FALSE_FRIENDS),),
    *coded.rules("genetic"),
)
