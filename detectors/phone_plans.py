"""The French numbering plans as one lookup table over a number's first digits.

``phonenumbers.is_valid_number`` of a 9-digit number of the French plans
(mainland and overseas) comes down to two patterns of its region's metadata:
the general one and any type's (see :func:`plan`). Those patterns only ever
constrain the first few digits (``6(?:[0-24-8]\\d|3[0-8])\\d{6}``), so they are
expanded here, once, into a table indexed by those digits: one bit per
country code, set when a region of that code accepts every number starting
so. A whole column of numbers is then settled by one numpy gather instead
of two RE2 passes per region.

>>> int(settle(np.array([True, False]), np.array([612345678, 33612345678]))[0])
33612345678
>>> settle(np.array([False]), np.array([33012345678])).tolist()  # +33 0...: no such number
[0]
"""
from __future__ import annotations

import re._constants as sre  # the parse tree's opcodes
import re._parser as sre_parse  # the standard library's own regex parser

import numpy as np
import phonenumbers

#: Regions tried, in order, for a number written without country code.
FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM", "NC", "PF", "WF")
#: Digits after the national 0 (or after the country code).
LENGTH = 9
_ALL = (1 << 10) - 1  # a set of digits as 10 bits: any digit
# Past this many leading digits the table would outgrow its use (10**7 entries).
_MAX_DEPTH = 7

Shape = tuple[int, ...]  # one set of digits (bits) per position


def plan(region: str) -> tuple[str, str] | None:
    """The patterns a region's 9-digit national numbers must both fully match to be
    valid (general, any type), or None for a region without such numbers.

    is_valid_number asks the general pattern, then any type pattern, each
    gated by its possible lengths; the tests hold this against phonenumbers.

    >>> plan("FR")[0]
    '^(?:[1-9]\\\\d{8})$'
    """
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    general = meta.general_desc
    if meta.national_prefix != "0" or LENGTH not in general.possible_length:
        return None
    types = [
        meta.premium_rate, meta.toll_free, meta.shared_cost, meta.voip, meta.personal_number,
        meta.pager, meta.uan, meta.voicemail, meta.fixed_line, meta.mobile,
    ]
    fits = [d.national_number_pattern for d in types
            if d and d.national_number_pattern and (not d.possible_length or LENGTH in d.possible_length)]
    return f"^(?:{general.national_number_pattern})$", "^(?:" + "|".join(fits) + ")$"


def shapes(pattern: str) -> set[Shape]:
    """The ``LENGTH``-digit strings ``pattern`` fully matches, as a union of shapes.

    Only what the plans' patterns use is understood (digits, classes, groups,
    alternations, counted repeats, anchors at their ends); anything else raises.

    >>> sorted(shapes(r"^(?:6[0-2]|7\\d)\\d{7}$")) == [(64, 7, *[1023] * 7), (128, 1023, *[1023] * 7)]
    True
    """
    return {shape for shape in _expand(sre_parse.parse(pattern)) if len(shape) == LENGTH}


def _expand(items: sre_parse.SubPattern | list) -> set[Shape]:
    """The shapes of a sequence of parsed items, none longer than ``LENGTH``."""
    found: set[Shape] = {()}
    for op, arg in items:
        found = {a + b for a in found for b in _item(op, arg) if len(a) + len(b) <= LENGTH}
    return found


def _item(op: int, arg: object) -> set[Shape]:
    if op is sre.LITERAL:
        return {(1 << (arg - 48),)} if 48 <= arg <= 57 else set()
    if op is sre.IN:
        bits = _class(arg)
        return {(bits,)} if bits else set()
    if op is sre.ANY:
        return {(_ALL,)}
    if op is sre.SUBPATTERN:
        return _expand(arg[-1])
    if op is sre.BRANCH:
        return set().union(*(_expand(branch) for branch in arg[1]))
    if op is sre.MAX_REPEAT:
        low, high, body = arg
        one, found, power = _expand(body), set(), {()}
        for count in range(min(high, LENGTH) + 1):
            if count >= low:
                found |= power
            power = {a + b for a in power for b in one if len(a) + len(b) <= LENGTH}
        return found
    # Only where _plan writes them: a shape is a whole number, its ends are the anchors.
    if op is sre.AT and arg in (sre.AT_BEGINNING, sre.AT_END):
        return {()}
    raise ValueError(f"unsupported construct in a numbering plan pattern: {op}")


def _class(items: list) -> int:
    """The digits a character class admits, as bits."""
    bits, negate = 0, False
    for op, arg in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            bits |= 1 << (arg - 48) if 48 <= arg <= 57 else 0
        elif op is sre.RANGE:
            bits |= sum(1 << (d - 48) for d in range(max(arg[0], 48), min(arg[1], 57) + 1))
        elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            bits = _ALL
        else:
            raise ValueError(f"unsupported class item in a numbering plan pattern: {op}")
    return _ALL & ~bits if negate else bits


def _depth(found: set[Shape]) -> int:
    """How many leading digits decide: past them, every shape admits any digit."""
    return max((max((i + 1 for i, bits in enumerate(shape) if bits != _ALL), default=0) for shape in found), default=0)


def _table(found: set[Shape], depth: int) -> np.ndarray:
    """Per value of the first ``depth`` digits, whether some shape admits it."""
    table = np.zeros(10**depth, dtype=bool)
    for shape in found:
        index = np.zeros(1, dtype=np.int64)
        for bits in shape[:depth]:
            index = (index[:, None] * 10 + [d for d in range(10) if bits >> d & 1]).ravel()
        table[index] = True
    return table


def _build() -> tuple[np.ndarray, np.ndarray, int]:
    """Country codes (in the contract's order of regions), the bits table and its depth."""
    regions: dict[int, list[tuple[set[Shape], set[Shape]]]] = {}
    for region in FRENCH_REGIONS:
        patterns = plan(region)
        if patterns:
            regions.setdefault(phonenumbers.country_code_for_region(region), []).append(tuple(map(shapes, patterns)))
    assert 33 in regions, "France's plan no longer has 9-digit numbers"
    depth = max(_depth(found) for pairs in regions.values() for pair in pairs for found in pair)
    assert depth <= _MAX_DEPTH and len(regions) <= 16, "the numbering plans outgrew the lookup table"
    bits = np.zeros(10**depth, dtype=np.uint16)
    for j, pairs in enumerate(regions.values()):
        for general, types in pairs:
            bits[_table(general, depth) & _table(types, depth)] |= np.uint16(1 << j)
    return np.array(list(regions), dtype=np.int64), bits, depth


CODES, _BITS, _DEPTH = _build()
# Per set of bits, the first code (in the contract's order) among them; 0 for none.
_FIRST = np.array([CODES[(b & -b).bit_length() - 1] if b else 0 for b in range(1 << len(CODES))], dtype=np.int64)


def settle(national: np.ndarray, ints: np.ndarray) -> np.ndarray:
    """E.164 digits of the candidates the French plans accept, else 0.

    ``ints`` are the digits as written without separators, ``+``, ``00`` nor
    national 0. A national number takes the first country code whose plan
    accepts its nine digits; a number written with ``+33``, ``+262``... and
    nine digits is checked against that code's plans only.
    """
    e164 = np.zeros(ints.size, dtype=np.int64)
    rows = np.flatnonzero(national)
    code = _FIRST[_BITS[ints[rows] // 10 ** (LENGTH - _DEPTH)]]
    e164[rows] = np.where(code > 0, code * 10**LENGTH + ints[rows], 0)
    abroad = ~national
    for j, code in enumerate(CODES.tolist()):
        rest = ints - code * 10**LENGTH
        rows = np.flatnonzero(abroad & (rest >= 0) & (rest < 10**LENGTH))
        accepted = (_BITS[rest[rows] // 10 ** (LENGTH - _DEPTH)] >> j) & 1 == 1
        e164[rows[accepted]] = ints[rows[accepted]]
    return e164
