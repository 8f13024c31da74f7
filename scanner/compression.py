"""Undo compression by content (magic bytes), streaming, and notice truncation.

Every codec is driven through an incremental decompressor object so that a
stream cut short is detected the same way for all of them (zstandard's own
reader returns a silent EOF on a truncated frame).

>>> import gzip, io
>>> blob = gzip.compress(b"x;y\\n1;2\\n")
>>> sniff_compression(blob[:8])
'gz'
>>> d = DecompressingReader(io.BytesIO(blob), "gz")
>>> d.read(100), d.damage
(b'x;y\\n1;2\\n', None)
>>> d = DecompressingReader(io.BytesIO(blob[:-6]), "gz"); _ = d.read(100); _ = d.read(100)
>>> d.damage
'compressed stream truncated'
"""
from __future__ import annotations

import bz2
import lzma
from typing import BinaryIO

import zstandard
from isal import isal_zlib

CHUNK = 1 << 20

MAGIC = (
    (b"\x1f\x8b", "gz"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zst"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
)


def sniff_compression(head: bytes) -> str | None:
    """The compression named by the first bytes, or None for plain data.

    >>> sniff_compression(b"nom;prenom") is None
    True
    """
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def _decompressor(kind: str):
    if kind == "gz":
        # ISA-L inflates gzip about 4x faster than zlib (0.36 against 1.36 CPU s per 326 MB).
        return isal_zlib.decompressobj(wbits=31)
    if kind == "bz2":
        return bz2.BZ2Decompressor()
    if kind == "xz":
        return lzma.LZMADecompressor()
    if kind == "zst":
        return zstandard.ZstdDecompressor().decompressobj()
    raise ValueError(f"unknown compression {kind}")


def _finished(obj) -> bool:
    return bool(getattr(obj, "eof", False))


class DecompressingReader:
    """Inflate a compressed stream chunk by chunk; concatenated members are followed.

    Each step inflates at most :data:`CHUNK` bytes (gzip, bz2, xz), so a
    bomb's 1 MB of input never becomes 1 GB in memory at once. ``damage`` is
    None after a clean end, or a short reason (never content) when the
    compressed data is truncated or corrupt; reading then stops.
    """

    def __init__(self, raw: BinaryIO, kind: str) -> None:
        self._raw = raw
        self._kind = kind
        self._obj = _decompressor(kind)
        self._input = b""  # compressed bytes not yet handed to the decompressor
        self._pending = b""
        self._eof = False
        self.damage: str | None = None

    def _has_more_output(self) -> bool:
        """bz2 and xz keep input they have not inflated yet inside the decompressor."""
        return not getattr(self._obj, "needs_input", True) and not _finished(self._obj)

    def _step(self) -> bytes:
        """Inflate at most CHUNK bytes of what is waiting; start a new member after one ends."""
        if self._kind == "zst":
            out, self._input = self._obj.decompress(self._input), b""
        else:
            out = self._obj.decompress(self._input, CHUNK)
            self._input = getattr(self._obj, "unconsumed_tail", b"")
        if _finished(self._obj):
            # A finished member with bytes after it: gzip/bz2/xz/zstd allow concatenation,
            # and tools pad with zero bytes (gzip ignores them).
            self._input = (self._obj.unused_data + self._input).lstrip(b"\x00")
            if self._input:
                self._obj = _decompressor(self._kind)
        return out

    def read(self, size: int = CHUNK) -> bytes:
        size = size if size and size > 0 else CHUNK
        while len(self._pending) < size and not self._eof:
            if not self._input and not self._has_more_output():
                raw = self._raw.read(CHUNK)
                if not raw:
                    self._eof = True
                    if not _finished(self._obj) and self.damage is None:
                        self.damage = "compressed stream truncated"
                    break
                self._input = raw.lstrip(b"\x00") if _finished(self._obj) else raw
                if not self._input:
                    continue
                if _finished(self._obj):
                    self._obj = _decompressor(self._kind)
            try:
                self._pending += self._step()
            except (isal_zlib.error, OSError, EOFError, lzma.LZMAError, zstandard.ZstdError, ValueError):
                self.damage = "compressed data corrupt"
                self._eof = True
        out, self._pending = self._pending[:size], self._pending[size:]
        return out
