"""NIR detector: written forms, rejected shapes, keys, and the stdnum oracle."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import nir as oracle

from detectors import nir

# Invented values; keys computed with stdnum.
CORSICA = "185052A12345633"  # 2A
MAINLAND = "285057512345623"
OVERSEAS = "185059711234517"


def one(value: str) -> tuple[list[int], list[int], list[int]]:
    hits = nir.find(pa.array([value]))
    return hits.valid.tolist(), hits.invalid.tolist(), hits.keys.tolist()


@pytest.mark.parametrize(
    "written",
    [
        "185052A12345633",
        "1 85 05 2A 123 456 33",
        "1.85.05.2A.123.456.33",
        "1-85-05-2A-123-456-33",
        "1\u00a085\u00a005\u00a02A\u00a0123\u00a0456\u00a033",
        "1\u202f85\u202f05\u202f2A\u202f123\u202f456\u202f33",
        "185 05 2A123 45633",
        "185052A123456 33",
        "1 85 05 2a 123 456 33",
        "  1 85 05 2A 123 456 33 ",
    ],
)
def test_written_forms_alone_and_in_text(written: str) -> None:
    key = 1 * nir.KEY_FLAG + 1850519123456
    assert one(written) == ([1], [0], [key])
    assert one(f"Patient: NIR {written}, rappel lundi") == ([1], [0], [key])


@pytest.mark.parametrize(
    "text",
    [
        "2 85 13 75 123 456 23",  # month 13
        "5 85 05 75 123 456 23",  # sex 5
        "2 85 05 00 123 456 23",  # département 00
        "2850575123456230",  # 16-digit run
        "12850575123456 23",  # inside a longer number
        "2 85 05 75 123 456 23 4",  # continued through a separator
        "9 2 85 05 75 123 456 23",  # preceded by a digit group
        "ref2850575123456 23",  # glued to a word
        "2 85 05 75 123 456",  # no key
        "12/03/2019",
    ],
)
def test_rejected_shapes(text: str) -> None:
    assert one(text) == ([0], [0], [])


def test_wrong_key_is_invalid_not_valid() -> None:
    assert one("2 85 05 75 123 456 24") == ([0], [1], [])
    assert one("le NIR 285057512345624.") == ([0], [1], [])


def test_keys_flag_corsica_and_overseas() -> None:
    hits = nir.find(pa.array([CORSICA, "185052B12345660", MAINLAND, OVERSEAS]))
    assert hits.valid.tolist() == [1, 1, 1, 1]
    assert hits.keys.tolist() == [
        nir.KEY_FLAG + 1850519123456,
        2 * nir.KEY_FLAG + 1850518123456,
        2850575123456,
        1850597112345,
    ]
    sex, yy, mm = nir.decode_keys(hits.keys)
    assert sex.tolist() == [1, 1, 2, 1] and yy.tolist() == [85] * 4 and mm.tolist() == [5] * 4


def test_several_values_nulls_and_masks() -> None:
    values = pa.array([None, f"{CORSICA} et {nir.format(MAINLAND)}; faux 285057512345624", "", None])
    hits = nir.find(values)
    assert hits.valid.tolist() == [0, 2, 0, 0]
    assert hits.invalid.tolist() == [0, 1, 0, 0]
    assert hits.key_rows.tolist() == [1, 1]
    assert hits.masked == ["1 85 05 ** *** *** 33", "2 85 05 ** *** *** 23"]
    assert hits.first_key_per_row().tolist() == [0, nir.KEY_FLAG + 1850519123456, 0, 0]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_types_empty_and_sliced(kind: pa.DataType) -> None:
    assert nir.find(pa.array([], kind)).valid.size == 0
    assert nir.find(pa.array([None, None], kind)).valid.tolist() == [0, 0]
    column = pa.array(["x", MAINLAND, nir.format(CORSICA), OVERSEAS], kind)
    assert nir.find(column.slice(1, 2)).keys.tolist() == [2850575123456, nir.KEY_FLAG + 1850519123456]
    chunked = pa.chunked_array([column.slice(0, 2), column.slice(2)])
    assert nir.find(chunked).valid.tolist() == [0, 1, 1, 1]


def test_decode() -> None:
    facts = nir.decode(CORSICA)
    assert (facts.sex, facts.year, facts.month, facts.departement, facts.commune) == (1, 85, 5, "2A", "123")
    assert nir.decode(MAINLAND).sex == 2


@pytest.mark.parametrize("value", ["2 85 13 75 123 456 23", "285057512345624", "28505", "2 85 05 2C 123 456 23"])
def test_validate_messages_never_quote_the_value(value: str) -> None:
    with pytest.raises(ValueError) as caught:
        nir.validate(value)
    message = str(caught.value)
    for piece in (value, nir.compact(value), nir.compact(value)[:5], nir.compact(value)[-4:]):
        assert piece not in message


# --- property tests against stdnum ----------------------------------------

SEPARATORS = ["", " ", ".", "-", "\u00a0", "\u202f", "  ", " - "]


@st.composite
def nir_bodies(draw: st.DrawFn) -> str:
    """13 characters of a structurally valid NIR (2A/2B, 97x and 99 included)."""
    sex = draw(st.sampled_from("123478"))
    year = draw(st.integers(0, 99))
    month = draw(st.sampled_from(list(range(1, 13)) + list(range(20, 43)) + list(range(50, 100))))
    departement = draw(st.sampled_from(["01", "2A", "2B", "75", "20", "97", "98", "99", "59"]))
    place = draw(st.integers(0, 999))
    order = draw(st.integers(1, 999))
    return f"{sex}{year:02d}{month:02d}{departement}{place:03d}{order:03d}"


@st.composite
def written_nirs(draw: st.DrawFn) -> tuple[str, str]:
    """(compact, written) with a right or a wrong key and random separators."""
    body = draw(nir_bodies())
    right = oracle.calc_check_digits(body + "00")
    key = right if draw(st.booleans()) else f"{(int(right) + draw(st.integers(1, 96))) % 97 or 97:02d}"
    compact = body + key
    groups = [compact[0], compact[1:3], compact[3:5], compact[5:7], compact[7:10], compact[10:13], compact[13:]]
    if draw(st.booleans()):
        groups = [c for c in compact]
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(groups) - 1, max_size=len(groups) - 1))
    written = groups[0] + "".join(sep + group for sep, group in zip(seps, groups[1:]))
    if draw(st.booleans()):
        written = written.lower()
    return compact, written


words = st.text(alphabet="abcéèxyz ,;:()'\n/", max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(written_nirs(), words, words), min_size=1, max_size=8))
def test_find_agrees_with_stdnum_on_both_paths(cases: list) -> None:
    alone = [written for (_, written), _, _ in cases]
    embedded = [f"{before} {written} {after}" for (_, written), before, after in cases]
    fast, slow = nir.find(pa.array(alone)), nir.find(pa.array(embedded, pa.large_string()))
    expected = [oracle.is_valid(compact) for (compact, _), _, _ in cases]
    assert [nir.is_valid(compact) for (compact, _), _, _ in cases] == expected
    for hits in (fast, slow):
        assert hits.valid.tolist() == [int(ok) for ok in expected]
        assert hits.invalid.tolist() == [int(not ok) for ok in expected]
    assert fast.keys.tolist() == slow.keys.tolist()
    assert fast.key_rows.tolist() == slow.key_rows.tolist()
    assert fast.masked == slow.masked
    bodies = [int(c[:13].upper().replace("2A", "19").replace("2B", "18")) for (c, _), _, _ in cases]
    flags = [1 if "2A" in c.upper() else 2 if "2B" in c.upper() else 0 for (c, _), _, _ in cases]
    assert fast.keys.tolist() == [f * nir.KEY_FLAG + b for f, b, ok in zip(flags, bodies, expected) if ok]
    np.testing.assert_array_equal(nir.decode_keys(fast.keys)[2], [int(c[3:5]) for (c, _), _, _ in cases if oracle.is_valid(c)])
