"""RE2 pattern helpers shared by the health categories.

Text is never normalised row by row: patterns absorb the variation instead.
Vowels and ``c`` become accent classes, spaces and hyphens inside a term
become optional separators, and word edges are made to work with RE2, whose
``\\b`` only knows ASCII letters (between a space and ``é`` there is no ``\\b``,
so an accented edge uses ``\\B`` instead).  All matching is case-insensitive.

>>> import pyarrow as pa
>>> values = pa.array(["Échographie T2", "ECHOGRAPHIE", "Vihiers", "vih-1", None])
>>> matches(values, word("échographie", "vih-1")).tolist()
[True, True, False, True, False]
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pyarrow as pa

# Where the categories find it, next to the helpers that write their patterns.
from .compiled import matches  # noqa: F401
from .replaced import replace

_VARIANTS = {
    "a": ("a", "à", "â", "ä"),
    "c": ("c", "ç"),
    "e": ("e", "é", "è", "ê", "ë"),
    "i": ("i", "î", "ï"),
    "o": ("o", "ô", "ö"),
    "u": ("u", "ù", "û", "ü"),
    "œ": ("oe", "œ"),
}
_BASE = {v: base for base, variants in _VARIANTS.items() for v in variants if len(v) == 1}
# Written between two parts of a term, these separators may be doubled,
# swapped for one another or left out: "post-partum", "post partum", "postpartum".
_SEPARATORS = " -'’"
_SEPARATOR = r"[\s'’-]*"


def _variants(char: str) -> tuple[str, ...]:
    return _VARIANTS.get(_BASE.get(char, char), (char,))


def _is_word(text: str) -> bool:
    """True when RE2's ASCII ``\\w`` matches the first character of ``text``."""
    return text[:1].isascii() and (text[:1].isalnum() or text[:1] == "_")


def _atom(variants: tuple[str, ...]) -> str:
    escaped = [re.escape(v) for v in variants]
    if len(escaped) == 1:
        return escaped[0]
    if all(len(v) == 1 for v in variants):
        return "[" + "".join(escaped) + "]"
    return "(?:" + "|".join(escaped) + ")"


def fold(term: str) -> str:
    """The RE2 pattern for ``term`` with accent classes and loose separators.

    >>> print(fold("bêta-hcg"))
    b[eéèêë]t[aàâä][\\s'’-]*h[cç]g
    """
    out: list[str] = []
    for char in term.lower():
        if char in _SEPARATORS:
            if not out or out[-1] != _SEPARATOR:
                out.append(_SEPARATOR)
        else:
            out.append(_atom(_variants(char)))
    return "".join(out)


def _edge(char: str, *, left: bool) -> str:
    """The first (or last) letter of a term, with its word boundary."""
    variants = _variants(char)
    ascii_ = tuple(v for v in variants if _is_word(v))
    other = tuple(v for v in variants if not _is_word(v))
    if not ascii_ and not any(c.isalpha() for c in char):
        return _atom(variants)  # punctuation such as "+" delimits itself
    parts = []
    if ascii_:
        parts.append(rf"\b{_atom(ascii_)}" if left else rf"{_atom(ascii_)}\b")
    if other:
        parts.append(rf"\B{_atom(other)}" if left else rf"{_atom(other)}\B")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def word(*terms: str, stem: bool = False) -> str:
    """A pattern matching any of ``terms`` as whole words.

    With ``stem=True`` the right edge is left open, so ``accouch`` finds
    ``accouchement`` and ``accouchée``.  An ASCII edge followed by an accented
    letter still counts as a word end (RE2's ``\\b`` cannot tell): no term
    here ends where French would go on with ``é``.

    >>> import pyarrow as pa
    >>> values = pa.array(["SIDA", "subsidiaire", "accouchement", "post partum"])
    >>> matches(values, word("sida", "accouch", "post-partum")).tolist()
    [True, False, False, True]
    >>> matches(values, word("accouch", stem=True)).tolist()
    [False, False, True, False]
    """
    alternatives = []
    for term in terms:
        term = term.lower().strip()
        head = _edge(term[0], left=True)
        if len(term) == 1:
            alternatives.append(head if stem else head + r"\b")
            continue
        tail = fold(term[-1]) if stem else _edge(term[-1], left=False)
        alternatives.append(head + fold(term[1:-1]) + tail)
    return any_of(*alternatives)


def any_of(*patterns: str) -> str:
    """One non-capturing alternation of ``patterns``.

    >>> any_of("a", "b|c")
    '(?:a|b|c)'
    """
    return "(?:" + "|".join(patterns) + ")"


def mask(values: pa.Array | pa.ChunkedArray, pattern: str,
         replacement: str = " ; ") -> pa.Array | pa.ChunkedArray:
    """``values`` with every match of ``pattern`` replaced by a clause break.

    A break rather than a blank, so that nothing spans the hole afterwards.
    ``replacement`` may keep a group of the match (``" ; \\1"``).

    >>> import pyarrow as pa
    >>> mask(pa.array(["père VIH+, patient VIH-"]), "père VIH").to_pylist()
    [' ; +, patient VIH-']
    """
    return replace(values, pattern, replacement)


@cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The entries of the shipped word list ``name`` (one per line, ``#`` comments).

    >>> "truvada" in vocabulary("antiretrovirals.txt")
    True
    """
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)
