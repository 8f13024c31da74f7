"""The report as titled sections of (label, value) lines, for human renderers.

>>> rep = {"records": {"total": 3, "malformed": 0}, "people": {"estimate": 2, "low": 2, "high": 3},
...        "identifiers": {}, "sensitivity": {}, "inputs": []}
>>> sections(rep)[0]
('Overview', [('Records read', '3'), ('Malformed records (not read)', '0'), ('People exposed (estimate)', '2  [2 – 3]')])
"""
from __future__ import annotations

Section = tuple[str, list[tuple[str, str]]]


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _identifiers(rep: dict) -> list[tuple[str, str]]:
    rows = []
    labels = {"nir": "NIR (social security numbers)", "phone": "Phone numbers", "email": "Email addresses"}
    for name, figs in rep["identifiers"].items():
        distinct = figs.get("distinct_valid", figs.get("distinct", 0))
        text = f"{_n(figs['valid'])} valid, {_n(distinct)} distinct, in {_n(figs['records'])} records"
        if "invalid" in figs:
            text += f"; {_n(figs['invalid'])} with a wrong key"
        if figs.get("samples"):
            text += f"  e.g. {', '.join(figs['samples'][:2])}"
        rows.append((labels.get(name, name), text))
    return rows


def _inputs(rep: dict) -> list[tuple[str, str]]:
    rows = []
    for item in rep["inputs"]:
        state = "complete" if item["complete"] else ("NOT READ" if not item["readable"] else "READ IN PART")
        text = f"{state}; {item['format']}, {item.get('encoding') or '-'}, {_n(item['records'])} records"
        if "people" in item:
            text += f", {_n(item['people'])} people"
        if item["compression"]:
            text += f", {item['compression']}"
        if item["malformed"]:
            lines = ", ".join(map(str, item["malformed_lines"][:10]))
            text += f"; {_n(item['malformed'])} malformed rows (lines {lines}{'…' if item['malformed'] > 10 else ''})"
        if item["undecodable_bytes"]:
            text += f"; {_n(item['undecodable_bytes'])} undecodable bytes (lines {', '.join(map(str, item['undecodable_lines'][:10]))})"
        for problem in item["problems"]:
            text += f"; {problem}"
        rows.append((item["path"], text))
        rows.extend(_tables(item))
    return rows


def _tables(item: dict) -> list[tuple[str, str]]:
    """A dump's tables, one line each, with the links that tie their rows to a person."""
    rows = []
    for table in item["tables"]:
        if table["name"] is None:
            continue
        roles = [c["role"] for c in table["columns"] if c["role"]]
        text = f"{_n(table['records'])} records" + (f"; identity: {', '.join(roles)}" if roles else "")
        for link in table.get("links", []):
            how = "foreign key" if link["declared"] else "evident link"
            text += (f"; {link['column']} -> {link['references']} ({how}, "
                     f"{_n(link['matched'])} of {_n(link['rows'])} rows matched)")
        rows.append((f"  table {table['name']}", text))
    return rows


def sections(rep: dict) -> list[Section]:
    """Overview, identifiers, sensitive categories and inputs, in reading order."""
    people = rep["people"]
    overview = [
        ("Records read", _n(rep["records"]["total"])),
        ("Malformed records (not read)", _n(rep["records"]["malformed"])),
        ("People exposed (estimate)", f"{_n(people['estimate'])}  [{_n(people['low'])} – {_n(people['high'])}]"),
    ]
    inputs = rep["inputs"]
    for pair in people.get("overlap", [])[:10]:
        a, b = inputs[pair["a"]]["path"], inputs[pair["b"]]["path"]
        overview.append((f"People shared by {a} and {b}", _n(pair["shared"])))
    if len(inputs) > 2:
        overview.append(("People found in every input", _n(people.get("in_every_input", 0))))
    sensitive = [
        (name, f"{_n(f['records'])} records, {_n(f.get('people', 0))} people")
        for name, f in rep["sensitivity"].items()
    ]
    return [
        ("Overview", overview),
        ("Identifiers", _identifiers(rep)),
        ("Sensitive health data", sensitive),
        ("Inputs", _inputs(rep)),
    ]
