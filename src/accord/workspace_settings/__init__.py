"""Workspace settings pages: the playbook catalogue, people, customers and partners."""
