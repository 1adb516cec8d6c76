"""Installment plans, approvals, the agreement, promises, payments, receipts and reminders."""

MESSAGES = {
    "agreement.title": {
        "zh-CN": "分期还款协议",
        "en": "Installment Repayment Agreement",
    },
    "agreement.no": {
        "zh-CN": "协议编号：{number}",
        "en": "Agreement no.: {number}",
    },
    "agreement.prevails": {
        "zh-CN": "本协议以中文和英文订立，两种文本如有不一致，以中文文本为准。",
        "en": "This agreement is made in Chinese and English; if the versions differ, the Chinese version prevails.",
    },
    "agreement.parties": {
        "zh-CN": "一、协议双方",
        "en": "1. Parties",
    },
    "agreement.company": {
        "zh-CN": "催收机构（受托方）",
        "en": "Collection company (agent of the creditor)",
    },
    "agreement.creditor": {
        "zh-CN": "债权人",
        "en": "Creditor",
    },
    "agreement.debtor": {
        "zh-CN": "债务人",
        "en": "Debtor",
    },
    "agreement.contract": {
        "zh-CN": "原合同编号",
        "en": "Original contract no.",
    },
    "agreement.agent": {
        "zh-CN": "经办外访人员（工号）",
        "en": "Field officer (badge no.)",
    },
    "agreement.approver": {
        "zh-CN": "审批人",
        "en": "Approved by",
    },
    "agreement.debt": {
        "zh-CN": "二、欠款明细",
        "en": "2. Itemized debt",
    },
    "agreement.col.due_date": {
        "zh-CN": "到期日",
        "en": "Due date",
    },
    "agreement.col.kind": {
        "zh-CN": "类别",
        "en": "Kind",
    },
    "agreement.col.due": {
        "zh-CN": "应还",
        "en": "Due",
    },
    "agreement.col.paid": {
        "zh-CN": "已还",
        "en": "Paid",
    },
    "agreement.col.outstanding": {
        "zh-CN": "未还",
        "en": "Outstanding",
    },
    "agreement.col.total": {
        "zh-CN": "合计",
        "en": "Total",
    },
    "agreement.kind.installment": {
        "zh-CN": "分期本息",
        "en": "Installment",
    },
    "agreement.kind.interest": {
        "zh-CN": "利息",
        "en": "Interest",
    },
    "agreement.kind.late_fee": {
        "zh-CN": "滞纳金",
        "en": "Late fee",
    },
    "agreement.kind.fee": {
        "zh-CN": "费用",
        "en": "Fee",
    },
    "agreement.waiver": {
        "zh-CN": "三、减免",
        "en": "3. Waiver",
    },
    "agreement.waiver_fees": {
        "zh-CN": "减免全部未还滞纳金及费用",
        "en": "All outstanding late fees and fees are waived",
    },
    "agreement.waiver_interest": {
        "zh-CN": "减免全部未还利息",
        "en": "All outstanding interest is waived",
    },
    "agreement.waiver_none": {
        "zh-CN": "无减免。",
        "en": "No waiver.",
    },
    "agreement.waiver_sum": {
        "zh-CN": "欠款合计{before}，减免{waiver}，按本协议应还合计{total}。",
        "en": "Total outstanding {before}, waived {waiver}, total payable under this agreement {total}.",
    },
    "agreement.paid_here": {
        "zh-CN": "上表为债权人账单；其后已向我司支付并登记的还款 {paid} 已从欠款中扣除。",
        "en": "The table is the creditor's statement; {paid} paid to us and recorded since then is deducted "
        "from the amount owed.",
    },
    "agreement.schedule": {
        "zh-CN": "四、还款计划",
        "en": "4. Repayment schedule",
    },
    "agreement.col.no": {
        "zh-CN": "期次",
        "en": "No.",
    },
    "agreement.col.amount": {
        "zh-CN": "金额",
        "en": "Amount",
    },
    "agreement.down_payment": {
        "zh-CN": "首付款（签署时支付）",
        "en": "Down payment (at signing)",
    },
    "agreement.installment_n": {
        "zh-CN": "第 {n} 期",
        "en": "Installment {n}",
    },
    "agreement.schedule_sum": {
        "zh-CN": "首付款{down} + 分期合计{installments}（{months}期）= {total}。",
        "en": "Down payment {down} + installments {installments} ({months} months) = {total}.",
    },
    "agreement.clauses": {
        "zh-CN": "五、条款",
        "en": "5. Terms",
    },
    "agreement.clause.late": {
        "zh-CN": "逾期：任一期未按时足额支付的，我司将以短信或电话提醒；连续{missed}期未支付的，本协议约定的减免失效，"
        "剩余欠款按原合同约定处理。逾期不另收本协议以外的费用。",
        "en": "Late payment: if an installment is not paid in full on time we will remind you by "
        "SMS or phone; if {missed} installments in a row are missed, the waiver under this "
        "agreement lapses and the remaining debt is handled under the original contract. "
        "No charges beyond this agreement are added for lateness.",
    },
    "agreement.clause.cooling_off": {
        "zh-CN": "冷静期：您可在签署后{days}日内（{until}前）无需任何理由撤回本协议，撤回不产生任何费用；"
        "已支付的款项计入原欠款。",
        "en": "Cooling-off: you may withdraw from this agreement within {days} {days|day|days} of signing "
        "(until {until}) without giving a reason and at no cost; anything already paid counts "
        "against the original debt.",
    },
    "agreement.clause.payments": {
        "zh-CN": "付款：请仅向债权人或我司的对公账户付款，每笔款项均会出具收据编号。"
        "外访人员无权收取现金以外的个人转账。",
        "en": "Payments: pay only into the creditor's or our company account; every payment gets "
        "a receipt number. Field officers may not accept transfers to personal accounts.",
    },
    "agreement.clause.complaint": {
        "zh-CN": "投诉：如对催收人员的行为、金额或本协议有异议，可通过短信中的链接页面点击“投诉”提交，"
        "或拨打我司客服电话；投诉期间暂停催收，我们将在规定时限内答复。",
        "en": "Complaints: if you disagree with a collector's conduct, the amounts or this agreement,"
        ' use "Complain" on the page of the link in your SMS, or call our customer service;'
        " collection pauses while the complaint is open and we answer within the stated time.",
    },
    "agreement.signature": {
        "zh-CN": "六、签署",
        "en": "6. Signature",
    },
    "agreement.signed_by": {
        "zh-CN": "债务人签名",
        "en": "Debtor's signature",
    },
    "agreement.signed_at": {
        "zh-CN": "签署时间",
        "en": "Signed at",
    },
    "agreement.signed_place": {
        "zh-CN": "签署地点",
        "en": "Place of signing",
    },
    "agreement.no_signature": {
        "zh-CN": "（无签名图像）",
        "en": "(no signature image)",
    },
    "agreement.footer": {
        "zh-CN": "分期还款协议",
        "en": "Installment agreement",
    },
    "agreement.sha_note": {
        "zh-CN": "本文件签署后不可修改；文件指纹（SHA-256）记录在系统中，可用于核验。",
        "en": "This document cannot be changed after signing; its fingerprint (SHA-256) is kept "
        "on record for checking.",
    },
    "agreement.not_signed": {
        "zh-CN": "该分期方案尚未签署，不能生成协议。",
        "en": "The plan is not signed: no agreement yet.",
    },
    "agreement.exists": {
        "zh-CN": "该分期方案的协议已生成，签署后的协议不可覆盖。",
        "en": "This plan already has its agreement; a signed agreement cannot be replaced.",
    },
    "agreement.not_reconciled": {
        "zh-CN": "还款计划合计 {schedule} 与应还合计 {total} 不一致。",
        "en": "The schedule adds up to {schedule}, not the total {total}.",
    },
    "agreement.missing": {
        "zh-CN": "暂无协议文件。",
        "en": "No agreement file yet.",
    },
    "agreement.download": {
        "zh-CN": "下载还款协议（PDF）",
        "en": "Download agreement (PDF)",
    },
    "agreement.download_hint": {
        "zh-CN": "这是您签署的分期还款协议，链接 {minutes} 分钟内有效。",
        "en": "This is the installment agreement you signed; the link works for {minutes} minutes.",
    },
    "agreement.link_expired": {
        "zh-CN": "下载链接已过期，请返回页面重新验证。",
        "en": "The download link has expired: go back to the page and verify again.",
    },
    "payment.method.cash": {
        "zh-CN": "现金",
        "en": "Cash",
    },
    "payment.method.transfer": {
        "zh-CN": "银行转账",
        "en": "Bank transfer",
    },
    "payment.method.alipay": {
        "zh-CN": "支付宝",
        "en": "Alipay",
    },
    "payment.method.wechat": {
        "zh-CN": "微信支付",
        "en": "WeChat Pay",
    },
    "payment.method.card": {
        "zh-CN": "银行卡",
        "en": "Card",
    },
    "payment.amount_positive": {
        "zh-CN": "金额：请填写大于 0 的金额。",
        "en": "Amount: enter an amount above 0.",
    },
    "payment.amount_too_big": {
        "zh-CN": "金额：不能超过 {limit}。",
        "en": "Amount: at most {limit}.",
    },
    "payment.paid_on_future": {
        "zh-CN": "付款日期：不能晚于今天。",
        "en": "Payment date: cannot be after today.",
    },
    "payment.paid_on_old": {
        "zh-CN": "付款日期：不能早于 {earliest}。",
        "en": "Payment date: not before {earliest}.",
    },
    "payment.bad_method": {
        "zh-CN": "付款方式：请选择现金、转账、支付宝、微信或银行卡。",
        "en": "Method: choose cash, transfer, Alipay, WeChat or card.",
    },
    "payment.reference_required": {
        "zh-CN": "交易流水号：非现金付款必须填写。",
        "en": "Reference: required for payments other than cash.",
    },
    "payment.reference_too_long": {
        "zh-CN": "交易流水号：最多 {limit} 个字符。",
        "en": "Reference: at most {limit} characters.",
    },
    "payment.target": {
        "zh-CN": "请指定拜访或案件。",
        "en": "Give a visit or a case.",
    },
    "receipt.title": {
        "zh-CN": "收款收据",
        "en": "Payment receipt",
    },
    "receipt.applied_down": {
        "zh-CN": "首付款",
        "en": "Down payment",
    },
    "receipt.applied_installment": {
        "zh-CN": "第 {n} 期（{due}）",
        "en": "Installment {n} ({due})",
    },
    "receipt.applied_balance": {
        "zh-CN": "冲抵欠款",
        "en": "Paid towards the debt",
    },
    "receipt.unapplied": {
        "zh-CN": "超出分期协议应还的金额：{amount}",
        "en": "More than the plan still asked for: {amount}",
    },
    "receipt.over": {
        "zh-CN": "超出剩余欠款的金额：{amount}",
        "en": "More than the remaining balance: {amount}",
    },
    "receipt.basis.statement": {
        "zh-CN": "账单未还合计",
        "en": "Outstanding on the statement",
    },
    "receipt.basis.plan": {
        "zh-CN": "分期协议应还合计",
        "en": "Total payable under the plan",
    },
    "receipt.paid_before": {
        "zh-CN": "此前已还（本系统登记）",
        "en": "Paid before (recorded here)",
    },
    "receipt.paid_now": {
        "zh-CN": "本次收款",
        "en": "Paid now",
    },
    "receipt.remaining": {
        "zh-CN": "剩余欠款",
        "en": "Remaining balance",
    },
    "money.balance.statement": {
        "zh-CN": "剩余欠款 {open}（账单未还 {basis}，本系统已登记收款 {paid}）",
        "en": "Remaining balance {open} (statement {basis}, paid and recorded here {paid})",
    },
    "money.balance.plan": {
        "zh-CN": "分期协议剩余应还 {open}（协议合计 {basis}，已还 {paid}）",
        "en": "Still owed under the plan {open} (plan total {basis}, paid {paid})",
    },
    "promise.amount_positive": {
        "zh-CN": "承诺金额：请填写大于 0 的金额。",
        "en": "Promised amount: enter an amount above 0.",
    },
    "promise.amount_over": {
        "zh-CN": "承诺金额：不能超过未还金额 {outstanding}。",
        "en": "Promised amount: at most the outstanding {outstanding}.",
    },
    "promise.due_range": {
        "zh-CN": "承诺日期：须在 {first} 至 {last} 之间。",
        "en": "Promise date: between {first} and {last}.",
    },
    "promise.bad_client_id": {
        "zh-CN": "离线记录编号无效。",
        "en": "Invalid offline record id.",
    },
    "money.title": {
        "zh-CN": "承诺还款与收款",
        "en": "Promises and payments",
    },
    "money.promise": {
        "zh-CN": "记录承诺还款",
        "en": "Record a promise to pay",
    },
    "money.amount": {
        "zh-CN": "金额（元）",
        "en": "Amount (CNY)",
    },
    "money.promise_date": {
        "zh-CN": "承诺日期",
        "en": "Promised by",
    },
    "money.promise_save": {
        "zh-CN": "保存承诺",
        "en": "Save promise",
    },
    "money.promise_saved": {
        "zh-CN": "已记录承诺：{date} 前还款 {amount}",
        "en": "Promise recorded: {amount} by {date}",
    },
    "money.payment": {
        "zh-CN": "登记收款",
        "en": "Record a payment",
    },
    "money.paid_on": {
        "zh-CN": "付款日期",
        "en": "Paid on",
    },
    "money.method": {
        "zh-CN": "付款方式",
        "en": "Method",
    },
    "money.reference": {
        "zh-CN": "交易流水号",
        "en": "Reference",
    },
    "money.payment_save": {
        "zh-CN": "登记收款",
        "en": "Record payment",
    },
    "money.payment_saved": {
        "zh-CN": "收款已登记，收据号 {receipt}",
        "en": "Payment recorded, receipt {receipt}",
    },
    "money.receipt_no": {
        "zh-CN": "收据号",
        "en": "Receipt no.",
    },
    "money.recorded_by": {
        "zh-CN": "经办人",
        "en": "Recorded by",
    },
    "planui.title": {
        "zh-CN": "分期还款方案",
        "en": "Installment plan",
    },
    "planui.open": {
        "zh-CN": "现场协商分期",
        "en": "Propose a plan on site",
    },
    "planui.months": {
        "zh-CN": "期数（月）",
        "en": "Months",
    },
    "planui.down": {
        "zh-CN": "首付（元）",
        "en": "Down payment (CNY)",
    },
    "planui.waive_fees": {
        "zh-CN": "减免滞纳金",
        "en": "Waive late fees",
    },
    "planui.waive_interest": {
        "zh-CN": "减免罚息",
        "en": "Waive interest",
    },
    "planui.first_due": {
        "zh-CN": "首期还款日",
        "en": "First installment due",
    },
    "planui.summary": {
        "zh-CN": "合计 {total}，首付 {down}，减免 {waiver}，分 {months} 期",
        "en": "Total {total}, down payment {down}, waived {waiver}, {months} installments",
    },
    "planui.col.seq": {
        "zh-CN": "期",
        "en": "#",
    },
    "planui.col.due": {
        "zh-CN": "还款日",
        "en": "Due",
    },
    "planui.col.amount": {
        "zh-CN": "金额",
        "en": "Amount",
    },
    "planui.needs_approval": {
        "zh-CN": "减免超出您的权限，需主管审批",
        "en": "The waiver is beyond your authority: a supervisor must approve",
    },
    "planui.within": {
        "zh-CN": "在您的权限内，可直接签署",
        "en": "Within your authority: ready to sign",
    },
    "planui.propose": {
        "zh-CN": "提交方案",
        "en": "Propose",
    },
    "planui.status.awaiting_approval": {
        "zh-CN": "等待主管审批…",
        "en": "Waiting for the supervisor…",
    },
    "planui.status.approved": {
        "zh-CN": "已批准，请客户签字",
        "en": "Approved: the debtor may sign",
    },
    "planui.status.rejected": {
        "zh-CN": "主管未批准",
        "en": "The supervisor rejected it",
    },
    "planui.status.active": {
        "zh-CN": "已签署，协议已生成",
        "en": "Signed: the agreement is ready",
    },
    "planui.status.broken": {
        "zh-CN": "方案已违约",
        "en": "The plan is broken",
    },
    "planui.status.completed": {
        "zh-CN": "方案已还清",
        "en": "The plan is paid off",
    },
    "planui.status.superseded": {
        "zh-CN": "已被新方案取代",
        "en": "Replaced by a newer plan",
    },
    "planui.col.state": {
        "zh-CN": "状态",
        "en": "Status",
    },
    "planui.at_signing": {
        "zh-CN": "签署时",
        "en": "At signing",
    },
    "planui.down_row": {
        "zh-CN": "首付",
        "en": "Down",
    },
    "planui.inst.due": {
        "zh-CN": "待还",
        "en": "Due",
    },
    "planui.inst.paid": {
        "zh-CN": "已还",
        "en": "Paid",
    },
    "planui.inst.missed": {
        "zh-CN": "逾期",
        "en": "Missed",
    },
    "planui.revision": {
        "zh-CN": "第 {n} 版",
        "en": "Revision {n}",
    },
    "planui.paid_line": {
        "zh-CN": "已还 {paid}，剩余应还 {open}",
        "en": "Paid {paid}, still owed {open}",
    },
    "planui.next": {
        "zh-CN": "下一笔：{what}（{due}）应还 {amount}",
        "en": "Next: {what} ({due}), {amount} due",
    },
    "planui.replaces": {
        "zh-CN": "重新协商：客户签署后，将取代第 {n} 版协议；签署前原协议继续有效。",
        "en": "Renegotiation: once the debtor signs, this replaces revision {n}; until then that agreement stands.",
    },
    "planui.waiver_line": {
        "zh-CN": "欠款合计 {before}，减免 {waiver}（{pct}%），按本方案应还合计 {total}。",
        "en": "Owed {before}, waived {waiver} ({pct}%), total payable under this plan {total}.",
    },
    "planui.paid_here": {
        "zh-CN": "（已扣除此前在本系统登记的还款 {amount}）",
        "en": " (less {amount} paid and recorded here before)",
    },
    "planui.min_down": {
        "zh-CN": "最低首付 {amount}",
        "en": "Minimum down payment {amount}",
    },
    "planui.cancel": {
        "zh-CN": "取消",
        "en": "Cancel",
    },
    "planui.none": {
        "zh-CN": "该案件暂无分期方案。",
        "en": "No plan on this case yet.",
    },
    "planui.renegotiate": {
        "zh-CN": "重新协商",
        "en": "Renegotiate",
    },
    "planui.renegotiate_title": {
        "zh-CN": "重新协商分期方案？",
        "en": "Renegotiate the plan?",
    },
    "planui.renegotiate_body": {
        "zh-CN": "将为客户拟定新的分期方案。现行协议在客户签署新方案前继续有效；"
        "新方案签署后，现行协议将标记为“已被取代”，不再执行。",
        "en": "You will draw up a new plan with the debtor. The signed agreement stays in force until they sign "
        "the new one; once they do, it is marked superseded and no longer applies.",
    },
    "planui.renegotiate_confirm": {
        "zh-CN": "拟定新方案",
        "en": "Draw up a new plan",
    },
    "planui.renegotiating": {
        "zh-CN": "重新协商：新方案签署后将取代现行协议。",
        "en": "Renegotiating: once signed, the new plan replaces the one in force.",
    },
    "planui.read_terms": {
        "zh-CN": "请客户阅读以下条款后签字",
        "en": "Ask the debtor to read these terms before signing",
    },
    "planui.sign_here": {
        "zh-CN": "请客户在下方签字",
        "en": "The debtor signs below",
    },
    "planui.clear": {
        "zh-CN": "清除",
        "en": "Clear",
    },
    "planui.sign": {
        "zh-CN": "确认签署",
        "en": "Sign",
    },
    "planui.sign_first": {
        "zh-CN": "请先让客户签字",
        "en": "The debtor has not signed yet",
    },
    "planui.place_on_site": {
        "zh-CN": "客户住所（上门现场）",
        "en": "The debtor's home (on site)",
    },
    "planui.signed": {
        "zh-CN": "协议已签署",
        "en": "Agreement signed",
    },
    "planui.download": {
        "zh-CN": "下载协议（PDF）",
        "en": "Download the agreement (PDF)",
    },
    "planui.comment": {
        "zh-CN": "主管意见：{comment}",
        "en": "Supervisor's comment: {comment}",
    },
    "payplan.nothing_owed": {
        "zh-CN": "该案件没有待还金额，无需分期。",
        "en": "Nothing is owed on this case: no plan is needed.",
    },
    "payplan.bad_months": {
        "zh-CN": "分期期数须为以下之一：{allowed}。",
        "en": "The number of months must be one of: {allowed}.",
    },
    "payplan.bad_down_payment": {
        "zh-CN": "首付金额无效。",
        "en": "The down payment is not a valid amount.",
    },
    "payplan.down_payment_too_small": {
        "zh-CN": "首付至少 {min_cents}（减免后应还总额的 {pct}%）。",
        "en": "The down payment must be at least {min_cents} ({pct}% of the total after waivers).",
    },
    "payplan.down_payment_too_large": {
        "zh-CN": "首付不能超过减免后应还总额 {total_cents}。",
        "en": "The down payment cannot exceed the total after waivers, {total_cents}.",
    },
    "payplan.bad_first_due": {
        "zh-CN": "首期还款日无效。",
        "en": "The first due date is not a valid date.",
    },
    "payplan.first_due_past": {
        "zh-CN": "首期还款日不能早于今天。",
        "en": "The first due date cannot be in the past.",
    },
    "payplan.first_due_too_late": {
        "zh-CN": "首期还款日须在今天起 {days} 天内。",
        "en": "The first due date must be within {days} {days|day|days} from today.",
    },
    "payplan.waiver_beyond_limit": {
        "zh-CN": "减免占欠款总额的 {pct}%，超出权限上限 {limit}%。",
        "en": "The waiver is {pct}% of the amount owed, beyond the limit of {limit}%.",
    },
    "payplan.already_signed": {
        "zh-CN": "该案件已有签署生效的分期协议（第 {revision} 版）。如需变更，请使用“重新协商”。",
        "en": "This case already has a signed plan in force (revision {revision}). To change it, use "
        "\u201cRenegotiate\u201d.",
    },
    "payplan.paid_off": {
        "zh-CN": "该案件的分期协议（第 {revision} 版）已还清，无需新的方案。",
        "en": "This case's plan (revision {revision}) is paid off: no new plan is needed.",
    },
    "payplan.not_awaiting": {
        "zh-CN": "该方案已不在待审批状态。",
        "en": "This plan is no longer awaiting approval.",
    },
    "payplan.own_approval": {
        "zh-CN": "不能审批自己提交的方案。",
        "en": "You cannot approve or reject a plan you proposed.",
    },
    "payplan.reject_needs_comment": {
        "zh-CN": "驳回时请填写理由。",
        "en": "Please give a reason when rejecting.",
    },
    "payplan.comment_too_long": {
        "zh-CN": "意见不能超过 {max} 个字。",
        "en": "The comment may not exceed {max} characters.",
    },
    "payplan.stale_version": {
        "zh-CN": "{name} 已于 {time} 处理过该方案，请刷新后再操作。",
        "en": "{name} changed this plan at {time}. Reload before acting on it.",
    },
    "payplan.not_approved": {
        "zh-CN": "只有已批准的方案才能签署。",
        "en": "Only an approved plan can be signed.",
    },
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
    "payplan.bad_location": {
        "zh-CN": "签署位置无效。",
        "en": "The signing location is not valid.",
    },
    "payplan.status.awaiting_approval": {
        "zh-CN": "待主管审批",
        "en": "Awaiting approval",
    },
    "payplan.status.approved": {
        "zh-CN": "已批准",
        "en": "Approved",
    },
    "payplan.status.rejected": {
        "zh-CN": "已驳回",
        "en": "Rejected",
    },
    "payplan.status.active": {
        "zh-CN": "已签署执行中",
        "en": "Signed and active",
    },
    "payplan.status.broken": {
        "zh-CN": "已违约",
        "en": "Broken",
    },
    "payplan.status.completed": {
        "zh-CN": "已结清",
        "en": "Completed",
    },
    "payplan.status.superseded": {
        "zh-CN": "已被新方案取代",
        "en": "Superseded",
    },
    "nav.approvals": {
        "zh-CN": "方案审批",
        "en": "Approvals",
    },
    "approvals.title": {
        "zh-CN": "分期方案审批",
        "en": "Plan approvals",
    },
    "approvals.intro": {
        "zh-CN": "超出外访人员减免权限的分期方案，需由主管审批。不能审批自己提交的方案。",
        "en": "Plans with waivers beyond the agent's authority wait here for a supervisor. Nobody "
        "approves their own plan.",
    },
    "approvals.empty": {
        "zh-CN": "暂无待审批的方案。",
        "en": "No plans are awaiting approval.",
    },
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
    "approvals.waive_fees": {
        "zh-CN": "罚息及费用",
        "en": "late fees and fees",
    },
    "approvals.waive_interest": {
        "zh-CN": "利息",
        "en": "interest",
    },
    "approvals.schedule": {
        "zh-CN": "每月 {amount}，{first} 起至 {last}（末期 {last_amount}）",
        "en": "{amount} a month from {first} to {last} (last {last_amount})",
    },
    "approvals.proposer": {
        "zh-CN": "提交人：{name} · {time}",
        "en": "Proposed by {name} · {time}",
    },
    "approvals.own": {
        "zh-CN": "您提交的方案，须由其他主管审批",
        "en": "Your own proposal: another supervisor decides",
    },
    "approvals.comment": {
        "zh-CN": "审批意见（驳回必填）",
        "en": "Comment (required to reject)",
    },
    "approvals.approve": {
        "zh-CN": "批准",
        "en": "Approve",
    },
    "approvals.reject": {
        "zh-CN": "驳回",
        "en": "Reject",
    },
    "approvals.approved": {
        "zh-CN": "已批准方案 {plan}。",
        "en": "Plan {plan} approved.",
    },
    "approvals.rejected": {
        "zh-CN": "已驳回方案 {plan}。",
        "en": "Plan {plan} rejected.",
    },
    "approvals.reload": {
        "zh-CN": "刷新",
        "en": "Reload",
    },
    "admin.policy.plans": {
        "zh-CN": "分期方案与减免权限",
        "en": "Installment plans and waiver authority",
    },
    "admin.policy.plans_intro": {
        "zh-CN": "减免比例 = 减免的罚息、费用和利息 ÷ 减免前欠款总额。超出外访人员上限须主管审批；"
        "超出主管上限不得提交。",
        "en": "Waiver % = waived late fees, fees and interest ÷ everything owed before the waiver. "
        "Beyond the agent's limit a supervisor approves; beyond the supervisor's limit no "
        "plan may be proposed.",
    },
    "admin.policy.plan_months": {
        "zh-CN": "可选分期期数（逗号分隔）",
        "en": "Plan lengths in months (comma list)",
    },
    "admin.policy.plan_min_down_pct": {
        "zh-CN": "最低首付比例（%）",
        "en": "Minimum down payment (%)",
    },
    "admin.policy.agent_waiver_pct": {
        "zh-CN": "外访人员减免上限（%）",
        "en": "Agent's waiver limit (%)",
    },
    "admin.policy.supervisor_waiver_pct": {
        "zh-CN": "主管减免上限（%）",
        "en": "Supervisor's waiver limit (%)",
    },
    "policy.config.bad_plan_months": {
        "zh-CN": "请填写 1–60 之间、由小到大且不重复的期数，用逗号分隔。",
        "en": "Enter increasing, distinct month counts from 1 to 60, separated by commas.",
    },
    "policy.config.bad_pct": {
        "zh-CN": "请填写 0–100 之间的整数。",
        "en": "Enter a whole number from 0 to 100.",
    },
    "policy.config.agent_over_supervisor": {
        "zh-CN": "外访人员的减免上限不能高于主管。",
        "en": "The agent's waiver limit cannot exceed the supervisor's.",
    },
    "sms.payment_reminder": {
        "zh-CN": "【{company}】您好，温馨提示：您与我司{agent}约定的日期为{date}。如已办理请忽略，"
        "如有疑问请联系{agent}。回复TD退订",
        "en": "[{company}] Hello, a friendly reminder: the date you agreed with {agent} of our "
        "company is {date}. If this is already done, please ignore this message; with any "
        "question, contact {agent}. Reply STOP to opt out.",
    },
    "tpl.key.sms.payment_reminder": {
        "zh-CN": "约定日期提醒（债务人）",
        "en": "Agreed date reminder (debtor)",
    },
    "nav.reminders": {
        "zh-CN": "提醒",
        "en": "Reminders",
    },
    "reminders.title": {
        "zh-CN": "我的提醒",
        "en": "My reminders",
    },
    "reminders.bell": {
        "zh-CN": "提醒：{count} 条未完成",
        "en": "Reminders: {count} open",
    },
    "reminders.open_count": {
        "zh-CN": "{count} 条未完成",
        "en": "{count} open",
    },
    "reminders.more": {
        "zh-CN": "共 {total} 条未完成，下面列出最早到期的 {shown} 条；完成后会显示后面的。",
        "en": "{total} open: the {shown} due first are listed; more appear as these are done.",
    },
    "reminders.empty": {
        "zh-CN": "没有待办提醒。",
        "en": "No open reminders.",
    },
    "reminders.show_done": {
        "zh-CN": "显示已完成",
        "en": "Show done",
    },
    "reminders.done": {
        "zh-CN": "完成",
        "en": "Done",
    },
    "reminders.done_ok": {
        "zh-CN": "已标记为完成。",
        "en": "Marked as done.",
    },
    "reminders.done_at": {
        "zh-CN": "完成于 {time}",
        "en": "Done at {time}",
    },
    "reminders.due": {
        "zh-CN": "到期 {time}",
        "en": "Due {time}",
    },
    "reminders.overdue": {
        "zh-CN": "已过期 {time}",
        "en": "Overdue since {time}",
    },
    "reminders.open": {
        "zh-CN": "查看",
        "en": "Open",
    },
    "reminders.case": {
        "zh-CN": "案件 {case} · {debtor}",
        "en": "Case {case} · {debtor}",
    },
    "reminders.back": {
        "zh-CN": "返回今日",
        "en": "Back to Today",
    },
    "reminders.kind.visit_move": {
        "zh-CN": "改期请求",
        "en": "Move a visit",
    },
    "reminders.kind.promise_broken": {
        "zh-CN": "承诺未兑现",
        "en": "Broken promise",
    },
    "reminders.kind.promise_due": {
        "zh-CN": "承诺即将到期",
        "en": "Promise due",
    },
    "reminders.kind.installment_missed": {
        "zh-CN": "分期未按时",
        "en": "Missed installment",
    },
    "reminders.kind.installment_due": {
        "zh-CN": "分期即将到期",
        "en": "Installment due",
    },
    "reminders.kind.plan_review": {
        "zh-CN": "分期计划需复核",
        "en": "Plan review",
    },
    "reminders.kind.no_contact": {
        "zh-CN": "长期未联系",
        "en": "No recent contact",
    },
    "reminders.kind.complaint_review": {
        "zh-CN": "投诉待处理",
        "en": "Complaint review",
    },
    "reminders.kind.distress_review": {
        "zh-CN": "困境复核",
        "en": "Distress review",
    },
    "reminders.kind.link_locked": {
        "zh-CN": "链接已锁定",
        "en": "Link locked",
    },
    "reminders.kind.call_instead": {
        "zh-CN": "债务人要求电话联系",
        "en": "Debtor asked for a call",
    },
    "reminders.kind.other": {
        "zh-CN": "提醒",
        "en": "Reminder",
    },
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
        "en": "Case {case}: plan {plan} has {missed} missed {missed|installment|installments} and is broken; review it",
    },
    "reminders.title.no_contact": {
        "zh-CN": "案件 {case}：已 {days} 天未联系",
        "en": "Case {case}: no contact for {days} {days|day|days}",
    },
    "reminders.title.call_instead": {
        "zh-CN": "客户拒绝上门，要求电话沟通",
        "en": "The debtor declined the visit and asked for a call",
    },
    "reminders.title.link_locked": {
        "zh-CN": "客户链接因多次验证失败已锁定 24 小时",
        "en": "A debtor link was locked for 24 hours after repeated wrong verifications",
    },
}
