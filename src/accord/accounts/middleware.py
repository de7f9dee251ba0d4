"""Each person's time zone for the request: pages show dates and times where the reader is."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from accord.accounts.models import zone_named


class PersonalTimeZoneMiddleware:
    """Activate the logged-in person's time zone for the request (the server's when they chose none).

    Templates convert aware datetimes to the active zone (``|date``, plain output); plain dates such
    as due dates are calendar days and do not move. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = (
            zone_named(getattr(user, "time_zone", "")) if user is not None and user.is_authenticated else None
        )
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            # Threads serve many people in turn: never let one person's zone leak into the next request.
            timezone.deactivate()
