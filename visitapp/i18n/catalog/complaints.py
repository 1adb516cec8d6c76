"""Complaints: categories, the dispatcher's inbox, errors, and what the debtor is told."""

MESSAGES: dict[str, dict[str, str]] = {
    # categories (visitapp.debtor.services.complaints.CATEGORIES)
    "complaint.category.conduct": {"zh-CN": "催收人员态度或行为", "en": "Collector's attitude or conduct"},
    "complaint.category.wrong_person": {"zh-CN": "找错人（我不是债务人）", "en": "Wrong person (I am not the debtor)"},
    "complaint.category.amount": {"zh-CN": "对欠款金额有异议", "en": "I dispute the amount"},
    "complaint.category.visit_time": {
        "zh-CN": "联系或上门的时间、频率",
        "en": "Time or frequency of contact or visits",
    },
    "complaint.category.privacy": {"zh-CN": "向他人透露了我的欠款信息", "en": "My debt was disclosed to others"},
    "complaint.category.identity": {"zh-CN": "怀疑催收人员身份", "en": "I doubt the collector is genuine"},
    "complaint.category.other": {"zh-CN": "其他", "en": "Other"},
    # sources and statuses
    "complaint.source.link": {"zh-CN": "短信链接", "en": "Link"},
    "complaint.source.call": {"zh-CN": "电话", "en": "Call"},
    "complaint.source.agent": {"zh-CN": "外访人员代为登记", "en": "Filed by an agent"},
    "complaint.status.open": {"zh-CN": "待处理", "en": "Open"},
    "complaint.status.answered": {"zh-CN": "已答复", "en": "Answered"},
    "complaint.status.closed": {"zh-CN": "已办结", "en": "Closed"},
    # errors
    "complaint.bad_source": {"zh-CN": "投诉来源无效。", "en": "Unknown complaint source."},
    "complaint.bad_category": {"zh-CN": "请选择投诉类别。", "en": "Choose a category."},
    "complaint.body_length": {
        "zh-CN": "请填写投诉内容（{min}–{max} 字）。",
        "en": "Describe the complaint ({min}–{max} characters).",
    },
    "complaint.response_length": {
        "zh-CN": "请填写答复内容（{min}–{max} 字）。",
        "en": "Write the answer ({min}–{max} characters).",
    },
    "complaint.bad_status": {"zh-CN": "状态筛选无效。", "en": "Unknown status filter."},
    "complaint.bad_assignee": {
        "zh-CN": "只能分派给在职的调度员、主管或合规人员。",
        "en": "Assign it to an active dispatcher, supervisor or compliance officer.",
    },
    "complaint.already_closed": {"zh-CN": "该投诉已办结。", "en": "This complaint is already closed."},
    "complaint.answer_first": {"zh-CN": "请先答复，再办结。", "en": "Answer the complaint before closing it."},
    "complaint.not_found": {"zh-CN": "未找到该投诉编号。", "en": "No complaint has this reference number."},
    "complaint.stale": {
        "zh-CN": "{name} 已于 {time} 处理了这条投诉，请刷新后再操作。",
        "en": "{name} changed this complaint at {time}. Reload it before you act.",
    },
    "policy.config.bad_sla": {"zh-CN": "投诉答复时限须为 1–720 小时。", "en": "The complaint SLA must be 1–720 hours."},
    # reminders and results
    "complaint.reminder_title": {"zh-CN": "投诉待处理：{ref}", "en": "Complaint to handle: {ref}"},
    "complaint.assigned": {"zh-CN": "已分派给 {name}。", "en": "Assigned to {name}."},
    "complaint.answered": {"zh-CN": "已保存答复。", "en": "Answer saved."},
    "complaint.closed": {"zh-CN": "投诉已办结。", "en": "Complaint closed."},
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
    "complaint.keep.case_closed": {"zh-CN": "案件已结案", "en": "the case is closed"},
    "complaint.keep.paused_other": {
        "zh-CN": "案件因其他原因暂停（如困难复核）",
        "en": "the case is paused for another reason (such as a review)",
    },
    "complaint.keep.deceased": {"zh-CN": "债务人已身故", "en": "the debtor is deceased"},
    "complaint.keep.lawyer": {"zh-CN": "债务人已委托律师", "en": "the debtor has a lawyer"},
    "complaint.keep.disputed": {"zh-CN": "债务存在争议", "en": "the debt is disputed"},
    "complaint.keep.cease_communication": {
        "zh-CN": "债务人要求停止联系",
        "en": "the debtor asked to cease communication",
    },
    # the inbox page
    "nav.complaints": {"zh-CN": "投诉", "en": "Complaints"},
    "complaints.title": {"zh-CN": "投诉处理", "en": "Complaints"},
    "complaints.intro": {
        "zh-CN": "投诉期间该案件暂停一切催收联系。请在时限内答复，办结时可选择是否恢复催收。",
        "en": "While a complaint is open, all collection contact on its case is paused. Answer within the SLA; "
        "when closing, choose whether collection resumes.",
    },
    "complaints.filter.open": {"zh-CN": "待处理 {count}", "en": "Open {count}"},
    "complaints.filter.answered": {"zh-CN": "已答复 {count}", "en": "Answered {count}"},
    "complaints.filter.closed": {"zh-CN": "已办结 {count}", "en": "Closed {count}"},
    "complaints.overdue_count": {"zh-CN": "{count} 条已超时", "en": "{count} overdue"},
    "complaints.empty.open": {"zh-CN": "没有待处理的投诉。", "en": "No open complaints."},
    "complaints.empty.answered": {
        "zh-CN": "没有已答复待办结的投诉。",
        "en": "No answered complaints waiting to be closed.",
    },
    "complaints.empty.closed": {"zh-CN": "还没有办结的投诉。", "en": "No closed complaints yet."},
    "complaints.sla_due": {"zh-CN": "答复时限 {time}", "en": "Answer by {time}"},
    "complaints.overdue": {"zh-CN": "已超时", "en": "Overdue"},
    "complaints.case": {"zh-CN": "案件 {case} · {debtor}", "en": "Case {case} · {debtor}"},
    "complaints.filed": {"zh-CN": "{time} 经{source}提交", "en": "Filed {time} via {source}"},
    "complaints.assignee": {"zh-CN": "处理人", "en": "Handled by"},
    "complaints.unassigned": {"zh-CN": "未分派", "en": "Unassigned"},
    "complaints.assign_me": {"zh-CN": "由我处理", "en": "Assign to me"},
    "complaints.assign_to": {"zh-CN": "分派给…", "en": "Assign to…"},
    "complaints.response": {"zh-CN": "答复", "en": "Answer"},
    "complaints.response_placeholder": {
        "zh-CN": "向债务人说明核查结果和处理措施",
        "en": "What was found and what will be done, for the debtor",
    },
    "complaints.save_answer": {"zh-CN": "保存答复", "en": "Save answer"},
    "complaints.close": {"zh-CN": "办结", "en": "Close"},
    "complaints.resume": {"zh-CN": "办结后恢复该案件的催收", "en": "Resume collection on the case"},
    "complaints.reload": {"zh-CN": "刷新", "en": "Reload"},
    "complaints.answered_at": {"zh-CN": "{time} 已答复", "en": "Answered {time}"},
    "complaints.closed_at": {"zh-CN": "{time} 已办结", "en": "Closed {time}"},
    "admin.policy.complaint_sla_hours": {"zh-CN": "投诉答复时限（小时）", "en": "Complaint answer deadline (hours)"},
}
