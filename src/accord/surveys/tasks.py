"""Background work of the survey: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def survey_email_send(*, response_id: int) -> bool:
    """E-mail one contact their survey link (nothing once they answered)."""
    from accord.surveys.services import survey_email_deliver

    return survey_email_deliver(response_id=response_id)
