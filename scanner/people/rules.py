"""The rules that judge two records the same person, each with why it is safe.

Three policies, each applying its own rules on top of the previous one's:
``high`` (exact keys only, never merges two people, splits every typo),
``estimate`` (+ missing fields, typos, swapped columns, each with the veto
that keeps families apart) and ``low`` (+ merges that may join namesakes or
twins). So low <= estimate <= high always.

>>> [rule.name for rule in RULES if rule.policy == "high"]
['nir_profile', 'name_birth', 'contact_first_birth']
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .attach import without_birth_edges
from .columns import Columns
from .hashing import combine, mix
from .linking import Edges, deal, link, split
from .typos import TypoTable, both_names_typo_edges, either_name_typo_edges, typo_edges

POLICIES = ("high", "estimate", "low")
# Records a rule handles at once: bounds the peak memory of its combined keys,
# hash tables and edges, not its result. Slices this small also keep a rule's
# arrays in cache, which outweighs running the rule once per slice.
RECORDS_PER_PASS = 250_000


@dataclass(frozen=True)
class Rule:
    """One way two records are judged the same person, and why it is safe."""

    name: str
    policy: str          # the most conservative policy that applies it
    # A state field every key of the rule includes: records that differ on it
    # never link, and a record lacking it holds no key of the rule, so the
    # rule can run on one slice of the records at a time.
    within: str
    why: str
    edges: Callable[[Columns, TypoTable], list[Edges]]


def rule_edges(rules: tuple[Rule, ...], columns: Columns, typos: TypoTable) -> Iterator[Edges]:
    """The edges between records of ``rules`` (which share ``within``), computed on one
    slice of the records at a time.

    Slices follow the hash of ``within``, so records that could link share
    a slice; each slice's fields are gathered once for all the rules. A
    file that fits one pass runs on all its records at once: a record
    lacking ``within`` has no key and links nothing, and copying the others
    out would cost more than carrying it.
    """
    if len(columns) <= RECORDS_PER_PASS:
        for rule in rules:
            yield from rule.edges(columns, typos)
        return
    field = columns.field(rules[0].within)
    slices = 1 + field.size // RECORDS_PER_PASS
    # The hash's low 32 bits: dividing them is several times cheaper than dividing 64.
    part = (field.astype(np.uint32, copy=False) % np.uint32(slices)).astype(np.int32)
    part[field == 0] = slices  # in no slice
    # Dealt into slices, each in file order, with int32 positions only (no full-size argsort).
    order, bounds = deal(part, slices + 1)
    bounds = bounds[:-1]
    del part
    for start, end in zip(bounds[:-1], bounds[1:]):
        rows = order[start:end]
        subset = columns.subset(rows)
        for rule in rules:
            for a, b in rule.edges(subset, typos):
                yield rows[a], rows[b]


def _birth_name_edges(c: Columns) -> list[Edges]:
    """Link a record's (first, birth name, birth date) to others' (first, last name, birth date).

    Each record with a birth name enters the key space twice, under its
    last name and under its birth name, so one link rule covers both.
    """
    married = np.flatnonzero(c.birth_name != 0).astype(np.int32)
    if married.size == 0:
        return []
    rows = np.concatenate([np.arange(len(c), dtype=np.int32), married])
    keys = np.concatenate([mix(c.first, c.last, c.birth),
                           mix(c.first[married], c.birth_name[married], c.birth[married])])
    return [link(split(keys, c.own_nir[rows]), rows)]


def _one_edit_typo_edges(c: Columns, typos: TypoTable) -> list[Edges]:
    nir_block = mix(c.nir_birth, c.sex1)
    return [typo_edges(typos, nir_block, c.first),
            either_name_typo_edges(typos, nir_block, c.first, c.last),
            either_name_typo_edges(typos, mix(c.birth, c.postcode, c.sex1), c.first, c.last)]


RULES: tuple[Rule, ...] = (
    Rule("nir_profile", "high", "nir",
         "same NIR, same birth date and same first name; records with neither birth date nor first "
         "name link on the NIR among themselves. Twins on a parent's NIR differ by first name, a child "
         "on it by birth date, so neither is merged.",
         lambda c, t: [link(np.where(c.nir != 0, combine(c.nir, c.profile), np.uint64(0)))]),
    Rule("name_birth", "high", "birth",
         "same last name, first name and birth date, split where the records carry two different "
         "own NIRs (namesakes born the same day) or two different postcodes.",
         lambda c, t: [link(split(split(mix(c.first, c.last, c.birth), c.own_nir), c.postcode))]),
    Rule("contact_first_birth", "high", "birth",
         "same phone or e-mail and same first name and birth date: families share a phone or an "
         "address, so a contact never links records alone.",
         lambda c, t: [link(mix(c.field(contact), c.first, c.birth)) for contact in ("phone", "email")]),
    Rule("nir_missing_fields", "estimate", "nir",
         "a record lacking its names, birth date or both joins the NIR (+ birth date, + names in either "
         "order) group when that group holds one person only; with two candidates it stays apart.",
         lambda c, t: [link(split(c.nir_birth, c.names_pair)), link(split(mix(c.nir, c.names_pair), c.birth)),
                       link(split(c.nir, c.profile))]),
    Rule("names_any_order_birth", "estimate", "birth",
         "first and last names in either column order + birth date (swapped columns, 'Prénom NOM' "
         "in a full-name column), split where two different own NIRs disagree; postcodes may differ "
         "(people move).",
         lambda c, t: [link(split(c.names_any_order, c.own_nir))]),
    Rule("birth_name", "estimate", "birth",
         "first name + birth date + a last name that is one record's birth name (nom de naissance) and "
         "another's last name: a married person is filed under the married name by one service and "
         "the birth name by another; split where two different own NIRs disagree.",
         lambda c, t: _birth_name_edges(c)),
    Rule("one_edit_typo", "estimate", "birth",
         "a first name one edit from another inside a block of NIR + birth date + sex; a first or last "
         "name one edit from another, in either column, inside a block of NIR + birth date + sex or "
         "birth date + postcode + sex, plus the other name. The block makes a namesake unlikely, sex "
         "keeps apart a masculine and a feminine first name one letter apart, and the other name keeps "
         "apart twins on one NIR, who share the last name.",
         _one_edit_typo_edges),
    Rule("both_names_typo", "estimate", "birth",
         "a first name one edit from another and a last name one edit from another, in either column "
         "order, inside a block of birth date + postcode + sex: two people born the same day in one "
         "postcode with both names alike up to a letter each are one person typed twice (twins share "
         "the last name, so they are only linked when their first names are one edit apart, which "
         "the one_edit_typo rule already accepts).",
         lambda c, t: [both_names_typo_edges(t, mix(c.birth, c.postcode, c.sex1), c.first, c.last)]),
    Rule("nir_birth", "low", "nir",
         "same NIR and birth date whatever the first name (merges twins on a parent's NIR), and same "
         "NIR and names whatever the birth date (a record without one joins a namesake parent's group).",
         lambda c, t: [link(c.nir_birth), link(mix(c.nir, c.names_pair))]),
    Rule("names_birth_no_veto", "low", "birth",
         "names in either order + birth date whatever the NIR or postcode; one-edit typos within "
         "birth date + the other name, whatever the postcode or sex; a first name one edit from "
         "another within birth date + postcode + sex whatever the last name (typos in both names); "
         "one name alike within birth date + postcode + a known sex, or last name alike within birth date + "
         "phone or e-mail, whatever the other name, split where two different own NIRs disagree (a "
         "typo in a name too short for the typo table, three letters or fewer; same-sex twins at one "
         "address merge, which low accepts).",
         lambda c, t: [link(c.names_any_order), either_name_typo_edges(t, c.birth, c.first, c.last),
                       typo_edges(t, mix(c.birth, c.postcode, c.sex1), c.first),
                       *(link(split(mix(c.field(name), c.birth, c.postcode, c.sex), c.own_nir))
                         for name in ("first", "last")),
                       *(link(split(mix(c.field(contact), c.last, c.birth), c.own_nir))
                         for contact in ("phone", "email"))]),
    Rule("names_postcode", "low", "postcode",
         "names in either order, or one name and a one-edit typo of the other, within one postcode "
         "whatever the birth date: a record missing its birth date, or with a wrong one, still meets "
         "the person's other records (namesakes of one household merge, which low accepts).",
         lambda c, t: [link(mix(c.names_pair, c.postcode)), either_name_typo_edges(t, c.postcode, c.first, c.last)]),
    Rule("nir_holder", "low", "nir",
         "a record without a birth date joins the records holding the same NIR as their own, whatever "
         "its names (typos in both): the holder is the likeliest person on a NIR.",
         lambda c, t: [link(np.where((c.birth == 0) | c.own_nir_flag, c.nir, np.uint64(0)))]),
)

#: The rules in the order their links are folded, policy by policy, as ``RULES`` lists them;
#: the rules of one policy sharing ``within`` make one pass (see ``rule_edges``).
PASSES: tuple[tuple[Rule, ...], ...] = tuple(
    tuple(rule for rule in RULES if (rule.policy, rule.within) == (policy, within))
    for policy, within in dict.fromkeys((rule.policy, rule.within) for policy in POLICIES
                                        for rule in RULES if rule.policy == policy))


@dataclass(frozen=True)
class Attachment:
    """A step after a policy's rules that needs the components they made: a record
    joins the one person its evidence points to, and stays apart when it points to two."""

    name: str
    policy: str
    why: str
    edges: Callable[[np.ndarray, Columns, TypoTable], Edges]


ATTACHMENTS: tuple[Attachment, ...] = (
    Attachment("undated_to_single_candidate", "estimate",
               "a person known only from records without a birth date joins the dated person whose "
               "records share its NIR and its names (exact, swapped, or one of them one edit apart) when "
               "all such records form one person; with two (a father and his son of one name, on the "
               "father's NIR) it stays apart.",
               without_birth_edges),
)


def method(bytes_per_record: int) -> dict:
    """The report's description of how people were counted."""
    return {
        "name": "keyed-record-linkage",
        "summary": "connected components of records linked by shared keyed hashes; "
                   "high = exact rules, estimate = + missing fields, typos, swapped names, "
                   "low = + merges on NIR + birth date alone, names + birth date without veto, one name + "
                   "birth date + postcode + sex or last name + birth date + contact, names within a postcode, "
                   "a record without birth date into its NIR's holder",
        "rules": {policy: [{"name": r.name, "why": r.why} for r in (*RULES, *ATTACHMENTS) if r.policy == policy]
                  for policy in POLICIES},
        "person_id": "the commonest key of the strongest kind among the person's records (own NIR; "
                     "names in either order + birth date; NIR + birth date + first name; NIR; every "
                     "field): the same key file gives the same person the same id in every scan",
        "parameters": {"typo_edit_distance": 1, "min_typo_length": 4,
                       "hash": "SipHash-2-4 keyed per domain from the scan key",
                       "bytes_per_record": bytes_per_record},
    }
