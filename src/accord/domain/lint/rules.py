"""The rule table: every RACI rule the linter knows, as data.

Each check reads the facts of :mod:`accord.domain.lint.facts` and yields :class:`Issue` objects;
it never decides its own code or severity, so a workspace can switch a rule off, change its
severity or tune its parameters without touching the check. ``docs/linter.md`` explains each
rule: what it checks, why, how to fix it and how to tune it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from accord.domain.errors import NotFound
from accord.domain.lint.facts import LintFacts, TaskFacts
from accord.domain.lint.model import Issue, Parameter, Rule, Severity
from accord.domain.playbook import Task

SINGLE_APPROVER_QUOTE = "it is recommended that there be only one Approver per task"
SINGLE_RESPONSIBLE_QUOTE = (
    "It is essential that there be a single person responsible to ensure clarity and avoid any "
    "misunderstanding about who does what"
)
CONSULTED_QUOTE = "Communication with those consulted is two-way"


def _issue(facts: TaskFacts, roles: tuple[str, ...], message: str, hint: str) -> Issue:
    return Issue(facts.ordinal, facts.phase.key, facts.task.key, roles, message, hint)


def _distinct_owners(task: Task, holders: tuple[str, ...]) -> tuple[str, ...]:
    """Holders with owner alternatives ("CIT or TPA") collapsed to their first holder.

    Only one role of an alternative group is chosen per project, so the group is one owner.
    """
    if len(holders) < 2 or not task.alternatives:
        return holders
    kept: list[str] = []
    seen_groups: set[int] = set()
    for holder in holders:
        group_index = next(
            (index for index, group in enumerate(task.alternatives) if holder in group),
            None,
        )
        if group_index is None:
            kept.append(holder)
        elif group_index not in seen_groups:
            seen_groups.add(group_index)
            kept.append(holder)
    return tuple(kept)


def check_one_accountable(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """Each task has exactly one Accountable (owner alternatives count as one)."""
    for task_facts in facts.tasks:
        accountable = task_facts.accountable
        if len(accountable) == 1:
            continue
        name = task_facts.task.name
        if not accountable:
            yield _issue(
                task_facts,
                (),
                f'task "{name}" has no Accountable',
                "name the one role that approves the work (A); seed 000 recommends a single "
                "Approver per task",
            )
        elif len(_distinct_owners(task_facts.task, accountable)) > 1:
            roles = facts.ordered(accountable)
            yield _issue(
                task_facts,
                roles,
                f'task "{name}" has {len(roles)} Accountables: {facts.role_names(roles)}',
                "keep one Accountable and make the others Consulted or Informed; seed 000 "
                "recommends a single Approver per task",
            )


def check_single_responsible(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """No task has several Responsibles, owner alternatives counting as one."""
    for task_facts in facts.tasks:
        responsible = task_facts.responsible
        if len(responsible) < 2 or len(_distinct_owners(task_facts.task, responsible)) < 2:
            continue
        roles = facts.ordered(responsible)
        yield _issue(
            task_facts,
            roles,
            f'task "{task_facts.task.name}" has {len(roles)} Responsibles: {facts.role_names(roles)}',
            "keep the one role that does the work as R and make the others Consulted; if only one "
            "of them is chosen per project, record them as owner alternatives; seed 000: a single "
            "person responsible",
        )


def check_has_responsible(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """Every task has a Responsible."""
    for task_facts in facts.tasks:
        if not task_facts.responsible:
            yield _issue(
                task_facts,
                (),
                f'task "{task_facts.task.name}" has no Responsible',
                "name the one role that does the work (R); without it nobody knows whose move it is",
            )


def _owners_through_handovers(facts: LintFacts) -> set[str]:
    """Owners plus every role that takes one over at a hand-over, transitively."""
    owners = set(facts.owners)
    handovers = facts.playbook.handovers
    changed = True
    while changed:
        changed = False
        for handover in handovers:
            if handover.role in owners and handover.to not in owners:
                owners.add(handover.to)
                changed = True
    return owners


def check_role_owns_work(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """Every role is Responsible or Accountable somewhere, or takes over from one that is."""
    owners = _owners_through_handovers(facts)
    for role in facts.playbook.roles:
        if role.key in owners:
            continue
        yield Issue(
            facts.end_ordinal,
            None,
            None,
            (role.key,),
            f"{facts.role_name(role.key)} is Responsible or Accountable on no task",
            "give the role a task to do or approve, record the hand-over it takes work over by, "
            "or remove it if it only follows the project",
        )


def check_redundant_informed(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """No role is Informed on a task it is also Responsible or Accountable for."""
    for task_facts in facts.tasks:
        if not task_facts.informed_owners:
            continue
        roles = facts.ordered(task_facts.informed_owners)
        several = len(roles) > 1
        yield _issue(
            task_facts,
            roles,
            f'task "{task_facts.task.name}": {facts.role_names(roles)} '
            f"{'are' if several else 'is'} Informed and also Responsible or Accountable",
            "drop the I: whoever does or approves the work already knows how it is going",
        )


def check_consulted_limit(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """No task consults more roles than ``max_consulted``."""
    limit = parameters["max_consulted"]
    for task_facts in facts.tasks:
        if len(task_facts.consulted) <= limit:
            continue
        roles = facts.ordered(task_facts.consulted)
        yield _issue(
            task_facts,
            roles,
            f'task "{task_facts.task.name}" consults {len(roles)} roles (more than {limit}): '
            f"{facts.role_names(roles)}",
            "consult only the roles whose advice the work needs and inform the others: each "
            "Consulted role is a two-way exchange that slows the task",
        )


def _known_roles_hint(facts: LintFacts) -> str:
    keys = list(facts.role_order)
    shown = ", ".join(keys[:12]) + (", …" if len(keys) > 12 else "")
    return f"add the role to the playbook or fix the key; known roles: {shown or 'none'}"


def check_known_roles(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """Cells, owner alternatives and hand-overs name only roles the playbook defines."""
    for task_facts in facts.tasks:
        if task_facts.unknown_roles:
            keys = ", ".join(f'"{key}"' for key in task_facts.unknown_roles)
            yield _issue(
                task_facts,
                task_facts.unknown_roles,
                f'task "{task_facts.task.name}" names roles the playbook does not define: {keys}',
                _known_roles_hint(facts),
            )
    for handover in facts.playbook.handovers:
        unknown = tuple(dict.fromkeys(key for key in (handover.role, handover.to) if key not in facts.roles))
        if unknown:
            keys = ", ".join(f'"{key}"' for key in unknown)
            yield Issue(
                facts.end_ordinal,
                None,
                None,
                unknown,
                f'the hand-over after "{handover.after}" names roles the playbook does not define: {keys}',
                _known_roles_hint(facts),
            )


def check_whole_side_overlap(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """A role standing for a whole side is not Responsible next to a role of that same side."""
    whole_sides = {role.key: role.side for role in facts.playbook.roles if role.whole_side}
    if not whole_sides:
        return
    roles_by_key = facts.roles
    for task_facts in facts.tasks:
        responsible = task_facts.responsible
        if len(responsible) < 2:
            continue
        for whole_key in responsible:
            side = whole_sides.get(whole_key)
            if side is None:
                continue
            members = [
                key
                for key in responsible
                if key != whole_key and key in roles_by_key and roles_by_key[key].side is side
            ]
            if not members:
                continue
            members_ordered = facts.ordered(members)
            yield _issue(
                task_facts,
                (whole_key, *members_ordered),
                f'task "{task_facts.task.name}": {facts.role_name(whole_key)} stands for the whole '
                f"{side.value} side and {facts.role_names(members_ordered)} of that side "
                f"{'are' if len(members) > 1 else 'is'} also Responsible",
                f"keep R on the specific role and make {facts.role_name(whole_key)} Informed, or "
                "keep only the whole side",
            )


def check_all_not_applicable(facts: LintFacts, parameters: Mapping[str, int]) -> Iterator[Issue]:
    """A task where no role holds a letter but some are marked N/A applies to nobody."""
    for task_facts in facts.tasks:
        if task_facts.applicable:
            continue
        yield _issue(
            task_facts,
            (),
            f'task "{task_facts.task.name}" is N/A for every role: nobody does, approves or hears of it',
            "give it a Responsible and an Accountable, restrict it to the variants where it applies, "
            "or remove it",
        )


ONE_ACCOUNTABLE = Rule(
    code="RACI001",
    name="one-accountable",
    severity=Severity.ERROR,
    description="Every task has exactly one Accountable (Approver); owner alternatives count as one.",
    check=check_one_accountable,
    source=f'seed 000: "{SINGLE_APPROVER_QUOTE}"',
)
SINGLE_RESPONSIBLE = Rule(
    code="RACI002",
    name="single-responsible",
    severity=Severity.ERROR,
    description='No task has several Responsibles; owner alternatives ("CIT or TPA") count as one.',
    check=check_single_responsible,
    source=f'seed 000: "{SINGLE_RESPONSIBLE_QUOTE}"',
)
HAS_RESPONSIBLE = Rule(
    code="RACI003",
    name="has-responsible",
    severity=Severity.ERROR,
    description="Every task has a Responsible.",
    check=check_has_responsible,
    source='seed 000: "This person is designated for each task and is responsible for its execution"',
)
ROLE_OWNS_WORK = Rule(
    code="RACI004",
    name="role-owns-work",
    severity=Severity.WARNING,
    description=(
        "Every role is Responsible or Accountable on some task, or takes over at a hand-over from a "
        "role that is."
    ),
    check=check_role_owns_work,
)
REDUNDANT_INFORMED = Rule(
    code="RACI005",
    name="redundant-informed",
    severity=Severity.WARNING,
    description="No role is Informed on a task it is also Responsible or Accountable for.",
    check=check_redundant_informed,
    source='seed 000: Informed roles "are not directly involved in the execution of tasks"',
)
CONSULTED_LIMIT = Rule(
    code="RACI006",
    name="consulted-limit",
    severity=Severity.INFO,
    description="No task consults more roles than the threshold.",
    check=check_consulted_limit,
    parameters=(
        Parameter(
            name="max_consulted",
            default=3,
            description="the most Consulted roles a task may have before the rule speaks",
        ),
    ),
    source=f'seed 000: "{CONSULTED_QUOTE}"',
)
KNOWN_ROLES = Rule(
    code="RACI007",
    name="known-roles",
    severity=Severity.ERROR,
    description="RACI cells, owner alternatives and hand-overs name only roles the playbook defines.",
    check=check_known_roles,
)
WHOLE_SIDE_OVERLAP = Rule(
    code="RACI008",
    name="whole-side-overlap",
    severity=Severity.INFO,
    description="A role standing for a whole side is not Responsible next to a role of that side.",
    check=check_whole_side_overlap,
)
ALL_NOT_APPLICABLE = Rule(
    code="RACI009",
    name="all-not-applicable",
    severity=Severity.WARNING,
    description="A task is not N/A for every role.",
    check=check_all_not_applicable,
)

#: The rules a playbook is linted with unless told otherwise, in code order.
DEFAULT_RULES: tuple[Rule, ...] = (
    ONE_ACCOUNTABLE,
    SINGLE_RESPONSIBLE,
    HAS_RESPONSIBLE,
    ROLE_OWNS_WORK,
    REDUNDANT_INFORMED,
    CONSULTED_LIMIT,
    KNOWN_ROLES,
    WHOLE_SIDE_OVERLAP,
    ALL_NOT_APPLICABLE,
)


def find_rule(code_or_name: str, rules: tuple[Rule, ...] = DEFAULT_RULES) -> Rule:
    """A rule by its code ("RACI001") or its name ("one-accountable"), case-insensitively."""
    wanted = code_or_name.strip().lower()
    for rule in rules:
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    raise NotFound(
        f"there is no lint rule {code_or_name!r}",
        hint="known rules: " + ", ".join(f"{rule.code} ({rule.name})" for rule in rules),
    )
