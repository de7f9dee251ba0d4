"""The built-in decision trees, shipped as YAML data beside the playbooks.

One tree for now: ``tomorro-automation`` (``decision-tree.yaml``), the default of the playbook
of the same key. A workspace's own tree is stored by the shell and read with
:func:`accord.formats.design.decision_tree_yaml.decision_tree_from_data`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from accord.domain.decision_tree import DecisionTree
from accord.domain.errors import NotFound
from accord.formats.design.decision_tree_yaml import loads_decision_tree

#: Built-in tree file by playbook key.
BUILTIN_DECISION_TREES: dict[str, str] = {"tomorro-automation": "decision-tree.yaml"}


@cache
def builtin_decision_tree(playbook_key: str = "tomorro-automation") -> DecisionTree:
    """The built-in decision tree of a playbook; :class:`NotFound` when it has none."""
    if playbook_key not in BUILTIN_DECISION_TREES:
        raise NotFound(
            f"there is no built-in decision tree for {playbook_key!r}",
            hint="built-in decision trees: " + ", ".join(BUILTIN_DECISION_TREES),
        )
    name = BUILTIN_DECISION_TREES[playbook_key]
    resource = resources.files("accord.playbooks").joinpath(name)
    return loads_decision_tree(resource.read_bytes(), f"accord/playbooks/{name}")
