"""Health codes: CIM-10 ranges, NABM acts, ATC classes, CIP13 check digits, and
the column roles inferred for them.  CIP13 check digits are checked against
python-stdnum's EAN-13 as an oracle."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import ean

from detectors.health import classify, cip13
from detectors.health.roles import Role, infer_roles


def _found(column: str, values: list[str], category: str) -> list[bool]:
    return classify(pa.table({column: pa.array(values, pa.string())}))[category].tolist()


@pytest.mark.parametrize(("code", "category"), [
    ("B20", "hiv"), ("B24", "hiv"), ("Z21", "hiv"), ("R75", "hiv"), ("O00", "pregnancy"),
    ("O99.8", "pregnancy"), ("Z32.1", "pregnancy"), ("Z36", "pregnancy"), ("Z3A.12", "pregnancy"),
    ("U07.1", "covid_test"), ("U07.2", "covid_test"), ("Z20.822", "covid_test"),
    ("A50", "sexual_health"), ("A64", "sexual_health"), ("F00", "mental_health"),
    ("F32.1", "mental_health"), ("F321", "mental_health"), ("F99", "mental_health"),
    ("F10.2", "addiction"), ("F19", "addiction"), ("C00", "cancer"), ("C50.9", "cancer"),
    ("D09", "cancer"), ("D37", "cancer"), ("D48.1", "cancer"), ("Q90", "genetic"),
    ("Q99", "genetic"), ("E11.9", "diagnosis"), ("I10", "diagnosis"), ("D10", "diagnosis"),
    ("U07.0", "diagnosis"), ("B19", "diagnosis"), ("A49", "diagnosis"),
])
def test_cim10_ranges(code: str, category: str) -> None:
    found = classify(pa.table({"cim10": [code], "commentaire": [f"CIM-10 : {code}"]}))
    assert [name for name, hit in found.items() if hit[0]] == [category]


def test_cim10_only_as_a_code() -> None:
    assert _found("commentaire", ["salle F32", "vol B20", "CIM10 F32", "ICD-10: E11.9, F20.0"],
                  "mental_health") == [False, False, True, True]
    assert _found("diagnostic_principal", ["F32.1 épisode dépressif", "E11.9; F20.0", "RAS"],
                  "mental_health") == [True, True, False]


@pytest.mark.parametrize(("code", "category"), [
    ("0388", "hiv"), ("388", "hiv"), ("0389", "hiv"), ("0390", "hiv"), ("0392", "hiv"),
    ("4122", "hiv"), ("7402", "pregnancy"), ("5271", "covid_test"), ("4274", "covid_test"),
])
def test_nabm_acts_in_an_act_column_or_labelled(code: str, category: str) -> None:
    assert _found("code_acte", [code, "1104"], category) == [True, False]
    assert _found("commentaire", [f"NABM {code}", code], category) == [True, False]


@pytest.mark.parametrize(("code", "categories"), [
    ("J05AR03", {"hiv", "treatment"}), ("J05AE10", {"hiv", "treatment"}),
    ("J05AX08", {"hiv", "treatment"}), ("N06AB06", {"mental_health", "treatment"}),
    ("N07BC02", {"addiction", "treatment"}), ("L01XE01", {"cancer", "treatment"}),
    ("G03AA07", {"sexual_health", "treatment"}), ("C10AA05", {"treatment"}),
    ("J05AB01", {"treatment"}),
])
def test_atc_classes(code: str, categories: set[str]) -> None:
    for column, text in (("code_atc", code), ("commentaire", f"ATC {code}"), ("commentaire", code)):
        found = classify(pa.table({column: [text]}))
        assert {name for name, hit in found.items() if hit[0]} == categories, (column, text)


def test_atc_short_levels_only_where_a_code_is_expected() -> None:
    assert _found("code_atc", ["J05AR", "N06A"], "treatment") == [True, True]
    assert _found("commentaire", ["J05AR", "ATC J05AR"], "hiv") == [False, True]


def _with_check_digit(body: str) -> str:
    return body + ean.calc_check_digit(body)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text("0123456789", min_size=7, max_size=7),
                          st.integers(min_value=0, max_value=9), st.sampled_from(["", "CIP ", "x "])),
                min_size=1, max_size=30))
def test_cip13_check_digit_agrees_with_stdnum(cases: list[tuple[str, int, str]]) -> None:
    values = [f"{prefix}34009{body}{digit}" for body, digit, prefix in cases]
    expected = [ean.is_valid(f"34009{body}{digit}") for body, digit, _ in cases]
    assert cip13.valid_in(pa.array(values)).tolist() == expected


def test_cip13_in_text_and_in_a_drug_column() -> None:
    good, bad = _with_check_digit("340093000001"), "3400930000018"
    assert not ean.is_valid(bad)
    assert _found("code_cip", [good, bad, None], "treatment") == [True, False, False]
    assert _found("commentaire", [f"CIP {good}", f"CIP {bad}", f"tel {good}0"], "treatment") == \
        [True, False, False]


def test_cip13_vectorised_over_chunks_and_string_kinds() -> None:
    good = _with_check_digit("340093000002")
    for values in (pa.chunked_array([[good, "RAS"], [None, good]]),
                   pa.array([good, "RAS", None, good], pa.large_string())):
        assert np.array_equal(cip13.valid_in(values), [True, False, False, True])


@pytest.mark.parametrize(("header", "values", "role"), [
    ("GRP_SANG", ["A+"], Role.BLOOD_GROUP), ("groupe_rh", ["O"], Role.BLOOD_GROUP),
    ("blood_type", ["AB"], Role.BLOOD_GROUP), ("code_cip", ["3400930000007"], Role.DRUG),
    ("cim10", ["E11"], Role.DIAGNOSIS), ("code_atc", ["J05AR03"], Role.DRUG),
    ("code_acte", ["0388"], Role.EXAM), ("NABM", ["0388"], Role.EXAM),
    ("col_9", ["3400930000007", "3400930000014"], Role.DRUG),
    ("col_9", ["J05AR03", "N06AB06"], Role.DRUG), ("col_9", ["F32.1", "E11"], Role.DIAGNOSIS),
    ("col_9", ["A12", "B03"], Role.TEXT), ("code_postal", ["75001"], Role.IDENTITY),
])
def test_column_roles_for_codes(header: str, values: list[str], role: Role) -> None:
    assert infer_roles(pa.table({header: values})) == [role]
