import factory

from accord.workspaces.models import Customer, Membership, MembershipKind, Partner, Workspace
from tests.accounts.factories import UserFactory


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda number: f"Vendor {number}")
    slug = factory.Sequence(lambda number: f"vendor-{number}")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda number: f"Customer {number}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda number: f"Partner {number}")
    kind = Partner.Kind.SOFTWARE_PROVIDER


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    workspace = factory.SubFactory(WorkspaceFactory)
    kind = MembershipKind.VENDOR_MEMBER


class CustomerContactFactory(MembershipFactory):
    kind = MembershipKind.CUSTOMER_CONTACT
    customer = factory.SubFactory(CustomerFactory, workspace=factory.SelfAttribute("..workspace"))


class PartnerContactFactory(MembershipFactory):
    kind = MembershipKind.PARTNER_CONTACT
    partner = factory.SubFactory(PartnerFactory, workspace=factory.SelfAttribute("..workspace"))


#: The people the workspace-level access matrices ask about ("other-admin": another workspace's).
WORKSPACE_PEOPLE = ["anonymous", "admin", "manager", "member", "customer", "partner", "other-admin"]


def workspace_people() -> dict:
    """A vendor workspace (``"workspace"``) and one user of each of ``WORKSPACE_PEOPLE``: its
    admin, manager, member, a customer contact, a partner contact, another workspace's admin, and
    ``None`` for anonymous."""
    admin = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    workspace = admin.workspace
    return {
        "workspace": workspace,
        "anonymous": None,
        "admin": admin.user,
        "manager": MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=workspace).user,
        "member": MembershipFactory(kind=MembershipKind.VENDOR_MEMBER, workspace=workspace).user,
        "customer": CustomerContactFactory(workspace=workspace).user,
        "partner": PartnerContactFactory(workspace=workspace).user,
        "other-admin": MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user,
    }
