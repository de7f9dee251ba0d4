import sys
import types

import pytest

from tests.work.factories import manager_of, project_with_tasks, staff


class Crew:
    """A small project with a person in each role: pm (vendor, R on kick-off), lead (customer, A
    on kick-off), it (customer, C on kick-off and R on build), tpa (partner, I on kick-off), and a
    vendor manager holding no role."""

    def __init__(self):
        self.project = project_with_tasks()
        self.pm = staff(self.project, "vendor-pm", lead=True)
        self.lead = staff(self.project, "customer-lead", lead=True)
        self.it = staff(self.project, "customer-it", lead=True)
        self.tpa = staff(self.project, "partner-tpa", lead=True)
        self.manager = manager_of(self.project)


@pytest.fixture
def crew(db):
    return Crew()


@pytest.fixture(autouse=True)
def project_hooks(monkeypatch):
    """Stand-in projects services recording the planning hooks the work services call (the real
    ones are exercised by the projects tests)."""
    calls = []
    module = types.ModuleType("accord.projects.services")
    module.project_replan = lambda *, project: calls.append(("replan", project.pk))
    module.handover_apply_if_due = lambda *, project, task, actor: calls.append(
        ("handover", project.pk, task.key)
    )
    monkeypatch.setitem(sys.modules, "accord.projects.services", module)
    return calls
