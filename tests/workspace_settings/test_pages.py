import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accord.catalog.models import WorkspacePlaybook
from accord.formats.matrix import matrix_to_xlsx
from accord.formats.playbook_yaml import loads_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.workspaces.models import Customer, Invitation, MembershipKind, Partner
from tests.catalog.factories import (
    WorkspacePlaybookFactory,
    csv_bytes,
    xlsx_bytes,
    yaml_bytes,
)
from tests.html import page
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
    form = page(response).one("form.actions")
    return {"token": form.value("token"), "expected_key": form.value("expected_key")}


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
    assert page(response).has("form[enctype=multipart/form-data]")


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
    abbreviations = {(abbr.text, abbr.get("title")) for abbr in page(detail).all("abbr")}
    assert ("R/A", "Responsible & Accountable") in abbreviations


def test_a_matrix_with_an_unknown_letter_asks_what_it_means_and_saves_nothing(admin_client, admin):
    response = upload(admin_client, admin, "bad.csv", b"Phase,Task,Vendor: PM\nOne,Do it,Q\n")
    assert response.status_code == 422
    assert "row 2, column C: Q is not a RACI letter." in page(response).one("[role=alert]").text
    assert "letter_Q" in page(response).controls()
    assert "Save to the catalogue" not in response.text
    assert WorkspacePlaybook.objects.count() == 0


def test_an_unreadable_workbook_shows_its_problem_and_saves_nothing(admin_client, admin):
    response = upload(admin_client, admin, "bad.xlsx", b"this is no workbook")
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert page(response).rows()[1][0] == "bad.xlsx"
    assert "Save to the catalogue" not in response.text
    assert WorkspacePlaybook.objects.count() == 0


def test_a_bad_yaml_file_names_its_line(admin_client, admin):
    response = upload(admin_client, admin, "bad.yaml", b"key: acme\nname: [\n")
    assert response.status_code == 422
    assert ["bad.yaml", "3"] in [row[:2] for row in page(response).rows()]


def test_an_upload_without_a_file_names_the_field(admin_client, admin):
    response = admin_client.post(f"/workspaces/{admin.workspace_id}/settings/playbook-upload/", {})
    assert response.status_code == 422
    assert "file" in page(response).field_errors()


def test_an_existing_version_is_flagged_in_the_preview_and_refused_on_save(admin_client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0", name="Original")
    preview = upload(admin_client, admin, "acme.yaml", yaml_bytes())
    assert "already in the catalogue" in preview.text
    assert page(preview).role("button", "Save as version 1.1").get("value") == "1.1"
    response = save(admin_client, admin, save_form_data(preview))
    assert response.status_code == 422
    assert "Give the file a new version" in response.text
    assert WorkspacePlaybook.objects.get().name == "Original"


def test_an_exported_workbook_of_a_catalogue_playbook_is_saved_as_its_next_version(admin_client, admin):
    """Issue 8 item 10: export, edit, upload again: the page offers the next free version."""
    for version in ("1.0", "1.1"):
        WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version=version)
    exported = matrix_to_xlsx(loads_playbook(yaml_bytes(), "acme.yaml"))
    preview = upload(admin_client, admin, "acme-onboarding-1.0.xlsx", exported)
    assert preview.status_code == 200
    button = page(preview).role("button", "Save as version 1.2")
    response = save(admin_client, admin, save_form_data(preview) | {"as_version": button.get("value")})
    assert response.status_code == 302
    saved = WorkspacePlaybook.objects.get(version="1.2")
    playbook = loads_playbook(saved.content.encode(), "saved.yaml")
    assert (playbook.key, playbook.version) == ("acme-onboarding", "1.2")
    assert "acme-onboarding-1.0.xlsx" in playbook.change_log[-1].description


def test_the_next_version_offer_is_in_french(admin_client, admin):
    WorkspacePlaybookFactory(workspace=admin.workspace, key="acme-onboarding", version="1.0")
    preview = admin_client.post(
        f"/fr/workspaces/{admin.workspace_id}/settings/playbook-upload/",
        {"file": SimpleUploadedFile("acme.yaml", yaml_bytes())},
    )
    assert "déjà dans le catalogue" in preview.text
    assert page(preview).role("button", "Enregistrer comme version 1.1") is not None


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
    assert page(latest).definitions()["Version"] == "2 (latest)"  # the newest version without ?version=
    assert "Customer: IT department" in latest.text  # a role column
    assert "RACI001" in latest.text
    assert "?version=1" in latest.text  # a link to the other version
    older = admin_client.get(url + "?version=1")
    assert page(older).definitions()["Version"] == "1"
    assert admin_client.get(url + "?version=9").status_code == 404


def test_a_built_in_playbooks_detail_page_shows_its_matrix(admin_client, admin):
    playbook = builtin_playbook("tomorro-integration")
    response = admin_client.get(f"/workspaces/{admin.workspace_id}/settings/playbooks/{playbook.key}/")
    assert response.status_code == 200
    phases = [row.text for row in page(response).all("tr.phase th[scope=rowgroup]")]
    assert phases == [phase.name for phase in playbook.phases]
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
    assert page(response).field_errors() == {"name": "A customer with this name already exists."}
    assert Customer.objects.count() == 1


def test_an_empty_customer_name_is_refused_on_its_field(admin_client, admin):
    response = admin_client.post(settings_url(admin.workspace_id, "customers"), {"name": ""})
    assert response.status_code == 422
    assert "name" in page(response).field_errors()
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
    assert "kind" in page(response).field_errors()
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
    assert "/settings/" in page(client.get("/", follow=True)).hrefs()
    contact = CustomerContactFactory()
    client.force_login(contact.user)
    assert "/settings/" not in page(client.get("/", follow=True)).hrefs()
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
    assert page(response).one("html").get("lang") == "fr"
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
    for name in PAGES:
        document = page(admin_client.get(settings_url(admin.workspace_id, name)))
        assert len(document.all("h1")) == 1
        assert not document.has("[style]")
        assert not document.has("style")
        assert document.has("link[href$=settings.css]")
    document = page(admin_client.get(settings_url(admin.workspace_id, "playbooks")))
    assert document.control("file").name  # the file field has a label
    assert document.one("[aria-current=page]").text == "Playbooks"
