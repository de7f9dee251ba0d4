"""Incoming triggers and the automation rules they fire (seed 001): signed endpoints, rules tested
on a dedicated template before they go live, and every run logged.
"""
