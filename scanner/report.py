"""The report: one tree of facts that every renderer reads; JSON is its faithful form.

Every figure is defined in ``docs/REPORT.md``. Only counts, masked samples and
keyed ids appear here, never a raw value.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detectors import health

from . import __version__
from .analyse import BIT
from .overlap import InputOverlap
from .people import Resolution
from .state import InputReport, ScanState

SCHEMA_VERSION = 1


@dataclass
class Timing:
    started: float
    finished: float


def _input(item: InputReport) -> dict:
    return {
        "path": item.path,
        "sha256": item.sha256,
        "bytes": item.bytes,
        "format": item.format,
        "compression": item.compression,
        "encoding": item.encoding,
        "delimiter": item.delimiter,
        "header": item.header,
        "records": item.records,
        "tables": [table.to_report() for table in item.tables],
        "complete": item.complete,
        "readable": item.readable,
        "malformed": item.malformed,
        "malformed_lines": item.malformed_lines,
        "undecodable_bytes": item.undecodable_bytes,
        "undecodable_lines": item.undecodable_lines,
        "problems": item.problems,
    }


def people_with_each_flag(flags: np.ndarray, person: np.ndarray) -> dict[str, int]:
    """Per flag (``analyse.FLAGS``), the people with at least one record bearing it.

    Person ids are numbered once, then each flag marks its people in a
    boolean array: linear, where a sort per flag was not.

    >>> flags = np.array([BIT["hiv"], BIT["hiv"] | BIT["nir"], BIT["hiv"], 0], dtype=np.uint16)
    >>> counts = people_with_each_flag(flags, np.array([7, 7, 0, 9], dtype=np.uint64))
    >>> counts["hiv"], counts["nir"], counts["email"]
    (1, 1, 0)
    """
    known = person != 0
    codes, distinct = pd.factorize(person[known])
    flags = flags[known]
    counts = {}
    for name, bit in BIT.items():
        seen = np.zeros(distinct.size, dtype=bool)
        seen[codes[(flags & bit) != 0]] = True
        counts[name] = int(np.count_nonzero(seen))
    return counts


def build(state: ScanState, resolution: Resolution, timing: Timing, workers: int = 1) -> dict:
    """The report tree of a finished scan."""
    people_with = people_with_each_flag(state.record_flags(), resolution.person)
    ids = state.identifiers
    seconds = max(timing.finished - timing.started, 1e-9)
    total_bytes = sum(i.bytes for i in state.inputs)
    overlap = InputOverlap.of(resolution.person, [(i.first_record, i.records) for i in state.inputs])
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "leakscan", "version": __version__},
        "scan": {
            "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timing.started)),
            "seconds": round(seconds, 3),
            "mb_per_s": round(total_bytes / 1e6 / seconds, 1),
            "workers": workers,
            "key": state.key.source,
        },
        "inputs": [dict(_input(i), people=n) for i, n in zip(state.inputs, overlap.people)],
        "records": {"total": state.records, "malformed": sum(i.malformed for i in state.inputs)},
        "identifiers": {
            "nir": {
                "valid": ids["nir"].valid,
                "invalid": ids["nir"].invalid,
                "distinct_valid": ids["nir"].distinct,
                "records": ids["nir"].records,
                "people": people_with["nir"],
                "samples": ids["nir"].samples,
            },
            **{
                name: {
                    "valid": ids[name].valid,
                    "distinct": ids[name].distinct,
                    "records": ids[name].records,
                    "people": people_with[name],
                    "samples": ids[name].samples,
                }
                for name in ("phone", "email")
            },
        },
        "sensitivity": {
            name: {
                "records": state.sensitivity.get(name, 0),
                "people": people_with[name],
            }
            for name in health.CATEGORIES
        },
        "people": {
            "estimate": resolution.estimate,
            "low": resolution.low,
            "high": resolution.high,
            "by_birth_decade": resolution.by_birth_decade,
            "in_every_input": overlap.in_every_input,
            "overlap": overlap.shared,
            "method": resolution.method,
        },
    }


def exit_status(state: ScanState) -> int:
    """0: every input read to its end; 1: some read in part or not at all; 2: nothing readable."""
    if not state.inputs or not any(i.readable for i in state.inputs):
        return 2
    return 0 if all(i.complete for i in state.inputs) else 1
