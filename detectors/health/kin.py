"""Text about someone other than the patient.

A relative's status ("père VIH+", "épouse enceinte") must not make the
patient's record positive.  RE2 has no lookbehind, so instead of refusing a
match preceded by a relative, the clause that a relative owns is masked out
and the category pattern is tested again on what remains.

A clause belongs to a relative when it starts with one ("sa sœur est
enceinte", "mère : séropositive", "conjoint sous PrEP") or names one right
after the finding ("VIH+ (père)", "sérologie VIH de la mère").  A word naming
the patient ends the clause, so "sœur enceinte, patiente VIH-" keeps the
patient's own result.

>>> import pyarrow as pa
>>> from detectors.health.text import mask, matches, word
>>> hiv = word("vih")
>>> rows = pa.array(["père VIH+", "père VIH+, patient VIH-", "VIH+ (mère)", "VIH-"])
>>> cleared = mask(rows, PATIENT)
>>> for others in about_others(hiv):
...     cleared = mask(cleared, others)
>>> matches(cleared, hiv).tolist()
[False, True, False, True]
"""
from __future__ import annotations

from .text import vocabulary, word

RELATIVE = word(*vocabulary("relatives.txt"), *(r + "s" for r in vocabulary("relatives.txt")))

# Words that may sit between a relative and the finding: "mère est connue
# séropositive", "père décédé du sida", "conjoint traité par Truvada",
# "frère donneur groupe O-".
_LINK = word(
    "est", "a", "était", "aussi", "également", "connu", "connue", "suivi", "suivie",
    "traité", "traitée", "décédé", "décédée", "sous", "par", "du", "de", "d'un",
    "d'une", "pour", "avec", "atteint", "atteinte", "en", "au", "hospitalisé", "hospitalisée", "is", "was", "has", "had", "on", "also",
    "known", "tested", "for", "with", "treated",
    # A relative named as a donor carries their own group: "frère donneur groupe O-".
    "donneur", "donneuse", "receveur", "receveuse", "donor",
)
_GAP = rf"(?:\s*[:=(-]\s*|\s+)(?:{_LINK}\s+){{0,3}}"
# After the finding the clause runs to the next punctuation: "épouse enceinte
# de 12 SA" is the wife's term too.
_REST = r"[^.;,\n]{0,40}"
_OWNER_AFTER = (
    r"[^.;,\n]{0,20}?(?:\(\s*|"
    + word("chez", "de", "du", "des", "of", "in")
    + r"\s+(?:l[ae]\s+|l['’]\s*|sa\s+|son\s+|ses\s+|the\s+|his\s+|her\s+)?)"
)

PATIENT = word(
    "patient", "patiente", "patients", "lui-même", "elle-même", "le patient", "la patiente",
    "Mme", "Mr", "Mlle", "himself", "herself",
)
"""Words naming the patient; masked into clause breaks before ``about_others``."""


def about_others(finding: str) -> tuple[str, str]:
    """Patterns for the clauses where ``finding`` is about a relative.

    Two patterns: the relative named first, or named after the finding.

    >>> import pyarrow as pa
    >>> from detectors.health.text import matches, word
    >>> rows = pa.array(["sa sœur est enceinte", "enceinte (mère)", "mère de famille enceinte"])
    >>> before, after = about_others(word("enceinte"))
    >>> matches(rows, before).tolist(), matches(rows, after).tolist()
    ([True, False, False], [False, True, False])
    """
    return (
        RELATIVE + _GAP + "(?:" + finding + ")" + _REST,
        "(?:" + finding + ")" + _OWNER_AFTER + RELATIVE,
    )
