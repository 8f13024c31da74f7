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
         "invalidité", "pension d'invalidité", "carte d'invalidité",
         "carte mobilité inclusion", "taux d'incapacité", "incapacité permanente",
         "allocation adulte handicapé", "surdité", "sourd", "sourde", "sourds", "malentendant",
         "malentendante", "deaf", "hearing impaired", "implant cochléaire", "cécité",
         "aveugle", "malvoyant", "malvoyante", "non-voyant", "non-voyante", "blind",
         "fauteuil roulant", "en fauteuil", "wheelchair", "amputé", "amputée", "amputation",
         "amputee", "paraplégie", "paraplégique", "tétraplégie", "tétraplégique",
         "hémiplégie", "hémiplégique", "paraplegic", "déficience intellectuelle",
         "déficience visuelle", "déficience auditive", "retard mental", "hanidcap",
         "hearing aid", "hearing aids", "appareil auditif", "appareils auditifs", "hypoacousie", "invalide de guerre", "hard of hearing", "mal voyante", "malvoyance",
         "visually impaired", "screen reader", "blue badge", "incapacity benefit",
         "disability benefits", "housebound", "walking frame", "déambulateur",
         "canne anglaise", "cannes anglaises", "canne", "cane", "uses a cane",
         "fauteuil manuel", "fauteuil électrique", "perte de la marche", "hémiparésie",
         "tétraparésie", "paraparésie", "infirmité motrice cérébrale", "paralysie cérébrale",
         "cerebral palsy", "aphasie", "borgne", "énucléation", "séquellaire",
         "allocation adulte", "allocation personnalisée d'autonomie", "perte d'autonomie",
         "mdph", "rqth", "cotorep", "foyer d'accueil médicalisé", "institut médico-éducatif"),
    r"(?-i:\bAAH\b|\bCMI\b|\bESAT\b|\bAEEH\b|\bPCH\b|\bULIS\b|\bAESH\b|\bIME\b|"
    r"\bSESSAD\b|\bSAMSAH\b|\bSAVS\b|\bFAM\b)",
    # A loss of autonomy by its grade (GIR 1 to 4), a permanent incapacity rate,
    # a multiple sclerosis score that needs a walking aid.
    r"(?-i:\bGIR)\s*[:=]?\s*[1-4]\b",
    r"(?-i:\bIPP)\s*[:=]?\s*\d{1,3}\s*%",
    r"(?-i:\bEDSS)\s*[:=]?\s*(?:[4-9]|10)\b",
    r"(?-i:\bAPA)\s+(?:à\s+domicile|en\s+[eé]tablissement)",
)
"""Disability, its recognition, and lasting impairments."""

_FALSE_FRIENDS = (
    word("douleur", "douleurs", "bruit", "toux", "voix", "colère", "chambre", "salle")
    + r"\s+" + word("sourde", "sourd", "sourdes"),
    word("sourde oreille", "cécité des neiges", "blind copy", "blind carbon copy",
         "canne à sucre", "canne à pêche", "sugar cane"),
    # Temporary aids, a parking space, a colloquial "handicapé par".
    word("fauteuil roulant", "fauteuil", "wheelchair", "béquilles", "crutches")
    + r"[^.;\n]{0,30}" + word("pour le transfert", "transport", "temporaire", "provisoire"),
    word("temporary", "temporaire", "provisoire") + r"[^.;\n]{0,20}"
    + word("wheelchair", "fauteuil", "crutches", "béquilles"),
    word("place", "places", "parking", "stationnement", "toilettes", "wc", "rampe")
    + r"\s+(?:pour\s+)?" + word("handicapé", "handicapés", "pmr"),
    word("handicapé", "handicapée") + r"\s+par\s+(?:la|le|les|une|un|sa|son)\b",
    word("double aveugle", "simple aveugle", "à l'aveugle", "en aveugle", "double-blind", "blinded"),
    word("handicap") + r"\s+(?:de\s+)?\d",
    word("golf") + r"[^.;\n]{0,20}" + word("handicap"),
)

RULES: tuple[Rule, ...] = ((personal(IMPAIRMENT, WRITTEN, *_FALSE_FRIENDS, deniable=True),),)
