"""The portfolio's per-project summary (accord.projects.summary), filled for existing projects."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.utils import timezone

CLOSED = ("done", "not_applicable")


def backfill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Project = apps.get_model("projects", "Project")
    ProjectTask = apps.get_model("projects", "ProjectTask")
    ProjectSummary = apps.get_model("projects", "ProjectSummary")
    today = timezone.localdate()
    open_tasks = ~Q(tasks__status__in=CLOSED)
    late = Q(tasks__planned_finish__lt=today) & open_tasks
    unfinished = (
        ProjectTask.objects.filter(project=OuterRef("pk"))
        .exclude(status__in=CLOSED)
        .order_by("position")
        .values("phase_name")[:1]
    )
    rows = Project.objects.order_by().annotate(
        total=Count("tasks"),
        finished=Count("tasks", filter=Q(tasks__status__in=CLOSED)),
        late=Count("tasks", filter=late),
        late_critical=Count("tasks", filter=late & Q(tasks__critical=True)),
        next_due=Min("tasks__planned_finish", filter=Q(tasks__planned_finish__gte=today) & open_tasks),
        phase=Subquery(unfinished),
    )
    ProjectSummary.objects.bulk_create(
        (
            ProjectSummary(
                project_id=row.pk,
                total_tasks=row.total,
                finished_tasks=row.finished,
                current_phase=row.phase or "",
                late_tasks=row.late,
                late_critical_tasks=row.late_critical,
                as_of=today,
                next_due=row.next_due,
            )
            for row in rows.iterator(chunk_size=1_000)
        ),
        batch_size=1_000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0006_task_baseline_dates"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectSummary",
            fields=[
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="summary",
                        serialize=False,
                        to="projects.project",
                    ),
                ),
                ("total_tasks", models.PositiveIntegerField(default=0)),
                ("finished_tasks", models.PositiveIntegerField(default=0)),
                ("current_phase", models.CharField(blank=True, max_length=300)),
                ("late_tasks", models.PositiveIntegerField(default=0)),
                ("late_critical_tasks", models.PositiveIntegerField(default=0)),
                ("as_of", models.DateField()),
                ("next_due", models.DateField(blank=True, null=True)),
                ("refreshed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
