"""The Roles page of a catalogue playbook: what each role is for and does, as contacts read it
on their project home and people page. Saving makes the next version (accord.catalog.role_edits).
Vendor admins and managers only; for everyone else the page does not exist (404)."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.accounts.acting import acting_user
from accord.base.forms import problems_to_form
from accord.catalog.role_edits import playbook_roles_save
from accord.catalog.selectors import catalog_entry, catalog_playbook
from accord.domain.errors import InvalidInput
from accord.workspace_settings.role_forms import PlaybookRolesForm
from accord.workspaces.access import WorkspaceAction, kind_allows, require_membership


@require_http_methods(["GET", "POST"])
def playbook_roles(request: HttpRequest, workspace_id: int, key: str) -> HttpResponse:
    """Edit the roles' descriptions and responsibilities of one version; save as the next."""
    membership = require_membership(request.user, WorkspaceAction.MANAGE, workspace_id)
    entry = catalog_entry(request.user, workspace_id, key, request.GET.get("version") or None)
    playbook = catalog_playbook(request.user, workspace_id, key, entry.version)
    form = PlaybookRolesForm(request.POST if request.method == "POST" else None, playbook=playbook)
    if request.method == "POST" and form.is_valid():
        try:
            saved = playbook_roles_save(
                actor=acting_user(request),
                workspace=membership.workspace,
                key=key,
                version=entry.version,
                roles=form.role_texts(),
            )
        except InvalidInput as error:
            # Each message with its hint, on the field it names.
            hinted = [replace(p, message=" ".join(filter(None, [p.message, p.hint]))) for p in error.problems]
            problems_to_form(form, InvalidInput(hinted))
        else:
            messages.success(
                request,
                _("The roles are saved as version %(version)s of %(name)s.")
                % {"version": saved.version, "name": saved.name},
            )
            path = reverse("settings-playbook-detail", kwargs={"workspace_id": workspace_id, "key": key})
            return redirect(f"{path}?{urlencode({'version': saved.version})}")
    return render(
        request,
        "workspace_settings/playbook_roles.html",
        {
            "workspace": membership.workspace,
            "may_manage": kind_allows(membership.kind, WorkspaceAction.MANAGE),
            "section": "playbooks",
            "entry": entry,
            "playbook": playbook,
            "form": form,
            "version_query": urlencode({"version": entry.version}),
        },
        status=422 if form.errors else 200,
    )
