"""Stream a delimited text as Arrow record batches of strings, rows that do
not parse counted and located by line, never echoed.

The text is cut into blocks on record boundaries (quote parity) and each
block parsed by pyarrow on its own: nothing is read ahead, and a quote that
never closes costs one line, not the rest of the file.

pyarrow's own parse errors quote the offending row, so every row it rejects
goes through :meth:`CsvReader._reject`, which keeps only a line number, and
any other pyarrow error is reduced to its kind.

>>> import io
>>> from scanner.textstream import Utf8Stream
>>> from scanner.dialect import Dialect
>>> s = Utf8Stream(io.BytesIO(b"a;b\\n1;2\\n3\\n4;5\\n"), "utf-8")
>>> r = CsvReader(s, Dialect(";", True, ["a", "b"]))
>>> sum(b.num_rows for b in r.batches()), r.malformed, r.malformed_lines
(2, 1, [3])
"""
from __future__ import annotations

from typing import Iterator

import pyarrow as pa
import pyarrow.csv as pacsv

from .dialect import Dialect
from .textstream import MAX_LINE, Utf8Stream

# A record may not span blocks, so Utf8Stream clips lines at half a block. A batch is
# one block: 8 MiB (about 40,000 records) keeps per-batch costs small.
BLOCK_SIZE = 2 * MAX_LINE
LOCATED_MAX = 1000


class CsvReader:
    """Read ``stream`` with ``dialect``; afterwards ``malformed`` and ``error`` tell the damage."""

    def __init__(self, stream: Utf8Stream, dialect: Dialect, block_size: int = BLOCK_SIZE) -> None:
        self._stream = stream
        self._dialect = dialect
        self._block_size = block_size
        self.malformed = 0
        self.malformed_lines: list[int] = []
        self.error: str | None = None

    def _reject(self, row) -> str:
        self._malformed(row.text)
        return "skip"

    def _malformed(self, text: str) -> None:
        self.malformed += 1
        if len(self.malformed_lines) < LOCATED_MAX:
            line = self._stream.locate(text)
            if line is not None:
                self.malformed_lines.append(line)

    def batches(self) -> Iterator[pa.RecordBatch]:
        """Record batches whose columns are all strings, one per block of text cut on a record boundary.

        Each block is parsed on its own, so nothing is read ahead (pyarrow's
        streaming reader buffers up to 32 blocks) and a block that fails to
        parse is reported while the blocks after it are still read.
        """
        carry, first = b"", True
        while True:
            data = self._stream.read(self._block_size)
            text = carry + data
            if not text:
                return
            cut = _record_end(text) if data else len(text)
            if not cut and len(text) < self._block_size:
                carry = text  # the end of the input is near: read on to it
                continue
            skip_header, first = first and self._dialect.header, False
            if not cut:
                # No record ends in a whole block: its first line opens a quote that never
                # closes (a record may not span a block). That line is malformed, not read.
                cut = text.find(b"\n") + 1 or len(text)
                self._malformed(text[:cut].rstrip(b"\r\n").decode("utf-8"))
                carry = text[cut:]
                continue
            block, carry = text[:cut], text[cut:]
            batch = self._parse(block, skip_header)
            if batch is not None:
                yield batch

    def _parse(self, block: bytes, skip_header: bool) -> pa.RecordBatch | None:
        names = self._dialect.columns
        try:
            table = pacsv.read_csv(
                pa.BufferReader(block),
                read_options=pacsv.ReadOptions(
                    column_names=names,
                    skip_rows=1 if skip_header else 0,
                    block_size=len(block) + 1,  # one block, one batch
                    use_threads=False,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=self._dialect.delimiter,
                    quote_char='"',
                    double_quote=True,
                    newlines_in_values=True,
                    invalid_row_handler=self._reject,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={name: pa.string() for name in names},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=False,  # Utf8Stream already guarantees valid UTF-8
                ),
            )
        except (pa.ArrowInvalid, pa.ArrowException) as exc:
            # The message may quote input text: keep only where and what kind.
            if self.error is None:
                self.error = f"CSV parse error near line {self._stream.lines + 1} ({type(exc).__name__})"
            return None
        return table.combine_chunks().to_batches()[0] if table.num_rows else None


def _record_end(text: bytes) -> int:
    """Index just past the last newline of ``text`` that ends a record (an even
    number of quotes before it: ``""`` inside a quoted field counts twice), or 0.

    >>> _record_end(b'a;"x\\ny"\\nb;c'), _record_end(b'a;"x\\ny')
    (8, 0)
    """
    quotes, end = text.count(b'"'), len(text)
    while True:
        nl = text.rfind(b"\n", 0, end)
        if nl < 0:
            return 0
        quotes -= text.count(b'"', nl, end)
        if quotes % 2 == 0:
            return nl + 1
        end = nl
