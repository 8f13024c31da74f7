"""Properties of detectors.health.classify: per-row, whatever the batching or string type."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.health import CATEGORIES, classify

# Invented snippets, positive and negative for every category.
SNIPPETS = [
    "RAS", "Sérologie VIH 1/2", "père VIH+", "Vihiers", "sous Truvada", "paiement TPE",
    "TPE après AES", "enceinte de 12 SA", "enceinte Bluetooth", "Laboratoire Bio SA",
    "IVG sur cardiopathie", "épouse enceinte", "bêta-hCG", "A+", "note A+", "groupe O nég",
    "hépatite B négative", "mère A+, patient O-", "",
]
cells = st.one_of(st.none(), st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=3)
                  .map(", ".join))
records = st.lists(st.tuples(cells, cells, st.sampled_from(["A", "O+", "Rh", None])),
                   min_size=1, max_size=40)


def _table(rows: list[tuple], kind: pa.DataType) -> pa.Table:
    exam, comment, group = zip(*rows)
    return pa.table({"examen": pa.array(exam, kind), "commentaire": pa.array(comment, kind),
                     "GRP_SANG": pa.array(group, kind)})


@settings(max_examples=15, deadline=None)
@given(records, st.integers(min_value=1, max_value=40))
def test_batching_and_string_kind_do_not_change_the_answer(rows: list[tuple], cut: int) -> None:
    whole = classify(_table(rows, pa.string()))
    large = classify(_table(rows, pa.large_string()))
    table = _table(rows, pa.string())
    parts = [classify(table.slice(0, cut)), classify(table.slice(cut))]
    for name in CATEGORIES:
        assert whole[name].tolist() == large[name].tolist()
        assert whole[name].tolist() == np.concatenate([p[name] for p in parts]).tolist()


def test_repetitive_columns_match_their_distinct_values() -> None:
    # Enough repetition that the columns are searched through their dictionary.
    exam = ["Sérologie VIH", None, "NFS", "Groupe sanguin"] * 600
    result = ["négatif", "A+", None, "O"] * 600
    chunked = pa.table({"examen": pa.chunked_array([exam[:1000], exam[1000:]]),
                        "RESULTAT": pa.chunked_array([result[:777], result[777:]])})
    got = {name: hits.reshape(-1, 4).tolist() for name, hits in classify(chunked).items()
           if name in ("hiv", "pregnancy", "blood_group")}
    assert got == {
        "hiv": [[True, False, False, False]] * 600,
        "pregnancy": [[False] * 4] * 600,
        "blood_group": [[False, True, False, True]] * 600,
    }
