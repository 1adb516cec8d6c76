"""The Reflex app: pages, head tags, and the error handler. No business logic here."""

from __future__ import annotations

import gc
import logging
import sys
import traceback

import reflex as rx
from reflex.event import EventSpec

from visitapp import i18n, jobs
from visitapp.cases.ui.case_page import case_page
from visitapp.cases.ui.case_page_state import CasePageState
from visitapp.cases.ui.cases import cases_page
from visitapp.cases.ui.cases_state import CaseListState
from visitapp.cases.ui.importing import import_page
from visitapp.cases.ui.importing_state import ImportState
from visitapp.compliance.ui.evidence import evidence_page
from visitapp.compliance.ui.evidence_state import EvidenceState
from visitapp.compliance.ui.policy import policy_page
from visitapp.compliance.ui.policy_state import AdminPolicyState
from visitapp.compliance.ui.records import audit_page, ledger_page
from visitapp.compliance.ui.records_state import AdminAuditState, AdminLedgerState
from visitapp.compliance.ui.sms import sms_page
from visitapp.compliance.ui.sms_state import AdminSmsState
from visitapp.compliance.ui.templates import templates_page
from visitapp.compliance.ui.templates_state import AdminTemplatesState
from visitapp.core import routes
from visitapp.debtor.ui.complaints import complaints_page
from visitapp.debtor.ui.complaints_state import ComplaintsState
from visitapp.debtor.ui.link import link_page
from visitapp.debtor.ui.link_state import LinkState
from visitapp.field.ui.badge import badge_page, verify_page
from visitapp.field.ui.badge_state import BadgeState, VerifyState
from visitapp.field.ui.dossier import dossier_page
from visitapp.field.ui.dossier_state import DossierState
from visitapp.field.ui.scripts import scripts_page
from visitapp.field.ui.scripts_state import AdminScriptsState
from visitapp.field.ui.today import today_page
from visitapp.field.ui.today_state import AgentTodayState
from visitapp.http.headers import security_headers
from visitapp.http.pages import pages_without_slash
from visitapp.http.routes import api
from visitapp.money.ui.approvals import approvals_page
from visitapp.money.ui.approvals_state import ApprovalsState
from visitapp.money.ui.reminders import reminders_page
from visitapp.money.ui.reminders_state import RemindersState
from visitapp.people.ui.password import password_page
from visitapp.people.ui.password_state import PasswordState
from visitapp.people.ui.teams import teams_page
from visitapp.people.ui.teams_state import AdminTeamsState
from visitapp.people.ui.users import users_page
from visitapp.people.ui.users_state import AdminUsersState
from visitapp.planning.ui.board import board_page
from visitapp.planning.ui.board_state import BoardState
from visitapp.planning.ui.plan import plan_page
from visitapp.planning.ui.plan_state import PlanState
from visitapp.reports.ui.reports import reports_page
from visitapp.reports.ui.reports_state import ReportsState
from visitapp.ui.auth import SessionState
from visitapp.ui.layout import opening
from visitapp.ui.login import index_page, login_page

_HEAD = [
    rx.el.link(rel="manifest", href="/manifest.webmanifest"),
    rx.el.meta(name="theme-color", content="#0f766e"),
    rx.el.link(rel="apple-touch-icon", href="/apple-touch-icon.png"),
    rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
    rx.el.meta(name="mobile-web-app-capable", content="yes"),
    rx.script(src="/register-sw.js"),
    rx.script(src="/outbox.js"),
    rx.script(src="/poll.js"),
]


CONSOLE = "visitapp-console"


def _log_to_the_console() -> None:
    """The app's own messages (visitapp.*) at INFO on the server's console, whatever Reflex's log level: the
    outbox SMS provider writes the debtor's link there for developers (staff never see it in the app)."""
    log = logging.getLogger("visitapp")
    if not any(h.get_name() == CONSOLE for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(CONSOLE)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


_log_to_the_console()


def handle_backend_exception(exception: Exception) -> list[EventSpec]:
    """What escapes a handler's entry (visitapp.ui.entry) is a bug: logged, and a neutral message shown."""
    logging.getLogger("visitapp").error("".join(traceback.format_exception(exception)))
    return [rx.toast.error(i18n.t("error.unexpected"), id="backend_error")]


app = rx.App(
    # toasts at the top, over the header: at the bottom of a phone they covered the buttons the agent taps
    toaster=rx.toast.provider(
        position="top-center", offset="8px", close_button=True, toast_options=rx.toast.options(duration=3000)
    ),
    head_components=_HEAD,
    html_lang="zh-CN",
    backend_exception_handler=handle_backend_exception,
    # headers on every response (pages, assets, API); pages answered at /login as at /login/ (no redirect)
    api_transformer=[api, security_headers, pages_without_slash],
    stylesheets=["/app.css"],
    hydrate_fallback=opening,  # painted at once on a slow link for /v/<token>, /agent/visit/<id>, ...
)

# due jobs (retention purge, later reminders) run in whichever worker takes the database lease first
app.register_lifespan_task(jobs.scheduler)


async def _freeze_startup_heap() -> None:
    """Once a worker is up: move what it built at start (the app, its pages, the libraries: most of its
    heap, none of it garbage) out of the collector's reach. Without this, each full collection walked it
    all, every few seconds under load, for 65-84 ms at a time that held every session's events."""
    gc.collect()
    gc.freeze()


app.register_lifespan_task(_freeze_startup_heap)

_TITLE = "visitapp 上门走访"
_META = [{"name": "viewport", "content": "width=device-width, initial-scale=1, viewport-fit=cover"}]

app.add_page(index_page, route=routes.INDEX, title=_TITLE, on_load=SessionState.redirect_home, meta=_META)
app.add_page(login_page, route=routes.LOGIN, title=_TITLE, on_load=SessionState.login_page_load, meta=_META)
app.add_page(today_page, route=routes.AGENT_TODAY, title=_TITLE, on_load=AgentTodayState.load, meta=_META)
app.add_page(cases_page, route=routes.DISPATCH_CASES, title=_TITLE, on_load=CaseListState.load, meta=_META)
app.add_page(users_page, route=routes.ADMIN_USERS, title=_TITLE, on_load=AdminUsersState.load, meta=_META)
app.add_page(case_page, route=routes.DISPATCH_CASE, title=_TITLE, on_load=CasePageState.load, meta=_META)
app.add_page(evidence_page, route=routes.ADMIN_EVIDENCE, title=_TITLE, on_load=EvidenceState.load, meta=_META)
app.add_page(reports_page, route=routes.DISPATCH_REPORTS, title=_TITLE, on_load=ReportsState.load, meta=_META)
app.add_page(teams_page, route=routes.ADMIN_TEAMS, title=_TITLE, on_load=AdminTeamsState.load, meta=_META)
app.add_page(password_page, route=routes.ACCOUNT_PASSWORD, title=_TITLE, on_load=PasswordState.load, meta=_META)
app.add_page(policy_page, route=routes.ADMIN_POLICY, title=_TITLE, on_load=AdminPolicyState.load, meta=_META)
app.add_page(audit_page, route=routes.ADMIN_AUDIT, title=_TITLE, on_load=AdminAuditState.load, meta=_META)
app.add_page(ledger_page, route=routes.ADMIN_LEDGER, title=_TITLE, on_load=AdminLedgerState.load, meta=_META)
app.add_page(board_page, route=routes.DISPATCH_BOARD, title=_TITLE, on_load=BoardState.load, meta=_META)
app.add_page(import_page, route=routes.DISPATCH_IMPORT, title=_TITLE, on_load=ImportState.load, meta=_META)
app.add_page(plan_page, route=routes.DISPATCH_PLAN, title=_TITLE, on_load=PlanState.load, meta=_META)
app.add_page(badge_page, route=routes.AGENT_BADGE, title=_TITLE, on_load=BadgeState.load, meta=_META)
app.add_page(verify_page, route=routes.VERIFY, title=_TITLE, on_load=VerifyState.load, meta=_META)
app.add_page(
    dossier_page,
    route=routes.AGENT_VISIT,
    title=_TITLE,
    on_load=DossierState.load,  # one load for every section of the dossier: the session is checked once
    meta=_META,
)
app.add_page(link_page, route=routes.DEBTOR_LINK, title=_TITLE, on_load=LinkState.load, meta=_META)
app.add_page(scripts_page, route=routes.ADMIN_SCRIPTS, title=_TITLE, on_load=AdminScriptsState.load, meta=_META)
app.add_page(complaints_page, route=routes.DISPATCH_COMPLAINTS, title=_TITLE, on_load=ComplaintsState.load, meta=_META)
app.add_page(sms_page, route=routes.ADMIN_SMS, title=_TITLE, on_load=AdminSmsState.load, meta=_META)
app.add_page(templates_page, route=routes.ADMIN_TEMPLATES, title=_TITLE, on_load=AdminTemplatesState.load, meta=_META)
app.add_page(reminders_page, route=routes.AGENT_REMINDERS, title=_TITLE, on_load=RemindersState.load, meta=_META)
app.add_page(reminders_page, route=routes.DISPATCH_REMINDERS, title=_TITLE, on_load=RemindersState.load, meta=_META)
app.add_page(approvals_page, route=routes.DISPATCH_APPROVALS, title=_TITLE, on_load=ApprovalsState.load, meta=_META)
