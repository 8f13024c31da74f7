"""ATC codes (Anatomical Therapeutic Chemical classification) and what they reveal.

A code of level 3 or more: ``J05A``, ``J05AR``, ``J05AR03``.  Any code is a
treatment; some classes reveal a category as well (antiretrovirals: HIV).
In a drug column a code counts alone; in text only a complete seven-character
code, or any level after an ``ATC`` label.

>>> import pyarrow as pa
>>> from detectors.health.text import matches
>>> values = pa.array(["J05AR03", "ATC J05AR", "N06AB06", "J05AB01", "J05"])
>>> matches(values, cell("hiv")).tolist(), matches(values, written()).tolist()
([True, True, False, False, False], [True, True, True, True, False])
"""
from __future__ import annotations

_FIRST = "abcdghjlmnprsv"
# Level by level: anatomical group, two digits, two letters, two digits.
_LEVELS = (f"[{_FIRST}]", r"\d", r"\d", "[a-z]", "[a-z]", r"\d", r"\d")
_LEVEL_ENDS = (4, 5, 7)  # a code stops after its 3rd, 4th or 5th level

CLASSES: dict[str, tuple[str, ...]] = {
    "hiv": ("J05AE", "J05AF", "J05AG", "J05AJ", "J05AR", "J05AX"),
    "mental_health": ("N06A", "N05AN"),  # antidepressants, lithium
    "addiction": ("N07BB", "N07BC"),  # alcohol and opioid dependence
    "cancer": ("L01", "L02"),  # antineoplastic and endocrine cancer therapy
    "sexual_health": ("G03A",),
}
"""Per category, the ATC classes whose codes reveal it."""


def _code(prefix: str = "") -> str:
    """A code starting with ``prefix``, of any level from the 3rd that the prefix allows."""
    ends = [e for e in _LEVEL_ENDS if e >= len(prefix)]
    tail = ""
    for position in reversed(range(len(prefix), ends[-1])):
        step = _LEVELS[position] + tail
        tail = f"(?:{step})?" if position in ends else step
    return rf"\b{prefix.lower()}{tail}\b"


CODE = _code()
"""Any ATC code of level 3 or more."""
_LABEL = r"\batc\s*[:=]?\s*"
# A code running on into a number is a reference: "Lot N06AB05-2291".
_COMPLETE = r"\b[" + _FIRST + r"]\d\d[a-z][a-z]\d\d(?:$|[^\w-])"


def cell(category: str | None = None) -> str:
    """A code of ``category`` (any code when None) in a drug column."""
    if category is None:
        return CODE
    return "(?:" + "|".join(_code(prefix) for prefix in CLASSES[category]) + ")"


def written(category: str | None = None) -> str:
    """A code of ``category`` (any code when None) written in text."""
    if category is None:
        return f"(?:{_COMPLETE}|{_LABEL}{CODE})"
    complete = "|".join(rf"\b{p.lower()}{''.join(_LEVELS[len(p):])}(?:$|[^\w-])"
                        for p in CLASSES[category])
    return f"(?:{complete}|{_LABEL}{cell(category)})"
