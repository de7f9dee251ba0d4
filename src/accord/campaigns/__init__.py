"""SIT, UAT and E2E campaigns of a project: cases, runs, defects, and sign-off behind gates."""
