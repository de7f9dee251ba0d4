"""Who may open which settings page (every URL name of accord.workspace_settings.urls).

Checked by tests/workspace_settings/test_access.py, and counted by tests/web/test_access_matrix.py.
"""

from tests.workspaces.factories import WORKSPACE_PEOPLE

PEOPLE = WORKSPACE_PEOPLE
LOGIN = "login"

# url name -> (method, path template, {person: expected status}); "login" = sent to the login page.
STAFF_READ = {
    "anonymous": LOGIN,
    "admin": 200,
    "manager": 200,
    "member": 200,
    "customer": 404,
    "partner": 404,
    "other-admin": 404,
}
MANAGE_READ = STAFF_READ | {"member": 404}
MANAGE_WRITE = {
    "anonymous": LOGIN,
    "admin": 302,
    "manager": 302,
    "member": 404,
    "customer": 404,
    "partner": 404,
    "other-admin": 404,
}
MATRIX = {
    "settings-home": (
        "get",
        "/settings/",
        {**STAFF_READ, "admin": 302, "manager": 302, "member": 302, "other-admin": 302},
    ),
    "settings-playbooks": ("get", "/workspaces/{w}/settings/playbooks/", STAFF_READ),
    "settings-playbook-upload": ("post", "/workspaces/{w}/settings/playbook-upload/", MANAGE_READ),
    "settings-playbook-redetect": ("post", "/workspaces/{w}/settings/playbook-preview/", MANAGE_READ),
    "settings-playbook-save": ("post", "/workspaces/{w}/settings/playbook-save/", MANAGE_WRITE),
    "settings-playbook-detail": ("get", "/workspaces/{w}/settings/playbooks/acme-onboarding/", STAFF_READ),
    "settings-playbook-download": (
        "get",
        "/workspaces/{w}/settings/playbooks/acme-onboarding/download/yaml/",
        STAFF_READ,
    ),
    "settings-playbook-roles": (
        "post",
        "/workspaces/{w}/settings/playbooks/acme-onboarding/roles/",
        MANAGE_WRITE,
    ),
    "settings-people": ("get", "/workspaces/{w}/settings/people/", MANAGE_READ),
    "settings-customers": ("post", "/workspaces/{w}/settings/customers/", MANAGE_WRITE),
    "settings-partners": ("post", "/workspaces/{w}/settings/partners/", MANAGE_WRITE),
    "settings-branding": ("post", "/workspaces/{w}/settings/branding/", MANAGE_WRITE),
}
GET_TOO = {
    "settings-customers": MANAGE_READ,
    "settings-partners": MANAGE_READ,
    "settings-branding": MANAGE_READ,
    "settings-playbook-roles": MANAGE_READ,
}
