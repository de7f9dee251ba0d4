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


def _layer_of_package() -> dict[str, int]:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    [layers] = [contract["layers"] for contract in contracts if contract["type"] == "layers"]
    # The contract lists layers from the top; a higher number is a lower layer.
    return {name.strip(): depth for depth, layer in enumerate(layers) for name in layer.split("|")}


#: Upward relations kept on purpose, each with its reason.
KNOWN_UPWARD = {
    # The log is below projects (projects write to it), yet each entry belongs to a project: the
    # foreign key lets the database delete a project's log with it and keeps the feed's joins.
    # activity never imports projects; it reaches the model only through this string reference.
    "activity.ActivityEntry.project -> projects.Project",
}


def test_no_model_refers_to_a_model_of_a_higher_layer():
    """A foreign key names its model by a string ("projects.Project"), which import-linter cannot
    see: the relations between models must go one way too (from higher apps down to lower ones)."""
    from django.apps import apps

    depth = _layer_of_package()
    upward = []
    for model in apps.get_models():
        package = ".".join(model.__module__.split(".")[:2])
        own = depth.get(package)
        if own is None:
            continue  # Django's own apps
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = depth.get(".".join(field.related_model.__module__.split(".")[:2]))
            if target is not None and target < own:
                upward.append(f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}")
    assert sorted(set(upward) - KNOWN_UPWARD) == []
