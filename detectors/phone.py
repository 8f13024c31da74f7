"""Phone numbers, read the French way (the scan contract's rule).

A number written without a country code (``01 99 00 12 34``) is read as
French; when France rejects it, as each French overseas region in turn
(Réunion, Mayotte, Antilles, Guyane...). A number written with ``+`` or
``00`` and a country code is read as such. Validity is
``phonenumbers.is_valid_number`` of that reading; the key is the E.164 number.

>>> validate('01 99 00 12 34')
'+33199001234'
>>> validate('0639 01 23 45')  # Mayotte: France rejects it, YT accepts it
'+262639012345'
>>> validate('+33 (0)1 99 00 12 34')
'+33199001234'
>>> validate('+39 02 1234 5678')  # Milan: the zero after the country code is part of the number
'+390212345678'
>>> mask('+44 20 7946 0958')
'+44 ** **** **58'
>>> find(pa.array(['tel 01.99.00.12.34 ou 0033 1 99 00 12 35', '12/03/2019'])).valid.tolist()
[2, 0]
"""
from __future__ import annotations

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import regex
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat
from stdnum.exceptions import InvalidComponent, InvalidFormat

from detectors._text import (SEP, Grammar, bounded, bounded_re2, find_with, remove_literals, strip_separators,
                             without_separators)
from detectors.hits import IdentifierHits
from detectors.phone_plans import FRENCH_REGIONS, settle

__all__ = ["FRENCH_REGIONS", "compact", "validate", "is_valid", "format", "mask", "find"]

#: Country codes whose numbers people write in the French national form.
_FRENCH_PLAN = {33, 262, 590, 594, 596}
#: Added to a national candidate's digits so that 0612345678 and +612345678
#: get different codes (international digits stay below 10**15).
_NATIONAL = 10**15
_CACHE_LIMIT = 1_000_000
_cache: dict[int, int] = {}


def _grammar(s: str, s_or_zero: str) -> str:
    """National (0 + 9 digits) or international (+/00, 7 to 15 digits).

    ``s`` may sit between any two characters; ``s_or_zero`` also admits the
    ``(0)`` people put after a country code (+33 (0)6...).
    """
    national = rf"0{s}[1-9](?:{s}\d){{8}}"
    international = rf"(?:\+|0{s}0){s}[1-9](?:{s_or_zero}\d){{6,14}}"
    return f"(?:{national}|{international})"


_WHOLE = "^" + _grammar("", r"(?:\(0\))*") + "$"
_TEXT = _grammar(SEP + "*", rf"(?:{SEP}|\(0\))*")
GRAMMAR = Grammar(
    prefilter=bounded_re2(_TEXT),
    whole=_WHOLE,
    # A time right after it (01-03-2019 12:30) means a date, not a phone.
    text=regex.compile(bounded(_TEXT) + r"(?!:\d)"),
    normalise=strip_separators,
)
_SHAPE = regex.compile(_WHOLE)


def _read(text: str) -> PhoneNumber | None:
    """The contract's reading of a compact candidate, or None if invalid."""
    regions = (None,) if text.startswith("+") else FRENCH_REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _e164(code: int) -> int:
    """E.164 digits of a candidate code (0 when invalid), at most one parse per code."""
    known = _cache.get(code)
    if known is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        text = f"0{code - _NATIONAL:09d}" if code >= _NATIONAL else f"+{code}"
        number = _read(text)
        # The E.164 form keeps an Italian leading zero (+39 02...) that national_number drops.
        known = _cache[code] = 0 if number is None else int(phonenumbers.format_number(number, PhoneNumberFormat.E164)[1:])
    return known


def _code(candidate: str) -> int:
    """Scalar twin of the code :func:`_evaluate` computes in Arrow."""
    digits = candidate.replace("(0)", "").replace("+", "")
    national = candidate.startswith("0") and not candidate.startswith("00")
    return int(digits) + _NATIONAL * national


def compact(number: str) -> str:
    """Drop separators and a ``(0)``; ``00`` becomes ``+``.

    >>> compact('0033 (0)1 99 00 12 34'), compact('01.99.00.12.34')
    ('+33199001234', '0199001234')
    """
    number = without_separators(number.strip()).replace("(0)", "")
    return "+" + number[2:] if number.startswith("00") else number


def validate(number: str) -> str:
    """Return the E.164 number or raise a ValidationError (never quoting it).

    >>> validate('01 99 00 12 34 5')
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidFormat: The number has an invalid format.
    """
    candidate = without_separators(number.strip())
    if not _SHAPE.fullmatch(candidate):
        raise InvalidFormat()
    e164 = _e164(_code(candidate))
    if not e164:
        raise InvalidComponent()
    return f"+{e164}"


def is_valid(number: str) -> bool:
    """Whether the contract's rule reads a valid number.

    >>> is_valid('01 99 00 12 34'), is_valid('00 00 00 00 00')
    (True, False)
    """
    try:
        return bool(validate(number))
    except ValueError:
        return False


def format(number: str) -> str:
    """French national form for the French numbering plans, else international.

    >>> format('+262639012345'), format('0044 20 7946 0958')
    ('0639 01 23 45', '+44 20 7946 0958')
    """
    parsed = phonenumbers.parse(validate(number))
    style = PhoneNumberFormat.NATIONAL if parsed.country_code in _FRENCH_PLAN else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)


def mask(number: str) -> str:
    """The first group and the last two digits; every other digit hidden.

    >>> mask('0199001234')
    '01 ** ** ** 34'
    """
    head, _, rest = format(number).partition(" ")
    to_hide = sum(c.isdigit() for c in rest) - 2
    hidden = []
    for c in rest:
        if c.isdigit() and to_hide > 0:
            c, to_hide = "*", to_hide - 1
        hidden.append(c)
    return f"{head} {''.join(hidden)}"


def _evaluate(candidates: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """E.164 keys of separator-free candidates.

    Numbers of the French plans (mainland and overseas, national or with a
    country code) are settled by a table lookup, most of a French leak; the
    rest cost one phonenumbers reading per distinct code.
    """
    national = pc.and_(pc.starts_with(candidates, "0"), pc.invert(pc.starts_with(candidates, "00")))
    # The cast drops the zeros of a national 0 or an international 00.
    ints = pc.cast(remove_literals(candidates, ("(0)", "+")), pa.int64()).to_numpy()
    national_np = national.to_numpy(zero_copy_only=False)
    e164 = settle(national_np, ints)
    # A national number no French plan accepts is invalid in every region the
    # contract tries (the others have no 0 + 9-digit numbers): no call needed.
    rest = np.flatnonzero((e164 == 0) & ~national_np)
    if rest.size:
        distinct, inverse = np.unique(ints[rest] + _NATIONAL * national_np[rest], return_inverse=True)
        e164[rest] = np.fromiter((_e164(code) for code in distinct.tolist()), dtype=np.int64, count=distinct.size)[inverse]
    valid = e164 > 0
    return valid, np.zeros_like(valid), e164


def find(values: pa.Array) -> IdentifierHits:
    """Phone numbers in a string column: valid count per row, E.164 keys, masks.

    >>> h = find(pa.array(['+44 20 7946 0958', None, '06 39 01 23 45 67']))
    >>> h.valid.tolist(), h.keys.tolist(), h.masked
    ([1, 0, 0], [442079460958], ['+44 ** **** **58'])
    """
    return find_with(values, GRAMMAR, _evaluate, mask)
