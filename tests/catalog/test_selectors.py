import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from accord.catalog.selectors import (
    available_playbooks,
    catalog_entry,
    catalog_playbook,
    may_view_catalog,
    version_sort_key,
)
from accord.domain.errors import NotFound
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.catalog.factories import WorkspacePlaybookFactory
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory


@pytest.fixture
def member(db):
    return MembershipFactory(kind=MembershipKind.VENDOR_MEMBER)


def test_the_catalogue_lists_built_ins_first_then_uploads_newest_version_first(member):
    workspace = member.workspace
    WorkspacePlaybookFactory(workspace=workspace, key="zeta", version="1.9")
    WorkspacePlaybookFactory(workspace=workspace, key="zeta", version="1.10")
    WorkspacePlaybookFactory(workspace=workspace, key="alpha", version="2")
    WorkspacePlaybookFactory(key="elsewhere")  # another workspace: not listed
    entries = available_playbooks(member.user, workspace.pk)
    assert [(entry.key, entry.version, entry.is_latest) for entry in entries] == [
        *((key, builtin_playbook(key).version, True) for key in BUILTIN_KEYS),
        ("alpha", "2", True),
        ("zeta", "1.10", True),
        ("zeta", "1.9", False),
    ]
    assert {entry.origin for entry in entries[: len(BUILTIN_KEYS)]} == {"builtin"}
    assert entries[0].source_label == "built-in"
    uploaded = entries[-1]
    assert uploaded.source_label == f"uploaded by {uploaded.uploaded_by}"
    assert uploaded.uploaded_by


def test_built_in_entries_carry_their_counts(member):
    entry = catalog_entry(member.user, member.workspace_id, "tomorro-integration")
    playbook = builtin_playbook("tomorro-integration")
    assert (entry.role_count, entry.task_count) == (len(playbook.roles), len(playbook.tasks))


def test_an_upload_of_a_built_in_key_with_a_higher_version_becomes_the_latest(member):
    WorkspacePlaybookFactory(workspace=member.workspace, key="tomorro-integration", version="2.0")
    entries = [
        entry
        for entry in available_playbooks(member.user, member.workspace_id)
        if entry.key == "tomorro-integration"
    ]
    assert [(entry.version, entry.origin, entry.is_latest) for entry in entries] == [
        ("2.0", "uploaded", True),
        (builtin_playbook("tomorro-integration").version, "builtin", False),
    ]
    assert catalog_playbook(member.user, member.workspace_id, "tomorro-integration").version == "2.0"
    older = catalog_playbook(member.user, member.workspace_id, "tomorro-integration", "1.0")
    assert older == builtin_playbook("tomorro-integration")


def test_catalog_playbook_reads_an_uploaded_version(member):
    WorkspacePlaybookFactory(workspace=member.workspace, key="acme", version="1", name="Acme one")
    WorkspacePlaybookFactory(workspace=member.workspace, key="acme", version="2", name="Acme two")
    assert catalog_playbook(member.user, member.workspace_id, "acme").name == "Acme two"
    assert catalog_playbook(member.user, member.workspace_id, "acme", "1").name == "Acme one"


@pytest.mark.parametrize(("key", "version"), [("nope", None), ("acme", "9"), ("tomorro-integration", "0.1")])
def test_an_unknown_key_or_version_is_not_found(member, key, version):
    WorkspacePlaybookFactory(workspace=member.workspace, key="acme", version="1")
    with pytest.raises(NotFound):
        catalog_playbook(member.user, member.workspace_id, key, version)


def test_another_workspaces_upload_is_not_found(member):
    other = WorkspacePlaybookFactory(key="secret")
    with pytest.raises(NotFound):
        catalog_playbook(member.user, member.workspace_id, "secret")
    with pytest.raises(NotFound):
        catalog_playbook(member.user, other.workspace_id, "secret")


@pytest.mark.parametrize(
    "outsider",
    [
        lambda workspace: CustomerContactFactory(workspace=workspace).user,
        lambda workspace: PartnerContactFactory(workspace=workspace).user,
        lambda workspace: MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user,  # another workspace
        lambda workspace: UserFactory(),
    ],
)
def test_only_the_workspaces_vendor_staff_see_its_catalogue(member, outsider):
    WorkspacePlaybookFactory(workspace=member.workspace, key="acme")
    user = outsider(member.workspace)
    assert not may_view_catalog(user, member.workspace_id)
    with pytest.raises(NotFound):
        available_playbooks(user, member.workspace_id)
    with pytest.raises(NotFound):
        catalog_playbook(user, member.workspace_id, "tomorro-integration")


def test_an_inactive_member_sees_nothing(member):
    member.user.is_active = False
    member.user.save()
    with pytest.raises(NotFound):
        available_playbooks(member.user, member.workspace_id)


@pytest.mark.parametrize("uploads", [1, 30])
def test_listing_takes_two_queries_whatever_the_size(member, django_assert_num_queries, uploads):
    WorkspacePlaybookFactory.create_batch(uploads, workspace=member.workspace)
    available_playbooks(member.user, member.workspace_id)  # warm the built-in cache
    with django_assert_num_queries(2):
        assert len(available_playbooks(member.user, member.workspace_id)) == len(BUILTIN_KEYS) + uploads


@pytest.mark.parametrize(
    "ordered",
    [["1", "1.0.1", "1.2", "1.10", "2"], ["0.9", "1.0", "10"], ["2023-12", "2024-01", "2024-06"]],
)
def test_versions_sort_as_people_read_them(ordered):
    assert sorted(ordered, key=version_sort_key) == ordered


versions = st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=4).map(
    lambda parts: ".".join(map(str, parts))
)


@settings(max_examples=80)
@given(versions, versions)
def test_numeric_versions_compare_part_by_part(first, second):
    def as_numbers(version):
        return [int(part) for part in version.split(".")]

    assert (version_sort_key(first) < version_sort_key(second)) == (as_numbers(first) < as_numbers(second))


@settings(max_examples=80)
@given(st.text(max_size=12), st.text(max_size=12))
@example("", "²")
def test_any_two_versions_can_be_compared(first, second):
    assert isinstance(version_sort_key(first) < version_sort_key(second), bool)
