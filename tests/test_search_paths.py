"""The RE2 prefilters and the joined slow path never change what the exact ``regex`` grammars find."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import phone
from scanner.analyse import ANY_IDENTIFIER, IDENTIFIERS, _identifier_kinds
from detectors._text import SEP, SEPARATORS, _findall, bounded, bounded_re2

# Digits, every separator, letters and punctuation: the characters boundaries are made of.
TEXT = st.text(alphabet=st.sampled_from([*"0123456789", *SEPARATORS, *"aZé+():/,"]), max_size=40)


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(TEXT, min_size=1, max_size=30))
def test_bounded_re2_passes_exactly_the_rows_bounded_finds_something_in(rows):
    core = rf"0[1-9](?:{SEP}*\d){{2}}"
    exact = regex.compile(bounded(core))
    passed = pc.match_substring_regex(pa.array(rows), bounded_re2(core)).to_pylist()
    assert passed == [exact.search(row) is not None for row in rows]


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(TEXT, min_size=1, max_size=30))
def test_the_phone_prefilter_keeps_every_row_with_a_candidate(rows):
    passed = pc.match_substring_regex(pa.array(rows), phone.GRAMMAR.prefilter).to_pylist()
    for row, kept in zip(rows, passed):
        assert kept or phone.GRAMMAR.text.search(row) is None


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.one_of(TEXT, st.sampled_from(["1 85 05 2A 123 456 33", "a@b.fr", "+44 20 7946 0958"])), min_size=1, max_size=30))
def test_a_row_the_identifier_gate_rejects_holds_no_identifier(rows):
    gate = pc.match_substring_regex(pa.array(rows), ANY_IDENTIFIER).to_pylist()
    rejected = pa.array([row for row, kept in zip(rows, gate) if not kept], type=pa.string())
    for module in IDENTIFIERS.values():
        hits = module.find(rejected)
        assert not hits.valid.any() and not hits.invalid.any()


SAMPLES = st.sampled_from(["1 85 05 2A 123 456 33", "a@b.fr", "x.y@z.com", "+44 20 7946 0958", "06 12 34 56 78", "\n"])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(TEXT, SAMPLES), max_size=4).map("".join), min_size=1, max_size=30))
def test_the_joined_slow_path_finds_what_a_search_row_by_row_finds(rows):
    values = pa.array(rows, type=pa.string())
    every = np.arange(len(rows))
    for module in IDENTIFIERS.values():
        pattern = module.GRAMMAR.text
        found_rows, found = _findall(values, every, pattern)
        expected = [(i, m.group()) for i, row in enumerate(rows) for m in pattern.finditer(row)]
        assert list(zip(found_rows.tolist(), found)) == expected


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.one_of(st.none(), st.lists(st.one_of(TEXT, SAMPLES), max_size=4).map("".join)),
                     min_size=1, max_size=30))
def test_the_identifier_kinds_are_those_a_prefilter_passes_a_value_for(rows):
    # The gate's joined search, against pyarrow's prefilter value by value.
    values = pa.array(rows, type=pa.string())
    expected = {name for name, module in IDENTIFIERS.items()
                if pc.any(pc.match_substring_regex(values, module.GRAMMAR.prefilter_regex)).as_py()}
    assert _identifier_kinds(values) == expected
    assert _identifier_kinds(pc.dictionary_encode(values)) == expected
