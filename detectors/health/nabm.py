"""NABM lab act codes (Nomenclature des actes de biologie médicale) and what they reveal.

Four digits, often with a leading zero.  They count alone in an exam (act)
column, or in text after an ``NABM`` label ("NABM 0388"), never as any four
digits (a year, a postcode).

Codes, from the NABM as published in the Journal officiel:
0388 (anti-HIV screening serology), 0389 and 0390 (its Western-blot
confirmation), 0392 (HIV-1 p24 antigen), 0393 (HIV 1 and 2 screening
without prescription, UNCAM decision of 2024), 4122 (HIV-1 viral load,
arrêté of 13 October 1997); 7402 (hCG); 5271 (SARS-CoV-2 genome by
RT-PCR, arrêté of 7 March 2020) and 4274 (SARS-CoV-2 rapid antigen test).
No ABO/RhD act code was found in a source we could check, so none is listed.

>>> import pyarrow as pa
>>> from detectors.health.text import matches
>>> matches(pa.array(["0388", "388", "NABM 0388", "codes NABM : 1104, 4122", "2023"]),
...         cell("hiv")).tolist()
[True, True, True, False, False]
>>> matches(pa.array(["acte NABM 4122", "0388", "CP 04122"]), written("hiv")).tolist()
[True, False, False]
"""
from __future__ import annotations

ACTS: dict[str, tuple[str, ...]] = {
    "hiv": ("0388", "0389", "0390", "0392", "0393", "4122"),
    "pregnancy": ("7402",),
    "covid_test": ("5271", "4274"),
}
"""Per category, the NABM acts that reveal it."""

_LABEL = r"\bnabm\s*(?:n[°o]\s*|code\s*)?[:=]?\s*"


def _codes(category: str) -> str:
    """The acts of ``category``, the leading zero optional."""
    return "(?:" + "|".join(c[1:] if c[0] == "0" else c for c in ACTS[category]).join(
        (r"\b0?(?:", r")\b")) + ")"


def cell(category: str) -> str:
    """An act of ``category`` heading an exam cell: ``0388``, ``NABM 0388 - VIH``."""
    return rf"^\s*(?:{_LABEL})?{_codes(category)}"


def written(category: str) -> str:
    """An act of ``category`` after an NABM label, among others: ``NABM 1104, 4122``."""
    return rf"{_LABEL}(?:\d{{3,4}}[\s,;/]+(?:et\s+|and\s+)?){{0,4}}{_codes(category)}"
