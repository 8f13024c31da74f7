"""Names and other identity text reduced to the form two records can compare.

One patient is written ``Éloïse DE LA FONTAINE`` by one piece of software
and ``eloise delafontaine`` or ``Eloise Fontaine`` by another. Matching
needs a form in which these agree: case and accents folded (exports lose
them), hyphens, apostrophes and spaces removed (``Jean-Pierre`` and
``Jean Pierre``), particles and civilities dropped (``de``, ``du``,
``le``..., ``M.``, ``Mme``). Everything runs on the distinct values of a
column, in Arrow: a file repeats its names.

>>> import pyarrow as pa
>>> normalise_names(pa.array(["Éloïse", " Jean-Pierre ", "D'Artagnan", "DE LA FONTAINE", "--", None])).to_pylist()
['eloise', 'jeanpierre', 'artagnan', 'fontaine', None, None]
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Particles (French and the commonest neighbours) and civilities: written or
# not, glued or not, by whoever typed the record; never what tells people apart.
_DROPPED = ("de", "du", "des", "d", "la", "le", "les", "l", "van", "von", "der", "den",
            "di", "da", "del", "dos", "das", "m", "mr", "mme", "mlle", "monsieur", "madame",
            "dr", "pr")
_DROPPED_RE = r"\b(?:" + "|".join(_DROPPED) + r")\b"
# NFKD splits accents off letters but leaves these ligatures whole.
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}
# Shorter names change identity with one edit (Léa, Léo): never edited.
MIN_TYPO_LENGTH = 4

_MALE = ("m", "h", "1", "masculin", "masc", "homme", "male", "garcon", "mr", "monsieur")
_FEMALE = ("f", "2", "feminin", "fem", "femme", "female", "fille", "mme", "mlle", "madame")


def on_distinct(values: pa.Array, transform: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """Apply an Arrow transform to each distinct value once, then spread it back.

    >>> on_distinct(pa.array(["a", "a", None]), pc.utf8_upper).to_pylist()
    ['A', 'A', None]
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values.cast(pa.string()))
    return transform(encoded.dictionary).take(encoded.indices)


def fold(values: pa.Array) -> pa.Array:
    """Lower case, no accents, ligatures spelt out, letters only, one space between words.

    >>> fold(pa.array(["  Œdipe  ÇA-va ", "L'Haÿ"])).to_pylist()
    ['oedipe ca va', 'l hay']
    """
    text = pc.utf8_lower(values)
    for ligature, spelt in _LIGATURES.items():
        text = pc.replace_substring(text, ligature, spelt)
    text = pc.replace_substring_regex(pc.utf8_normalize(text, "NFKD"), r"\p{Mn}+", "")
    text = pc.replace_substring_regex(text, "[^a-z0-9]+", " ")
    return pc.utf8_trim_whitespace(text)


def _name_key(folded: pa.Array) -> pa.Array:
    kept = pc.replace_substring_regex(pc.replace_substring_regex(folded, "[0-9]+", " "), _DROPPED_RE, "")
    glued = pc.replace_substring(kept, " ", "")
    # A name made only of particles ("Le") is kept rather than lost.
    glued = pc.if_else(pc.equal(glued, ""), pc.replace_substring(folded, " ", ""), glued)
    return pc.if_else(pc.equal(glued, ""), None, glued)


def normalise_names(values: pa.Array) -> pa.Array:
    """One comparable string per first or last name; null when nothing is left."""
    return on_distinct(values, lambda distinct: _name_key(fold(distinct)))


def split_full_names(values: pa.Array) -> tuple[pa.Array, pa.Array]:
    """(last, first) from a single "NOM Prénom" column, both normalised.

    The first word left after particles and civilities is the last name,
    the rest the first name; a file written "Prénom NOM" comes out swapped,
    which the swapped-columns rule absorbs.

    >>> last, first = split_full_names(pa.array(["M. DE LA FONTAINE Jean-Pierre", "Martin", None]))
    >>> last.to_pylist(), first.to_pylist()
    (['fontaine', 'martin', None], ['jeanpierre', None, None])
    """
    def split(distinct: pa.Array) -> pa.Array:
        kept = pc.utf8_trim_whitespace(pc.replace_substring_regex(fold(distinct), _DROPPED_RE, ""))
        return pc.extract_regex(kept, r"^(?P<last>\S+) ?(?P<first>.*)$")

    parts = on_distinct(values, split)
    return tuple(_name_key(pc.if_else(parts.is_valid(), parts.field(name), ""))
                 for name in ("last", "first"))


def sex_codes(values: pa.Array) -> np.ndarray:
    """uint8 per value: 1 male, 2 female, 0 unknown.

    >>> sex_codes(pa.array(["M", "f", "Féminin", "2", "H", "Mme", "?", None])).tolist()
    [1, 2, 2, 2, 1, 2, 0, 0]
    """
    folded = on_distinct(values, fold)
    male = pc.fill_null(pc.is_in(folded, pa.array(_MALE)), False).to_numpy(zero_copy_only=False)
    female = pc.fill_null(pc.is_in(folded, pa.array(_FEMALE)), False).to_numpy(zero_copy_only=False)
    return (male * 1 + female * 2).astype(np.uint8)


def typo_variants(names: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """Each name and its delete-one-character variants, with the index of their name.

    Two strings one edit apart (substitution, insertion, deletion or
    adjacent transposition) always share a variant (SymSpell), so equal
    variant hashes find them without comparing every pair. Names shorter
    than ``MIN_TYPO_LENGTH`` are never edited (for them one edit is another
    name: Léa, Léo), but one a letter short of it is kept as its own only
    variant: it may be what a lost letter left of a longer name ("Inès"
    typed "Nès"), and a deletion from that name will find it.

    Variants come name by name, each name first then its deletions in
    order; they are built one deleted position at a time over every name
    long enough, in Arrow, since a batch holds tens of thousands of names.

    >>> owner, variants = typo_variants(pa.array(["jean", "ean", "li", None]))
    >>> owner.tolist(), variants.to_pylist()
    ([0, 0, 0, 0, 0, 1], ['jean', 'ean', 'jan', 'jen', 'jea', 'ean'])
    """
    names = names.cast(pa.string())
    length = pc.fill_null(pc.utf8_length(names), 0).to_numpy()
    owners = [np.flatnonzero(length >= MIN_TYPO_LENGTH - 1)]
    variants = [names.take(owners[0])]
    deleted = [np.full(owners[0].size, -1)]
    edited = np.flatnonzero(length >= MIN_TYPO_LENGTH)
    words, left = names.take(edited), length[edited]
    for position in range(int(left.max()) if left.size else 0):
        longer = left > position
        if not longer.all():
            edited, left = edited[longer], left[longer]
            words = words.filter(longer)
        owners.append(edited)
        variants.append(pc.binary_join_element_wise(pc.utf8_slice_codeunits(words, 0, position),
                                                    pc.utf8_slice_codeunits(words, position + 1), ""))
        deleted.append(np.full(edited.size, position))
    owner = np.concatenate(owners)
    order = np.lexsort((np.concatenate(deleted), owner))
    return owner[order], pa.concat_arrays(variants).take(order)
