"""The route for an option (deal-terms.md D5.1, D5.5): the steps that apply, and the timetable.

Every step of :data:`.steps.STEPS` is tested against each partner (an organisation with a role
other than ``not_involved``); a step that applies once per option is tested once. A rule that
needs a field the case leaves out gives ``applies: "not_known"`` and names the field. Progress
comes from the case's ``route_progress``. The timetable is the longest path through ``after``
(steps that do not apply are skipped; a step done or not applicable takes no more time): the
earliest completion with every step at its low lead time, the latest at its high one, and the
steps on the longest path at high are the critical path.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..finance.capacity_plan import involved
from .facts import Facts, Unknown
from .steps import STEP, STEPS, Step, redundancies_in_a_window

LARGE_REDUNDANCY = 100
WEEKS_45_DAYS = 6.4


@dataclass
class RouteStep:
    step: Step
    organisation: str | None        # None: once per option
    applies: bool | str             # True or "not_known"
    missing: str = ""               # the field a "not_known" step needs
    status: str = "not_started"
    due: str | None = None
    note: str = ""
    weeks: tuple[float, float] = (0.0, 0.0)
    on_critical_path: bool = False
    start: tuple[float, float] = (0.0, 0.0)     # week it can start: earliest (low), latest (high)
    finish: tuple[float, float] = (0.0, 0.0)

    @property
    def id(self) -> str:
        return self.step.id

    def to_json(self) -> dict:
        return {"step": self.step.id, "organisation": self.organisation,
                "applies": self.applies, "status": self.status,
                "weeks": list(self.weeks), "critical": self.step.critical,
                "on_critical_path": self.on_critical_path}


@dataclass
class Route:
    steps: list[RouteStep] = field(default_factory=list)
    completion_weeks: tuple[float, float] | None = None
    stale_progress: list[int] = field(default_factory=list)   # route_progress indices

    @property
    def not_known(self) -> list[RouteStep]:
        return [s for s in self.steps if s.applies == "not_known"]


def partners(case, option) -> list:
    return [case.organisations[k] for k in involved(case, option)]


def _weeks(step: Step, facts: Facts | None) -> tuple[float, float]:
    if step.id in ("redundancy.collective", "redundancy.hr1") and facts is not None:
        if redundancies_in_a_window(facts) >= LARGE_REDUNDANCY:
            return (WEEKS_45_DAYS, WEEKS_45_DAYS)
    return (float(step.weeks[0]), float(step.weeks[1]))


def _test(step: Step, facts: Facts) -> tuple[bool | str, str]:
    try:
        return (True, "") if step.rule(facts) else (False, "")
    except Unknown as e:
        return "not_known", e.what


def generate(case, option) -> Route:
    """The option's route: applicable and not-known steps in table order, then by partner."""
    orgs = partners(case, option)
    out: list[RouteStep] = []
    for step in STEPS:
        if step.once:
            if not orgs:
                continue
            results = [_test(step, Facts(case, option, o, orgs)) for o in orgs]
            hit = next((r for r in results if r[0] is True), None)
            hit = hit or next((r for r in results if r[0] == "not_known"), None)
            if hit is not None:
                out.append(RouteStep(step, None, hit[0], hit[1],
                                     weeks=_weeks(step, None)))
            continue
        for org in orgs:
            facts = Facts(case, option, org, orgs)
            applies, missing = _test(step, facts)
            if applies is not False:
                out.append(RouteStep(step, org.id, applies, missing, weeks=_weeks(step, facts)))
    route = Route(out)
    _progress(case, option, route)
    _timetable(route)
    return route


def _progress(case, option, route: Route) -> None:
    index = {(s.id, s.organisation): s for s in route.steps}
    for i, entry in enumerate(getattr(case, "route_progress", None) or []):
        if entry.option != option.id:
            continue
        found = index.get((entry.step, entry.organisation))
        if found is None:
            route.stale_progress.append(i)
            continue
        found.status, found.due, found.note = entry.status, entry.due, entry.note


def _timetable(route: Route) -> None:
    """Longest paths through ``after`` at low and at high; marks the critical path."""
    steps = [s for s in route.steps if s.applies is True]
    if not steps:
        return
    by_id: dict[str, list[RouteStep]] = {}
    for s in steps:
        by_id.setdefault(s.id, []).append(s)
    order = [s for step in _topological() for s in by_id.get(step, [])]

    def remaining(s: RouteStep, end: int) -> float:
        return 0.0 if s.status in ("done", "not_applicable") else s.weeks[end]

    finish: list[dict[int, float]] = [{}, {}]
    came_from: dict[int, RouteStep | None] = {}
    for end in (0, 1):
        for s in order:
            before = [p for a in s.step.after for p in by_id.get(a, [])]
            start = max((finish[end][id(p)] for p in before), default=0.0)
            finish[end][id(s)] = start + remaining(s, end)
            if end == 1:
                came_from[id(s)] = max(before, key=lambda p: finish[1][id(p)], default=None)
    for s in order:
        s.finish = (finish[0][id(s)], finish[1][id(s)])
        s.start = (s.finish[0] - remaining(s, 0), s.finish[1] - remaining(s, 1))
    route.completion_weeks = (max(finish[0].values()), max(finish[1].values()))
    last: RouteStep | None = max(order, key=lambda s: finish[1][id(s)])
    while last is not None:
        last.on_critical_path = True
        last = came_from[id(last)]


def _topological() -> list[str]:
    """Step ids so that each comes after every id in its ``after`` (the table is acyclic)."""
    seen: dict[str, bool] = {}
    out: list[str] = []

    def visit(sid: str, path: tuple[str, ...]) -> None:
        if sid in path:
            raise ValueError(f"the step table has a cycle: {' → '.join((*path, sid))}")
        if sid in seen or sid not in STEP:
            return
        for a in STEP[sid].after:
            visit(a, (*path, sid))
        seen[sid] = True
        out.append(sid)

    for step in STEPS:
        visit(step.id, ())
    return out
