"""Who and what the demo workspace holds: plain data, no Django.

Start dates are given in weeks from today (negative: in the past), so that a demo built on any
day has projects under way, one about to start, and tasks already overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: Every demo account logs in with this password (long enough for the password validators).
DEMO_PASSWORD = "accord-demo-2026"  # noqa: S105 - printed on purpose: these are demo logins
WORKSPACE_NAME = "Accord Demo"
WORKSPACE_SLUG = "accord-demo"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class PersonKind(StrEnum):
    """How a demo person belongs to the workspace, spelled as the command prints it."""

    VENDOR_ADMIN = "vendor-admin"
    VENDOR_MANAGER = "vendor-manager"
    VENDOR_MEMBER = "vendor-member"
    CUSTOMER_CONTACT = "customer-contact"
    PARTNER_CONTACT = "partner-contact"

    @property
    def membership_kind(self) -> str:
        """The value of :class:`accord.workspaces.models.MembershipKind` for this kind."""
        return self.value.replace("-", "_")


@dataclass(frozen=True, slots=True)
class Person:
    email: str
    full_name: str
    kind: PersonKind
    customer: str | None = None  # the customer's name, for a customer contact
    partner: str | None = None  # the partner's name, for a partner contact


class Stage(StrEnum):
    """Where the demo leaves a task (each reached through the workflow's own actions)."""

    DONE = "done"
    AWAITING_APPROVAL = "awaiting_approval"
    IN_PROGRESS = "in_progress"
    SENT_BACK = "sent_back"  # submitted, then sent back with a reason: in progress again
    BLOCKED = "blocked"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Conversation:
    """A comment, or a request for input from the task's Consulted (answered or not)."""

    task: str
    author: str  # e-mail of the person writing
    text: str
    question: bool = False
    answer_by: str | None = None  # e-mail of the Consulted person answering the question
    answer: str = ""


@dataclass(frozen=True, slots=True)
class ProjectSpec:
    name: str
    customer: str
    playbook: str
    country: str
    start_in_weeks: int
    variant: str | None = None
    partners: tuple[str, ...] = ()
    alternative_choices: dict[str, str] = field(default_factory=dict)
    #: Tasks moved through the workflow, in this order: (task key, where it ends).
    progress: tuple[tuple[str, Stage], ...] = ()
    conversations: tuple[Conversation, ...] = ()
    reasons: dict[str, str] = field(default_factory=dict)  # task key -> why blocked or sent back


NORTHWIND = "Northwind Logistics"
GLOBEX = "Globex Benefits"
LUMEN = "Lumen Software"

CUSTOMERS = (NORTHWIND, GLOBEX)
PARTNER = LUMEN

ADMIN = Person("admin@accord.example", "Alice Martin", PersonKind.VENDOR_ADMIN)
MANAGER = Person("manager@accord.example", "Marc Dubois", PersonKind.VENDOR_MANAGER)
MEMBER = Person("member@accord.example", "Mia Chen", PersonKind.VENDOR_MEMBER)
NORTHWIND_CONTACT = Person(
    "nora@northwind.example", "Nora Petit", PersonKind.CUSTOMER_CONTACT, customer=NORTHWIND
)
GLOBEX_CONTACT = Person("glen@globex.example", "Glen Brooks", PersonKind.CUSTOMER_CONTACT, customer=GLOBEX)
LUMEN_CONTACT = Person("leo@lumen.example", "Leo Park", PersonKind.PARTNER_CONTACT, partner=LUMEN)

PEOPLE = (ADMIN, MANAGER, MEMBER, NORTHWIND_CONTACT, GLOBEX_CONTACT, LUMEN_CONTACT)
#: Who staffs the vendor's roles, in turn; the first of a project's vendor roles also gets the admin.
VENDOR_STAFF = (MANAGER, MEMBER)

PROJECTS = (
    ProjectSpec(
        name="Northwind — Tomorro integration",
        customer=NORTHWIND,
        playbook="tomorro-integration",
        variant="external-api",
        country="FR",
        start_in_weeks=-5,
        partners=(LUMEN,),
        progress=(
            ("definition-of-business-requirements", Stage.DONE),
            ("tomorro-side-technical-feasibility", Stage.SENT_BACK),
            ("tomorro-side-operational-feasibility", Stage.AWAITING_APPROVAL),
            ("sharing-technical-documentation", Stage.IN_PROGRESS),
        ),
        reasons={
            "tomorro-side-technical-feasibility": "The API rate limits are missing from the study.",
        },
        conversations=(
            Conversation(
                task="sharing-technical-documentation",
                author=MANAGER.email,
                text="Which authentication does your contract repository expect: OAuth or API keys?",
                question=True,
                answer_by=NORTHWIND_CONTACT.email,
                answer="OAuth 2 with client credentials; our IT department will share the client.",
            ),
            Conversation(
                task="sharing-technical-documentation",
                author=LUMEN_CONTACT.email,
                text="We can expose the contract events as webhooks if that helps.",
            ),
        ),
    ),
    ProjectSpec(
        name="Northwind — contract automation",
        customer=NORTHWIND,
        playbook="tomorro-automation",
        country="FR",
        start_in_weeks=1,
    ),
    ProjectSpec(
        name="Globex — SocialTalent onboarding",
        customer=GLOBEX,
        playbook="socialtalent-onboarding",
        country="US",
        start_in_weeks=-8,
        progress=(
            ("introduction-call", Stage.DONE),
            ("learning-path-and-program-call", Stage.IN_PROGRESS),
            ("pre-launch-call", Stage.NOT_APPLICABLE),
        ),
        conversations=(
            Conversation(
                task="introduction-call",
                author=GLOBEX_CONTACT.email,
                text="Thanks for the call; the slides are on our shared drive.",
            ),
        ),
    ),
    ProjectSpec(
        name="Globex — Invoice Cloud integration",
        customer=GLOBEX,
        playbook="invoicecloud-integration",
        country="US",
        start_in_weeks=-6,
        # Stalled: nobody has named the technical contact yet, so the discovery is overdue.
        progress=(
            ("design-review-participation", Stage.DONE),
            ("business-design-review", Stage.BLOCKED),
        ),
        reasons={"business-design-review": "Waiting for Globex's billing team to confirm the fee model."},
        conversations=(
            Conversation(
                task="discovery-sessions",
                author=ADMIN.email,
                text="Can you list the payment channels you need on day one (card, ACH, wallet)?",
                question=True,
            ),
        ),
    ),
    ProjectSpec(
        name="Globex — Paylocity integration",
        customer=GLOBEX,
        playbook="paylocity-integration",
        country="US",
        start_in_weeks=-10,
        # "CIT or TPA": Globex integrates itself, without a third-party administrator.
        alternative_choices={"pricing-and-engagement": "cit", "first-level-support": "cit"},
        progress=(
            ("business-case", Stage.DONE),
            ("marketplace-check", Stage.DONE),
            ("pricing-and-engagement", Stage.BLOCKED),
            ("api-credentials", Stage.IN_PROGRESS),
        ),
        reasons={"pricing-and-engagement": "The pricing tier needs sign-off from Globex's CFO."},
        conversations=(
            Conversation(
                task="pricing-and-engagement",
                author=GLOBEX_CONTACT.email,
                text="Our CFO is back on Monday; I will chase the sign-off then.",
            ),
        ),
    ),
)
