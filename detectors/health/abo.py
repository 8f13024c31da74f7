"""How ABO groups and RhD values are written, in a cell of their own or in text.

Shared by column-role inference (does this column hold blood groups?) and
the ``blood_group`` category.

>>> import pyarrow as pa
>>> from detectors.health.text import matches
>>> cells = pa.array(["A+", "o nég", "AB Rh-", "Rh+ (D+)", "0", "Rh", "inconnu", "B12"])
>>> matches(cells, CELL).tolist()
[True, True, True, True, True, False, False, False]
"""
from __future__ import annotations

from .text import any_of

# A symbol sign must not run on into a word or number ("B-12", "RH-PAIE"):
# after "+" or "-", RE2's ASCII \B says the next character is no letter or
# digit, which is cheaper to compile than a Unicode class.
_SYMBOL = r"[+-]\B"
_SIGN_WORD = r"(?:pos(?:iti(?:f|ve))?|n[eé]g(?:ati(?:f|ve))?)\b"
SIGN = rf"(?:{_SYMBOL}|{_SIGN_WORD})"
"""A positive or negative value: ``+``, ``pos``, ``négatif``, ``negative``."""


# The ISBT notation: RH1 is antigen D, "-RH1" or "RH:-1" its absence.
_RH1 = r"-?\brh\s*:?\s*-?1\b"


def _rh(sign_gap: str) -> str:
    """An RhD value whose ``+``/``-`` may follow after ``sign_gap``."""
    return (
        rf"(?:\brh(?:[eé]sus|d)?(?:\s*[:=]?\s*(?:\(?\s*d\s*\)?\s*[:=]?\s*)?{_SIGN_WORD}"
        rf"|\s*[:=]\s*{_SYMBOL}|{sign_gap}(?:\(?\s*d\s*\)?)?{_SYMBOL}"
        # A sign set apart ends its clause: "rh +", never "RH - paie" (nor
        # "RH - ;" once a false friend after it is masked into a break).
        rf"|\s+[+-]\s*(?:$|[,.)]))|{_RH1})"
    )


RH = _rh("")
"""An RhD value in text: ``Rh+``, ``rhésus négatif``, ``RhD pos``, ``RH1``; never
a bare ``Rh``, nor ``RH - paie`` (a detached sign)."""

# In a blood-group cell, a lone letter or zero is a group, whatever its case.
_CELL_GROUP = r"(?:ab|a|b|o|0)"
_LABEL = r"(?:groupe\s*(?:sanguin\s*)?(?:abo\s*)?[:=]?\s*)?"
_CELL_RH = _rh(r"\s*")
VALUE = rf"^\s*{_LABEL}(?:{_CELL_GROUP}(?:\s*(?:{_CELL_RH}|{SIGN})|\b)|{_CELL_RH})"
"""A cell that starts with a group, with or without its RhD value (``A``, ``O-``)."""
CELL = any_of(VALUE, rf"^\s*(?:\(?d\)?\s*)?{SIGN}")
"""A blood-group column's cell holding a value, a bare RhD sign (``+``, ``D-``) included."""

# In running text a group is an upper-case letter ("a positive test" is not a
# group) and needs an RhD mark, or the word "groupe" in front.
_GROUP = r"\b(?-i:AB|A|B|O)"
TEXT = any_of(
    rf"{_GROUP}(?:{_SYMBOL}|\s*{RH}|\s+{_SIGN_WORD})",
    # "groupe O", "grp sang: A", "Groupage : O", "ABO : A".
    r"\b(?:groupe|grp|gpe|groupage|abo)(?:\s+(?:sanguin|sang|abo))*\s*[:=]?\s*"
    rf"(?-i:AB|A|B|O|0)\b(?:\s*(?:{RH}|{SIGN}))?",
    rf"\bblood\s+(?:group|type)\s*[:=]?\s*(?-i:AB|A|B|O|0)\b",
    RH,
    # An Rh phenotype: "D+ C+ E- c+ e+", "CcDee".
    r"(?-i:\bD\s*[+-]\s*,?\s*C\s*[+-])",
    r"(?-i:\b[Cc]{1,2}[Dd][Ee]{1,2}\b)",
)
"""A group or RhD value stated in free text: ``A+``, ``O nég``, ``groupe B``."""

EXAM = any_of(
    r"\bgroupe\s+sanguin", r"\bgroupage\b", r"\babo\b", r"\brh(?:[eé]sus|d)?\b",
    r"\bblood\s+(?:group|type)",
)
"""An exam whose result column then holds a group or RhD value."""
