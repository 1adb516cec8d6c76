"""The dossier's lawyer section: put a debtor's lawyer on file, call them instead of the debtor (the
contact check decides, target "lawyer"), remove them. Rules in field/services/lawyers.py."""

from __future__ import annotations

import reflex as rx

from visitapp import i18n
from visitapp.core import access
from visitapp.core.errors import DomainError
from visitapp.field.services import calls, lawyers
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

VIEWER = handler(access.CASE_VIEWERS)


class LawyerState(PageState):
    visit_id: int = 0
    shown: bool = False
    on_file: str = ""  # "周律师（明理律所）· 021****4567", "" for none
    problems: dict[str, str] = {}
    message: str = ""
    dial: str = ""  # tel: of the allowed call, "" otherwise
    dial_label: str = ""
    _ledger_id: int = 0
    form_key: int = 0

    def _load(self, ctx: Ctx, visit_id: int) -> None:
        """Part of the dossier's page load (DossierState.load): `visit_id` 0 when the visit is not found."""
        self.visit_id, self.shown = visit_id, bool(visit_id)
        self.problems, self.message, self.dial, self.dial_label, self._ledger_id = {}, "", "", "", 0
        if visit_id:
            self._refresh(ctx)

    def _refresh(self, ctx: Ctx) -> None:
        row = lawyers.on_file(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.on_file = (
            i18n.t("lawyer.on_file", self.lang, name=row.name, firm=row.firm or "—", phone=row.phone_masked)
            if row
            else ""
        )

    def _refused(self, ctx: Ctx, exc: DomainError, message: str) -> None:
        found = exc.params.get("problems") or []
        self.problems = {field: i18n.t(key, self.lang) for field, key in found}
        self.message = "" if found else message

    @handler(access.CASE_VIEWERS, on_error="_refused")
    def add(self, ctx: Ctx, data: dict):
        row = lawyers.put_on_file(
            ctx.db,
            actor=ctx.actor,
            visit_id=self.visit_id,
            name=str(data.get("name", "")),
            firm=str(data.get("firm", "")),
            phone=str(data.get("phone", "")),
        )
        self.problems, self.message = {}, ""
        self.form_key += 1
        self._refresh(ctx)
        return rx.toast.success(i18n.t("lawyer.added", self.lang, name=row.name))

    @VIEWER
    def remove(self, ctx: Ctx):
        lawyers.remove(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self.dial, self.dial_label = "", ""
        self._refresh(ctx)
        return rx.toast.success(i18n.t("lawyer.removed", self.lang))

    @VIEWER
    def call(self, ctx: Ctx):
        started = lawyers.call(ctx.db, actor=ctx.actor, visit_id=self.visit_id)
        self._ledger_id = started.ledger_id
        lang = self.lang
        self.message = " ".join(i18n.render(k, p, lang) for k, p in i18n.decision_parts(started.decision))
        if started.number:
            self.dial = "tel:" + started.number
            self.dial_label = i18n.t("lawyer.dial", lang, phone=i18n.phone(started.number))
        else:
            self.dial, self.dial_label = "", ""

    @VIEWER
    def call_result(self, ctx: Ctx, result: str):
        if self._ledger_id and result in calls.CALL_RESULTS:
            calls.record_result(ctx.db, actor=ctx.actor, ledger_id=self._ledger_id, result=result)
        self.dial, self.dial_label, self._ledger_id, self.message = "", "", 0, ""
