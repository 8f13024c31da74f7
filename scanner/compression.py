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
import zlib
from typing import BinaryIO

import zstandard

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
        return zlib.decompressobj(wbits=31)
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

    ``damage`` is None after a clean end, or a short reason (never content)
    when the compressed data is truncated or corrupt; reading then stops.
    """

    def __init__(self, raw: BinaryIO, kind: str) -> None:
        self._raw = raw
        self._kind = kind
        self._obj = _decompressor(kind)
        self._pending = b""
        self._eof = False
        self.damage: str | None = None

    def _inflate(self, data: bytes) -> bytes:
        out = []
        while data:
            out.append(self._obj.decompress(data))
            if not _finished(self._obj):
                break
            # A finished member with bytes after it: gzip/bz2/xz/zstd allow concatenation.
            data = getattr(self._obj, "unused_data", b"")
            if data.strip(b"\x00"):
                self._obj = _decompressor(self._kind)
            else:
                data = b""
        return b"".join(out)

    def read(self, size: int = CHUNK) -> bytes:
        size = size if size and size > 0 else CHUNK
        while len(self._pending) < size and not self._eof:
            raw = self._raw.read(CHUNK)
            if not raw:
                self._eof = True
                if not _finished(self._obj) and self.damage is None:
                    self.damage = "compressed stream truncated"
                break
            try:
                self._pending += self._inflate(raw)
            except (zlib.error, OSError, EOFError, lzma.LZMAError, zstandard.ZstdError, ValueError):
                self.damage = "compressed data corrupt"
                self._eof = True
        out, self._pending = self._pending[:size], self._pending[size:]
        return out
