"""E-mail addresses, practical syntax, in dedicated columns or free text.

Local part of letters, digits and ``._%+-`` (no leading, trailing or double
dot), ``@``, dot-separated domain labels ending in a TLD of 2+ letters.
Distinct counting is case-insensitive: the key is a 64-bit hash of the
lowercased address.

>>> validate('mailto:Jeanne.Exemple@Example.ORG')
'Jeanne.Exemple@Example.ORG'
>>> mask('jeanne.exemple@example.org')
'j***@example.org'
>>> h = find(pa.array(['écrire à JEANNE@example.org.', 'jeanne@EXAMPLE.org', 'a..b@example.org']))
>>> h.valid.tolist(), len(set(h.keys.tolist()))
([1, 1, 0], 1)
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import regex
from stdnum.exceptions import InvalidFormat

from detectors._text import Grammar, find_with
from detectors.hits import IdentifierHits

__all__ = ["compact", "validate", "is_valid", "format", "mask", "find"]

_ATOM = r"[A-Za-z0-9_%+\-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_ADDRESS = rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,}}"
GRAMMAR = Grammar(
    prefilter="@",
    prefilter_literal=True,
    # Whitespace is neither in an address nor a character the edges below refuse.
    by_word=True,
    whole=f"^{_ADDRESS}$",
    # Not cut out of a longer address (a..b@x.fr, a@b@x.fr); a final dot is
    # the sentence's, and "mailto:" ends at the colon.
    text=regex.compile(rf"(?<![\w%+.\-@]){_ADDRESS}(?![\w\-@]|\.\w)"),
    normalise=pc.utf8_trim_whitespace,
)
_SHAPE = regex.compile(_ADDRESS)
_MAILTO = "mailto:"


def compact(address: str) -> str:
    """Drop surrounding space and a ``mailto:`` prefix.

    >>> compact(' MAILTO:jeanne@example.org ')
    'jeanne@example.org'
    """
    address = address.strip()
    if address[: len(_MAILTO)].lower() == _MAILTO:
        address = address[len(_MAILTO):]
    return address


def validate(address: str) -> str:
    """Return the compact address or raise a ValidationError (never quoting it).

    >>> validate('jeanne@example')
    Traceback (most recent call last):
        ...
    stdnum.exceptions.InvalidFormat: The number has an invalid format.
    """
    address = compact(address)
    if not _SHAPE.fullmatch(address):
        raise InvalidFormat()
    return address


def is_valid(address: str) -> bool:
    """Whether the value is one address of practical syntax.

    >>> is_valid('jeanne@example.org'), is_valid('.jeanne@example.org')
    (True, False)
    """
    try:
        return bool(validate(address))
    except ValueError:
        return False


def format(address: str) -> str:
    """The address with its (case-insensitive) domain lowercased.

    >>> format('Jeanne@EXAMPLE.org')
    'Jeanne@example.org'
    """
    local, _, domain = validate(address).rpartition("@")
    return f"{local}@{domain.lower()}"


def mask(address: str) -> str:
    """First character of the local part, the domain kept.

    >>> mask('Jeanne@EXAMPLE.org')
    'J***@example.org'
    """
    local, _, domain = format(address).rpartition("@")
    return f"{local[0]}***@{domain}"


def _evaluate(candidates: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every candidate is valid; its key hashes the lowercased address."""
    lowered = pc.utf8_lower(candidates).to_numpy(zero_copy_only=False)
    # Candidates are never null, and mostly distinct: pandas' categorize pass
    # (which hashes each distinct value once, to the same hash) costs more than it saves.
    keys = pd.util.hash_array(lowered.astype(object), categorize=False).view(np.int64)
    valid = np.ones(len(candidates), dtype=bool)
    return valid, ~valid, keys


def find(values: pa.Array) -> IdentifierHits:
    """E-mail addresses in a string column: count per row, hashed keys, masks.

    >>> h = find(pa.array(['mailto:jeanne@example.org, paul@example.org', None]))
    >>> h.valid.tolist(), h.masked
    ([2, 0], ['j***@example.org', 'p***@example.org'])
    """
    return find_with(values, GRAMMAR, _evaluate, mask)
