"""Admin: the SMS outbox and the editable SMS templates, with the template check's messages."""

MESSAGES = {
    "nav.sms": {"zh-CN": "短信发件箱", "en": "SMS outbox"},
    "nav.templates": {"zh-CN": "短信模板", "en": "SMS templates"},
    # the outbox
    "outbox.title": {"zh-CN": "短信发件箱", "en": "SMS outbox"},
    "outbox.intro": {
        "zh-CN": "最近的短信，最新的在前。未接短信网关时，短信只保存在这里（状态“发件箱”）。",
        "en": "Recent messages, newest first. Without an SMS gateway, messages stay here (status “outbox”).",
    },
    "outbox.filter.status": {"zh-CN": "状态", "en": "Status"},
    "outbox.count": {"zh-CN": "共 {count} 条", "en": "{count} messages"},
    "outbox.empty": {"zh-CN": "没有短信", "en": "No messages"},
    "outbox.attempts": {"zh-CN": "发送 {count} 次", "en": "{count} attempts"},
    "outbox.next": {"zh-CN": "下次重试 {time}", "en": "next try {time}"},
    "outbox.sent_at": {"zh-CN": "发出 {time}", "en": "sent {time}"},
    "outbox.delivered_at": {"zh-CN": "送达 {time}", "en": "delivered {time}"},
    "outbox.error": {"zh-CN": "错误：{error}", "en": "Error: {error}"},
    # templates
    "tpl.title": {"zh-CN": "短信模板", "en": "SMS templates"},
    "tpl.intro": {
        "zh-CN": "每条短信都要写明发送方、给出退订方式，且绝不能提及欠款或金额（他人可能看到短信）。保存前会自动检查。",
        "en": "Every SMS names the sender, gives a way to opt out, and never mentions a debt or an amount "
        "(someone else may read it). The text is checked before it is saved.",
    },
    "tpl.field.key": {"zh-CN": "模板", "en": "Template"},
    "tpl.field.lang": {"zh-CN": "语言", "en": "Language"},
    "tpl.field.body": {"zh-CN": "短信文本", "en": "Message text"},
    "tpl.key.sms.visit_notice": {"zh-CN": "上门拜访通知", "en": "Visit notice"},
    "tpl.key.sms.third_party_notice": {"zh-CN": "请第三方转告回电", "en": "Third party: please ask to call back"},
    "tpl.lang.zh-CN": {"zh-CN": "中文", "en": "Chinese"},
    "tpl.lang.en": {"zh-CN": "英文", "en": "English"},
    "tpl.default": {"zh-CN": "默认文本", "en": "Default text"},
    "tpl.edited": {"zh-CN": "第 {version} 版 · {name} · {time}", "en": "Version {version} · {name} · {time}"},
    "tpl.required": {"zh-CN": "必须包含：{names}", "en": "Must contain: {names}"},
    "tpl.allowed": {"zh-CN": "可用占位符：{names}", "en": "Placeholders: {names}"},
    "tpl.optout_hint": {"zh-CN": "退订方式须写明：{words}", "en": "Opt-out, written out: {words}"},
    "tpl.preview": {"zh-CN": "预览（示例值）", "en": "Preview (sample values)"},
    "tpl.length": {"zh-CN": "{length} / {max} 字", "en": "{length} / {max} characters"},
    "tpl.ok": {"zh-CN": "检查通过，可以保存。", "en": "The check passes: it can be saved."},
    "tpl.save": {"zh-CN": "保存", "en": "Save"},
    "tpl.reset": {"zh-CN": "恢复默认", "en": "Reset to default"},
    "tpl.reset_done": {"zh-CN": "已恢复默认文本。", "en": "Back to the default text."},
    "tpl.saved": {"zh-CN": "模板已保存。", "en": "Template saved."},
    "tpl.reload": {"zh-CN": "载入最新版本", "en": "Load the latest version"},
    "tpl.invalid": {"zh-CN": "模板未保存，请先修正上面的问题。", "en": "Not saved: fix the problems above first."},
    "tpl.stale": {
        "zh-CN": "{name} 已于 {time} 修改了这个模板。请载入最新版本后再改。",
        "en": "{name} changed this template at {time}. Load the latest version, then edit again.",
    },
    "tpl.stale_reset": {
        "zh-CN": "这个模板刚被恢复为默认文本。请载入最新版本后再改。",
        "en": "This template was just reset to the default. Load the latest version, then edit again.",
    },
    "tpl.not_found": {"zh-CN": "没有这个模板", "en": "No such template"},
    # the check
    "tpl.unknown_key": {"zh-CN": "没有这个模板", "en": "No such template"},
    "tpl.empty": {"zh-CN": "请填写短信文本。", "en": "Write the message text."},
    "tpl.braces": {
        "zh-CN": "花括号不成对：占位符要写成 {name} 的形式。",
        "en": "Unbalanced braces: write placeholders as {name}.",
    },
    "tpl.bad_placeholder": {"zh-CN": "占位符写法不对：{names}", "en": "Malformed placeholders: {names}"},
    "tpl.unknown_placeholder": {
        "zh-CN": "这个模板不支持这些占位符：{names}",
        "en": "Placeholders this template does not know: {names}",
    },
    "tpl.missing": {"zh-CN": "缺少必需的占位符：{names}", "en": "Missing required placeholders: {names}"},
    "tpl.no_purpose": {
        "zh-CN": "除占位符外还需写明来意（用中性的措辞）。",
        "en": "Besides the placeholders, say why you write (in neutral words).",
    },
    "tpl.opt_out": {"zh-CN": "缺少退订方式：请写明 {words}。", "en": "No way to opt out: write {words}."},
    "tpl.disclosing": {
        "zh-CN": "不能提及欠款、金额或账户：{words}",
        "en": "Must not mention a debt, an amount or an account: {words}",
    },
    "tpl.too_long": {
        "zh-CN": "填入示例值后有 {length} 字，最多 {max} 字。",
        "en": "{length} characters once filled with sample values; at most {max}.",
    },
}
