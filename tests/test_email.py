"""E-mail detector: syntax, boundaries in free text, case-insensitive keys."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import email


def key(address: str) -> int:
    return int(pd.util.hash_array(np.array([address.lower()], dtype=object)).view(np.int64)[0])


def one(value: str) -> tuple[list[int], list[int]]:
    hits = email.find(pa.array([value]))
    return hits.valid.tolist(), hits.keys.tolist()


@pytest.mark.parametrize(
    "text, address",
    [
        ("jeanne.exemple@example.org", "jeanne.exemple@example.org"),
        ("  Jeanne.Exemple@Example.ORG ", "jeanne.exemple@example.org"),
        ("rappeler Mme ou mail j.exemple@mail.example.fr.", "j.exemple@mail.example.fr"),
        ("mailto:jeanne+tag@example.org", "jeanne+tag@example.org"),
        ("<jeanne_x-y%z@sub-1.example.co.uk>", "jeanne_x-y%z@sub-1.example.co.uk"),
        ("(jeanne@example.org), merci", "jeanne@example.org"),
        ('"jeanne@example.org";', "jeanne@example.org"),
    ],
)
def test_found(text: str, address: str) -> None:
    assert one(text) == ([1], [key(address)])


@pytest.mark.parametrize(
    "text",
    ["a..b@example.org", ".a@example.org", "a.@example.org", "a@example", "a@example.o", "a@-x.org", "a@x-.org", "a@b@example.org", "@example.org", "a@example.org2", "jeanne@example.org.2"],
)
def test_rejected(text: str) -> None:
    assert one(text) == ([0], [])
    assert not email.is_valid(text)


def test_several_nulls_types_masks_and_case() -> None:
    for kind in (pa.string(), pa.large_string()):
        column = pa.array([None, "jeanne@example.org, PAUL@example.org; Jeanne@EXAMPLE.org", "", "sans adresse"], kind)
        hits = email.find(column)
        assert hits.valid.tolist() == [0, 3, 0, 0]
        assert hits.invalid.tolist() == [0, 0, 0, 0]
        assert hits.key_rows.tolist() == [1, 1, 1]
        assert len(set(hits.keys.tolist())) == 2
        assert hits.masked == ["j***@example.org", "P***@example.org", "J***@example.org"]
        assert email.find(pa.array([], kind)).valid.size == 0


@pytest.mark.parametrize("value", ["jeanne@example", "jeanne..x@example.org", "secret-local@"])
def test_validate_messages_never_quote_the_value(value: str) -> None:
    with pytest.raises(ValueError) as caught:
        email.validate(value)
    assert value not in str(caught.value) and value.split("@")[0] not in str(caught.value)


atoms = st.from_regex(r"[A-Za-z0-9_%+\-]{1,6}", fullmatch=True)
labels = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9\-]{0,4}[A-Za-z0-9])?", fullmatch=True)
addresses = st.builds(
    lambda local, domain, tld: ".".join(local) + "@" + ".".join(domain) + "." + tld,
    st.lists(atoms, min_size=1, max_size=3),
    st.lists(labels, min_size=1, max_size=3),
    st.from_regex(r"[A-Za-z]{2,5}", fullmatch=True),
)
words = st.text(alphabet="abc é,;:()<>'\n", max_size=10).map(lambda w: f"{w} ")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(addresses, words, st.sampled_from(["", ".", ",", ")", " merci"])), min_size=1, max_size=8))
def test_fast_and_slow_paths_agree(cases: list) -> None:
    alone = [address for address, _, _ in cases]
    embedded = [f"{before}{address}{after}" for address, before, after in cases]
    fast, slow = email.find(pa.array(alone)), email.find(pa.array(embedded, pa.large_string()))
    assert all(email.is_valid(address) for address in alone)
    for hits in (fast, slow):
        assert hits.valid.tolist() == [1] * len(cases)
        assert hits.keys.tolist() == [key(address) for address in alone]
    assert fast.masked == slow.masked


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab.-_@+x", max_size=14))
def test_a_valid_field_is_found_once(text: str) -> None:
    # Not "iff": in a field, find drops a sentence's final dot ("a@b.fr.").
    hits = email.find(pa.array([text]))
    if email.is_valid(text):
        assert hits.valid.tolist() == [1] and hits.keys.tolist() == [key(text)]


# Any whitespace (Arrow splits words on Unicode's), next to the characters an address is made of.
texts = st.lists(st.sampled_from(["a", "B", "é", "1", "_", "%", "+", "-", ".", "@", ",", "(", ":", " ", "\t", "\n",
                                   "\u00a0", "\u2003", "\u3000", "\x1c", "\u0085", "x@y.fr", "ab.cd@ex-1.org"]),
                 max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), texts), min_size=1, max_size=6))
def test_word_by_word_search_finds_what_the_whole_text_holds(values: list[str | None]) -> None:
    # The slow path reads only the words holding an "@": it must find what the
    # text pattern finds in each whole value.
    found = [[m.group() for m in email.GRAMMAR.text.finditer(v)] if v is not None else [] for v in values]
    hits = email.find(pa.array(values))
    assert hits.valid.tolist() == [len(f) for f in found]
    assert hits.keys.tolist() == [key(address) for f in found for address in f]
