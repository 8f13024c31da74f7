"""Mental health: a mental disorder, a suicide attempt, psychiatric care, or a
drug whose only common use is psychiatric (or a class named as such).

A weather depression, a respiratory depression or a patient "anxieux" before
a blood test reveal nothing.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["syndrome dépressif", "suivi CMP", "sous Téralithe", "TS médicamenteuse",
...                 "dépression atlantique", "dépression respiratoire", "patient très anxieux",
...                 "mère bipolaire"])
[True, True, True, True, False, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, vocabulary, word

DISORDER = any_of(
    word("dépression", "dépressions", "dépressif", "dépressive", "syndrome dépressif",
         "épisode dépressif", "état dépressif", "trouble dépressif", "depression", "depressive",
         "bipolaire", "bipolarité", "bipolar", "trouble bipolaire", "psychose maniaco-dépressive",
         "schizophrénie", "schizophrène", "schizophrenia", "schizo-affectif", "psychose",
         "psychotique", "psychosis", "psychotic", "paranoïa", "paranoïaque", "trouble anxieux",
         "troubles anxieux", "anxiété généralisée", "trouble panique", "attaques de panique",
         "attaque de panique", "anxiety disorder", "panic disorder", "phobie sociale",
         "trouble obsessionnel", "troubles obsessionnels", "anorexie mentale", "boulimie",
         "bulimia", "anorexia nervosa", "troubles du comportement alimentaire", "autisme",
         "autiste", "autistique", "autism", "autistic", "asperger", "tdah", "adhd",
         "hyperactivité", "déficit de l'attention", "stress post-traumatique", "ptsd", "tspt",
         "burn-out", "burnout", "épuisement professionnel", "trouble de la personnalité",
         "personnalité borderline", "état limite", "démence", "dementia", "mélancolie",
         "idées suicidaires", "tentative de suicide", "tentatives de suicide", "suicidaire",
         "suicide attempt", "suicidal", "automutilation", "scarifications", "self-harm",
         "schizo", "anxiodépressif", "anxiodépressive", "anxio-dépressif", "anxio-dépressive",
         "phobie", "phobique", "obsessive-compulsive", "handicap psychique",
         # Neurodevelopmental disorders: intellectual disability, learning disorders.
         "déficience intellectuelle", "retard mental", "intellectual disability",
         "learning disability", "dyslexie", "dysorthographie", "dyscalculie", "dyspraxie",
         "troubles des apprentissages", "trouble du neurodéveloppement"),
    # Upper case only: "TOC", "TCA", "TSA" and "TS" are common words or initials.
    r"(?-i:\bTOC\b|\bTCA\b|\bTSA\b|\bOCD\b|\bTS\s+(?:médicamenteuse|par\b|m[ée]dic))",
)
"""Mental disorders and suicide attempts."""

CARE = any_of(
    word("psychiatre", "psychiatrie", "psychiatrique", "psychiatric", "psychiatrist",
         "pédopsychiatre", "pédopsychiatrie", "hôpital psychiatrique", "hospitalisation sous contrainte",
         "soins sans consentement", "soins psychiatriques", "suivi psy", "psychothérapie",
         "psychotherapy", "sdre", "sdt", "hdt", "spdre", "spdt", "antidépresseur",
         "antidépresseurs", "antidepressant", "antidepressants", "neuroleptique", "neuroleptiques",
         "antipsychotique", "antipsychotiques", "antipsychotic", "thymorégulateur",
         "thymorégulateurs", "isrs", "ssri", "électroconvulsivothérapie", "sismothérapie",
         "mental health act", "sectioned", "crisis team", "mental health team",
         "thérapie cognitivo-comportementale", "cognitive behavioural therapy"),
    # Upper case only: centres (CMP, CMPP) and psychotherapies (TCC, EMDR, CBT).
    r"(?-i:\bCMPP?\b|\bCATTP\b|\bEPSM\b|\bCMHT\b|\bTCC\b|\bEMDR\b|\bCBT\b)",
)
"""Psychiatric care and drug classes named as psychiatric."""

DRUGS = word(*vocabulary("psychiatric_drugs.txt"))
"""Drugs whose only common use is psychiatric: each is a treatment as well."""

BATTERIES = (
    word("pile", "piles", "batterie", "batteries", "battery", "accumulateur") + r"[^.;\n]{0,20}"
    + word("lithium"),
    word("lithium") + r"[\s-]*(?:ion|polym|cr\d|m[eé]tal|battery|batterie)",
)
"""Lithium in a battery: "pile bouton lithium", "batterie lithium-ion"."""

_FALSE_FRIENDS = (
    # Weather and physiology: "dépression atlantique", "dépression respiratoire".
    word("dépression", "depression")
    + r"\s+(?:atlantique|tropicale|sur\s+(?:la|le|les|l['’])|in\s+the|m[eé]t[eé]o\w*|barom[eé]trique|orageuse|d['’]altitude|"
    r"respiratoire|du\s+segment|st\b|immunitaire|m[eé]dullaire|de\s+la\s+fontanelle|"
    r"fontanelle|cutan[eé]e|du\s+terrain|tropical|respiratory)",
    word("anticyclone", "météo", "tempête", "baromètre", "pluie", "tropical", "low pressure",
         "economic", "économique", "great") + r"[^.;\n]{0,30}" + word("dépression", "depression"),
    # An electric socket, a cardiomyopathy: "prise bipolaire", "cardiomyopathie (CMP)".
    word("prise", "câble", "connecteur", "électrode", "transistor", "pince") + r"\s+"
    + word("bipolaire"),
    word("cardiomyopathie") + r"[^.;\n]{0,20}(?-i:\bCMP\b)",
    *BATTERIES,
)

RULES: tuple[Rule, ...] = (
    (personal(DISORDER, WRITTEN, *_FALSE_FRIENDS, deniable=True),),
    (personal(CARE, WRITTEN, *_FALSE_FRIENDS, deniable=True),),
    (personal(DRUGS, WRITTEN, *_FALSE_FRIENDS),),
    *coded.rules("mental_health"),
)
