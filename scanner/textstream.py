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

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CHUNK = 1 << 20
WINDOW = 32 << 20
LOCATED_MAX = 1000


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

    def __init__(self, raw, encoding: str) -> None:
        self._raw = raw
        self._utf8 = encoding in ("utf-8", "utf-8-sig")
        self._skip_bom = encoding == "utf-8-sig"
        self._decoder = None if self._utf8 else codecs.getincrementaldecoder(encoding)(errors="replace")
        self._carry = b""
        self._eof = False
        self._pending = b""
        self.bad_bytes = 0
        self.bad_lines: list[int] = []
        self.lines = 0  # newlines emitted so far
        self.out_bytes = 0
        self._win = bytearray()
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

    def _emit(self, out: bytes) -> None:
        self._pending += out
        self._win += out
        if len(self._win) > WINDOW:
            cut = len(self._win) - WINDOW // 2
            self._win_line += self._win.count(b"\n", 0, cut)
            del self._win[:cut]
            if self._seek_pos >= cut:
                self._seek_pos -= cut
            else:
                self._seek_pos, self._seek_line = 0, self._win_line
        self.lines += out.count(b"\n")
        self.out_bytes += len(out)

    def read(self, size: int = CHUNK) -> bytes:
        size = size if size and size > 0 else CHUNK
        while len(self._pending) < size and not self._eof:
            data = self._raw.read(CHUNK)
            if self._skip_bom:
                data = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
                self._skip_bom = False
            self._eof = not data
            self._emit(self._decode(data, self._eof))
        out, self._pending = self._pending[:size], self._pending[size:]
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
        pos = self._win.find(needle, self._seek_pos)
        if pos < 0:
            return None
        line = self._seek_line + self._win.count(b"\n", self._seek_pos, pos)
        self._seek_pos, self._seek_line = pos + len(needle), line + needle.count(b"\n")
        return line + 1
