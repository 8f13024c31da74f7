"""Scan key: keyed, domain-separated, reproducible with a key file, silent about content."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from pandas.util import hash_array

from scanner.keys import ScanKey

VALUES = pa.array(["dupont", "martin", None, ""])


def _key_file(tmp_path, content: bytes, name: str = "key"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_same_key_file_gives_same_hashes(tmp_path):
    path = _key_file(tmp_path, b"\x00\xffsynthetic secret")
    a, b = ScanKey.from_file(path), ScanKey.from_file(path)
    assert a.source == "key-file"
    assert a.hash_strings(VALUES, "name").tolist() == b.hash_strings(VALUES, "name").tolist()
    assert a.opaque(np.array([1, 2], np.uint64)) == b.opaque(np.array([1, 2], np.uint64))


def test_different_keys_give_different_hashes(tmp_path):
    a = ScanKey.from_file(_key_file(tmp_path, b"one", "a"))
    b = ScanKey.from_file(_key_file(tmp_path, b"two", "b"))
    ha, hb = a.hash_strings(VALUES, "name"), b.hash_strings(VALUES, "name")
    assert (ha[:2] != hb[:2]).all() and ha[2:].tolist() == hb[2:].tolist() == [0, 0]
    assert (ScanKey.random().hash_ints(np.array([7]), "x") != ScanKey.random().hash_ints(np.array([7]), "x")).all()


def test_domains_are_separate():
    key = ScanKey(b"k", "key-file")
    assert key.hash_strings(VALUES, "first")[0] != key.hash_strings(VALUES, "last")[0]


def test_numpy_and_arrow_inputs_agree():
    key = ScanKey(b"k", "key-file")
    as_numpy = key.hash_strings(np.array(["dupont", "martin", None, ""], dtype=object), "name")
    assert as_numpy.tolist() == key.hash_strings(VALUES, "name").tolist()


def test_ints_are_keyed_not_pandas_numeric_hash():
    key = ScanKey(b"k", "key-file")
    values = np.array([1850275123456, 0, 1850275123456], np.int64)
    hashed = key.hash_ints(values, "nir")
    assert hashed[1] == 0 and hashed[0] == hashed[2]
    assert hashed[0] != hash_array(values)[0]
    assert hashed[0] == key.hash_strings(pa.array(["1850275123456"]), "nir")[0]


@pytest.mark.parametrize("content", [b""])
def test_empty_key_file_is_a_one_line_error(tmp_path, content):
    with pytest.raises(ValueError) as err:
        ScanKey.from_file(_key_file(tmp_path, content))
    assert "\n" not in str(err.value)


def test_unreadable_key_file_error_does_not_leak_content(tmp_path):
    with pytest.raises(ValueError) as err:
        ScanKey.from_file(tmp_path)  # a directory
    assert "\n" not in str(err.value) and str(tmp_path) in str(err.value)


def test_opaque_is_stable_printable_and_empty_for_no_one():
    key = ScanKey(b"k", "key-file")
    ids = key.opaque(np.array([5, 0, 5, 6], np.uint64))
    assert ids[0] == ids[2] != ids[3] and ids[1] == ""
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids if i)
