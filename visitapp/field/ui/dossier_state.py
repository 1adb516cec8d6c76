"""A visit's dossier on the agent's phone. One page load (`load`) checks the session once and fills every
section of the page: this state, the visit log and notice, the on-site plan, and promises and payments."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.cases.services.scoring_service import factor_line
from visitapp.core import access, clock
from visitapp.core.enums import VisitStatus
from visitapp.core.errors import DomainError, NotFound
from visitapp.field.services import calls, checkin, distress, dossier, scripts
from visitapp.field.ui.lawyer_state import LawyerState
from visitapp.field.ui.third_party_state import ThirdPartyState
from visitapp.field.ui.visit_actions_state import VisitActions
from visitapp.field.ui.visit_log_state import VisitLogState
from visitapp.money.ui.money_state import MoneyState
from visitapp.money.ui.plan_state import OnSitePlanState
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler
from visitapp.ui.statement import line_texts

VIEWER = handler(access.CASE_VIEWERS)  # the agents on the visit and the office that runs its team
AT_DOOR = handler(access.FIELD)  # the services check that the agent is on the visit
# The browser's GeolocationPositionError codes (1 denied, 2 unavailable, 3 timeout; 0: no geolocation at all)
# go back as numbers and are said in the user's language; the browser's own English message never shows.
GEOLOCATE_JS = """new Promise((resolve) => {
  if (!navigator.geolocation) { resolve({code: 0}); return; }
  navigator.geolocation.getCurrentPosition(
    (p) => resolve({lat: p.coords.latitude, lon: p.coords.longitude, acc: p.coords.accuracy}),
    (e) => resolve({code: Number(e && e.code) || 2}),
    {enableHighAccuracy: true, timeout: 15000, maximumAge: 0});
})"""
GPS_ERRORS = {
    0: "checkin.gps.unsupported",
    1: "checkin.gps.denied",
    2: "checkin.gps.unavailable",
    3: "checkin.gps.timeout",
}


def gps_error_key(result: object) -> str:
    """The message for what the browser answered instead of a position."""
    code = result.get("code") if isinstance(result, dict) else None
    return GPS_ERRORS.get(code if isinstance(code, int) and not isinstance(code, bool) else 2, GPS_ERRORS[2])


def phone_rows(numbers: list[str], *, revealed: bool) -> list[dict[str, str]]:
    """Phones as the dossier shows them: masked, or revealed and grouped for reading with an E.164 tel: link."""
    return [{"label": i18n.phone(n) if revealed else n, "tel": n if revealed else ""} for n in numbers]


class CallSection(rx.State, mixin=True):
    """The call box of the dossier: the policy decides before the dial, the result is recorded after."""

    # a call in progress: the policy allowed it (number to dial) or said why not
    call_number: str = ""
    call_message: str = ""
    call_allowed: bool = False
    _call_ledger_id: int = 0

    call_label: str = ""  # the number to dial, grouped for reading

    @VIEWER
    def start_call(self, ctx: Ctx):
        started = calls.start(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.call_allowed = started.number is not None
        self.call_number = started.number or ""
        self.call_label = i18n.phone(self.call_number) if self.call_number else ""
        self._call_ledger_id = started.ledger_id if self.call_allowed else 0
        if self.call_allowed:
            self._say("call_message", "call.allowed")
            return
        self._say_all("call_message", i18n.decision_parts(started.decision))

    @VIEWER
    def record_call(self, ctx: Ctx, result: str):
        if not self._call_ledger_id:
            return None
        calls.record_result(ctx.db, actor=ctx.actor, ledger_id=self._call_ledger_id, result=result)
        self._load(ctx)  # the ledger shows the call
        return rx.toast.success(ctx.t("call.recorded"))


class CheckinSection(rx.State, mixin=True):
    """Check-in and check-out at the door with the phone's position (far away needs a reason)."""

    locating: bool = False
    need_reason: bool = False
    checkin_message: str = ""
    checkin_ok: bool = True
    checkin_blocked: str = ""  # why checking in cannot work now ("" = it can): the button is disabled
    _pos: list[float] = []

    def _load_readiness(self, ctx: Ctx) -> None:
        self.checkin_blocked = ""
        if ctx.actor.role not in access.FIELD or self.checked_in:
            return
        r = checkin.readiness(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        if r.ok:
            return
        lang = self.lang
        parts = [ctx.error_text(DomainError(r.key, **r.params))]
        if r.decision is not None:
            parts += [i18n.render(key, params, lang) for key, params in i18n.decision_parts(r.decision)]
        self.checkin_blocked = " ".join(parts)

    @AT_DOOR
    def locate(self, ctx: Ctx):
        """Ask the browser for the position; `got_position` receives it (or the error)."""
        self.locating, self.checkin_message = True, ""
        return rx.call_script(GEOLOCATE_JS, callback=DossierState.got_position)

    @AT_DOOR
    def got_position(self, ctx: Ctx, result: dict):
        self.locating = False
        if not isinstance(result, dict) or "lat" not in result:
            self.checkin_ok = False
            self._say("checkin_message", gps_error_key(result))
            return
        self._pos = [float(result["lat"]), float(result["lon"]), float(result.get("acc") or 0)]
        return self._check_in(ctx, "")

    @AT_DOOR
    def check_in_with_reason(self, ctx: Ctx, form_data: dict):
        return self._check_in(ctx, str(form_data.get("reason", "")))

    def _check_in(self, ctx: Ctx, reason: str):
        if len(self._pos) != 3:
            return
        lat, lon, acc = self._pos
        r = checkin.check_in(
            ctx.db, actor=ctx.actor, visit_id=self.visit_id, lat=lat, lon=lon, accuracy_m=acc, reason=reason
        )
        distance = "—" if r.distance_m is None else f"{r.distance_m:.0f}"
        if r.needs_reason:
            self.need_reason, self.checkin_ok = True, False
            self._say("checkin_message", "checkin.far", distance=distance)
            return
        self.need_reason = False
        if not r.decision.allowed:
            self.checkin_ok = False
            self._say_all("checkin_message", i18n.decision_parts(r.decision))
            return
        self.checked_in, self.checkin_ok = True, not r.flagged  # a flagged check-in shows in amber
        self._say("checkin_message", "checkin.done_flagged" if r.flagged else "checkin.done", distance=distance)

    @AT_DOOR
    def check_out(self, ctx: Ctx):
        lat, lon = (self._pos[0], self._pos[1]) if len(self._pos) == 3 else (None, None)
        checkin.check_out(ctx.db, actor=ctx.actor, visit_id=self.visit_id, lat=lat, lon=lon)
        self.checked_out = True
        self.checkin_ok = True
        self._say("checkin_message", "checkin.out")


class DistressSection(rx.State, mixin=True):
    """The distress flag: the case pauses for review and the agent gets the support to offer."""

    # distress
    distress_open: bool = False
    support: str = ""

    @AT_DOOR
    def open_distress(self, ctx: Ctx):
        self.distress_open = True

    @AT_DOOR
    def flag_distress(self, ctx: Ctx, form_data: dict):
        self.support = distress.flag(
            ctx.db, actor=ctx.actor, visit_id=self.visit_id, note=str(form_data.get("note", ""))
        )
        self.distress_open = False


class DossierState(VisitActions, DistressSection, CheckinSection, CallSection, PageState):
    found: bool = False
    loaded: bool = False
    visit_id: int = 0
    name: str = ""
    address: str = ""
    window: str = ""
    confirmation: str = ""
    contract: str = ""
    phones: list[dict[str, str]] = []  # label (masked, or grouped for reading) and tel (E.164, once revealed)
    revealed: bool = False
    status: str = ""  # the visit's status (VisitStatus)
    # if it does not take place: what the agent can still do, and what was recorded
    can_not_visit: bool = False
    can_move: bool = False
    visit_note: str = ""  # "not visited: no time", "dispatcher asked to move it"
    lines: list[dict[str, str]] = []
    totals_text: str = ""  # formatted here: money in the reader's format, "1 day" / "3 days"
    ledger: list[dict[str, str]] = []
    notes: list[dict[str, str]] = []
    promises: list[dict[str, str]] = []
    score_line: str = ""
    factors: list[str] = []
    # check-in / check-out
    checked_in: bool = False
    checked_out: bool = False
    # talking points from the script library, for this visit's situations, in the user's language
    talking_points: list[dict[str, str]] = []

    @VIEWER
    async def load(self, ctx: Ctx):
        """The page load: the session is checked once, for every section of the dossier."""
        self._load(ctx)
        ctx.commit()  # the audited view is kept; no write lock is held across the awaits below
        for section in (VisitLogState, OnSitePlanState, MoneyState, ThirdPartyState, LawyerState):
            part = await self.get_state(section)
            part._load(ctx, self.visit_id if self.found else 0)

    def _load(self, ctx: Ctx) -> None:
        self.loaded, self.revealed = False, False
        self.call_number, self.call_message, self.call_allowed, self._call_ledger_id = "", "", False, 0
        self.call_label, self.acting_on = "", ""
        self.need_reason, self.checkin_message, self.distress_open, self.support = False, "", False, ""
        try:
            d = dossier.open_dossier(ctx.db, actor=ctx.actor, visit_id=self._path_id())
        except NotFound:
            self.found, self.loaded, self.visit_id = False, True, 0
            return
        lang = self.lang
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        self.found, self.visit_id = True, d.visit_id
        self.name, self.address, self.window, self.contract = d.debtor_name, d.address, d.window, d.contract_no
        self.confirmation = i18n.t(f"confirmation.{d.confirmation}", lang)
        self.phones = phone_rows(d.phones_masked, revealed=False)
        self.status = d.status
        self.can_not_visit, self.can_move = "not_visited" in d.actions, "ask_move" in d.actions
        notes = [
            i18n.t(
                "agent.today.not_visited_because",
                lang,
                reason=i18n.t(f"visit.not_visited.{d.not_visited_reason}", lang),
            )
            if d.not_visited_reason and d.status == VisitStatus.MISSED
            else "",
            i18n.t("agent.today.move_requested", lang) if d.move_requested else "",
        ]
        self.visit_note = " · ".join(n for n in notes if n)
        self.lines = [line_texts(r.due_date, r.kind, r.due_cents, r.paid_cents, r.days_overdue, lang) for r in d.lines]
        self.totals_text = i18n.t(
            "dossier.totals",
            lang,
            due=money(d.totals.due_cents),
            paid=money(d.totals.paid_cents),
            outstanding=money(d.totals.outstanding_cents),
            overdue=money(d.totals.overdue_cents),
            days=d.totals.max_days_overdue,
        )
        self.ledger = [
            {
                "at": clock.to_local(at).strftime("%m-%d %H:%M"),
                "channel": i18n.t(f"channel.{ch}", lang),
                "result": i18n.t(f"result.{res}", lang) if res else "",
                "blocked": "" if ok else "1",
                "why": " ".join(i18n.reason_text(r["code"], r.get("params", {}), lang) for r in reasons),
            }
            for at, ch, res, ok, reasons in d.ledger
        ]
        self.notes = [
            {"at": clock.to_local(at).strftime("%m-%d %H:%M"), "author": who, "body": body} for at, who, body in d.notes
        ]
        self.promises = [
            {"due": due.isoformat(), "amount": money(c), "status": i18n.t(f"audit.value.promise.{st}", lang)}
            for due, c, st in d.promises
        ]
        self.score_line = (
            i18n.t(
                "dossier.score", lang, segment=d.segment, score=d.score, strategy=i18n.t(f"strategy.{d.strategy}", lang)
            )
            if d.score is not None
            else ""
        )
        self.checked_in, self.checked_out = d.checked_in, d.checked_out
        self.factors = [factor_line(x, lang) for x in d.score_factors]
        self._load_readiness(ctx)
        self._load_talking_points(ctx)
        self.loaded = True

    def _after_visit_action(self, ctx: Ctx) -> None:
        self._load(ctx)

    def _load_talking_points(self, ctx: Ctx) -> None:
        """The suggested talking points; a problem here must not cost the agent the dossier."""
        lang = self.lang
        try:
            with ctx.db.begin_nested():
                found = scripts.suggest(ctx.db, actor=ctx.actor, visit_id=self.visit_id, lang=lang)
        except DomainError:
            found = []
        self.talking_points = [
            {"situation": i18n.t(f"scripts.situation.{x.situation}", lang), "title": x.title, "body": x.body}
            for x in found
        ]

    @VIEWER
    def reveal(self, ctx: Ctx):
        self.phones = phone_rows(dossier.reveal_phones(ctx.db, actor=ctx.actor, visit_id=self.visit_id), revealed=True)
        self.revealed = True
