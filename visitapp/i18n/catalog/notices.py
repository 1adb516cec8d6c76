"""Pre-visit notices queued on publish: the plan page's dry run, the state agents see, the policy's
notice settings."""

MESSAGES: dict[str, dict[str, str]] = {
    # policy settings
    "admin.policy.notice_hours": {
        "zh-CN": "上门通知发送时段（访前一日起）",
        "en": "Hours for sending visit notices",
    },
    "admin.policy.notice_days_before": {
        "zh-CN": "提前几天发送上门通知",
        "en": "Days before the visit to send its notice",
    },
    "policy.config.notice_outside_hours": {
        "zh-CN": "通知发送时段必须在允许联系的时间内。",
        "en": "The notice hours must lie within the contact hours.",
    },
    "policy.config.bad_notice_days": {
        "zh-CN": "提前天数须为 0–7。",
        "en": "Days before must be 0–7.",
    },
    # the plan page's dry run
    "notice.dry.title": {"zh-CN": "上门通知（发布时排队）", "en": "Visit notices (queued on publish)"},
    "notice.dry.intro": {
        "zh-CN": "每条通知都经合规检查，在访前一日的通知时段自动发送；同一时间已通知过的不会重复发送。"
        "取消勾选即不发送该通知。",
        "en": "Each notice passes the contact check and goes automatically in the notice hours the day before; a "
        "time already noticed is never noticed again. Untick a visit to leave its notice out.",
    },
    "notice.summary_from": {"zh-CN": "最早 {at} 发送", "en": "first at {at}"},
    "notice.summary_now": {"zh-CN": "发布后即开始发送", "en": "the first go as soon as published"},
    "notice.col.send": {"zh-CN": "发送", "en": "Send"},
    "notice.col.debtor": {"zh-CN": "债务人", "en": "Debtor"},
    "notice.col.window": {"zh-CN": "时段", "en": "Window"},
    "notice.col.outcome": {"zh-CN": "结果", "en": "Outcome"},
    "notice.col.detail": {"zh-CN": "时间 / 原因", "en": "When / why"},
    "notice.send_it": {"zh-CN": "发送这条通知", "en": "Send this notice"},
    "notice.outcome.send": {"zh-CN": "将发送", "en": "Will go"},
    "notice.outcome.blocked": {"zh-CN": "被拦截", "en": "Blocked"},
    "notice.outcome.already": {"zh-CN": "已通知", "en": "Already noticed"},
    "notice.outcome.confirmed": {"zh-CN": "已确认", "en": "Confirmed"},
    "notice.outcome.left_out": {"zh-CN": "不发送", "en": "Left out"},
    "notice.outcome.no_phone": {"zh-CN": "无手机号", "en": "No mobile"},
    "notice.outcome.too_late": {"zh-CN": "来不及", "en": "Too late"},
    "notice.dry.at_once": {"zh-CN": "发布后即发送", "en": "goes as soon as published"},
    "notice.dry.send": {"zh-CN": "{at} 发送", "en": "goes {at}"},
    "notice.dry.new_time": {"zh-CN": "（时间已变，通知新时间）", "en": "(the time changed: tells the new time)"},
    "notice.dry.already": {
        "zh-CN": "此时间已通知（{at}），不重复发送",
        "en": "this time was noticed ({at}): not again",
    },
    "notice.dry.confirmed": {
        "zh-CN": "债务人已确认此时间，无需通知",
        "en": "the debtor agreed to this time: none needed",
    },
    "notice.dry.left_out": {"zh-CN": "调度选择不发送", "en": "left out by the dispatcher"},
    "notice.dry.no_phone": {"zh-CN": "债务人没有手机号，无法短信通知", "en": "the debtor has no mobile number"},
    "notice.dry.too_late": {
        "zh-CN": "上门前已没有可发送的时段",
        "en": "no notice hours are left before the visit",
    },
    "notice.count.send": {"zh-CN": "{count} 条将发送", "en": "{count} will go"},
    "notice.count.blocked": {"zh-CN": "{count} 条被拦截", "en": "{count} blocked"},
    "notice.count.already": {"zh-CN": "{count} 条已通知", "en": "{count} already noticed"},
    "notice.count.confirmed": {"zh-CN": "{count} 条已确认无需通知", "en": "{count} confirmed"},
    "notice.count.left_out": {"zh-CN": "{count} 条不发送", "en": "{count} left out"},
    "notice.count.no_phone": {"zh-CN": "{count} 条无手机号", "en": "{count} without a mobile"},
    "notice.count.too_late": {"zh-CN": "{count} 条来不及", "en": "{count} too late"},
    "plan.published_notices": {
        "zh-CN": "已发布，{count} 个走访已更新，{notices} 条上门通知已排队。",
        "en": "Published: {count} {count|visit|visits} updated, {notices} {notices|notice|notices} queued.",
    },
    # what agents see
    "notice.state.queued": {"zh-CN": "上门通知将于 {at} 自动发送", "en": "Notice goes automatically at {at}"},
    "notice.state.sent": {"zh-CN": "上门通知已于 {at} 发送", "en": "Notice sent at {at}"},
    "notice.state.blocked": {"zh-CN": "上门通知未发送：{reason}", "en": "Notice not sent: {reason}"},
    "notice.state.left_out": {"zh-CN": "调度未安排上门通知", "en": "No notice: left out by the dispatcher"},
    "notice.state.cancelled": {"zh-CN": "上门通知已取消：{reason}", "en": "Notice cancelled: {reason}"},
    "notice.state.skipped": {"zh-CN": "无需上门通知：{reason}", "en": "No notice needed: {reason}"},
    "notice.why.blocked": {"zh-CN": "合规检查不允许", "en": "the contact check refused it"},
    "notice.why.left_out": {"zh-CN": "调度选择不发送", "en": "left out by the dispatcher"},
    "notice.why.confirmed": {"zh-CN": "债务人已确认时间", "en": "the debtor agreed to the time"},
    "notice.why.no_phone": {"zh-CN": "没有手机号", "en": "no mobile number"},
    "notice.why.too_late": {"zh-CN": "来不及在上门前发送", "en": "too late before the visit"},
    "notice.why.time_changed": {"zh-CN": "走访时间已改", "en": "the visit's time changed"},
    "notice.why.visit_closed": {"zh-CN": "走访已取消或结束", "en": "the visit was cancelled or closed"},
    "notice.why.not_planned": {"zh-CN": "未排入路线", "en": "not on the route"},
    "notice.why.other": {"zh-CN": "其他原因", "en": "another reason"},
}
