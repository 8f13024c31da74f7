"""Each of leakscan's own categories on small invented cases: what it finds,
the false friends of docs/CATEGORIES.md, and other people's health.

Every snippet sits in a free-text comment column and is classified in one
batch; a case lists the categories it must reveal (or must not).
"""
from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pytest

from detectors.health import CATEGORIES, classify

FOUND: dict[str, list[str]] = {
    "covid_test": ["RT-PCR SARS-CoV-2 : négatif", "test antigénique positif", "Covid+ le 12/03",
                   "covid 19 négatif", "autotest covid positif, PCR demandée", "CIM-10 : U07.1",
                   "pass sanitaire : test négatif"],
    "sexual_health": ["PCR Chlamydia trachomatis positive", "TPHA-VDRL négatif",
                      "gonocoque recherché", "HSH, partenaires multiples", "sous pilule",
                      "stérilet posé en 2021", "Norlevo pris hier", "IST à dépister",
                      "dysfonction érectile, Cialis", "condylomes"],
    "mental_health": ["syndrome dépressif sévère", "trouble bipolaire type 1", "schizophrénie",
                      "TS médicamenteuse en 2020", "suivi CMP mensuel", "sous Téralithe",
                      "antidépresseur depuis 2 ans", "anorexie mentale", "TDAH sous Ritaline",
                      "CIM-10 : F32.1"],
    "addiction": ["éthylisme chronique", "sous méthadone 60 mg", "Subutex 8 mg",
                  "fumeur 20 PA", "tabagisme actif", "suivi CSAPA", "sevrage alcoolique",
                  "dépendance au cannabis", "cocaïne", "CIM-10 : F10.2"],
    "cancer": ["adénocarcinome prostatique", "K du sein opéré", "cure de chimio n°3",
               "lymphome de Hodgkin", "métastases hépatiques", "suivi en oncologie",
               "mélanome", "sous tamoxifène", "CIM-10 : C50.9", "LLC stade A"],
    "genetic": ["HLA-B27 positif", "mutation BRCA1", "caryotype 47,XY,+21", "mucoviscidose",
                "drépanocytose", "facteur V Leiden hétérozygote", "DPNI à 12 SA",
                "consultation de génétique", "hémochromatose C282Y"],
    "disability": ["dossier MDPH en cours", "RQTH", "bénéficiaire AAH", "malentendant",
                   "en fauteuil roulant", "amputé fémoral", "pension d'invalidité",
                   "taux d'incapacité 80 %", "cécité"],
    "diagnosis": ["patient diabétique", "HTA", "asthme", "BPCO", "épilepsie",
                  "insuffisance rénale chronique", "ALD 8", "CIM-10 : E11.9",
                  "IVG sur cardiopathie", "hépatite B sous Viread"],
    "treatment": ["Doliprane 1 g", "metformine 850 mg", "Truvada", "sous Biktarvy",
                  "2 cp/j", "CIP 3400930000007", "ATC J05AR03", "chimiothérapie",
                  "sous méthadone 60 mg", "Viread 245 mg", "Baraclude"],
}
ABSENT: dict[str, list[str]] = {
    "covid_test": ["vaccin Covid 3e dose", "pendant le confinement covid",
                   "Covid Conseil SARL", "rue du Covid", "conjoint covid+", "grippe A"],
    "sexual_health": ["Chlamydia pneumoniae", "herpès labial", "Gardasil 2e dose",
                      "conjoint traité pour syphilis", "lycée Gay-Lussac", "Sérologie VIH 1/2"],
    "mental_health": ["dépression atlantique", "dépression respiratoire",
                      "patient \"très anxieux\", prévoir 2 tubes", "mère bipolaire",
                      "toc toc", "ts les jours"],
    "addiction": ["non-fumeur", "ex-fumeur", "ancien fumeur", "père alcoolique",
                  "sevrage ventilatoire", "tabagisme passif", "dépendance à l'oxygène"],
    "cancer": ["signe du Cancer", "ascendant cancer", "K+ 4,2 mmol/L", "5 K de sel",
               "dépistage du cancer colorectal négatif", "antécédents familiaux de cancer du sein",
               "mère : cancer du sein", "PSA 1,2"],
    "genetic": ["génome du SARS-CoV-2", "frère trisomique", "trisomie 21 (cousin)",
                "génotype VHC 1a"],
    "disability": ["douleur sourde", "étude en double aveugle", "fils handicapé", "handicap 12 au golf"],
    "diagnosis": ["HbA1c 6,5 % au dernier contrôle", "mère diabétique", "glycémie 5,1 mmol/L",
                  "dépistage hépatite B négatif", "RAS"],
    "treatment": ["glycémie 110 mg/dL", "conjoint sous Truvada", "CIP 3400930000008", "RAS"],
}
# The false friends of docs/CATEGORIES.md, each checked against every category
# it could be mistaken for.
FALSE_FRIENDS: list[tuple[str, tuple[str, ...]]] = [
    ("Vihiers", ("hiv",)), ("Pithiviers", ("hiv",)), ("archive 2018", ("hiv",)),
    ("prélevé en hiver", ("hiv",)), ("résidant à Lyon", ("hiv",)), ("subsidiaire", ("hiv",)),
    ("enceinte Bluetooth", ("pregnancy",)), ("l'enceinte de l'hôpital", ("pregnancy",)),
    ("Laboratoire Bio SA", ("pregnancy",)), ("paiement TPE", ("hiv",)),
    ("moteur 7 CV", ("cancer", "diagnosis")), ("CV envoyé au service RH", ("cancer", "diagnosis")),
    ("IVG sur cardiopathie", ("pregnancy",)), ("appartement T2", ("pregnancy", "diagnosis")),
    ("dossier transmis au service RH", ("blood_group",)), ("note A+", ("blood_group",)),
    ("classe énergie A+", ("blood_group",)), ("strepto A positif", ("blood_group",)),
    ("grippe A", ("blood_group",)), ("HbA1c 6,5 %", ("blood_group", "diagnosis")),
    ("HLA-B27 positif", ("blood_group",)), ("Viread 245 mg", ("hiv",)), ("Baraclude", ("hiv",)),
    ("trithérapie H. pylori", ("hiv",)), ("dépression atlantique", ("mental_health",)),
    ("signe du Cancer", ("cancer",)), ("K+ 4,2 mmol/L", ("cancer",)), ("5 K", ("cancer",)),
    ("trisomie 21 chez le frère", ("genetic",)), ("Covid Conseil SARL", ("covid_test",)),
]
# Codes some other category claims are no "diagnosis".
CLAIMED_CODES = ["CIM-10 : F32.1", "CIM-10 : C50.9", "CIM-10 : B20", "CIM-10 : O24.4"]
TEXTS = sorted({t for cases in (*FOUND.values(), *ABSENT.values()) for t in cases}
               | {t for t, _ in FALSE_FRIENDS} | set(CLAIMED_CODES))


@cache
def _classified() -> dict[str, np.ndarray]:
    return classify(pa.table({"commentaire": pa.array(TEXTS, pa.string())}))


def _reveals(text: str, category: str) -> bool:
    return bool(_classified()[category][TEXTS.index(text)])


@pytest.mark.parametrize(("category", "text"), [(c, t) for c, ts in FOUND.items() for t in ts])
def test_found(category: str, text: str) -> None:
    assert _reveals(text, category)


@pytest.mark.parametrize(("category", "text"), [(c, t) for c, ts in ABSENT.items() for t in ts])
def test_false_friends_and_other_people_stay_out(category: str, text: str) -> None:
    assert not _reveals(text, category)


@pytest.mark.parametrize(("text", "categories"), FALSE_FRIENDS)
def test_false_friends_of_the_definitions(text: str, categories: tuple[str, ...]) -> None:
    assert not any(_reveals(text, c) for c in categories)


def test_a_drug_counts_as_treatment_and_as_what_it_reveals() -> None:
    assert _reveals("Truvada", "hiv") and _reveals("Truvada", "treatment")
    assert _reveals("sous Téralithe", "mental_health")
    assert _reveals("sous tamoxifène", "cancer") and _reveals("sous tamoxifène", "treatment")


def test_categories_are_in_the_order_of_the_definitions() -> None:
    assert CATEGORIES == ("hiv", "pregnancy", "blood_group", "covid_test", "sexual_health",
                          "mental_health", "addiction", "cancer", "genetic", "disability",
                          "diagnosis", "treatment")


def test_diagnosis_is_what_no_other_category_covers() -> None:
    for text in CLAIMED_CODES:
        assert not _reveals(text, "diagnosis")
