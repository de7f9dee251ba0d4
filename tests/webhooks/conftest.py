import pytest

from accord.webhooks import services
from accord.webhooks.models import EventType
from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture
def private_targets(settings):
    """The development switch on: the receiver on 127.0.0.1 over plain http:// is allowed."""
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = True
    return settings


def make_endpoint(actor, workspace, url, event_types=None, **fields):
    return services.endpoint_create(
        actor=actor,
        workspace=workspace,
        url=url,
        event_types=event_types or list(EventType.values),
        **fields,
    )
