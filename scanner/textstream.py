"""Bytes of any supported encoding in, valid UTF-8 out, damage counted and located.

pyarrow's CSV reader wants UTF-8 and fails a whole block on one bad byte, so
every input passes through :class:`Utf8Stream`: UTF-8 is validated chunk by
chunk (no copy when clean), other encodings are transcoded, and undecodable
bytes become U+FFFD, counted with their line numbers. The stream also counts
newlines and keeps a window of recent output so that a row pyarrow rejects can
be located by line without its text ever being shown.

>>> import io
>>> s = Utf8Stream(io.BytesIO("nom;ville\\nLéa;Sète\\n".encode("cp1252")), "cp1252")
>>> s.read(100).decode("utf-8")
'nom;ville\\nLéa;Sète\\n'
>>> s = Utf8Stream(io.BytesIO(b"a\\nb\\xff\\nc\\n"), "utf-8"); _ = s.read(100); _ = s.read(100)
>>> s.bad_bytes, s.bad_lines
(1, [2])
"""
from __future__ import annotations

import codecs
from collections import deque

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CHUNK = 1 << 20
WINDOW = 32 << 20
LOCATED_MAX = 1000
MAX_LINE = 4 << 20  # half of the CSV reader's block (csv_reader.BLOCK_SIZE)


def sniff_encoding(sample: bytes) -> str:
    """Name the encoding of ``sample``: a BOM decides, else UTF-8 unless it mostly fails.

    A few bad bytes among many good UTF-8 sequences is a damaged UTF-8 file,
    not a Windows-1252 one.

    >>> sniff_encoding("prénom".encode("utf-8")), sniff_encoding("prénom".encode("cp1252"))
    ('utf-8', 'cp1252')
    >>> sniff_encoding(codecs.BOM_UTF16_LE + "nom".encode("utf-16-le"))
    'utf-16'
    """
    for bom, name in BOMS:
        if sample.startswith(bom):
            return name
    if sample[1:200:2].count(0) > 80 and not sample[0:200:2].count(0):
        return "utf-16-le"
    text = sample.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - sample.count("\ufffd".encode())
    if errors <= 0:
        return "utf-8"
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    # Every byte of a cp1252 accent is an error in UTF-8; a damaged UTF-8 file has few.
    return "utf-8" if good >= 4 * errors else "cp1252"


class Utf8Stream:
    """Read ``raw`` (in ``encoding``) as valid UTF-8 bytes, counting undecodable bytes."""

    def __init__(self, raw, encoding: str, max_line: int = MAX_LINE) -> None:
        self._raw = raw
        self._max_line = max_line
        self._line_len = 0
        self._dropping = False
        self._dropped_quotes = 0
        self.clipped_lines: list[int] = []
        self._utf8 = encoding in ("utf-8", "utf-8-sig")
        self._skip_bom = encoding == "utf-8-sig"
        self._decoder = None if self._utf8 else codecs.getincrementaldecoder(encoding)(errors="replace")
        self._carry = b""
        self._eof = False
        self._pending: list[bytes] = []  # output not yet read, joined once per read
        self._pending_size = 0
        self.bad_bytes = 0
        self.bad_lines: list[int] = []
        self.lines = 0  # newlines emitted so far
        self.out_bytes = 0
        # The window is kept as the chunks emitted (with their newlines) and joined only
        # when a rejected row must be located: most inputs never need it.
        self._chunks: deque[tuple[bytes, int]] = deque()
        self._chunks_size = 0
        self._joined: bytes | None = None
        self._win_line = 0  # newlines before the window
        self._seek_pos = 0
        self._seek_line = 0

    def _note_bad(self, text: str, count: int) -> None:
        self.bad_bytes += count
        pos = text.find("\ufffd")
        line = self.lines
        last = 0
        while pos >= 0 and len(self.bad_lines) < LOCATED_MAX:
            line += text.count("\n", last, pos)
            last = pos
            if not self.bad_lines or self.bad_lines[-1] != line + 1:
                self.bad_lines.append(line + 1)
            pos = text.find("\ufffd", pos + 1)

    def _decode(self, data: bytes, final: bool) -> bytes:
        if self._utf8:
            data = self._carry + data
            try:
                _, used = codecs.utf_8_decode(data, "strict", final)
                out = data[:used]
            except UnicodeDecodeError:
                text, used = codecs.utf_8_decode(data, "replace", final)
                self._note_bad(text, text.count("\ufffd") - data[:used].count("\ufffd".encode()))
                out = text.encode("utf-8")
            self._carry = data[used:]
            return out
        text = self._decoder.decode(data, final)
        bad = text.count("\ufffd")
        if bad:
            self._note_bad(text, bad)
        return text.encode("utf-8")

    def _clip(self, out: bytes) -> bytes:
        """Cut the part of any physical line beyond ``max_line`` bytes (pyarrow cannot
        parse a row larger than its block)."""
        if not self._dropping and self._line_len + len(out) <= self._max_line:
            nl = out.rfind(b"\n")
            self._line_len = self._line_len + len(out) if nl < 0 else len(out) - nl - 1
            return out
        pieces, start, line = [], 0, self.lines + 1
        while True:
            nl = out.find(b"\n", start)
            pieces.append(self._clip_segment(out[start : nl if nl >= 0 else len(out)], nl >= 0, line))
            if nl < 0:
                return b"".join(pieces)
            pieces.append(b"\n")
            start, line = nl + 1, line + 1

    def _clip_segment(self, seg: bytes, ends_line: bool, line: int) -> bytes:
        """One piece of a line: keep what fits, drop the rest; the quote parity of
        what is dropped is kept so the rows after it still parse."""
        kept, rest = (b"", seg) if self._dropping else (seg, b"")
        room = self._max_line - self._line_len
        if not self._dropping and len(seg) > room:
            keep = max(room, 0)
            while 0 < keep < len(seg) and seg[keep] & 0xC0 == 0x80:
                keep -= 1  # never split a UTF-8 sequence
            kept, rest = seg[:keep], seg[keep:]
            self._dropping, self._dropped_quotes = True, 0
            self.clipped_lines.append(line)
        self._line_len += len(kept)
        if self._dropping:
            self._dropped_quotes += rest.count(b'"')
            if ends_line:
                self._dropping = False
                kept += b'"' if self._dropped_quotes % 2 else b""
        if ends_line:
            self._line_len = 0
        return kept

    def _emit(self, out: bytes) -> None:
        out = self._clip(out)
        self._pending.append(out)
        self._pending_size += len(out)
        newlines = out.count(b"\n")
        self._chunks.append((out, newlines))
        self._chunks_size += len(out)
        self._joined = None
        cut = 0
        while self._chunks_size - cut > WINDOW:
            dropped, dropped_lines = self._chunks.popleft()
            self._chunks_size -= len(dropped)
            cut += len(dropped)
            self._win_line += dropped_lines
        if cut:
            if self._seek_pos >= cut:
                self._seek_pos -= cut
            else:
                self._seek_pos, self._seek_line = 0, self._win_line
        self.lines += newlines
        self.out_bytes += len(out)

    def read(self, size: int = CHUNK) -> bytes:
        size = size if size and size > 0 else CHUNK
        while self._pending_size < size and not self._eof:
            data = self._raw.read(CHUNK)
            if self._skip_bom:
                data = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
                self._skip_bom = False
            self._eof = not data
            self._emit(self._decode(data, self._eof))
        pending = b"".join(self._pending)
        out, rest = pending[:size], pending[size:]
        self._pending, self._pending_size = [rest] if rest else [], len(rest)
        return out

    # pyarrow's PythonFile asks these of any file-like object it wraps.
    closed = False

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True

    def locate(self, row_text: str) -> int | None:
        """1-based line where ``row_text`` (a row pyarrow rejected) starts, if still in the window.

        Rows are located in the order pyarrow reports them, so each search
        starts after the previous hit.
        """
        needle = row_text.encode("utf-8")
        if self._joined is None:
            self._joined = b"".join(chunk for chunk, _ in self._chunks)
        window = self._joined
        pos = self._seek_pos - 1
        while True:
            pos = window.find(needle, pos + 1)
            if pos < 0:
                return None
            # A hit counts only as a whole physical row, not as the prefix of a longer one.
            end = pos + len(needle)
            if (pos == 0 or window[pos - 1] == 10) and (end == len(window) or window[end] in (10, 13)):
                break
        line = self._seek_line + window.count(b"\n", self._seek_pos, pos)
        self._seek_pos, self._seek_line = pos + len(needle), line + needle.count(b"\n")
        return line + 1
