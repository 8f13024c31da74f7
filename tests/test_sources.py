"""Opening inputs: compression by content, truncation noticed, zip members, custody hash."""
import bz2
import gzip
import hashlib
import io
import lzma
import zipfile

import pytest
import zstandard

from scanner.compression import CHUNK, DecompressingReader
from scanner.sources import expand, open_input

PAYLOAD = b"nom;tel\n" + b"Durand;0612345678\n" * 20000
COMPRESS = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zst": lambda b: zstandard.ZstdCompressor().compress(b),
}


def read_all(stream) -> bytes:
    out = []
    while chunk := stream.read(1 << 16):
        out.append(chunk)
    return b"".join(out)


@pytest.mark.parametrize("kind", sorted(COMPRESS))
def test_compression_is_found_by_content_not_name(tmp_path, kind):
    path = tmp_path / "export.dat"  # no telling extension on purpose
    blob = COMPRESS[kind](PAYLOAD)
    path.write_bytes(blob)
    (item,) = expand([str(path)])
    opened = open_input(item)
    assert opened.compression == kind
    assert read_all(opened.stream) == PAYLOAD
    assert opened.stream.damage is None
    opened.hasher.drain()
    assert opened.hasher.hexdigest() == hashlib.sha256(blob).hexdigest()
    assert opened.hasher.bytes == len(blob)


@pytest.mark.parametrize("kind", sorted(COMPRESS))
def test_truncated_stream_is_damage_not_silence(kind):
    blob = COMPRESS[kind](PAYLOAD)
    reader = DecompressingReader(io.BytesIO(blob[: len(blob) // 2]), kind)
    data = read_all(reader)
    assert len(data) < len(PAYLOAD)
    assert reader.damage == "compressed stream truncated"


def test_concatenated_gzip_members_are_all_read():
    blob = gzip.compress(b"a\n") + gzip.compress(b"b\n")
    reader = DecompressingReader(io.BytesIO(blob), "gz")
    assert read_all(reader) == b"a\nb\n" and reader.damage is None


@pytest.mark.parametrize("kind", ["gz", "bz2", "xz"])
def test_a_bomb_is_inflated_a_chunk_at_a_time(kind):
    # 200 MB of zeros compress to well under the 1 MB read at once from the file.
    bomb = COMPRESS[kind](bytes(200 << 20))
    assert len(bomb) < CHUNK
    reader, total, most = DecompressingReader(io.BytesIO(bomb), kind), 0, 0
    while chunk := reader.read(CHUNK):
        total, most = total + len(chunk), max(most, len(reader._pending))
    assert total == 200 << 20 and reader.damage is None
    assert most <= CHUNK


@pytest.mark.parametrize("kind", sorted(COMPRESS))
def test_members_with_zero_padding_between_them_are_all_read(kind):
    # Padding longer than a read, so that a member also starts in a later read.
    blob = COMPRESS[kind](b"a\n") + bytes(CHUNK + 3000) + COMPRESS[kind](b"b\n") + bytes(CHUNK + 10)
    reader = DecompressingReader(io.BytesIO(blob), kind)
    assert read_all(reader) == b"a\nb\n" and reader.damage is None


def test_corrupt_compressed_data_is_damage():
    blob = bytearray(gzip.compress(PAYLOAD))
    blob[len(blob) // 2 : len(blob) // 2 + 64] = b"\x00" * 64
    reader = DecompressingReader(io.BytesIO(bytes(blob)), "gz")
    read_all(reader)
    assert reader.damage is not None


def test_zip_members_are_inputs_of_their_own(tmp_path):
    path = tmp_path / "leak.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a/patients.csv", PAYLOAD)
        z.writestr("b.csv.gz", gzip.compress(PAYLOAD))
    items = list(expand([str(path)]))
    assert [i.path for i in items] == [f"{path}!a/patients.csv", f"{path}!b.csv.gz"]
    first, second = (open_input(i) for i in items)
    assert read_all(first.stream) == PAYLOAD and first.compression == "zip"
    assert read_all(second.stream) == PAYLOAD and second.compression == "zip+gz"


def test_directory_is_walked_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.csv").write_bytes(b"x\n")
    (tmp_path / "1.csv").write_bytes(b"x\n")
    assert [i.path[len(str(tmp_path)) :] for i in expand([str(tmp_path)])] == ["/1.csv", "/b/2.csv"]


def test_corrupt_zip_is_an_unreadable_input_not_a_crash(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (item,) = expand([str(path)])
    with pytest.raises(Exception) as err:
        open_input(item)
    assert "unreadable zip archive" in str(err.value)
