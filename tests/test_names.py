"""Name normalisation: what software does to a name must not change its key."""
from __future__ import annotations

import pyarrow as pa
from hypothesis import given, strategies as st

from scanner.names import MIN_TYPO_LENGTH, normalise_names, sex_codes, split_full_names, typo_variants


def test_case_accents_hyphens_apostrophes_spaces():
    spellings = ["Jean-Pierre", "JEAN PIERRE", "jean  pierre", "Jéan-Pierre", "jeanpierre"]
    assert set(normalise_names(pa.array(spellings)).to_pylist()) == {"jeanpierre"}


def test_particles_and_ligatures():
    names = pa.array(["de La Fontaine", "Fontaine", "d'Œuf", "L'Œuf", "Le"])
    assert normalise_names(names).to_pylist() == ["fontaine", "fontaine", "oeuf", "oeuf", "le"]


def test_full_name_column():
    last, first = split_full_names(pa.array(["DUPONT Marie-Ève", "Mme DU PONT Marie Eve"]))
    assert last.to_pylist() == ["dupont", "pont"] and first.to_pylist() == ["marieeve"] * 2


def test_sex_codes():
    assert sex_codes(pa.array(["Masculin", "Homme", "1", "F", "femme", "X", ""])).tolist() == [1, 1, 1, 2, 2, 0, 0]


words = st.text("abcdefghij", min_size=MIN_TYPO_LENGTH, max_size=10)


def _one_edit(word: str, position: int, letter: str, kind: int) -> str:
    i = position % len(word)
    return [word[:i] + letter + word[i + 1:],          # substitution
            word[:i] + letter + word[i:],              # insertion
            word[:i] + word[i + 1:],                   # deletion
            word[:i] + word[i + 1:i + 2] + word[i:i + 1] + word[i + 2:]][kind]  # transposition


@given(words, st.integers(0, 20), st.sampled_from("abcxyz"), st.integers(0, 3))
def test_one_edit_apart_share_a_variant(word, position, letter, kind):
    other = _one_edit(word, position, letter, kind)
    if len(other) < MIN_TYPO_LENGTH:
        return
    owner, variants = typo_variants(pa.array([word, other]))
    variants = variants.to_pylist()
    mine = {v for o, v in zip(owner, variants) if o == 0}
    theirs = {v for o, v in zip(owner, variants) if o == 1}
    assert mine & theirs


def test_short_names_are_never_edited():
    # "lea" is kept whole (a lost letter of "leah"/"lena" may give it), never edited into "le" or "la".
    owner, variants = typo_variants(pa.array(["lea", "li", None]))
    assert owner.tolist() == [0] and variants.to_pylist() == ["lea"]


def _typo_variants_oracle(names: list[str | None]) -> tuple[list[int], list[str]]:
    """The definition, name by name: the name if it has MIN_TYPO_LENGTH - 1 characters
    or more, then each deletion if it has MIN_TYPO_LENGTH or more."""
    owner, variants = [], []
    for i, name in enumerate(names):
        if name is None or len(name) < MIN_TYPO_LENGTH - 1:
            continue
        deletions = [name[:j] + name[j + 1:] for j in range(len(name))] if len(name) >= MIN_TYPO_LENGTH else []
        owner += [i] * (1 + len(deletions))
        variants += [name, *deletions]
    return owner, variants


# Any text Arrow can hold (no lone surrogates), short and long, with nulls.
_any_names = st.lists(st.none() | st.text(st.characters(exclude_categories=("Cs",)), max_size=14), max_size=30)


@given(_any_names)
def test_typo_variants_match_their_definition(names):
    owner, variants = typo_variants(pa.array(names, pa.string()))
    assert (owner.tolist(), variants.to_pylist()) == _typo_variants_oracle(names)
