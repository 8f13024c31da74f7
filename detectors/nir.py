"""NIR (French social security number), single values and whole columns.

15 characters: sex, year, month, département (``2A``/``2B`` in Corsica),
commune, order, and a 2-digit key = 97 - (the 13 first digits mod 97), with
2A read as 19 and 2B as 18. Beyond the key, a NIR must have a plausible
structure (sex 1-4/7/8, month 01-12/20-42/50-99, département 01-99/2A/2B), so
that random 15-digit numbers in free text stay out.

>>> validate('1 85 05 2A 123 456 33')
'185052A12345633'
>>> validate('1 85 05 2A 123 456 34')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: The number's checksum or check digit is invalid.
>>> mask('2.85.05.75.123.456.23')
'2 85 05 ** *** *** 23'
>>> hits = find(pa.array(['NIR 2 85 05 75 123 456 23', None, '285057512345624']))
>>> hits.valid.tolist(), hits.invalid.tolist(), hits.keys.tolist()
([1, 0, 0], [0, 0, 1], [2850575123456])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import regex
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from detectors._text import SEP, Grammar, bounded, find_with, fixed_width_bytes, strip_separators, without_separators
from detectors.hits import IdentifierHits

__all__ = ["NirFacts", "compact", "validate", "is_valid", "format", "mask", "find", "decode", "decode_keys"]

LENGTH = 15
#: keys = flag * KEY_FLAG + body13; flag 1 for 2A, 2 for 2B.
KEY_FLAG = 10**13


def _grammar(s: str) -> str:
    """The NIR shape with ``s`` allowed between any two characters."""

    def either(*pairs: tuple[str, str]) -> str:
        return "(?:" + "|".join(first + s + second for first, second in pairs) + ")"

    month = either(("0", "[1-9]"), ("1", "[0-2]"), ("[23]", r"\d"), ("4", "[0-2]"), ("[5-9]", r"\d"))
    departement = either(("0", "[1-9]"), ("[1-9]", r"\d"), ("2", "[ABab]"))
    return rf"[1-478]{s}\d{s}\d{s}{month}{s}{departement}(?:{s}\d){{8}}"


_WHOLE = f"^{_grammar('')}$"
_TEXT = _grammar(SEP + "*")
GRAMMAR = Grammar(
    # Looser than _TEXT on purpose: RE2 runs the exact grammar ~30x slower.
    prefilter=rf"\d(?:{SEP}*[0-9AaBb]){{14}}",
    whole=_WHOLE,
    text=regex.compile(bounded(_TEXT)),
    normalise=strip_separators,
)
_SHAPE = regex.compile(_WHOLE)


@dataclass(frozen=True)
class NirFacts:
    """What a NIR says about its holder.

    sex: 1 male, 2 female (digits 3/7 read as 1, 4/8 as 2).
    year: two digits. month: 1-12, or 20-42/50-99 when the month was unknown.
    departement: ``75``, ``2A``, ``971`` (3 digits overseas), ``99`` abroad.
    commune: the INSEE commune (or country, born abroad) code after it.
    """

    sex: int
    year: int
    month: int
    departement: str
    commune: str


def compact(number: str) -> str:
    """Drop separators and surrounding space, upper-case 2a/2b.

    >>> compact(' 1 85\\u00a005-2a.123 456 33 ')
    '185052A12345633'
    """
    return without_separators(number).upper()


def _body(number: str) -> int:
    """The 13 first characters as a number, 2A/2B read as 19/18."""
    return int(number[:13].replace("2A", "19").replace("2B", "18"))


def validate(number: str) -> str:
    """Return the compact NIR or raise a ValidationError (never quoting it).

    >>> validate('2 85 13 75 123 456 23')
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidFormat: The number has an invalid format.
    """
    number = compact(number)
    if len(number) != LENGTH:
        raise InvalidLength()
    if not _SHAPE.fullmatch(number):
        raise InvalidFormat()
    if 97 - _body(number) % 97 != int(number[13:]):
        raise InvalidChecksum()
    return number


def is_valid(number: str) -> bool:
    """Whether the value is a NIR with a plausible structure and a correct key.

    >>> is_valid('185052A12345633'), is_valid('185052A12345634')
    (True, False)
    """
    try:
        return bool(validate(number))
    except ValueError:
        return False


def format(number: str, separator: str = " ") -> str:
    """The usual grouping.

    >>> format('185052a12345633')
    '1 85 05 2A 123 456 33'
    """
    n = compact(number)
    return separator.join((n[0], n[1:3], n[3:5], n[5:7], n[7:10], n[10:13], n[13:]))


def mask(number: str) -> str:
    """Sex, year, month and key shown; place of birth and order hidden.

    >>> mask('185052A12345633')
    '1 85 05 ** *** *** 33'
    """
    n = compact(number)
    if len(n) != LENGTH:
        raise InvalidLength()
    return f"{n[0]} {n[1:3]} {n[3:5]} ** *** *** {n[13:]}"


def decode(number: str) -> NirFacts:
    """The facts a valid NIR encodes.

    >>> decode('1 85 05 97 112 345 17')
    NirFacts(sex=1, year=85, month=5, departement='971', commune='12')
    """
    n = validate(number)
    departement, commune = n[5:7], n[7:10]
    if departement in ("97", "98"):
        departement, commune = n[5:8], n[8:10]
    return NirFacts(sex=2 - int(n[0]) % 2, year=int(n[1:3]), month=int(n[3:5]), departement=departement, commune=commune)


def decode_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised (sex 1/2, two-digit year, month) of keys from :func:`find`.

    >>> [a.tolist() for a in decode_keys(np.array([10001850519123456, 2850575123456]))]
    [[1, 2], [85, 85], [5, 5]]
    """
    body = np.asarray(keys, dtype=np.int64) % KEY_FLAG
    sex_digit = body // 10**12
    return 2 - sex_digit % 2, body // 10**10 % 100, body // 10**8 % 100


def _evaluate(candidates: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Key check and key of compact NIR-shaped strings, in numpy."""
    chars = fixed_width_bytes(candidates, LENGTH)
    digits = chars - np.uint8(ord("0"))
    letter = chars[:, 6] | 0x20  # lower-case: 2a counts as 2A
    flag = np.where(letter == ord("a"), 1, np.where(letter == ord("b"), 2, 0))
    corsica = flag > 0
    digits[corsica, 5] = 1
    digits[corsica, 6] = 10 - flag[corsica]  # 2A -> 19, 2B -> 18
    # Horner over uint8 columns: several times faster than an int64 matmul.
    body = np.zeros(len(digits), dtype=np.int64)
    for column in digits[:, :13].T:
        body *= 10
        body += column
    valid = 97 - body % 97 == digits[:, 13].astype(np.int64) * 10 + digits[:, 14]
    return valid, ~valid, flag * KEY_FLAG + body


def find(values: pa.Array) -> IdentifierHits:
    """NIRs in a string column: valid and wrong-key counts per row, keys, masks.

    >>> h = find(pa.array(['1 85 05 2A 123 456 33 / 2.85.05.75.123.456.23', '9 85 05 75 123 456 23']))
    >>> h.valid.tolist(), h.key_rows.tolist(), h.masked
    ([2, 0], [0, 0], ['1 85 05 ** *** *** 33', '2 85 05 ** *** *** 23'])
    """
    return find_with(values, GRAMMAR, _evaluate, mask)
