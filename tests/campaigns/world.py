"""One world for the campaigns' access tests: the invoicecloud project with a person of every kind,
a running SIT (one case passed with evidence, a defect), a SIT not started, and one ready to sign off."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from accord.campaigns import services
from accord.campaigns.models import Campaign, Defect, Evidence, TestCase
from tests.campaigns.factories import campaign_made, invoicecloud_cast
from tests.projects.test_pages_support import Cast


@dataclass
class World:
    cast: Cast
    running: Campaign
    fresh: Campaign
    ready: Campaign
    case: TestCase
    defect: Defect
    evidence: Evidence

    def ids(self) -> dict[str, int]:
        return {
            "p": self.cast.project.pk,
            "c": self.running.pk,
            "n": self.fresh.pk,
            "r": self.ready.pk,
            "k": self.case.pk,
            "d": self.defect.pk,
            "e": self.evidence.pk,
        }


def world_made() -> World:
    cast = invoicecloud_cast()
    admin = cast.admin
    running = campaign_made(cast, "sit", cases=1, name="SIT round 1")
    services.campaign_start(actor=admin, campaign=running)
    case = running.cases.get()
    services.run_record(
        actor=admin, case=case, result="pass", files=[SimpleUploadedFile("screen.png", b"\x89PNG evidence")]
    )
    defect = services.defect_create(actor=admin, campaign=running, case=case, title="Typo", severity="minor")
    fresh = campaign_made(cast, "sit", cases=1, name="SIT round 2")
    ready = campaign_made(cast, "sit", cases=1, name="SIT round 3")
    services.campaign_start(actor=admin, campaign=ready)
    services.run_record(actor=admin, case=ready.cases.get(), result="pass")
    return World(cast, running, fresh, ready, case, defect, Evidence.objects.get())
