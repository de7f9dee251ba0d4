"""One date format per language (FORMAT_MODULE_PATH): every page, e-mail and export that shows a
date to a person uses Django's ``date`` filter or ``formats.date_format`` without an explicit
format, so it reads the same everywhere. Machine formats (CSV, API, ICS) stay ISO 8601.

Only display formats are set here; input formats stay Django's for each language.
"""
