"""Chain of custody: hash and count the raw bytes of an input as they stream past.

The digest is of the bytes as they lie on disk (or as a zip member holds them
once inflated), computed during the one read the scan makes.

>>> import io
>>> r = HashingReader(io.BytesIO(b"abc"))
>>> r.read(10), r.read(10), r.bytes
(b'abc', b'', 3)
>>> r.hexdigest()[:16]
'ba7816bf8f01cfea'
"""
from __future__ import annotations

import hashlib
import zipfile
import zlib
from typing import BinaryIO, Callable

CHUNK = 1 << 20


class HashingReader:
    """A read-only binary stream that feeds sha256 and a progress callback."""

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None] | None = None) -> None:
        self._raw = raw
        self._sha = hashlib.sha256()
        self._on_bytes = on_bytes
        self.bytes = 0
        self.damage: str | None = None

    def read(self, size: int = CHUNK) -> bytes:
        try:
            data = self._raw.read(size if size and size > 0 else CHUNK)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            # A corrupt archive member fails inside zipfile: end the stream, keep the reason.
            self.damage = f"unreadable data ({type(exc).__name__})"
            return b""
        if data:
            self._sha.update(data)
            self.bytes += len(data)
            if self._on_bytes:
                self._on_bytes(len(data))
        return data

    def drain(self) -> None:
        """Read to the end so the digest covers the whole input even if parsing stopped early."""
        while self.read(CHUNK):
            pass

    def hexdigest(self) -> str:
        return self._sha.hexdigest()

    def close(self) -> None:
        self._raw.close()
