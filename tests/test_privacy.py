"""No raw NIR, phone, email or name from an input reaches any output, clean or damaged."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from leaks import make_leak, run_cli
from scanner.columns import fold

IDENTITY = re.compile(r"nir|secu|ss|insee|tel|phone|portable|mobile|mail|courriel|nom|name|prenom")


def raw_values(path: Path, encoding: str, delimiter: str) -> set[str]:
    """Every identity value in the file, as written and in digit-only form."""
    text = path.read_bytes().decode(encoding, errors="replace")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = rows[0]
    wanted = [i for i, name in enumerate(header) if IDENTITY.search(fold(name))]
    values = set()
    for row in rows[1:]:
        for i in wanted:
            # A bare domain ("@orange.fr", an invalid address) is no one's value.
            if i < len(row) and len(row[i].strip()) >= 4 and not row[i].strip().startswith("@"):
                value = row[i].strip()
                values.add(value)
                digits = re.sub(r"\D", "", value)
                if len(digits) >= 9:
                    values.add(digits)
    return values


@pytest.mark.parametrize("damage", [frozenset(), frozenset({"ragged", "bad_byte"})], ids=["clean", "damaged"])
def test_no_raw_value_in_any_output(tmp_path, damage):
    path, truth, _ = make_leak(tmp_path, "leak.csv", seed=11, people=300, damage=damage)
    outputs = {name: tmp_path / name for name in ("r.json", "r.md", "r.html", "f.jsonl", "p.people")}
    proc = run_cli("scan", str(path), "--json", str(outputs["r.json"]), "--markdown", str(outputs["r.md"]),
                   "--html", str(outputs["r.html"]), "--findings", str(outputs["f.jsonl"]),
                   "--people", str(outputs["p.people"]))
    assert proc.returncode == (1 if damage else 0)
    texts = {name: p.read_text(encoding="utf-8") for name, p in outputs.items() if name != "p.people"}
    with zipfile.ZipFile(outputs["p.people"]) as people:  # an .npz: read each member inflated
        texts["p.people"] = "".join(people.read(n).decode("latin-1") for n in people.namelist())
    texts["stdout"], texts["stderr"] = proc.stdout, proc.stderr
    values = raw_values(path, "utf-8", ";")
    assert len(values) > 500
    for name, text in texts.items():
        leaked = [v for v in values if re.search(r"(?<![\w])" + re.escape(v) + r"(?![\w])", text)]
        assert not leaked, f"{len(leaked)} raw values in {name}"
