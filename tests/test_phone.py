"""Phone detector: written forms, the overseas rule, rejections, and the phonenumbers oracle."""
from __future__ import annotations

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import phone, phone_plans

# 01 99 00 xx xx is ARCEP's range reserved for fiction; overseas values are
# phonenumbers' own example numbers; 020 7946 0xxx is Ofcom's drama range.
FICTION = 33199001234


def one(value: str) -> tuple[list[int], list[int]]:
    hits = phone.find(pa.array([value]))
    return hits.valid.tolist(), hits.keys.tolist()


@pytest.mark.parametrize(
    "written",
    [
        "01 99 00 12 34",
        "0199001234",
        "01.99.00.12.34",
        "01-99-00-12-34",
        "01\u00a099\u00a000\u00a012\u00a034",
        "01\u202f99\u202f00\u202f12\u202f34",
        "019 900 1234",
        "+33 1 99 00 12 34",
        "+33199001234",
        "0033 1 99 00 12 34",
        "+33 (0)1 99 00 12 34",
        "+33(0)199001234",
    ],
)
def test_french_written_forms(written: str) -> None:
    assert one(written) == ([1], [FICTION])
    assert one(f"rappeler Mme au {written} ou mail") == ([1], [FICTION])


@pytest.mark.parametrize(
    "written, e164",
    [
        ("0692 12 34 56", 262692123456),  # Réunion mobile
        ("0262 16 12 34", 262262161234),  # Réunion landline
        ("0639 01 23 45", 262639012345),  # Mayotte mobile
        ("0690 00 12 34", 590690001234),  # Guadeloupe mobile
        ("0590 27 12 34", 590590271234),  # Saint-Barthélemy landline
        ("0696 20 12 34", 596696201234),  # Martinique mobile
        ("0694 20 12 34", 594694201234),  # Guyane mobile
        ("0594 10 12 34", 594594101234),  # Guyane landline
    ],
)
def test_overseas_rule(written: str, e164: int) -> None:
    assert not phonenumbers.is_valid_number(phonenumbers.parse(written, "FR"))
    assert one(written) == ([1], [e164])
    assert phone.validate(written) == f"+{e164}"


def test_france_first_when_it_accepts() -> None:
    # These overseas landlines are also in France's plan: France wins.
    assert one("0596 30 12 34") == ([1], [33596301234])
    assert one("0269 60 12 34") == ([1], [33269601234])


@pytest.mark.parametrize(
    "written, e164",
    [
        ("+44 20 7946 0958", 442079460958),
        ("+44 (0)20 7946 0958", 442079460958),
        ("0044 20 7946 0958", 442079460958),
        ("+32 470 12 34 56", 32470123456),
        ("+39 02 1234 5678", 390212345678),
    ],
)
def test_foreign_numbers(written: str, e164: int) -> None:
    assert one(f"tel: {written}.") == ([1], [e164])


@pytest.mark.parametrize(
    "text",
    [
        "12/03/2019",
        "2019-03-12",
        "01-03-2019 12:30",
        "2 85 05 75 123 456 23",  # a NIR
        "285057512345623",
        "FR76 3000 6000 0112 3456 7890 189",  # an IBAN
        "12345678900012",  # a SIRET
        "75001 Paris",
        "0,50 EUR",
        "01 99 00 12 34 5",  # 11 digits: one longer number
        "9 01 99 00 12 34",
        "tel0199001234",
        "00 00 00 00 00",
    ],
)
def test_rejected(text: str) -> None:
    assert one(text) == ([0], [])


def test_invalid_number_is_not_counted() -> None:
    assert one("07 00 00 00 00") == ([0], [])  # right shape, not in the plan


def test_several_nulls_types_masks() -> None:
    for kind in (pa.string(), pa.large_string()):
        column = pa.array([None, "01 99 00 12 34 / +44 20 7946 0958, 01 99 00 12 34", "", "0639 01 23 45"], kind)
        hits = phone.find(column)
        assert hits.valid.tolist() == [0, 3, 0, 1]
        assert hits.invalid.tolist() == [0, 0, 0, 0]
        assert hits.keys.tolist() == [FICTION, 442079460958, FICTION, 262639012345]
        assert hits.key_rows.tolist() == [1, 1, 1, 3]
        assert hits.masked == ["01 ** ** ** 34", "+44 ** **** **58", "01 ** ** ** 34", "0639 ** ** 45"]
        assert phone.find(pa.array([], kind)).valid.size == 0


def test_phonenumbers_called_once_per_distinct(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = phone._read
    monkeypatch.setattr(phone, "_read", lambda text: calls.append(text) or real(text))
    phone._cache.clear()
    column = pa.array(["01 99 00 12 34", "0199001234", "+33 1 99 00 12 34", "01 99 00 12 35"] * 500)
    assert phone.find(column).valid.sum() == 2000
    assert sorted(calls) == ["+33199001234", "0199001234", "0199001235"]
    phone.find(column)
    assert len(calls) == 3


@pytest.mark.parametrize("value", ["01 99 00 12 34 5", "07 00 00 00 00", "+999 123456789"])
def test_validate_messages_never_quote_the_value(value: str) -> None:
    with pytest.raises(ValueError) as caught:
        phone.validate(value)
    digits = phone.compact(value).lstrip("+")
    assert value not in str(caught.value) and digits[-6:] not in str(caught.value)


# --- property tests against phonenumbers ---------------------------------

OVERSEAS_PREFIXES = ["0639", "0692", "0693", "0690", "0691", "0696", "0697", "0694", "0262", "0269", "0590", "0596", "0594"]
FOREIGN_CODES = ["44", "32", "49", "41", "34", "39", "1", "212", "687", "508", "352"]
SEPARATORS = ["", " ", ".", "-", "\u00a0", "  "]


def oracle(written: str, international: bool) -> int:
    """The contract's rule, straight on the written text."""
    for region in ("FR",) if international else phone.FRENCH_REGIONS:
        try:
            number = phonenumbers.parse(written, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return int(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:])
    return 0


def spread(draw: st.DrawFn, digits: str) -> str:
    """The digits in random groups joined by random separators."""
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=len(digits) - 1)))
    groups = [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)])]
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(groups), max_size=len(groups)))
    return groups[0] + "".join(sep + group for sep, group in zip(seps[1:], groups[1:]))


@st.composite
def written_phones(draw: st.DrawFn) -> tuple[str, bool]:
    kind = draw(st.sampled_from(["mainland", "overseas", "french_intl", "foreign"]))
    if kind == "mainland":
        return spread(draw, "0" + draw(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True))), False
    if kind == "overseas":
        return spread(draw, draw(st.sampled_from(OVERSEAS_PREFIXES)) + draw(st.from_regex(r"[0-9]{6}", fullmatch=True))), False
    if kind == "french_intl":
        national = draw(st.from_regex(r"[1-9][0-9]{8}", fullmatch=True))
        lead = draw(st.sampled_from(["+33 ", "+33", "0033 ", "+33 (0)", "+33(0)"]))
        return lead + spread(draw, national), True
    code = draw(st.sampled_from(FOREIGN_CODES))
    # A zero right after the country code is part of an Italian number (+39 02...).
    rest = draw(st.from_regex(rf"[0-9][0-9]{{{6 - len(code)},{13 - len(code)}}}", fullmatch=True))
    return draw(st.sampled_from(["+", "00"])) + code + draw(st.sampled_from(["", " "])) + spread(draw, rest), True


words = st.text(alphabet="abcéxyz ,;:()'\n/", max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(written_phones(), words, words), min_size=1, max_size=8))
def test_find_agrees_with_phonenumbers_on_both_paths(cases: list) -> None:
    alone = [written for (written, _), _, _ in cases]
    embedded = [f"{before} {written} {after}" for (written, _), before, after in cases]
    expected = [oracle(written, international) for (written, international), _, _ in cases]
    fast, slow = phone.find(pa.array(alone)), phone.find(pa.array(embedded, pa.large_string()))
    for hits in (fast, slow):
        assert hits.valid.tolist() == [int(bool(e)) for e in expected]
        assert hits.keys.tolist() == [e for e in expected if e]
    assert fast.masked == slow.masked
    assert [phone.is_valid(written) for written in alone] == [bool(e) for e in expected]


@pytest.mark.parametrize("form", ["0{n}", "+{cc}{n}", "00{cc}{n}", "+{cc} (0){n}"])
def test_french_plans_in_re2_match_phonenumbers(form: str) -> None:
    # The RE2 shortcut for the French plans (mainland and overseas, national or
    # with a country code) against the oracle, on random numbers in each plan.
    rng = np.random.default_rng(7)
    heads = ["1", "2", "3", "4", "5", "6", "7", "8", "9", *(p[1:] for p in OVERSEAS_PREFIXES)]
    nines = [h + "".join(map(str, rng.integers(0, 10, 9 - len(h)))) for h in rng.choice(heads, 4000)]
    codes = rng.choice(["33", "262", "590", "594", "596"], len(nines))
    written = [form.format(cc=cc, n=n) for cc, n in zip(codes, nines)]
    hits = phone.find(pa.array(written))
    expected = [oracle(w.replace(" (0)", ""), not w.startswith("0") or w.startswith("00")) for w in written]
    assert hits.valid.tolist() == [int(bool(e)) for e in expected]
    assert hits.keys.tolist() == [e for e in expected if e]


def _accepted_by_patterns(nines: list[str], code: int) -> np.ndarray:
    """Whether a region of ``code`` accepts each 9-digit number, by RE2 on its patterns."""
    subject = pa.array(nines)
    accepted = np.zeros(len(nines), dtype=bool)
    for region in phone_plans.FRENCH_REGIONS:
        patterns = phone_plans.plan(region)
        if patterns and phonenumbers.country_code_for_region(region) == code:
            general, types = (pc.match_substring_regex(subject, p).to_numpy(zero_copy_only=False) for p in patterns)
            accepted |= general & types
    return accepted


def test_the_plans_table_answers_as_the_plans_patterns() -> None:
    # Every prefix the table tells apart, with random digits after it, against
    # RE2 running the region patterns it was expanded from: written with each
    # country code, and nationally (the first code that accepts it).
    rng = np.random.default_rng(7)
    numbers = np.arange(10**9, step=10**4) + rng.integers(0, 10**4, 10**5)
    nines = [f"{n:09d}" for n in numbers]
    national = np.zeros(numbers.size, dtype=np.int64)
    for code in phone_plans.CODES.tolist():
        accepted = _accepted_by_patterns(nines, code)
        ints = numbers + code * 10**9
        assert (phone_plans.settle(np.zeros(ints.size, dtype=bool), ints) == np.where(accepted, ints, 0)).all()
        national = np.where((national == 0) & accepted, ints, national)
    assert (phone_plans.settle(numbers >= 10**8, numbers) == np.where(numbers >= 10**8, national, 0)).all()


def test_plan_patterns_outside_what_the_table_reads_are_refused() -> None:
    for pattern in (r"^\d{9}?$", r"^(?=6)\d{9}$", r"^(\d)\1\d{7}$"):
        with pytest.raises(ValueError):
            phone_plans.shapes(pattern)
