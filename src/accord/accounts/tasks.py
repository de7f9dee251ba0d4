"""Background work of the accounts app, run by the tasks worker."""

from __future__ import annotations

from django.tasks import task


@task()
def login_warning_email_send(*, user_id: int) -> bool:
    """Warn an account's owner that its logins are paused after many failures from everywhere."""
    from accord.accounts.services import login_warning_email_deliver  # services imports this module

    return login_warning_email_deliver(user_id=user_id)


@task()
def password_reset_email_send(*, user_id: int, domain: str, protocol: str, templates: list[str]) -> bool:
    """Make an account's reset link and e-mail it (the link is made here, never stored in the queue)."""
    from accord.accounts.services import password_reset_email_deliver  # services imports this module

    return password_reset_email_deliver(
        user_id=user_id, domain=domain, protocol=protocol, templates=templates
    )
