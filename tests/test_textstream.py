"""Encodings in, valid UTF-8 out: detection, transcoding, damage counted and located."""
import codecs
import io

import pytest
from hypothesis import given, settings, strategies as st

from scanner.textstream import Utf8Stream, sniff_encoding

TEXT = "nom;prénom;ville\nDurand;Léa;Sète\nÉlodie;Noël;Besançon\n" * 50


def read_all(stream, size=4096) -> bytes:
    out = []
    while chunk := stream.read(size):
        out.append(chunk)
    return b"".join(out)


class Chunked(io.RawIOBase):
    """A stream that hands out bytes in the sizes it is told, to stress boundaries."""

    def __init__(self, data: bytes, sizes: list[int]):
        self.data, self.sizes, self.pos = data, sizes or [7], 0

    def read(self, n=-1):
        size = self.sizes[self.pos % len(self.sizes)] if self.pos < len(self.data) else 0
        out = self.data[self.pos : self.pos + size]
        self.pos += len(out)
        return out


@pytest.mark.parametrize(
    "raw, expected",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("latin-1"), "cp1252"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be") and codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_encoding_sniffed_and_transcoded(raw, expected):
    assert sniff_encoding(raw[:4096]) == expected
    stream = Utf8Stream(io.BytesIO(raw), expected)
    assert read_all(stream).decode("utf-8") == TEXT
    assert stream.bad_bytes == 0


def test_a_few_bad_bytes_keep_a_utf8_file_utf8():
    raw = TEXT.encode("utf-8").replace(b"Sete", b"S\xffte").replace("Sète".encode(), b"S\xffte", 3)
    assert sniff_encoding(raw) == "utf-8"
    stream = Utf8Stream(io.BytesIO(raw), "utf-8")
    read_all(stream)
    assert stream.bad_bytes == 3
    assert stream.bad_lines == [2, 5, 8]


def test_undefined_cp1252_byte_is_counted():
    raw = "a;b\nLéa;x\x81y\n".encode("latin-1")
    stream = Utf8Stream(io.BytesIO(raw), "cp1252")
    assert read_all(stream).decode() == "a;b\nLéa;x\ufffdy\n"
    assert (stream.bad_bytes, stream.bad_lines) == (1, [2])


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    sizes=st.lists(st.integers(1, 9), min_size=1, max_size=5),
    encoding=st.sampled_from(["utf-8", "utf-16"]),
)
def test_chunk_boundaries_never_change_the_text(text, sizes, encoding):
    raw = text.encode(encoding)
    stream = Utf8Stream(Chunked(raw, sizes), encoding)
    assert read_all(stream, 5).decode("utf-8") == text
    assert stream.bad_bytes == 0
    assert stream.lines == text.encode("utf-8").count(b"\n")


def test_locate_finds_rows_in_order_even_when_repeated():
    raw = b"h\nbad row\nok\nbad row\n"
    stream = Utf8Stream(io.BytesIO(raw), "utf-8")
    read_all(stream)
    assert [stream.locate("bad row"), stream.locate("bad row"), stream.locate("absent")] == [2, 4, None]
