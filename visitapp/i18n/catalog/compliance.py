"""The compliance policy, the contact ledger and audit log, SMS texts, templates and the outbox."""

MESSAGES = {
    "nav.sms": {
        "zh-CN": "短信发件箱",
        "en": "SMS outbox",
    },
    "nav.templates": {
        "zh-CN": "短信模板",
        "en": "SMS templates",
    },
    "outbox.title": {
        "zh-CN": "短信发件箱",
        "en": "SMS outbox",
    },
    "outbox.intro": {
        "zh-CN": "最近的短信，最新的在前。未接短信网关时，短信只保存在这里（状态“发件箱”）。",
        "en": "Recent messages, newest first. Without an SMS gateway, messages stay here (status “outbox”).",
    },
    "outbox.filter.status": {
        "zh-CN": "状态",
        "en": "Status",
    },
    "outbox.count": {
        "zh-CN": "共 {count} 条",
        "en": "{count} {count|message|messages}",
    },
    "outbox.empty": {
        "zh-CN": "没有短信",
        "en": "No messages",
    },
    "outbox.attempts": {
        "zh-CN": "发送 {count} 次",
        "en": "{count} {count|attempt|attempts}",
    },
    "outbox.next": {
        "zh-CN": "下次重试 {time}",
        "en": "next try {time}",
    },
    "outbox.sent_at": {
        "zh-CN": "发出 {time}",
        "en": "sent {time}",
    },
    "outbox.delivered_at": {
        "zh-CN": "送达 {time}",
        "en": "delivered {time}",
    },
    "outbox.error": {
        "zh-CN": "错误：{error}",
        "en": "Error: {error}",
    },
    "tpl.title": {
        "zh-CN": "短信模板",
        "en": "SMS templates",
    },
    "tpl.intro": {
        "zh-CN": "每条短信都要写明发送方、给出退订方式，且绝不能提及欠款或金额（他人可能看到短信）。保存前会自动检查。",
        "en": "Every SMS names the sender, gives a way to opt out, and never mentions a debt or "
        "an amount (someone else may read it). The text is checked before it is saved.",
    },
    "tpl.field.key": {
        "zh-CN": "模板",
        "en": "Template",
    },
    "tpl.field.lang": {
        "zh-CN": "语言",
        "en": "Language",
    },
    "tpl.field.body": {
        "zh-CN": "短信文本",
        "en": "Message text",
    },
    "tpl.key.sms.visit_notice": {
        "zh-CN": "上门拜访通知",
        "en": "Visit notice",
    },
    "tpl.key.sms.third_party_notice": {
        "zh-CN": "请第三方转告回电",
        "en": "Third party: please ask to call back",
    },
    "tpl.lang.zh-CN": {
        "zh-CN": "中文",
        "en": "Chinese",
    },
    "tpl.lang.en": {
        "zh-CN": "英文",
        "en": "English",
    },
    "tpl.default": {
        "zh-CN": "默认文本",
        "en": "Default text",
    },
    "tpl.edited": {
        "zh-CN": "第 {version} 版 · {name} · {time}",
        "en": "Version {version} · {name} · {time}",
    },
    "tpl.required": {
        "zh-CN": "必须包含：{names}",
        "en": "Must contain: {names}",
    },
    "tpl.allowed": {
        "zh-CN": "可用占位符：{names}",
        "en": "Placeholders: {names}",
    },
    "tpl.optout_hint": {
        "zh-CN": "退订方式须写明：{words}",
        "en": "Opt-out, written out: {words}",
    },
    "tpl.preview": {
        "zh-CN": "预览（示例值）",
        "en": "Preview (sample values)",
    },
    "tpl.length": {
        "zh-CN": "{length} / {max} 字",
        "en": "{length} / {max} characters",
    },
    "tpl.ok": {
        "zh-CN": "检查通过，可以保存。",
        "en": "The check passes: it can be saved.",
    },
    "tpl.save": {
        "zh-CN": "保存",
        "en": "Save",
    },
    "tpl.reset": {
        "zh-CN": "恢复默认",
        "en": "Reset to default",
    },
    "tpl.reset_done": {
        "zh-CN": "已恢复默认文本。",
        "en": "Back to the default text.",
    },
    "tpl.saved": {
        "zh-CN": "模板已保存。",
        "en": "Template saved.",
    },
    "tpl.reload": {
        "zh-CN": "载入最新版本",
        "en": "Load the latest version",
    },
    "tpl.invalid": {
        "zh-CN": "模板未保存，请先修正上面的问题。",
        "en": "Not saved: fix the problems above first.",
    },
    "tpl.stale": {
        "zh-CN": "{name} 已于 {time} 修改了这个模板。请载入最新版本后再改。",
        "en": "{name} changed this template at {time}. Load the latest version, then edit again.",
    },
    "tpl.stale_reset": {
        "zh-CN": "这个模板刚被恢复为默认文本。请载入最新版本后再改。",
        "en": "This template was just reset to the default. Load the latest version, then edit again.",
    },
    "tpl.not_found": {
        "zh-CN": "没有这个模板",
        "en": "No such template",
    },
    "tpl.unknown_key": {
        "zh-CN": "没有这个模板",
        "en": "No such template",
    },
    "tpl.empty": {
        "zh-CN": "请填写短信文本。",
        "en": "Write the message text.",
    },
    "tpl.braces": {
        "zh-CN": "花括号不成对：占位符要写成 {name} 的形式。",
        "en": "Unbalanced braces: write placeholders as {name}.",
    },
    "tpl.bad_placeholder": {
        "zh-CN": "占位符写法不对：{names}",
        "en": "Malformed placeholders: {names}",
    },
    "tpl.unknown_placeholder": {
        "zh-CN": "这个模板不支持这些占位符：{names}",
        "en": "Placeholders this template does not know: {names}",
    },
    "tpl.missing": {
        "zh-CN": "缺少必需的占位符：{names}",
        "en": "Missing required placeholders: {names}",
    },
    "tpl.no_purpose": {
        "zh-CN": "除占位符外还需写明来意（用中性的措辞）。",
        "en": "Besides the placeholders, say why you write (in neutral words).",
    },
    "tpl.opt_out": {
        "zh-CN": "缺少退订方式：请写明 {words}。",
        "en": "No way to opt out: write {words}.",
    },
    "tpl.disclosing": {
        "zh-CN": "不能提及欠款、金额或账户：{words}",
        "en": "Must not mention a debt, an amount or an account: {words}",
    },
    "tpl.too_long": {
        "zh-CN": "填入示例值后有 {length} 字，最多 {max} 字。",
        "en": "{length} characters once filled with sample values; at most {max}.",
    },
    "policy.stop.deceased": {
        "zh-CN": "债务人已身故：停止一切催收联系。",
        "en": "The debtor is deceased: all collection contact stops.",
    },
    "policy.stop.lawyer": {
        "zh-CN": "债务人已委托律师：请与律师联系，不得直接联系债务人。",
        "en": "The debtor has a lawyer: contact the lawyer, not the debtor.",
    },
    "policy.stop.disputed": {
        "zh-CN": "债务存在争议：核实完成前暂停催收。",
        "en": "The debt is disputed: collection is paused until it is verified.",
    },
    "policy.stop.complaint_open": {
        "zh-CN": "有未处理的投诉：案件已暂停，处理完毕前不得联系。",
        "en": "A complaint is open: the case is paused until it is resolved.",
    },
    "policy.stop.paused": {
        "zh-CN": "案件已暂停。",
        "en": "The case is paused.",
    },
    "policy.stop.closed": {
        "zh-CN": "案件已结案。",
        "en": "The case is closed.",
    },
    "policy.stop.cease_communication": {
        "zh-CN": "债务人要求停止联系。",
        "en": "The debtor asked to cease communication.",
    },
    "policy.stop.do_not_visit": {
        "zh-CN": "债务人已拒绝上门，要求电话联系。",
        "en": "The debtor declined visits and asked for a call instead.",
    },
    "policy.time.quiet_hours": {
        "zh-CN": "仅可在 {start}–{end}（债务人当地时间）联系，除非债务人同意该时间。",
        "en": "Contact only between {start} and {end} debtor's local time, unless the debtor agreed to this time.",
    },
    "policy.visit.outside_slots": {
        "zh-CN": "不在可预约的上门时段内。",
        "en": "Outside the visit slots offered to debtors.",
    },
    "policy.visit.holiday": {
        "zh-CN": "法定节假日（{name}）不上门，除非债务人确认当天。",
        "en": "Public holiday ({name}): no visits unless the debtor confirmed that day.",
    },
    "policy.visit.weekend": {
        "zh-CN": "周末不上门，除非债务人确认当天。",
        "en": "Weekend: no visits unless the debtor confirmed that day.",
    },
    "policy.visit.daily_cap": {
        "zh-CN": "每天最多上门 {limit} 次。",
        "en": "At most {limit} {limit|visit|visits} a day.",
    },
    "policy.visit.weekly_cap": {
        "zh-CN": "7 天内最多上门 {limit} 次。",
        "en": "At most {limit} visits in 7 days.",
    },
    "policy.visit.needs_approval": {
        "zh-CN": "已连续 {fruitless} 次上门未果：下次上门需主管批准。",
        "en": "{fruitless} fruitless visits in a row: a supervisor must approve the next one.",
    },
    "policy.visit.staffing": {
        "zh-CN": "上门需 {required} 名外访人员同行（当前 {present} 名）。",
        "en": "A visit needs {required} agents present ({present} now).",
    },
    "policy.sms.daily_cap": {
        "zh-CN": "每天最多发送 {limit} 条短信。",
        "en": "At most {limit} text messages a day.",
    },
    "policy.sms.weekly_cap": {
        "zh-CN": "7 天内最多发送 {limit} 条短信。",
        "en": "At most {limit} text messages in 7 days.",
    },
    "policy.call.connected_cap": {
        "zh-CN": "今天已接通 {limit} 次电话，已达上限。",
        "en": "{limit} connected calls today: the daily limit.",
    },
    "policy.call.unanswered_cap": {
        "zh-CN": "该号码今天已拨打未接 {limit} 次，已达上限。",
        "en": "{limit} unanswered dials to this number today: the daily limit.",
    },
    "policy.call.weekly_cap": {
        "zh-CN": "7 天内最多拨打 {limit} 次。",
        "en": "At most {limit} calls in 7 days.",
    },
    "policy.call.after_conversation": {
        "zh-CN": "通话后 {days} 天内不得再次致电。",
        "en": "No call within {days} {days|day|days} after a conversation.",
    },
    "policy.third_party.debtor_reachable": {
        "zh-CN": "仅在无法联系债务人本人时方可联系第三方。",
        "en": "Third parties may be contacted only when the debtor cannot be reached.",
    },
    "policy.third_party.already_contacted": {
        "zh-CN": "该第三方已联系过一次，不得再次联系。",
        "en": "This third party was already contacted once.",
    },
    "visit_approval.note_missing": {
        "zh-CN": "请写明批准再次上门的理由。",
        "en": "Say why another visit is approved.",
    },
    "policy.lawyer.none_on_file": {
        "zh-CN": "没有登记律师。",
        "en": "No lawyer is on file.",
    },
    "policy.lawyer.no_visit": {
        "zh-CN": "不得上门拜访律师。",
        "en": "A lawyer is never visited.",
    },
    "policy.lawyer.calls_letters_only": {
        "zh-CN": "与律师只能通过电话或信函联系。",
        "en": "A lawyer is contacted by call or letter only.",
    },
    "policy.third_party.stopped": {
        "zh-CN": "该第三方已要求不再联系。",
        "en": "This third party asked not to be contacted again.",
    },
    "admin.policy.unreachable_attempts": {
        "zh-CN": "视为联系不上：连续失败的电话和走访次数",
        "en": "Unreachable after this many failed calls and visits in a row",
    },
    "admin.policy.unreachable_days": {
        "zh-CN": "且这么多天内未与本人沟通过",
        "en": "and no conversation with the debtor in this many days",
    },
    "policy.third_party.discloses_debt": {
        "zh-CN": "发给第三方的内容不得提及债务或金额。",
        "en": "A message to a third party must not mention the debt or an amount.",
    },
    "policy.next_allowed": {
        "zh-CN": "最早可于 {when} 联系。",
        "en": "Possible from {when}.",
    },
    "policy.never_by_time": {
        "zh-CN": "须先解除上述情况，等待时间不能解决。",
        "en": "Waiting will not help: the reason above must be resolved first.",
    },
    "policy.config.bad_profile": {
        "zh-CN": "未知的合规配置。",
        "en": "Unknown policy profile.",
    },
    "policy.config.hours_order": {
        "zh-CN": "允许联系的开始时间必须早于结束时间。",
        "en": "The contact-hours start must be before their end.",
    },
    "policy.config.slot_order": {
        "zh-CN": "时段的开始时间必须早于结束时间。",
        "en": "A slot must start before it ends.",
    },
    "policy.config.slot_outside_hours": {
        "zh-CN": "上门时段必须在允许联系的时间内。",
        "en": "Visit slots must lie within the contact hours.",
    },
    "policy.config.no_slots": {
        "zh-CN": "至少需要一个上门时段。",
        "en": "At least one visit slot is needed.",
    },
    "policy.config.bad_count": {
        "zh-CN": "请输入 0–100 的整数。",
        "en": "Enter a whole number from 0 to 100.",
    },
    "policy.config.day_over_week": {
        "zh-CN": "每日上限不能超过每周上限。",
        "en": "A daily limit cannot exceed the weekly limit.",
    },
    "policy.config.bad_agents": {
        "zh-CN": "每次上门人数须为 1–4 人。",
        "en": "Agents per visit must be 1 to 4.",
    },
    "policy.config.bad_retention": {
        "zh-CN": "记录保存年限须为 2–30 年。",
        "en": "Records must be kept 2 to 30 years.",
    },
    "policy.config.bad_country": {
        "zh-CN": "节假日日历须为 CN 或 US。",
        "en": "The holiday calendar must be CN or US.",
    },
    "policy.config.bad_time": {
        "zh-CN": "时间格式应为 HH:MM。",
        "en": "Times are written HH:MM.",
    },
    "policy.config.invalid": {
        "zh-CN": "设置有误，未保存。",
        "en": "The settings have errors and were not saved.",
    },
    "contact.bad_result": {
        "zh-CN": "无效的联系结果：{result}",
        "en": "Not a valid contact result: {result}",
    },
    "contact.result_already_recorded": {
        "zh-CN": "该次联系的结果已记录。",
        "en": "This contact's result was already recorded.",
    },
    "admin.policy.title": {
        "zh-CN": "合规设置",
        "en": "Compliance policy",
    },
    "admin.policy.intro": {
        "zh-CN": "每一次联系（短信、电话、上门、信函）发生前都经过同一套规则检查，并记入联系记录。",
        "en": "Every contact (SMS, call, visit, letter) passes these rules before it happens and "
        "lands in the contact ledger.",
    },
    "admin.policy.profile": {
        "zh-CN": "合规配置",
        "en": "Profile",
    },
    "admin.policy.apply_profile": {
        "zh-CN": "套用该配置的默认值",
        "en": "Use this profile's defaults",
    },
    "admin.policy.hours": {
        "zh-CN": "允许联系时间（当地）",
        "en": "Contact hours (local)",
    },
    "admin.policy.slots": {
        "zh-CN": "可预约上门时段",
        "en": "Visit slots offered",
    },
    "admin.policy.evening": {
        "zh-CN": "夜间时段（仅应债务人要求）",
        "en": "Evening slot (on the debtor's request only)",
    },
    "admin.policy.limits": {
        "zh-CN": "频次上限",
        "en": "Limits",
    },
    "admin.policy.sms_per_day": {
        "zh-CN": "短信 / 天",
        "en": "SMS a day",
    },
    "admin.policy.sms_per_week": {
        "zh-CN": "短信 / 7 天",
        "en": "SMS in 7 days",
    },
    "admin.policy.visits_per_day": {
        "zh-CN": "上门 / 天",
        "en": "Visits a day",
    },
    "admin.policy.visits_per_week": {
        "zh-CN": "上门 / 7 天",
        "en": "Visits in 7 days",
    },
    "admin.policy.fruitless_visits_limit": {
        "zh-CN": "连续未果上门后需批准",
        "en": "Fruitless visits before approval",
    },
    "admin.policy.agents_per_visit": {
        "zh-CN": "每次上门人数",
        "en": "Agents per visit",
    },
    "admin.policy.calls_connected_per_day": {
        "zh-CN": "接通电话 / 天（留空=不限）",
        "en": "Connected calls a day (blank: none)",
    },
    "admin.policy.calls_unanswered_per_number_per_day": {
        "zh-CN": "未接拨打 / 号码 / 天",
        "en": "Unanswered dials per number a day",
    },
    "admin.policy.calls_per_week": {
        "zh-CN": "电话 / 7 天（留空=不限）",
        "en": "Calls in 7 days (blank: none)",
    },
    "admin.policy.days_after_conversation": {
        "zh-CN": "通话后静默天数",
        "en": "Quiet days after a conversation",
    },
    "admin.policy.retention_years": {
        "zh-CN": "记录保存年限",
        "en": "Records kept (years)",
    },
    "admin.policy.holiday_country": {
        "zh-CN": "节假日日历",
        "en": "Holiday calendar",
    },
    "admin.policy.check": {
        "zh-CN": "规则试算",
        "en": "Try the rules",
    },
    "admin.policy.check_intro": {
        "zh-CN": "选择联系方式和时间，查看规则是否允许（不记录、不联系）。",
        "en": "Pick a channel and a time to see what the rules say (nothing is sent or recorded).",
    },
    "admin.policy.when": {
        "zh-CN": "时间",
        "en": "When",
    },
    "admin.policy.channel": {
        "zh-CN": "联系方式",
        "en": "Channel",
    },
    "admin.policy.agreed": {
        "zh-CN": "债务人已同意该时间",
        "en": "Debtor agreed to this time",
    },
    "admin.policy.night_worker": {
        "zh-CN": "夜班（要求夜间上门）",
        "en": "Night worker (asked for evenings)",
    },
    "admin.policy.two_agents": {
        "zh-CN": "两人同行",
        "en": "Two agents present",
    },
    "admin.policy.allowed": {
        "zh-CN": "允许。",
        "en": "Allowed.",
    },
    "admin.policy.blocked": {
        "zh-CN": "不允许：",
        "en": "Not allowed:",
    },
    "channel.sms": {
        "zh-CN": "短信",
        "en": "SMS",
    },
    "channel.call": {
        "zh-CN": "电话",
        "en": "Call",
    },
    "channel.visit": {
        "zh-CN": "上门",
        "en": "Visit",
    },
    "channel.link_view": {
        "zh-CN": "打开链接",
        "en": "Link opened",
    },
    "channel.letter": {
        "zh-CN": "信函",
        "en": "Letter",
    },
    "admin.audit.title": {
        "zh-CN": "审计日志",
        "en": "Audit log",
    },
    "admin.audit.text": {
        "zh-CN": "关键词（说明、编号）",
        "en": "Words (note, number)",
    },
    "admin.audit.user": {
        "zh-CN": "用户名",
        "en": "Username",
    },
    "admin.audit.from": {
        "zh-CN": "开始日期",
        "en": "From",
    },
    "admin.audit.to": {
        "zh-CN": "结束日期",
        "en": "To",
    },
    "admin.audit.empty": {
        "zh-CN": "没有符合条件的记录。",
        "en": "No entries match.",
    },
    "admin.audit.purge": {
        "zh-CN": "清理超期记录",
        "en": "Purge expired records",
    },
    "admin.audit.purge_confirm": {
        "zh-CN": "将删除超过保存年限（{years} 年）的审计、联系和登录记录。此操作会记入审计日志。",
        "en": "Deletes audit, contact and login records older than the retention period ({years} "
        "years). The purge itself is logged.",
    },
    "admin.audit.purged": {
        "zh-CN": "已清理 {cutoff} 之前的记录：审计 {audit} 条，联系 {ledger} 条，登录 {logins} 条。",
        "en": "Purged records before {cutoff}: {audit} audit, {ledger} contact, {logins} login {logins|entry|entries}.",
    },
    "admin.audit.col.at": {
        "zh-CN": "时间",
        "en": "Time",
    },
    "admin.audit.col.actor": {
        "zh-CN": "操作人",
        "en": "Who",
    },
    "admin.audit.col.action": {
        "zh-CN": "操作",
        "en": "Action",
    },
    "admin.audit.col.entity": {
        "zh-CN": "对象",
        "en": "Entity",
    },
    "admin.audit.col.change": {
        "zh-CN": "变更",
        "en": "Change",
    },
    "admin.ledger.title": {
        "zh-CN": "联系记录",
        "en": "Contact ledger",
    },
    "admin.ledger.debtor": {
        "zh-CN": "债务人姓名",
        "en": "Debtor name",
    },
    "admin.ledger.allowed": {
        "zh-CN": "结果",
        "en": "Decision",
    },
    "admin.ledger.only_allowed": {
        "zh-CN": "允许",
        "en": "Allowed",
    },
    "admin.ledger.only_blocked": {
        "zh-CN": "拦截",
        "en": "Blocked",
    },
    "admin.ledger.empty": {
        "zh-CN": "暂无联系记录。",
        "en": "No contacts recorded yet.",
    },
    "result.pending": {
        "zh-CN": "待结果",
        "en": "Pending",
    },
    "result.blocked": {
        "zh-CN": "已拦截",
        "en": "Blocked",
    },
    "result.queued": {
        "zh-CN": "排队中",
        "en": "Queued",
    },
    "result.sent": {
        "zh-CN": "已发送",
        "en": "Sent",
    },
    "result.delivered": {
        "zh-CN": "已送达",
        "en": "Delivered",
    },
    "result.failed": {
        "zh-CN": "发送失败",
        "en": "Failed",
    },
    "result.connected": {
        "zh-CN": "已接通",
        "en": "Connected",
    },
    "result.unanswered": {
        "zh-CN": "未接听",
        "en": "Unanswered",
    },
    "result.wrong_number": {
        "zh-CN": "号码错误",
        "en": "Wrong number",
    },
    "result.met": {
        "zh-CN": "见到本人",
        "en": "Met",
    },
    "result.not_home": {
        "zh-CN": "不在家",
        "en": "Not home",
    },
    "result.refused": {
        "zh-CN": "拒绝沟通",
        "en": "Refused",
    },
    "result.wrong_address": {
        "zh-CN": "地址错误",
        "en": "Wrong address",
    },
    "result.third_party": {
        "zh-CN": "见到第三方",
        "en": "Third party met",
    },
    "result.paid": {
        "zh-CN": "已还款",
        "en": "Paid",
    },
    "result.promise": {
        "zh-CN": "承诺还款",
        "en": "Promise to pay",
    },
    "result.plan_agreed": {
        "zh-CN": "达成分期",
        "en": "Plan agreed",
    },
    "result.returned": {
        "zh-CN": "退回",
        "en": "Returned",
    },
    "result.viewed": {
        "zh-CN": "已查看",
        "en": "Viewed",
    },
    "sms.visit_notice": {
        "zh-CN": "【{company}】您好，我司外访专员{agent}（工号{badge}）拟于{date}（{weekday}）{start}-{end}上门拜访，"
        "当面与您沟通账户相关事宜。确认、改期、拒绝上门或核实人员身份请点击 {link} 回复TD退订短信。",
        "en": "[{company}] Hello. Our field officer {agent} (badge {badge}) plans to visit you "
        "on {date} ({weekday}), {start}-{end}, to talk with you in person about your account. "
        "To confirm, reschedule, decline the visit or check the officer's identity: {link} "
        "Reply STOP to opt out of SMS.",
    },
    "notice.button": {
        "zh-CN": "发送上门通知短信",
        "en": "Send visit notice SMS",
    },
    "notice.sent": {
        "zh-CN": "通知短信已发送至 {phone}",
        "en": "Notice sent to {phone}",
    },
    "notice.kept": {
        "zh-CN": "通知短信已存入发件箱（{phone}）",
        "en": "Notice kept in the outbox ({phone})",
    },
    "notice.retry": {
        "zh-CN": "短信网关暂不可用，稍后自动重试",
        "en": "SMS gateway unavailable; it will retry",
    },
    "notice.failed": {
        "zh-CN": "短信发送失败：{error}",
        "en": "The SMS failed: {error}",
    },
    "notice.blocked": {
        "zh-CN": "现在不能发送通知：",
        "en": "The notice can't be sent now:",
    },
    "notice.no_phone": {
        "zh-CN": "没有可接收短信的手机号",
        "en": "No mobile number to text",
    },
    "notice.visit_closed": {
        "zh-CN": "该走访已结束或已取消",
        "en": "This visit is finished or cancelled",
    },
    "notice.over": {
        "zh-CN": "该次走访的时间已过，不再发送通知。",
        "en": "This visit's time is over: no notice goes out for it.",
    },
    "notice.past": {
        "zh-CN": "走访时间已过",
        "en": "The visit's time has passed",
    },
    "notice.last": {
        "zh-CN": "上次通知：{at}（{status}）",
        "en": "Last notice: {at} ({status})",
    },
    "notice.preview": {
        "zh-CN": "短信内容",
        "en": "Message text",
    },
    "notice.again": {
        "zh-CN": "再次发送通知…",
        "en": "Send the notice again…",
    },
    "notice.again_title": {
        "zh-CN": "已发过通知。再次发送会占用客户当天的短信次数（每天最多2条），请选择原因：",
        "en": "A notice was sent already. Another one uses up the debtor's SMS allowance (2 a day): why send it again?",
    },
    "notice.again_send": {
        "zh-CN": "再次发送",
        "en": "Send again",
    },
    "notice.again_cancel": {
        "zh-CN": "取消",
        "en": "Cancel",
    },
    "notice.reason.time_changed": {
        "zh-CN": "拜访时间有变",
        "en": "The time changed",
    },
    "notice.reason.no_answer": {
        "zh-CN": "客户未回复",
        "en": "No answer from the debtor",
    },
    "notice.reason.debtor_asked": {
        "zh-CN": "客户要求重发",
        "en": "The debtor asked for it",
    },
    "notice.again_reason": {
        "zh-CN": "请选择再次发送的原因。",
        "en": "Choose why the notice goes out again.",
    },
    "notice.already_sent": {
        "zh-CN": "通知已于 {at} 发送。如需再发，请点“再次发送通知”并选择原因。",
        "en": "The notice went out at {at}. To send another, use “Send the notice again” and give the reason.",
    },
    "notice.confirmed": {
        "zh-CN": "客户已确认 {date} {start}-{end} 的拜访，无需再发通知；时间有变时才可再发。",
        "en": "The debtor confirmed the visit on {date}, {start}-{end}: no notice needed unless the time changes.",
    },
    "sms.status.outbox": {
        "zh-CN": "发件箱",
        "en": "outbox",
    },
    "sms.status.sent": {
        "zh-CN": "已发送",
        "en": "sent",
    },
    "sms.status.retry": {
        "zh-CN": "待重试",
        "en": "to retry",
    },
    "sms.status.failed": {
        "zh-CN": "失败",
        "en": "failed",
    },
    "sms.status.queued": {
        "zh-CN": "排队中",
        "en": "queued",
    },
    "sms.status.delivered": {
        "zh-CN": "已送达",
        "en": "delivered",
    },
    "sms.third_party_notice": {
        "zh-CN": "【{company}】您好，我们有事需要联系{name}，麻烦您转告其回电{phone}，谢谢！回复TD退订",
        "en": "[{company}] Hello. We would like to reach {name}. Could you please ask them to call "
        "us back on {phone}? Thank you. Reply STOP to opt out.",
    },
}
