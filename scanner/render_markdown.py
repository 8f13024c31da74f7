"""Render the report as Markdown, for a notification draft or a ticket.

>>> rep = {"records": {"total": 3, "malformed": 0}, "people": {"estimate": 2, "low": 2, "high": 3, "method": {}},
...        "identifiers": {}, "sensitivity": {}, "inputs": [], "tool": {"version": "0"}}
>>> print(render(rep).splitlines()[0])
# leakscan report
"""
from __future__ import annotations

from .summary import sections


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(rep: dict) -> str:
    lines = ["# leakscan report", "", f"leakscan {rep['tool']['version']}. Every figure is defined in docs/REPORT.md.", ""]
    for title, rows in sections(rep):
        lines += [f"## {title}", "", "| | |", "|---|---|"]
        lines += [f"| {_cell(label)} | {_cell(value)} |" for label, value in rows]
        lines.append("")
    method = rep["people"].get("method") or {}
    if method:
        lines += ["## How people were counted", "", f"Method `{method.get('name', '')}`: {method.get('summary', '')}", ""]
        for policy, rules in method.get("rules", {}).items():
            lines += [f"**{policy}**", ""] + [f"- `{rule['name']}`: {rule['why']}" for rule in rules] + [""]
    return "\n".join(lines)
