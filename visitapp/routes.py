"""Route constants and builders."""

INDEX = "/"
LOGIN = "/login"
AGENT_TODAY = "/agent"
DISPATCH_CASES = "/dispatch"
ADMIN_POLICY = "/admin/policy"
ADMIN_AUDIT = "/admin/audit"
ADMIN_LEDGER = "/admin/ledger"
