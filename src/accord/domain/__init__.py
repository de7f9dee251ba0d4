"""Accord's pure core: plain data and rules, no Django.

Everything here is frozen dataclasses and functions over them, so that the rules can be
tested with plain pytest and reused by the CLI, the web application and background work.
"""
