"""Addiction: dependence on or harmful use of alcohol, tobacco, cannabis,
opioids, cocaine, gambling...; substitution treatment, addiction care,
withdrawal, a positive toxicology screen, an active smoker.

A former smoker or a non-smoker is not one.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["éthylisme chronique", "sous méthadone 60 mg", "fumeur 20 PA",
...                 "suivi CSAPA", "non-fumeur", "ex-fumeur", "père alcoolique"])
[True, True, True, True, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

DEPENDENCE = any_of(
    word("alcoolisme", "alcoolique", "alcolique", "chicha", "héroïnomane", "alcoolo-dépendance", "alcoolodépendance",
         "alcoolo-dépendant", "alcoolo-dépendante", "éthylisme", "éthylique", "éthylo-tabagique",
         "intoxication éthylique", "ivresse", "alcoholism", "alcoholic", "alcohol dependence",
         "alcohol use disorder", "toxicomanie", "toxicomane", "addiction", "addictions", "addict",
         "addictologie", "addictologue", "addictologique", "mésusage", "usage nocif",
         "sevrage", "withdrawal", "usager de drogues", "drug use", "drug user",
         "traitement de substitution", "traitement substitutif aux opiacés",
         "substitution aux opiacés", "substitution opiacée", "tabagisme", "tabagique", "fumeur",
         "fumeuse", "smoker", "cannabis", "cannabique", "cocaïne", "cocaine", "crack", "héroïne",
         "heroin", "jeu pathologique", "gambling", "toxicologie positive",
         "dépistage toxicologique positif", "consommation excessive d'alcool",
         "consommation d'alcool excessive", "alcoolisation", "alcoolisations"),
    # Dependence on a substance or a game, not on oxygen or on others.
    word("dépendance", "dépendant", "dépendante", "dependence", "dependent", "addiction",
         "accro") + r"\s+(?:(?:à|a|au|aux|de|du|des|to|on|l['’])\s*){1,2}(?:alcool|tabac|"
    r"nicotine|cannabis|opia|opio|morphin|coca|hero|héro|benzo|drogue|substance|jeu|alcohol|"
    r"tobacco|drug)",
    r"(?-i:\bOH\b\s*(?:chronique|\+|sevr))",
    r"(?-i:\bCSAPA\b|\bCAARUD\b|\bTSO\b)",
    r"\b\d{1,3}\s*(?:PA|paquets?[\s-]ann[eé]es?|pack[\s-]years?)\b",
    # A daily tobacco use: "tabac : 1 paquet/j", "tabac++".
    r"\btabac\s*(?:\+\+|[:=]?\s*\d+[.,]?\d*\s*(?:paquets?|cig\w*|pa)\b)",
)
"""Dependence, harmful use, addiction care, an active smoker."""

DRUGS = word("méthadone", "methadone", "buprénorphine", "buprenorphine", "subutex",
             "suboxone", "orobupré", "naltrexone", "nalméfène", "selincro", "acamprosate",
             "aotal", "disulfirame", "espéral", "baclocur", "nicopatch", "nicorette",
             "niquitin", "varénicline", "champix", "substitut nicotinique",
             "substituts nicotiniques")
"""Drugs of dependence treatment: each is a treatment as well."""

_FALSE_FRIENDS = (
    # Not (or no longer) a smoker or a user; dependence of another kind.
    word("non-fumeur", "non fumeur", "non-fumeuse", "non fumeuse", "ex-fumeur", "ex-fumeuse",
         "ex fumeur", "ancien fumeur", "ancienne fumeuse", "never smoker", "non-smoker",
         "ex-smoker", "former smoker", "tabagisme passif", "tabagisme sevré",
         "tabagisme ancien", "pas de tabagisme", "absence de tabagisme", "tabagisme : non",
         "tabagisme: non", "tabagisme 0", "sevré depuis", "sevrée depuis"),
    word("sevrage") + r"\s+(?:ventilatoire|de\s+la\s+ventilation|de\s+l['’]oxyg[eè]ne|"
    r"des\s+cortico\w*|cortico\w*|allaitement|de\s+l['’]allaitement)",
    word("crack") + r"\s+(?:articulaire|osseux)",
)

RULES: tuple[Rule, ...] = (
    (personal(DEPENDENCE, WRITTEN, *_FALSE_FRIENDS),),
    (personal(DRUGS, WRITTEN),),
    *coded.rules("addiction"),
)
