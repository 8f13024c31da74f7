"""Give freed memory back to the system as the scan goes, so RSS stays flat.

A scan allocates and frees large buffers for every batch. mimalloc (pyarrow's
default pool) and glibc's adaptive mmap threshold keep freed pages in the
process, and RSS then grows with the file although live state does not
(measured: 488 MB resident after 1.7 M records whose live state is 135 MB).
jemalloc with no decay delay returns Arrow's pages at once; a fixed mmap
threshold makes numpy's large temporaries come from mmap, which frees them
outright.

>>> release_freed_memory()  # harmless where either allocator is unavailable
"""
from __future__ import annotations

import ctypes
import ctypes.util

import pyarrow as pa

M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 20


def release_freed_memory() -> None:
    """Switch Arrow to jemalloc with immediate decay and fix glibc's mmap threshold."""
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    except (NotImplementedError, pa.ArrowNotImplementedError):
        pass
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
