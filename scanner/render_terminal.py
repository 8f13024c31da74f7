"""Render the report as a short plain-text summary for the terminal.

>>> rep = {"records": {"total": 3, "malformed": 0}, "people": {"estimate": 2, "low": 2, "high": 3},
...        "identifiers": {}, "sensitivity": {}, "inputs": []}
>>> print(render(rep).splitlines()[1])
  Records read                   3
"""
from __future__ import annotations

from .summary import sections

LABEL_WIDTH = 30


def render(rep: dict) -> str:
    lines = []
    for title, rows in sections(rep):
        if not rows:
            continue
        lines.append(title)
        lines += [f"  {label:<{LABEL_WIDTH}} {value}" for label, value in rows]
    return "\n".join(lines)
