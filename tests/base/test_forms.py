"""Typed errors to form messages and page lines: one home, used by every view."""

from django import forms

from accord.base.forms import error_lines, error_text, problems_to_form
from accord.domain.errors import AccordError, InvalidInput, Problem


class NameForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()


def bound() -> NameForm:
    form = NameForm({"name": "x", "email": "x@example.com"})
    assert form.is_valid()
    return form


def test_each_problem_lands_on_the_field_it_names_else_on_the_form():
    form = bound()
    problems_to_form(
        form,
        InvalidInput(
            [Problem("taken", "Name taken.", where="name"), Problem("other", "Try later.", where="elsewhere")]
        ),
    )
    assert form.errors["name"] == ["Name taken."]
    assert form.non_field_errors() == ["Try later."]


def test_a_problem_naming_no_field_can_go_to_a_chosen_field():
    form = bound()
    problems_to_form(form, InvalidInput([Problem("member", "Already a member.")]), default_field="email")
    assert form.errors["email"] == ["Already a member."]


def test_error_lines_give_each_problem_with_its_hint():
    error = InvalidInput([Problem("a", "First.", hint="Fix it."), Problem("b", "Second.")])
    assert error_lines(error) == ["First. Fix it.", "Second."]
    assert error_text(error) == "First. Fix it. Second."
    assert error_lines(AccordError("Refused.", hint="Ask a manager.")) == ["Refused. Ask a manager."]
