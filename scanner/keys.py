"""The scan key and the keyed hashes that stand in for raw identity values.

Person matching compares names, birth dates and NIRs across millions of
records; keeping them raw would turn the scanner into a second copy of the
leak. Every value is instead replaced inside its batch by a keyed hash
(SipHash-2-4, in C, through :func:`pandas.util.hash_array`). Without the key,
the hashes cannot be brute-forced back from the small space of names and
dates; with a key file, two scans of the same leak give the same hashes and
person ids, so their findings files can be joined.

>>> key = ScanKey(b"not a real secret", "key-file")
>>> a = key.hash_strings(np.array(["dupont", "", None], dtype=object), "name")
>>> bool(a[0] != 0), a[1:].tolist()
(True, [0, 0])
>>> bool(key.hash_strings(np.array(["dupont"], dtype=object), "first")[0] != a[0])
True
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.util import hash_array

_LABEL = b"leakscan/siphash/v1/"


class ScanKey:
    """A secret from which one SipHash key per domain is derived.

    ``source`` is ``"key-file"`` or ``"random"``: the report says which, since
    only a key file makes person ids comparable between scans.
    """

    def __init__(self, secret: bytes, source: str) -> None:
        if not secret:
            raise ValueError("scan key is empty")
        self._secret = secret
        self.source = source
        self._domain_keys: dict[str, str] = {}

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> "ScanKey":
        """Read the secret from a file of any bytes.

        The message names the path and the cause only, never the content.

        >>> ScanKey.from_file("/nonexistent/key")
        Traceback (most recent call last):
        ValueError: cannot read key file /nonexistent/key: FileNotFoundError
        """
        try:
            secret = Path(path).read_bytes()
        except OSError as exc:
            raise ValueError(f"cannot read key file {path}: {type(exc).__name__}") from None
        if not secret:
            raise ValueError(f"key file {path} is empty")
        return cls(secret, "key-file")

    @classmethod
    def random(cls) -> "ScanKey":
        """A fresh key for one scan: hashes are comparable within it only.

        >>> ScanKey.random().source
        'random'
        """
        return cls(os.urandom(32), "random")

    def check_value(self) -> str:
        """A short public digest of the key: equal for equal keys, and nothing more.

        Lets ``leakscan compare`` refuse two people files made with different keys.

        >>> ScanKey(b"k", "key-file").check_value() == ScanKey(b"k", "random").check_value()
        True
        """
        return hmac.new(self._secret, _LABEL + b"check", hashlib.sha256).hexdigest()[:16]

    def _siphash_key(self, domain: str) -> str:
        # pandas wants exactly 16 characters that encode to 16 UTF-8 bytes, so
        # raw HMAC bytes (not valid text) cannot be passed; base64 keeps the
        # key ASCII at 6 bits a character: 96 secret bits, beyond brute force.
        # HMAC-SHA256 rather than slicing the secret: a key file of any length
        # and content gives a uniform key, and each domain gets an unrelated
        # key, so a first-name hash never equals a last-name or NIR hash.
        if domain not in self._domain_keys:
            digest = hmac.new(self._secret, _LABEL + domain.encode(), hashlib.sha256).digest()
            self._domain_keys[domain] = base64.b64encode(digest).decode("ascii")[:16]
        return self._domain_keys[domain]

    def hash_strings(self, values: pa.Array | np.ndarray, domain: str) -> np.ndarray:
        """uint64 keyed hash per value; 0 for null or empty strings.

        >>> key = ScanKey(b"k", "key-file")
        >>> h = key.hash_strings(pa.array(["a", None, "a", ""]), "x")
        >>> bool(h[0] == h[2] != 0), int(h[1]), int(h[3])
        (True, 0, 0)
        """
        arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else \
            pa.array(np.asarray(values, dtype=object), type=pa.string(), from_pandas=True)
        if isinstance(arr, pa.ChunkedArray):
            arr = arr.combine_chunks()
        # Names and dates repeat a lot: hash each distinct value once. Arrow's
        # dictionary encoding is far faster than pandas' own categorize path.
        encoded = pc.dictionary_encode(arr)
        # One more entry for the nulls; an empty string is no value either.
        hashed = np.append(self._hash_distinct(encoded.dictionary, domain), np.uint64(0))
        hashed[:-1][pc.binary_length(encoded.dictionary).to_numpy(zero_copy_only=False) == 0] = 0
        return hashed[encoded.indices.fill_null(len(hashed) - 1).to_numpy(zero_copy_only=False)]

    def hash_ints(self, values: np.ndarray, domain: str) -> np.ndarray:
        """uint64 keyed hash per integer; 0 where the value is 0.

        Integers go through their decimal text: pandas hashes numeric arrays
        with an unkeyed mixer, which anyone can invert.

        >>> key = ScanKey(b"k", "key-file")
        >>> h = key.hash_ints(np.array([0, 42, 42], dtype=np.int64), "nir")
        >>> int(h[0]), bool(h[1] == h[2] != 0)
        (0, True)
        """
        values = np.asarray(values).ravel()
        # A hash table, not a sort: a batch's values are a few distinct dates or numbers.
        codes, distinct = pd.factorize(values)
        out = self._hash_distinct(pa.array(distinct).cast(pa.string()), domain)[codes]
        out[values == 0] = 0
        return out

    def _hash_distinct(self, text: pa.Array, domain: str) -> np.ndarray:
        hashed = hash_array(text.to_numpy(zero_copy_only=False),
                            hash_key=self._siphash_key(domain), categorize=False)
        # 0 means "no value" everywhere downstream; a real value hashing to
        # 0 (chance 2**-64) is moved off it rather than silently dropped.
        hashed[hashed == 0] = 1
        return hashed

    def opaque(self, ids: np.ndarray) -> list[str]:
        """A printable person id per id: 16 hex digits; "" for 0 (no one).

        >>> key = ScanKey(b"k", "key-file")
        >>> ids = key.opaque(np.array([3, 0, 3], dtype=np.uint64))
        >>> len(ids[0]), ids[1], ids[0] == ids[2]
        (16, '', True)
        """
        hashed = self.hash_ints(np.asarray(ids, dtype=np.uint64), "opaque")
        return [f"{h:016x}" if h else "" for h in hashed.tolist()]
