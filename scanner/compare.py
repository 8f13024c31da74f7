"""How many people two leaks share, from their scans, without a raw value.

``leakscan scan --key-file K --people A.people`` writes each person's keyed
fingerprints: the person's own NIR, both names (either order) + birth date,
NIR + birth date + first name, birth name + first name + birth date, NIR +
both names, one name + birth date + sex + postcode (or + NIR), and its person id (derived from the strongest of these it has), as SipHash values keyed by K (never the values). A person seen in two leaks
shares at least one fingerprint between the two files as soon as one record
on each side agrees on one of these keys, even if the two scans clustered
their records differently. ``compare`` pairs people of the two files that
share a fingerprint, each person with one other at most (a maximum
bipartite matching), and counts the pairs.

The file is an ``.npz`` archive (numpy, no pickle): ``person`` and
``fingerprint`` (uint64, one row per distinct pair) and ``meta`` (JSON: the
key source and check value, people and records counted). Without K the
hashes cannot be tested against guessed names or NIRs; whoever holds K can,
so the file is as sensitive as K is well kept.

>>> import io
>>> from scanner.keys import ScanKey
>>> key = ScanKey(b"k", "key-file")
>>> a, b = io.BytesIO(), io.BytesIO()
>>> write(a, np.array([1, 1, 2], np.uint64), np.array([10, 11, 20], np.uint64), key, records=5)
>>> write(b, np.array([3, 4], np.uint64), np.array([11, 40], np.uint64), key, records=2)
>>> _ = a.seek(0), b.seek(0)
>>> compare(read(a), read(b))["shared"]
1
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from .distinct import count_distinct
from .keys import ScanKey

FORMAT = "leakscan-people/1"


@dataclass
class PeopleFile:
    """One scan's people as keyed fingerprints."""

    person: np.ndarray
    fingerprint: np.ndarray
    meta: dict

    @property
    def people(self) -> int:
        return count_distinct(self.person)


def write(out: BinaryIO, person: np.ndarray, fingerprint: np.ndarray, key: ScanKey, records: int) -> None:
    """Write (person, fingerprint) pairs (from ``PersonIndex.fingerprints``) to ``out``."""
    meta = {"format": FORMAT, "key": key.source, "key_check": key.check_value(),
            "people": count_distinct(person), "records": records}
    np.savez_compressed(out, person=np.asarray(person, np.uint64), fingerprint=np.asarray(fingerprint, np.uint64),
                        meta=np.array(json.dumps(meta)))


def read(source: str | BinaryIO) -> PeopleFile:
    """Read a people file; ValueError (naming the cause, never content) if it is not one.

    >>> import io
    >>> read(io.BytesIO(b"not a people file"))
    Traceback (most recent call last):
    ValueError: not a leakscan people file (ValueError)
    """
    try:
        with np.load(source, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            person, fingerprint = data["person"], data["fingerprint"]
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ValueError(f"not a leakscan people file ({type(exc).__name__})") from None
    if meta.get("format") != FORMAT:
        raise ValueError(f"not a leakscan people file (format {meta.get('format')!r})")
    return PeopleFile(person, fingerprint, meta)


def compare(a: PeopleFile, b: PeopleFile) -> dict:
    """People of each file and people they share; ValueError unless one key file made both."""
    if "random" in (a.meta["key"], b.meta["key"]):
        raise ValueError("a people file made with a random key cannot be compared: scan both with one --key-file")
    if a.meta["key_check"] != b.meta["key_check"]:
        raise ValueError("the two people files were made with different keys")
    a_codes, _ = pd.factorize(a.person)
    b_codes, _ = pd.factorize(b.person)
    pairs = pd.merge(pd.DataFrame({"a": a_codes, "fingerprint": a.fingerprint}),
                     pd.DataFrame({"b": b_codes, "fingerprint": b.fingerprint}), on="fingerprint")
    pairs = pairs[["a", "b"]].drop_duplicates()
    # A person shares one person at most: a maximum matching, not connected
    # components, so two people one scan kept apart who share a key (namesakes
    # born the same day) are not counted as one.
    graph = csr_matrix((np.ones(len(pairs), np.int8), (pairs["a"].to_numpy(), pairs["b"].to_numpy())),
                       shape=(a.people, b.people))
    shared = int(np.count_nonzero(maximum_bipartite_matching(graph, perm_type="column") >= 0))
    return {
        "a": {"people": a.people, "records": a.meta["records"]},
        "b": {"people": b.people, "records": b.meta["records"]},
        "shared": int(shared),
        "union": a.people + b.people - int(shared),
        "method": "people of the two scans joined through shared keyed fingerprints (own NIR; names in "
                  "either order + birth date; NIR + birth date + first name; birth name + first name + "
                  "birth date; one name + birth date + sex + postcode or NIR; the person id); shared = size of a maximum matching of people of the "
                  "two files sharing a fingerprint",
    }
