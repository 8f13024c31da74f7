r"""Stream a SQL dump (mysqldump/mariadb-dump, pg_dump plain, sqlite3 .dump) as
Arrow record batches of strings per table, damage counted and located, never echoed.

The dump is read by chunks through a :class:`~scanner.sql_lexer.TextBuffer`.
Rows of an INSERT are matched a whole tuple at a time by one regex built
for the table's width (``Pattern.scanner`` walks consecutive tuples in C),
COPY rows are split on tabs, and values are decoded per column
(:mod:`scanner.sql_columns`): Python work is per row at most, and per value
only for values holding an escape. A tuple the fast regex does not take (a
value longer than the window, a width that does not match, damage) is read
value by value; a long value is then streamed and cut at ``MAX_VALUE``.

>>> import io
>>> dump = b'''CREATE TABLE `p` (`id` int, `nom` varchar(9), PRIMARY KEY (`id`));
... INSERT INTO `p` VALUES (1,'L\\'Hay'),(2,NULL);
... '''
>>> r = SqlDumpReader(io.BytesIO(dump))
>>> [(t, b.to_pylist()) for t, b in r.tables()]
[('p', [{'id': '1', 'nom': "L'Hay"}, {'id': '2', 'nom': None}])]
>>> r.dialect, r.columns, r.records, r.malformed
('mysql', {'p': ['id', 'nom']}, {'p': 2}, 0)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from typing import Iterator

import numpy as np
import pyarrow as pa

from .sql_columns import copy_batch, copy_block, values_batch, values_block
from .sql_dialects import BY_NAME, ESCAPED_BODY, PLAIN_BODY, POSTGRESQL, POSTGRESQL_LEGACY, Literals, detect
from .sql_lexer import LOOKAHEAD, TextBuffer, skip_gap, statement_end, statement_pattern
from .sql_schema import IDENT, NAME, dotted, names, parse_alter_table, parse_create_table, unquote

MAX_VALUE = 8 << 20
MAX_PENDING = 64 << 20  # characters of dump text held in the rows of one unfinished batch
SLOW_ROWS = 1024  # tuples read one by one before the block path is tried again
BLOCK_MIN, BLOCK_MAX = 8 << 10, 4 << 20  # characters of one block: halved when one fails, doubled when one is taken
PROBLEMS_MAX = 100

STATEMENT = re.compile(r"([A-Za-z_]+)|(\\)")
SKIPPED = frozenset(
    "SET DROP LOCK UNLOCK COMMENT SELECT BEGIN COMMIT END START PRAGMA GRANT REVOKE REFRESH ROLLBACK "
    "SAVEPOINT RELEASE TRUNCATE DELETE UPDATE ANALYZE VACUUM REINDEX FLUSH CREATE ALTER USE INSERT REPLACE COPY".split()
)
INSERT_HEAD = re.compile(
    rf"(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE|OR\s+\w+)\s+)*(?:INTO\s+)?"
    rf"(?P<name>{NAME})\s*(?:\((?P<cols>[^()]*)\)\s*)?VALUES\s*",
    re.I,
)
COPY_HEAD = re.compile(rf"COPY\s+(?P<name>{NAME})\s*(?:\((?P<cols>[^()]*)\)\s*)?FROM\s+stdin\b[^\n]*\n", re.I)
COPY_END = re.compile(r"^\\\.[^\n]*", re.M)
COPY_FIELD_END = re.compile(r"[\t\n]")
# Where reading resumes after damage: the next line that starts a statement.
RESYNC = re.compile(
    r"\n(?=(?:INSERT|REPLACE|COPY|CREATE|ALTER|DROP|LOCK|UNLOCK|SET|SELECT|COMMIT|BEGIN|PRAGMA|USE|--|/\*)\b)", re.I
)
LINE_END = re.compile(r"\n")
DELIMITER_END = re.compile(r"^DELIMITER\s+;[ \t]*\r?$", re.M | re.I)
USE = re.compile(rf"USE\s+(?P<name>{IDENT})", re.I)
STANDARD_STRINGS = re.compile(r"SET\s+standard_conforming_strings\s*=\s*'?(on|off)", re.I)
SPACE = re.compile(r"\s*")
AFTER_TUPLE = re.compile(r"\s*(?:,\s*)?")
SEPARATOR = re.compile(r"\s*([,)])")
PLAIN_RUN = re.compile(PLAIN_BODY)
ESCAPED_RUN = re.compile(ESCAPED_BODY, re.S)
BARE_RUN = re.compile(r"[^\s,()']*")


@lru_cache(maxsize=None)
def _gap(literals: Literals) -> re.Pattern:
    return re.compile(rf"(?:\s+|;|{literals.comments})*", re.S)


@lru_cache(maxsize=None)
def _statement(literals: Literals) -> re.Pattern:
    return re.compile(statement_pattern(literals.strings, literals.comments, literals.openers), re.S)


@lru_cache(maxsize=256)
def _tuple(literals: Literals, width: int) -> re.Pattern:
    """A whole tuple of ``width`` values and the comma after it, one group per value."""
    return re.compile(r"\(\s*" + r",\s*".join([literals.value] * width) + r"\s*\)\s*(?:,\s*)?", re.S)


@lru_cache(maxsize=256)
def _block(literals: Literals, width: int, head: str) -> tuple[re.Pattern, str, str]:
    """Consecutive tuples as dump tools write them (no space outside strings, no prefixed
    strings; values split by ``,``, or ``, `` for PostgreSQL), joined by ``,`` or by ``;``,
    a newline and the same INSERT head again; with the texts that separate them."""
    body = ESCAPED_BODY if literals.quote_escapes else PLAIN_BODY
    separator = ", " if literals.name == "postgresql" else ","
    value = rf"(?:'{body}'|[^\s,()'\\]++)"
    one = r"\(" + re.escape(separator).join([value] * width) + r"\)"
    pattern = re.compile(rf"{one}(?:(?:,|;\n{re.escape(head)}){one})*+", re.S)
    return pattern, f");\n{head}(", separator


@lru_cache(maxsize=None)
def _field(literals: Literals) -> re.Pattern:
    return re.compile(rf"\s*{literals.value}\s*([,)])", re.S)


@lru_cache(maxsize=None)
def _opener(literals: Literals) -> re.Pattern:
    return re.compile(literals.opener)


@dataclass
class _Pending:
    """Rows parsed for the next batch of one table: ``key`` is (kind, table, names, literals);
    ``parts`` in dump order, each a list of parsed rows or a batch already built."""

    key: tuple
    parts: list = field(default_factory=list)
    count: int = 0
    size: int = 0


class SqlDumpReader:
    """Read the SQL dump on ``stream`` (``.read(n)`` -> UTF-8 bytes); see :meth:`tables`."""

    def __init__(self, stream, batch_rows: int = 65536) -> None:
        self._buf = TextBuffer(stream)
        self._batch_rows = batch_rows
        self._literals = BY_NAME[None]
        self._database: str | None = None
        self._pending: _Pending | None = None
        self._block_chars = BLOCK_MAX
        self._tuples_until = 0  # stream offset before which tuples are read one by one (a block failed there)
        self.dialect: str | None = None
        self.columns: dict[str, list[str]] = {}
        self.foreign_keys: dict[str, list[tuple[str, str, str]]] = {}
        self.records: dict[str, int] = {}
        self.malformed = 0
        self.cut_values = 0
        self.problems: list[str] = []

    # -- the statement loop -------------------------------------------------

    def tables(self) -> Iterator[tuple[str, pa.RecordBatch]]:
        """(table, batch of string columns, null for SQL NULL) in dump order."""
        buf = self._buf
        if buf.fill():
            self.dialect = detect(buf.text[:LOOKAHEAD])
            self._literals = BY_NAME[self.dialect]
        while True:
            skip_gap(buf, _gap(self._literals))
            if not buf.fill():
                break
            yield from self._statement()
        yield from self._flush()

    def _statement(self) -> Iterator[tuple[str, pa.RecordBatch]]:
        buf = self._buf
        line = buf.line()
        m = STATEMENT.match(buf.text, buf.pos)
        keyword = m[1].upper() if m and m[1] else ""
        if m and m[2]:  # a psql meta-command (\connect, \restrict): one line, no ';'
            buf.skip_past(LINE_END)
            return
        head = keyword in ("INSERT", "REPLACE") and INSERT_HEAD.match(buf.text, buf.pos)
        if head:
            yield from self._values(head)
            return
        head = keyword == "COPY" and COPY_HEAD.match(buf.text, buf.pos)
        if head:
            yield from self._copy(head)
            return
        if keyword == "DELIMITER":  # mysqldump --routines: bodies up to `DELIMITER ;`
            buf.skip_past(DELIMITER_END)
            return
        if keyword not in SKIPPED:
            self._problem(f"unknown statement at line {line} skipped")
            self._resync()
            return
        text = statement_end(buf, _statement(self._literals), keep=keyword in ("CREATE", "ALTER", "USE", "SET"))
        if text is None:
            self._problem(f"{keyword} statement at line {line} has no end; skipped")
            self._resync()
        elif keyword in ("INSERT", "REPLACE"):
            self._problem(f"{keyword} without VALUES at line {line} skipped")
        else:
            self._schema(keyword, text)

    def _schema(self, keyword: str, text: str) -> None:
        """Learn names and keys from DDL, the database from USE, string rules from SET."""
        if keyword == "CREATE":
            table = parse_create_table(text)
            if table:
                name = self._qualify(table.name)
                self.columns[name] = table.columns
                self.records.setdefault(name, 0)
                self._add_keys(name, table.foreign_keys)
        elif keyword == "ALTER":
            altered = parse_alter_table(text)
            if altered:
                self._add_keys(self._qualify(altered[0]), altered[1])
        elif keyword == "USE":
            m = USE.match(text)
            self._database = unquote(m["name"]) if m else self._database
        elif self.dialect == "postgresql":
            m = STANDARD_STRINGS.match(text)
            if m:
                self._literals = POSTGRESQL if m[1].lower() == "on" else POSTGRESQL_LEGACY

    def _add_keys(self, table: str, keys: list[tuple[str, str, str]]) -> None:
        if keys:
            self.foreign_keys.setdefault(table, []).extend((c, self._qualify(t), r) for c, t, r in keys)

    def _qualify(self, name: str) -> str:
        """A table named without its database, after `USE db`, is `db.name`."""
        return f"{self._database}.{name}" if self._database and "." not in name else name

    def _target(self, head: re.Match) -> tuple[str, list[str] | None]:
        """The table a data statement fills and its column names, if known yet."""
        table = self._qualify(dotted(head["name"]))
        self.records.setdefault(table, 0)
        if head["cols"]:
            listed = names(head["cols"])
            self.columns.setdefault(table, listed)
            return table, listed
        return table, self.columns.get(table)

    def _default_names(self, table: str, width: int) -> list[str]:
        listed = [f"col_{i}" for i in range(1, width + 1)]
        self.columns.setdefault(table, listed)
        return listed

    # -- INSERT ... VALUES ---------------------------------------------------

    def _values(self, head: re.Match) -> Iterator[tuple[str, pa.RecordBatch]]:
        buf, literals = self._buf, self._literals
        if self.dialect is None and "`" in head["name"]:
            self.dialect, literals = "mysql", BY_NAME["mysql"]
        table, listed = self._target(head)
        repeated = buf.text[head.start() : head.end()]
        buf.pos = head.end()
        while True:
            while listed:
                taken = yield from self._blocks(table, listed, literals, repeated)
                taken = (yield from self._tuples(table, listed, literals)) or taken
                if not taken:
                    break
            buf.fill()
            buf.pos = SPACE.match(buf.text, buf.pos).end()
            char = buf.text[buf.pos : buf.pos + 1]
            if char == ";":
                buf.pos += 1
                return
            if char != "(":
                line = buf.line()
                what = "unexpected text after a row" if char else "statement ends without ';'"
                self._problem(f"table {table}: {what} at line {line}; resumed at the next statement")
                self._resync()
                return
            row = self._slow_tuple(table, literals)
            if row is None:
                return
            listed = listed or self._default_names(table, len(row))
            if len(row) == len(listed):
                yield from self._add(("values", table, tuple(listed), literals), [row], 0)
            else:
                self.malformed += 1
                self._problem(f"table {table}: row of {len(row)} values for {len(listed)} columns at line {buf.line()}")

    def _blocks(self, table: str, listed: list[str], literals: Literals, head: str):
        """Take runs of tuples written as dump tools write them, a window's worth at a time,
        through pyarrow's CSV parser; True if any was taken. Generator."""
        buf, taken = self._buf, False
        pattern, next_statement, separator = _block(literals, len(listed), head)
        key = ("values", table, tuple(listed), literals)
        while buf.fill() and buf.offset >= self._tuples_until:
            # The block ends before the window does, so that the comma after it is seen and taken.
            m = pattern.match(buf.text, buf.pos, min(len(buf.text) - 1, buf.pos + self._block_chars))
            batch = m and values_block(buf.text[buf.pos : m.end()], list(listed), literals, next_statement, separator,
                                      _tuple(literals, len(listed)))
            if not batch:
                # A value the block path cannot take exactly: smaller blocks keep the rows around it
                # fast. A first tuple the block pattern does not take (sqlite's replace(), a prefixed
                # string) is read alone, and does not shrink the blocks.
                if m:
                    self._block_chars = max(BLOCK_MIN, self._block_chars // 2)
                self._tuples_until = buf.offset + (m.end() - buf.pos if m else 1)
                break
            self._block_chars = min(BLOCK_MAX, self._block_chars * 2)
            size, buf.pos = m.end() - buf.pos, AFTER_TUPLE.match(buf.text, m.end()).end()
            yield from self._add(key, batch, size)
            taken = True
        return taken

    def _tuples(self, table: str, listed: list[str], literals: Literals):
        """Take up to SLOW_ROWS consecutive whole tuples of the table's width, one regex match
        each; True if any was taken. Generator."""
        buf, pattern = self._buf, _tuple(literals, len(listed))
        key = ("values", table, tuple(listed), literals)
        if not buf.fill():
            return False
        start = buf.pos
        matches = list(islice(iter(pattern.scanner(buf.text, start).match, None), min(SLOW_ROWS, self._room(key))))
        if not matches:
            return False
        buf.pos = matches[-1].end()
        yield from self._add(key, list(map(re.Match.groups, matches)), buf.pos - start)
        return True

    def _slow_tuple(self, table: str, literals: Literals) -> tuple[str, ...] | None:
        """One tuple read value by value, long values streamed; None (problem noted) if unreadable."""
        buf, pattern = self._buf, _field(literals)
        line = buf.line()
        buf.pos += 1
        tokens: list[str] = []
        while True:
            buf.fill()
            m = pattern.match(buf.text, buf.pos)
            if m:
                tokens.append(m[1])
                buf.pos, separator = m.end(), m[2]
            else:
                token = self._long_token(table, literals)
                after = token is not None and buf.fill() and SEPARATOR.match(buf.text, buf.pos)
                if not after:
                    return self._broken(table, line)
                tokens.append(token)
                buf.pos, separator = after.end(), after[1]
            if separator == ")":
                buf.pos = AFTER_TUPLE.match(buf.text, buf.pos).end()
                return tuple(tokens)

    def _long_token(self, table: str, literals: Literals) -> str | None:
        """A value too long for the window, streamed, its first MAX_VALUE characters
        kept; None if the dump ends inside it or it is not a value."""
        buf = self._buf
        opener = _opener(literals).match(buf.text, buf.pos)
        if opener:
            run = ESCAPED_RUN if literals.body_escapes(opener[1]) else PLAIN_RUN
            buf.pos = opener.end()
        else:
            run = BARE_RUN
            buf.pos = SPACE.match(buf.text, buf.pos).end()
        line, pieces, kept, cut = buf.line(), [opener[1] if opener else ""], 0, False
        while True:
            end = run.match(buf.text, buf.pos).end()
            take = min(end, buf.pos + MAX_VALUE - kept)
            pieces.append(buf.text[buf.pos : take])
            kept, cut, buf.pos = kept + take - buf.pos, cut or take < end, end
            # A run stops at its end or at the window's end (perhaps inside "''" or "\x").
            if not opener and buf.remaining or buf.remaining >= 2 or buf.remaining == 1 and buf.eof:
                break
            if not buf.grow():
                return None
        if opener:
            if buf.text[buf.pos] != "'":
                return None
            buf.pos += 1
            pieces.append("'")
        if cut:
            self._cut(table, line)
        return "".join(pieces) if kept or opener else None

    def _broken(self, table: str, line: int) -> None:
        """Note a row that cannot be read and move on to the next statement."""
        self.malformed += 1
        buf = self._buf
        if buf.eof and "\n" not in buf.text[buf.pos :]:
            self._problem(f"table {table}: dump ends inside a row at line {line}")
            buf.pos = len(buf.text)
        else:
            self._problem(f"table {table}: unreadable row at line {line}; resumed at the next statement")
            self._resync()

    # -- COPY ... FROM stdin ---------------------------------------------------

    def _copy(self, head: re.Match) -> Iterator[tuple[str, pa.RecordBatch]]:
        buf = self._buf
        self.dialect = self.dialect or "postgresql"
        table, listed = self._target(head)
        buf.pos = head.end()
        while buf.fill():
            text, pos = buf.text, buf.pos
            end = COPY_END.search(text, pos)
            stop = end.start() if end else max(pos, text.rfind("\n", pos) + 1)
            if stop > pos:
                buf.pos = stop
                yield from self._copy_rows(table, listed, text[pos:stop], lambda: buf.line(pos))
                listed = self.columns[table]
            if end:
                buf.pos = end.end()
                return
            if stop == pos:
                line = buf.line()
                row = self._long_copy_row(table, line)
                if row is None:
                    self.malformed += 1
                    break
                listed = listed or self._default_names(table, len(row))
                rows = self._right_width(table, [row], len(listed), lambda: line)
                yield from self._add(("copy", table, tuple(listed), None), rows, 0)
        self._problem(f"table {table}: dump ends inside COPY data at line {buf.line()}")
        buf.pos = len(buf.text)

    def _copy_rows(self, table: str, listed: list[str] | None, block: str, first_line) -> Iterator[tuple[str, pa.RecordBatch]]:
        """The rows of whole COPY lines: through pyarrow when every row has the table's width,
        else split here and the rows of another width counted."""
        batch = listed and copy_block(block, listed)
        if batch:
            yield from self._add(("copy", table, tuple(listed), None), batch, len(block))
            return
        block = block.replace("\r\n", "\n")  # a raw CR is never data in COPY text
        rows = list(map(str.split, block[:-1].split("\n"), repeat("\t")))
        listed = listed or self._default_names(table, len(rows[0]))
        rows = self._right_width(table, rows, len(listed), first_line)
        yield from self._add(("copy", table, tuple(listed), None), rows, len(block))

    def _right_width(self, table: str, rows: list[list[str]], width: int, first_line) -> list[list[str]]:
        """``rows`` without those of another width (counted; the first located
        from ``first_line()``, the line of ``rows[0]``)."""
        if set(map(len, rows)) == {width}:
            return rows
        bad = [i for i, row in enumerate(rows) if len(row) != width]
        self.malformed += len(bad)
        where = first_line() + bad[0]
        self._problem(f"table {table}: {len(bad)} rows with a wrong number of fields, the first at line {where}")
        return [row for row in rows if len(row) == width]

    def _long_copy_row(self, table: str, line: int) -> list[str] | None:
        """A COPY row longer than the window, field by field, each cut at MAX_VALUE
        characters; None if the dump ends inside it."""
        buf = self._buf
        fields, pieces, kept, cut = [], [], 0, False
        while True:
            m = COPY_FIELD_END.search(buf.text, buf.pos)
            end = m.start() if m else len(buf.text)
            take = min(end, buf.pos + MAX_VALUE - kept)
            pieces.append(buf.text[buf.pos : take])
            kept, cut, buf.pos = kept + take - buf.pos, cut or take < end, end
            if m:
                fields.append("".join(pieces))
                pieces, kept, buf.pos = [], 0, m.end()
                if m[0] == "\n":
                    break
            elif not buf.grow():
                return None
        if cut:
            self._cut(table, line)
        return fields

    # -- batches and damage ----------------------------------------------------

    def _room(self, key: tuple) -> int:
        pending = self._pending
        return self._batch_rows - (pending.count if pending and pending.key == key else 0)

    def _add(self, key: tuple, rows: list | pa.RecordBatch, size: int) -> Iterator[tuple[str, pa.RecordBatch]]:
        """Queue ``rows`` (parsed rows or a batch; ``size`` characters of dump) for ``key``'s
        next batch, emitting full batches."""
        if self._pending and self._pending.key != key:
            yield from self._flush()
        pending = self._pending = self._pending or _Pending(key)
        parts = pending.parts
        if isinstance(rows, list) and parts and isinstance(parts[-1], list):
            parts[-1].extend(rows)
        else:
            parts.append(rows)
        pending.count += len(rows)
        pending.size += size
        if pending.count >= self._batch_rows:
            batch = self._built(pending)
            full = pending.count - pending.count % self._batch_rows
            for start in range(0, full, self._batch_rows):
                yield self._counted(key, batch.slice(start, self._batch_rows))
            pending.parts, pending.count = ([batch.slice(full)] if full < batch.num_rows else []), batch.num_rows - full
        if pending.size >= MAX_PENDING:
            yield from self._flush()

    def _flush(self) -> Iterator[tuple[str, pa.RecordBatch]]:
        pending, self._pending = self._pending, None
        if pending and pending.count:
            yield self._counted(pending.key, self._built(pending))

    def _built(self, pending: _Pending) -> pa.RecordBatch:
        """The pending rows as one batch."""
        kind, _, listed, literals = pending.key
        names = list(listed)
        built = [part for part in pending.parts if isinstance(part, pa.RecordBatch)]
        rows = [row for part in pending.parts if isinstance(part, list) for row in part]
        if rows:
            # Every parsed row in one batch: building columns costs per call, not per row.
            built.append(values_batch(rows, names, literals) if kind == "values" else copy_batch(rows, names))
        if len(built) == 1:
            return built[0]
        # Put the rows back in dump order: ready-made batches first in ``built``, parsed rows last.
        where, ready, parsed = [], 0, sum(len(b) for b in built[:-1]) if rows else 0
        for part in pending.parts:
            if isinstance(part, list):
                where.append(np.arange(parsed, parsed + len(part)))
                parsed += len(part)
            else:
                where.append(np.arange(ready, ready + part.num_rows))
                ready += part.num_rows
        table = pa.Table.from_batches(built).combine_chunks()
        return table.take(pa.array(np.concatenate(where))).to_batches()[0]

    def _counted(self, key: tuple, batch: pa.RecordBatch) -> tuple[str, pa.RecordBatch]:
        self.records[key[1]] += batch.num_rows
        return key[1], batch

    def _cut(self, table: str, line: int) -> None:
        self.cut_values += 1
        self._problem(f"table {table}: a value longer than {MAX_VALUE >> 20} MiB cut short at line {line}")

    def _problem(self, message: str) -> None:
        if len(self.problems) < PROBLEMS_MAX:
            self.problems.append(message)
        elif len(self.problems) == PROBLEMS_MAX:
            self.problems.append("further problems not listed")

    def _resync(self) -> None:
        self._buf.skip_past(RESYNC)
