"""The compile-once search of the health patterns gives pyarrow's answers, value for value."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import health
from detectors.health import doubt, search
from detectors.health.compiled import JoinedValues, compiled, joined_matches, matches, per_value
from detectors.health.replaced import replace, replaced
from detectors.health.text import any_of


def _health_patterns() -> list[str]:
    """Every pattern the categories search with: signals, their doubts and masks,
    the alternations they are grouped in, and the masks about other people."""
    found: set[str] = {doubt.Others._DOUBT, *(pattern for pattern, _ in doubt.Others._MASKS)}
    roles: dict = {}
    for rules in health._RULES.values():
        for signal in (signal for rule in rules for signal in rule):
            found.update([signal.pattern, *signal.triggers])
            found.update(p for mask in signal.masks for p in mask if p is not None)
            roles[signal.pattern] = roles.get(signal.pattern, frozenset()) | signal.roles
    found.update(any_of(*group) for group in search._groups(roles))
    return sorted(found)


HEALTH = _health_patterns()
# Edges of values and of matches: anchors, word edges (ASCII only in RE2),
# classes that take the separator in, empty matches, accents, and patterns
# the joined search leaves to pyarrow (whole-text anchors, no multi-line).
TRICKY = [
    r"^\s*vih", r"vih$", r"\s+", r"[^.;]{0,30}vih", r"\bvih", r"\Bé", r"é\B", r"[éèêë]\b",
    r"\bsida\b", r"[a-zà-ÿ]", r"^$", r"^", r"$", r"\b", r"\B", r"x*", r"(?s).", r"\n", r"[^x]",
    r"vih\s*$", r"^\s*(?:positi\w*|\+)\s*$", r"(?-i:TPE|PEP)", r"père\s+vih",
    r"[^.;,\n]*(?:père|mère)", r"(?:vih|sida)[\s-]*(?:positif|\+)", r"\Avih", r"vih\z",
    r"(?-m:^vih)", r"(?i-m)vih$", r"\d{3,4}[\s,;/]+", r"œ|oe", r"É+", r"[[:alpha:]]+\s",
]
WORDS = ["VIH", "vih", "sida", "Sérologie", "séropositif", "père", "mère", "PÈRE", "enceinte",
         "pas de", "diabète", "cancer", "dépression", "alcoolisme", "CIM-10 F32", "NABM 0388",
         "ATC J05AR03", "groupe O+", "A+", "TPE", "AES", "bêta-hCG", "post-partum", "handicap",
         "positif", "négatif", "œdème", "Œ", "É", "é", "ç", "x", ".", ";", ",", ":", " ", "  ",
         "\n", "\t", "-", "'", "’", "+", "(", "1/2", "0", "néant", "patient", "épouse"]
piece = st.tuples(st.lists(st.sampled_from(WORDS), max_size=5).map("".join),
                  st.sampled_from([str, str.upper, str.lower, str.title])).map(lambda t: t[1](t[0]))
# A value, a null, or a value cut in two consecutive ones, so that a match
# may end where the next value starts.
runs = st.one_of(st.none().map(lambda _: [None]), piece.map(lambda s: [s]),
                 st.tuples(piece, st.integers(0, 30)).map(lambda t: [t[0][:t[1]], t[0][t[1]:]]))
value_lists = st.lists(runs, max_size=25).map(lambda r: [v for run in r for v in run])


def _answer(function, values, pattern: str) -> list[bool] | str:
    """The flags, or the kind of error (a pattern RE2 rejects fails either way)."""
    try:
        return function(values, pattern).tolist()
    except pa.ArrowInvalid:
        return "invalid"


def _arrays(values: list[str | None], kind: pa.DataType, cut: int) -> list:
    whole = pa.array(values, kind)
    return [whole, pa.chunked_array([whole.slice(0, cut), whole.slice(cut)], kind)]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(HEALTH + TRICKY), value_lists,
       st.sampled_from([pa.string(), pa.large_string()]), st.integers(0, 30))
def test_the_joined_search_answers_as_pyarrow(pattern: str, values: list[str | None],
                                               kind: pa.DataType, cut: int) -> None:
    for array in _arrays(values, kind, cut):
        expected = _answer(per_value, array, pattern)
        assert _answer(joined_matches, array, pattern) == expected
        assert _answer(matches, array, pattern) == expected
        assert _answer(lambda v, p: np.array(JoinedValues(v).any_match(p)), array, pattern) == (
            expected if expected == "invalid" else any(expected))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(HEALTH), st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_a_match_cut_between_two_values_is_not_one(pattern: str, words: list[str]) -> None:
    text = "".join(words)
    values = pa.array([text[:cut] for cut in range(len(text) + 1)]
                      + [text[cut:] for cut in range(len(text) + 1)])
    assert joined_matches(values, pattern).tolist() == per_value(values, pattern).tolist()


def test_a_search_from_a_position_sees_the_character_before_it() -> None:
    # \b and ^ at the start position look at the real text before it.
    assert compiled(r"\bab", joined=True).search(b"xab\nab", 1).span() == (4, 6)
    assert compiled(r"^ab", joined=True).search(b"xab", 1) is None
    assert compiled(r"\Bab", joined=True).search(b"xab", 1).span() == (1, 3)


def test_positions_are_byte_offsets() -> None:
    assert compiled("vih", joined=True).search("é VIH".encode()).span() == (3, 6)


def test_patterns_the_joined_search_cannot_answer_for_are_left_to_pyarrow() -> None:
    assert compiled(r"\Avih", joined=True) is None
    assert compiled(r"(?i-m:^vih)", joined=True) is None
    assert compiled(r"(?<=a)b", joined=True) is None
    assert compiled(r"(?-i:TPE)", joined=True) is not None


def _in_worker(pattern: str, values: list[str | None]) -> list[bool]:
    return joined_matches(pa.array(values), pattern).tolist()


def test_a_forked_worker_uses_what_its_parent_compiled() -> None:
    pattern = max(HEALTH, key=len)
    values = ["Diabète de type 2", None, "hiver", "père diabétique\nRAS"]
    expected = joined_matches(pa.array(values), pattern).tolist()  # compiled here, before the fork
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_in_worker, pattern, values).result() == expected
    assert expected == per_value(pa.array(values), pattern).tolist()


@pytest.mark.parametrize("values", [[], [None], [""], ["\n"], [None, None]])
def test_empty_and_null_values(values: list[str | None]) -> None:
    for pattern in (r"^$", r"\s*", HEALTH[0]):
        array = pa.array(values, pa.string())
        assert joined_matches(array, pattern).tolist() == per_value(array, pattern).tolist()
        assert np.asarray(joined_matches(array, pattern)).dtype == bool


REPLACEMENTS = [" ; ", r" ; \1", r"[\0]", r"\\", "", r"\2", "\\"]


def _replaced_answer(function, values, pattern: str, replacement: str) -> list[str | None] | str:
    """The rewritten values, or the kind of error (pyarrow rejects a bad pattern or rewrite)."""
    try:
        result = function(values, pattern, replacement)
    except pa.ArrowInvalid:
        return "invalid"
    assert result.type == values.type
    return result.view(pa.large_binary() if pa.types.is_large_string(values.type) else pa.binary()).to_pylist()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(HEALTH + TRICKY + [r"(p)(è)re", r"(?:x)*(v)?ih"]), value_lists,
       st.sampled_from([pa.string(), pa.large_string()]), st.sampled_from(REPLACEMENTS))
def test_the_compiled_replacement_rewrites_as_pyarrow(pattern: str, values: list[str | None],
                                                      kind: pa.DataType, replacement: str) -> None:
    array = pa.array(values, kind)
    expected = _replaced_answer(lambda v, p, r: pc.replace_substring_regex(v, "(?i)" + p, r),
                                array, pattern, replacement)
    assert _replaced_answer(replaced, array, pattern, replacement) == expected
    assert _replaced_answer(replace, array, pattern, replacement) == expected


@pytest.mark.parametrize("pattern", [r"x*", r"\b", r"\B", r"^", r"$", r"(é)?", r"[a-z]*"])
def test_empty_matches_step_over_whole_characters(pattern: str) -> None:
    array = pa.array(["", "é", "aé", "éxé", "œx€𝄞", "abxd", None])
    # As bytes: pyarrow cuts a character in two where RE2's \B holds between its bytes.
    expected = pc.replace_substring_regex(array, "(?i)" + pattern, r"<\0>").view(pa.binary())
    assert replaced(array, pattern, r"<\0>").view(pa.binary()).to_pylist() == expected.to_pylist()
