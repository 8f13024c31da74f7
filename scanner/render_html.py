"""Render the report as a standalone HTML page (no script, no external resource).

>>> rep = {"records": {"total": 3, "malformed": 0}, "people": {"estimate": 2, "low": 2, "high": 3, "method": {}},
...        "identifiers": {}, "sensitivity": {}, "inputs": [], "tool": {"version": "0"}}
>>> "<h2>Overview</h2>" in render(rep)
True
"""
from __future__ import annotations

from html import escape

from .summary import sections

STYLE = "body{font-family:sans-serif;max-width:60em;margin:2em auto}td{padding:.2em .8em;vertical-align:top}"


def render(rep: dict) -> str:
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>leakscan report</title>",
        f"<style>{STYLE}</style></head><body><h1>leakscan report</h1>",
        f"<p>leakscan {escape(rep['tool']['version'])}. Every figure is defined in docs/REPORT.md.</p>",
    ]
    for title, rows in sections(rep):
        parts.append(f"<h2>{escape(title)}</h2><table>")
        parts += [f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>" for label, value in rows]
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "".join(parts)
