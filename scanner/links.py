"""Follow a dump's rows to the person they are about, across tables.

A lab dump keeps patients in one table and their samples in another; the
sample row that says "VIH positif" names no one, its ``patient_id`` does. A
notification needs the people exposed per category, so a child row that
identifies no one by itself takes the person of the row it points to.

Links are the foreign keys the dump declares (``FOREIGN KEY ... REFERENCES``,
``ALTER TABLE ... ADD CONSTRAINT``) and the evident ones: a key-like column
whose stem names another table (``patient_id``, ``id_patient``, ``idPatient``
-> ``patients.id``), or a key-like column found under the same name in one
table that holds identities (``ipp``). An evident link is only followed when
the parent column is a key (its values nearly all distinct), so two child
tables sharing ``patient_id`` never link to each other. Chains
(prescription -> visit -> patient) are followed to their end.

>>> stem_of_column("id_patient"), stem_of_column("patientId"), stem_of_column("id")
('patient', 'patient', '')
>>> stem_of_table("public.patients"), stem_of_table("tbl_prelevement")
('patient', 'prelevement')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .distinct import count_distinct
from .state import ScanState
from .tables import TableState

AFFIX = re.compile(r"^(?:id|num|ref|no)_|_(?:id|ref)$|^id(?=[A-Z])|(?<=[a-z])I[dD]$", re.I)
KEY_SHARE = 0.99  # of a parent column's values that must be distinct for it to be a key


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


def stem_of_column(column: str) -> str:
    """What a key-like column refers to, lower case and singular ('' for a bare id)."""
    if column.lower() in ("id", "ipp"):
        return "" if column.lower() == "id" else "ipp"
    return _singular(AFFIX.sub("", column, count=1).lower())


def stem_of_table(name: str) -> str:
    """A table's name without schema, prefix or plural."""
    return _singular(name.rsplit(".", 1)[-1].lower().removeprefix("tbl_").removeprefix("t_"))


@dataclass
class Link:
    child: TableState
    column: str
    parent: TableState
    parent_column: str
    declared: bool


def _by_name(tables: list[TableState], name: str) -> TableState | None:
    exact = [t for t in tables if t.name == name]
    if exact:
        return exact[0]
    short = name.rsplit(".", 1)[-1]
    return next((t for t in tables if t.name and t.name.rsplit(".", 1)[-1] == short), None)


def _is_key(table: TableState, column: str) -> bool:
    keys = table.column_keys(column)
    keys = keys[keys != 0]
    return keys.size > 0 and count_distinct(keys) >= KEY_SHARE * keys.size


def _evident_parent(child: TableState, column: str, tables: list[TableState]) -> tuple[TableState, str] | None:
    stem = stem_of_column(column)
    for parent in tables:
        if parent is child or not parent.records:
            continue
        if stem and stem_of_table(parent.name) == stem:
            for candidate in parent.link_columns:
                if candidate.lower() == "id" or stem_of_column(candidate) == stem:
                    return parent, candidate
        # "ipp" in the samples and in the patients table: the same key under the same name.
        if column.lower() != "id" and column in parent.link_columns and parent.roles and not child.roles:
            return parent, column
    return None


def find_links(tables: list[TableState], declared: dict[str, list[tuple[str, str, str]]]) -> list[Link]:
    """Every link from a child table's column to a parent table's key column."""
    links: list[Link] = []
    for child in tables:
        taken = set()
        for column, parent_name, parent_column in declared.get(child.name, []):
            parent = _by_name(tables, parent_name)
            if parent is not None and parent is not child and column in child.keys and parent_column in parent.keys:
                links.append(Link(child, column, parent, parent_column, True))
                taken.add(column)
        for column in child.link_columns:
            if column in taken or column.lower() == "id":
                continue
            found = _evident_parent(child, column, tables)
            if found and _is_key(*found):
                links.append(Link(child, column, *found, False))
    return links


def _follow(link: Link, first: int, person: np.ndarray) -> dict:
    """Give each row of the child that identifies no one its parent row's person."""
    parent_keys = link.parent.column_keys(link.parent_column)
    distinct, first_row = np.unique(parent_keys, return_index=True)
    parent_rows = link.parent.rows()[first_row] + first
    child_keys = link.child.column_keys(link.column)
    child_rows = link.child.rows() + first
    at = np.minimum(np.searchsorted(distinct, child_keys), distinct.size - 1)
    matched = (child_keys != 0) & (distinct[at] == child_keys) if distinct.size else np.zeros(child_keys.size, bool)
    parents = person[parent_rows[at[matched]]]
    take = (person[child_rows[matched]] == 0) & (parents != 0)
    person[child_rows[matched][take]] = parents[take]
    return {"rows": int(np.count_nonzero(child_keys)), "matched": int(np.count_nonzero(matched)),
            "attributed": int(np.count_nonzero(take))}


def attribute(state: ScanState, person: np.ndarray) -> np.ndarray:
    """Person per record after following every input's links; each child table's
    ``links`` says what was followed and how many rows found their parent."""
    person = person.copy()
    for item in state.inputs:
        links = find_links(item.tables, item.foreign_keys)
        totals: dict[int, dict] = {}
        # A chain of n links is settled after n passes; a pass that changes nothing ends it.
        for _ in range(len(links)):
            changed = 0
            for i, link in enumerate(links):
                counts = _follow(link, item.first_record, person)
                total = totals.setdefault(i, {**counts, "attributed": 0})
                total["attributed"] += counts["attributed"]
                changed += counts["attributed"]
            if not changed:
                break
        for i, link in enumerate(links):
            link.child.links.append({
                "column": link.column,
                "references": f"{link.parent.name}.{link.parent_column}",
                "declared": link.declared,
                **totals[i],
            })
    return person
