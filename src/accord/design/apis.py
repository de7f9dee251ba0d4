"""The need and design operations of the HTTP API (mounted by accord.api; see docs/api.md).

A project's needs (with the statement and the warnings of its trigger), its data flows with
their field mappings, the sequence diagram (Mermaid text or SVG) and the integration overview
slide: each operation calls the selector or service the pages call, as the token's person.
Texts (statements, warnings, diagram labels, the slide) are in the caller's language:
``Accept-Language`` when sent, else the person's own. Internal notes are never in the API.
"""

from functools import partial
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.accounts.models import User, supported_language, user_language
from accord.apikit.auth import acting_user
from accord.apikit.errors import ErrorBody
from accord.apikit.pagination import CursorPagination
from accord.apikit.schemas import RowId
from accord.base.words import day_text
from accord.design import selectors, services
from accord.design.models import DataFlowRecord, Need
from accord.domain import design as design_domain
from accord.formats.design.overview_pptx import overview_to_pptx
from accord.formats.design.sequence import sequence_from_flows, sequence_to_mermaid
from accord.formats.design.sequence_svg import sequence_to_svg

router = Router(tags=["Need and design"])

NOT_FOUND = {404: ErrorBody}
#: The warning codes the API answers (the pages also say when the final goal is missing).
API_WARNINGS = (
    "trigger-not-unique",
    "trigger-not-identifiable",
    "trigger-has-special-cases",
    "trigger-not-a-transition",
)
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _language(request: HttpRequest, user: User) -> str:
    """The caller's language: Accept-Language when sent, else the person's own."""
    if request.headers.get("Accept-Language"):
        return supported_language(translation.get_language_from_request(request))
    return user_language(user)


# -- needs -----------------------------------------------------------------------------------------


class TriggerChecksIn(Schema):
    unique: bool = False
    identifiable: bool = False
    no_special_cases: bool = False


class NeedIn(Schema):
    action: str = Field(max_length=300)
    target_platform: str = Field(max_length=200)
    trigger: str = Field("", max_length=300)
    trigger_platform: str = Field(max_length=200)
    trigger_field: str = Field("", max_length=200)
    trigger_from: str = Field("", max_length=200)
    trigger_to: str = Field("", max_length=200)
    fields: list[str] = Field(default_factory=list, max_length=200)
    goal: str = Field("", max_length=3000)
    trigger_checks: TriggerChecksIn = Field(default_factory=TriggerChecksIn)


class WarningOut(Schema):
    code: Literal[
        "trigger-not-unique",
        "trigger-not-identifiable",
        "trigger-has-special-cases",
        "trigger-not-a-transition",
    ]
    message: str


def _active_language() -> str:
    return "fr" if (translation.get_language() or "en").startswith("fr") else "en"


class NeedOut(Schema):
    """A need as the API answers it, its texts in the active language (the caller's)."""

    id: int
    version: int
    statement: str
    warnings: list[WarningOut]

    @staticmethod
    def resolve_statement(need: Need) -> str:
        return selectors.need_statement(need, _active_language())

    @staticmethod
    def resolve_warnings(need: Need) -> list[dict[str, str]]:
        return [
            {"code": item.code, "message": item.message}
            for item in selectors.need_warnings(need)
            if item.code in API_WARNINGS
        ]


@router.get("/projects/{project_id}/needs", response={200: list[NeedOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="created_at")
def need_list(request: HttpRequest, project_id: RowId) -> Any:
    """The project's needs, oldest first: each with its version, statement and warnings."""
    user = acting_user(request)
    access = selectors.design_access(user, project_id)
    translation.activate(_language(request, user))  # the answers' texts, serialised after return
    return selectors.project_needs(access.project)


@router.post("/projects/{project_id}/needs", response={201: NeedOut, 403: ErrorBody, **NOT_FOUND})
def need_create(request: HttpRequest, project_id: RowId, payload: NeedIn) -> Status[Need]:
    """Write a need. A trigger on a state (the three ``trigger_*`` parts empty) is accepted with
    the warning ``trigger-not-a-transition``; each unticked check of the trigger warns too."""
    user = acting_user(request)
    access = selectors.design_access(user, project_id)
    translation.activate(_language(request, user))
    need = services.need_write(
        actor=user,
        project=access.project,
        parts=services.NeedParts(
            action=payload.action,
            target_platform=payload.target_platform,
            trigger=payload.trigger,
            trigger_platform=payload.trigger_platform,
            trigger_field=payload.trigger_field,
            trigger_from=payload.trigger_from,
            trigger_to=payload.trigger_to,
            fields=payload.fields,
            goal=payload.goal,
            check_unique=payload.trigger_checks.unique,
            check_identifiable=payload.trigger_checks.identifiable,
            check_no_special_cases=payload.trigger_checks.no_special_cases,
        ),
    )
    return Status(201, need)


# -- flows -----------------------------------------------------------------------------------------


class MappingIn(Schema):
    source: str = Field(max_length=200)
    target: str = Field(max_length=200)
    rule: str = Field("", max_length=500)


class FlowIn(Schema):
    name: str = Field(max_length=200)
    source_system: str = Field(max_length=200)
    target_system: str = Field(max_length=200)
    trigger: str = Field("", max_length=300)
    mode: Literal["realtime", "batch"] = "realtime"
    format: str = Field("", max_length=100)
    security: str = Field("", max_length=200)
    fields: list[MappingIn] = Field(default_factory=list, max_length=500)


class FlowOut(Schema):
    id: int
    name: str
    source_system: str
    target_system: str
    trigger: str
    mode: Literal["realtime", "batch"]
    format: str
    security: str
    fields: list[MappingIn]

    @staticmethod
    def resolve_fields(flow: DataFlowRecord) -> list[dict[str, str]]:
        return [
            {"source": item.source, "target": item.target, "rule": item.rule} for item in flow.mappings.all()
        ]


@router.get("/projects/{project_id}/flows", response={200: list[FlowOut], **NOT_FOUND})
@paginate(CursorPagination, sort_key="position")
def flow_list(request: HttpRequest, project_id: RowId) -> Any:
    """The project's data flows in order (the sequence diagram's order), with their mappings."""
    access = selectors.design_access(acting_user(request), project_id)
    return DataFlowRecord.objects.filter(project=access.project).prefetch_related("mappings")


@router.post("/projects/{project_id}/flows", response={201: FlowOut, 403: ErrorBody, **NOT_FOUND})
def flow_create(request: HttpRequest, project_id: RowId, payload: FlowIn) -> Status[DataFlowRecord]:
    """Add a data flow after the project's last one, with its field mappings (source → target,
    with the rule). Refused (422) when incomplete, a target field is mapped twice or the name is
    taken."""
    user = acting_user(request)
    access = selectors.design_access(user, project_id)
    with translation.override(_language(request, user)):
        flow = services.flow_add(
            actor=user,
            project=access.project,
            flow=design_domain.DataFlow(
                name=payload.name,
                source_system=payload.source_system,
                target_system=payload.target_system,
                trigger=payload.trigger,
                mode=design_domain.FlowMode(payload.mode),
                format=payload.format,
                security=payload.security,
                mappings=tuple(
                    design_domain.FieldMapping(item.source, item.target, item.rule) for item in payload.fields
                ),
            ),
        )
    return Status(201, flow)


# -- the sequence diagram and the overview slide ---------------------------------------------------

SEQUENCE_RESPONSE = {
    "responses": {
        "200": {
            "description": "The sequence diagram: Mermaid text, or SVG with ?format=svg",
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "image/svg+xml": {"schema": {"type": "string"}},
            },
        }
    }
}
PPTX_RESPONSE = {
    "responses": {
        "200": {
            "description": "The integration overview slide (PowerPoint)",
            "content": {PPTX: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class SequenceQuery(Schema):
    format: Literal["mermaid", "svg"] = "mermaid"


@router.get("/projects/{project_id}/sequence-diagram", response=NOT_FOUND, openapi_extra=SEQUENCE_RESPONSE)
def sequence_diagram_read(
    request: HttpRequest, project_id: RowId, query: Query[SequenceQuery]
) -> HttpResponse:
    """The sequence diagram of the project's flows: Mermaid text, or with ``?format=svg`` the
    same diagram drawn as SVG."""
    user = acting_user(request)
    access = selectors.design_access(user, project_id)
    language = _language(request, user)
    diagram = sequence_from_flows(
        selectors.flows_domain(selectors.project_flows(access.project)),
        title=access.project.name,
        language=language,
    )
    if query.format == "svg":
        return HttpResponse(sequence_to_svg(diagram, language=language), content_type="image/svg+xml")
    return HttpResponse(sequence_to_mermaid(diagram), content_type="text/plain; charset=utf-8")


@router.get("/projects/{project_id}/overview.pptx", response=NOT_FOUND, openapi_extra=PPTX_RESPONSE)
def overview_slide_read(request: HttpRequest, project_id: RowId) -> HttpResponse:
    """The integration overview slide of the project (systems and flows, go-live and its P80, key
    contacts by role), in the caller's language."""
    user = acting_user(request)
    access = selectors.design_access(user, project_id)
    spoken = _language(request, user)
    content = overview_to_pptx(
        selectors.integration_overview(access.project),
        language=spoken,
        day_text=partial(day_text, language=spoken),
    )
    response = HttpResponse(content, content_type=PPTX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slugify(access.project.name) or 'project'}-overview.pptx"
    )
    return response
