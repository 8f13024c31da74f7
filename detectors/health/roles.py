"""What each column of a leaked table holds, from its header or its content.

The role decides which categories are looked for in a column: a name or a
town never reveals HIV, and a bare ``A`` is a blood group only in a
blood-group column.  Header names are read as words ("Libellé analyse",
``GRP_SANG``, ``DateNaissance``); a header that says nothing (``col_3``,
``champ``) is judged on the first values of the batch.

>>> import pyarrow as pa
>>> table = pa.table({"examen": ["NFS"], "GRP_SANG": ["A+"], "ville": ["Vihiers"],
...                   "col_4": ["O-"], "col_5": ["RAS"], "code_cip": ["3400930000000"],
...                   "col_7": ["E11.9"]})
>>> [r.name for r in infer_roles(table)]
['EXAM', 'BLOOD_GROUP', 'TOWN', 'BLOOD_GROUP', 'TEXT', 'DRUG', 'DIAGNOSIS']
"""
from __future__ import annotations

import re
import unicodedata
from enum import Enum, auto

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import abo, atc, cim10, cip13
from .text import matches


class Role(Enum):
    """The kind of data a column holds."""

    EXAM = auto()         # the name of a lab test or act
    RESULT = auto()       # the value or conclusion of that test
    BLOOD_GROUP = auto()  # one ABO/RhD value per cell
    TEXT = auto()         # free text, or anything not known to be narrower
    IDENTITY = auto()     # names, contact details, numbers, codes, dates
    ADDRESS = auto()
    TOWN = auto()
    FAMILY = auto()       # family history: about relatives, not the patient
    DIAGNOSIS = auto()    # a diagnosis, named or as a CIM-10 code
    DRUG = auto()         # a drug or treatment, named or as an ATC or CIP13 code
    GRADE = auto()        # a mark, a grade or a label: "A+" there is no blood group


# Checked in this order: "date_examen" is an exam column before a date,
# "antecedents_familiaux" is family history before free text, and "code_cip"
# a drug code before an identifier.
_HEADER_WORDS: tuple[tuple[Role, frozenset[str]], ...] = tuple(
    (role, frozenset(words.split()))
    for role, words in (
        (Role.BLOOD_GROUP, "sang sanguin abo rh rhesus rhd groupage blood bloodgroup bloodtype"),
        (Role.FAMILY, "familial familiaux familiale famille family pere mere conjoint"),
        (Role.DIAGNOSIS, "diagnostic diagnostics diagnosis diag cim cim10 icd icd10 pathologie "
                         "pathologies affection ald"),
        (Role.DRUG, "cip cip13 cip7 atc ucd medicament medicaments traitement traitements "
                    "prescription drug drugs medication molecule specialite posologie"),
        (Role.EXAM, "examen examens exam analyse analyses libelle test acte actes nabm ccam "
                    "parametre intitule prestation"),
        (Role.RESULT, "resultat resultats result results valeur value res interpretation"),
        (Role.ADDRESS, "adresse address addr rue voie street"),
        (Role.TOWN, "ville commune city town localite"),
        (Role.GRADE, "note notation appreciation evaluation grade mention bareme rating "
                     "classement dpe energie etiquette"),
        (Role.IDENTITY, "plaque immatriculation vehicule employeur employer entreprise societe "
                        "fournisseur profession fonction nom prenom name firstname lastname surname nir nss ssn secu insee tel "
                        "telephone phone mobile portable fax email mail courriel date ddn "
                        "dob naissance birth cp postal zip postcode sexe sex gender id ipp "
                        "iep num numero dossier"),
        # Named so that a sample without letters never demotes them to IDENTITY.
        (Role.TEXT, "commentaire commentaires comment comments observation observations obs "
                    "notes remarque remarques motif antecedents conclusion texte"),
    )
)
_SAMPLE = 1000


def header_words(name: str) -> list[str]:
    """The lower-case, accent-free words of a header.

    >>> header_words("Libellé analyse"), header_words("DateNaissance"), header_words("GRP_SANG")
    (['libelle', 'analyse'], ['date', 'naissance'], ['grp', 'sang'])
    """
    name = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


def role_from_header(name: str) -> Role | None:
    """The role a header names, or None when it says nothing (``col_1``, ``groupe``).

    >>> role_from_header("groupe_rh").name, role_from_header("Observations").name
    ('BLOOD_GROUP', 'TEXT')
    >>> role_from_header("col_2"), role_from_header("groupe")
    (None, None)
    """
    words = set(header_words(name))
    for role, vocabulary in _HEADER_WORDS:
        if words & vocabulary:
            return role
    return None


def role_from_content(values: pa.ChunkedArray) -> Role:
    """The role the first values of a column betray: blood groups, codes, bare numbers, or text.

    A column is a blood-group one when nearly all its values are groups and
    they are not a grading scale: an ``O``, an ``AB`` or an RhD sign shows up.
    It is a drug or diagnosis one when nearly all its values are CIP13, ATC or
    CIM-10 codes.

    >>> role_from_content(pa.chunked_array([["A", "O", "B", "A", "AB"]])).name
    'BLOOD_GROUP'
    >>> role_from_content(pa.chunked_array([["A", "B", "A", "B"]])).name
    'TEXT'
    >>> role_from_content(pa.chunked_array([["06 12 34 56 78", "2024-01-02", None]])).name
    'IDENTITY'
    >>> [role_from_content(pa.chunked_array([v])).name for v in (["J05AR03"], ["F32.1"])]
    ['DRUG', 'DIAGNOSIS']
    """
    sample = pc.drop_null(values.slice(0, _SAMPLE))
    sample = sample.filter(pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(sample)), 0))
    if len(sample) == 0:
        return Role.TEXT
    # A group stands alone or with its RhD value ("AB-123-CD" is a number
    # plate); a column of bare zeros is a count.
    groups = matches(sample, abo.VALUE + r"\s*(?:$|[\s(,;/])")
    if np.mean(groups) >= 0.9 and matches(sample, r"^\s*(?:o|ab)\b|[+-]|rh|pos|n[eé]g").any():
        return Role.BLOOD_GROUP
    if np.mean(matches(sample, rf"^\s*(?:{cip13.CODE}|{atc.CODE})\s*$")) >= 0.9:
        return Role.DRUG
    # Room or seat numbers ("A12") look like bare codes too: a diagnosis
    # column shows at least one subdivision ("F32.1", "F321").
    if np.mean(matches(sample, rf"^\s*{cim10.HEAD}(?:\.?\d{{1,4}})?\b")) >= 0.9 and matches(
        sample, rf"^\s*{cim10.HEAD}[.\d]"
    ).any():
        return Role.DIAGNOSIS
    if not matches(sample, r"[a-zà-ÿ]").any():
        return Role.IDENTITY
    return Role.TEXT


def infer_roles(table: pa.Table) -> list[Role]:
    """The role of each column of ``table``, in order."""
    roles = []
    for name, column in zip(table.column_names, table.columns):
        roles.append(role_from_header(name) or role_from_content(column))
    return roles


WRITTEN = frozenset({Role.EXAM, Role.RESULT, Role.TEXT, Role.DIAGNOSIS, Role.DRUG})
"""Roles whose words may state a health fact: everything but identity,
places, family history and one-value blood-group cells."""
