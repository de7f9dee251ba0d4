"""The work app keeps no models of its own: tasks, RACI cells and comments belong to their
project (:mod:`accord.projects.models`); this app holds the pages and the workflow over them."""
