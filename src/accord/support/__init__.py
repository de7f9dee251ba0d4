"""Tickets after go-live with a first-level owner, and escalations to the vendor that refuse
personal data.
"""
