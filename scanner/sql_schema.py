"""Table names, column names and foreign keys from the DDL of a dump.

Names are kept as written, unquoted (``"db"."t"`` -> ``db.t``); the reader
decides how to qualify them.

>>> t = parse_create_table('CREATE TABLE `visite` (`id` int NOT NULL, `patient_id` int, '
...     'PRIMARY KEY (`id`), KEY `p` (`patient_id`), CONSTRAINT `f` FOREIGN KEY (`patient_id`) '
...     'REFERENCES `patient` (`id`)) ENGINE=InnoDB')
>>> t.name, t.columns, t.foreign_keys
('visite', ['id', 'patient_id'], [('patient_id', 'patient', 'id')])
>>> parse_alter_table("ALTER TABLE ONLY public.visite\\n ADD CONSTRAINT f FOREIGN KEY (patient_id) "
...                   "REFERENCES public.patient(id)")
('public.visite', [('patient_id', 'public.patient', 'id')])
"""
from __future__ import annotations

import re
from dataclasses import dataclass

IDENT = r'`(?:[^`]|``)+`|"(?:[^"]|"")+"|\[[^\]]+\]|[\w$]+'
NAME = rf"(?:{IDENT})(?:\s*\.\s*(?:{IDENT}))*"
IDENT_RE = re.compile(IDENT)
CREATE_TABLE = re.compile(
    rf"CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMPORARY|TEMP|UNLOGGED)\s+)?TABLE\s+"
    rf"(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>{NAME})\s*\(",
    re.I,
)
ALTER_TABLE = re.compile(rf"ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?P<name>{NAME})", re.I)
FOREIGN_KEY = re.compile(
    rf"FOREIGN\s+KEY\s*(?:{IDENT}\s*)?\((?P<cols>[^)]*)\)\s*REFERENCES\s+(?P<table>{NAME})\s*(?:\((?P<refs>[^)]*)\))?",
    re.I,
)
INLINE_REFERENCE = re.compile(rf"\bREFERENCES\s+(?P<table>{NAME})\s*(?:\((?P<refs>[^)]*)\))?", re.I)
# What a CREATE TABLE body is split on: quoted text is one token, so its commas and parentheses do not count.
BODY_TOKEN = re.compile(r"'(?:[^'\\]|\\.|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|\[[^\]]*\]|[(),]|[^'\"`\[(),]+", re.S)
CONSTRAINTS = frozenset(
    "PRIMARY KEY CONSTRAINT UNIQUE FOREIGN INDEX CHECK FULLTEXT SPATIAL EXCLUDE LIKE PERIOD".split()
)

ForeignKey = tuple[str, str, str]


@dataclass
class CreateTable:
    """What a CREATE TABLE statement says: the table, its columns, its foreign keys (unqualified)."""

    name: str
    columns: list[str]
    foreign_keys: list[ForeignKey]


def unquote(ident: str) -> str:
    """The name an identifier stands for.

    >>> unquote('`a``b`'), unquote('"x""y"'), unquote("[n]"), unquote("nom")
    ('a`b', 'x"y', 'n', 'nom')
    """
    if ident[:1] in "`\"" and len(ident) > 1:
        return ident[1:-1].replace(ident[0] * 2, ident[0])
    return ident[1:-1] if ident[:1] == "[" else ident


def names(text: str) -> list[str]:
    """The identifiers of a list or a dotted name, unquoted.

    >>> names('`db`.`t`'), names('(id, "Nom", `x`)')
    (['db', 't'], ['id', 'Nom', 'x'])
    """
    return [unquote(m) for m in IDENT_RE.findall(text)]


def dotted(text: str) -> str:
    """A (possibly qualified) table name as one string.

    >>> dotted('public . "Patients"')
    'public.Patients'
    """
    return ".".join(names(text))


def _definitions(body: str) -> list[str]:
    """The comma-separated items of a parenthesised body (from after its ``(``), up to its ``)``."""
    items, current, depth = [], [], 1
    for token in BODY_TOKEN.findall(body):
        if token in "(),":
            depth += (token == "(") - (token == ")")
            if depth == 0 or (token == "," and depth == 1):
                items.append("".join(current).strip())
                current = []
                if depth == 0:
                    break
                continue
        current.append(token)
    return [item for item in items if item]


def _references(m: re.Match, columns: list[str]) -> list[ForeignKey]:
    refs = names(m["refs"] or "")
    return [(col, dotted(m["table"]), refs[i] if i < len(refs) else "") for i, col in enumerate(columns)]


def parse_create_table(statement: str) -> CreateTable | None:
    """Columns and foreign keys of a CREATE TABLE (None for another statement or CREATE TABLE ... AS)."""
    m = CREATE_TABLE.match(statement)
    if not m:
        return None
    table = CreateTable(dotted(m["name"]), [], [])
    for item in _definitions(statement[m.end() :]):
        first = IDENT_RE.match(item)
        if not first:
            continue
        if first[0].upper() in CONSTRAINTS:
            for fk in FOREIGN_KEY.finditer(item):
                table.foreign_keys += _references(fk, names(fk["cols"]))
            continue
        column = unquote(first[0])
        table.columns.append(column)
        inline = INLINE_REFERENCE.search(item, first.end())
        if inline:
            table.foreign_keys += _references(inline, [column])
    return table


def parse_alter_table(statement: str) -> tuple[str, list[ForeignKey]] | None:
    """The table an ALTER TABLE changes and the foreign keys it adds."""
    m = ALTER_TABLE.match(statement)
    if not m:
        return None
    keys = [key for fk in FOREIGN_KEY.finditer(statement, m.end()) for key in _references(fk, names(fk["cols"]))]
    return dotted(m["name"]), keys
