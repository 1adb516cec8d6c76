"""The agent's badge and the public verification page."""

MESSAGES: dict[str, dict[str, str]] = {
    "nav.badge": {"zh-CN": "工牌", "en": "Badge"},
    "badge.title": {"zh-CN": "我的工牌", "en": "My badge"},
    "badge.hint": {
        "zh-CN": "请债务人扫描二维码，核实您的身份。",
        "en": "Ask the debtor to scan the code to check who you are.",
    },
    "badge.no": {"zh-CN": "工号", "en": "Badge no."},
    "verify.title": {"zh-CN": "外访人员身份核验", "en": "Field agent verification"},
    "verify.active": {"zh-CN": "在职，可代表公司上门", "en": "Active: may visit on the company's behalf"},
    "verify.inactive": {
        "zh-CN": "已不在职：请勿接待，并可拨打公司电话核实",
        "en": "Not active: do not deal with this person; call the company to check",
    },
    "verify.scheduled": {"zh-CN": "今天有上门走访安排", "en": "Has visits scheduled today"},
    "verify.not_scheduled": {"zh-CN": "今天没有上门走访安排", "en": "Has no visits scheduled today"},
    "verify.unknown": {
        "zh-CN": "无法核验：此链接不属于本公司任何外访人员。如有人持此链接上门，请谨慎并联系公司核实。",
        "en": "Cannot verify: this link belongs to none of our field agents. Be careful and call the company to check.",
    },
    "verify.privacy": {
        "zh-CN": "本页只显示外访人员信息，不含任何客户信息。",
        "en": "This page shows only the agent, never any customer's details.",
    },
}
