"""The signed installment agreement (the PDF's texts), its download links, payments, receipts and promises."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the agreement PDF: every text appears in Chinese and in English in the one document ---
    "agreement.title": {"zh-CN": "分期还款协议", "en": "Installment Repayment Agreement"},
    "agreement.no": {"zh-CN": "协议编号：{number}", "en": "Agreement no.: {number}"},
    "agreement.prevails": {
        "zh-CN": "本协议以中文和英文订立，两种文本如有不一致，以中文文本为准。",
        "en": "This agreement is made in Chinese and English; if the versions differ, the Chinese version prevails.",
    },
    "agreement.parties": {"zh-CN": "一、协议双方", "en": "1. Parties"},
    "agreement.company": {"zh-CN": "催收机构（受托方）", "en": "Collection company (agent of the creditor)"},
    "agreement.creditor": {"zh-CN": "债权人", "en": "Creditor"},
    "agreement.debtor": {"zh-CN": "债务人", "en": "Debtor"},
    "agreement.contract": {"zh-CN": "原合同编号", "en": "Original contract no."},
    "agreement.agent": {"zh-CN": "经办外访人员（工号）", "en": "Field officer (badge no.)"},
    "agreement.approver": {"zh-CN": "审批人", "en": "Approved by"},
    "agreement.debt": {"zh-CN": "二、欠款明细", "en": "2. Itemized debt"},
    "agreement.col.due_date": {"zh-CN": "到期日", "en": "Due date"},
    "agreement.col.kind": {"zh-CN": "类别", "en": "Kind"},
    "agreement.col.due": {"zh-CN": "应还", "en": "Due"},
    "agreement.col.paid": {"zh-CN": "已还", "en": "Paid"},
    "agreement.col.outstanding": {"zh-CN": "未还", "en": "Outstanding"},
    "agreement.col.total": {"zh-CN": "合计", "en": "Total"},
    "agreement.kind.installment": {"zh-CN": "分期本息", "en": "Installment"},
    "agreement.kind.interest": {"zh-CN": "利息", "en": "Interest"},
    "agreement.kind.late_fee": {"zh-CN": "滞纳金", "en": "Late fee"},
    "agreement.kind.fee": {"zh-CN": "费用", "en": "Fee"},
    "agreement.waiver": {"zh-CN": "三、减免", "en": "3. Waiver"},
    "agreement.waiver_fees": {
        "zh-CN": "减免全部未还滞纳金及费用",
        "en": "All outstanding late fees and fees are waived",
    },
    "agreement.waiver_interest": {"zh-CN": "减免全部未还利息", "en": "All outstanding interest is waived"},
    "agreement.waiver_none": {"zh-CN": "无减免。", "en": "No waiver."},
    "agreement.waiver_sum": {
        "zh-CN": "欠款合计{before}，减免{waiver}，按本协议应还合计{total}。",
        "en": "Total outstanding {before}, waived {waiver}, total payable under this agreement {total}.",
    },
    "agreement.schedule": {"zh-CN": "四、还款计划", "en": "4. Repayment schedule"},
    "agreement.col.no": {"zh-CN": "期次", "en": "No."},
    "agreement.col.amount": {"zh-CN": "金额", "en": "Amount"},
    "agreement.down_payment": {"zh-CN": "首付款（签署时支付）", "en": "Down payment (at signing)"},
    "agreement.installment_n": {"zh-CN": "第 {n} 期", "en": "Installment {n}"},
    "agreement.schedule_sum": {
        "zh-CN": "首付款{down} + 分期合计{installments}（{months}期）= {total}。",
        "en": "Down payment {down} + installments {installments} ({months} months) = {total}.",
    },
    "agreement.clauses": {"zh-CN": "五、条款", "en": "5. Terms"},
    "agreement.clause.late": {
        "zh-CN": "逾期：任一期未按时足额支付的，我司将以短信或电话提醒；连续{missed}期未支付的，本协议约定的减免失效，"
        "剩余欠款按原合同约定处理。逾期不另收本协议以外的费用。",
        "en": "Late payment: if an installment is not paid in full on time we will remind you by SMS or phone; if "
        "{missed} installments in a row are missed, the waiver under this agreement lapses and the remaining "
        "debt is handled under the original contract. No charges beyond this agreement are added for lateness.",
    },
    "agreement.clause.cooling_off": {
        "zh-CN": "冷静期：您可在签署后{days}日内（{until}前）无需任何理由撤回本协议，撤回不产生任何费用；"
        "已支付的款项计入原欠款。",
        "en": "Cooling-off: you may withdraw from this agreement within {days} days of signing (until {until}) "
        "without giving a reason and at no cost; anything already paid counts against the original debt.",
    },
    "agreement.clause.payments": {
        "zh-CN": "付款：请仅向债权人或我司的对公账户付款，每笔款项均会出具收据编号。"
        "外访人员无权收取现金以外的个人转账。",
        "en": "Payments: pay only into the creditor's or our company account; every payment gets a receipt number. "
        "Field officers may not accept transfers to personal accounts.",
    },
    "agreement.clause.complaint": {
        "zh-CN": "投诉：如对催收人员的行为、金额或本协议有异议，"
        "可通过短信中的链接页面点击“投诉”提交，或拨打我司客服电话；"
        "投诉期间暂停催收，我们将在规定时限内答复。",
        "en": "Complaints: if you disagree with a collector's conduct, the amounts or this agreement, use "
        '"Complain" on the page of the link in your SMS, or call our customer service; collection pauses '
        "while the complaint is open and we answer within the stated time.",
    },
    "agreement.signature": {"zh-CN": "六、签署", "en": "6. Signature"},
    "agreement.signed_by": {"zh-CN": "债务人签名", "en": "Debtor's signature"},
    "agreement.signed_at": {"zh-CN": "签署时间", "en": "Signed at"},
    "agreement.signed_place": {"zh-CN": "签署地点", "en": "Place of signing"},
    "agreement.no_signature": {"zh-CN": "（无签名图像）", "en": "(no signature image)"},
    "agreement.footer": {"zh-CN": "分期还款协议", "en": "Installment agreement"},
    "agreement.sha_note": {
        "zh-CN": "本文件签署后不可修改；文件指纹（SHA-256）记录在系统中，可用于核验。",
        "en": "This document cannot be changed after signing; "
        "its fingerprint (SHA-256) is kept on record for checking.",
    },
    # errors
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
    "agreement.missing": {"zh-CN": "暂无协议文件。", "en": "No agreement file yet."},
    # the debtor's link and staff screens
    "agreement.download": {"zh-CN": "下载还款协议（PDF）", "en": "Download agreement (PDF)"},
    "agreement.download_hint": {
        "zh-CN": "这是您签署的分期还款协议，链接 {minutes} 分钟内有效。",
        "en": "This is the installment agreement you signed; the link works for {minutes} minutes.",
    },
    "agreement.link_expired": {
        "zh-CN": "下载链接已过期，请返回页面重新验证。",
        "en": "The download link has expired: go back to the page and verify again.",
    },
    # --- payments ---
    "payment.method.cash": {"zh-CN": "现金", "en": "Cash"},
    "payment.method.transfer": {"zh-CN": "银行转账", "en": "Bank transfer"},
    "payment.method.alipay": {"zh-CN": "支付宝", "en": "Alipay"},
    "payment.method.wechat": {"zh-CN": "微信支付", "en": "WeChat Pay"},
    "payment.method.card": {"zh-CN": "银行卡", "en": "Card"},
    "payment.amount_positive": {"zh-CN": "金额：请填写大于 0 的金额。", "en": "Amount: enter an amount above 0."},
    "payment.amount_too_big": {"zh-CN": "金额：不能超过 {limit}。", "en": "Amount: at most {limit}."},
    "payment.paid_on_future": {"zh-CN": "付款日期：不能晚于今天。", "en": "Payment date: cannot be after today."},
    "payment.paid_on_old": {"zh-CN": "付款日期：不能早于 {earliest}。", "en": "Payment date: not before {earliest}."},
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
    "payment.target": {"zh-CN": "请指定拜访或案件。", "en": "Give a visit or a case."},
    "receipt.title": {"zh-CN": "收款收据", "en": "Payment receipt"},
    "receipt.applied_down": {"zh-CN": "首付款", "en": "Down payment"},
    "receipt.applied_installment": {"zh-CN": "第 {n} 期（{due}）", "en": "Installment {n} ({due})"},
    "receipt.applied_balance": {"zh-CN": "欠款余额", "en": "Outstanding balance"},
    "receipt.unapplied": {"zh-CN": "超出计划的金额：{amount}", "en": "Beyond the plan: {amount}"},
    # --- promises ---
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
    "promise.bad_client_id": {"zh-CN": "离线记录编号无效。", "en": "Invalid offline record id."},
}
