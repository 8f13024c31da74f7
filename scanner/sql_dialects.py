r"""How each SQL dialect writes a value: which strings take backslash escapes,
what a comment looks like, and how a literal is decoded back to its text.

A value is matched as one token, as written (``'l\'eau'``, ``E'\t'``,
``NULL``, ``0x41``); :meth:`Literals.decode` turns a token into its text, and
:mod:`scanner.sql_columns` does the same for whole columns at once.

>>> MYSQL.unescape(r"l\'eau\n\\0\0")
"l'eau\n\\0\x00"
>>> copy_unescape(r"a\tb\\c\101\x42\303\251")
'a\tb\\cABé'
>>> detect("-- MySQL dump 10.13  Distrib 8.0.36\n"), detect("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n")
('mysql', 'sqlite')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

# Possessive runs: a string body never gives characters back, which keeps the regex fast.
PLAIN_BODY = r"[^']*+(?:''[^']*+)*+"
ESCAPED_BODY = r"[^'\\]*+(?:(?:\\.|'')[^'\\]*+)*+"
BARE = r"[^\s,()']++|[xX]'[0-9A-Fa-f]*+'"
NEVER = r"(?!)"  # SQLite has no prefixed strings
# sqlite3 3.40+ `.dump` writes a string holding a newline or CR as replace('..\n..','\n',char(10)).
SQLITE_REPLACE = r"replace\((?:replace\()?'[^']*+(?:''[^']*+)*+'(?:,'[^',()]*+',char\(\d+\)\)){1,2}"
_REPLACED = re.compile(r"(?:replace\()+'((?:[^']|'')*)'((?:,'[^',()]*',char\(\d+\)\))+)\Z", re.S)
_REPLACEMENT = re.compile(r",'([^',()]*)',char\((\d+)\)\)")
BLOCK_COMMENT = r"/\*.*?\*/"
LINE_COMMENT = r"--[^\n]*(?:\n|\Z)"
NULLS = frozenset({"NULL", "null", "Null"})


def _bytes_to_text(chars: str) -> str:
    """Octal and hex escapes name bytes: they were kept as surrogate escapes
    and are decoded here as UTF-8 together with the text around them."""
    return chars.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _byte(code: int) -> str:
    return chr(code) if code < 0x80 else chr(0xDC00 + (code & 0xFF))


def _backslash_decoder(pattern: str, simple: dict[str, str], numeric: bool) -> Callable[[str], str]:
    """A decoder for backslash escapes: ``simple`` maps the letter after the
    backslash, any other character stands for itself; ``numeric`` adds \\ooo and \\xhh bytes."""
    regex = re.compile(pattern, re.S)

    def one(m: re.Match) -> str:
        code = m[1]
        if code is None:  # a doubled quote
            return "'"
        if numeric and (len(code) > 1 or code in "01234567"):
            return _byte(int(code[1:], 16) if code[0] in "xX" else int(code, 8))
        return simple.get(code, code)

    def decode(text: str) -> str:
        if "\\" not in text and "''" not in text:
            return text
        out = regex.sub(one, text)
        return _bytes_to_text(out) if numeric else out

    return decode


unescape_mysql = _backslash_decoder(
    r"\\(.)|''", {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "%": "\\%", "_": "\\_"}, False
)
unescape_postgresql = _backslash_decoder(
    r"\\([0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)|''", {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}, True
)
_copy_decoder = _backslash_decoder(
    r"\\([0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)", {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}, True
)


def copy_unescape(text: str) -> str:
    """Decode one field of a PostgreSQL COPY text row (``\\N``, the NULL marker, is the caller's)."""
    return _copy_decoder(text) if "\\" in text else text


def unreplace(token: str) -> str | None:
    r"""The text of a sqlite3 ``replace('...','marker',char(n))`` value, markers
    replaced innermost first; None if the token is not of that form.

    >>> unreplace("replace(replace('a\\r\\012b''','\\r',char(13)),'\\012',char(10))")
    "a\r\nb'"
    """
    m = _REPLACED.match(token)
    if not m:
        return None
    text = m[1].replace("''", "'")
    for marker, code in _REPLACEMENT.findall(m[2]):
        text = text.replace(marker, chr(int(code)))
    return text


@dataclass(frozen=True)
class Literals:
    """The literal syntax of one dialect."""

    name: str | None
    quote_escapes: bool  # backslash escapes in a plain '...' string
    prefix: str  # what may precede the quote of an escaped string: E'...', _binary '...'
    strings: str  # quoted strings and identifiers, as skipped inside other statements
    openers: str  # what starts one of ``strings``
    comments: str
    unescape: Callable[[str], str]
    function: str = NEVER  # a call a dump writes as a value: sqlite's replace()

    @property
    def value(self) -> str:
        """Regex of one value as written, one group: a string, a call, a bare word, or a prefixed string."""
        body = ESCAPED_BODY if self.quote_escapes else PLAIN_BODY
        return rf"('{body}'|{self.function}|{BARE}|{self.prefix}'{ESCAPED_BODY}')"

    @property
    def opener(self) -> str:
        """Regex of the start of a string, one group."""
        return rf"\s*('|[xX]'|{self.prefix}')"

    def body_escapes(self, opener: str) -> bool:
        """Whether the string that ``opener`` starts takes backslash escapes."""
        return opener[0] not in "'xX" or self.quote_escapes and opener == "'"

    def decode(self, token: str) -> str | None:
        r"""The text a value token stands for: a string decoded, a hex literal as
        written, NULL as None.

        >>> MYSQL.decode("_binary 'a\\0'"), POSTGRESQL.decode("'it''s'"), SQLITE.decode("X'00'"), SQLITE.decode("NULL")
        ('a\x00', "it's", "X'00'", None)
        """
        opener, quote, body = token.partition("'")
        if opener.startswith("replace("):
            return unreplace(token)
        if not quote:
            return None if token in NULLS else token
        if opener and opener[0] in "xX":
            return token
        body = body[:-1]
        return self.unescape(body) if self.body_escapes(opener + quote) else body.replace("''", "'")


_COMMENTS = rf"{LINE_COMMENT}|{BLOCK_COMMENT}"
MYSQL = Literals(
    "mysql",
    True,
    r"_\w+\s*",  # a charset introducer
    r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`",
    "['\"`]",
    rf"{_COMMENTS}|#[^\n]*(?:\n|\Z)",
    unescape_mysql,
)
POSTGRESQL = Literals(
    "postgresql",
    False,
    "[eE]",
    r"[eE]'(?:[^'\\]|\\.)*'|'[^']*'|\"[^\"]*\"|\$(?P<tag>\w*)\$.*?\$(?P=tag)\$",
    r"['\"]|\$\w*\$",
    _COMMENTS,
    unescape_postgresql,
)
# `SET standard_conforming_strings = off` (dumps of PostgreSQL before 9.1): backslashes escape in '...'.
POSTGRESQL_LEGACY = Literals(
    "postgresql",
    True,
    "[eE]",
    r"[eE]?'(?:[^'\\]|\\.)*'|\"[^\"]*\"|\$(?P<tag>\w*)\$.*?\$(?P=tag)\$",
    POSTGRESQL.openers,
    _COMMENTS,
    unescape_postgresql,
)
SQLITE = Literals(
    "sqlite",
    False,
    NEVER,
    r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*\]",
    r"['\"`\[]",
    _COMMENTS,
    unescape_postgresql,
    SQLITE_REPLACE,
)
BY_NAME = {None: SQLITE, "mysql": MYSQL, "postgresql": POSTGRESQL, "sqlite": SQLITE}

_HEADERS = (
    ("mysql", re.compile(r"^-- (?:MySQL|MariaDB) dump", re.M)),
    ("postgresql", re.compile(r"^-- PostgreSQL database dump", re.M)),
)
_SIGNS = {
    "mysql": re.compile(r"^/\*!\d{5}|^LOCK TABLES|ENGINE=|AUTO_INCREMENT|`", re.M | re.I),
    "postgresql": re.compile(
        r"^COPY .* FROM stdin;|pg_catalog\.|^SET (?:search_path|standard_conforming_strings)|^\\(?:connect|restrict)",
        re.M,
    ),
    "sqlite": re.compile(r"^PRAGMA |^BEGIN TRANSACTION;|^INSERT INTO \S+ VALUES\(", re.M),
}


def detect(sample: str) -> str | None:
    """The dialect a dump's first bytes are written in: its header comment, else the most signs."""
    for name, header in _HEADERS:
        if header.search(sample):
            return name
    scores = {name: len(sign.findall(sample)) for name, sign in _SIGNS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] else None
