"""The generator's files are readable as claimed and its truth re-derives from the text alone."""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import re
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
import zstandard
from stdnum.fr import nir as stdnum_nir

from leakscan_fixtures import Truth, generate

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample" / "export_patients.csv"
CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp1252": "cp1252", "latin-1": "latin-1", "utf-16": "utf-16"}
OVERSEAS = ("RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE_CANDIDATE = re.compile(r"(?<!\w)(?:\+|00)?\d[\d .\-()\u00a0]{6,}\d(?!\w)")
NIR_SHAPE = re.compile(r"[12]\d{4}(?:\d{2}|2[AB])\d{8}")


def _raw(path: Path, compression: str | None) -> bytes:
    """The decompressed bytes, by each format's own library (not the generator's)."""
    data = path.read_bytes()
    if compression == "zip":
        with zipfile.ZipFile(path) as zf:
            return zf.read("patients.csv")
    return {None: lambda d: d, "gz": gzip.decompress, "bz2": bz2.decompress, "xz": lzma.decompress,
            "zst": lambda d: zstandard.ZstdDecompressor().decompressobj().decompress(d)}[compression](data)


def _rows(path: Path, truth: Truth, errors: str = "strict") -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """Header and (start line, fields) of every row, read by the csv module."""
    opts = truth.options
    text = _raw(path, opts["compression"]).decode(CODECS[opts["encoding"]], errors=errors)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=opts["delimiter"])
    rows, start = [], 1
    for fields in reader:
        rows.append((start, fields))
        start = reader.line_num + 1
    return (rows.pop(0)[1] if opts["header"] else None), rows


def _phone_e164(candidate: str) -> str | None:
    """The contract's reading: French, then each overseas region, when no country code."""
    for region in ("FR",) + OVERSEAS:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if candidate.startswith(("+", "00")):
            return None
    return None


def _oracle(rows: list[tuple[int, list[str]]], ncols: int) -> dict:
    """The identifier figures, slowly, from every field of every well-formed row."""
    figures = {k: Counter() for k in ("nir", "phone", "email")}
    seen = {k: set() for k in figures}
    for _, fields in rows:
        if len(fields) != ncols:
            continue
        found = {k: 0 for k in figures}
        for field in fields:
            compact = re.sub(r"[ .\u00a0]", "", field)
            if NIR_SHAPE.fullmatch(compact):
                if stdnum_nir.is_valid(compact):
                    found["nir"] += 1
                    seen["nir"].add(compact)
                else:
                    figures["nir"]["invalid"] += 1
                continue  # a NIR field holds nothing else (its digit groups are no phone)
            for candidate in PHONE_CANDIDATE.findall(field):
                if e164 := _phone_e164(candidate):
                    found["phone"] += 1
                    seen["phone"].add(e164)
            for email in EMAIL.findall(field):
                found["email"] += 1
                seen["email"].add(email.lower())
        for k, n in found.items():
            figures[k]["valid"] += n
            figures[k]["records"] += n > 0
    return {
        "nir": {"valid": figures["nir"]["valid"], "invalid": figures["nir"]["invalid"],
                "distinct_valid": len(seen["nir"]), "records": figures["nir"]["records"]},
        "phone": {"valid": figures["phone"]["valid"], "distinct": len(seen["phone"]), "records": figures["phone"]["records"]},
        "email": {"valid": figures["email"]["valid"], "distinct": len(seen["email"]), "records": figures["email"]["records"]},
    }


def _gen(tmp_path: Path, name: str = "leak.csv", **kw) -> tuple[Path, Truth]:
    out = tmp_path / name
    kw.setdefault("seed", 5)
    kw.setdefault("people", 120)
    return out, generate(out, **kw)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, _ = _gen(tmp_path, "a.csv.gz", compression="gz")
    b, _ = _gen(tmp_path, "b.csv.gz", compression="gz")
    assert a.read_bytes() == b.read_bytes()
    assert Path(str(a) + ".truth.json").read_bytes() == Path(str(b) + ".truth.json").read_bytes()


def test_truth_file_round_trips(tmp_path: Path) -> None:
    out, truth = _gen(tmp_path)
    assert Truth.from_file(str(out) + ".truth.json") == truth
    assert truth.people == 120


@pytest.mark.parametrize("encoding", sorted(CODECS))
@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_encodings_and_delimiters_read_by_pandas_and_pyarrow(tmp_path: Path, encoding: str, delimiter: str) -> None:
    out, truth = _gen(tmp_path, people=60, encoding=encoding, delimiter=delimiter, crlf=delimiter == ",")
    frame = pd.read_csv(out, sep=delimiter, encoding=CODECS[encoding], dtype=str, keep_default_na=False)
    assert len(frame) == truth.records["total"]
    table = pacsv.read_csv(out, read_options=pacsv.ReadOptions(encoding=CODECS[encoding]),
                           parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True))
    assert table.num_rows == truth.records["total"]


@pytest.mark.parametrize("compression", ["gz", "bz2", "xz", "zst", "zip"])
def test_compressions_read_by_pandas_and_pyarrow(tmp_path: Path, compression: str) -> None:
    out, truth = _gen(tmp_path, f"leak.csv.{compression}", people=60, compression=compression)
    pandas_compression = {"gz": "gzip", "zst": "zstd"}.get(compression, compression)
    frame = pd.read_csv(out, sep=";", dtype=str, keep_default_na=False, compression=pandas_compression)
    assert len(frame) == truth.records["total"]
    table = pacsv.read_csv(pa.BufferReader(_raw(out, compression)),
                           parse_options=pacsv.ParseOptions(delimiter=";", newlines_in_values=True))
    assert table.num_rows == truth.records["total"]


def test_header_off_crlf(tmp_path: Path) -> None:
    out, truth = _gen(tmp_path, header=False, crlf=True)
    header, rows = _rows(out, truth)
    assert header is None and len(rows) == truth.records["total"]
    assert out.read_bytes().count(b"\r\n") == truth.records["total"]


@pytest.mark.parametrize("seed,encoding,delimiter", [(5, "utf-8", ";"), (6, "cp1252", ","), (7, "utf-16", "\t"), (8, "latin-1", "|")])
def test_identifier_truth_matches_independent_oracle(tmp_path: Path, seed: int, encoding: str, delimiter: str) -> None:
    out, truth = _gen(tmp_path, seed=seed, people=250, encoding=encoding, delimiter=delimiter)
    header, rows = _rows(out, truth)
    assert len(rows) == truth.records["total"]
    assert _oracle(rows, len(header)) == truth.identifiers


def test_labels_agree_with_truth(tmp_path: Path) -> None:
    out, truth = _gen(tmp_path, people=300)
    labels = [json.loads(line) for line in Path(str(out) + ".labels.jsonl").read_text().splitlines()]
    assert [lab["record"] for lab in labels] == list(range(truth.records["total"]))
    assert len({lab["person"] for lab in labels}) == truth.people
    for cat, figure in truth.sensitivity.items():
        assert sum(cat in lab["categories"] for lab in labels) == figure["records"]
    header, rows = _rows(out, truth)
    exam, sex = header.index("examen"), header.index("sexe")
    for lab, (_, fields) in zip(labels, rows):
        if "VIH" in fields[exam]:
            assert "hiv" in lab["categories"]
        if fields[sex] == "H":
            assert "pregnancy" not in lab["categories"]


def test_ragged_rows_at_the_lines_the_truth_gives(tmp_path: Path) -> None:
    clean = _gen(tmp_path, "clean.csv")[1]
    out, truth = _gen(tmp_path, damage=frozenset({"ragged"}))
    header, rows = _rows(out, truth)
    ragged = [line for line, fields in rows if len(fields) != len(header)]
    assert ragged == truth.records["malformed_lines"] and 3 <= len(ragged) <= 6
    assert truth.records["total"] == clean.records["total"] == len(rows) - len(ragged)
    assert truth.identifiers == clean.identifiers and truth.sensitivity == clean.sensitivity
    lines = out.read_text(encoding="utf-8").split("\n")
    assert all(lines[n - 1].startswith("PAT") for n in ragged)


@pytest.mark.parametrize("encoding", sorted(CODECS))
def test_bad_bytes_are_undecodable_and_harmless(tmp_path: Path, encoding: str) -> None:
    clean = _gen(tmp_path, "clean.csv", encoding=encoding)[1]
    out, truth = _gen(tmp_path, encoding=encoding, damage=frozenset({"bad_byte"}))
    strict = "cp1252" if encoding == "latin-1" else CODECS[encoding]
    with pytest.raises(UnicodeDecodeError):
        _raw(out, None).decode(strict)
    header, rows = _rows(out, truth, errors="replace")
    assert len(rows) == truth.records["total"] == clean.records["total"]
    assert all(len(fields) == len(header) for _, fields in rows)
    assert truth.identifiers == clean.identifiers and truth.sensitivity == clean.sensitivity


def _complete_rows(prefix: bytes, encoding: str, delimiter: str) -> int:
    """Rows ended by a newline in a readable prefix, by the csv module."""
    text = prefix.decode(CODECS[encoding], errors="ignore").lstrip("\ufeff")
    cut = text.rfind("\n") + 1
    return sum(1 for _ in csv.reader(io.StringIO(text[:cut], newline=""), delimiter=delimiter)) - 1


def test_truncated_plain_ends_mid_row(tmp_path: Path) -> None:
    full = _gen(tmp_path, "full.csv")[1]
    out, truth = _gen(tmp_path, damage=frozenset({"truncated", "ragged"}))
    data = out.read_bytes()
    assert not data.endswith(b"\n") and len(data.rsplit(b"\n", 1)[1]) == 1
    assert truth.records["total"] + truth.records["malformed"] == _complete_rows(data, "utf-8", ";")
    assert truth.records["total"] == full.records["total"] - 1


@pytest.mark.parametrize("compression", ["gz", "bz2", "xz", "zst", "zip"])
def test_truncated_compressed_counts_what_decompresses(tmp_path: Path, compression: str) -> None:
    full = _gen(tmp_path, f"full.{compression}", people=3000, compression=compression)[1]
    out, truth = _gen(tmp_path, f"cut.{compression}", people=3000, compression=compression,
                      damage=frozenset({"truncated"}))
    data = out.read_bytes()
    if compression == "zip":
        data = data[30 + int.from_bytes(data[26:28], "little") + int.from_bytes(data[28:30], "little"):]
    stream = {"gz": lambda: zlib.decompressobj(31), "zip": lambda: zlib.decompressobj(-15),
              "bz2": bz2.BZ2Decompressor, "xz": lzma.LZMADecompressor,
              "zst": lambda: zstandard.ZstdDecompressor().decompressobj()}[compression]()
    prefix = stream.decompress(data)
    assert not stream.eof
    assert truth.records["total"] == _complete_rows(prefix, "utf-8", ";")
    assert 0 < truth.records["total"] < full.records["total"]
    assert truth.identifiers["nir"]["valid"] <= full.identifiers["nir"]["valid"]


def test_sample_is_current(tmp_path: Path) -> None:
    out = tmp_path / SAMPLE.name
    generate(out, seed=1, people=1500, encoding="cp1252", delimiter=";", labels=False)
    assert out.read_bytes() == SAMPLE.read_bytes()
    assert Truth.from_file(str(out) + ".truth.json").to_dict() == Truth.from_file(str(SAMPLE) + ".truth.json").to_dict()
    assert SAMPLE.stat().st_size < 1 << 20
    header, rows = _rows(SAMPLE, Truth.from_file(str(SAMPLE) + ".truth.json"))
    assert _oracle(rows, len(header)) == Truth.from_file(str(SAMPLE) + ".truth.json").identifiers
