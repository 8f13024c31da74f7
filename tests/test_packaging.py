"""What `pip install .` ships: every package of the source tree (tests import the tree, not the install)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_tree_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    renamed = {folder: name for name, folder in config.get("package-dir", {}).items()}
    found = set()
    for init in ROOT.glob("*/**/__init__.py"):
        parts = init.parent.relative_to(ROOT).parts
        if parts[0] in ("tests", "benchmarks", "build") or any(p.startswith(".") for p in parts):
            continue
        found.add(".".join((renamed.get(parts[0], parts[0]), *parts[1:])))
    assert found == set(config["packages"])
