"""The demo's status reports and weekly digests: on the Northwind Tomorro integration and the
Globex Invoice Cloud integration, a report published by the manager (so that the page says what
moved since), and the manager and the customer's contact subscribed to the weekly digest.
Made through the real services, once."""

from __future__ import annotations

from accord.accounts.models import User
from accord.demo import cast
from accord.projects.models import Project
from accord.reports import services as report_services
from accord.reports.models import DigestSubscription, StatusReport

#: The projects (by playbook) with a published report, and their customer's contact (by e-mail).
REPORT_PROJECTS = {
    "tomorro-integration": cast.NORTHWIND_CONTACT.email,
    "invoicecloud-integration": cast.GLOBEX_CONTACT.email,
}


def reports_demo(project: Project, *, users: dict[str, User]) -> bool:
    """Publish the project's first status report and subscribe the manager and the customer's
    contact to its weekly digest, once; True when something was made."""
    contact = REPORT_PROJECTS.get(project.playbook_key)
    if contact is None:
        return False
    manager = users[cast.MANAGER.email]
    made = False
    if not StatusReport.objects.filter(project=project).exists():
        report_services.report_publish(actor=manager, project=project)
        made = True
    for reader in (manager, users[contact]):
        if not DigestSubscription.objects.filter(user=reader, project=project).exists():
            report_services.digest_choose(actor=reader, project=project, enabled=True)
            made = True
    return made
