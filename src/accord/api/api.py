"""The one API of Accord: every app's router, mounted once. Add yours here (docs/api.md)."""

from __future__ import annotations

from accord.api import me
from accord.apikit import apis as token_apis
from accord.apikit.factory import api_build
from accord.automations import apis as automations_apis
from accord.campaigns import apis as campaigns_apis
from accord.catalog import apis as catalog_apis
from accord.design import apis as design_apis
from accord.golive import apis as golive_apis
from accord.inbox import apis as inbox_apis
from accord.projects import apis as projects_apis
from accord.reports import apis as reports_apis
from accord.support import apis as support_apis
from accord.surveys import apis as surveys_apis
from accord.webhooks import apis as webhooks_apis
from accord.work import apis as work_apis
from accord.workspaces import apis as workspaces_apis

api = api_build(
    [
        ("", me.router),
        ("", token_apis.router),
        ("", projects_apis.router),
        ("", work_apis.router),
        ("", inbox_apis.router),
        ("", workspaces_apis.router),
        ("", catalog_apis.router),
        ("", webhooks_apis.router),
        ("", design_apis.router),
        ("", automations_apis.router),
        ("", campaigns_apis.router),
        ("", golive_apis.router),
        ("", reports_apis.router),
        ("", support_apis.router),
        ("", surveys_apis.router),
    ]
)
