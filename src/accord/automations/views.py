"""Automations pages (workspace settings → Automations) and the triggers' addresses: parse the
request, call a selector or a service, render. No rules here.

The pages are for the vendor admins and managers of the workspace; everyone else gets 404 (the
selectors raise NotFound, the middleware answers). The hook is for the platforms: signed, not
logged in.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.accounts.acting import acting_user
from accord.automations import engine, selectors, services
from accord.automations.forms import GoLiveForm, RuleForm, RunFilterForm, TriggerForm, VersionForm
from accord.automations.models import Rule, RuleAction, RuleMode, RunOutcome, Trigger
from accord.base.forms import error_text, problems_to_form
from accord.catalog.selectors import available_playbooks
from accord.domain.errors import InvalidInput, StaleWrite
from accord.workspaces.models import Workspace

# --- The address of a trigger -----------------------------------------------------------------------


def _refusal(status: int, code: str, message: str, hint: str = "") -> JsonResponse:
    return JsonResponse(
        {"code": code, "message": str(message), "details": [{"hint": str(hint)}] if hint else []},
        status=status,
    )


@csrf_exempt
@login_not_required
@never_cache
@require_POST
def hook(request: HttpRequest, public_id: str) -> HttpResponse:
    """Where a platform sends its events (Standard Webhooks): verified, applied once, answered
    at once with what ran. 200 also for an event already received (nothing done again)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > engine.MAX_BODY_BYTES:
        return _refusal(
            413,
            "payload-too-large",
            _("The event is larger than %(size)s KiB.") % {"size": engine.MAX_BODY_BYTES // 1024},
        )
    body = request.read(engine.MAX_BODY_BYTES + 1)
    headers = {
        name: request.headers.get(name, "")
        for name in ("webhook-id", "webhook-timestamp", "webhook-signature")
    }
    try:
        receipt = engine.event_receive(public_id=public_id, body=body, headers=headers)
    except engine.HookRefused as error:
        return _refusal(error.status, error.code, error.message, error.hint)
    return JsonResponse(
        {
            "event_id": receipt.event.event_id,
            "duplicate": receipt.duplicate,
            "runs": [
                {"id": run.pk, "rule": run.rule_id, "mode": run.mode, "outcome": run.outcome}
                for run in receipt.runs
            ],
        },
        status=200,
    )


# --- Pages ----------------------------------------------------------------------------------------


def _context(workspace: Workspace, **values: Any) -> dict[str, Any]:
    # The settings pages' frame: the automations section, shown to those who manage the workspace.
    return {"workspace": workspace, "may_manage": True, "section": "automations", **values}


@require_GET
def automations_home(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The workspace's triggers, rules and latest runs."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    rules = list(selectors.visible_rules(request.user, workspace_id=workspace_id))
    return render(
        request,
        "automations/home.html",
        _context(
            workspace,
            triggers=list(selectors.visible_triggers(request.user, workspace_id=workspace_id)),
            rules=[(rule, selectors.rule_statement(rule)) for rule in rules],
            runs=list(selectors.visible_runs(request.user, workspace_id=workspace_id)[:10]),
        ),
    )


@require_http_methods(["GET", "POST"])
def trigger_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """A form to add a trigger; once added, its address and secret are shown (the secret once)."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    form = TriggerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            trigger = services.trigger_create(
                actor=acting_user(request),
                workspace=workspace,
                name=form.cleaned_data["name"],
                platform=form.cleaned_data["platform"],
            )
        except InvalidInput as error:
            problems_to_form(form, error)
        else:
            return _secret_page(request, workspace, trigger, rotated=False)
    return render(
        request,
        "automations/trigger_create.html",
        _context(workspace, form=form),
        status=422 if form.errors else 200,
    )


def _secret_page(
    request: HttpRequest, workspace: Workspace, trigger: Trigger, *, rotated: bool
) -> HttpResponse:
    return render(
        request,
        "automations/trigger_secret.html",
        _context(
            workspace,
            trigger=trigger,
            secret=trigger.secret,
            url=selectors.trigger_url(trigger),
            rotated=rotated,
        ),
    )


@require_GET
def trigger_detail(request: HttpRequest, workspace_id: int, trigger_id: int) -> HttpResponse:
    """A trigger: its address, how to sign a test event, its latest events, rotate, delete."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    trigger = selectors.trigger_for(request.user, trigger_id, workspace_id=workspace_id)
    return render(
        request,
        "automations/trigger_detail.html",
        _context(
            workspace,
            trigger=trigger,
            url=selectors.trigger_url(trigger),
            events=selectors.trigger_events(trigger),
            rotating=selectors.rotation_in_progress(trigger),
            rules=list(
                selectors.visible_rules(request.user, workspace_id=workspace_id).filter(trigger=trigger)
            ),
        ),
    )


def _version(request: HttpRequest) -> int | None:
    form = VersionForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else None


@require_POST
def trigger_rotate(request: HttpRequest, workspace_id: int, trigger_id: int) -> HttpResponse:
    """A new secret, shown once; the old one is accepted for 24 more hours."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    trigger = selectors.trigger_for(request.user, trigger_id, workspace_id=workspace_id)
    try:
        trigger = services.trigger_secret_rotate(
            actor=acting_user(request), trigger=trigger, expected_version=_version(request)
        )
    except StaleWrite as error:
        messages.error(request, error_text(error))
        return redirect("automations:trigger_detail", workspace_id=workspace_id, trigger_id=trigger_id)
    return _secret_page(request, workspace, trigger, rotated=True)


@require_POST
def trigger_delete(request: HttpRequest, workspace_id: int, trigger_id: int) -> HttpResponse:
    """Delete the trigger, its rules and their runs."""
    selectors.managed_workspace(request.user, workspace_id)
    trigger = selectors.trigger_for(request.user, trigger_id, workspace_id=workspace_id)
    try:
        services.trigger_delete(
            actor=acting_user(request), trigger=trigger, expected_version=_version(request)
        )
    except StaleWrite as error:
        messages.error(request, error_text(error))
        return redirect("automations:trigger_detail", workspace_id=workspace_id, trigger_id=trigger_id)
    messages.success(request, _("Trigger deleted."))
    return redirect("automations:home", workspace_id=workspace_id)


def _rule_form(request: HttpRequest, workspace: Workspace, **kwargs: Any) -> RuleForm:
    return RuleForm(
        request.POST or None,
        workspace=workspace,
        entries=available_playbooks(request.user, workspace.pk),
        owners=selectors.workspace_managers(workspace.pk),
        **kwargs,
    )


def _form_problems(form: RuleForm, error: InvalidInput) -> None:
    for problem in error.problems:
        message = " ".join(filter(None, [problem.message, problem.hint]))
        form.add_error(form.field_for(problem.where), message)


@require_http_methods(["GET", "POST"])
def rule_create(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """The guided form: the need's sentence, the mapping, the test target."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    form = _rule_form(
        request, workspace, initial={"owner": request.user.pk, "action": RuleAction.CREATE_PROJECT}
    )
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_create(actor=acting_user(request), workspace=workspace, spec=form.spec())
        except InvalidInput as error:
            _form_problems(form, error)
        else:
            messages.success(request, _("Rule saved in test mode. Send a test event to its trigger."))
            return redirect("automations:rule_detail", workspace_id=workspace_id, rule_id=rule.pk)
    return render(
        request,
        "automations/rule_form.html",
        _context(workspace, form=form, rule=None),
        status=422 if form.errors else 200,
    )


def _initial(rule: Rule) -> dict[str, Any]:
    spec = services.rule_spec_of(rule)
    return {
        name: getattr(spec, name)
        for name in (
            "name",
            "event_type",
            "field_path",
            "to_value",
            "record_id_path",
            "action",
            "from_value",
            "old_value_path",
            "field_label",
            "goal",
            "live_playbook_key",
            "test_playbook_key",
            "variant",
            "country",
            "task_key",
            "task_action",
            "comment_template",
        )
    } | {
        "trigger": rule.trigger_id,
        "test_customer": rule.test_customer_id,
        "live_customer": rule.live_customer_id,
        "owner": rule.owner_id,
        "mapping": "\n".join(f"{line.path} -> {line.field}" for line in selectors.rule_mapping(rule)),
    }


@require_http_methods(["GET", "POST"])
def rule_update(request: HttpRequest, workspace_id: int, rule_id: int) -> HttpResponse:
    """Change a rule; a live rule whose behaviour changes goes back to test mode."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    rule = selectors.rule_for(request.user, rule_id, workspace_id=workspace_id)
    form = _rule_form(request, workspace, initial=_initial(rule))
    if request.method == "POST" and form.is_valid():
        was_live = rule.is_live
        try:
            rule = services.rule_update(
                actor=acting_user(request), rule=rule, spec=form.spec(), expected_version=_version(request)
            )
        except InvalidInput as error:
            _form_problems(form, error)
        except StaleWrite as error:
            form.add_error(None, error_text(error))
        else:
            if was_live and not rule.is_live:
                messages.warning(
                    request, _("Rule saved and back in test mode: test it again, then put it live.")
                )
            else:
                messages.success(request, _("Rule saved."))
            return redirect("automations:rule_detail", workspace_id=workspace_id, rule_id=rule.pk)
    return render(
        request,
        "automations/rule_form.html",
        _context(workspace, form=form, rule=rule),
        status=422 if form.errors else 200,
    )


@require_GET
def rule_detail(request: HttpRequest, workspace_id: int, rule_id: int) -> HttpResponse:
    """A rule: its sentence, where it points now, the go-live checklist, a preview of its
    condition and mapping on the latest event, and its runs."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    rule = selectors.rule_for(request.user, rule_id, workspace_id=workspace_id)
    preview = selectors.rule_preview(rule)
    return render(
        request,
        "automations/rule_detail.html",
        _context(
            workspace,
            rule=rule,
            statement=selectors.rule_statement(rule),
            checks=selectors.check_views(selectors.rule_checks(rule)),
            preview=preview,
            preview_input=json.dumps(preview.event.payload, indent=2, ensure_ascii=False) if preview else "",
            mapping=selectors.rule_mapping(rule),
            runs=list(selectors.visible_runs(request.user, rule_id=rule.pk)[:20]),
            go_live_form=GoLiveForm(initial={"version": rule.version}),
            is_owner=rule.owner_id == request.user.pk,
            live=rule.mode == RuleMode.LIVE,
        ),
    )


@require_POST
def rule_go_live(request: HttpRequest, workspace_id: int, rule_id: int) -> HttpResponse:
    """Put the rule live if every check holds; otherwise say which fail and why."""
    selectors.managed_workspace(request.user, workspace_id)
    rule = selectors.rule_for(request.user, rule_id, workspace_id=workspace_id)
    form = GoLiveForm(request.POST)
    confirmed = form.is_valid() and form.cleaned_data["no_special_cases"]
    try:
        services.rule_go_live(
            actor=acting_user(request),
            rule=rule,
            no_special_cases=bool(confirmed),
            expected_version=form.cleaned_data.get("version") if form.is_valid() else None,
        )
    except services.GoLiveRefused as error:
        messages.error(request, error.message)
        for problem in error.problems:
            messages.error(request, " ".join(filter(None, [problem.message, problem.hint])))
    except StaleWrite as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The rule is live: it now acts on the real target."))
    return redirect("automations:rule_detail", workspace_id=workspace_id, rule_id=rule_id)


@require_POST
def rule_test_mode(request: HttpRequest, workspace_id: int, rule_id: int) -> HttpResponse:
    """Put a live rule back in test mode."""
    selectors.managed_workspace(request.user, workspace_id)
    rule = selectors.rule_for(request.user, rule_id, workspace_id=workspace_id)
    try:
        services.rule_test_mode(actor=acting_user(request), rule=rule, expected_version=_version(request))
    except StaleWrite as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The rule is back in test mode: it acts on the test customer only."))
    return redirect("automations:rule_detail", workspace_id=workspace_id, rule_id=rule_id)


@require_POST
def rule_delete(request: HttpRequest, workspace_id: int, rule_id: int) -> HttpResponse:
    """Delete the rule and its runs (what it made stays)."""
    selectors.managed_workspace(request.user, workspace_id)
    rule = selectors.rule_for(request.user, rule_id, workspace_id=workspace_id)
    try:
        services.rule_delete(actor=acting_user(request), rule=rule, expected_version=_version(request))
    except StaleWrite as error:
        messages.error(request, error_text(error))
        return redirect("automations:rule_detail", workspace_id=workspace_id, rule_id=rule_id)
    messages.success(request, _("Rule deleted."))
    return redirect("automations:home", workspace_id=workspace_id)


@require_GET
def run_list(request: HttpRequest, workspace_id: int) -> HttpResponse:
    """Every run of the workspace's rules, newest first, filtered by outcome or rule."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    form = RunFilterForm(request.GET or None)
    outcome, rule_id = "", None
    if form.is_valid():
        outcome, rule_id = form.cleaned_data["outcome"] or "", form.cleaned_data["rule"]
    runs = selectors.visible_runs(request.user, workspace_id=workspace_id, rule_id=rule_id, outcome=outcome)
    return render(
        request,
        "automations/run_list.html",
        _context(workspace, form=form, runs=list(runs[: selectors.RUN_PAGE]), outcomes=RunOutcome.choices),
    )


@require_GET
def run_detail(request: HttpRequest, workspace_id: int, run_id: int) -> HttpResponse:
    """One run: the input, the values compared, the mapped values, the action, the outcome."""
    workspace = selectors.managed_workspace(request.user, workspace_id)
    run = selectors.run_for(request.user, run_id, workspace_id=workspace_id)
    return render(
        request,
        "automations/run_detail.html",
        _context(
            workspace,
            run=run,
            reason=selectors.run_reason(run),
            payload=json.dumps(run.input, indent=2, ensure_ascii=False),
            mapped=json.dumps(run.mapped, indent=2, ensure_ascii=False),
            replays=list(
                selectors.visible_runs(request.user, workspace_id=workspace_id).filter(replay_of=run)
            ),
            replayable=run.outcome == RunOutcome.FAILED,
        ),
    )


@require_POST
def run_replay(request: HttpRequest, workspace_id: int, run_id: int) -> HttpResponse:
    """Replay a failed run with the rule's current mapping."""
    selectors.managed_workspace(request.user, workspace_id)
    run = selectors.run_for(request.user, run_id, workspace_id=workspace_id)
    try:
        again = services.run_replay(actor=acting_user(request), run=run)
    except services.RunNotReplayable as error:
        messages.error(request, error_text(error))
        return redirect("automations:run_detail", workspace_id=workspace_id, run_id=run_id)
    if again.outcome == RunOutcome.SUCCEEDED:
        messages.success(request, _("The replay succeeded."))
    else:
        messages.error(request, _("The replay failed: %(error)s") % {"error": again.error})
    return redirect("automations:run_detail", workspace_id=workspace_id, run_id=again.pk)
