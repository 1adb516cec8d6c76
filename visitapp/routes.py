"""Route constants and builders."""

INDEX = "/"
LOGIN = "/login"
AGENT_TODAY = "/agent"
DISPATCH_CASES = "/dispatch"
