"""The supervisor's approval inbox: installment plans beyond an agent's waiver authority.

Thin: each handler checks the role first, makes one service call, and turns domain errors into messages.
A stale decision (another supervisor decided first) is reported on the card with who and when.
"""

from __future__ import annotations

import reflex as rx

from visitapp import clock, i18n
from visitapp.db import session_scope
from visitapp.domain.enums import Role
from visitapp.domain.errors import Conflict, DomainError
from visitapp.services import plans
from visitapp.state.auth import PageState

APPROVERS = (Role.SUPERVISOR, Role.ADMIN)


class ApprovalsState(PageState):
    rows: list[dict[str, str]] = []
    comments: dict[str, str] = {}  # plan id -> the comment being typed
    loaded: bool = False
    message: str = ""
    message_ok: bool = True
    stale_id: str = ""
    stale_message: str = ""

    def _fetch(self) -> None:
        identity = self._require(*APPROVERS)
        with session_scope() as s:
            result = plans.approvals(s, actor=identity)
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

    @rx.event
    def load(self):
        self.message, self.stale_id, self.stale_message = "", "", ""
        self._fetch()

    @rx.event
    def reload(self):
        self.stale_id = self.stale_message = ""
        self._fetch()

    @rx.event
    def set_comment(self, plan_id: str, value: str):
        self.comments[plan_id] = value

    @rx.event
    def approve(self, plan_id: str, version: str):
        return self._decide(plan_id, version, approve=True)

    @rx.event
    def reject(self, plan_id: str, version: str):
        return self._decide(plan_id, version, approve=False)

    def _decide(self, plan_id: str, version: str, *, approve: bool):
        identity = self._require(*APPROVERS)
        lang = self.lang
        try:
            pid, ver = int(plan_id), int(version)
        except ValueError:
            return rx.toast.error(i18n.t("error.not_found", lang))
        comment = self.comments.get(plan_id, "")
        action = plans.approve if approve else plans.reject
        try:
            with session_scope() as s:
                action(s, actor=identity, plan_id=pid, version=ver, comment=comment)
        except Conflict as exc:
            self.stale_id, self.stale_message = plan_id, i18n.t(exc.key, lang, **exc.params)
            return rx.toast.error(self.stale_message)
        except DomainError as exc:
            self.message, self.message_ok = i18n.t(exc.key, lang, **exc.params), False
            return rx.toast.error(self.message)
        self.comments.pop(plan_id, None)
        self.stale_id = self.stale_message = ""
        self._fetch()
        self.message = i18n.t("approvals.approved" if approve else "approvals.rejected", lang, plan=pid)
        self.message_ok = True
        return rx.toast.success(self.message)
