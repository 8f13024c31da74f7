"""Tests run against this tree's generator, even where another checkout's
``leakscan_fixtures`` is installed (the package is this tree's ``fixtures/``)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.modules["leakscan_fixtures"] = importlib.import_module("fixtures")
