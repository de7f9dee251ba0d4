"""Moved to :mod:`tests.projects.cast` (a test-named module should hold tests, not helpers).

Kept only so that the modules written before the move keep importing; import from
``tests.projects.cast`` instead.
"""

from tests.projects.cast import KINDS, Cast, cast_made, login_cookie
from tests.projects.factories import TODAY

__all__ = ["KINDS", "TODAY", "Cast", "cast_made", "login_cookie"]
