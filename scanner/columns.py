"""Infer which column holds which part of a person's identity, from its header.

Lab and pharmacy exports name the same thing many ways (``NOM``, ``Nom de
naissance``, ``last_name``; ``DDN``, ``date_naissance``, ``dob``). The first
matching column wins for each role; order of the rules matters because
``prenom`` contains ``nom``.

>>> identity_roles(["PAT_ID", "NOM", "PRENOM", "DDN", "NUM_SECU", "CP", "TEL"])
{'last_name': 'NOM', 'first_name': 'PRENOM', 'birth_date': 'DDN', 'nir': 'NUM_SECU', 'postcode': 'CP', 'phone': 'TEL'}
>>> identity_roles(["Nom patient", "Né(e) le", "N° SS"])
{'last_name': 'Nom patient', 'birth_date': 'Né(e) le', 'nir': 'N° SS'}
>>> identity_roles(["Nom d'usage", "Nom de naissance", "Date de naissance"])
{'last_name': "Nom d'usage", 'birth_name': 'Nom de naissance', 'birth_date': 'Date de naissance'}
>>> identity_roles(["Last name", "First name", "Date of birth", "Sex", "Zip"])
{'last_name': 'Last name', 'first_name': 'First name', 'birth_date': 'Date of birth', 'sex': 'Sex', 'postcode': 'Zip'}
"""
from __future__ import annotations

import re
import unicodedata

# (role, pattern over the folded header). First match wins per column.
RULES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("first_name", r"pre ?nom|first ?name|given ?name|forename"),
        # Before birth_date, which "nom de naissance" would otherwise match.
        ("birth_name", r"nom (de )?naissance|nom de jeune fille|jeune fille|patronym|maiden|birth ?name"),
        ("full_name", r"nom ?prenom|nom complet|full ?name|^patient$|^name$|identite"),
        ("birth_date", r"naiss|^ddn$|^dob$|birth|^ne(e| e| ee)? le\b"),
        ("last_name", r"^nom\b|^nom$|last ?name|surname|family ?name|^name ?last|nom de famille|nom d ?usage"),
        ("nir", r"\bnir\b|secu|\bss\b|^nss$|insee|immatriculation|social security"),
        ("sex", r"^sexe?$|^genre$|^gender$|^sex\b"),
        ("postcode", r"^cp$|code ?postal|postal|^zip|postcode"),
        ("phone", r"\btel\b|telephone|phone|portable|mobile|gsm"),
        ("email", r"e ?mail|courriel"),
    )
)


def fold(name: str) -> str:
    """Lower case, accents off, separators to single spaces.

    >>> fold("Prénom_Patient"), fold("N° Sécu")
    ('prenom patient', 'n secu')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def identity_roles(columns: list[str]) -> dict[str, str]:
    """Map each identity role to the first column whose header names it."""
    roles: dict[str, str] = {}
    for column in columns:
        folded = fold(column)
        for role, pattern in RULES:
            if pattern.search(folded):
                roles.setdefault(role, column)
                break
    return roles
