"""The ``leakscan`` command line (see ``../shared/CONTRACT.md`` for what is fixed).

Exit status of ``scan``: 0 every input read to its end; 1 some input read in
part or not at all (the report says which and where); 2 usage error or no
input readable at all, with one line on stderr and no traceback.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__, findings, links, render_html, render_markdown, render_terminal
from .errors import InputError
from . import compare as people_files
from .keys import ScanKey
from .memory import release_freed_memory
from .pipeline import scan as run_scan
from .progress import Progress
from .report import Timing, build, exit_status
from .sources import expand

FIGURES = """\b
Figures in the report (full definitions: docs/REPORT.md):
  records.total        data rows read (CSV rows after the header; rows of
                       every table of a SQL dump)
  records.malformed    rows that could not be parsed (wrong number of fields,
                       cut short); their line numbers are listed per input
  nir.valid            NIR (social security numbers) with a correct key,
                       counted per occurrence; nir.invalid: full NIR shape but
                       a wrong key; nir.distinct_valid: distinct valid NIRs
  phone.valid          numbers the phone numbering plan calls valid (a number
                       without country code is read as French, then as French
                       overseas); phone.distinct: distinct in E.164 form
  email.valid          well-formed addresses; email.distinct: ignoring case
  *.records            records holding at least one such value
  sensitivity.X        records (and people) revealing HIV status, a
                       pregnancy, a blood group or another health category
                       (docs/CATEGORIES.md) of the record's own person
  people               estimated number of distinct persons, with the
                       interval [low, high] the method stands behind; per
                       input, shared between inputs, by birth decade
No raw NIR, phone, email or name is ever printed: masked samples only.

\b
Exit status: 0 every input read to its end; 1 some input read only in part
or not at all (the report says which and where); 2 usage error or nothing
readable at all."""


def _fail(message: str) -> None:
    click.echo(f"leakscan: {message}", err=True)
    sys.exit(2)


def _write(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leakscan")
def main() -> None:
    """leakscan: what a leaked file of French patient data holds, how many
    people it exposes, and whether it looks real, without ever repeating a
    raw value."""


@main.command(epilog=FIGURES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--json", "json_out", metavar="FILE", help="Write the JSON report to FILE ('-' for stdout).")
@click.option("--markdown", "md_out", metavar="FILE", help="Write the report as Markdown to FILE.")
@click.option("--html", "html_out", metavar="FILE", help="Write the report as a standalone HTML page to FILE.")
@click.option("--findings", "findings_out", metavar="FILE",
              help="Write one JSON line per record holding personal or sensitive data (counts, categories, opaque person id; no raw values).")
@click.option("--key-file", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help="Secret key for the keyed hashes behind person ids; the same key across scans makes their ids comparable. Default: a random key for this scan.")
@click.option("--people", "people_out", metavar="FILE",
              help="Write every person's keyed fingerprints (no raw values) for 'leakscan compare'; use with --key-file.")
@click.option("--no-progress", is_flag=True, help="Do not show the progress bar on stderr.")
@click.option("--workers", type=click.IntRange(min=1), default=len(os.sched_getaffinity(0)), show_default="all cores",
              metavar="N", help="Worker processes analysing batches while the input is read; results are folded in reading order, so the figures do not depend on N.")
def scan(paths, json_out, md_out, html_out, findings_out, people_out, key_file, no_progress, workers) -> None:
    """Scan files, directories or archives (CSV/TSV/TXT, SQL dumps of
    mysqldump/mariadb-dump, pg_dump or sqlite3, optionally .gz .bz2 .xz .zst
    .zip) and print a summary of what they expose."""
    try:
        key = ScanKey.from_file(key_file) if key_file else ScanKey.random()
        total = sum(item.size for item in expand(list(paths)))
    except (ValueError, InputError) as exc:
        _fail(str(exc))
    started = time.time()
    progress = Progress(total, enabled=not no_progress)
    try:
        state = run_scan(list(paths), key, progress, workers)
    finally:
        progress.close()
    resolution = state.people.resolve(workers)
    resolution.person = links.attribute(state, resolution.person)
    rep = build(state, resolution, Timing(started, time.time()), workers)
    status = exit_status(state)
    if json_out:
        _write(json_out, json.dumps(rep, ensure_ascii=False, indent=2) + "\n")
    if md_out:
        _write(md_out, render_markdown.render(rep))
    if html_out:
        _write(html_out, render_html.render(rep))
    if findings_out:
        with open(findings_out, "w", encoding="utf-8") as fh:
            findings.write(fh, state, resolution.person, key)
    if people_out:
        with open(people_out, "wb") as fh:
            people_files.write(fh, *state.people.fingerprints(resolution.person), key, state.records)
    click.echo(render_terminal.render(rep), err=json_out == "-")
    if status == 2:
        click.echo("leakscan: no input could be read (" + "; ".join(
            f"{i.path}: {', '.join(i.problems) or 'unreadable'}" for i in state.inputs) + ")", err=True)
    sys.exit(status)


@main.command(name="compare")
@click.argument("first", type=click.Path(exists=True, dir_okay=False))
@click.argument("second", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "json_out", metavar="FILE", help="Write the comparison as JSON to FILE ('-' for stdout).")
def compare_people(first, second, json_out) -> None:
    """How many people two scans share: FIRST and SECOND are people files
    written by 'leakscan scan --people' with the same --key-file."""
    try:
        result = people_files.compare(people_files.read(first), people_files.read(second))
    except ValueError as exc:
        _fail(f"{exc}")
    result["a"]["path"], result["b"]["path"] = first, second
    if json_out:
        _write(json_out, json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    click.echo(f"{result['a']['people']:,} people in {first}, {result['b']['people']:,} in {second}, "
               f"{result['shared']:,} in both", err=json_out == "-")


@main.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed: the same seed writes the same bytes.")
@click.option("--people", type=click.IntRange(min=1), default=1500, show_default=True, help="Number of invented persons (each has one or more records).")
@click.option("--encoding", type=click.Choice(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]), default="utf-8",
              show_default=True, help="Text encoding (utf-8-sig and utf-16 write a BOM, as Excel does).")
@click.option("--delimiter", type=click.Choice([";", ",", "tab", "|"]), default=";", show_default=True,
              help="Field delimiter.")
@click.option("--compression", type=click.Choice(["gz", "bz2", "xz", "zst", "zip"]), default=None,
              help="Compress the file (zip: one member, patients.csv). Default: plain.")
@click.option("--crlf", is_flag=True, help="Windows line endings.")
@click.option("--no-header", is_flag=True, help="Write no header row.")
@click.option("--damage", type=click.Choice(["ragged", "bad_byte", "truncated"]), multiple=True,
              help="Damage to inject (repeatable); the truth file says what can still be read.")
def generate(out, seed, people, encoding, delimiter, compression, crlf, no_header, damage) -> None:
    """Write a synthetic leak (invented people, computed NIR keys) to OUT, with
    its exact ground truth beside it in OUT.truth.json."""
    from leakscan_fixtures import generate as write_leak

    truth = write_leak(Path(out), seed=seed, people=people, encoding=encoding,
                       delimiter="\t" if delimiter == "tab" else delimiter, compression=compression,
                       crlf=crlf, header=not no_header, damage=frozenset(damage), labels=False)
    d = truth.to_dict()
    click.echo(f"wrote {out}: {d['records']['total']} records, {d['people']} people (truth: {out}.truth.json)")


def entry() -> None:
    """Console entry point: a one-line error instead of a traceback, whatever fails."""
    release_freed_memory()
    try:
        main(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - the message of an unexpected error may quote input data
        if os.environ.get("LEAKSCAN_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}); set LEAKSCAN_DEBUG=1 to see details")
