"""What a rule looks for: a pattern, the columns it counts in, and what puts it in doubt.

>>> from detectors.health.roles import Role
>>> from detectors.health.text import word
>>> signal = personal(word("vih"), frozenset({Role.TEXT}), word("vihiers"), deniable=True)
>>> signal.personal, signal.deniable, len(signal.masks), absent(signal).absent
(True, True, 3, True)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pyarrow as pa

from . import kin
from .roles import Role
from .text import any_of


@dataclass(frozen=True)
class Signal:
    """A pattern that marks a row when found in a column of one of ``roles``.

    ``false_friends``: text that looks like the pattern but does not count.
    ``personal``: the finding must be about the patient, not a relative, nor
    about no one (a campaign, a poster).  ``deniable``: a denied finding ("pas
    de diabète") does not count.  Either way the doubtful text is masked out
    and ``pattern`` tested again.
    ``absent``: the rule holds only where the signal is *not* found (an hCG
    that a tumour-marker context explains is no pregnancy test).
    ``confirm``: a check RE2 cannot make (a check digit), run on the values
    the pattern matched; it returns one flag per value.
    """

    pattern: str
    roles: frozenset[Role]
    false_friends: str | None = None
    personal: bool = False
    confirm: Callable[[pa.Array], np.ndarray] | None = None
    deniable: bool = False
    absent: bool = False

    @cached_property
    def _hash(self) -> int:
        return hash((self.pattern, self.roles, self.false_friends, self.personal, self.confirm,
                     self.deniable, self.absent))

    def __hash__(self) -> int:
        # Signals key the dictionaries of every batch: hash their long patterns once.
        return self._hash

    @cached_property
    def masks(self) -> tuple[tuple[str, str | None], ...]:
        """This signal's own masks, in order (the ones about other people are
        shared), each with a short pattern that any text it matches holds too
        (None: only the mask itself can tell)."""
        # Kept apart rather than joined: one alternation of them all can
        # outgrow RE2's DFA memory and fall back to a much slower search.
        denied = tuple(zip(kin.denied(self.pattern), (kin.DENIAL_BEFORE, kin.DENIAL_AFTER))
                       ) if self.deniable else ()
        return (*denied, *((friends, None) for friends in filter(None, [self.false_friends])))

    @cached_property
    def triggers(self) -> tuple[str, ...]:
        """What puts a value the pattern matched in doubt, so that it is masked."""
        return tuple(filter(None, [self.false_friends, self.deniable and kin.NEGATION]))


Rule = tuple[Signal, ...]


def personal(pattern: str, roles: frozenset[Role], *false_friends: str,
             deniable: bool = False) -> Signal:
    """A signal that counts only when about the patient, and not in ``false_friends``.

    ``deniable``: nor when denied ("pas d'antécédent psychiatrique").

    >>> import pyarrow as pa
    >>> from detectors.health.engine import Column, evaluate
    >>> from detectors.health.text import word
    >>> signal = personal(word("vih"), frozenset({Role.TEXT}), word("vihiers"))
    >>> rows = pa.chunked_array([["VIH+", "père VIH+", "père VIH+, patient VIH-"]])
    >>> evaluate([(signal,)], [Column.of(rows, Role.TEXT)], 3).tolist()
    [True, False, True]
    """
    return Signal(pattern, roles, any_of(*false_friends) if false_friends else None, True,
                  deniable=deniable)


def absent(signal: Signal) -> Signal:
    """``signal`` as a condition of a rule that it is *not* found in the row.

    >>> import pyarrow as pa
    >>> from detectors.health.engine import Column, evaluate
    >>> from detectors.health.text import word
    >>> hcg = Signal(word("hcg"), frozenset({Role.TEXT}))
    >>> tumour = Signal(word("tumeur"), frozenset({Role.TEXT}))
    >>> on = pa.chunked_array([["hCG 85", "hCG 85, tumeur germinale"]])
    >>> evaluate([(hcg, absent(tumour))], [Column.of(on, Role.TEXT)], 2).tolist()
    [True, False]
    """
    return replace(signal, absent=True)
