"""Follow-up reminders: the reminders page, the Today bell, the kinds, the titles the job writes, and the
neutral payment-reminder SMS (it never states a debt, an amount or what the date is about)."""

MESSAGES = {
    # the SMS to the debtor (an admin may edit it on the templates page; checked like the third-party notice)
    "sms.payment_reminder": {
        "zh-CN": "【{company}】您好，温馨提示：您与我司{agent}约定的日期为{date}。"
        "如已办理请忽略，如有疑问请联系{agent}。"
        "回复TD退订",
        "en": "[{company}] Hello, a friendly reminder: the date you agreed with {agent} of our company is {date}. "
        "If this is already done, please ignore this message; with any question, contact {agent}. "
        "Reply STOP to opt out.",
    },
    "tpl.key.sms.payment_reminder": {"zh-CN": "约定日期提醒（债务人）", "en": "Agreed date reminder (debtor)"},
    # navigation and the page
    "nav.reminders": {"zh-CN": "提醒", "en": "Reminders"},
    "reminders.title": {"zh-CN": "我的提醒", "en": "My reminders"},
    "reminders.bell": {"zh-CN": "提醒：{count} 条未完成", "en": "Reminders: {count} open"},
    "reminders.open_count": {"zh-CN": "{count} 条未完成", "en": "{count} open"},
    "reminders.empty": {"zh-CN": "没有待办提醒。", "en": "No open reminders."},
    "reminders.show_done": {"zh-CN": "显示已完成", "en": "Show done"},
    "reminders.done": {"zh-CN": "完成", "en": "Done"},
    "reminders.done_ok": {"zh-CN": "已标记为完成。", "en": "Marked as done."},
    "reminders.done_at": {"zh-CN": "完成于 {time}", "en": "Done at {time}"},
    "reminders.due": {"zh-CN": "到期 {time}", "en": "Due {time}"},
    "reminders.overdue": {"zh-CN": "已过期 {time}", "en": "Overdue since {time}"},
    "reminders.open": {"zh-CN": "查看", "en": "Open"},
    "reminders.case": {"zh-CN": "案件 {case} · {debtor}", "en": "Case {case} · {debtor}"},
    "reminders.back": {"zh-CN": "返回今日", "en": "Back to Today"},
    # kinds
    "reminders.kind.promise_broken": {"zh-CN": "承诺未兑现", "en": "Broken promise"},
    "reminders.kind.promise_due": {"zh-CN": "承诺即将到期", "en": "Promise due"},
    "reminders.kind.installment_missed": {"zh-CN": "分期未按时", "en": "Missed installment"},
    "reminders.kind.installment_due": {"zh-CN": "分期即将到期", "en": "Installment due"},
    "reminders.kind.plan_review": {"zh-CN": "分期计划需复核", "en": "Plan review"},
    "reminders.kind.no_contact": {"zh-CN": "长期未联系", "en": "No recent contact"},
    "reminders.kind.complaint_review": {"zh-CN": "投诉待处理", "en": "Complaint review"},
    "reminders.kind.distress_review": {"zh-CN": "困境复核", "en": "Distress review"},
    "reminders.kind.link_locked": {"zh-CN": "链接已锁定", "en": "Link locked"},
    "reminders.kind.call_instead": {"zh-CN": "债务人要求电话联系", "en": "Debtor asked for a call"},
    "reminders.kind.other": {"zh-CN": "提醒", "en": "Reminder"},
    # titles the follow-up job writes (stored in zh-CN, like the other features' reminders)
    "reminders.title.promise_broken": {
        "zh-CN": "案件 {case}：承诺 {date} 支付 {amount} 未兑现，请跟进",
        "en": "Case {case}: the promise to pay {amount} by {date} was not kept; follow up",
    },
    "reminders.title.promise_due": {
        "zh-CN": "案件 {case}：承诺 {date} 支付 {amount}",
        "en": "Case {case}: promise to pay {amount} on {date}",
    },
    "reminders.title.installment_missed": {
        "zh-CN": "案件 {case}：第 {seq} 期（{date}）未足额支付，尚欠 {amount}",
        "en": "Case {case}: installment {seq} ({date}) not fully paid, {amount} outstanding",
    },
    "reminders.title.installment_due": {
        "zh-CN": "案件 {case}：第 {seq} 期 {amount} 于 {date} 到期",
        "en": "Case {case}: installment {seq} of {amount} due on {date}",
    },
    "reminders.title.plan_review": {
        "zh-CN": "案件 {case}：分期计划 {plan} 已有 {missed} 期未付，计划中止，请复核",
        "en": "Case {case}: plan {plan} has {missed} missed installments and is broken; review it",
    },
    "reminders.title.no_contact": {
        "zh-CN": "案件 {case}：已 {days} 天未联系",
        "en": "Case {case}: no contact for {days} days",
    },
}
