"""French dates: "3 décembre 2026", times "3 décembre 2026 14:05" (one format for pages, e-mails,
exports; Django's own French date format, also used for the short forms)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
