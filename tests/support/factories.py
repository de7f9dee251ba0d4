"""Support worlds for tests: the project cast of every kind of person, with a ticket."""

from __future__ import annotations

from accord.support import services
from accord.support.models import Ticket
from tests.projects.test_pages_support import Cast, cast_made

SUPPORT_ADDRESS = "webservices@vendor.example"
IBAN = "FR76 3000 6000 0112 3456 7890 189"
PHONE = "+1 415 555 2671"
REFUSED_BODY = f"The payroll of Jane failed. Her IBAN is {IBAN}, call her on {PHONE}."


def ticket_made(cast: Cast, **fields: object) -> Ticket:
    values = {"subject": "Payroll export fails", "body": "The nightly export stopped on Monday."} | fields
    return services.ticket_open(actor=cast.admin, project=cast.project, **values)  # type: ignore[arg-type]


def support_cast() -> tuple[Cast, Ticket]:
    cast = cast_made()
    return cast, ticket_made(cast)
