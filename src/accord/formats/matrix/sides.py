"""Step 6 of the detector: the roles, their names, descriptions and sides.

A role's side comes from ``--side`` (matched on the role's name, its title or its side-row
label, in any case), else from its title ("Vendor: PM", "IT (client)", "Client – DSI"), else
from a side row ("Customer" merged over its roles), else it is the vendor's, with a warning
that names the roles and the option to give.
"""

from __future__ import annotations

from collections.abc import Mapping

from accord.domain.errors import Problem
from accord.domain.playbook import Role, Side
from accord.formats.matrix.columns import split_role_title
from accord.formats.matrix.explain import Notice, RoleInfo
from accord.formats.matrix.grid import Grid
from accord.formats.matrix.layout import role_key_from_label, unique_key
from accord.formats.matrix.table import Layout, side_label, side_of_words


def column_label(grid: Grid, column: int) -> str:
    """A column of the table as the file names it: "C", or "row 5" when roles are rows."""
    return grid.column_name(column) if grid.transposed else str(grid.file_column(0, column))


def read_roles(
    layout: Layout,
    sides: Mapping[str, Side],
    problems: list[Problem],
    notices: list[Notice],
    *,
    where: str,
) -> tuple[list[RoleInfo], dict[int, Role]]:
    """The role of every role column, keyed by column, with what the explanation says of it."""
    source = layout.grid
    wanted = {name.strip().lower(): side for name, side in sides.items()}
    used: set[str] = set()
    taken: set[str] = set()
    infos: list[RoleInfo] = []
    roles: dict[int, Role] = {}
    defaulted: list[str] = []
    for column in layout.role_columns:
        title = layout.readings.text(layout.header_row, column).strip()
        label = side_label(layout, column)
        stated_side, name, description = split_role_title(title)
        if not name:
            name = f"Role {source.column_name(column).split(' ')[-1]}"
        side: str | None = None
        side_from = ""
        for candidate in (name, title, label):
            if candidate and candidate.lower() in wanted:
                side, side_from = wanted[candidate.lower()].value, "--side"
                used.add(candidate.lower())
                break
        if side is None and stated_side:
            side, side_from = stated_side, "title"
        if side is None and label and (label_side := side_of_words(label)):
            side, side_from = label_side, "side row"
        if side is None:
            side, side_from = Side.VENDOR.value, "default"
            defaulted.append(name)
        role = Role(
            key=unique_key(role_key_from_label(Side(side), name), taken),
            name=name,
            side=Side(side),
            description=description,
            source_name=title if title != name else "",
        )
        roles[column] = role
        infos.append(
            RoleInfo(
                column=column_label(source, column),
                name=name,
                side=side,
                side_from=side_from,
                title=title,
                description=description,
                key=role.key,
            )
        )
    for name in wanted:
        if name not in used:
            known = ", ".join(repr(info.name) for info in infos)
            problems.append(
                Problem(
                    code="matrix-unknown-role",
                    message=f"--side names {name!r}, which is not a role of this matrix",
                    hint=f"the roles are: {known}",
                    where=where,
                )
            )
    if defaulted:
        example = defaulted[0]
        notices.append(
            Notice(
                message="no side is written for "
                + ", ".join(repr(name) for name in defaulted)
                + "; "
                + ("it is" if len(defaulted) == 1 else "they are")
                + " taken as the vendor's",
                code="side-defaulted",
                hint=f'say which side a role is on: --side "{example}=customer" '
                "(vendor, customer or partner)",
            )
        )
    return infos, roles
