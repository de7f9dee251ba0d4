"""The house stays one-way: every package of Accord sits in the layers contract import-linter checks."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "accord"


def layered_packages() -> set[str]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    [layers] = [contract["layers"] for contract in contracts if contract["type"] == "layers"]
    return {name.strip() for layer in layers for name in layer.split("|")}


def test_every_package_of_accord_is_in_a_layer():
    packages = {
        f"accord.{path.name}"
        for path in PACKAGE.iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    }
    assert packages, "no packages found: this test checks nothing"
    assert packages - layered_packages() == set()


def test_no_module_reaches_around_the_import_system():
    """No import through importlib or sys.modules tricks hides a dependency from the contract."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "import_module(" in path.read_text() or "sys.modules[" in path.read_text()
    ]
    assert offenders == []
