"""Disability: a disability or handicap, its recognition (MDPH, RQTH, AAH,
invalidité, carte mobilité inclusion, taux d'incapacité), a lasting impairment.

A dull pain ("douleur sourde"), a blinded study or a golf handicap reveal nothing.

>>> from detectors.health.engine import on_text
>>> on_text(RULES, ["dossier MDPH en cours", "RQTH", "malentendant, appareillé",
...                 "en fauteuil roulant", "douleur sourde", "étude en double aveugle",
...                 "fils handicapé"])
[True, True, True, True, False, False, False]
"""
from __future__ import annotations

from .engine import Rule, personal
from .roles import WRITTEN
from .text import any_of, word

IMPAIRMENT = any_of(
    word("handicap", "handicaps", "handicapé", "handicapée", "handicapés", "polyhandicap",
         "polyhandicapé", "polyhandicapée", "situation de handicap", "disability", "disabled",
         "invalidité", "invalide", "pension d'invalidité", "carte d'invalidité",
         "carte mobilité inclusion", "taux d'incapacité", "incapacité permanente",
         "allocation adulte handicapé", "surdité", "sourd", "sourde", "sourds", "malentendant",
         "malentendante", "deaf", "hearing impaired", "implant cochléaire", "cécité",
         "aveugle", "malvoyant", "malvoyante", "non-voyant", "non-voyante", "blind",
         "fauteuil roulant", "en fauteuil", "wheelchair", "amputé", "amputée", "amputation",
         "amputee", "paraplégie", "paraplégique", "tétraplégie", "tétraplégique",
         "hémiplégie", "hémiplégique", "paraplegic", "déficience intellectuelle",
         "déficience visuelle", "déficience auditive", "retard mental"),
    r"(?-i:\bMDPH\b|\bRQTH\b|\bAAH\b|\bCMI\b|\bESAT\b|\bAEEH\b|\bPCH\b)",
)
"""Disability, its recognition, and lasting impairments."""

_FALSE_FRIENDS = (
    word("douleur", "douleurs", "bruit", "toux", "voix", "colère") + r"\s+" + word("sourde", "sourd", "sourdes"),
    word("double aveugle", "simple aveugle", "à l'aveugle", "en aveugle", "double-blind", "blinded"),
    word("handicap") + r"\s+(?:de\s+)?\d",
    word("golf") + r"[^.;\n]{0,20}" + word("handicap"),
)

RULES: tuple[Rule, ...] = ((personal(IMPAIRMENT, WRITTEN, *_FALSE_FRIENDS),),)
