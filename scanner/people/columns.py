"""The records' state as one contiguous array per field, and the keys rules derive from it.

Rules combine fields column by column; a packed 38-byte record would make
every read strided and unaligned. Derived keys (names in either order,
NIR + birth date...) are computed when a rule asks and dropped after, so
resolve holds the fields and one rule's arrays, not every combination at 8
bytes a record. A slice of the records (``subset``) gathers only the fields
its rule reads.

>>> state = np.zeros(3, STATE); state["first"] = [4, 4, 0]; state["last"] = [9, 9, 9]; state["birth"] = 7
>>> c = Columns(gather([state]))
>>> pair = c.names_pair; bool(pair[0] == pair[1] != pair[2] != 0), c.subset(np.array([2])).first.tolist()
(True, [0])
"""
from __future__ import annotations

import numpy as np

from .hashing import combine, either_order, mix
from .record_state import OWN_NIR, SEX_SHIFT, STATE


def gather(chunks: list[np.ndarray]) -> dict[str, np.ndarray]:
    """One array per field from the ``STATE`` chunks, each chunk released (popped)
    once copied: the peak is the columns plus one chunk.

    >>> parts = [np.zeros(2, STATE), np.ones(1, STATE)]; gather(parts)["year"].tolist(), parts
    ([0, 0, 1], [])
    """
    size = sum(len(chunk) for chunk in chunks)
    fields = {name: np.empty(size, STATE[name]) for name in STATE.names}
    end = size
    while chunks:
        chunk = chunks.pop()
        for name, column in fields.items():
            column[end - len(chunk):end] = chunk[name]
        end -= len(chunk)
    return fields


def _field(name: str) -> property:
    """The ``STATE`` field ``name`` as a read-only attribute of :class:`Columns`."""
    return property(lambda columns: columns.field(name), doc=f"The ``{name}`` field of these records.")


class Columns:
    """Fields of the records (all, or the slice ``rows`` of a parent's)."""

    def __init__(self, fields: dict[str, np.ndarray], parent: "Columns | None" = None,
                 rows: np.ndarray | None = None) -> None:
        self._fields, self._parent, self._rows = fields, parent, rows

    def __len__(self) -> int:
        return len(self._rows) if self._parent is not None else len(self._fields["nir"])

    def field(self, name: str) -> np.ndarray:
        """One ``STATE`` field of these records; a slice gathers it on first use."""
        if name not in self._fields:
            self._fields[name] = self._parent.field(name)[self._rows]
        return self._fields[name]

    def subset(self, rows: np.ndarray) -> "Columns":
        """The records ``rows`` only (positions in the subset are indices into ``rows``)."""
        # As platform-size positions: numpy converts int32 ones at every field gathered.
        return Columns({}, self, rows.astype(np.intp, copy=False))

    nir = _field("nir")
    birth = _field("birth")
    first = _field("first")
    last = _field("last")
    birth_name = _field("birth_name")
    postcode = _field("postcode")

    @property
    def sex1(self) -> np.ndarray:
        """Sex + 1: a key part present (non-zero) even when the sex is unknown."""
        return (self.field("flags") >> np.uint8(SEX_SHIFT)) + np.uint8(1)

    @property
    def sex(self) -> np.ndarray:
        """Sex (1 M, 2 F), 0 when unknown: a key part only records of known sex hold."""
        return self.field("flags") >> np.uint8(SEX_SHIFT)

    @property
    def own_nir_flag(self) -> np.ndarray:
        return (self.field("flags") & OWN_NIR) != 0

    @property
    def own_nir(self) -> np.ndarray:
        return np.where(self.own_nir_flag, self.nir, np.uint64(0))

    @property
    def nir_birth(self) -> np.ndarray:
        return mix(self.nir, self.birth)

    @property
    def names_pair(self) -> np.ndarray:
        """Both names whichever column holds which, either may be missing; 0 without any."""
        first, last = self.first, self.last
        out = combine(np.minimum(first, last), np.maximum(first, last))
        out |= np.uint64(1)
        out[(first | last) == 0] = 0
        return out

    @property
    def profile(self) -> np.ndarray:
        """Birth date or first name, either may be missing: what tells a NIR's holders apart."""
        out = combine(self.birth, self.first)
        out |= np.uint64(1)
        out[(self.birth | self.first) == 0] = 0
        return out

    @property
    def names_any_order(self) -> np.ndarray:
        """First and last names in either column order + birth date; 0 unless all three."""
        return either_order(self.first, self.last, self.birth)

    @property
    def birth_names_any_order(self) -> np.ndarray:
        """First name and birth name in either order + birth date; 0 without a birth name."""
        return either_order(self.first, self.birth_name, self.birth)

    @property
    def signature(self) -> np.ndarray:
        """Every identity field at once: the key of last resort."""
        out = combine(combine(self.nir, self.birth), combine(self.first, self.last))
        out |= np.uint64(1)
        return out
