"""COVID-19 test: a test (RT-PCR, antigen, serology, self-test reported to a
lab) and/or its result, a test pass or a test booking.

Vaccination is not a test, and "Covid" in a period ("pendant le Covid"), an
address or a company name reveals nothing.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["PCR SARS-CoV-2 négative", "test antigénique positif", "covid+",
...                 "vaccin Covid 3e dose", "pendant le confinement covid", "Covid Conseil SARL",
...                 "conjoint covid+"])
[True, True, True, False, False, False, False]
"""
from __future__ import annotations

from . import coded
from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

VIRUS = any_of(
    word("covid", "covid-19", "covid19", "sars-cov-2", "sars-cov2", "sarscov2", "coronavirus",
         "2019-ncov", "omicron", "si-dep", "sidep", "variant delta", "variant omicron",
         "variant alpha", "criblage", "contact tracing", "cas contact"),
    # "Covid +" and "covid-" carry their result.
    r"\bcovid\s*[+-]",
)
"""The disease or its virus: a record naming them reports a test or its result."""

TEST = word("test antigénique", "tests antigéniques", "antigenic test", "antigen test",
            "lateral flow test", "TAG covid", "pass sanitaire", "passe sanitaire",
            "certificat de test", "test de dépistage du covid", "TROD antigénique", "autotest",
            "auto-test", "self-test")
"""Tests that in France name a COVID test on their own."""

_FALSE_FRIENDS = (
    # Vaccination is not a test: "vaccin Covid", "vaccination anti-covid".
    word("vaccin", "vaccins", "vaccination", "vacciné", "vaccinée", "rappel", "dose", "booster",
         "vaccine", "vaccinated", "schéma vaccinal")
    + r"[^.;\n]{0,25}" + VIRUS,
    VIRUS + r"[^.;\n]{0,10}" + word("vaccin", "vaccination", "vaccine", "dose", "rappel"),
    # A time, not a test: "pendant le Covid", "crise sanitaire du Covid".
    word("pendant", "depuis", "avant", "après", "crise", "époque", "période", "ère",
         "pandémie", "épidémie", "confinement", "during", "since", "pandemic", "lockdown")
    + r"\s+(?:(?:le|la|du|de|the|sanitaire|of)\s+){0,3}" + VIRUS,
    # A company or an address.
    VIRUS + r"[\w\s'’-]{0,25}?" + word("sarl", "sas", "sasu", "eurl", "sa", "inc", "ltd", "sci",
                                       "conseil", "consulting", "services"),
    word("société", "entreprise", "rue", "avenue", "allée", "impasse", "boulevard", "place",
         "centre commercial") + r"\s+(?:\w+\s+){0,2}" + VIRUS,
)

_OTHER_TESTS = (
    # Seasonal coronaviruses, a long Covid, another germ's antigen test or self-test.
    word("coronavirus") + r"\s+(?:oc43|229e|nl63|hku1|saisonnier)",
    word("covid long", "long covid"),
    word("test antigénique", "tests antigéniques", "antigen test", "trod antigénique",
         "autotest", "auto-test", "self-test")
    + r"\s+(?:urinaire\s+)?(?:\w+\s+)?(?:pneumocoque|l[eé]gionel\w*|strepto\w*|grippe|influenza|"
    r"palu\w*|vih|hiv|de\s+grossesse|grossesse|pregnancy|rsv|vrs)",
    word("tag heuer"),
)
# "TAG négatif": the test antigénique by its acronym, upper case ("tag" is a label).
_TAG = r"(?-i:\bTAG\b)"

RULES: tuple[Rule, ...] = (
    (personal(VIRUS, WRITTEN, *_FALSE_FRIENDS, *_OTHER_TESTS),),
    (personal(any_of(TEST, _TAG), WRITTEN, *_OTHER_TESTS),),
    *coded.rules("covid_test"),
)
