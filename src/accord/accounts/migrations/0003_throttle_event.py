# A failed login becomes one kind of throttle event: the same table (renamed) also counts failures
# per e-mail and address together, the owner's warnings and password-reset requests.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_language_time_zone"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="loginfailure", name="login_failure_scope_known"),
        migrations.RenameModel(old_name="LoginFailure", new_name="ThrottleEvent"),
        migrations.RemoveIndex(model_name="throttleevent", name="login_failure_lookup"),
        migrations.RemoveIndex(model_name="throttleevent", name="login_failure_age"),
        migrations.RenameField(model_name="throttleevent", old_name="failed_at", new_name="occurred_at"),
        migrations.AddIndex(
            model_name="throttleevent",
            index=models.Index(fields=["scope", "key_digest", "occurred_at"], name="throttle_event_lookup"),
        ),
        migrations.AddIndex(
            model_name="throttleevent",
            index=models.Index(fields=["occurred_at"], name="throttle_event_age"),
        ),
        migrations.AlterField(
            model_name="throttleevent",
            name="scope",
            field=models.CharField(
                choices=[
                    ("email", "failed login: e-mail"),
                    ("address", "failed login: network address"),
                    ("email_address", "failed login: e-mail and network address"),
                    ("login_warning", "warning of failed logins sent"),
                    ("reset_email", "password reset: e-mail"),
                    ("reset_address", "password reset: network address"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="throttleevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "scope__in",
                        [
                            "email",
                            "address",
                            "email_address",
                            "login_warning",
                            "reset_email",
                            "reset_address",
                        ],
                    )
                ),
                name="throttle_event_scope_known",
            ),
        ),
    ]
