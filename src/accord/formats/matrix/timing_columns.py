"""A task's timing in the matrix files' own columns, written for people and read back exactly.

Columns (CSV and XLSX, after the role columns):

- ``Duration``: ``5 business days``, ``4-6 weeks``, ``3-6 weeks, likely 4``,
  ``approximately 10 business days``, ``3 hours``; a plain number is business days.
- ``Depends on``: one clause a line (or separated by ``;``), each naming another task by its key
  (the ``Key`` column) or its name:

  - ``project start`` (``project start +2d``): starts with the project;
  - ``after kickoff`` (``after kickoff +2d``): starts when that task finishes, with a lag in
    business days;
  - ``before go-live``: finishes before that task starts;
  - ``around design -1d``: runs alongside that task (starts with it, plus or minus a lag);
  - ``when the users are set up (satisfied by customer-setup, training)``: a start condition
    in words and the tasks whose finish satisfies it;
  - ``lag +2d``: the lag of every clause that gives none.

  An empty cell: the task follows the one above it.
- ``Milestone``: ``yes`` or empty.
- ``Go-live``: ``yes`` on the go-live milestone (the one marked so, else the last milestone).
- ``Sessions``: ``3 sessions of 90 minutes at 10:00`` (a meeting series on consecutive days).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

from accord.domain.playbook import Playbook, Task
from accord.domain.timing import (
    DEFAULT_SESSION_TIME,
    Condition,
    Duration,
    Link,
    MeetingSeries,
    Timing,
    TimingError,
    Unit,
    parse_duration,
)

DURATION = "Duration"
DEPENDS_ON = "Depends on"
MILESTONE = "Milestone"
GO_LIVE = "Go-live"
SESSIONS = "Sessions"
TIMING_COLUMNS: tuple[str, ...] = (DURATION, DEPENDS_ON, MILESTONE, GO_LIVE, SESSIONS)

YES = "yes"
_YES_WORDS = frozenset({"yes", "y", "x", "true", "1", "oui", "✓", "✔"})
_NO_WORDS = frozenset({"", "no", "n", "false", "0", "non", "-"})
_KEYWORDS = ("project start", "after", "before", "around", "when", "lag")
_CLAUSE_SPLIT = re.compile(r"\s*[\r\n]+\s*|\s*;\s*(?=(?:project start|after|before|around|when|lag)\b)", re.I)
_LAG = re.compile(r"\s+([+-])\s*(\d+)\s*(?:d|bd|business days?|working days?)\s*$", re.IGNORECASE)
_WHEN = re.compile(r"^(?P<text>.*?)\s*\(\s*satisfied by\s+(?P<refs>[^()]*)\)\s*$", re.IGNORECASE | re.DOTALL)
_SESSIONS = re.compile(
    r"^\s*(?P<count>\d+)\s*(?:sessions?|meetings?)?\s*(?:of|x|×)\s*(?P<minutes>\d+)\s*"
    r"(?:min|mins|minutes)\s*(?:at\s+(?P<at>\d{1,2}[:h]\d{2}))?\s*$",
    re.IGNORECASE,
)
_DEPENDS_HINT = (
    "write one clause a line: 'project start', 'after TASK +2d', 'before TASK', 'around TASK', "
    "'when CONDITION (satisfied by TASK)' or 'lag +2d'; name tasks by their key or their name"
)


def go_live_key(playbook: Playbook) -> str | None:
    """The task the planner takes as the go-live: the one marked ``go_live``, else the last
    milestone in playbook order."""
    marked = [task.key for task in playbook.tasks if task.go_live]
    if marked:
        return marked[0]
    milestones = [task.key for task in playbook.tasks if task.milestone]
    return milestones[-1] if milestones else None


def _lag_text(lag: int) -> str:
    return f"+{lag}d" if lag >= 0 else f"{lag}d"


def _link_text(word: str, link: Link) -> str:
    return f"{word} {link.task}" + (f" {_lag_text(link.lag)}" if link.lag is not None else "")


def duration_text(duration: Duration) -> str:
    """A duration as people write it; :func:`accord.domain.timing.parse_duration` reads it back."""
    data = duration.to_data()
    if isinstance(data, int):
        return f"{data} business day" + ("" if data == 1 else "s")
    if isinstance(data, Mapping):
        return f"{data['min']}-{data['max']} {duration.unit.words}, likely {data['likely']}"
    return str(data)


def depends_on_text(timing: Timing) -> str:
    """The ``Depends on`` cell of a timing: one clause a line."""
    clauses: list[str] = []
    if timing.from_project_start:
        clauses.append("project start")
    clauses.extend(_link_text("after", link) for link in timing.after)
    clauses.extend(f"before {key}" for key in timing.before)
    if timing.around is not None:
        clauses.append(_link_text("around", timing.around))
    if timing.when is not None:
        clauses.append(f"when {timing.when.text} (satisfied by {', '.join(timing.when.satisfied_by)})")
    if timing.lag:
        clauses.append(f"lag {_lag_text(timing.lag)}")
    return "\n".join(clauses)


def sessions_text(sessions: MeetingSeries) -> str:
    word = "session" if sessions.count == 1 else "sessions"
    return f"{sessions.count} {word} of {sessions.minutes} minutes at {sessions.at.strftime('%H:%M')}"


def _within(timing: Timing, known: AbstractSet[str]) -> Timing:
    """The timing without links to tasks the file does not hold (tasks of other variants, when
    one variant is written): the planner drops those links too, so the dates stay the same."""
    when = timing.when
    if when is not None:
        kept = tuple(key for key in when.satisfied_by if key in known)
        when = replace(when, satisfied_by=kept) if kept else None
    around = timing.around if timing.around is not None and timing.around.task in known else None
    return replace(
        timing,
        after=tuple(link for link in timing.after if link.task in known),
        before=tuple(key for key in timing.before if key in known),
        around=around,
        when=when,
    )


def timing_cells(task: Task, go_live: str | None, known: AbstractSet[str] | None = None) -> tuple[str, ...]:
    """The task's cells under :data:`TIMING_COLUMNS`; ``known`` are the keys of the tasks the
    file holds (links to any other task are left out)."""
    timing = task.timing
    if timing is not None and known is not None:
        timing = _within(timing, known)
    return (
        duration_text(timing.duration) if timing and timing.duration else "",
        depends_on_text(timing) if timing else "",
        YES if task.milestone else "",
        YES if task.key == go_live else "",
        sessions_text(timing.sessions) if timing and timing.sessions else "",
    )


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A problem in one timing cell: the column's title, a message and a hint."""

    column: str
    message: str
    hint: str


@dataclass(slots=True)
class _Found:
    start: bool = False
    after: list[Link] = field(default_factory=list)
    before: list[str] = field(default_factory=list)
    around: Link | None = None
    when: Condition | None = None
    lag: int = 0


@dataclass(frozen=True, slots=True)
class ReadTiming:
    timing: Timing | None
    milestone: bool
    go_live: bool
    problems: tuple[CellProblem, ...]


Resolve = Callable[[str], str | None]


class _TimingReader:
    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve
        self.problems: list[CellProblem] = []

    def problem(self, column: str, message: str, hint: str) -> None:
        self.problems.append(CellProblem(column, message, hint))

    def flag(self, column: str, text: str) -> bool:
        word = text.strip().lower()
        if word in _YES_WORDS:
            return True
        if word not in _NO_WORDS:
            self.problem(column, f"{text!r} is neither yes nor no", "write yes, or leave the cell empty")
        return False

    def duration(self, text: str) -> Duration | None:
        if not text.strip():
            return None
        value: object = text.strip()
        if re.fullmatch(r"\d+(?:\.\d+)?", text.strip()):
            value = float(text.strip())
        try:
            return parse_duration(value)
        except TimingError as error:
            self.problem(DURATION, error.message, error.hint)
            return None

    def sessions(self, text: str) -> MeetingSeries | None:
        if not text.strip():
            return None
        match = _SESSIONS.match(text)
        if match is None:
            self.problem(
                SESSIONS,
                f"cannot read the sessions {text!r}",
                "write e.g. '3 sessions of 90 minutes at 10:00'",
            )
            return None
        count, minutes = int(match["count"]), int(match["minutes"])
        at = DEFAULT_SESSION_TIME
        if match["at"]:
            hours, _, mins = match["at"].replace("h", ":").partition(":")
            if int(hours) > 23 or int(mins) > 59:
                self.problem(
                    SESSIONS, f"{match['at']!r} is not a time of day", "write the time as HH:MM, e.g. 10:00"
                )
                return None
            at = dt.time(int(hours), int(mins))
        if count < 1 or not 1 <= minutes <= 24 * 60:
            self.problem(
                SESSIONS,
                "a series needs at least one session of 1 to 1440 minutes",
                "write e.g. '3 sessions of 90 minutes'",
            )
            return None
        return MeetingSeries(count=count, minutes=minutes, at=at)

    def reference(self, text: str) -> str | None:
        key = self.resolve(text.strip())
        if key is None:
            self.problem(
                DEPENDS_ON,
                f"no task is called {text.strip()!r}",
                "name the task by its key (the Key column) or its exact name",
            )
        return key

    def link(self, rest: str) -> Link | None:
        lag: int | None = None
        match = _LAG.search(rest)
        if match is not None:
            lag = int(match[2]) * (-1 if match[1] == "-" else 1)
            rest = rest[: match.start()]
        key = self.reference(rest)
        return Link(task=key, lag=lag) if key is not None else None

    def depends_on(self, text: str) -> _Found:  # noqa: C901, PLR0912 one case per clause
        found = _Found()
        for clause in _CLAUSE_SPLIT.split(text.strip()):
            if not clause.strip():
                continue
            lowered = clause.lower()
            word = next((keyword for keyword in _KEYWORDS if lowered.startswith(keyword)), None)
            rest = clause[len(word) :].strip() if word else ""
            if word == "project start":
                found.start = True
                match = _LAG.search(" " + rest) if rest else None
                if rest and match is None:
                    self.problem(DEPENDS_ON, f"cannot read {clause!r}", _DEPENDS_HINT)
                elif match is not None:
                    found.lag = int(match[2]) * (-1 if match[1] == "-" else 1)
            elif word == "lag":
                match = _LAG.search(" " + rest)
                if match is None:
                    self.problem(DEPENDS_ON, f"cannot read {clause!r}", "write the lag as 'lag +2d'")
                else:
                    found.lag = int(match[2]) * (-1 if match[1] == "-" else 1)
            elif word in ("after", "around") and rest:
                link = self.link(rest)
                if link is not None and word == "after":
                    found.after.append(link)
                elif link is not None:
                    if found.around is not None:
                        self.problem(
                            DEPENDS_ON, "a task runs around one task only", "keep one 'around' clause"
                        )
                    found.around = link
            elif word == "before" and rest:
                key = self.reference(rest)
                if key is not None:
                    found.before.append(key)
            elif word == "when" and (match := _WHEN.match(rest)) is not None:
                keys = [self.reference(part) for part in match["refs"].split(",") if part.strip()]
                if keys and all(keys):
                    found.when = Condition(
                        text=match["text"].strip(), satisfied_by=tuple(k for k in keys if k)
                    )
                elif not keys:
                    self.problem(DEPENDS_ON, "the condition names no task", "write '(satisfied by TASK)'")
            else:
                self.problem(DEPENDS_ON, f"cannot read {clause!r}", _DEPENDS_HINT)
        return found

    def timing(self, duration: str, depends_on: str, sessions: str) -> Timing | None:
        read_duration = self.duration(duration)
        read_sessions = self.sessions(sessions)
        found = self.depends_on(depends_on) if depends_on.strip() else _Found()
        if read_duration is None and read_sessions is None and not depends_on.strip():
            return None
        after, lag = tuple(found.after), found.lag
        if found.start and (after or found.around is not None or found.when is not None):
            self.problem(
                DEPENDS_ON,
                "'project start' contradicts after, around and when",
                "keep 'project start' alone, or anchor the task on other tasks",
            )
        if lag < 0:
            self.problem(DEPENDS_ON, "the lag cannot be negative", "write 'lag +0d' or more")
        if any(link.lag is not None and link.lag < 0 for link in after):
            self.problem(
                DEPENDS_ON,
                "an 'after' lag cannot be negative",
                "use 'around TASK -1d' for tasks that overlap",
            )
        return Timing(
            from_project_start=found.start,
            after=after,
            before=tuple(found.before),
            around=found.around,
            when=found.when,
            lag=lag,
            duration=read_duration,
            sessions=read_sessions,
        )


def read_timing(cells: Mapping[str, str], resolve: Resolve) -> ReadTiming:
    """Read a task's timing cells (by column title); ``resolve`` turns a task key or name into a key."""
    reader = _TimingReader(resolve)
    timing = reader.timing(cells.get(DURATION, ""), cells.get(DEPENDS_ON, ""), cells.get(SESSIONS, ""))
    milestone = reader.flag(MILESTONE, cells.get(MILESTONE, ""))
    go_live = reader.flag(GO_LIVE, cells.get(GO_LIVE, ""))
    return ReadTiming(timing, milestone, go_live, tuple(reader.problems))


__all__ = [
    "DEPENDS_ON",
    "DURATION",
    "GO_LIVE",
    "MILESTONE",
    "SESSIONS",
    "TIMING_COLUMNS",
    "Unit",
    "go_live_key",
    "read_timing",
    "timing_cells",
]
