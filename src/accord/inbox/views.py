"""The inbox page: the person's notifications, newest first, and marking them read."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accord.accounts.acting import acting_user
from accord.inbox.forms import MarkReadForm
from accord.inbox.models import Notification
from accord.inbox.selectors import inbox_for, unread_count
from accord.inbox.services import notification_mark_read, notification_path, notification_text

#: Notifications per page of the inbox.
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class InboxRow:
    notification: Notification
    text: str  # in the reader's language
    link: str  # the task, or the project's board

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The person's notifications, newest first, unread ones marked."""
    page = Paginator(inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        InboxRow(notification, notification_text(notification), notification_path(notification))
        for notification in page
    ]
    return render(
        request, "inbox/inbox.html", {"page": page, "rows": rows, "unread": unread_count(request.user)}
    )


@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read, or every unread one (only the person's own)."""
    form = MarkReadForm(request.POST)
    if not form.is_valid() or not (form.cleaned_data["all"] or form.cleaned_data["notification"]):
        return HttpResponseBadRequest(_("Say which notification to mark read."))
    if form.cleaned_data["all"]:
        ids = list(inbox_for(request.user, unread_only=True).values_list("pk", flat=True))
    else:
        ids = [form.cleaned_data["notification"]]
    changed = notification_mark_read(actor=acting_user(request), notification_ids=ids)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", changed)
        % {"count": changed},
    )
    page = request.POST.get("page", "")
    return redirect(reverse("inbox:inbox") + (f"?page={page}" if page.isdigit() else ""))
