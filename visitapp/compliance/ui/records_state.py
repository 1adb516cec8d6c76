"""Admin: the audit log and the contact ledger, searchable; the retention purge."""

from __future__ import annotations

from datetime import date

import reflex as rx

from visitapp import i18n
from visitapp.compliance.services import audit_log, contact, policy_settings
from visitapp.core import access, clock
from visitapp.jobs import retention_purge
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

ADMIN = handler(access.ADMINS)
ADMIN_FILTER = handler(access.ADMINS, on_error="_refused")  # a bad filter is said beside the filters
AUDITOR = handler(access.AUDITORS)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


ALL = "all"  # the select's "no filter" (a select item cannot have an empty value)


class AdminAuditState(PageState):
    text: str = ""
    person: str = ALL
    action: str = ALL
    case: str = ""
    date_from: str = ""
    date_to: str = ""
    filter_error: str = ""
    form_key: int = 0  # bumped when the server changes the typed filters: the form is drawn again with them
    people: list[list[str]] = []  # [id, "name · username"]
    rows: list[dict[str, str]] = []
    page: int = 1
    pages: int = 1
    page_label: str = ""
    loaded: bool = False
    retention_years: int = 3

    def _where(self) -> audit_log.AuditFilter:
        return audit_log.AuditFilter(
            text=self.text.strip(),
            person="" if self.person == ALL else self.person,
            action="" if self.action == ALL else self.action,
            case=self.case,
            date_from=_date(self.date_from),
            date_to=_date(self.date_to),
        )

    def _refused(self, ctx: Ctx, exc, message: str) -> None:
        self.rows, self.loaded = [], True
        self._say("filter_error", exc.key, **exc.params)

    def _fetch(self, ctx: Ctx, page: int) -> None:
        self.filter_error = ""
        result = audit_log.read(ctx.db, actor=ctx.actor, where=self._where(), lang=self.lang, page=page)
        self.retention_years = policy_settings.load(ctx.db).retention_years
        self.page, self.pages = result.page, result.pages
        self.page_label = i18n.t("common.page_of", self.lang, page=result.page, pages=result.pages, total=result.total)
        self.rows = [
            {
                "id": str(x.id),
                "at": x.at,
                "sentence": x.sentence,
                "changes": "\n".join(x.changes),
                "note": x.note,
                "case": "" if x.case_id is None else str(x.case_id),
            }
            for x in result.lines
        ]
        self.loaded = True

    @ADMIN_FILTER
    def load(self, ctx: Ctx):
        self.people = [[str(i), name] for i, name in audit_log.people(ctx.db, actor=ctx.actor)]
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def search(self, ctx: Ctx, form_data: dict):
        self.text = str(form_data.get("text", ""))
        self.case = str(form_data.get("case", ""))
        self.date_from = str(form_data.get("date_from", ""))
        self.date_to = str(form_data.get("date_to", ""))
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def set_person(self, ctx: Ctx, value: str):
        self.person = value
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def set_action(self, ctx: Ctx, value: str):
        self.action = value
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def only_case(self, ctx: Ctx, case: str):
        self.case, self.form_key = case, self.form_key + 1
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def clear(self, ctx: Ctx):
        self.text, self.person, self.action, self.case, self.date_from, self.date_to = "", ALL, ALL, "", "", ""
        self.form_key += 1
        self._fetch(ctx, 1)

    @ADMIN_FILTER
    def next_page(self, ctx: Ctx):
        self._fetch(ctx, self.page + 1)

    @ADMIN_FILTER
    def prev_page(self, ctx: Ctx):
        self._fetch(ctx, self.page - 1)

    @ADMIN_FILTER
    def export(self, ctx: Ctx):
        out = audit_log.export(ctx.db, actor=ctx.actor, where=self._where(), lang=self.lang)
        key = "audit.exported_capped" if out.truncated else "audit.exported"
        return [
            rx.download(data=out.data, filename=out.filename),
            rx.toast.success(i18n.t(key, self.lang, rows=out.rows)),
        ]

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
