"""Who may open the contacts' project pages (accord.web.home_views), counted by
tests/web/test_access_matrix.py and checked by tests/web/test_project_home.py."""

LOGIN = "login"
#: The people of tests/web/test_project_home.py's world.
PEOPLE = [
    "anonymous",
    "admin",
    "manager",
    "member",
    "customer",
    "other-customer",
    "partner-on",
    "partner-off",
]
PROJECT_SEERS = {
    "anonymous": LOGIN,
    "admin": 200,
    "manager": 200,
    "member": 200,
    "customer": 200,
    "other-customer": 404,
    "partner-on": 200,
    "partner-off": 404,
}

# url name -> (path template ({p}: the project), expected status per person)
MATRIX = {
    "customer-projects": ("/my-projects/", dict.fromkeys(PEOPLE, 200) | {"anonymous": LOGIN}),
    "project-home": ("/projects/{p}/home/", PROJECT_SEERS),
    "project-home-ics": ("/projects/{p}/home/milestones/go-live.ics", PROJECT_SEERS),
}
