from tests.work.conftest import crew, project_hooks  # noqa: F401 - shared fixtures
