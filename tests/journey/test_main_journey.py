"""The main journey in real Chromium, once in English and once in French: a vendor manager creates
a project and staffs it, invites the customer's technical contact, completes on the board the
matrix the source left without an Accountable; the contact does the task and submits it, the
Accountable approves it, and the Informed person finds it in their inbox.

Each step goes through the pages (clicks and form fills) and checks both what the page shows and
what the database holds. Screenshots go to test-artifacts/journey/<language>/.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.domain.raci import Raci
from accord.inbox.models import Notification
from accord.projects.models import Project, ProjectTask, RaciCell, RoleAssignment, TaskStatus
from accord.projects.planning import project_today
from accord.workspaces.models import Invitation, Membership, MembershipKind
from tests.journey.helpers import (
    board_excerpt,
    invitation_email,
    invitation_path,
    log_in,
    message,
    set_cell,
    shoot,
    staff,
)
from tests.journey.words import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAYBOOK = "invoicecloud-integration@1.0"
CONTACT_EMAIL = "dana.reyes@springfield-utilities.example"
CONTACT_NAME = "Dana Reyes"
CONTACT_PASSWORD = "amber-lantern-quarry-73"
# The Technical Design Review: the playbook (seed 003) names no Responsible and no Accountable on
# it, only the Project Manager/Implementation Manager as Consulted.
TASK_KEY = "technical-design-review"
ROLES = {
    "implementation-manager": "Project Manager/Implementation Manager",
    "integration-manager": "Integration Manager",
    "solutions-engineer": "Solutions Engineer",
    "biller-technical-contact": "Biller's technical contact",
}


def letters_of(task: ProjectTask) -> dict[str, Raci]:
    return {cell.role_key: Raci(cell.letters) for cell in RaciCell.objects.filter(task=task)}


def no_accountable(task: ProjectTask, language: str) -> str:
    """The linter's finding as the board shows it: its own words in English, translated in French."""
    if language == "fr":
        return f"la tâche « {task.name} » n’a pas d’Approbateur"
    return f'task "{task.name}" has no Accountable'


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_project_from_creation_to_an_approved_task(live_server, vendor, new_page, language):  # noqa: PLR0915 one story
    words = LANGUAGES[language]
    site = f"{live_server.url}{words.prefix}"

    # 1. The vendor manager logs in, lands on the portfolio and creates the project.
    manager = new_page(words.locale)
    log_in(manager, live_server.url, words, vendor.manager, vendor.password)
    expect(manager).to_have_url(f"{site}/projects/")
    expect(manager.locator("html")).to_have_attribute("lang", words.language)
    expect(manager.get_by_role("heading", name=words.projects, exact=True)).to_be_visible()
    expect(manager.get_by_role("link", name="Shelbyville Water payments")).to_be_visible()
    shoot(manager, words, "01-portfolio")

    manager.get_by_role("link", name=words.new_project).click()
    expect(manager.get_by_role("heading", name=words.new_project)).to_be_visible()
    manager.get_by_label(words.playbook, exact=True).select_option(PLAYBOOK)
    # htmx swaps in this playbook's options: it has a single path, so no path to choose.
    expect(manager.get_by_label(words.path)).to_have_count(0)
    manager.get_by_label(words.name).fill(words.project_name)
    manager.get_by_label(words.customer, exact=True).select_option(label=vendor.customer.name)
    today = timezone.localdate()
    manager.get_by_label(words.start_date).fill(today.isoformat())
    manager.get_by_label(words.country).fill("US")
    manager.get_by_role("heading", name=words.new_project).scroll_into_view_if_needed()
    shoot(manager, words, "02-new-project")
    manager.get_by_role("button", name=words.create).click()
    manager.wait_for_url(re.compile(r"/projects/\d+/people/$"))
    message(manager, words.created.format(name=words.project_name))
    project = Project.objects.get(name=words.project_name)
    assert (project.customer, project.playbook_key, project.calendar_country, project.start_date) == (
        vendor.customer,
        "invoicecloud-integration",
        "US",
        today,
    )
    assert project.go_live_p80 is not None  # planned at once
    assert manager.url == f"{site}/projects/{project.pk}/people/"
    task = ProjectTask.objects.get(project=project, key=TASK_KEY)
    assert letters_of(task) == {"implementation-manager": Raci.C}

    # 2. They staff the vendor roles and invite the customer's technical contact.
    staff(manager, words, ROLES["implementation-manager"], vendor.manager)
    staff(manager, words, ROLES["integration-manager"], vendor.approver)
    staff(manager, words, ROLES["solutions-engineer"], vendor.informed)
    contact_choice = manager.get_by_label(words.add_to.format(role=ROLES["biller-technical-contact"]))
    assert CONTACT_EMAIL not in contact_choice.inner_text()  # an invitee cannot be staffed yet
    invite = manager.get_by_role("region", name=words.invite_heading)
    invite.get_by_label(words.email).fill(CONTACT_EMAIL)
    expect(invite.get_by_label(words.contact_of)).to_have_value("customer")
    invite.get_by_role("button", name=words.send_invitation).click()
    message(manager, words.invitation_sent.format(email=CONTACT_EMAIL))
    shoot(manager, words, "03-staffing")
    invitation = Invitation.objects.get(email=CONTACT_EMAIL, accepted_at__isnull=True)
    assert (invitation.kind, invitation.customer) == (MembershipKind.CUSTOMER_CONTACT, vendor.customer)
    staffed = {
        (assignment.role_key, assignment.user_id, assignment.is_lead)
        for assignment in RoleAssignment.objects.filter(project=project)
    }
    assert staffed == {
        ("implementation-manager", vendor.manager.pk, True),
        ("integration-manager", vendor.approver.pk, True),
        ("solutions-engineer", vendor.informed.pk, True),
    }

    # 3. The e-mail arrives; the contact opens its link in a browser of their own and joins.
    contact = new_page(words.locale)
    sent = invitation_email(CONTACT_EMAIL)
    expected = words.invited.format(
        inviter=vendor.manager.full_name,
        project=project.name,
        customer=vendor.customer.name,
        workspace=vendor.workspace.name,
    )
    assert expected in " ".join(sent.body.split())  # in the inviting manager's language, naming the project
    path = invitation_path(sent)
    assert path.startswith(f"{words.prefix}/invitations/")  # in the inviting manager's language
    contact.goto(f"{live_server.url}{path}")
    expect(
        contact.get_by_role("heading", name=words.join.format(workspace=vendor.workspace.name))
    ).to_be_visible()
    contact.get_by_label(words.full_name).fill(CONTACT_NAME)
    contact.get_by_label(words.password, exact=True).fill(CONTACT_PASSWORD)
    contact.get_by_label(words.password_again).fill(CONTACT_PASSWORD)
    shoot(contact, words, "04-invitation")
    contact.get_by_role("button", name=words.create_account).click()
    contact.wait_for_url(f"{site}/projects/{project.pk}/home/")  # one project: its home
    message(contact, words.welcome.format(workspace=vendor.workspace.name))
    expect(contact.get_by_role("navigation").get_by_text(CONTACT_NAME)).to_be_visible()  # logged in
    membership = Membership.objects.select_related("user").get(user__email=CONTACT_EMAIL)
    assert (membership.kind, membership.customer, membership.user.full_name) == (
        MembershipKind.CUSTOMER_CONTACT,
        vendor.customer,
        CONTACT_NAME,
    )
    assert membership.user.language == words.language  # the language of the page she joined on
    dana = membership.user

    # Accepting gives no role: the manager staffs the contact's role now that they can be chosen.
    manager.reload()
    staff(manager, words, ROLES["biller-technical-contact"], dana)
    assert RoleAssignment.objects.filter(
        project=project, role_key="biller-technical-contact", user=dana
    ).exists()

    # 4. On the board, the manager completes the matrix in place: R for the contact's role, A for
    #    the Integration Manager, I for the Solutions Engineer.
    manager.get_by_role("navigation", name=words.project_tabs).get_by_role("link", name=words.board).click()
    expect(
        manager.get_by_role("heading", name=words.board_heading.format(name=words.project_name))
    ).to_be_visible()
    row = manager.locator(f"#task-{task.pk}")
    assert no_accountable(task, words.language) in row.text_content()
    manager.evaluate("window.journeyMarker = 'the same page'")
    set_cell(
        manager, words, task, "biller-technical-contact", ROLES["biller-technical-contact"], words.letter_r
    )
    set_cell(
        manager,
        words,
        task,
        "integration-manager",
        ROLES["integration-manager"],
        words.letter_a,
        before_saving=lambda: shoot(manager, words, "05-board-editor"),
    )
    set_cell(manager, words, task, "solutions-engineer", ROLES["solutions-engineer"], words.letter_i)
    assert manager.evaluate("window.journeyMarker") == "the same page"  # htmx: no reload
    assert no_accountable(task, words.language) not in row.text_content()
    assert no_accountable(task, words.language) not in manager.locator("#findings-summary").text_content()
    assert letters_of(task) == {
        "implementation-manager": Raci.C,
        "biller-technical-contact": Raci.R,
        "integration-manager": Raci.A,
        "solutions-engineer": Raci.I,
    }
    shoot(manager, words, "05-board", clip=board_excerpt(manager, task))

    # 5. The contact finds the task in My work, starts it and submits it.
    contact.get_by_role("link", name=words.my_work, exact=True).click()
    responsible = contact.get_by_role("region", name=re.compile(f"^{words.responsible}"))
    responsible.get_by_role("link", name=task.name).click()
    expect(contact.get_by_role("heading", name=task.name, level=1)).to_be_visible()
    contact.get_by_role("button", name=words.start, exact=True).click()
    message(contact, words.started)
    contact.get_by_role("button", name=words.submit, exact=True).click()
    message(contact, words.submitted)
    expect(contact.locator(".status-badge")).to_have_text(words.awaiting_approval)
    people = {"r": CONTACT_NAME, "a": vendor.approver.full_name, "i": vendor.informed.full_name}
    for letter, person in people.items():
        by_letter = contact.locator(".people-by-letter > div").filter(has=contact.locator(f".raci-{letter}"))
        expect(by_letter).to_contain_text(person)
    shoot(contact, words, "06-task-awaiting-approval")
    task.refresh_from_db()
    assert (task.status, task.actual_start) == (TaskStatus.AWAITING_APPROVAL, project_today(project))
    assert Notification.objects.filter(
        user=vendor.approver, task=task, kind=Notification.Kind.APPROVAL_REQUESTED
    ).exists()

    # 6. The Accountable logs in, finds it under "To approve" and approves it.
    approver = new_page(words.locale)
    log_in(approver, live_server.url, words, vendor.approver, vendor.password)
    approver.get_by_role("link", name=words.my_work, exact=True).click()
    to_approve = approver.get_by_role("region", name=re.compile(f"^{words.to_approve}"))
    expect(to_approve.get_by_role("link", name=task.name)).to_be_visible()
    shoot(approver, words, "07-my-work-approver")
    to_approve.get_by_role("link", name=task.name).click()
    approver.get_by_role("button", name=words.approve, exact=True).click()
    message(approver, words.approved)
    expect(approver.locator(".status-badge")).to_have_text(words.done)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.actual_finish is not None

    # 7. The Informed person logs in: the navigation counts one unread notification, naming the task.
    informed = new_page(words.locale)
    log_in(informed, live_server.url, words, vendor.informed, vendor.password)
    inbox_link = informed.get_by_role("link", name=f"{words.inbox} 1 {words.unread}")
    expect(inbox_link).to_be_visible()
    inbox_link.click()
    expect(informed.get_by_text(words.unread_count.format(count=1))).to_be_visible()
    notice = informed.get_by_role("link", name=words.task_done.format(task=task.name))
    expect(notice).to_be_visible()
    expect(informed.get_by_text(words.project_name)).to_be_visible()
    shoot(informed, words, "08-inbox")
    told = Notification.objects.get(user=vendor.informed, task=task)
    assert (told.kind, told.read_at) == (Notification.Kind.TASK_DONE, None)
    notice.click()
    expect(informed.get_by_role("heading", name=task.name, level=1)).to_be_visible()
    expect(informed.locator(".status-badge")).to_have_text(words.done)
