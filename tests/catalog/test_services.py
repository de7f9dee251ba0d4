import pytest
from django.db import IntegrityError

from accord.activity.models import ActivityEntry
from accord.catalog import services
from accord.catalog.models import WorkspacePlaybook
from accord.catalog.uploads import MAX_UPLOAD_BYTES
from accord.domain.errors import InvalidInput, NotFound
from accord.domain.lint import Severity
from accord.formats.playbook_yaml import dump_playbook, loads_playbook
from accord.playbooks import builtin_playbook
from accord.workspaces.models import MembershipKind
from tests.catalog.factories import (
    WorkspacePlaybookFactory,
    csv_bytes,
    small_playbook,
    xlsx_bytes,
    yaml_bytes,
)
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)


def preview(membership, filename, data):
    return services.playbook_preview(
        actor=membership.user, workspace=membership.workspace, filename=filename, data=data
    )


def save(membership, filename, data, **extra):
    return services.playbook_save(
        actor=membership.user, workspace=membership.workspace, filename=filename, data=data, **extra
    )


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("acme.yaml", yaml_bytes()),
        ("acme.yml", yaml_bytes()),
        ("acme.csv", csv_bytes()),
        ("acme.xlsx", xlsx_bytes()),
    ],
)
def test_a_preview_reads_every_format_lints_and_saves_nothing(admin, filename, data):
    result = preview(admin, filename, data)
    assert [task.name for task in result.playbook.tasks] == ["Kick-off", "Connect the systems"]
    assert [(finding.code, finding.severity) for finding in result.findings] == [("RACI001", Severity.ERROR)]
    assert result.filename == filename
    assert not result.version_taken
    assert WorkspacePlaybook.objects.count() == 0
    assert ActivityEntry.objects.count() == 0


def test_a_preview_keeps_only_the_files_own_name(admin):
    assert preview(admin, "C:\\Users\\ada\\acme.yaml", yaml_bytes()).filename == "acme.yaml"


def test_a_preview_says_when_the_version_exists(admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    assert preview(admin, "acme.yaml", yaml_bytes()).version_taken
    assert not preview(admin, "acme.yaml", yaml_bytes(version="1.1")).version_taken


def test_saving_stores_the_canonical_yaml_with_counts_and_logs_it(admin):
    saved = save(admin, "acme.yaml", yaml_bytes())
    assert saved.content == dump_playbook(small_playbook())
    assert (saved.key, saved.version, saved.name) == ("acme-onboarding", "1.0", "Acme onboarding")
    assert (saved.role_count, saved.task_count) == (2, 2)
    assert (saved.lint_errors, saved.lint_warnings, saved.lint_infos) == (1, 0, 0)
    assert saved.uploaded_by == admin.user
    assert saved.source_filename == "acme.yaml"
    [entry] = ActivityEntry.objects.all()
    assert (entry.verb, entry.target_key, entry.actor) == (
        "playbook.uploaded",
        "acme-onboarding@1.0",
        admin.user,
    )
    assert entry.project is None
    assert entry.after["file"] == "acme.yaml"


def test_a_saved_matrix_keeps_its_cells_and_is_named_after_its_file(admin):
    saved = save(admin, "Acme Matrix.csv", csv_bytes())
    assert (saved.key, saved.version, saved.name) == ("acme-matrix", "1", "Acme Matrix")
    stored = loads_playbook(saved.content)
    assert [[cell.canonical for cell in task.raci.values()] for task in stored.tasks] == [["R/A", "I"], ["R"]]


def test_saving_an_existing_key_and_version_is_refused_with_a_suggested_version(admin):
    save(admin, "acme.yaml", yaml_bytes())
    with pytest.raises(InvalidInput) as raised:
        save(admin, "acme.yaml", yaml_bytes(name="Changed"))
    [problem] = raised.value.problems
    assert problem.code == "playbook-version-exists"
    assert "1.1" in problem.hint
    assert WorkspacePlaybook.objects.get().name == "Acme onboarding"
    assert ActivityEntry.objects.count() == 1


def test_a_new_version_of_the_same_key_is_saved_beside_the_old_one(admin):
    save(admin, "acme.yaml", yaml_bytes())
    save(admin, "acme.yaml", yaml_bytes(version="1.1"))
    assert sorted(WorkspacePlaybook.objects.values_list("version", flat=True)) == ["1.0", "1.1"]


def test_the_same_key_and_version_in_another_workspace_is_fine(admin):
    WorkspacePlaybookFactory(key="acme-onboarding", version="1.0")  # another workspace
    assert save(admin, "acme.yaml", yaml_bytes()).workspace == admin.workspace


def test_a_built_in_key_and_version_cannot_be_uploaded_again(admin):
    builtin = builtin_playbook("tomorro-integration")
    with pytest.raises(InvalidInput) as raised:
        save(admin, "t.yaml", yaml_bytes(key=builtin.key, version=builtin.version))
    assert raised.value.problems[0].code == "playbook-version-exists"
    assert preview(admin, "t.yaml", yaml_bytes(key=builtin.key, version=builtin.version)).version_taken
    assert save(admin, "t.yaml", yaml_bytes(key=builtin.key, version="2.0")).key == builtin.key


def test_saving_refuses_a_file_whose_key_differs_from_the_preview(admin):
    with pytest.raises(InvalidInput) as raised:
        save(admin, "acme.yaml", yaml_bytes(key="other"), expected_key="acme-onboarding")
    assert raised.value.problems[0].code == "playbook-key-changed"
    assert WorkspacePlaybook.objects.count() == 0


def test_the_database_refuses_a_duplicate_that_races_past_the_check(admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="k", version="1")
    with pytest.raises(IntegrityError):
        WorkspacePlaybookFactory(workspace=admin.workspace, key="k", version="1")


def test_a_lost_race_reads_as_the_same_refusal(admin, monkeypatch):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    monkeypatch.setattr(services, "_version_taken", lambda workspace, playbook: False)
    with pytest.raises(InvalidInput) as raised:
        save(admin, "acme.yaml", yaml_bytes())
    assert raised.value.problems[0].code == "playbook-version-exists"
    assert WorkspacePlaybook.objects.count() == 1


BAD_FILES = [
    ("bad.yaml", b"key: acme\nname: Acme\nversion: '1'\nroles: []\nphases:\n  - key: p\n    name: [\n", 8, 1),
    # An unknown letter is never guessed: refused, naming the cell (by its column letter: the detector's).
    ("bad.csv", b"Phase,Task,Vendor: PM\nOne,Do it,Q\n", 2, "C"),
    ("bad.xlsx", b"this is no workbook", None, None),
]


@pytest.mark.parametrize(("filename", "data", "line", "column"), BAD_FILES)
@pytest.mark.parametrize("operation", [preview, save])
def test_a_bad_file_reports_where_and_saves_nothing(admin, operation, filename, data, line, column):
    with pytest.raises(InvalidInput) as raised:
        operation(admin, filename, data)
    problem = raised.value.problems[0]
    assert (problem.where, problem.line, problem.column) == (filename, line, column)
    assert problem.hint
    assert WorkspacePlaybook.objects.count() == 0
    assert ActivityEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("filename", "data", "code"),
    [
        ("acme.pdf", b"%PDF-1.7", "upload-unknown-format"),
        ("acme", b"key: x", "upload-unknown-format"),
        ("acme.yaml", b"  \n", "upload-empty"),
        ("acme.yaml", b"#" * (MAX_UPLOAD_BYTES + 1), "upload-too-large"),
    ],
)
def test_files_accord_cannot_take_are_refused_with_a_hint(admin, filename, data, code):
    with pytest.raises(InvalidInput) as raised:
        preview(admin, filename, data)
    [problem] = raised.value.problems
    assert (problem.code, problem.where) == (code, filename)
    assert problem.hint


def test_a_version_or_name_too_long_for_the_catalogue_is_refused_before_saving(admin):
    with pytest.raises(InvalidInput) as raised:
        save(admin, "acme.yaml", yaml_bytes(version="1." + "0" * 60, name="N" * 300))
    assert [problem.column for problem in raised.value.problems] == ["version", "name"]
    assert WorkspacePlaybook.objects.count() == 0


@pytest.mark.parametrize(
    "membership_factory",
    [
        lambda: MembershipFactory(kind=MembershipKind.VENDOR_MEMBER),
        CustomerContactFactory,
        PartnerContactFactory,
    ],
)
@pytest.mark.parametrize("operation", [preview, save])
def test_only_admins_and_managers_upload(membership_factory, operation):
    membership = membership_factory()
    with pytest.raises(NotFound):
        operation(membership, "acme.yaml", yaml_bytes())
    assert WorkspacePlaybook.objects.count() == 0


def test_a_manager_uploads(admin):
    manager = MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=admin.workspace)
    assert save(manager, "acme.yaml", yaml_bytes()).uploaded_by == manager.user


def test_an_admin_of_another_workspace_cannot_upload_here(admin):
    stranger = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    with pytest.raises(NotFound):
        services.playbook_save(
            actor=stranger.user, workspace=admin.workspace, filename="a.yaml", data=yaml_bytes()
        )


@pytest.mark.parametrize(
    ("version", "suggestion"),
    [("1.0", "1.1"), ("1.9", "1.10"), ("3", "4"), ("2024-06", "2024-06.1"), ("beta", "beta.1")],
)
def test_the_suggested_version_follows_the_last_number(version, suggestion):
    assert services.suggest_next_version(version) == suggestion
