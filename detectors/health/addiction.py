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
from .engine import Rule, Signal, personal
from .roles import WRITTEN, Role
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
         "consommation d'alcool excessive", "alcoolisation", "alcoolisations",
         "éthylo-tabagisme", "éthylotabagisme", "binge drinking", "heavy drinker",
         "alcohol misuse", "drug misuse", "substance misuse", "problem gambler",
         "problem gambling", "jeux d'argent", "jeu d'argent", "interdit de casino",
         "interdiction de jeux", "self-excluded", "addicto", "tabacologie", "tabacologue",
         "désintoxication", "désintox", "detox", "rehab", "ecstasy", "mdma", "ghb", "3-mmc",
         "lsd", "chemsex", "free party", "toxico"),
    word("picol", stem=True),
    # Dependence on a substance or a game, not on oxygen or on others.
    word("dépendance", "dépendant", "dépendante", "dependence", "dependent", "addiction",
         "accro") + r"\s+(?:(?:à|a|au|aux|de|du|des|to|on|l['’])\s*){1,2}(?:alcool|tabac|"
    r"nicotine|cannabis|opia|opio|morphin|coca|hero|héro|benzo|drogue|substance|jeu|alcohol|"
    r"tobacco|drug)",
    # "OH" for alcohol, once its use is said: "OH chronique", "abstinence OH".
    r"(?-i:\bOH\b\s*(?:chronique|\+|sevr|:?\s*\d))",
    word("abstinence", "sevrage", "intoxication", "consommation", "imprégnation")
    + r"\s+(?-i:OH)\b",
    # Screening scores over their thresholds: "AUDIT = 22", "AUDIT-C 9", "CAGE 3/4".
    r"(?-i:\bAUDIT(?:-C)?)\s*[:=]?\s*(?:[89]|[1-4]\d)\b",
    r"(?-i:\b(?:CAGE|DETA))\s*[:=]?\s*[2-4]\b",
    # Three drinks or more a day: "6 bières/j", "8 units/day".
    r"\b(?:[3-9]|\d\d)\s*(?:bi[eè]res?|verres?|canettes?|units?|unit[eé]s?|drinks?)"
    r"(?:\s+d['’]\w+)?\s*(?:/|par|per|a)\s*(?:j|jour|day|d)\b",
    # "tox +++": a drug user in shorthand.
    r"\btox\s*\+",
    r"(?-i:\bCSAPA\b|\bCAARUD\b|\bTSO\b)",
    r"\b\d{1,3}\s*(?:PA|paquets?[\s-]ann[eé]es?|pack[\s-]years?)\b",
    # A daily tobacco use: "tabac : 1 paquet/j", "tabac++".
    r"\btabac\s*(?:\+\+|[:=]?\s*\d+[.,]?\d*\s*(?:paquets?|cig\w*|pa)\b)",
)
"""Dependence, harmful use, addiction care, an active smoker."""

_SUBSTANCE = word("opiacés", "opiacé", "opiates", "opioïdes", "amphétamines", "amphetamines",
                  "amphétamine", "amphetamine", "méthamphétamine", "cocaïne", "cocaine",
                  "cannabis", "cannabinoïdes", "cannabinoids", "thc", "benzodiazépines",
                  "benzodiazepines", "ecstasy", "mdma", "buprénorphine", "méthadone",
                  "héroïne", "heroin", "stupéfiants", "toxiques", "tox")
_POSITIVE = r"(?:positi\w*|\+|d[ée]tect[ée]e?s?|detected|pr[ée]sence)"
TOX_SCREEN = any_of(
    # A substance found, in text or in a result: "opiacés +", "POSITIVE amphetamines".
    _SUBSTANCE + r"[^.;\n]{0,25}?" + _POSITIVE, r"\b" + _POSITIVE + r"\s+(?:\w+\s+)?" + _SUBSTANCE,
)
"""A positive toxicology screen stated where the substance is named."""
TOX_EXAM = any_of(_SUBSTANCE, word("alcoolémie", "éthanolémie", "alcool", "ethanol",
                                   "drug screen", "toxicologie", "dépistage toxicologique"))
"""An exam that looks for a substance; its result then says whether it was found."""
TOX_RESULT = any_of(
    r"^\s*" + _POSITIVE,
    # A blood alcohol level that is not nil: "1,9 g/L" (never "< 0,1").
    r"^\s*(?:0*[1-9]|0?[.,]0*[1-9])[\d.,]*\s*(?:g|mg)\s*/\s*l",
)

DRUGS = word("méthadone", "methadone", "buprénorphine", "buprenorphine", "subutex",
             "suboxone", "orobupré", "naltrexone", "nalméfène", "selincro", "acamprosate",
             "aotal", "disulfirame", "disulfiram", "espéral", "baclocur", "nicopatch",
             "nicorette", "niquitin", "varénicline", "champix", "substitut nicotinique",
             "substituts nicotiniques", "nicotine patch", "nicotine gum",
             "nicotine replacement", "patch nicotinique", "patchs nicotiniques")
"""Drugs of dependence treatment: each is a treatment as well."""

_FALSE_FRIENDS = (
    # Not (or no longer) a smoker or a user; dependence of another kind.
    word("non-fumeur", "non fumeur", "non-fumeuse", "non fumeuse", "ex-fumeur", "ex-fumeuse",
         "ex fumeur", "ancien fumeur", "ancienne fumeuse", "never smoker", "non-smoker",
         "ex-smoker", "former smoker", "tabagisme passif",
         "tabagisme ancien", "pas de tabagisme", "absence de tabagisme", "tabagisme : non",
         "tabagisme: non", "tabagisme 0", "sevré depuis", "sevrée depuis"),
    # A tobacco use given up ("tabagisme sevré"), not an alcohol one ("éthylo-tabagisme sevré").
    r"(?:^|[^\w-])tabagisme\s+sevr[eé]",
    word("sevrage") + r"\s+(?:ventilatoire|de\s+la\s+ventilation|de\s+l['’]oxyg[eè]ne|"
    r"des\s+cortico\w*|cortico\w*|allaitement|de\s+l['’]allaitement|de\s+la\s+t[eé]tine|"
    r"du\s+biberon|de\s+la\s+sucette)",
    word("crack") + r"\s+(?:articulaire|osseux)",
    # A prescribed cannabis, a film's heroine, the person's own fetal alcohol syndrome.
    word("cannabis médical", "cannabis thérapeutique", "medical cannabis", "alcoolisation fœtale",
         "fetal alcohol"),
    word("héroïne") + r"\s+(?:du|de\s+la|de\s+l['’])\s*(?:film|roman|s[eé]rie|livre|histoire|pi[eè]ce)",
)

RULES: tuple[Rule, ...] = (
    (personal(DEPENDENCE, WRITTEN, *_FALSE_FRIENDS, deniable=True),),
    (personal(TOX_SCREEN, WRITTEN, *_FALSE_FRIENDS),),
    (Signal(TOX_EXAM, frozenset({Role.EXAM})), Signal(TOX_RESULT, frozenset({Role.RESULT}))),
    (personal(DRUGS, WRITTEN),),
    *coded.rules("addiction"),
)
