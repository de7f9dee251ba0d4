"""Who may open which webhook settings page (every URL name of the webhooks namespace).

Checked by tests/webhooks/test_access.py, and counted by tests/web/test_access_matrix.py.
"""

from tests.workspaces.factories import WORKSPACE_PEOPLE

PEOPLE = WORKSPACE_PEOPLE
LOGIN = "login"


def managers_only(ok):
    return dict.fromkeys(PEOPLE, 404) | {"anonymous": LOGIN, "admin": ok, "manager": ok}


_W = "/workspaces/{w}/settings/webhooks/"
_E = _W + "{e}/"
# url name -> (method, path template, data, {person: expected status}); "login" = sent to log in.
MATRIX = {
    "webhooks:list": ("get", _W, {}, managers_only(200)),
    "webhooks:create": ("get", _W + "new/", {}, managers_only(200)),
    "webhooks:detail": ("get", _E, {}, managers_only(200)),
    "webhooks:update": (
        "post",
        _E + "edit/",
        {"url": "http://127.0.0.1:9/other", "event_types": ["task.approved"], "version": "1"},
        managers_only(302),
    ),
    # The new secret is shown on the answer itself, once.
    "webhooks:rotate": ("post", _E + "rotate/", {"version": "1"}, managers_only(200)),
    "webhooks:disable": ("post", _E + "disable/", {"version": "1"}, managers_only(302)),
    "webhooks:enable": ("post", _E + "enable/", {"version": "1"}, managers_only(302)),
    "webhooks:delete": ("post", _E + "delete/", {"version": "1"}, managers_only(302)),
    "webhooks:replay": ("post", _E + "replay/", {"message_id": "msg_seen"}, managers_only(302)),
    "webhooks:delivery": ("get", _E + "deliveries/{d}/", {}, managers_only(200)),
}
