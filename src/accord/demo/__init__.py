"""Demo data: a workspace with customers, a partner, people of every kind and projects from every
built-in playbook at different stages, built through the real services (``accord demo``).

The package imports Django models only in :mod:`accord.demo.builder`, so the command line can
import the cast (:mod:`accord.demo.cast`) before Django is set up.
"""
