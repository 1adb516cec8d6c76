"""The distress flag and the support resources offered."""

MESSAGES: dict[str, dict[str, str]] = {
    "distress.button": {"zh-CN": "债务人可能处于危机", "en": "Debtor may be in crisis"},
    "distress.note": {"zh-CN": "简要说明（可选）", "en": "Short note (optional)"},
    "distress.confirm": {"zh-CN": "暂停催收并转交复核", "en": "Pause collection for review"},
    "distress.done": {
        "zh-CN": "已暂停该案件的催收，调度员会进行复核。请停止催收话题，向债务人提供以下帮助信息：",
        "en": "Collection on this case is paused and a dispatcher will review it. Stop talking about the debt "
        "and offer the following help:",
    },
    "distress.support_default": {
        "zh-CN": "全国心理援助热线：400-161-9995（24 小时）\n紧急情况请拨打 110 或 120。\n"
        "如因疾病、失业等原因还款困难，可申请困难延期或减免，我们会有专人联系。",
        "en": "National psychological assistance hotline: 400-161-9995 (24 h)\nIn an emergency call 110 or 120.\n"
        "If illness or job loss makes payment hard, you can ask for a hardship deferral or reduction; "
        "someone will contact you.",
    },
    "distress.review_title": {"zh-CN": "危机复核：走访 {visit}", "en": "Crisis review: visit {visit}"},
    "distress.text_invalid": {
        "zh-CN": "请填写中英文帮助信息（各不超过 2000 字）。",
        "en": "Fill in both texts (2,000 characters at most each).",
    },
    "distress.admin_title": {"zh-CN": "危机援助信息", "en": "Support resources"},
    "distress.admin_intro": {
        "zh-CN": "外访人员标记“债务人可能处于危机”时看到并提供给债务人的信息。",
        "en": "What agents see, and offer, when they flag that a debtor may be in crisis.",
    },
}
