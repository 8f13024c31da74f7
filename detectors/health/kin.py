"""Text that states no finding about the patient: about someone else, about
no one, or denied.

A relative's status ("père VIH+", "épouse enceinte") must not make the
patient's record positive.  RE2 has no lookbehind, so instead of refusing a
match preceded by a relative, the clauses that relatives own are masked out
and the category patterns are tested again on what remains.  The masks do
not depend on the category, so a column's doubtful values are masked once
for all of them.

A clause belongs to a relative when it starts with one ("sa sœur est
enceinte", "mère : séropositive", "conjoint sous PrEP") or names one right
after the finding ("VIH+ (père)", "sérologie VIH de la mère").  A word naming
the patient ends the clause, so "sœur enceinte, patiente VIH-" keeps the
patient's own result.

>>> import pyarrow as pa
>>> from detectors.health.text import mask, matches, word
>>> hiv = word("vih")
>>> rows = pa.array(["père VIH+", "père VIH+, patient VIH-", "VIH+ (mère)", "VIH-"])
>>> cleared = mask(mask(rows, PATIENT), OWNER_AFTER, r" ; \1")
>>> matches(mask(cleared, RELATIVE_CLAUSE), hiv).tolist()
[False, True, False, True]

A finding in a campaign, a poster or a policy is about no one
(``ABOUT_NO_ONE``); one that is denied ("pas d'antécédent psychiatrique",
"invalidité : néant") is not the patient's either (``denied``), for the
categories where a negative answer reveals nothing.
"""
from __future__ import annotations

from .text import any_of, vocabulary, word

# Plural "partenaires" are the patient's sexual partners, not a relative.
RELATIVE = word(*vocabulary("relatives.txt"),
                *(r + "s" for r in vocabulary("relatives.txt") if r != "partenaire"))
# People named as the owner right after a finding only ("Covid du médecin",
# "sérologie VIH du donneur"): before it, "médecin psychiatre" is the patient's care.
_CARERS = word("médecin", "docteur", "donneur", "donneuse", "donor", "soignant", "soignants",
               "infirmier", "infirmière", "staff", "vétérinaire", "chien", "chat", "animal",
               "dog", "cat")

# A clause runs to the next punctuation: "épouse enceinte de 12 SA" is the
# wife's term too.  A dash between spaces ends one as well ("épouse enceinte -
# VIH négatif"): ``DASH`` is masked into a break first.
_CLAUSE = r"[^.;,\n]"
DASH = r"\s[-–—]+\s"
"""A dash set between spaces: a clause break."""
# The owner named after the finding: "VIH+ (mère)", "sérologie VIH de la mère".
_OWNER_LINK = (
    r"(?:\(\s*|" + word("chez", "de", "du", "des", "of", "in", "pour")
    + r"\s+(?:l[ae]\s+|l['’]\s*|sa\s+|son\s+|ses\s+|the\s+|his\s+|her\s+)?)"
)

PATIENT = word(
    "patient", "patiente", "patients", "lui-même", "elle-même", "le patient", "la patiente",
    "Mme", "Mr", "Mlle", "himself", "herself",
    # A mother or father "de famille" is the patient: "mère de famille enceinte".
    "mère de famille", "père de famille",
    # A relative who asks for the patient's care: "SPDT à la demande de la soeur".
    "à la demande",
)
"""Words naming the patient; masked into clause breaks before the clauses of others."""


OTHERS = any_of(RELATIVE, _CARERS)
"""What makes a finding's owner doubtful: a relative or a carer is named."""

OWNER_AFTER = _CLAUSE + "*" + _OWNER_LINK + "(" + OTHERS + ")"
"""A clause up to its owner named after the finding: "VIH+ (mère)", "Covid du
médecin", "groupe sanguin de la mère : O-".  Masked with the owner kept (group
1), so that ``RELATIVE_CLAUSE`` then masks what the owner's own clause says.

>>> import pyarrow as pa
>>> from detectors.health.text import mask
>>> rows = pa.array(["groupe sanguin de la mère : O-", "VIH+ (mère)"])
>>> mask(mask(rows, OWNER_AFTER, r" ; \1"), RELATIVE_CLAUSE).to_pylist()
[' ;  ; ', ' ;  ; ']
"""
RELATIVE_CLAUSE = RELATIVE + _CLAUSE + "*"
"""A clause starting with a relative: "sa sœur est enceinte", "mère : séropositive"."""

PUBLIC = word(
    "campagne", "journée mondiale", "semaine nationale", "affiche", "affiches", "stand",
    "salon", "sensibilisation", "conférence", "colloque", "algorithme", "policy", "campaign",
    "awareness", "poster", "favourite subject", "fonds de solidarité", "marché public",
    "hommage", "employeur", "employer", "visiteurs", "bénévole",
)
"""Words of a text about no one: a campaign, a poster, a policy, an employer."""
ABOUT_NO_ONE = r"[^.;\n]*" + PUBLIC + r"[^.;\n]*"
"""The sentence around such a word: "campagne de dépistage VIH : stand tenu par..."."""


# A negation before the finding, up to two words ahead ("pas d'antécédent
# psychiatrique", "no history of"), or a denial right after it ("? non", ": néant").
DENIAL_BEFORE = any_of(r"\bpas\s+d(?:e\b|['’])", r"\babsence\s+d(?:e\b|['’])",
                       word("aucun", "aucune", "sans", "ni", "no", "denies", "non"))
"""A negation before a finding: part of every text its denial mask takes out."""
DENIAL_AFTER = any_of(r"[:?]\s*(?:non|n[ée]ant|0)\b",
                      word("éliminé", "éliminée", "exclu", "exclue", "écarté", "écartée",
                           "ruled out"))
"""A denial after a finding: part of every text its denial mask takes out."""
NEGATION = any_of(DENIAL_BEFORE, DENIAL_AFTER)
"""What makes a finding doubtful for a category where a denial reveals nothing."""


def denied(finding: str) -> tuple[str, str]:
    """Patterns for a denied ``finding``: a negation before it, or a denial after it.

    >>> import pyarrow as pa
    >>> from detectors.health.text import matches, word
    >>> rows = pa.array(["pas d'antécédent psychiatrique", "psychiatrique ? non",
    ...                  "invalidité : néant", "suivi psychiatrique, pas de tabac"])
    >>> [matches(rows, p).tolist() for p in denied(word("psychiatrique", "invalidité"))]
    [[True, False, False, False], [False, True, True, False]]
    """
    return (DENIAL_BEFORE + r"\s*(?:[^\s.;,?:]+\s+){0,2}?(?:" + finding + ")",
            "(?:" + finding + r")[^.;,\n]{0,20}?\s*" + DENIAL_AFTER)
