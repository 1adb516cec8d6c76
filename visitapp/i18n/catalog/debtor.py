"""The debtor's link and complaints."""

MESSAGES = {
    "complaint.category.conduct": {
        "zh-CN": "催收人员态度或行为",
        "en": "Collector's attitude or conduct",
    },
    "complaint.category.wrong_person": {
        "zh-CN": "找错人（我不是债务人）",
        "en": "Wrong person (I am not the debtor)",
    },
    "complaint.category.amount": {
        "zh-CN": "对欠款金额有异议",
        "en": "I dispute the amount",
    },
    "complaint.category.visit_time": {
        "zh-CN": "联系或上门的时间、频率",
        "en": "Time or frequency of contact or visits",
    },
    "complaint.category.privacy": {
        "zh-CN": "向他人透露了我的欠款信息",
        "en": "My debt was disclosed to others",
    },
    "complaint.category.identity": {
        "zh-CN": "怀疑催收人员身份",
        "en": "I doubt the collector is genuine",
    },
    "complaint.category.other": {
        "zh-CN": "其他",
        "en": "Other",
    },
    "complaint.source.link": {
        "zh-CN": "短信链接",
        "en": "Link",
    },
    "complaint.source.call": {
        "zh-CN": "电话",
        "en": "Call",
    },
    "complaint.source.agent": {
        "zh-CN": "外访人员代为登记",
        "en": "Filed by an agent",
    },
    "complaint.status.open": {
        "zh-CN": "待处理",
        "en": "Open",
    },
    "complaint.status.answered": {
        "zh-CN": "已答复",
        "en": "Answered",
    },
    "complaint.status.closed": {
        "zh-CN": "已办结",
        "en": "Closed",
    },
    "complaint.bad_source": {
        "zh-CN": "投诉来源无效。",
        "en": "Unknown complaint source.",
    },
    "complaint.bad_category": {
        "zh-CN": "请选择投诉类别。",
        "en": "Choose a category.",
    },
    "complaint.body_length": {
        "zh-CN": "请填写投诉内容（{min}–{max} 字）。",
        "en": "Describe the complaint ({min}–{max} characters).",
    },
    "complaint.response_length": {
        "zh-CN": "请填写答复内容（{min}–{max} 字）。",
        "en": "Write the answer ({min}–{max} characters).",
    },
    "complaint.bad_status": {
        "zh-CN": "状态筛选无效。",
        "en": "Unknown status filter.",
    },
    "complaint.bad_assignee": {
        "zh-CN": "只能分派给在职的调度员、主管或合规人员。",
        "en": "Assign it to an active dispatcher, supervisor or compliance officer.",
    },
    "complaint.already_closed": {
        "zh-CN": "该投诉已办结。",
        "en": "This complaint is already closed.",
    },
    "complaint.answer_first": {
        "zh-CN": "请先答复，再办结。",
        "en": "Answer the complaint before closing it.",
    },
    "complaint.not_found": {
        "zh-CN": "未找到该投诉编号。",
        "en": "No complaint has this reference number.",
    },
    "complaint.stale": {
        "zh-CN": "{name} 已于 {time} 处理了这条投诉，请刷新后再操作。",
        "en": "{name} changed this complaint at {time}. Reload it before you act.",
    },
    "policy.config.bad_sla": {
        "zh-CN": "投诉答复时限须为 1–720 小时。",
        "en": "The complaint SLA must be 1–720 hours.",
    },
    "complaint.reminder_title": {
        "zh-CN": "投诉待处理：{ref}",
        "en": "Complaint to handle: {ref}",
    },
    "complaint.assigned": {
        "zh-CN": "已分派给 {name}。",
        "en": "Assigned to {name}.",
    },
    "complaint.answered": {
        "zh-CN": "已保存答复。",
        "en": "Answer saved.",
    },
    "complaint.closed": {
        "zh-CN": "投诉已办结。",
        "en": "Complaint closed.",
    },
    "complaint.closed_resumed": {
        "zh-CN": "投诉已办结，案件已恢复催收。",
        "en": "Complaint closed; collection on the case resumed.",
    },
    "complaint.closed_kept": {
        "zh-CN": "投诉已办结，案件仍暂停催收：",
        "en": "Complaint closed; collection on the case stays paused:",
    },
    "complaint.keep.other_complaint": {
        "zh-CN": "该案件还有其他未办结的投诉",
        "en": "another complaint on the case is still open",
    },
    "complaint.keep.case_closed": {
        "zh-CN": "案件已结案",
        "en": "the case is closed",
    },
    "complaint.keep.paused_other": {
        "zh-CN": "案件因其他原因暂停（如困难复核）",
        "en": "the case is paused for another reason (such as a review)",
    },
    "complaint.keep.deceased": {
        "zh-CN": "债务人已身故",
        "en": "the debtor is deceased",
    },
    "complaint.keep.lawyer": {
        "zh-CN": "债务人已委托律师",
        "en": "the debtor has a lawyer",
    },
    "complaint.keep.disputed": {
        "zh-CN": "债务存在争议",
        "en": "the debt is disputed",
    },
    "complaint.keep.cease_communication": {
        "zh-CN": "债务人要求停止联系",
        "en": "the debtor asked to cease communication",
    },
    "nav.complaints": {
        "zh-CN": "投诉",
        "en": "Complaints",
    },
    "complaints.title": {
        "zh-CN": "投诉处理",
        "en": "Complaints",
    },
    "complaints.intro": {
        "zh-CN": "投诉期间该案件暂停一切催收联系。请在时限内答复，办结时可选择是否恢复催收。",
        "en": "While a complaint is open, all collection contact on its case is paused. Answer "
        "within the SLA; when closing, choose whether collection resumes.",
    },
    "complaints.filter.open": {
        "zh-CN": "待处理 {count}",
        "en": "Open {count}",
    },
    "complaints.filter.answered": {
        "zh-CN": "已答复 {count}",
        "en": "Answered {count}",
    },
    "complaints.filter.closed": {
        "zh-CN": "已办结 {count}",
        "en": "Closed {count}",
    },
    "complaints.overdue_count": {
        "zh-CN": "{count} 条已超时",
        "en": "{count} overdue",
    },
    "complaints.empty.open": {
        "zh-CN": "没有待处理的投诉。",
        "en": "No open complaints.",
    },
    "complaints.empty.answered": {
        "zh-CN": "没有已答复待办结的投诉。",
        "en": "No answered complaints waiting to be closed.",
    },
    "complaints.empty.closed": {
        "zh-CN": "还没有办结的投诉。",
        "en": "No closed complaints yet.",
    },
    "complaints.sla_due": {
        "zh-CN": "答复时限 {time}",
        "en": "Answer by {time}",
    },
    "complaints.overdue": {
        "zh-CN": "已超时",
        "en": "Overdue",
    },
    "complaints.case": {
        "zh-CN": "案件 {case} · {debtor}",
        "en": "Case {case} · {debtor}",
    },
    "complaints.filed": {
        "zh-CN": "{time} 经{source}提交",
        "en": "Filed {time} via {source}",
    },
    "complaints.assignee": {
        "zh-CN": "处理人",
        "en": "Handled by",
    },
    "complaints.unassigned": {
        "zh-CN": "未分派",
        "en": "Unassigned",
    },
    "complaints.assign_me": {
        "zh-CN": "由我处理",
        "en": "Assign to me",
    },
    "complaints.assign_to": {
        "zh-CN": "分派给…",
        "en": "Assign to…",
    },
    "complaints.response": {
        "zh-CN": "答复",
        "en": "Answer",
    },
    "complaints.response_placeholder": {
        "zh-CN": "向债务人说明核查结果和处理措施",
        "en": "What was found and what will be done, for the debtor",
    },
    "complaints.save_answer": {
        "zh-CN": "保存答复",
        "en": "Save answer",
    },
    "complaints.close": {
        "zh-CN": "办结",
        "en": "Close",
    },
    "complaints.resume": {
        "zh-CN": "办结后恢复该案件的催收",
        "en": "Resume collection on the case",
    },
    "complaints.reload": {
        "zh-CN": "刷新",
        "en": "Reload",
    },
    "complaints.answered_at": {
        "zh-CN": "{time} 已答复",
        "en": "Answered {time}",
    },
    "complaints.closed_at": {
        "zh-CN": "{time} 已办结",
        "en": "Closed {time}",
    },
    "admin.policy.complaint_sla_hours": {
        "zh-CN": "投诉答复时限（小时）",
        "en": "Complaint answer deadline (hours)",
    },
    "weekday.0": {
        "zh-CN": "周一",
        "en": "Monday",
    },
    "weekday.1": {
        "zh-CN": "周二",
        "en": "Tuesday",
    },
    "weekday.2": {
        "zh-CN": "周三",
        "en": "Wednesday",
    },
    "weekday.3": {
        "zh-CN": "周四",
        "en": "Thursday",
    },
    "weekday.4": {
        "zh-CN": "周五",
        "en": "Friday",
    },
    "weekday.5": {
        "zh-CN": "周六",
        "en": "Saturday",
    },
    "weekday.6": {
        "zh-CN": "周日",
        "en": "Sunday",
    },
    "link.title": {
        "zh-CN": "上门拜访通知",
        "en": "Visit notice",
    },
    "link.planned": {
        "zh-CN": "{company}计划于 {date}（{weekday}）{start}-{end} 上门拜访您。",
        "en": "{company} plans to visit you on {date} ({weekday}), {start}-{end}.",
    },
    "link.agents_done": {
        "zh-CN": "来访人员",
        "en": "Who visited you",
    },
    "link.agents": {
        "zh-CN": "来访人员",
        "en": "Who is coming",
    },
    "link.check_badge": {
        "zh-CN": "请在开门前核对工号，或扫描人员出示的二维码核实身份。",
        "en": "Check the badge number before you open the door, or scan the QR code the officer shows.",
    },
    "link.verify": {
        "zh-CN": "核实身份",
        "en": "Verify identity",
    },
    "link.status.proposed": {
        "zh-CN": "待您确认",
        "en": "Waiting for your answer",
    },
    "link.status.notified": {
        "zh-CN": "待您确认",
        "en": "Waiting for your answer",
    },
    "link.status.confirmed": {
        "zh-CN": "您已确认此时间",
        "en": "You confirmed this time",
    },
    "link.status.rescheduled": {
        "zh-CN": "您已改到此时间",
        "en": "You moved the visit to this time",
    },
    "link.status.declined": {
        "zh-CN": "您已拒绝上门",
        "en": "You declined the visit",
    },
    "link.confirm": {
        "zh-CN": "确认此时间",
        "en": "Confirm this time",
    },
    "link.other_time": {
        "zh-CN": "换个时间",
        "en": "Another time",
    },
    "link.decline": {
        "zh-CN": "不要上门，请电话联系我",
        "en": "No visit, call me instead",
    },
    "link.decline_confirm": {
        "zh-CN": "确定不要上门？我们会改为电话联系您。",
        "en": "No visit? We will call you instead.",
    },
    "link.decline_yes": {
        "zh-CN": "确定，请电话联系",
        "en": "Yes, call me instead",
    },
    "link.complain": {
        "zh-CN": "投诉",
        "en": "Complain",
    },
    "link.cancel": {
        "zh-CN": "取消",
        "en": "Cancel",
    },
    "link.confirmed_done": {
        "zh-CN": "已确认：{date}（{weekday}）{start}-{end}，来访人员会准时到达。",
        "en": "Confirmed: {date} ({weekday}), {start}-{end}. The officers will come on time.",
    },
    "link.ics": {
        "zh-CN": "添加到日历（.ics）",
        "en": "Add to calendar (.ics)",
    },
    "link.pick_slot": {
        "zh-CN": "请选择方便的时间：",
        "en": "Choose a time that suits you:",
    },
    "link.no_slots": {
        "zh-CN": "未来7天暂无可选时间，请选择电话联系或稍后再试。",
        "en": "No free times in the next 7 days: ask for a call instead, or try again later.",
    },
    "link.declined_done": {
        "zh-CN": "已取消上门。我们会改为电话联系您，今后不会再安排上门。",
        "en": "The visit is cancelled. We will call you instead and will not plan visits.",
    },
    "link.statement": {
        "zh-CN": "查看账单明细",
        "en": "See the itemized statement",
    },
    "link.verify_hint": {
        "zh-CN": "为保护您的隐私，请先验证身份：",
        "en": "To protect your privacy, verify first:",
    },
    "link.kind.birth_year": {
        "zh-CN": "出生年份（4位）",
        "en": "Year of birth (4 digits)",
    },
    "link.kind.id_last4": {
        "zh-CN": "身份证后4位",
        "en": "Last 4 digits of your ID",
    },
    "link.verify_submit": {
        "zh-CN": "验证",
        "en": "Verify",
    },
    "link.verify_wrong": {
        "zh-CN": "验证未通过，还可尝试 {left} 次。",
        "en": "That did not match. {left} tries left.",
    },
    "link.locked": {
        "zh-CN": "验证失败次数过多，链接已锁定至 {until}。如需帮助，请致电{company}：{phone}。",
        "en": "Too many wrong tries: this link is locked until {until}. For help, call {company} on {phone}.",
    },
    "link.contract": {
        "zh-CN": "合同号：{contract}",
        "en": "Contract: {contract}",
    },
    "link.totals": {
        "zh-CN": "应还合计 {due}，已还 {paid}，未还 {outstanding}（其中逾期 {overdue}）",
        "en": "Total due {due}, paid {paid}, outstanding {outstanding} (overdue {overdue})",
    },
    "link.complaint_title": {
        "zh-CN": "投诉与意见",
        "en": "Complaint",
    },
    "link.complaint_category": {
        "zh-CN": "类别",
        "en": "Category",
    },
    "link.complaint_body": {
        "zh-CN": "请描述情况（至少5个字）",
        "en": "Describe what happened (at least 5 characters)",
    },
    "link.complaint_send": {
        "zh-CN": "提交投诉",
        "en": "Send complaint",
    },
    "link.complaint_done": {
        "zh-CN": "投诉已受理，编号 {reference}。我们会在48小时内答复，处理期间暂停催收。",
        "en": "Complaint received, reference {reference}. We answer within 48 hours; collection is paused meanwhile.",
    },
    "link.expired_short": {
        "zh-CN": "该链接已过期。",
        "en": "This link has expired.",
    },
    "link.paused": {
        "zh-CN": "此案件的催收已暂停（例如正在处理您的投诉），本次拜访暂不进行，我们会另行联系您。",
        "en": "Collection on this case is paused (for example while your complaint is handled): "
        "the visit is on hold and we will contact you.",
    },
    "link.too_many": {
        "zh-CN": "操作过于频繁，请稍后再试。",
        "en": "Too many requests: please try again later.",
    },
    "link.not_open": {
        "zh-CN": "该次拜访已无法修改。",
        "en": "This visit can no longer be changed.",
    },
    "link.slot_gone": {
        "zh-CN": "该时间已不可选，请重新选择。",
        "en": "That time is no longer free: please choose again.",
    },
    "link.not_confirmed": {
        "zh-CN": "请先确认时间。",
        "en": "Confirm the time first.",
    },
    "link.bad_verifier_kind": {
        "zh-CN": "验证方式无效",
        "en": "Unknown way to verify",
    },
    "link.expired": {
        "zh-CN": "该链接已过期（有效期至 {until}）。如有疑问，请致电{company}：{phone}。",
        "en": "This link has expired (it was valid until {until}). If in doubt, call {company} on {phone}.",
    },
    "link.replaced": {
        "zh-CN": "该链接已被更新的通知替代，请使用最新短信中的链接。如未收到短信，请致电{company}：{phone}。",
        "en": "This link was replaced by a newer notice: please use the link in the latest SMS. No SMS? Call "
        "{company} on {phone}.",
    },
    "link.unknown": {
        "zh-CN": "链接无效。请检查短信中的完整链接，或致电{company}：{phone}。",
        "en": "This link is not valid. Please check the full link in the SMS, or call {company} on {phone}.",
    },
    "link.cancelled": {
        "zh-CN": "该次拜访已取消。如有疑问，请致电{company}：{phone}。",
        "en": "This visit was cancelled. If in doubt, call {company} on {phone}.",
    },
    "link.privacy": {
        "zh-CN": "账单明细仅在您验证身份后显示。本页面不会向他人透露任何信息。",
        "en": "The statement is shown only after you verify. This page reveals nothing to anyone else.",
    },
    "link.call": {
        "zh-CN": "拨打 {phone}",
        "en": "Call {phone}",
    },
    "link.planned_paused": {
        "zh-CN": "原定 {date}（{weekday}）{start}-{end} 的拜访暂停：处理期间（例如您的投诉）不会上门，"
        "我们会另行联系您。",
        "en": "The visit planned for {date} ({weekday}), {start}-{end}, is on hold: nobody will come while this is "
        "handled (for example your complaint). We will contact you.",
    },
    "link.status.paused": {
        "zh-CN": "拜访已暂停",
        "en": "Visit on hold",
    },
    "link.moved_texted": {
        "zh-CN": "已改到 {date}（{weekday}）{start}-{end}。新链接已用短信发至 {to}，本页就是新链接。",
        "en": "Moved to {date} ({weekday}), {start}-{end}. The new link went by SMS to {to}: this "
        "page is the new link.",
    },
    "link.moved_not_texted": {
        "zh-CN": "已改到 {date}（{weekday}）{start}-{end}。新链接暂时无法用短信发送（{why}），"
        "请收藏本页：它就是新链接。",
        "en": "Moved to {date} ({weekday}), {start}-{end}. We cannot text you the new link now ({why}): keep this "
        "page, it is the new link.",
    },
    "link.moved_no_sms": {
        "zh-CN": "已改到 {date}（{weekday}）{start}-{end}。请收藏本页：它就是新链接。",
        "en": "Moved to {date} ({weekday}), {start}-{end}. Keep this page: it is the new link.",
    },
    "link.sms_why.sms.daily_cap": {
        "zh-CN": "我们每天最多给您发 {limit} 条短信",
        "en": "we send you at most {limit} texts a day",
    },
    "link.sms_why.sms.weekly_cap": {
        "zh-CN": "我们7天内最多给您发 {limit} 条短信",
        "en": "we send you at most {limit} texts in 7 days",
    },
    "link.sms_why.time.quiet_hours": {
        "zh-CN": "现在是休息时间，不发短信",
        "en": "it is too late or too early to text you",
    },
    "link.sms_why.other": {
        "zh-CN": "联系规定暂不允许发送",
        "en": "our contact rules do not allow it now",
    },
    "link.complaint_missing": {
        "zh-CN": "请写下发生了什么（至少 {min} 个字），再提交。",
        "en": "Please write what happened (at least {min} characters), then send.",
    },
    "link.complaint_hint": {
        "zh-CN": "请写下发生了什么，至少 {min} 个字。",
        "en": "Write what happened, at least {min} characters.",
    },
    "link.planned_passed": {
        "zh-CN": "原定 {date}（{weekday}）{start}-{end} 的拜访时间已过。您可以另选时间，或请我们改为电话联系。",
        "en": "The time planned for the visit, {date} ({weekday}) {start}-{end}, has passed. You can choose "
        "another time, or ask us to call you instead.",
    },
    "link.planned_missed": {
        "zh-CN": "原定 {date}（{weekday}）{start}-{end} 的拜访未能进行。我们会再与您联系约定时间。",
        "en": "The visit planned for {date} ({weekday}), {start}-{end}, did not take place. We will contact you "
        "to agree another time.",
    },
    "link.planned_now": {
        "zh-CN": "来访人员正在上门拜访（{date}（{weekday}）{start}-{end}）。开门前请核对工号。",
        "en": "The visit is under way ({date} ({weekday}), {start}-{end}). Check the badge number before you "
        "open the door.",
    },
    "link.planned_done": {
        "zh-CN": "{company}已于 {date}（{weekday}）完成上门拜访。如对拜访有意见，可在下方投诉。",
        "en": "{company} visited you on {date} ({weekday}). If you are unhappy with the visit, you can complain below.",
    },
    "link.status.passed": {
        "zh-CN": "时间已过",
        "en": "Time passed",
    },
    "link.status.missed": {
        "zh-CN": "未能拜访",
        "en": "Not visited",
    },
    "link.status.now": {
        "zh-CN": "正在拜访",
        "en": "Visit under way",
    },
    "link.status.done": {
        "zh-CN": "已拜访",
        "en": "Visited",
    },
    "link.time_passed": {
        "zh-CN": "该拜访时间已过，无法确认。请另选时间。",
        "en": "The time of this visit has passed, so it cannot be confirmed: please choose another time.",
    },
}
