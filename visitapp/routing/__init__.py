"""Route planning: the model (`model`), the PyVRP solver (`solver`) and the exact timing check (`timing`).

python -m visitapp.routing solve --vrplib FILE --seconds N [--seed S]
"""

from visitapp.routing.model import (
    Depot,
    Dropped,
    DropReason,
    PlannedStop,
    RoutePlanResult,
    StopSpec,
    TeamRoute,
    TeamSpec,
)

__all__ = [
    "Depot",
    "DropReason",
    "Dropped",
    "PlannedStop",
    "RoutePlanResult",
    "StopSpec",
    "TeamRoute",
    "TeamSpec",
    "plan_routes",
]


def plan_routes(*args, **kwargs):  # imported lazily: PyVRP loads a compiled extension
    from visitapp.routing.solver import plan_routes as _plan

    return _plan(*args, **kwargs)
