"""Route constants and builders."""

from visitapp.core.enums import Role

INDEX = "/"
LOGIN = "/login"
AGENT_TODAY = "/agent"
DISPATCH_CASES = "/dispatch"
ADMIN_POLICY = "/admin/policy"
ADMIN_AUDIT = "/admin/audit"
ADMIN_LEDGER = "/admin/ledger"
DISPATCH_IMPORT = "/dispatch/import"
DISPATCH_PLAN = "/dispatch/plan"
DISPATCH_BOARD = "/dispatch/board"
AGENT_BADGE = "/agent/badge"
VERIFY = "/verify/[code]"
AGENT_VISIT = "/agent/visit/[visit]"
ADMIN_SCRIPTS = "/admin/scripts"
DEBTOR_LINK = "/v/[token]"
DISPATCH_COMPLAINTS = "/dispatch/complaints"
ADMIN_SMS = "/admin/sms"
ADMIN_TEMPLATES = "/admin/templates"
AGENT_REMINDERS = "/agent/reminders"
DISPATCH_REMINDERS = "/dispatch/reminders"
DISPATCH_APPROVALS = "/dispatch/approvals"
ADMIN_USERS = "/admin/users"
ADMIN_TEAMS = "/admin/teams"
ADMIN_EVIDENCE = "/admin/evidence"
DISPATCH_CASE = "/dispatch/case/[case]"
DISPATCH_REPORTS = "/dispatch/reports"


def case_path(case_id: int | str) -> str:
    """The office's page of one case."""
    return f"/dispatch/case/{case_id}"


ACCOUNT_PASSWORD = "/account/password"


def landing(role: Role | str, *, must_change_password: bool) -> str:
    """Where a sign-in goes: choosing a new password first after a one-time password, else home."""
    return ACCOUNT_PASSWORD if must_change_password else home_path(role)


def home_path(role: Role | str) -> str:
    """Where a signed-in user lands: agents on their day, administrators (compliance) on the audit log,
    dispatchers and supervisors on the case list."""
    role = Role(role)
    if role == Role.AGENT:
        return AGENT_TODAY
    if role == Role.ADMIN:
        return ADMIN_AUDIT
    return DISPATCH_CASES
