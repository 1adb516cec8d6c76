"""What the office does from the case page: assign, schedule a visit, pause or resume with a reason, mark a
dispute or a death (with a note), add a note, approve one more visit (supervisors). Each calls one service
and says what happened; the page state (case_page_state.CasePageState) provides `case_id`, `version` and
`_reload`."""

from __future__ import annotations

from datetime import date

import reflex as rx

from visitapp import i18n
from visitapp.cases.services import assignment, case_actions
from visitapp.compliance.services import visit_approval
from visitapp.core import access
from visitapp.core.errors import Conflict, DomainError
from visitapp.field.services import visits
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF, on_error="_refused")


class CaseActions(rx.State, mixin=True):
    action_error: str = ""
    action_stale: bool = False
    action_key: int = 0  # bumped after an action: its form is drawn again, empty

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        self.action_stale = isinstance(exc, Conflict)
        blockers = exc.params.get("blockers")
        if blockers:
            why = (
                "、".join(i18n.t(k, self.lang) for k in blockers)
                if self.lang == "zh-CN"
                else ", ".join(i18n.t(k, self.lang) for k in blockers)
            )
            self.action_error = i18n.t("case.error.resume_blocked", self.lang, why=why)
            return None
        problems = exc.params.get("problems")
        self._say("action_error", problems[0][1] if problems else exc.key, **({} if problems else exc.params))
        return None

    def _done(self, ctx: Ctx, key: str, **params) -> list:
        self.action_error, self.action_stale = "", False
        self.action_key += 1
        self._reload(ctx)
        return [rx.toast.success(i18n.t(key, self.lang, **params))]

    @OFFICE
    def assign(self, ctx: Ctx, data: dict):
        agent = str(data.get("agent", ""))
        if not agent.isdigit():
            self._say("action_error", "case.page.assign")
            return None
        result = assignment.assign(
            ctx.db, actor=ctx.actor, case_id=self.case_id, agent_id=int(agent), expected_version=self.version
        )
        if not result.changed:
            self.action_error = ""
            return rx.toast.info(i18n.t("assign.already", self.lang, name=result.agent_name))
        return self._done(ctx, "common.saved")

    @OFFICE
    def schedule(self, ctx: Ctx, data: dict):
        try:
            day = date.fromisoformat(str(data.get("day", "")))
        except ValueError:
            self._say("action_error", "plan.bad_date")
            return None
        slot = str(data.get("slot", "morning"))
        result = visits.schedule(ctx.db, actor=ctx.actor, case_ids=[self.case_id], day=day, slot=slot)
        if result.refused:
            _, _, reasons = result.refused[0]
            texts = [
                i18n.reason_text(k.removeprefix("policy."), p, self.lang)
                if k.startswith("policy.")
                else i18n.t(k, self.lang)
                for k, p in reasons
            ]
            self.action_error = " ".join(texts)
            return None
        return self._done(ctx, "dispatch.scheduled", created=result.created, refused=0)

    @OFFICE
    def pause(self, ctx: Ctx, data: dict):
        case_actions.pause(
            ctx.db,
            actor=ctx.actor,
            case_id=self.case_id,
            version=self.version,
            reason=str(data.get("reason", "")),
            note=str(data.get("note", "")),
        )
        return self._done(ctx, "case.page.paused")

    @OFFICE
    def resume(self, ctx: Ctx, data: dict):
        case_actions.resume(
            ctx.db, actor=ctx.actor, case_id=self.case_id, version=self.version, note=str(data.get("note", ""))
        )
        return self._done(ctx, "case.page.resumed")

    @OFFICE
    def mark(self, ctx: Ctx, data: dict):
        flag, on = str(data.get("flag", "")), str(data.get("on", "1")) == "1"
        case_actions.mark(
            ctx.db,
            actor=ctx.actor,
            case_id=self.case_id,
            version=self.version,
            flag=flag,
            on=on,
            note=str(data.get("note", "")),
        )
        label = i18n.t(f"case.flag.{flag}", self.lang)
        return self._done(ctx, "case.page.marked" if on else "case.page.unmarked", flag=label)

    @OFFICE
    def add_note(self, ctx: Ctx, data: dict):
        case_actions.add_note(ctx.db, actor=ctx.actor, case_id=self.case_id, body=str(data.get("note", "")))
        return self._done(ctx, "case.page.note_added")

    @handler(access.APPROVERS, on_error="_refused")
    def approve_visit(self, ctx: Ctx, data: dict):
        visit_approval.approve_next_visit(ctx.db, actor=ctx.actor, case_id=self.case_id, note=str(data.get("note", "")))
        return self._done(ctx, "case.page.approved")
