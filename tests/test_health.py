"""Sensitivity categories of detectors.health: every notation, false friend and relative.

All snippets are invented.
"""
from __future__ import annotations

from functools import cache

import numpy as np
import pyarrow as pa
import pytest

from detectors.health import CATEGORIES, classify


ALL_TEXTS: list[str] = []  # filled below, classified in one batch to keep the suite fast


def _one(text: str, column: str = "commentaire") -> dict[str, bool]:
    """The categories a record holding ``text`` in ``column`` reveals."""
    texts = ALL_TEXTS if column == "commentaire" else [text]
    result = _classified(column, tuple(texts))
    row = texts.index(text)
    return {name: bool(hits[row]) for name, hits in result.items()}


@cache
def _classified(column: str, texts: tuple[str, ...]) -> dict[str, np.ndarray]:
    return classify(pa.table({column: pa.array(texts, pa.string())}))


def _only(*categories: str) -> dict[str, bool]:
    return {name: name in categories for name in CATEGORIES}


CONTRACT = ("hiv", "pregnancy", "blood_group")


def _contract(table: pa.Table) -> dict[str, list[bool]]:
    """The contract's three categories per row of ``table`` (the others have their own tests)."""
    return {k: v.tolist() for k, v in classify(table).items() if k in CONTRACT}


HIV_POSITIVE = [
    "Sérologie VIH 1/2", "VIH négatif", "vih negatif", "Vih +", "HIV-1 RNA", "VIH1",
    "charge virale VIH indétectable", "patient séropositif", "SEROPOSITIVE connue",
    "sous PrEP depuis mars", "PREP", "TPE débuté après AES", "TPE suite à rapport non protégé",
    "Truvada 1 cp/j", "BIKTARVY", "relais Genvoya", "Triumeq", "Descovy", "Odefsey",
    "dolutégravir", "dolutegravir 50 mg", "CD4 350/mm3, charge virale < 20",
    "HIV positive", "HIV test requested", "test VIH refusé", "anti-VIH", "sida déclaré",
    "AIDS", "trithérapie antirétrovirale", "traitement post-exposition",
]
HIV_NEGATIVE = [
    "Vihiers", "Pithiviers", "archive", "hiver rigoureux", "résidant à Lyon", "subsidiaire",
    "trivihal", "paiement TPE", "TPE sans contact", "Viread 245 mg", "Baraclude",
    "trithérapie H. pylori", "séropositive pour la toxoplasmose", "séropositif toxo",
    "bowel prep", "Prép. magistrale", "CD4 normal", "charge virale VHC", "hearing aids",
    "vaccination antirabique post-exposition", "père VIH+", "mère séropositive",
    "conjoint sous PrEP", "VIH+ (père)", "sérologie VIH de la mère positive",
    "Sa compagne est séropositive", "partner on PrEP", "clé AES-256 du TPE",
]
PREGNANCY_POSITIVE = [
    "enceinte", "ENCEINTE de 3 mois", "grossesse", "GROSSESSE gémellaire", "G2P1",
    "12 SA", "32SA+3j", "24 semaines d'aménorrhée", "bêta-hCG", "beta HCG", "β-hCG",
    "BHCG positif", "hCG plasmatique", "test de grossesse négatif", "IVG", "IVG médicamenteuse",
    "accouchement le 3 mai", "accouchée par voie basse", "post-partum", "postpartum",
    "échographie T1", "echographie T2", "écho T3", "échographie obstétricale", "DPA : 12/05",
    "terme prévu le 4 juin", "pregnant", "pregnancy test", "patiente non enceinte",
    "césarienne programmée", "suivi prénatal",
]
PREGNANCY_NEGATIVE = [
    "enceinte Bluetooth", "l'enceinte de l'hôpital", "enceinte du stade", "une enceinte JBL",
    "Laboratoire Bio SA", "SA au capital", "IVG sur cardiopathie", "IVG, FEVG 30 %",
    "décompensation cardiaque avec IVG", "sœur enceinte", "soeur enceinte", "épouse enceinte",
    "épouse enceinte de 12 SA", "sa femme est enceinte", "wife pregnant", "pilule",
    "contraception orale", "stérilet", "contre-indiqué pendant la grossesse", "IRM T2",
    "mère de famille", "DPA", "echo cardiaque",
]
BLOOD_POSITIVE = [
    "A+", "O nég", "AB Rh-", "groupe B rhésus positif", "Rh+ (D+)", "O positif",
    "blood type A+", "groupe O", "groupe sanguin : AB", "B RhD négatif", "rhésus négatif",
    "Groupe 0+", "A-", "AB+ contrôlé",
]
BLOOD_NEGATIVE = [
    "Rh", "groupe", "groupe sanguin à faire", "note A+", "classe énergie A+",
    "strepto A", "strepto A positif", "streptocoque du groupe B négatif", "grippe A",
    "grippe A positive", "HbA1c 6,5 %", "HLA-B27 positif", "vitamine B12", "hépatite B",
    "hépatite B négative", "service RH", "RH - paie", "DRH", "a positive test",
    "père A+", "frère donneur groupe O-", "mère donneuse O+", "groupe sanguin de la mère : O-", "anti-A positif", "B-lymphocytes",
    "Bâtiment B - 2e étage",
]


OWN_AND_OTHERS = [
    ("père VIH+, patient VIH-", _only("hiv")),
    ("sœur enceinte, patiente enceinte de 8 SA", _only("pregnancy")),
    ("épouse enceinte ; patient sous Truvada", _only("hiv", "treatment")),
    ("conjoint sous PrEP, sérologie VIH du patient négative", _only("hiv")),
    ("mère A+, patient O-", _only("blood_group")),
    ("enceinte de 20 SA, VIH+, groupe O nég", _only("hiv", "pregnancy", "blood_group")),
    ("RAS", _only()),
]
ALL_TEXTS += [
    *HIV_POSITIVE, *HIV_NEGATIVE, *PREGNANCY_POSITIVE, *PREGNANCY_NEGATIVE,
    *BLOOD_POSITIVE, *BLOOD_NEGATIVE, *(text for text, _ in OWN_AND_OTHERS),
]


@pytest.mark.parametrize("text", HIV_POSITIVE)
def test_hiv_notations(text: str) -> None:
    assert _one(text)["hiv"]


@pytest.mark.parametrize("text", HIV_NEGATIVE)
def test_hiv_false_friends_and_relatives(text: str) -> None:
    assert not _one(text)["hiv"]


@pytest.mark.parametrize("text", PREGNANCY_POSITIVE)
def test_pregnancy_notations(text: str) -> None:
    assert _one(text)["pregnancy"]


@pytest.mark.parametrize("text", PREGNANCY_NEGATIVE)
def test_pregnancy_false_friends_and_relatives(text: str) -> None:
    assert not _one(text)["pregnancy"]


@pytest.mark.parametrize("text", BLOOD_POSITIVE)
def test_blood_group_notations(text: str) -> None:
    assert _one(text)["blood_group"]


@pytest.mark.parametrize("text", BLOOD_NEGATIVE)
def test_blood_group_false_friends_and_relatives(text: str) -> None:
    assert not _one(text)["blood_group"]


@pytest.mark.parametrize(("text", "expected"), OWN_AND_OTHERS)
def test_own_status_beside_a_relative(text: str, expected: dict[str, bool]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    ("column", "text", "expected"),
    [
        ("GRP_SANG", "A", True), ("groupe_rh", "o", True), ("blood_type", "AB", True),
        ("GRP_SANG", "B pos", True), ("groupe_rh", "Rh", False), ("GRP_SANG", "inconnu", False),
        ("rhesus", "positif", True), ("GRP_SANG", "", False),
        ("adresse", "12 rue du Groupe A", False), ("nom", "A+", False),
        ("ville", "A+", False), ("Observations", "A", False),
    ],
)
def test_blood_group_roles(column: str, text: str, expected: bool) -> None:
    assert _one(text, column)["blood_group"] is expected


@pytest.mark.parametrize(
    ("column", "text"),
    [("ville", "VIH"), ("nom", "Enceinte"), ("adresse", "rue de la Grossesse"),
     ("telephone", "VIH"), ("antecedents_familiaux", "VIH (père), mère enceinte")],
)
def test_columns_that_cannot_carry_health_data(column: str, text: str) -> None:
    assert _one(text, column) == _only()


def test_exam_and_result_are_read_together() -> None:
    table = pa.table({
        "Libellé analyse": ["Sérologie VIH 1/2", "Groupe sanguin ABO", "Groupe sanguin ABO",
                            "Rhésus D", "Strepto A", "Glycémie", "Bêta-hCG"],
        "RESULTAT": ["Négatif", "AB", "non fait", "Positif", "Positif", "A", "< 2"],
    })
    assert _contract(table) == {
        "hiv": [True, False, False, False, False, False, False],
        "pregnancy": [False, False, False, False, False, False, True],
        "blood_group": [False, True, False, True, False, False, False],
    }


def test_headerless_table_finds_its_blood_group_column() -> None:
    table = pa.table({
        "col_1": ["Martin", "Durand", "Petit", "Leroy"],
        "col_2": ["A+", "O", "AB-", None],
        "col_3": ["A", "B", "A", "B"],  # a grading scale, not blood groups
        "col_4": ["RAS", "enceinte", "VIH-", ""],
    })
    assert _contract(table) == {
        "hiv": [False, False, True, False],
        "pregnancy": [False, True, False, False],
        "blood_group": [True, True, True, False],
    }


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_nulls_and_string_kinds(kind: pa.DataType) -> None:
    table = pa.table({
        "examen": pa.array([None, "Sérologie VIH", None], kind),
        "GRP_SANG": pa.array(["O-", None, None], kind),
        "Observations": pa.array([None, None, "enceinte"], kind),
    })
    result = classify(table)
    assert _contract(table) == {
        "hiv": [False, True, False],
        "pregnancy": [False, False, True],
        "blood_group": [True, False, False],
    }
    assert all(v.dtype == np.bool_ for v in result.values())


def test_empty_tables() -> None:
    for table in (pa.table({"commentaire": pa.array([], pa.string())}), pa.table({})):
        result = classify(table)
        assert list(result) == list(CATEGORIES)
        assert all(v.shape == (table.num_rows,) for v in result.values())


def test_chunked_columns_keep_row_order() -> None:
    column = pa.chunked_array([["RAS", "VIH+"], ["enceinte", "RAS", "VIH-"]])
    result = classify(pa.table({"commentaire": column}))
    assert result["hiv"].tolist() == [False, True, False, False, True]
    assert result["pregnancy"].tolist() == [False, False, True, False, False]
