"""People, not rows: each linking rule on a hand-made case, and the interval on simulated families.

All names, dates and numbers here are synthetic.
"""
from __future__ import annotations

import random
from dataclasses import fields

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from scanner.people import attach, hashing, linking, resolution, rules, typos
from scanner.keys import ScanKey
from scanner.people import BYTES_PER_RECORD, Identity, PersonIndex, Resolution

KEY = ScanKey(b"synthetic test key", "key-file")
COLUMNS = ("nir", "birth_date", "first_name", "last_name", "birth_name", "sex", "postcode", "phone")


def nir(sex: int, birth: str, serial: int = 123) -> int:
    """A NIR key for a birth date written dd/mm/yyyy (no check digit needed here)."""
    return int(f"{sex}{birth[8:10]}{birth[3:5]}75056{serial:03d}")


def resolve(*records: dict) -> Resolution:
    index = PersonIndex(KEY)
    index.add(_identity(records), len(records))
    return index.resolve()


def _identity(records) -> Identity:
    values = {c: [r.get(c) for r in records] for c in COLUMNS}
    return Identity(nir=np.array([v or 0 for v in values["nir"]], np.int64),
                    phone=np.array([v or 0 for v in values["phone"]], np.int64),
                    **{c: pa.array(values[c], pa.string()) for c in COLUMNS if c not in ("nir", "phone")})


def counts(r: Resolution) -> tuple[int, int, int]:
    return r.low, r.estimate, r.high


MOTHER = dict(first_name="Aurane", last_name="Vexlor", birth_date="12/03/1980", sex="F",
              nir=nir(2, "12/03/1980"), postcode="75011", phone=33612345678)


def test_child_on_parent_nir_is_another_person():
    child = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    assert counts(resolve(MOTHER, child)) == (2, 2, 2)


def test_twins_on_parent_nir_split_except_in_low():
    twin_a = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    twin_b = dict(twin_a, first_name="Norvel")
    assert counts(resolve(twin_a, twin_b, twin_a)) == (1, 2, 2)


def test_one_edit_typo_in_first_name():
    assert counts(resolve(MOTHER, dict(MOTHER, first_name="Auranne"))) == (1, 1, 2)


def test_one_edit_typo_in_last_name_without_nir():
    no_nir = dict(MOTHER, nir=None, phone=None)  # the phone would link them even in high
    assert counts(resolve(no_nir, dict(no_nir, last_name="Vexler"))) == (1, 1, 2)


def test_typos_in_both_names():
    no_nir = dict(MOTHER, nir=None, phone=None)
    assert counts(resolve(no_nir, dict(no_nir, first_name="Auranne", last_name="Vexler"))) == (1, 1, 2)


def test_typos_in_both_names_and_swapped_columns():
    no_nir = dict(MOTHER, nir=None, phone=None)
    assert counts(resolve(no_nir, dict(no_nir, first_name="Vexler", last_name="Auranne"))) == (1, 1, 2)


def test_twins_stay_apart_when_one_last_name_has_a_typo():
    twin_a = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    twin_b = dict(twin_a, first_name="Norvel", last_name="Vexler")
    assert resolve(twin_a, twin_b).estimate == 2


def test_typo_sex_guard_keeps_louis_apart_from_louise():
    twin = dict(MOTHER, first_name="Louis", sex="M", birth_date="05/06/2012")
    assert resolve(twin, dict(twin, first_name="Louise", sex="F")).estimate == 2


def test_lost_accents_case_and_date_format():
    plain = dict(MOTHER, first_name="AURANE", last_name="vexlor", birth_date="1980-03-12")
    accented = dict(MOTHER, first_name="Aurané", last_name="VEXLÖR", birth_date="12.03.80")
    assert counts(resolve(MOTHER, plain, accented)) == (1, 1, 1)


def test_swapped_name_columns():
    swapped = dict(MOTHER, first_name=MOTHER["last_name"], last_name=MOTHER["first_name"], nir=None)
    assert counts(resolve(MOTHER, swapped)) == (1, 1, 2)


def test_full_name_column():
    index = PersonIndex(KEY)
    index.add(_identity([MOTHER]), 1)
    index.add(Identity(full_name=pa.array(["VEXLOR Aurane", "Aurane Vexlor"]),
                       birth_date=pa.array(["12/03/1980"] * 2)), 2)
    assert counts(index.resolve()) == (1, 1, 2)


def test_shared_family_phone_does_not_merge():
    father = dict(MOTHER, first_name="Bertil", sex="M", birth_date="02/02/1978", nir=nir(1, "02/02/1978"))
    assert counts(resolve(MOTHER, father)) == (2, 2, 2)


def test_shared_family_phone_links_with_agreeing_first_name_and_birth():
    # A married name and no NIR: only the phone + first name + birth date say it is her.
    married = dict(MOTHER, last_name="Quenard", nir=None)
    assert counts(resolve(dict(MOTHER, nir=None), married)) == (1, 1, 1)
    # Without the phone only low joins her: same first name, birth date, postcode and sex.
    assert counts(resolve(dict(MOTHER, nir=None), dict(married, phone=None))) == (1, 2, 2)


def test_married_name_with_birth_name_present():
    married = dict(MOTHER, last_name="Quenard", birth_name=MOTHER["last_name"], nir=None, phone=None)
    maiden = dict(MOTHER, nir=None, phone=None)
    assert counts(resolve(maiden, married)) == (1, 1, 2)
    # Another woman born that day under that birth name, with her own NIR, stays apart.
    other = dict(married, nir=nir(2, "12/03/1980", serial=999))
    assert counts(resolve(dict(MOTHER, phone=None), other)) == (2, 2, 2)


def test_records_with_only_names_birth_date_and_postcode():
    only = dict(first_name="Aurane", last_name="Vexlor", birth_date="12/03/1980", postcode="75011")
    assert counts(resolve(only, dict(only, first_name="AURANE"))) == (1, 1, 1)
    # A namesake born the same day elsewhere: kept apart by the exact rule, merged by the estimate
    # (people move), so the interval spans both readings.
    assert counts(resolve(only, dict(only, postcode="13001"))) == (1, 1, 2)


def test_missing_nir_links_on_names_and_birth():
    assert counts(resolve(MOTHER, dict(MOTHER, nir=None))) == (1, 1, 1)


def test_namesakes_with_different_own_nirs_stay_apart():
    other = dict(MOTHER, nir=nir(2, "12/03/1980", serial=999), postcode="13001", phone=33698765432)
    assert counts(resolve(MOTHER, other)) == (1, 2, 2)


def test_missing_birth_date_joins_an_unambiguous_nir():
    assert counts(resolve(MOTHER, dict(MOTHER, birth_date=None))) == (1, 1, 2)


def test_record_without_birth_date_and_with_a_typo_joins_its_nir_holder():
    child = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    undated = dict(MOTHER, first_name="Auranne", birth_date=None)
    assert counts(resolve(MOTHER, child, undated)) == (2, 2, 3)


def test_record_without_birth_date_between_father_and_son_of_one_name_stays_apart():
    father = dict(first_name="Louis", last_name="Vexlor", birth_date="12/03/1970", sex="M",
                  nir=nir(1, "12/03/1970"), postcode="75011")
    son = dict(father, birth_date="05/06/2000")  # on his father's NIR
    for undated in (dict(father, birth_date=None), dict(father, first_name="Louiss", birth_date=None)):
        assert resolve(father, son, undated).estimate == 3


def test_record_without_identity_is_no_one():
    r = resolve(MOTHER, dict(phone=33612345678, postcode="75011"), dict(first_name="Aurane"))
    assert (r.estimate, r.person[1:].tolist()) == (1, [0, 0]) and r.person[0] != 0


def test_person_ids_are_shared_and_order_free():
    child = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    forward, backward = resolve(MOTHER, child, MOTHER).person, resolve(MOTHER, MOTHER, child).person
    assert forward[0] == forward[2] != forward[1]
    assert {forward[0], forward[1]} == {backward[0], backward[2]}


def test_same_person_same_id_in_two_scans_with_one_key():
    child = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    typo = dict(MOTHER, first_name="Auranne")
    first_leak = resolve(MOTHER, child, typo)
    second_leak = resolve(dict(MOTHER, phone=None), child, MOTHER, dict(MOTHER, nir=None))
    assert first_leak.person[0] == second_leak.person[0] == second_leak.person[2] == second_leak.person[3]
    assert first_leak.person[1] == second_leak.person[1] != first_leak.person[0]
    other_key = PersonIndex(ScanKey(b"another key", "key-file"))
    other_key.add(_identity([MOTHER]), 1)
    assert other_key.resolve().person[0] != first_leak.person[0]


def test_people_by_birth_decade():
    child = dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012", sex="M")
    r = resolve(MOTHER, child, MOTHER, dict(nir=nir(1, "01/01/1950", 7)))
    assert r.by_birth_decade == {"1980": 1, "2010": 1, "unknown": 1}


def test_fingerprints_hold_each_identity_key_once():
    index = PersonIndex(KEY)
    index.add(_identity([MOTHER, MOTHER, dict(MOTHER, first_name="Tiliam", birth_date="05/06/2012")]), 3)
    person, prints = index.fingerprints(index.resolve().person)
    assert len(set(zip(person.tolist(), prints.tolist()))) == len(person)
    assert set(person.tolist()) == set(index.resolve().person.tolist())


def test_method_is_documented():
    method = resolve(MOTHER).method
    assert method["name"] and set(method["rules"]) == {"high", "estimate", "low"}
    assert method["parameters"]["bytes_per_record"] == BYTES_PER_RECORD


# ------------------------------------------------------------ simulation
_LETTERS = "abcdefghijklmnoprstuvz"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(rng.randint(5, 8))).capitalize()


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(first_year, last_year)}"


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice("xyq") + word[i + 1:]


_PERTURBATIONS = (
    lambda rng, r: r,
    lambda rng, r: dict(r, first_name=_typo(rng, r["first_name"])),
    lambda rng, r: dict(r, last_name=_typo(rng, r["last_name"])),
    lambda rng, r: dict(r, first_name=r["last_name"], last_name=r["first_name"]),
    lambda rng, r: dict(r, first_name=r["first_name"].upper().replace("E", "É"), last_name=r["last_name"].upper()),
    lambda rng, r: dict(r, nir=None),
    lambda rng, r: dict(r, birth_date=None),
    lambda rng, r: dict(r, birth_date="-".join(reversed(r["birth_date"].split("/")))),
    lambda rng, r: dict(r, first_name=_typo(rng, r["first_name"]), last_name=_typo(rng, r["last_name"])),
    lambda rng, r: dict(r, birth_date=None, last_name=_typo(rng, r["last_name"])),
)


def simulate(seed: int, families: int) -> tuple[list[dict], int]:
    """Records of families (children on a parent's NIR, some twins), each person 1-3 times, one perturbation each."""
    rng = random.Random(seed)
    people = []
    for f in range(families):
        last, phone, postcode = _word(rng), 33600000000 + f, f"{rng.randint(1000, 95999):05d}"
        parent_birth = _date(rng, 1950, 1990)
        parent = dict(first_name=_word(rng), last_name=last, birth_date=parent_birth, sex="F",
                      nir=nir(2, parent_birth, f), phone=phone, postcode=postcode)
        people.append(parent)
        for _ in range(rng.randint(0, 2)):
            birth = _date(rng, 2008, 2020)
            for _ in range(1 + (rng.random() < 0.3)):   # twins now and then
                people.append(dict(parent, first_name=_word(rng), birth_date=birth, sex=rng.choice("MF")))
    records = [_PERTURBATIONS[0 if copy == 0 else rng.randrange(len(_PERTURBATIONS))](rng, person)
               for person in people for copy in range(rng.randint(1, 3))]
    rng.shuffle(records)
    return records, len(people)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 12))
def test_truth_within_interval_on_simulated_families(seed, families):
    records, truth = simulate(seed, families)
    r = resolve(*records)
    assert r.low <= r.estimate <= r.high
    assert r.low <= truth <= r.high


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 8), st.integers(0, 40))
def test_merge_equals_one_add(seed, families, cut):
    records, _ = simulate(seed, families)
    cut = min(cut, len(records))
    whole = resolve(*records)
    left, right = PersonIndex(KEY), PersonIndex(KEY)
    left.add(_identity(records[:cut]), cut)
    right.add(_identity(records[cut:]), len(records) - cut)
    left.merge(right)
    merged = left.resolve()
    assert counts(merged) == counts(whole) and merged.person.tolist() == whole.person.tolist()


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 12), st.integers(1, 9))
def test_rules_run_in_slices_give_the_same_people(seed, families, per_pass):
    # At scale each rule runs on slices of the records and hashes keys in parts; neither may change who is who.
    records, _ = simulate(seed, families)
    whole = resolve(*records)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rules, "RECORDS_PER_PASS", per_pass)
        patch.setattr(typos, "VARIANTS_PER_PASS", per_pass)
        patch.setattr(attach, "ROWS_PER_PASS", per_pass)
        patch.setattr(linking, "_PARTITION_FROM", 1)  # keys grouped part by part, as at scale
        patch.setattr(linking, "_KEYS_PER_TABLE", per_pass)
        sliced = resolve(*records)
    assert counts(sliced) == counts(whole) and sliced.person.tolist() == whole.person.tolist()


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 12))
def test_rules_on_forked_workers_give_the_same_people(seed, families):
    records, _ = simulate(seed, families)
    whole = resolve(*records)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(resolution, "PARALLEL_FROM", 1)
        index = PersonIndex(KEY)
        index.add(_identity(records), len(records))
        parallel = index.resolve(workers=2)
        assert resolution._shared is None  # the workers' view of the columns is dropped after
    assert counts(parallel) == counts(whole) and parallel.person.tolist() == whole.person.tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=30))
def test_split_groups_as_keys_combined_with_the_attribute(entries):
    # Splitting regroups only the entries of ambiguous groups; the groups must be those of
    # re-keying each such entry by (key, attribute), split after split.
    keys, first, second = (np.array(column, np.uint64) for column in zip(*entries))

    def rekeyed(keys: np.ndarray, attr: np.ndarray) -> np.ndarray:
        codes, groups = linking.group(keys)
        combined = hashing.combine(keys, attr) | np.uint64(1)
        return np.where(linking.holds_two(codes, groups, attr) & (keys != 0), combined, keys)

    codes = linking.split(linking.split(keys, first), second).codes
    expected = rekeyed(rekeyed(keys, first), second)
    assert ((codes < 0) == (expected == 0)).all()
    same = codes[:, None] == codes[None, :]
    assert (same == (expected[:, None] == expected[None, :]))[codes >= 0][:, codes >= 0].all()


def test_nothing_raw_is_retained():
    index = PersonIndex(KEY)
    records, _ = simulate(1, 5)
    index.add(_identity(records), len(records))
    for resolved in (False, True):
        if resolved:
            index.resolve()  # the chunks become one array per field
        state = [v for k, v in vars(index).items() if k != "_key"]
        arrays = [a for v in state if isinstance(v, (list, dict)) for a in (v.values() if isinstance(v, dict) else v)]
        assert arrays and all(isinstance(a, np.ndarray) for a in arrays)
        for a in arrays:
            kinds = [a.dtype[f].kind for f in a.dtype.names] if a.dtype.names else [a.dtype.kind]
            assert set(kinds) <= {"u", "i"}
        assert all(isinstance(v, (list, dict, int)) for v in state)
    assert {f.name for f in fields(Identity)} >= set(COLUMNS)


def test_low_joins_a_typo_in_a_name_too_short_for_the_typo_table():
    # Léa typed "Lé", "LAA", "éa": a three-letter name has no typo variants, so the estimate keeps
    # each apart (Léa and Léo may be twins); low must still reach the person, or the truth falls
    # below the interval (hypothesis found a generated leak where low was 75 for 74 people).
    lea = dict(first_name="Léa", last_name="Leclerc", birth_date="25/11/1988", sex="F", postcode="75374")
    records = [dict(lea, phone=33791247103), dict(lea, first_name="LAA"),
               dict(lea, first_name="éa", postcode=None, phone=33791247103), lea]
    assert counts(resolve(*records)) == (1, 3, 3)
