"""Infer identity roles from what columns hold, for files without a header.

Identifiers are recognised by their detectors' hit rate; the birth date is
the date column with the earliest dates (a sample or visit date is later);
names are the first pair of adjacent columns of short alphabetic words, as
French exports put ``NOM;PRENOM`` at the head of the identity block (the
person resolution also accepts the two swapped).

>>> import pyarrow as pa
>>> batch = pa.record_batch({"col_1": ["DURAND", "PETIT"], "col_2": ["Léa", "Luc"],
...     "col_3": ["01/02/1985", "03/04/1990"], "col_4": ["12/03/2019", "01/02/2020"], "col_5": ["F", "M"]})
>>> content_roles(batch)
{'last_name': 'col_1', 'first_name': 'col_2', 'birth_date': 'col_3', 'sex': 'col_5'}
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detectors import email, nir, phone

from .dates import parse_birth_dates
from .names import sex_codes

SAMPLE = 2000
SHARE = 0.6  # of non-empty sampled values that must fit the role
NAME = r"^[^\d@/,;:()]{2,40}$"
POSTCODE = r"^\s*(?:\d{5}|2[AB]\d{3})\s*$"


def _share(mask: np.ndarray, present: np.ndarray) -> float:
    return float((mask & present).sum()) / max(int(present.sum()), 1)


def _present(column: pa.Array) -> np.ndarray:
    return pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(column)), 0).to_numpy(zero_copy_only=False)


def content_roles(batch: pa.RecordBatch) -> dict[str, str]:
    """Role -> column for the roles whose content is evident in ``batch``'s first rows."""
    sample = batch.slice(0, SAMPLE)
    roles: dict[str, str] = {}
    dates: list[tuple[int, str]] = []
    names: list[int] = []
    for index, name in enumerate(sample.schema.names):
        column = sample.column(index).fill_null("")
        present = _present(column)
        if not present.any():
            continue
        for role, module in (("nir", nir), ("phone", phone), ("email", email)):
            if role not in roles and _share(module.find(column).valid > 0, present) >= SHARE:
                roles[role] = name
        born = parse_birth_dates(column)
        if _share(born > 0, present) >= SHARE:
            dates.append((int(np.median(born[born > 0])), name))
        elif "sex" not in roles and _share(sex_codes(column) > 0, present) >= 0.9:
            roles["sex"] = name
        elif "postcode" not in roles and _share(pc.match_substring_regex(column, POSTCODE).to_numpy(zero_copy_only=False), present) >= 0.9:
            roles["postcode"] = name
        elif name not in roles.values() and _share(pc.match_substring_regex(column, NAME).to_numpy(zero_copy_only=False), present) >= 0.9:
            names.append(index)
    pair = next((i for i in names if i + 1 in names), None)
    if pair is not None:
        roles["last_name"], roles["first_name"] = sample.schema.names[pair], sample.schema.names[pair + 1]
    if dates:
        roles["birth_date"] = min(dates)[1]
    return dict(sorted(roles.items(), key=lambda kv: sample.schema.names.index(kv[1])))
