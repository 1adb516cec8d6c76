"""Public: the debtor's link from the notice SMS. No login. Every action re-reads the token from the
address and goes through one service call; the statement lives only in this session after the
verifier matched.

Every word of the page is made (`LinkTexts._render`) from what the state keeps: the link's view (a plain
dict), the offered slots, the statement once verified, and messages kept as a key and its parameters. So a
language switch re-renders all of it, messages included; server texts made once would keep the old
language, which is also why this page shows no toasts."""

from __future__ import annotations

from datetime import date
from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.core import links
from visitapp.core.errors import DomainError
from visitapp.core.security import hash_token
from visitapp.debtor.services import complaints, debtor_link
from visitapp.debtor.ui import link_words
from visitapp.money.services import agreements
from visitapp.ui.auth import AuthState
from visitapp.ui.entry import Ctx, handler, public
from visitapp.ui.statement import line_texts

# every action of the debtor: no sign-in; a refusal (link replaced, too many tries, ...) is shown on the page
ACTION = handler(public=True, on_error="_refused")
NOTE_SLOTS = ("done", "error", "verify_error", "complaint_error")


def statement_data(st: debtor_link.Statement) -> dict[str, Any]:
    return {
        "lines": [[due.isoformat(), kind, amount, paid, days] for due, kind, amount, paid, days in st.lines],
        "due": st.due_cents,
        "paid": st.paid_cents,
        "outstanding": st.outstanding_cents,
        "overdue": st.overdue_cents,
        "contract": st.contract_no,
    }


class LinkTexts(rx.State, mixin=True):
    # what the browser shows (all of it made by `_render`)
    checked: bool = False
    status: str = ""
    planned: str = ""
    message: str = ""
    agents: list[dict[str, str]] = []
    agents_label: str = ""
    confirmation: str = ""
    confirmation_label: str = ""
    can_act: bool = False
    can_confirm: bool = False
    paused: bool = False
    ics_url: str = ""
    locked_message: str = ""
    done_message: str = ""
    error: str = ""
    verify_error: str = ""
    complaint_error: str = ""
    slots: list[dict[str, str]] = []
    categories: list[list[str]] = []
    lines: list[dict[str, str]] = []
    totals: str = ""
    contract: str = ""
    agreement_url: str = ""
    call_label: str = ""
    call_href: str = ""
    # what they are made from (kept on the server)
    _view: dict[str, Any] = {}
    _notes: dict[str, list] = {}  # slot -> [key, params, policy reasons]
    _slots: list[list[str]] = []  # [key, day, start, end]
    _statement: dict[str, Any] = {}
    _agreement: str = ""

    def _note(self, slot: str, key: str, reasons: list | None = None, **params: Any) -> None:
        """Keep a message to show in `slot` (rendered in whatever language the page is in)."""
        self._notes = {**self._notes, slot: [key, i18n.display_params(params), reasons or []]}

    def _say(self, note: list | None) -> str:
        return link_words.say(note, self.lang)

    def _render(self) -> None:
        for name, value in link_words.view_words(self._view, self.lang, self._path_tail()).items():
            setattr(self, name, value)
        for slot in NOTE_SLOTS:
            setattr(self, slot if slot != "done" else "done_message", self._say(self._notes.get(slot)))
        lang = self.lang
        self.slots = [
            {
                "key": key,
                "label": f"{day[5:]} {i18n.t(f'weekday.{date.fromisoformat(day).weekday()}', lang)} {start}-{end}",
            }
            for key, day, start, end in self._slots
        ]
        self.categories = [[c, i18n.t(f"complaint.category.{c}", lang)] for c in complaints.CATEGORIES]
        self._render_statement()

    def _render_statement(self) -> None:
        lang, st = self.lang, self._statement
        self.agreement_url = f"{self._agreement}&lang={lang}" if self._agreement else ""
        if not st:
            self.lines, self.totals, self.contract = [], "", ""
            return
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        self.contract = i18n.t("link.contract", lang, contract=st["contract"])
        self.lines = [
            line_texts(date.fromisoformat(due), kind, amount, paid, days, lang)
            for due, kind, amount, paid, days in st["lines"]
        ]
        self.totals = i18n.t(
            "link.totals",
            lang,
            due=money(st["due"]),
            paid=money(st["paid"]),
            outstanding=money(st["outstanding"]),
            overdue=money(st["overdue"]),
        )


class VerifySection(rx.State, mixin=True):
    """Verifying the debtor (birth year or ID digits) and, once verified, the statement and the agreement."""

    verified: bool = False

    @ACTION
    def verify(self, ctx: Ctx, form: dict):
        self._count(ctx)
        r = debtor_link.verify(
            ctx.db,
            token=self._path_tail(),
            kind=str(form.get("kind") or "birth_year"),
            value=str(form.get("value") or ""),
            counted=True,
        )
        self._notes = {k: v for k, v in self._notes.items() if k != "verify_error"}
        if r.locked_until is not None:
            self._view = {**self._view, "locked_until": r.locked_until.isoformat()}
        elif not r.ok or r.statement is None:
            self._note("verify_error", "link.verify_wrong", left=r.tries_left)
        else:
            self.verified, self.panel = True, "verify"
            self._statement = statement_data(r.statement)
            self._agreement = self._agreement_url(ctx)
        self._render()

    def _agreement_url(self, ctx: Ctx) -> str:
        """Only called after the verifier matched: the signed agreement of this link's case, if there is one."""

        if not agreements.link_has_agreement(ctx.db, token=self._path_tail()):
            return ""
        return agreements.agreement_link_url(self._path_tail())


class ComplaintSection(rx.State, mixin=True):
    """A complaint from the link: its reference number, and collection pauses."""

    reference: str = ""

    @ACTION
    def complain(self, ctx: Ctx, form: dict):
        body = str(form.get("body") or "").strip()
        self._notes = {k: v for k, v in self._notes.items() if k != "complaint_error"}
        if len(body) < complaints.BODY_MIN:  # says what is missing before anything is sent or counted
            self._note("complaint_error", "link.complaint_missing", min=complaints.BODY_MIN)
            self._render()
            return
        self._count(ctx)
        self.reference = debtor_link.complain(
            ctx.db, token=self._path_tail(), category=str(form.get("category") or ""), body=body, counted=True
        )
        self.panel = ""
        self._notes = {}
        self._note("done", "link.complaint_done", reference=self.reference)
        self._reload_view(ctx)  # collection is paused now: the visit actions give way to one note


class LinkState(ComplaintSection, VerifySection, LinkTexts, AuthState):
    panel: str = ""  # "" | slots | decline | complaint | verify
    _carry: list = []  # [hash of the new link's token, its message]: a reschedule's note survives the redirect

    def _ip(self) -> str:
        return self.router.session.client_ip or ""

    @public
    def load(self, ctx: Ctx):
        tail = self._path_tail()
        carried = self._carry[1] if self._carry and self._carry[0] == hash_token(tail) else None
        self._carry = []
        self.panel, self.reference, self.verified = "", "", False
        self._notes = {"done": carried} if carried else {}
        self._slots, self._statement, self._agreement = [], {}, ""
        self._view = link_words.view_data(debtor_link.open_link(ctx.db, token=tail))
        self._render()

    @public
    def rerender(self, ctx: Ctx):
        """After a language switch: every text again, in the new language (nothing is read or counted)."""
        self._render()

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        """A refusal is shown where the debtor is: beside the form in use, else at the top of the page."""
        slot = {"complaint": "complaint_error", "verify": "verify_error"}.get(self.panel, "error")
        self._note(slot, exc.key, **exc.params)
        if isinstance(exc, debtor_link.LinkProblem) and exc.key != "link.too_many":
            self._reload_view(ctx)  # replaced, expired or cancelled meanwhile: the page says which
        else:
            self._render()

    def _count(self, ctx: Ctx) -> None:
        """Count this action first and keep the count whatever happens next: an action that fails (or is
        refused as too many) still counts."""
        try:
            debtor_link.throttle(ctx.db, token=self._path_tail(), ip=self._ip())
        finally:
            ctx.commit()

    def _reload_view(self, ctx: Ctx) -> None:
        self._view = link_words.view_data(debtor_link.open_link(ctx.db, token=self._path_tail()))
        self._render()

    @ACTION
    def show_panel(self, ctx: Ctx, name: str):
        self._notes = {k: v for k, v in self._notes.items() if k == "done"}
        self.panel = "" if self.panel == name else name
        if self.panel == "slots":
            self._count(ctx)
            found = debtor_link.offered_slots(ctx.db, token=self._path_tail(), counted=True)
            self._slots = [
                [x.key, x.day.isoformat(), x.start.strftime("%H:%M"), x.end.strftime("%H:%M")] for x in found
            ]
        self._render()

    @ACTION
    def confirm(self, ctx: Ctx):
        self._count(ctx)
        visit = debtor_link.confirm(ctx.db, token=self._path_tail(), counted=True)
        self.panel, self._notes = "", {}
        self._note("done", "link.confirmed_done", **_window(visit))
        self._reload_view(ctx)

    @ACTION
    def pick_slot(self, ctx: Ctx, key: str):
        self._count(ctx)
        moved = debtor_link.reschedule(
            ctx.db, token=self._path_tail(), slot_key=key, base_url=links.public_base(), counted=True
        )
        sms = moved.texted
        if sms is None:
            note = ["link.moved_no_sms", {}, []]
        elif sms.decision.allowed and sms.status != "failed":
            note = ["link.moved_texted", {"to": sms.phone_masked}, []]
        else:
            reasons = [[r.code, r.kw] for r in sms.decision.reasons]
            note = ["link.moved_not_texted", {}, reasons]
        note[1] = {**_window(moved.visit), **note[1]}
        path = moved.link.split("://", 1)[-1]
        path = path[path.index("/") :] if "/" in path else moved.link
        self.panel, self._notes = "", {}
        self._carry = [hash_token(path.rstrip("/").rsplit("/", 1)[-1]), note]
        return rx.redirect(path)  # the new link's page: its load shows the note

    @ACTION
    def decline(self, ctx: Ctx):
        self._count(ctx)
        debtor_link.decline(ctx.db, token=self._path_tail(), counted=True)
        self.panel, self._notes = "", {}
        self._reload_view(ctx)  # the page now says the visit is cancelled and a call will follow


def _window(visit: Any) -> dict[str, str]:
    return {
        "day": visit.visit_date.isoformat(),
        "start": visit.window_start.strftime("%H:%M"),
        "end": visit.window_end.strftime("%H:%M"),
    }
