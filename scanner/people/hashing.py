"""Combining keyed hashes into the keys that link records.

Every identity field is already a keyed hash (``scanner.keys``); a rule's key
joins two or more of them. Combining needs spreading, not secrecy, so a
splitmix64 finaliser does it; 0 keeps meaning "missing" throughout.

>>> key = mix(np.array([1, 1, 0], np.uint64), np.array([2, 0, 2], np.uint64))
>>> bool(key[0] != 0), key[1:].tolist()
(True, [0, 0])
"""
from __future__ import annotations

import numpy as np

_M1, _M2, _GOLD = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)


def fmix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser into a new array.

    Works in place on two buffers rather than one fresh temporary per step:
    on millions of records the allocations cost as much as the arithmetic.

    >>> hex(int(fmix(np.array([1], np.uint64))[0]))
    '0x5692161d100b05e5'
    """
    shifted = h >> np.uint64(30)
    out = np.bitwise_xor(h, shifted, out=shifted)
    out *= _M1
    shifted = out >> np.uint64(27)
    out ^= shifted
    out *= _M2
    np.right_shift(out, np.uint64(31), out=shifted)
    out ^= shifted
    return out


def combine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Order-sensitive 64-bit combination, defined for zeros too.

    >>> a, b = np.array([3], np.uint64), np.array([5], np.uint64)
    >>> bool(combine(a, b)[0] != combine(b, a)[0])
    True
    """
    with np.errstate(over="ignore"):
        inner = fmix(np.add(b, _GOLD, dtype=np.uint64))
        inner ^= np.asarray(a, np.uint64)
        return fmix(inner)


def mix(*parts: np.ndarray) -> np.ndarray:
    """Combined key of two or more fields; 0 where any of them is missing.

    >>> mix(np.array([1, 1, 0], np.uint64), np.array([2, 0, 2], np.uint64)).tolist()[1:]
    [0, 0]
    """
    out, present = parts[0], parts[0] != 0
    for part in parts[1:]:
        out = combine(out, part)
        present &= part != 0
    out |= np.uint64(1)
    out[~present] = 0
    return out


def either_order(a: np.ndarray, b: np.ndarray, *rest: np.ndarray) -> np.ndarray:
    """``mix`` of two fields whichever column holds which, then of ``rest``.

    >>> k = either_order(np.array([3, 5], np.uint32), np.array([5, 3], np.uint32), np.array([9, 9], np.uint32))
    >>> bool(k[0] == k[1] != 0)
    True
    """
    return mix(np.minimum(a, b), np.maximum(a, b), *rest)


def buckets(keys: np.ndarray, bits: int) -> np.ndarray:
    """A bucket in [0, 2**bits) per key, from the top bits of a multiplicative hash:
    every bit of a key moves them, so keys sharing their top bits still spread.

    >>> buckets(np.array([1 << 32 | 5, 1 << 32 | 6], np.uint64), 8).tolist()
    [150, 52]
    """
    with np.errstate(over="ignore"):
        return np.multiply(keys, _GOLD) >> np.uint64(64 - bits)


def u32(h: np.ndarray) -> np.ndarray:
    """The low 32 bits of 64-bit hashes, kept non-zero where the hash is.

    >>> u32(np.array([0, 1 << 32, 7], np.uint64)).tolist()
    [0, 1, 7]
    """
    low = (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return np.where((h != 0) & (low == 0), np.uint32(1), low)
