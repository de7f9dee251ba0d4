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
