"""Admin: the audit log and the contact ledger, searchable; the retention purge."""

from __future__ import annotations

import json
from datetime import date

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import contact, policy_settings
from visitapp.core import access, audit, clock
from visitapp.jobs import retention_purge
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)
AUDITOR = handler(access.AUDITORS)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _change_text(before: dict | None, after: dict | None, detail: str) -> str:
    parts = [
        f"{k}: {_json(a)} → {_json(b)}" if before is not None else f"{k}: {_json(b)}"
        for k, a, b in audit.changes(before, after)
    ]
    return "; ".join(parts)[:400] or detail


class AdminAuditState(PageState):
    text: str = ""
    username: str = ""
    date_from: str = ""
    date_to: str = ""
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False
    retention_years: int = 3

    def _fetch(self, ctx: Ctx, page: int) -> None:
        result = audit.search(
            ctx.db,
            actor=ctx.actor,
            text=self.text,
            username=self.username,
            date_from=_date(self.date_from),
            date_to=_date(self.date_to),
            page=page,
        )
        self.retention_years = policy_settings.load(ctx.db).retention_years
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", self.lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(r.id),
                "at": clock.to_local(r.at).strftime("%Y-%m-%d %H:%M:%S"),
                "actor": r.actor,
                "action": r.action,
                "entity": f"{r.entity} {r.entity_id}".strip(),
                "change": _change_text(r.before, r.after, r.detail),
            }
            for r in result.rows
        ]
        self.loaded = True

    @ADMIN
    def load(self, ctx: Ctx):
        self._fetch(ctx, 1)

    @ADMIN
    def search(self, ctx: Ctx, form_data: dict):
        self.text = str(form_data.get("text", ""))
        self.username = str(form_data.get("username", ""))
        self.date_from = str(form_data.get("date_from", ""))
        self.date_to = str(form_data.get("date_to", ""))
        self._fetch(ctx, 1)

    @ADMIN
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)

    @ADMIN
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)

    @ADMIN
    def purge(self, ctx: Ctx):
        r = retention_purge(ctx.db, actor_id=ctx.actor.id)
        self._fetch(ctx, 1)
        return rx.toast.success(
            i18n.t(
                "admin.audit.purged",
                self.lang,
                cutoff=f"{clock.to_local(r.cutoff):%Y-%m-%d}",
                audit=r.audit_log,
                ledger=r.contact_ledger,
                logins=r.login_attempt,
            )
        )


class AdminLedgerState(PageState):
    debtor: str = ""
    channel: str = "all"
    decision: str = "all"
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False

    def _fetch(self, ctx: Ctx, page: int) -> None:
        allowed = {"allowed": True, "blocked": False}.get(self.decision)
        result = contact.search_ledger(
            ctx.db,
            actor=ctx.actor,
            debtor=self.debtor,
            channel="" if self.channel == "all" else self.channel,
            allowed=allowed,
            page=page,
        )
        lang = self.lang
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(r.id),
                "at": clock.to_local(r.at).strftime("%Y-%m-%d %H:%M"),
                "debtor": r.debtor_name,
                "channel": i18n.t(f"channel.{r.channel}", lang),
                "actor": r.actor,
                "allowed": "1" if r.allowed else "",
                "result": i18n.t(f"result.{r.result}", lang) if r.result else "",
                "reasons": " ".join(i18n.reason_text(x["code"], x.get("params", {}), lang) for x in r.reasons),
            }
            for r in result.rows
        ]
        self.loaded = True

    @AUDITOR
    def load(self, ctx: Ctx):
        self._fetch(ctx, 1)

    @AUDITOR
    def search(self, ctx: Ctx, form_data: dict):
        self.debtor = str(form_data.get("debtor", ""))
        self._fetch(ctx, 1)

    @AUDITOR
    def set_channel(self, ctx: Ctx, value: str):
        self.channel = value
        self._fetch(ctx, 1)

    @AUDITOR
    def set_decision(self, ctx: Ctx, value: str):
        self.decision = value
        self._fetch(ctx, 1)

    @AUDITOR
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)

    @AUDITOR
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)
