"""A field day without signal: the day kept on the phone, and what the phone's queue brings back."""

MESSAGES: dict[str, dict[str, str]] = {
    "offline.refused_title": {
        "zh-CN": "{agent} 离线做的记录未能保存：走访 {visit} 在此期间已被改动",
        "en": "What {agent} did offline was not saved: visit {visit} changed meanwhile",
    },
    "day.reveal_not_today": {
        "zh-CN": "离线只能查看当天走访的完整号码。",
        "en": "Offline, full numbers are shown for today's visits only.",
    },
    "checkin.needs_reason": {
        "zh-CN": "签到位置离地址较远，请联网后说明原因再签到。",
        "en": "The check-in was far from the address: check in again online with a reason.",
    },
    "checkin.visit_cancelled": {
        "zh-CN": "这个走访已被调度取消，签到没有保存。",
        "en": "Dispatch cancelled this visit: the check-in was not saved.",
    },
    "checkin.blocked": {"zh-CN": "签到被合规检查拦截。", "en": "The contact check refused the check-in."},
}
