"""The scan most people would write first: pandas chunks, then per-row, per-cell
python-stdnum, phonenumbers and regex calls. A yardstick for issue 6, not a tool.

    python benchmarks/naive_baseline.py FILE [DELIMITER]

Prints: seconds, records, valid NIRs, valid phones, emails, HIV/pregnancy/blood rows.
"""
from __future__ import annotations

import re
import sys
import time

import pandas as pd
import phonenumbers
from stdnum.fr import nir

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+|00)?[\d (). -]{9,20}")
HEALTH = {
    "hiv": re.compile(r"\b(?:vih|hiv|sida|séropositi)", re.I),
    "pregnancy": re.compile(r"\b(?:enceinte|grossesse|hcg|\d+ ?sa\b)", re.I),
    "blood_group": re.compile(r"\b(?:groupe|gs)\s*(?:a|b|ab|o)\s*(?:rh)?\s*[+-]", re.I),
}


def scan(path: str, delimiter: str) -> dict:
    counts = {"records": 0, "nir": 0, "phone": 0, "email": 0, **{k: 0 for k in HEALTH}}
    for chunk in pd.read_csv(path, sep=delimiter, dtype=str, chunksize=100_000, on_bad_lines="skip",
                             encoding_errors="replace"):
        for row in chunk.itertuples(index=False):
            counts["records"] += 1
            cells = [v for v in row if isinstance(v, str)]
            for cell in cells:
                if nir.is_valid(cell):
                    counts["nir"] += 1
                elif PHONE.fullmatch(cell):
                    try:
                        counts["phone"] += phonenumbers.is_valid_number(phonenumbers.parse(cell, "FR"))
                    except phonenumbers.NumberParseException:
                        pass
                counts["email"] += len(EMAIL.findall(cell))
            text = " ".join(cells)
            for name, pattern in HEALTH.items():
                counts[name] += bool(pattern.search(text))
    return counts


if __name__ == "__main__":
    started = time.perf_counter()
    result = scan(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ";")
    print(time.perf_counter() - started, result["records"], result)
