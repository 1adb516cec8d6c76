"""The supervisor's approval inbox: installment plans beyond an agent's waiver authority.

Thin: each handler checks the role first, makes one service call, and turns domain errors into messages.
A stale decision (another supervisor decided first) is reported on the card with who and when.
"""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock
from visitapp.core.errors import Conflict, DomainError
from visitapp.money.services import plans
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

APPROVER = handler(access.APPROVERS)


class ApprovalsState(PageState):
    rows: list[dict[str, str]] = []
    comments: dict[str, str] = {}  # plan id -> the comment being typed
    loaded: bool = False
    message: str = ""
    message_ok: bool = True
    stale_id: str = ""
    stale_message: str = ""

    def _fetch(self, ctx: Ctx) -> None:
        result = plans.approvals(ctx.db, actor=ctx.actor)
        lang = self.lang
        money = lambda c: i18n.money(c, lang)  # noqa: E731
        sep = "、" if lang == "zh-CN" else " + "
        what = lambda r: sep.join(  # noqa: E731
            i18n.t(k, lang)
            for k, on in (("approvals.waive_fees", r.waive_fees), ("approvals.waive_interest", r.waive_interest))
            if on
        )
        self.rows = [
            {
                "id": str(r.plan_id),
                "version": str(r.version),
                "case": i18n.t("approvals.case", lang, case=r.case_id, debtor=r.debtor_masked, contract=r.contract_no),
                "terms": i18n.t(
                    "approvals.terms",
                    lang,
                    months=r.months,
                    total=money(r.total_cents),
                    down=money(r.down_payment_cents),
                ),
                "waiver": i18n.t(
                    "approvals.waiver",
                    lang,
                    waiver=money(r.waiver_cents),
                    pct=f"{r.waiver_pct:.2f}",
                    before=money(r.total_before_waiver_cents),
                    what=what(r) or "—",
                ),
                "schedule": i18n.t(
                    "approvals.schedule",
                    lang,
                    amount=money(r.installment_cents),
                    first=r.first_due_date.isoformat(),
                    last=r.last_due_date.isoformat(),
                    last_amount=money(r.last_installment_cents),
                ),
                "proposer": i18n.t(
                    "approvals.proposer",
                    lang,
                    name=r.proposer_name,
                    time=clock.to_local(r.proposed_at).strftime("%m-%d %H:%M"),
                ),
                "own": "1" if r.own else "",
            }
            for r in result
        ]
        self.comments = {r["id"]: self.comments.get(r["id"], "") for r in self.rows}
        self.loaded = True

    @APPROVER
    def load(self, ctx: Ctx):
        self.message, self.stale_id, self.stale_message = "", "", ""
        self._fetch(ctx)

    @APPROVER
    def reload(self, ctx: Ctx):
        self.stale_id = self.stale_message = ""
        self._fetch(ctx)

    @APPROVER
    def set_comment(self, ctx: Ctx, plan_id: str, value: str):
        self.comments[plan_id] = value

    @handler(access.APPROVERS, on_error="_refused")
    def approve(self, ctx: Ctx, plan_id: str, version: str):
        return self._decide(ctx, plan_id, version, approve=True)

    @handler(access.APPROVERS, on_error="_refused")
    def reject(self, ctx: Ctx, plan_id: str, version: str):
        return self._decide(ctx, plan_id, version, approve=False)

    def _refused(self, ctx: Ctx, exc: DomainError, message: str):
        """Someone decided first (shown on that card), or the decision is not allowed."""
        if isinstance(exc, Conflict):
            self.stale_id = str(exc.params.get("plan_id", ""))
            self._say("stale_message", exc.key, **exc.params)
            return rx.toast.error(message)
        self.message_ok = False
        self._say("message", exc.key, **exc.params)
        return rx.toast.error(message)

    def _decide(self, ctx: Ctx, plan_id: str, version: str, *, approve: bool):
        if not (plan_id.isdigit() and version.isdigit()):
            return rx.toast.error(ctx.t("error.not_found"))
        pid, ver = int(plan_id), int(version)
        comment = self.comments.get(plan_id, "")
        action = plans.approve if approve else plans.reject
        action(ctx.db, actor=ctx.actor, plan_id=pid, version=ver, comment=comment)
        self.comments.pop(plan_id, None)
        self.stale_id = self.stale_message = ""
        self._fetch(ctx)
        self._say("message", "approvals.approved" if approve else "approvals.rejected", plan=pid)
        self.message_ok = True
        return rx.toast.success(self.message)
