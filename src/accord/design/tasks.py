"""Background work of the design app: take ids, call a service."""

from __future__ import annotations

from django.tasks import task


@task()
def discovery_invitations_send(*, series_id: int, organiser_id: int | None = None) -> int:
    """E-mail the ``.ics`` invitation of a discovery series to its attendees."""
    from accord.design.services import discovery_invitations_deliver

    return discovery_invitations_deliver(series_id=series_id, organiser_id=organiser_id)
