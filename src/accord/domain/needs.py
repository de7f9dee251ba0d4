"""Need statements: what an automation must do, written before anyone builds it (seed 001).

A need says *I want ACTION in PLATFORM1 when TRIGGER in PLATFORM2; data exchanged: LIST from
PLATFORM2 to PLATFORM1*, and its final goal ("what is my automation for?"). The trigger should
be unique, identifiable and free of special cases; the person writing the need ticks those three
checks, and :func:`need_warnings` says what is still doubtful.

A trigger is either free text ("a contract is fully signed": a state) or a transition of one
field ("deal status moves from prospect to customer"), or both. When the three ``trigger_*``
fields are filled, the statement reads the transition.

Usage from the shell::

    need = Need(action="create a contract", target_platform="Tomorro", trigger="",
                trigger_platform="the CRM", trigger_field="deal status",
                trigger_from="prospect", trigger_to="customer",
                fields=parse_fields("name, address, SIRET"), goal="...",
                checks=TriggerChecks(unique=True, identifiable=True, no_special_cases=True))
    validate_need(need)            # raises InvalidInput, each Problem's ``where`` names the field
    statement(need, "fr")          # "Je veux create a contract dans Tomorro quand ..."
    need_warnings(need)            # NeedWarning(code, message, hint, field); translate by code

The templates and warning texts are English (and French for the statement) and live here, so
that the statement is the same in the web page, the API and an export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from accord.domain.errors import InvalidInput, Problem

Language = Literal["en", "fr"]
#: The languages a statement can be written in.
LANGUAGES: tuple[str, ...] = get_args(Language)


def mark_for_translation(text: str) -> str:
    """Return ``text`` unchanged; marks it for the message catalogue (like gettext_noop)."""
    return text


_ = mark_for_translation

#: The statement, by language. ``{fields}`` is the list joined with commas and "and"/"et".
STATEMENT_TEMPLATES: dict[str, str] = {
    "en": "I want {action} in {target_platform} when {trigger} in {trigger_platform}",
    "fr": "Je veux {action} dans {target_platform} quand {trigger} dans {trigger_platform}",
}
#: The data part of the statement, left out when no field is named.
DATA_TEMPLATES: dict[str, str] = {
    "en": "; data exchanged: {fields} from {trigger_platform} to {target_platform}",
    "fr": " ; données échangées : {fields} de {trigger_platform} vers {target_platform}",
}
#: A trigger on a transition of one field.
TRANSITION_TEMPLATES: dict[str, str] = {
    "en": "{field} moves from {from_value} to {to_value}",
    "fr": "{field} passe de {from_value} à {to_value}",
}
#: Free-text trigger and transition together: "a deal is won (deal status moves from … to …)".
TRIGGER_WITH_TRANSITION = "{trigger} ({transition})"
LIST_LAST_SEPARATOR: dict[str, str] = {"en": " and ", "fr": " et "}

_FIELD_SEPARATORS = re.compile(r"[,;\n]")


@dataclass(frozen=True, slots=True)
class TriggerChecks:
    """The three checks seed 001 asks of a trigger, ticked by the person writing the need."""

    unique: bool = False
    identifiable: bool = False
    no_special_cases: bool = False


@dataclass(frozen=True, slots=True)
class Need:
    """One automation need (one direction). Texts are free; see :func:`validate_need`.

    ``trigger_field``/``trigger_from``/``trigger_to`` are all empty (a trigger on a state,
    described by ``trigger``) or all filled (a transition). ``fields`` are the data exchanged,
    from ``trigger_platform`` to ``target_platform``.
    """

    action: str
    target_platform: str
    trigger: str
    trigger_platform: str
    trigger_field: str = ""
    trigger_from: str = ""
    trigger_to: str = ""
    fields: tuple[str, ...] = ()
    goal: str = ""
    checks: TriggerChecks = field(default_factory=TriggerChecks)

    @property
    def is_transition(self) -> bool:
        """Whether the trigger is a transition of one field (all three ``trigger_*`` filled)."""
        return all(part.strip() for part in (self.trigger_field, self.trigger_from, self.trigger_to))


@dataclass(frozen=True, slots=True)
class NeedWarning:
    """A doubt about a need that does not stop it being saved. ``field`` names the form field."""

    code: str
    message: str
    hint: str
    field: str


def parse_fields(text: str) -> tuple[str, ...]:
    """The data fields written in one text box, split on commas, semicolons and new lines."""
    return tuple(part.strip() for part in _FIELD_SEPARATORS.split(text) if part.strip())


def need_problems(need: Need) -> tuple[Problem, ...]:
    """Everything that makes ``need`` unusable, each Problem's ``where`` naming the field."""
    problems: list[Problem] = []
    required = (
        ("action", need.action, _("Say what should happen, e.g. “create a contract”.")),
        ("target_platform", need.target_platform, _("Name the platform where the action happens.")),
        ("trigger_platform", need.trigger_platform, _("Name the platform where the trigger happens.")),
    )
    for name, value, hint in required:
        if not value.strip():
            problems.append(
                Problem(
                    code="need-field-empty", message=_("This field may not be empty."), hint=hint, where=name
                )
            )
    transition = {
        "trigger_field": need.trigger_field,
        "trigger_from": need.trigger_from,
        "trigger_to": need.trigger_to,
    }
    filled = {name for name, value in transition.items() if value.strip()}
    if filled and filled != set(transition):
        for name in transition:
            if name not in filled:
                problems.append(
                    Problem(
                        code="need-transition-incomplete",
                        message=_(
                            "A transition needs the field, the value it moves from and the value it moves to."
                        ),
                        hint=_(
                            "Fill in all three, or leave all three empty and describe the trigger in words."
                        ),
                        where=name,
                    )
                )
    if not need.trigger.strip() and not filled:
        problems.append(
            Problem(
                code="need-trigger-empty",
                message=_("Say what triggers the automation."),
                hint=_("Describe the event in words, or give the field and the values it moves between."),
                where="trigger",
            )
        )
    for index, name in enumerate(need.fields):
        if not name.strip():
            problems.append(
                Problem(
                    code="need-data-field-empty",
                    message=_("Data field {number} is empty.").format(number=index + 1),
                    hint=_("Remove it or name the data exchanged."),
                    where="fields",
                )
            )
    return tuple(problems)


def validate_need(need: Need) -> Need:
    """Return ``need`` if it is usable; otherwise raise :class:`InvalidInput` with every problem."""
    problems = need_problems(need)
    if problems:
        raise InvalidInput(problems)
    return need


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput(
            [
                Problem(
                    code="language-unknown",
                    message=f"there is no statement in the language {language!r}",
                    hint="use one of: " + ", ".join(LANGUAGES),
                    where="language",
                )
            ]
        )
    return language


def join_list(items: tuple[str, ...] | list[str], language: str) -> str:
    """``a, b and c`` (English) or ``a, b et c`` (French)."""
    items = [item.strip() for item in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + LIST_LAST_SEPARATOR[_language(language)] + items[-1]


def trigger_text(need: Need, language: str) -> str:
    """The trigger as the statement reads it: the text, the transition, or both."""
    language = _language(language)
    text = need.trigger.strip()
    if not need.is_transition:
        return text
    transition = TRANSITION_TEMPLATES[language].format(
        field=need.trigger_field.strip(),
        from_value=need.trigger_from.strip(),
        to_value=need.trigger_to.strip(),
    )
    return TRIGGER_WITH_TRANSITION.format(trigger=text, transition=transition) if text else transition


def statement(need: Need, language: str = "en") -> str:
    """The need in one sentence, in ``language`` ("en" or "fr").

    Raises :class:`InvalidInput` when the need is not valid (see :func:`validate_need`) or the
    language is unknown. The data part is left out when no field is named.
    """
    language = _language(language)
    validate_need(need)
    parts = {
        "action": need.action.strip(),
        "target_platform": need.target_platform.strip(),
        "trigger": trigger_text(need, language),
        "trigger_platform": need.trigger_platform.strip(),
    }
    text = STATEMENT_TEMPLATES[language].format(**parts)
    if need.fields:
        text += DATA_TEMPLATES[language].format(fields=join_list(need.fields, language), **parts)
    return text


#: Warning code → (English message, English hint, form field). The shell translates by code.
WARNINGS: dict[str, tuple[str, str, str]] = {
    "trigger-not-unique": (
        _("The trigger may not be unique."),
        _("Make sure one event in the source platform means exactly one run, to avoid ambiguity."),
        "checks.unique",
    ),
    "trigger-not-identifiable": (
        _("The trigger may not be identifiable."),
        _("Make sure the event is easy to spot in the source platform: a field, a status, a date."),
        "checks.identifiable",
    ),
    "trigger-has-special-cases": (
        _("The trigger may lead to special cases."),
        _("List the exceptions and narrow the trigger until it has none: each one is complex to automate."),
        "checks.no_special_cases",
    ),
    "trigger-not-a-transition": (
        _("The trigger is a state, not a change."),
        _("Prefer a field moving from one value to another, e.g. deal status from “prospect” to “customer”."),
        "trigger_field",
    ),
    "goal-missing": (
        _("The final goal is not written down."),
        _("Say what the automation is for: it is what the configuration and the tests are checked against."),
        "goal",
    ),
}


def need_warnings(need: Need) -> tuple[NeedWarning, ...]:
    """What is still doubtful about ``need``, in a stable order (codes in :data:`WARNINGS`)."""
    raised = [
        ("trigger-not-unique", not need.checks.unique),
        ("trigger-not-identifiable", not need.checks.identifiable),
        ("trigger-has-special-cases", not need.checks.no_special_cases),
        ("trigger-not-a-transition", not need.is_transition),
        ("goal-missing", not need.goal.strip()),
    ]
    return tuple(
        NeedWarning(code, WARNINGS[code][0], WARNINGS[code][1], WARNINGS[code][2])
        for code, on in raised
        if on
    )
