"""The reports page: choose a period and a team, see each section as a chart with its table, download the
workbook, open a case of the review list. Thin: parse the period, call the report service, show it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import reflex as rx

from visitapp import i18n
from visitapp.core import access, clock, routes
from visitapp.reports.rules.figures import Table
from visitapp.reports.services import reports
from visitapp.ui.auth import PageState
from visitapp.ui.entry import Ctx, handler

OFFICE = handler(access.STAFF)


def _cell(t: Table, column: str, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if column in t.money:
        return i18n.money(int(value), lang)
    if column in t.pct:
        return f"{value}%"
    return str(value)


class ReportsState(PageState):
    start: str = ""
    end: str = ""
    team: str = ""  # "" = every team in scope
    team_options: list[list[str]] = []
    tables: dict[str, list[list[str]]] = {}  # section -> rows of display cells (label first)
    charts: dict[str, list[dict[str, Any]]] = {}  # section -> bars: {"label": ..., column: number}
    headline: list[list[str]] = []  # [label, figure]
    review: list[dict[str, str]] = []
    review_more: str = ""
    took: str = ""
    error: str = ""
    loaded: bool = False

    def _period(self) -> tuple[date, date]:
        return date.fromisoformat(self.start), date.fromisoformat(self.end)

    def _build(self, ctx: Ctx) -> reports.Report | None:
        try:
            start, end = self._period()
        except ValueError:
            self._say("error", "report.bad_date")
            return None
        return reports.build(
            ctx.db, actor=ctx.actor, start=start, end=end, team_id=int(self.team) if self.team else None
        )

    def _show(self, report: reports.Report) -> None:
        lang = self.lang
        self.error = ""
        self.tables, self.charts = {}, {}
        for t in report.tables:
            label = (lambda v: i18n.t(v, lang)) if t.labels == "key" else (lambda v: str(v))
            self.tables[t.key] = [
                [label(r[0]), *(_cell(t, c, v, lang) for c, v in zip(t.columns, r[1:]))] for r in t.rows
            ]
            self.charts[t.key] = [
                {
                    "label": label(r[0]),
                    **{
                        c: (
                            int(v or 0) // 100 if c in t.money else int(v or 0)
                        )  # bars in whole yuan; the table is exact
                        for c, v in zip(t.columns, r[1:])
                        if c in t.chart
                    },
                }
                for r in t.rows
            ]
            if not any(v for bar in self.charts[t.key] for k, v in bar.items() if k != "label"):
                self.charts[t.key] = []  # nothing to draw: the table says "0"
        k = report.headline()
        self.headline = [
            [i18n.t("report.kpi.visits", lang), str(k.visits)],
            [i18n.t("report.kpi.reach", lang), _pct(k.reach_pct)],
            [i18n.t("report.kpi.contacts", lang), str(k.contacts)],
            [i18n.t("report.kpi.promises_kept", lang), _pct(k.promises_kept_pct)],
            [i18n.t("report.kpi.collected", lang), i18n.money(k.collected_cents, lang)],
            [i18n.t("report.kpi.sla", lang), _pct(k.sla_pct)],
        ]
        self.review = [
            {
                "case": str(r.case_id),
                "debtor": r.debtor,
                "team": r.team,
                "flags": " · ".join(i18n.t(f"report.flag.{f}", lang) for f in r.flags),
                "last": r.last.isoformat(),
                "href": routes.case_path(r.case_id),
            }
            for r in report.review
        ]
        self.review_more = i18n.t("report.review_more", lang, count=report.review_more) if report.review_more else ""
        self.took = i18n.t("report.took", lang, seconds=f"{report.seconds:.2f}")

    @OFFICE
    def load(self, ctx: Ctx):
        self.team_options = [[str(i), n] for i, n in reports.teams_in_scope(ctx.db, ctx.actor)]
        if self.team and self.team not in {o[0] for o in self.team_options}:
            self.team = ""
        if not self.end:
            today = clock.today()
            self.start, self.end = (today - timedelta(days=29)).isoformat(), today.isoformat()
        report = self._build(ctx)
        if report is not None:
            self._show(report)
        self.loaded = True

    @handler(access.STAFF, on_error="error")
    def run(self, ctx: Ctx, form: dict):
        self.start, self.end = str(form.get("start") or ""), str(form.get("end") or "")
        report = self._build(ctx)
        if report is not None:
            self._show(report)

    @OFFICE
    def set_team(self, ctx: Ctx, value: str):
        self.team = "" if value == "all" else value
        report = self._build(ctx)
        if report is not None:
            self._show(report)

    @handler(access.STAFF, on_error="error")
    def export(self, ctx: Ctx):
        report = self._build(ctx)
        if report is None:
            return None
        data, filename = reports.workbook(report, self.lang)
        return rx.download(
            data=data, filename=filename, mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )


def _pct(value: int | None) -> str:
    return "–" if value is None else f"{value}%"
