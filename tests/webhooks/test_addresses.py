"""Where webhooks may go: every refused address class, IPv4 and IPv6, at save and at send."""

import ipaddress

import pytest

from accord.domain.errors import InvalidInput
from accord.webhooks import addresses, transport
from accord.webhooks.addresses import TargetRefused, address_refusal, target_for
from accord.webhooks.models import EventType
from accord.workspaces.models import MembershipKind
from tests.workspaces.factories import MembershipFactory

REFUSED = [
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("127.0.0.1", "loopback"),
    ("127.8.9.10", "loopback"),
    ("::1", "loopback"),
    ("169.254.169.254", "link-local"),  # the cloud metadata service
    ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("240.0.0.1", "reserved"),
    ("100.64.0.1", "not-global"),  # carrier-grade NAT
    # IPv4 inside IPv6: mapped, 6to4, NAT64.
    ("::ffff:127.0.0.1", "loopback"),
    ("::ffff:10.0.0.1", "private"),
    ("::ffff:169.254.169.254", "link-local"),
    ("2002:7f00:1::", "loopback"),
    ("64:ff9b::a00:1", "private"),
]


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_each_address_class_is_refused(address, reason):
    assert address_refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700:4700::1111", "::ffff:93.184.215.14"])
def test_public_addresses_are_allowed(address):
    assert address_refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(("address", "reason"), REFUSED)
def test_a_literal_refused_address_in_a_url_is_refused(address, reason):
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(TargetRefused) as refused:
        target_for(f"https://{host}/hook", allow_private=False)
    assert refused.value.code == reason


def test_a_name_is_resolved_once_and_every_address_checked(monkeypatch):
    calls = []

    def fake_getaddrinfo(host, port, **kwargs):
        calls.append(host)
        return [(2, 1, 6, "", ("93.184.215.14", port)), (2, 1, 6, "", ("10.0.0.7", port))]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(TargetRefused) as refused:
        target_for("https://hooks.example.com/a", allow_private=False)
    assert (refused.value.code, calls) == ("private", ["hooks.example.com"])


def test_the_target_connects_to_the_checked_address_and_names_the_host(monkeypatch):
    monkeypatch.setattr(
        addresses.socket, "getaddrinfo", lambda host, port, **kwargs: [(2, 1, 6, "", ("93.184.215.14", port))]
    )
    target = target_for("https://hooks.example.com:8443/in?x=1", allow_private=False)
    assert (target.address, target.host, target.port, target.path) == (
        "93.184.215.14",
        "hooks.example.com",
        8443,
        "/in?x=1",
    )
    assert target.host_header == "hooks.example.com:8443"
    pool = transport.pool_for(target)
    # TLS to the address checked, verifying the certificate for the host's name.
    assert (pool.host, pool.port) == ("93.184.215.14", 8443)
    assert pool.conn_kw["server_hostname"] == "hooks.example.com"
    assert pool.assert_hostname == "hooks.example.com"
    assert pool.cert_reqs == "CERT_REQUIRED"


def test_localhost_is_refused_as_loopback():
    with pytest.raises(TargetRefused) as refused:
        target_for("https://localhost/hook", allow_private=False)
    assert refused.value.code == "loopback"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://93.184.215.14/hook", "scheme"),
        ("ftp://93.184.215.14/hook", "scheme"),
        ("https://user:secret@93.184.215.14/hook", "credentials"),
        ("https:///hook", "host"),
        ("https://93.184.215.14:99999/hook", "host"),
        ("https://no-such-host.invalid/hook", "unresolvable"),
    ],
)
def test_bad_urls_are_refused(url, code):
    with pytest.raises(TargetRefused) as refused:
        target_for(url, allow_private=False)
    assert refused.value.code == code


def test_the_development_switch_allows_loopback_and_http():
    target = target_for("http://127.0.0.1:8000/hook", allow_private=True)
    assert (target.scheme, target.address) == ("http", "127.0.0.1")


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "reason"), REFUSED[:15:2])
def test_refused_at_save_with_a_message_naming_the_field(address, reason, settings):
    settings.ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = False
    from accord.webhooks.services import endpoint_create

    manager = MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(InvalidInput) as refused:
        endpoint_create(
            actor=manager.user,
            workspace=manager.workspace,
            url=f"https://{host}/hook",
            event_types=[EventType.TASK_APPROVED],
        )
    [problem] = refused.value.problems
    assert (problem.where, problem.code) == ("url", reason)
    assert "public" in problem.message
    assert problem.hint
