"""The automations operations of the HTTP API (mounted by accord.api; see docs/api.md and
docs/integrations.md): triggers, rules with their go-live step, runs and their replay.

Vendor admins and managers of the workspace only: for anyone else every trigger, rule and run is
404. Events themselves are not sent here: a platform sends them to its trigger's address,
``POST /hooks/<public id>/``, signed (Standard Webhooks), not with a token.
"""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody, error_status_register
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.apikit.versions import etag_set, version_required
from accord.automations import selectors, services
from accord.automations.models import Rule, Run, Trigger
from accord.domain.automations import MappingLine

router = Router(tags=["Automations"])

error_status_register("go-live-refused", 409)
error_status_register("run-not-replayable", 409)

ActionName = Literal["create_project", "move_task", "add_comment"]
ModeName = Literal["test", "live"]
OutcomeName = Literal["succeeded", "failed", "skipped"]


# --- Schemas --------------------------------------------------------------------------------------


class TriggerOut(Schema):
    id: int
    workspace_id: int
    name: str
    platform: str
    url: str = Field(description="where the platform sends its signed events (POST)")
    rotating: bool = Field(description="whether events signed with the previous secret are still accepted")
    created_at: datetime
    last_event_at: datetime | None
    version: int

    @staticmethod
    def resolve_url(trigger: Trigger) -> str:
        return selectors.trigger_url(trigger)

    @staticmethod
    def resolve_rotating(trigger: Trigger) -> bool:
        return selectors.rotation_in_progress(trigger)


class TriggerSecretOut(TriggerOut):
    secret: str = Field(description="the whsec_ signing secret: shown in this answer only")


class TriggerIn(Schema):
    workspace_id: RowId
    name: str = Field(min_length=1, max_length=100)
    platform: str = Field(
        min_length=1, max_length=100, description="as the rule's sentence names it, e.g. the CRM"
    )


class MappingItem(Schema):
    path: str = Field(max_length=300, description="dotted keys and [index], e.g. data.deal.company.name")
    field: str = Field(max_length=50, description="Accord's field, e.g. customer_name")


class RuleFields(Schema):
    """Every field a rule is written with (see docs/integrations.md)."""

    name: str = Field(max_length=150)
    trigger_id: RowId
    event_type: str = Field(max_length=200, description="the event's type, e.g. deal.updated")
    field_label: str = Field("", max_length=100, description="the field in words, e.g. deal stage")
    field_path: str = Field(max_length=300, description="e.g. data.deal.stage")
    from_value: str = Field("", max_length=200, description="empty: a state (refused when going live)")
    to_value: str = Field(max_length=200)
    old_value_path: str = Field(
        "", max_length=300, description="where the platform sends the old value, if it does"
    )
    record_id_path: str = Field(max_length=300, description="e.g. data.deal.id")
    mapping: list[MappingItem] = Field(default_factory=list, max_length=50)
    action: ActionName
    live_playbook_key: str = Field("", max_length=100)
    test_playbook_key: str = Field("", max_length=100)
    variant: str = Field("", max_length=100)
    country: str = Field("FR", max_length=10)
    test_customer_id: RowId
    live_customer_id: RowId | None = None
    owner_id: RowId | None = Field(None, description="default: you")
    task_key: str = Field("", max_length=100)
    task_action: str = Field("", max_length=30)
    comment_template: str = Field("", max_length=5000)
    goal: str = Field("", max_length=2000)


class RuleIn(RuleFields):
    workspace_id: RowId


class RulePatch(Schema):
    """Any field of a rule; those left out stay. A live rule whose behaviour changes goes back to
    test mode."""

    name: str | None = Field(None, max_length=150)
    trigger_id: RowId | None = None
    event_type: str | None = Field(None, max_length=200)
    field_label: str | None = Field(None, max_length=100)
    field_path: str | None = Field(None, max_length=300)
    from_value: str | None = Field(None, max_length=200)
    to_value: str | None = Field(None, max_length=200)
    old_value_path: str | None = Field(None, max_length=300)
    record_id_path: str | None = Field(None, max_length=300)
    mapping: list[MappingItem] | None = Field(None, max_length=50)
    action: ActionName | None = None
    live_playbook_key: str | None = Field(None, max_length=100)
    test_playbook_key: str | None = Field(None, max_length=100)
    variant: str | None = Field(None, max_length=100)
    country: str | None = Field(None, max_length=10)
    test_customer_id: RowId | None = None
    live_customer_id: RowId | None = None
    owner_id: RowId | None = None
    task_key: str | None = Field(None, max_length=100)
    task_action: str | None = Field(None, max_length=30)
    comment_template: str | None = Field(None, max_length=5000)
    goal: str | None = Field(None, max_length=2000)


class CheckOut(Schema):
    code: str
    passed: bool
    label: str
    message: str
    hint: str


class RuleOut(Schema):
    id: int
    workspace_id: int
    trigger_id: int
    name: str
    statement: str = Field(description="the rule in the need's words")
    mode: ModeName
    went_live_at: datetime | None
    owner_id: int | None
    event_type: str
    field_label: str
    field_path: str
    from_value: str
    to_value: str
    old_value_path: str
    record_id_path: str
    mapping: list[MappingItem]
    action: ActionName
    live_playbook_key: str
    test_playbook_key: str
    variant: str
    country: str
    test_customer_id: int | None
    live_customer_id: int | None
    task_key: str
    task_action: str
    comment_template: str
    goal: str
    version: int

    @staticmethod
    def resolve_statement(rule: Rule) -> str:
        return selectors.rule_statement(rule)

    @staticmethod
    def resolve_mapping(rule: Rule) -> list[dict[str, str]]:
        return [{"path": line.path, "field": line.field} for line in selectors.rule_mapping(rule)]


class RuleDetailOut(RuleOut):
    checks: list[CheckOut] = Field(description="the go-live checks; all must pass to go live")

    @staticmethod
    def resolve_checks(rule: Rule) -> list[selectors.CheckView]:
        return selectors.check_views(selectors.rule_checks(rule))


class GoLiveIn(Schema):
    no_special_cases: bool = Field(
        False, description="the owner confirms the trigger has no special cases (only the owner's counts)"
    )


class RunOut(Schema):
    id: int
    rule_id: int
    event_id: str | None = Field(description="the webhook-id of the event")
    mode: ModeName
    record_id: str
    input: Any
    previous_value: Any
    previous_source: str
    current_value: Any
    reason: str
    mapped: dict[str, Any]
    action: ActionName
    action_summary: str
    outcome: OutcomeName
    error: str
    project_id: int | None
    replay_of_id: int | None
    started_at: datetime
    duration_ms: int

    @staticmethod
    def resolve_event_id(run: Run) -> str | None:
        return run.event.event_id if run.event is not None else None

    @staticmethod
    def resolve_reason(run: Run) -> str:
        return selectors.run_reason(run)


class RunFilters(Schema):
    workspace_id: RowId | None = None
    rule_id: RowId | None = None
    outcome: OutcomeName | None = None


class WorkspaceFilter(Schema):
    workspace_id: RowId | None = None


# --- Triggers -------------------------------------------------------------------------------------


@router.get("/automations/triggers", response=list[TriggerOut])
@paginate(CursorPagination, sort_key="created_at")
def trigger_list(request: HttpRequest, filters: Query[WorkspaceFilter]) -> Any:
    """The triggers of the workspaces you manage (one with ``workspace_id``), oldest first."""
    return selectors.visible_triggers(acting_user(request), workspace_id=filters.workspace_id)


@router.post("/automations/triggers", response={201: TriggerSecretOut, 404: ErrorBody})
def trigger_create(request: HttpRequest, payload: TriggerIn) -> Status[Trigger]:
    """A new trigger with its own address and ``whsec_`` secret; the secret is in this answer only."""
    actor = acting_user(request)
    workspace = selectors.managed_workspace(actor, payload.workspace_id)
    trigger = services.trigger_create(
        actor=actor, workspace=workspace, name=payload.name, platform=payload.platform
    )
    return Status(201, trigger)


@router.get("/automations/triggers/{trigger_id}", response={200: TriggerOut, 404: ErrorBody})
def trigger_read(request: HttpRequest, trigger_id: RowId, response: HttpResponse) -> Trigger:
    """One trigger (never its secret)."""
    trigger = selectors.trigger_for(acting_user(request), trigger_id)
    etag_set(response, trigger.pk, trigger.version)
    return trigger


@router.post(
    "/automations/triggers/{trigger_id}/rotate-secret", response={200: TriggerSecretOut, 404: ErrorBody}
)
def trigger_secret_rotate(request: HttpRequest, trigger_id: RowId) -> Trigger:
    """A new secret, in this answer only; events signed with the previous one are accepted for 24
    more hours."""
    actor = acting_user(request)
    trigger = selectors.trigger_for(actor, trigger_id)
    return services.trigger_secret_rotate(actor=actor, trigger=trigger)


@router.delete("/automations/triggers/{trigger_id}", response={204: None, 404: ErrorBody})
def trigger_delete(request: HttpRequest, trigger_id: RowId) -> Status[None]:
    """Delete the trigger with its events, rules and runs."""
    actor = acting_user(request)
    services.trigger_delete(actor=actor, trigger=selectors.trigger_for(actor, trigger_id))
    return Status(204, None)


# --- Rules ----------------------------------------------------------------------------------------


def _spec_values(payload: Schema) -> dict[str, Any]:
    values = payload.dict(exclude_unset=True)
    values.pop("workspace_id", None)
    if "mapping" in values and values["mapping"] is not None:
        values["mapping"] = [
            MappingLine(path=item["path"], field=item["field"]) for item in values["mapping"]
        ]
    return {name: value for name, value in values.items() if value is not None or name == "live_customer_id"}


@router.get("/automations/rules", response=list[RuleOut])
@paginate(CursorPagination, sort_key="created_at")
def rule_list(request: HttpRequest, filters: Query[WorkspaceFilter]) -> Any:
    """The rules of the workspaces you manage (one with ``workspace_id``), oldest first."""
    return selectors.visible_rules(acting_user(request), workspace_id=filters.workspace_id)


@router.post("/automations/rules", response={201: RuleDetailOut, 404: ErrorBody})
def rule_create(request: HttpRequest, payload: RuleIn, response: HttpResponse) -> Status[Rule]:
    """A new rule, in test mode on its test customer (and test playbook, if any)."""
    actor = acting_user(request)
    workspace = selectors.managed_workspace(actor, payload.workspace_id)
    values = _spec_values(payload)
    spec = services.RuleSpec(**{"test_customer_id": None, **values})
    rule = services.rule_create(actor=actor, workspace=workspace, spec=spec)
    etag_set(response, rule.pk, rule.version)
    return Status(201, selectors.rule_for(actor, rule.pk))


@router.get("/automations/rules/{rule_id}", response={200: RuleDetailOut, 404: ErrorBody})
def rule_read(request: HttpRequest, rule_id: RowId, response: HttpResponse) -> Rule:
    """One rule with its sentence and its go-live checks."""
    rule = selectors.rule_for(acting_user(request), rule_id)
    etag_set(response, rule.pk, rule.version)
    return rule


@router.patch(
    "/automations/rules/{rule_id}",
    response={200: RuleDetailOut, 404: ErrorBody, 412: ErrorBody, 428: ErrorBody},
)
def rule_update(request: HttpRequest, rule_id: RowId, payload: RulePatch, response: HttpResponse) -> Rule:
    """Change a rule (``If-Match`` required). A live rule whose behaviour changes goes back to test
    mode."""
    actor = acting_user(request)
    rule = selectors.rule_for(actor, rule_id)
    expected = version_required(request, rule.pk)
    spec = services.rule_changes(rule, **_spec_values(payload))
    rule = services.rule_update(actor=actor, rule=rule, spec=spec, expected_version=expected)
    etag_set(response, rule.pk, rule.version)
    return selectors.rule_for(actor, rule.pk)


@router.post(
    "/automations/rules/{rule_id}/go-live", response={200: RuleDetailOut, 404: ErrorBody, 409: ErrorBody}
)
def rule_go_live(request: HttpRequest, rule_id: RowId, payload: GoLiveIn, response: HttpResponse) -> Rule:
    """Put the rule live, pointed at the real target. 409 ``go-live-refused`` when a check fails:
    ``details`` has one entry per failed check (``field`` is the check's code) saying why."""
    actor = acting_user(request)
    rule = services.rule_go_live(
        actor=actor, rule=selectors.rule_for(actor, rule_id), no_special_cases=payload.no_special_cases
    )
    etag_set(response, rule.pk, rule.version)
    return selectors.rule_for(actor, rule.pk)


@router.post("/automations/rules/{rule_id}/test-mode", response={200: RuleDetailOut, 404: ErrorBody})
def rule_test_mode(request: HttpRequest, rule_id: RowId, response: HttpResponse) -> Rule:
    """Put a live rule back in test mode."""
    actor = acting_user(request)
    rule = services.rule_test_mode(actor=actor, rule=selectors.rule_for(actor, rule_id))
    etag_set(response, rule.pk, rule.version)
    return selectors.rule_for(actor, rule.pk)


@router.delete("/automations/rules/{rule_id}", response={204: None, 404: ErrorBody})
def rule_delete(request: HttpRequest, rule_id: RowId) -> Status[None]:
    """Delete the rule with its runs (what it made stays)."""
    actor = acting_user(request)
    services.rule_delete(actor=actor, rule=selectors.rule_for(actor, rule_id))
    return Status(204, None)


# --- Runs -----------------------------------------------------------------------------------------


@router.get("/automations/runs", response=list[RunOut])
@paginate(CursorPagination, sort_key="-started_at")
def run_list(request: HttpRequest, filters: Query[RunFilters]) -> Any:
    """Runs of the rules you manage, newest first; filter by workspace, rule or outcome."""
    return selectors.visible_runs(
        acting_user(request),
        workspace_id=filters.workspace_id,
        rule_id=filters.rule_id,
        outcome=filters.outcome or "",
    )


@router.get("/automations/runs/{run_id}", response={200: RunOut, 404: ErrorBody})
def run_read(request: HttpRequest, run_id: RowId) -> Run:
    """One run: input, values compared, mapped values, action, outcome, error."""
    return selectors.run_for(acting_user(request), run_id)


@router.post("/automations/runs/{run_id}/replay", response={201: RunOut, 404: ErrorBody, 409: ErrorBody})
def run_replay(request: HttpRequest, run_id: RowId) -> Status[Run]:
    """Replay a failed run with the rule's current mapping (a new run, returned); 409
    ``run-not-replayable`` for a run that did not fail or was already replayed successfully."""
    actor = acting_user(request)
    again = services.run_replay(actor=actor, run=selectors.run_for(actor, run_id))
    return Status(201, selectors.run_for(actor, again.pk))
