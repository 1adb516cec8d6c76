"""Positions of debtors' addresses: geocode the ones flagged for a pin, or let staff set the pin by hand.

`Debtor.geocode_status`: ``given`` (lat/lon came with the import), ``geocoded`` (found by the geocoder),
``needs_pin`` (no position yet: someone must pin it on the map), ``pinned`` (set by hand).
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from visitapp.adapters.geocoder import Geocoder, GeocoderUnavailable, LatLon
from visitapp.core import access, audit, clock, versioning
from visitapp.core.errors import Forbidden, NotFound, ValidationError
from visitapp.core.identity import Identity
from visitapp.core.models import Case, Debtor
from visitapp.core.rows import pk

GIVEN, GEOCODED, NEEDS_PIN, PINNED = "given", "geocoded", "needs_pin", "pinned"
STOP_AFTER_ERRORS = 3  # failures in a row: the geocoder is down, stop this run


def query_for(debtor: Debtor) -> str:
    """What is sent to the geocoder: the address, with the city in front when the address lacks it."""
    address = (debtor.address or "").strip()
    if address and debtor.city and debtor.city not in address:
        return f"{debtor.city}{address}" if not debtor.city.isascii() else f"{address}, {debtor.city}"
    return address


def geocode_pending(session: Session, *, geocoder: Geocoder | None, limit: int | None = None) -> dict[str, int]:
    """Geocode debtors flagged ``needs_pin`` (oldest first, at most `limit`): found ones become ``geocoded``
    with lat/lon, the others keep ``needs_pin``. Answers come from the cache when known; the geocoder is
    asked outside any write, and everything is written at the end, so a long run holds no write lock while
    it waits for the network. For many addresses call it in batches (e.g. limit=50), one unit of work each.

    Returns counts: pending (examined), geocoded, not_found, no_address, errors (geocoder unavailable;
    after STOP_AFTER_ERRORS in a row the run stops and the rest count as errors too).
    """
    if geocoder is None:
        raise ValidationError("geocode.not_configured")
    query = select(Debtor).where(Debtor.geocode_status == NEEDS_PIN).order_by(col(Debtor.id))
    if limit is not None:
        query = query.limit(max(limit, 0))
    debtors = list(session.exec(query).all())
    counts = {"pending": len(debtors), "geocoded": 0, "not_found": 0, "no_address": 0, "errors": 0}
    queries = {d.id: query_for(d) for d in debtors}
    known: dict[str, LatLon | None] = geocoder.cached(session, [q for q in queries.values() if q])
    fresh: dict[str, LatLon | None] = {}
    failed: set[str] = set()
    answers: dict[int, LatLon | None] = {}
    errors_in_a_row = 0
    for d in debtors:
        q = queries[d.id]
        if not q:
            counts["no_address"] += 1
            continue
        if q not in known and q not in fresh:
            if q in failed or errors_in_a_row >= STOP_AFTER_ERRORS:
                counts["errors"] += 1
                continue
            try:
                fresh[q] = geocoder.lookup(q)
                errors_in_a_row = 0
            except GeocoderUnavailable:
                failed.add(q)
                errors_in_a_row += 1
                counts["errors"] += 1
                continue
        answers[pk(d)] = known[q] if q in known else fresh[q]

    for q, result in fresh.items():
        geocoder.remember(session, q, result)
    now = clock.now()
    for d in debtors:
        if d.id not in answers:
            continue
        result = answers[d.id]
        if result is None:
            counts["not_found"] += 1
            continue
        # Written only if nobody pinned the debtor or changed the address while we waited on the network.
        written = session.exec(
            sa_update(Debtor)
            .where(col(Debtor.id) == d.id, col(Debtor.geocode_status) == NEEDS_PIN, col(Debtor.address) == d.address)
            .values(
                lat=result[0], lon=result[1], geocode_status=GEOCODED, updated_at=now, version=col(Debtor.version) + 1
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if written:
            session.expire(d)
            counts["geocoded"] += 1
        else:
            counts["changed_meanwhile"] = counts.get("changed_meanwhile", 0) + 1
    session.flush()
    return counts


def _coordinate(value: Any) -> float:
    if isinstance(value, bool):
        raise ValidationError("geocode.pin_invalid")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError("geocode.pin_invalid") from None
    if not math.isfinite(number):
        raise ValidationError("geocode.pin_invalid")
    return number


def typed_coords(text: str) -> tuple[float, float] | None:
    """A pin typed as "lat, lon" (a Chinese comma too), or None when it is not two numbers; the ranges are
    set_pin's to check."""
    try:
        lat, lon = (float(x) for x in str(text).replace("，", ",").split(","))
    except ValueError:
        return None
    return lat, lon


def set_pin(session: Session, *, actor: Identity, debtor_id: int, lat: float, lon: float, seen: int) -> Debtor:
    """Set a debtor's position by hand (a pin dragged on the map or typed): status ``pinned``, audited with
    before and after. Dispatchers may pin debtors with a case in a team they run, or with a case not yet in
    any team. `seen` is the debtor's version the user moved the pin from: if someone else moved it (or the
    geocoder placed it) meanwhile, the change is refused with who and when (core.versioning)."""
    access.require(actor, access.STAFF)
    lat, lon = _coordinate(lat), _coordinate(lon)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError("geocode.pin_out_of_range")
    if lat == 0 and lon == 0:
        raise ValidationError("geocode.pin_zero")
    debtor = session.get(Debtor, debtor_id)
    if debtor is None:
        raise NotFound("error.not_found")
    run = access.team_ids_run_by(session, actor)
    if run is not None:
        team_ids = set(session.exec(select(Case.team_id).where(Case.debtor_id == debtor_id)).all())
        if not (None in team_ids or team_ids & run):
            raise Forbidden("geocode.not_your_debtor")
    before = {"lat": debtor.lat, "lon": debtor.lon, "geocode_status": debtor.geocode_status}
    after = {"lat": lat, "lon": lon, "geocode_status": PINNED}
    fresh = versioning.write(
        session,
        debtor,
        seen=seen,
        values={**after, "updated_at": clock.now()},
        key="geocode.pin_stale",
        entity="debtor",
    )
    audit.record(
        session,
        actor_id=actor.id,
        action="debtor.pin",
        entity="debtor",
        entity_id=debtor_id,
        before=before,
        after=after,
    )
    return fresh
