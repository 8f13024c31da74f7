"""Turn the paths a user gives into inputs: files, directory trees, archive members.

A member of a zip archive is an input of its own, named ``ARCHIVE!MEMBER``,
streamed from the archive and never extracted to disk.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.csv").write_bytes(b"x\\n1\\n")
>>> [(i.path.endswith("a.csv"), i.size) for i in expand([str(d)])]
[(True, 4)]
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

from .compression import DecompressingReader, sniff_compression
from .custody import HashingReader
from .errors import InputError


@dataclass
class Input:
    """One input as the report names it, and how to open its raw bytes."""

    path: str
    size: int
    opener: Callable[[], BinaryIO]
    container: str | None = None  # "zip" for an archive member


def _failing(reason: str, path: str) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        raise InputError(reason, path)

    return opener


def _zip_members(path: str) -> Iterator[Input]:
    try:
        archive = zipfile.ZipFile(path)
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        # Reported as an input that could not be read, not as an end to the scan.
        yield Input(path, os.path.getsize(path), _failing(f"unreadable zip archive ({type(exc).__name__})", path))
        return
    for info in infos:
        yield Input(
            path=f"{path}!{info.filename}",
            size=info.compress_size,
            opener=lambda archive=archive, info=info: archive.open(info),
            container="zip",
        )


def _is_zip(path: str) -> bool:
    with open(path, "rb") as fh:
        return sniff_compression(fh.read(4)) == "zip"


def _file_inputs(path: str) -> Iterator[Input]:
    if _is_zip(path):
        yield from _zip_members(path)
    else:
        yield Input(path=path, size=os.path.getsize(path), opener=lambda: open(path, "rb"))


def expand(paths: list[str]) -> Iterator[Input]:
    """Every input under ``paths``, directories walked recursively in sorted order."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    yield from _file_inputs(os.path.join(root, name))
        elif os.path.exists(path):
            yield from _file_inputs(path)
        else:
            raise InputError("no such file or directory", path)


class PeekReader:
    """A binary stream whose first bytes can be looked at before they are consumed.

    >>> import io
    >>> p = PeekReader(io.BytesIO(b"hello world"))
    >>> p.peek(5), p.read(100)
    (b'hello', b'hello world')
    """

    def __init__(self, raw) -> None:
        self._raw = raw
        self._head = b""

    def peek(self, size: int) -> bytes:
        while len(self._head) < size:
            more = self._raw.read(size - len(self._head))
            if not more:
                break
            self._head += more
        return self._head[:size]

    def read(self, size: int = -1) -> bytes:
        head, self._head = self._head, b""
        if size is None or size < 0:
            return head + self._raw.read()
        if len(head) >= size:
            self._head = head[size:]
            return head[:size]
        return head + self._raw.read(size - len(head))

    @property
    def damage(self) -> str | None:
        return getattr(self._raw, "damage", None)


@dataclass
class OpenedInput:
    """The decompressed byte stream of an input, with its custody hasher."""

    stream: PeekReader
    hasher: HashingReader
    compression: str | None


def open_input(item: Input, on_bytes: Callable[[int], None] | None = None) -> OpenedInput:
    """Open ``item``, hash its raw bytes as they pass and undo any compression."""
    try:
        raw = item.opener()
    except (OSError, zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"cannot open ({type(exc).__name__})", item.path) from None
    hasher = HashingReader(raw, on_bytes)
    head = PeekReader(hasher)
    kind = sniff_compression(head.peek(8))
    if kind in (None, "zip"):
        # A zip inside a zip is not opened further: it is reported as not a table.
        return OpenedInput(head, hasher, item.container)
    stream = PeekReader(DecompressingReader(head, kind))
    return OpenedInput(stream, hasher, kind if item.container is None else f"{item.container}+{kind}")
