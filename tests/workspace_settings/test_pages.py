import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accord.catalog.models import WorkspacePlaybook
from accord.formats.playbook_yaml import loads_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.workspaces.models import Customer, Invitation, MembershipKind, Partner
from tests.catalog.factories import (
    WorkspacePlaybookFactory,
    csv_bytes,
    xlsx_bytes,
    yaml_bytes,
)
from tests.workspace_settings.conftest import settings_url
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def upload(client, membership, filename, data):
    return client.post(
        f"/workspaces/{membership.workspace_id}/settings/playbook-upload/",
        {"file": SimpleUploadedFile(filename, data)},
    )


def save_form_data(response):
    token = re.search(r'name="token" value="([^"]+)"', response.text).group(1)
    key = re.search(r'name="expected_key" value="([^"]+)"', response.text).group(1)
    return {"token": token, "expected_key": key}


def save(client, membership, data):
    return client.post(f"/workspaces/{membership.workspace_id}/settings/playbook-save/", data)


# The catalogue


def test_the_catalogue_lists_built_in_and_uploaded_playbooks_with_counts(admin_client, admin):
    WorkspacePlaybookFactory(
        workspace=admin.workspace, name="Acme onboarding", lint_errors=3, lint_warnings=1
    )
    response = admin_client.get(settings_url(admin.workspace_id, "playbooks"))
    assert response.status_code == 200
    for key in BUILTIN_KEYS:
        assert builtin_playbook(key).name in response.text
    assert "Acme onboarding" in response.text
    assert "3 errors" in response.text
    assert "1 warning" in response.text
    assert "built-in" in response.text
    assert "uploaded by" in response.text
    assert 'enctype="multipart/form-data"' in response.text


def test_a_vendor_member_browses_the_catalogue_without_upload_or_people(client):
    member = MembershipFactory(kind=MembershipKind.VENDOR_MEMBER)
    client.force_login(member.user)
    response = client.get(settings_url(member.workspace_id, "playbooks"))
    assert response.status_code == 200
    assert "playbook-upload" not in response.text
    assert "/settings/people/" not in response.text
    assert builtin_playbook(BUILTIN_KEYS[0]).name in response.text


@pytest.mark.parametrize(
    ("filename", "data"),
    [("acme.yaml", yaml_bytes()), ("acme.xlsx", xlsx_bytes()), ("acme.csv", csv_bytes())],
)
def test_upload_preview_then_save(admin_client, admin, filename, data):
    preview = upload(admin_client, admin, filename, data)
    assert preview.status_code == 200
    assert f"Preview of {filename}" in preview.text
    assert "RACI001" in preview.text
    assert "Connect the systems" in preview.text
    assert "Error" in preview.text  # severity as a word, not only a colour
    assert "Save to the catalogue" in preview.text
    assert WorkspacePlaybook.objects.count() == 0  # a preview saves nothing

    response = save(admin_client, admin, save_form_data(preview))
    assert response.status_code == 302
    saved = WorkspacePlaybook.objects.get()
    assert response["Location"] == (
        f"/workspaces/{admin.workspace_id}/settings/playbooks/{saved.key}/?version={saved.version}"
    )
    detail = admin_client.get(response["Location"])
    assert "is in the catalogue" in detail.text
    assert '<abbr title="Responsible &amp; Accountable">R/A</abbr>' in detail.text


def test_a_bad_file_shows_its_problems_with_line_and_column_and_saves_nothing(admin_client, admin):
    response = upload(admin_client, admin, "bad.csv", b"Phase,Task,Vendor: PM\nOne,Do it,Q\n")
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    row = re.search(r"<tr>\s*<td>bad.csv</td>\s*<td>2</td>\s*<td>C \(Vendor: PM\)</td>", response.text)
    assert row is not None
    assert "is not a RACI value" in response.text
    assert "Save to the catalogue" not in response.text
    assert WorkspacePlaybook.objects.count() == 0


def test_a_bad_yaml_file_names_its_line(admin_client, admin):
    response = upload(admin_client, admin, "bad.yaml", b"key: acme\nname: [\n")
    assert response.status_code == 422
    assert re.search(r"<td>bad.yaml</td>\s*<td>3</td>", response.text)


def test_an_upload_without_a_file_names_the_field(admin_client, admin):
    response = admin_client.post(f"/workspaces/{admin.workspace_id}/settings/playbook-upload/", {})
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.text


def test_an_existing_version_is_flagged_in_the_preview_and_refused_on_save(admin_client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0", name="Original")
    preview = upload(admin_client, admin, "acme.yaml", yaml_bytes())
    assert "already exists" in preview.text
    assert "1.1" in preview.text
    assert re.search(r'<button type="submit" class="primary" disabled>', preview.text)
    response = save(admin_client, admin, save_form_data(preview))
    assert response.status_code == 422
    assert "Give the file a new version" in response.text
    assert WorkspacePlaybook.objects.get().name == "Original"


def test_a_tampered_token_saves_nothing(admin_client, admin):
    preview = upload(admin_client, admin, "acme.yaml", yaml_bytes())
    data = save_form_data(preview)
    data["token"] = data["token"][:-4] + "abcd"
    response = save(admin_client, admin, data)
    assert response.status_code == 302
    assert "could not be read back" in admin_client.get(response["Location"]).text
    assert WorkspacePlaybook.objects.count() == 0


def test_another_persons_token_saves_nothing(client, admin, admin_client):
    preview = upload(admin_client, admin, "acme.yaml", yaml_bytes())
    manager = MembershipFactory(kind=MembershipKind.VENDOR_MANAGER, workspace=admin.workspace)
    client.force_login(manager.user)
    assert save(client, manager, save_form_data(preview)).status_code == 302
    assert WorkspacePlaybook.objects.count() == 0


def test_the_detail_page_shows_summary_matrix_findings_and_versions(admin_client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="1")
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="2")
    url = f"/workspaces/{admin.workspace_id}/settings/playbooks/acme/"
    latest = admin_client.get(url)
    assert latest.status_code == 200
    assert "<dd>2 <span" in latest.text  # the newest version without ?version=
    assert "Customer: IT department" in latest.text  # a role column
    assert "RACI001" in latest.text
    assert "?version=1" in latest.text  # a link to the other version
    older = admin_client.get(url + "?version=1")
    assert "<dd>1 <span" not in older.text
    assert "<dd>1</dd>" in older.text
    assert admin_client.get(url + "?version=9").status_code == 404


def test_a_built_in_playbooks_detail_page_shows_its_matrix(admin_client, admin):
    playbook = builtin_playbook("tomorro-integration")
    response = admin_client.get(f"/workspaces/{admin.workspace_id}/settings/playbooks/{playbook.key}/")
    assert response.status_code == 200
    assert response.text.count('<tr class="phase">') == len(playbook.phases)
    for role in playbook.roles:
        assert role.name in response.text


@pytest.mark.parametrize(
    ("file_format", "content_type", "suffix"),
    [
        ("yaml", "application/yaml; charset=utf-8", "yaml"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ("csv", "text/csv; charset=utf-8", "csv"),
        ("markdown", "text/markdown; charset=utf-8", "md"),
    ],
)
def test_downloads_carry_the_chosen_version(admin_client, admin, file_format, content_type, suffix):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="1", name="Acme one")
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="2", name="Acme two")
    url = f"/workspaces/{admin.workspace_id}/settings/playbooks/acme/download/{file_format}/?version=1"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="acme-1.{suffix}"'
    if file_format == "yaml":
        assert loads_playbook(response.content).name == "Acme one"
    elif file_format == "xlsx":
        assert "Matrix" in load_workbook(io.BytesIO(response.content), read_only=True).sheetnames
    else:
        assert "Connect the systems" in response.content.decode()


def test_an_unknown_download_format_is_not_found(admin_client, admin):
    url = f"/workspaces/{admin.workspace_id}/settings/playbooks/tomorro-integration/download/pdf/"
    assert admin_client.get(url).status_code == 404


# People, customers, partners


def test_the_people_page_lists_members_and_pending_invitations(admin_client, admin):
    contact = CustomerContactFactory(workspace=admin.workspace, customer__name="Acme Insurance")
    PartnerContactFactory(workspace=admin.workspace, partner__name="Broker & Co")
    Invitation.objects.create(
        workspace=admin.workspace,
        email="grace@example.com",
        kind=MembershipKind.VENDOR_MEMBER,
        invited_by=admin.user,
        token_nonce="n1",
        expires_at="2999-01-01T00:00:00Z",
    )
    response = admin_client.get(settings_url(admin.workspace_id, "people"))
    assert response.status_code == 200
    assert contact.user.email in response.text
    assert "Acme Insurance" in response.text
    assert "Broker &amp; Co" in response.text
    assert "grace@example.com" in response.text
    assert f"/workspaces/{admin.workspace_id}/invitations/" in response.text  # invite and withdraw


def test_adding_a_customer(admin_client, admin):
    response = admin_client.post(settings_url(admin.workspace_id, "customers"), {"name": "  Acme Insurance "})
    assert response.status_code == 302
    assert Customer.objects.get(workspace=admin.workspace).name == "Acme Insurance"
    assert "Acme Insurance added." in admin_client.get(response["Location"]).text


def test_a_duplicate_customer_is_explained_on_its_field(admin_client, admin):
    CustomerFactory(workspace=admin.workspace, name="Acme")
    response = admin_client.post(settings_url(admin.workspace_id, "customers"), {"name": "ACME"})
    assert response.status_code == 422
    assert re.search(
        r'<p class="error" id="id_name_error">A customer with this name already exists.</p>', response.text
    )
    assert Customer.objects.count() == 1


def test_an_empty_customer_name_is_refused_on_its_field(admin_client, admin):
    response = admin_client.post(settings_url(admin.workspace_id, "customers"), {"name": ""})
    assert response.status_code == 422
    assert 'id="id_name_error"' in response.text
    assert "Customer name" in response.text
    assert Customer.objects.count() == 0


def test_adding_a_partner_with_its_kind(admin_client, admin):
    response = admin_client.post(
        settings_url(admin.workspace_id, "partners"), {"name": "Broker & Co", "kind": "broker"}
    )
    assert response.status_code == 302
    partner = Partner.objects.get(workspace=admin.workspace)
    assert (partner.name, partner.kind) == ("Broker & Co", "broker")
    assert "Broker" in admin_client.get(response["Location"]).text


def test_an_unknown_partner_kind_is_refused_on_its_field(admin_client, admin):
    response = admin_client.post(
        settings_url(admin.workspace_id, "partners"), {"name": "X", "kind": "pirate"}
    )
    assert response.status_code == 422
    assert 'id="id_kind_error"' in response.text
    assert Partner.objects.count() == 0


def test_lists_show_only_this_workspaces_organisations(admin_client, admin):
    CustomerFactory(workspace=admin.workspace, name="Ours")
    CustomerFactory(name="Theirs")
    PartnerFactory(name="Their partner")
    assert "Theirs" not in admin_client.get(settings_url(admin.workspace_id, "customers")).text
    assert "Their partner" not in admin_client.get(settings_url(admin.workspace_id, "partners")).text


# Navigation, language, query counts


def test_the_settings_link_is_shown_to_vendor_staff_only(client, admin):
    client.force_login(admin.user)
    assert 'href="/settings/"' in client.get("/", follow=True).text
    contact = CustomerContactFactory()
    client.force_login(contact.user)
    assert 'href="/settings/"' not in client.get("/", follow=True).text
    assert client.get("/settings/").status_code == 404


def test_the_settings_link_opens_the_only_workspace_or_offers_a_choice(client, admin):
    client.force_login(admin.user)
    assert client.get("/settings/")["Location"] == settings_url(admin.workspace_id, "playbooks")
    second = MembershipFactory(
        user=admin.user, kind=MembershipKind.VENDOR_MEMBER, workspace__name="Paylocity"
    )
    response = client.get("/settings/")
    assert response.status_code == 200
    assert "Tomorro" in response.text
    assert "Paylocity" in response.text
    assert settings_url(second.workspace_id, "playbooks") in response.text


def test_the_catalogue_speaks_french_under_fr(admin_client, admin):
    response = admin_client.get(f"/fr{settings_url(admin.workspace_id, 'playbooks')}")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.text
    assert "Ajouter un playbook" in response.text
    assert "Paramètres" in response.text
    assert "intégré" in response.text  # built-in


def test_the_preview_speaks_french_under_fr(admin_client, admin):
    response = admin_client.post(
        f"/fr/workspaces/{admin.workspace_id}/settings/playbook-upload/",
        {"file": SimpleUploadedFile("acme.yaml", yaml_bytes())},
    )
    assert "Enregistrer dans le catalogue" in response.text
    assert "Erreur" in response.text


PAGES = ["playbooks", "people", "customers", "partners"]


def grow(workspace, size):
    start = Invitation.objects.count()
    for number in range(start, start + size):
        WorkspacePlaybookFactory(workspace=workspace)
        CustomerContactFactory(workspace=workspace)
        PartnerContactFactory(workspace=workspace)
        Invitation.objects.create(
            workspace=workspace,
            email=f"invitee{number}@example.com",
            kind=MembershipKind.VENDOR_MEMBER,
            token_nonce=f"nonce-{workspace.pk}-{number}",
            expires_at="2999-01-01T00:00:00Z",
        )


@pytest.mark.parametrize("page", PAGES)
def test_list_pages_take_a_fixed_number_of_queries(admin_client, admin, page, django_assert_max_num_queries):
    url = settings_url(admin.workspace_id, page)
    grow(admin.workspace, 2)
    admin_client.get(url)  # warm caches of the built-in playbooks
    with CaptureQueriesContext(connection) as small:
        assert admin_client.get(url).status_code == 200
    grow(admin.workspace, 25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(small.captured_queries) <= 10


def test_the_detail_page_needs_no_more_queries_for_more_versions(
    admin_client, admin, django_assert_max_num_queries
):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version="1")
    url = f"/workspaces/{admin.workspace_id}/settings/playbooks/acme/"
    with CaptureQueriesContext(connection) as small:
        admin_client.get(url)
    for version in range(2, 20):
        WorkspacePlaybookFactory(workspace=admin.workspace, key="acme", version=str(version))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_pages_have_labels_headings_and_no_inline_styles(admin_client, admin):
    for page in PAGES:
        text = admin_client.get(settings_url(admin.workspace_id, page)).text
        assert text.count("<h1>") == 1
        assert "style=" not in text
        assert "<style" not in text
        assert "settings.css" in text
    text = admin_client.get(settings_url(admin.workspace_id, "playbooks")).text
    assert '<label for="id_file">' in text
    assert 'aria-current="page"' in text
