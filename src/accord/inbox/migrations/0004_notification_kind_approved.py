from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0003_task_of_projects"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("task_done", "Task Done"),
                    ("approval_requested", "Approval Requested"),
                    ("approved", "Approved"),
                    ("sent_back", "Sent Back"),
                    ("input_requested", "Input Requested"),
                    ("input_given", "Input Given"),
                    ("assigned", "Assigned"),
                    ("other", "Other"),
                ],
                max_length=30,
            ),
        ),
    ]
