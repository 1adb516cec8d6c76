"""Installment plans: calculator errors, statuses, the supervisor's approval inbox, policy labels."""

MESSAGES: dict[str, dict[str, str]] = {
    # calculator and service errors
    "payplan.nothing_owed": {
        "zh-CN": "该案件没有待还金额，无需分期。",
        "en": "Nothing is owed on this case: no plan is needed.",
    },
    "payplan.bad_months": {
        "zh-CN": "分期期数须为以下之一：{allowed}。",
        "en": "The number of months must be one of: {allowed}.",
    },
    "payplan.bad_down_payment": {"zh-CN": "首付金额无效。", "en": "The down payment is not a valid amount."},
    "payplan.down_payment_too_small": {
        "zh-CN": "首付至少为减免后总额的 {pct}%（{min_cents} 分）。",
        "en": "The down payment must be at least {pct}% of the total after waivers ({min_cents} cents).",
    },
    "payplan.down_payment_too_large": {
        "zh-CN": "首付不能超过减免后总额（{total_cents} 分）。",
        "en": "The down payment cannot exceed the total after waivers ({total_cents} cents).",
    },
    "payplan.bad_first_due": {"zh-CN": "首期还款日无效。", "en": "The first due date is not a valid date."},
    "payplan.first_due_past": {"zh-CN": "首期还款日不能早于今天。", "en": "The first due date cannot be in the past."},
    "payplan.first_due_too_late": {
        "zh-CN": "首期还款日须在今天起 {days} 天内。",
        "en": "The first due date must be within {days} days from today.",
    },
    "payplan.waiver_beyond_limit": {
        "zh-CN": "减免占欠款总额的 {pct}%，超出权限上限 {limit}%。",
        "en": "The waiver is {pct}% of the amount owed, beyond the limit of {limit}%.",
    },
    "payplan.not_awaiting": {"zh-CN": "该方案已不在待审批状态。", "en": "This plan is no longer awaiting approval."},
    "payplan.own_approval": {
        "zh-CN": "不能审批自己提交的方案。",
        "en": "You cannot approve or reject a plan you proposed.",
    },
    "payplan.reject_needs_comment": {"zh-CN": "驳回时请填写理由。", "en": "Please give a reason when rejecting."},
    "payplan.comment_too_long": {
        "zh-CN": "意见不能超过 {max} 个字。",
        "en": "The comment may not exceed {max} characters.",
    },
    "payplan.stale_version": {
        "zh-CN": "{name} 已于 {time} 处理过该方案，请刷新后再操作。",
        "en": "{name} changed this plan at {time}. Reload before acting on it.",
    },
    "payplan.not_approved": {"zh-CN": "只有已批准的方案才能签署。", "en": "Only an approved plan can be signed."},
    "payplan.signature_not_png": {
        "zh-CN": "签名图片无效（须为 PNG）。",
        "en": "The signature is not a valid PNG image.",
    },
    "payplan.signature_too_large": {
        "zh-CN": "签名图片不能超过 {max_kb} KB。",
        "en": "The signature image may not exceed {max_kb} KB.",
    },
    "payplan.signature_blank": {
        "zh-CN": "签名为空，请债务人签名。",
        "en": "The signature is blank: please ask the debtor to sign.",
    },
    "payplan.bad_location": {"zh-CN": "签署位置无效。", "en": "The signing location is not valid."},
    # statuses
    "payplan.status.awaiting_approval": {"zh-CN": "待主管审批", "en": "Awaiting approval"},
    "payplan.status.approved": {"zh-CN": "已批准", "en": "Approved"},
    "payplan.status.rejected": {"zh-CN": "已驳回", "en": "Rejected"},
    "payplan.status.active": {"zh-CN": "已签署执行中", "en": "Signed and active"},
    "payplan.status.broken": {"zh-CN": "已违约", "en": "Broken"},
    "payplan.status.completed": {"zh-CN": "已结清", "en": "Completed"},
    "payplan.status.superseded": {"zh-CN": "已被新方案取代", "en": "Superseded"},
    # the supervisor's approval inbox
    "nav.approvals": {"zh-CN": "方案审批", "en": "Approvals"},
    "approvals.title": {"zh-CN": "分期方案审批", "en": "Plan approvals"},
    "approvals.intro": {
        "zh-CN": "超出外访人员减免权限的分期方案，需由主管审批。不能审批自己提交的方案。",
        "en": "Plans with waivers beyond the agent's authority wait here for a supervisor. "
        "Nobody approves their own plan.",
    },
    "approvals.empty": {"zh-CN": "暂无待审批的方案。", "en": "No plans are awaiting approval."},
    "approvals.case": {
        "zh-CN": "案件 {case} · {debtor} · 合同 {contract}",
        "en": "Case {case} · {debtor} · contract {contract}",
    },
    "approvals.terms": {
        "zh-CN": "{months} 期 · 减免后总额 {total} · 首付 {down}",
        "en": "{months} months · total after waivers {total} · down payment {down}",
    },
    "approvals.waiver": {
        "zh-CN": "减免 {waiver}（占欠款 {before} 的 {pct}%）：{what}",
        "en": "Waiver {waiver} ({pct}% of {before} owed): {what}",
    },
    "approvals.waive_fees": {"zh-CN": "罚息及费用", "en": "late fees and fees"},
    "approvals.waive_interest": {"zh-CN": "利息", "en": "interest"},
    "approvals.schedule": {
        "zh-CN": "每月 {amount}，{first} 起至 {last}（末期 {last_amount}）",
        "en": "{amount} a month from {first} to {last} (last {last_amount})",
    },
    "approvals.proposer": {"zh-CN": "提交人：{name} · {time}", "en": "Proposed by {name} · {time}"},
    "approvals.own": {"zh-CN": "您提交的方案，须由其他主管审批", "en": "Your own proposal: another supervisor decides"},
    "approvals.comment": {"zh-CN": "审批意见（驳回必填）", "en": "Comment (required to reject)"},
    "approvals.approve": {"zh-CN": "批准", "en": "Approve"},
    "approvals.reject": {"zh-CN": "驳回", "en": "Reject"},
    "approvals.approved": {"zh-CN": "已批准方案 {plan}。", "en": "Plan {plan} approved."},
    "approvals.rejected": {"zh-CN": "已驳回方案 {plan}。", "en": "Plan {plan} rejected."},
    "approvals.reload": {"zh-CN": "刷新", "en": "Reload"},
    # the policy page
    "admin.policy.plans": {"zh-CN": "分期方案与减免权限", "en": "Installment plans and waiver authority"},
    "admin.policy.plans_intro": {
        "zh-CN": "减免比例 = 减免的罚息、费用和利息 ÷ 减免前欠款总额。"
        "超出外访人员上限须主管审批；超出主管上限不得提交。",
        "en": "Waiver % = waived late fees, fees and interest ÷ everything owed before the "
        "waiver. Beyond the agent's limit a supervisor approves; beyond the "
        "supervisor's limit no plan may be proposed.",
    },
    "admin.policy.plan_months": {"zh-CN": "可选分期期数（逗号分隔）", "en": "Plan lengths in months (comma list)"},
    "admin.policy.plan_min_down_pct": {"zh-CN": "最低首付比例（%）", "en": "Minimum down payment (%)"},
    "admin.policy.agent_waiver_pct": {"zh-CN": "外访人员减免上限（%）", "en": "Agent's waiver limit (%)"},
    "admin.policy.supervisor_waiver_pct": {"zh-CN": "主管减免上限（%）", "en": "Supervisor's waiver limit (%)"},
    "policy.config.bad_plan_months": {
        "zh-CN": "请填写 1–60 之间、由小到大且不重复的期数，用逗号分隔。",
        "en": "Enter increasing, distinct month counts from 1 to 60, separated by commas.",
    },
    "policy.config.bad_pct": {"zh-CN": "请填写 0–100 之间的整数。", "en": "Enter a whole number from 0 to 100."},
    "policy.config.agent_over_supervisor": {
        "zh-CN": "外访人员的减免上限不能高于主管。",
        "en": "The agent's waiver limit cannot exceed the supervisor's.",
    },
}
