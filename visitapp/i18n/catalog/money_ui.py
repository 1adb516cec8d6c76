"""The dossier's promise and payment forms."""

MESSAGES = {
    "money.title": {"zh-CN": "承诺还款与收款", "en": "Promises and payments"},
    "money.promise": {"zh-CN": "记录承诺还款", "en": "Record a promise to pay"},
    "money.amount": {"zh-CN": "金额（元）", "en": "Amount (CNY)"},
    "money.promise_date": {"zh-CN": "承诺日期", "en": "Promised by"},
    "money.promise_save": {"zh-CN": "保存承诺", "en": "Save promise"},
    "money.promise_saved": {
        "zh-CN": "已记录承诺：{date} 前还款 {amount}",
        "en": "Promise recorded: {amount} by {date}",
    },
    "money.payment": {"zh-CN": "登记收款", "en": "Record a payment"},
    "money.paid_on": {"zh-CN": "付款日期", "en": "Paid on"},
    "money.method": {"zh-CN": "付款方式", "en": "Method"},
    "money.reference": {"zh-CN": "交易流水号", "en": "Reference"},
    "money.payment_save": {"zh-CN": "登记收款", "en": "Record payment"},
    "money.payment_saved": {"zh-CN": "收款已登记，收据号 {receipt}", "en": "Payment recorded, receipt {receipt}"},
    "money.receipt_no": {"zh-CN": "收据号", "en": "Receipt no."},
    "money.recorded_by": {"zh-CN": "经办人", "en": "Recorded by"},
}
