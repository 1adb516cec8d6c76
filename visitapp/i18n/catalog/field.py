"""The agent's day: Today, the dossier, check-in, calls, the visit log, distress, badge, talking points."""

MESSAGES = {
    "nav.scripts": {
        "zh-CN": "话术库",
        "en": "Scripts",
    },
    "scripts.title": {
        "zh-CN": "话术库",
        "en": "Script library",
    },
    "scripts.intro": {
        "zh-CN": "外访人员在走访详情中看到的沟通要点，按客户分群和场景匹配。停用的话术不再显示，可随时恢复。",
        "en": "The talking points agents see on a visit's dossier, matched by segment and situation. "
        "Deactivated ones are hidden from agents and can be restored at any time.",
    },
    "scripts.field.situation": {
        "zh-CN": "场景",
        "en": "Situation",
    },
    "scripts.field.segment": {
        "zh-CN": "客户分群",
        "en": "Segment",
    },
    "scripts.field.lang": {
        "zh-CN": "语言",
        "en": "Language",
    },
    "scripts.field.title": {
        "zh-CN": "标题",
        "en": "Title",
    },
    "scripts.field.body": {
        "zh-CN": "内容",
        "en": "Text",
    },
    "scripts.field.sort": {
        "zh-CN": "排序（小的在前）",
        "en": "Order (lower first)",
    },
    "scripts.filter.all": {
        "zh-CN": "全部",
        "en": "All",
    },
    "scripts.filter.inactive": {
        "zh-CN": "显示已停用",
        "en": "Show deactivated",
    },
    "scripts.segment.every": {
        "zh-CN": "所有分群",
        "en": "Every segment",
    },
    "scripts.segment.one": {
        "zh-CN": "{segment} 类",
        "en": "Segment {segment}",
    },
    "scripts.lang.zh-CN": {
        "zh-CN": "中文",
        "en": "Chinese",
    },
    "scripts.lang.en": {
        "zh-CN": "英文",
        "en": "English",
    },
    "scripts.situation.opening": {
        "zh-CN": "开场",
        "en": "Opening",
    },
    "scripts.situation.verify_identity": {
        "zh-CN": "核实身份",
        "en": "Verify identity",
    },
    "scripts.situation.third_party": {
        "zh-CN": "遇到第三方",
        "en": "Third party answers",
    },
    "scripts.situation.first_visit": {
        "zh-CN": "首次上门",
        "en": "First visit",
    },
    "scripts.situation.repeat_visit": {
        "zh-CN": "再次上门",
        "en": "Repeat visit",
    },
    "scripts.situation.not_home_before": {
        "zh-CN": "上次不在家",
        "en": "Not home last time",
    },
    "scripts.situation.broken_promise": {
        "zh-CN": "承诺未兑现",
        "en": "Broken promise",
    },
    "scripts.situation.hardship": {
        "zh-CN": "困难或危机",
        "en": "Hardship or crisis",
    },
    "scripts.situation.paused": {
        "zh-CN": "争议或投诉",
        "en": "Dispute or complaint",
    },
    "scripts.situation.plan_offer": {
        "zh-CN": "提出分期",
        "en": "Offer a plan",
    },
    "scripts.situation.dont_say": {
        "zh-CN": "禁止的言行",
        "en": "What never to say",
    },
    "scripts.situation.closing": {
        "zh-CN": "结束",
        "en": "Closing",
    },
    "scripts.add": {
        "zh-CN": "新增话术",
        "en": "Add a snippet",
    },
    "scripts.edit": {
        "zh-CN": "编辑",
        "en": "Edit",
    },
    "scripts.edit_title": {
        "zh-CN": "编辑话术",
        "en": "Edit snippet",
    },
    "scripts.new_title": {
        "zh-CN": "新增话术",
        "en": "New snippet",
    },
    "scripts.deactivate": {
        "zh-CN": "停用",
        "en": "Deactivate",
    },
    "scripts.reactivate": {
        "zh-CN": "恢复",
        "en": "Reactivate",
    },
    "scripts.inactive": {
        "zh-CN": "已停用",
        "en": "Deactivated",
    },
    "scripts.empty": {
        "zh-CN": "没有符合条件的话术。",
        "en": "No snippets match.",
    },
    "scripts.count": {
        "zh-CN": "共 {count} 条",
        "en": "{count} {count|snippet|snippets}",
    },
    "scripts.meta": {
        "zh-CN": "第 {version} 版 · {name} · {time}",
        "en": "Version {version} · {name} · {time}",
    },
    "scripts.created": {
        "zh-CN": "已新增。",
        "en": "Added.",
    },
    "scripts.deactivated": {
        "zh-CN": "已停用，外访人员将不再看到这条话术。",
        "en": "Deactivated: agents no longer see it.",
    },
    "scripts.reactivated": {
        "zh-CN": "已恢复。",
        "en": "Reactivated.",
    },
    "scripts.reload": {
        "zh-CN": "重新加载",
        "en": "Reload",
    },
    "scripts.not_found": {
        "zh-CN": "这条话术不存在。",
        "en": "That snippet does not exist.",
    },
    "scripts.stale": {
        "zh-CN": "{name} 已于 {time} 修改了这条话术，您的修改未保存。请重新加载后再编辑。",
        "en": "{name} changed this snippet at {time}; your edit was not saved. Reload and edit again.",
    },
    "scripts.error.segment": {
        "zh-CN": "请选择有效的客户分群。",
        "en": "Choose a valid segment.",
    },
    "scripts.error.situation": {
        "zh-CN": "请选择有效的场景。",
        "en": "Choose a valid situation.",
    },
    "scripts.error.lang": {
        "zh-CN": "语言只能是中文或英文。",
        "en": "The language must be Chinese or English.",
    },
    "scripts.error.title_required": {
        "zh-CN": "请填写标题。",
        "en": "Enter a title.",
    },
    "scripts.error.title_long": {
        "zh-CN": "标题最多 120 个字。",
        "en": "The title may have 120 characters at most.",
    },
    "scripts.error.body_required": {
        "zh-CN": "请填写内容。",
        "en": "Enter the text.",
    },
    "scripts.error.body_long": {
        "zh-CN": "内容最多 2000 个字。",
        "en": "The text may have 2,000 characters at most.",
    },
    "scripts.error.sort": {
        "zh-CN": "排序须为 -9999 到 9999 之间的整数。",
        "en": "The order must be a whole number from -9999 to 9999.",
    },
    "scripts.invalid": {
        "zh-CN": "未保存：请修改标红的内容。",
        "en": "Not saved: correct the fields in red.",
    },
    "scripts.talking_points": {
        "zh-CN": "沟通要点",
        "en": "Talking points",
    },
    "scripts.talking_points_count": {
        "zh-CN": "{count} 条",
        "en": "{count}",
    },
    "scripts.talking_points_none": {
        "zh-CN": "暂无适用的沟通要点。",
        "en": "No talking points apply.",
    },
    "nav.badge": {
        "zh-CN": "工牌",
        "en": "Badge",
    },
    "badge.title": {
        "zh-CN": "我的工牌",
        "en": "My badge",
    },
    "badge.hint": {
        "zh-CN": "请债务人扫描二维码，核实您的身份。",
        "en": "Ask the debtor to scan the code to check who you are.",
    },
    "badge.no": {
        "zh-CN": "工号",
        "en": "Badge no.",
    },
    "verify.title": {
        "zh-CN": "外访人员身份核验",
        "en": "Field agent verification",
    },
    "verify.active": {
        "zh-CN": "在职，可代表公司上门",
        "en": "Active: may visit on the company's behalf",
    },
    "verify.inactive": {
        "zh-CN": "已不在职：请勿接待，并可拨打公司电话核实",
        "en": "Not active: do not deal with this person; call the company to check",
    },
    "verify.scheduled": {
        "zh-CN": "今天有上门走访安排",
        "en": "Has visits scheduled today",
    },
    "verify.not_scheduled": {
        "zh-CN": "今天没有上门走访安排",
        "en": "Has no visits scheduled today",
    },
    "verify.unknown": {
        "zh-CN": "无法核验：此链接不属于本公司任何外访人员。如有人持此链接上门，请谨慎并联系公司核实。",
        "en": "Cannot verify: this link belongs to none of our field agents. Be careful and call the company to check.",
    },
    "verify.privacy": {
        "zh-CN": "本页只显示外访人员信息，不含任何客户信息。",
        "en": "This page shows only the agent, never any customer's details.",
    },
    "distress.button": {
        "zh-CN": "债务人可能处于危机",
        "en": "Debtor may be in crisis",
    },
    "distress.note": {
        "zh-CN": "简要说明（可选）",
        "en": "Short note (optional)",
    },
    "distress.confirm": {
        "zh-CN": "暂停催收并转交复核",
        "en": "Pause collection for review",
    },
    "distress.done": {
        "zh-CN": "已暂停该案件的催收，调度员会进行复核。请停止催收话题，向债务人提供以下帮助信息：",
        "en": "Collection on this case is paused and a dispatcher will review it. Stop talking "
        "about the debt and offer the following help:",
    },
    "distress.support_default": {
        "zh-CN": "全国心理援助热线：400-161-9995（24 小时）\n紧急情况请拨打 110 或 120。\n如因疾病、"
        "失业等原因还款困难，可申请困难延期或减免，我们会有专人联系。",
        "en": "National psychological assistance hotline: 400-161-9995 (24 h)\nIn an emergency call "
        "110 or 120.\nIf illness or job loss makes payment hard, you can ask for a hardship "
        "deferral or reduction; someone will contact you.",
    },
    "distress.review_title": {
        "zh-CN": "危机复核：走访 {visit}",
        "en": "Crisis review: visit {visit}",
    },
    "distress.text_invalid": {
        "zh-CN": "请填写中英文帮助信息（各不超过 2000 字）。",
        "en": "Fill in both texts (2,000 characters at most each).",
    },
    "distress.admin_title": {
        "zh-CN": "危机援助信息",
        "en": "Support resources",
    },
    "distress.admin_intro": {
        "zh-CN": "外访人员标记“债务人可能处于危机”时看到并提供给债务人的信息。",
        "en": "What agents see, and offer, when they flag that a debtor may be in crisis.",
    },
    "dossier.title": {
        "zh-CN": "走访档案",
        "en": "Visit dossier",
    },
    "dossier.not_found": {
        "zh-CN": "没有找到这个走访，或它不在您的安排中。",
        "en": "No such visit, or it is not on your list.",
    },
    "dossier.back": {
        "zh-CN": "返回今日",
        "en": "Back to today",
    },
    "dossier.phones": {
        "zh-CN": "电话",
        "en": "Phones",
    },
    "dossier.reveal": {
        "zh-CN": "显示完整号码",
        "en": "Show full numbers",
    },
    "dossier.reveal_note": {
        "zh-CN": "查看完整号码会被记录。",
        "en": "Viewing full numbers is recorded.",
    },
    "dossier.statement": {
        "zh-CN": "逐项账单",
        "en": "Itemized statement",
    },
    "dossier.totals": {
        "zh-CN": "应还合计 {due}，已还 {paid}，未还 {outstanding}（其中逾期 {overdue}，最长 {days} 天）",
        "en": "Total due {due}, paid {paid}, outstanding {outstanding}"
        " (overdue {overdue}, oldest {days} {days|day|days})",
    },
    "dossier.history": {
        "zh-CN": "联系记录",
        "en": "Contact history",
    },
    "dossier.no_history": {
        "zh-CN": "还没有联系记录。",
        "en": "No contacts yet.",
    },
    "dossier.notes": {
        "zh-CN": "备注",
        "en": "Notes",
    },
    "dossier.no_notes": {
        "zh-CN": "还没有备注。",
        "en": "No notes yet.",
    },
    "dossier.promises": {
        "zh-CN": "还款承诺",
        "en": "Promises to pay",
    },
    "dossier.score": {
        "zh-CN": "分层 {segment} · {score} 分 · 建议：{strategy}",
        "en": "Segment {segment} · score {score} · suggested: {strategy}",
    },
    "dossier.why": {
        "zh-CN": "评分依据",
        "en": "Why this score",
    },
    "dossier.open": {
        "zh-CN": "档案",
        "en": "Dossier",
    },
    "dossier.blocked": {
        "zh-CN": "已拦截",
        "en": "Blocked",
    },
    "call.start": {
        "zh-CN": "拨打电话",
        "en": "Call",
    },
    "call.allowed": {
        "zh-CN": "合规检查通过，可以拨打。通话后请记录结果。",
        "en": "Allowed by the policy. Record the result after the call.",
    },
    "call.how_was_it": {
        "zh-CN": "通话结果：",
        "en": "How did it go?",
    },
    "call.recorded": {
        "zh-CN": "已记录通话结果。",
        "en": "Call result recorded.",
    },
    "checkin.start": {
        "zh-CN": "到达签到",
        "en": "Check in",
    },
    "checkin.checkout": {
        "zh-CN": "离开签退",
        "en": "Check out",
    },
    "checkin.finished": {
        "zh-CN": "本次走访已签退",
        "en": "Checked out",
    },
    "checkin.done": {
        "zh-CN": "已签到，距离地址约 {distance} 米。",
        "en": "Checked in, about {distance} m from the address.",
    },
    "checkin.done_flagged": {
        "zh-CN": "已签到（距离约 {distance} 米，已标记给调度核查）。",
        "en": "Checked in ({distance} m away: flagged for the dispatcher).",
    },
    "checkin.far": {
        "zh-CN": "您距离地址约 {distance} 米。请说明原因后再签到。",
        "en": "You are about {distance} m from the address. Give a reason to check in.",
    },
    "checkin.reason": {
        "zh-CN": "原因（如：小区封闭，在门口等候）",
        "en": "Reason (e.g. gated compound, waiting at the gate)",
    },
    "checkin.anyway": {
        "zh-CN": "说明后签到",
        "en": "Check in with reason",
    },
    "checkin.out": {
        "zh-CN": "已签退。",
        "en": "Checked out.",
    },
    "checkin.already": {
        "zh-CN": "已经签到过了。",
        "en": "Already checked in.",
    },
    "checkin.already_out": {
        "zh-CN": "已经签退过了。",
        "en": "Already checked out.",
    },
    "checkin.not_checked_in": {
        "zh-CN": "请先签到。",
        "en": "Check in first.",
    },
    "checkin.bad_position": {
        "zh-CN": "位置无效。",
        "en": "Not a valid position.",
    },
    "agent.today.tab_today": {
        "zh-CN": "今天",
        "en": "Today",
    },
    "agent.today.tab_tomorrow": {
        "zh-CN": "明天",
        "en": "Tomorrow",
    },
    "agent.today.title_tomorrow": {
        "zh-CN": "明日走访",
        "en": "Tomorrow's visits",
    },
    "agent.today.empty_tomorrow": {
        "zh-CN": "明天还没有安排走访。调度发布明天的路线后会显示在这里。",
        "en": "No visits are planned for tomorrow yet. They appear here once the dispatcher publishes the plan.",
    },
    "agent.today.progress_planned": {
        "zh-CN": "共 {total} 个",
        "en": "{total} planned",
    },
    "agent.today.view_list": {
        "zh-CN": "列表",
        "en": "List",
    },
    "agent.today.view_map": {
        "zh-CN": "地图",
        "en": "Map",
    },
    "agent.today.map_hint": {
        "zh-CN": "离线路线示意图（非道路地图）：方块为出发点，点编号打开走访档案。",
        "en": "Offline route sketch (not a road map): the square is the team base; tap a number to open the visit.",
    },
    "agent.today.street_hint": {
        "zh-CN": "方块为出发点，点编号打开走访档案；线条按路线顺序连接，不是导航路线。",
        "en": (
            "The square is the team base; tap a number to open the visit. "
            "The line joins the stops in order; it is not a driving route."
        ),
    },
    "agent.today.map_missing": {
        "zh-CN": "{count} 个走访没有坐标，未显示在图上。",
        "en": "{count} {count|visit has|visits have} no coordinates and {count|is|are} not on the sketch.",
    },
    "agent.today.map_none": {
        "zh-CN": "这些走访都没有坐标，无法画出路线。",
        "en": "None of these visits has coordinates, so there is no route to draw.",
    },
    "navapp.open": {
        "zh-CN": "导航",
        "en": "Navigate",
    },
    "navapp.choose": {
        "zh-CN": "导航用",
        "en": "Navigate with",
    },
    "navapp.amap": {
        "zh-CN": "高德地图",
        "en": "Amap",
    },
    "navapp.baidu": {
        "zh-CN": "百度地图",
        "en": "Baidu Maps",
    },
    "navapp.apple": {
        "zh-CN": "苹果地图",
        "en": "Apple Maps",
    },
    "navapp.google": {
        "zh-CN": "谷歌地图",
        "en": "Google Maps",
    },
    "navapp.no_position": {
        "zh-CN": "无坐标",
        "en": "No location",
    },
    "navapp.no_position_hint": {
        "zh-CN": "这个地址还没有坐标，无法导航。请联系调度在地图上标注。",
        "en": "This address has no coordinates yet, so navigation is not possible. Ask the dispatcher to pin it.",
    },
    "navapp.saved": {
        "zh-CN": "导航将使用{app}",
        "en": "Navigation now opens {app}",
    },
    "nav.invalid_app": {
        "zh-CN": "不支持的导航应用：{app}",
        "en": "Unsupported map app: {app}",
    },
    "agent.today.first_paint": {
        "zh-CN": "本机保存的行程，正在更新…",
        "en": "The day kept on this phone, updating…",
    },
    "agent.today.title": {
        "zh-CN": "今日走访",
        "en": "Today's visits",
    },
    "agent.today.progress": {
        "zh-CN": "已完成 {done} / {total}",
        "en": "{done} of {total} done",
    },
    "agent.today.empty": {
        "zh-CN": "今天没有安排走访。新的安排发布后会显示在这里。",
        "en": "No visits are planned for today. New plans appear here once published.",
    },
    "agent.today.partner": {
        "zh-CN": "搭档",
        "en": "Partner",
    },
    "agent.today.window": {
        "zh-CN": "时段",
        "en": "Window",
    },
    "agent.today.eta": {
        "zh-CN": "预计到达",
        "en": "ETA",
    },
    "agent.today.overdue": {
        "zh-CN": "逾期合计",
        "en": "Overdue",
    },
    "agent.today.date": {
        "zh-CN": "{date} · {team}",
        "en": "{date} · {team}",
    },
    "confirmation.proposed": {
        "zh-CN": "待通知",
        "en": "Proposed",
    },
    "confirmation.notified": {
        "zh-CN": "已通知",
        "en": "Notified",
    },
    "confirmation.confirmed": {
        "zh-CN": "已确认",
        "en": "Confirmed",
    },
    "confirmation.rescheduled": {
        "zh-CN": "已改期",
        "en": "Rescheduled",
    },
    "confirmation.declined": {
        "zh-CN": "拒绝上门",
        "en": "Declined",
    },
    "visit.status.planned": {
        "zh-CN": "待走访",
        "en": "Planned",
    },
    "visit.status.in_progress": {
        "zh-CN": "进行中",
        "en": "In progress",
    },
    "visit.status.done": {
        "zh-CN": "已完成",
        "en": "Done",
    },
    "visit.status.cancelled": {
        "zh-CN": "已取消",
        "en": "Cancelled",
    },
    "visit.status.missed": {
        "zh-CN": "未走访",
        "en": "Not visited",
    },
    "agent.today.phase.upcoming": {
        "zh-CN": "待走访",
        "en": "To come",
    },
    "agent.today.phase.next": {
        "zh-CN": "下一站",
        "en": "Next",
    },
    "agent.today.phase.in_progress": {
        "zh-CN": "进行中",
        "en": "In progress",
    },
    "agent.today.phase.done": {
        "zh-CN": "已完成",
        "en": "Done",
    },
    "agent.today.phase.late": {
        "zh-CN": "已逾时",
        "en": "Late",
    },
    "agent.today.phase.missed": {
        "zh-CN": "未走访",
        "en": "Not visited",
    },
    "agent.today.phase.not_planned": {
        "zh-CN": "未排入",
        "en": "Not planned",
    },
    "agent.today.phase.cancelled": {
        "zh-CN": "已取消",
        "en": "Cancelled",
    },
    "agent.today.late.window": {
        "zh-CN": "时段 {window} 已过，尚未走访",
        "en": "Window {window} is over, not visited",
    },
    "agent.today.late.eta": {
        "zh-CN": "已比预计到达（{eta}）晚 30 分钟以上",
        "en": "More than 30 min past the planned arrival ({eta})",
    },
    "agent.today.checked_in_at": {
        "zh-CN": "{time} 已签到",
        "en": "Checked in at {time}",
    },
    "agent.today.done_at": {
        "zh-CN": "{time} 完成",
        "en": "Done at {time}",
    },
    "agent.today.not_visited_because": {
        "zh-CN": "未走访：{reason}",
        "en": "Not visited: {reason}",
    },
    "agent.today.move_requested": {
        "zh-CN": "已请调度改期",
        "en": "Dispatcher asked to move it",
    },
    "agent.today.not_planned": {
        "zh-CN": "未排入路线：{reason}",
        "en": "Not planned: {reason}",
    },
    "agent.today.dropped.no_time": {
        "zh-CN": "小组当天已没有剩余时间",
        "en": "no time left in the team's day",
    },
    "agent.today.dropped.window_unreachable": {
        "zh-CN": "约定时段内赶不到",
        "en": "its window cannot be reached in time",
    },
    "agent.today.dropped.no_coordinates": {
        "zh-CN": "地址没有坐标，待调度标注",
        "en": "the address has no coordinates yet",
    },
    "agent.today.dropped.lunch_conflict": {
        "zh-CN": "与午休时间冲突",
        "en": "it clashes with the lunch break",
    },
    "agent.today.dropped.stopped": {
        "zh-CN": "案件已暂停或停止催收",
        "en": "collection is paused or stopped",
    },
    "agent.today.dropped.other": {
        "zh-CN": "调度未安排",
        "en": "left out by the planner",
    },
    "agent.today.summary": {
        "zh-CN": "完成 {done} · 进行中 {in_progress} · 逾时 {late} · 未走访 {missed}",
        "en": "{done} done · {in_progress} in progress · {late} late · {missed} not visited",
    },
    "agent.today.summary_tomorrow": {
        "zh-CN": "已排入 {planned} · 未排入 {not_planned}",
        "en": "{planned} planned · {not_planned} not planned",
    },
    "agent.today.action.not_visited": {
        "zh-CN": "记录未走访",
        "en": "Not visited",
    },
    "agent.today.action.ask_move": {
        "zh-CN": "请调度改期",
        "en": "Ask to move",
    },
    "agent.today.reason": {
        "zh-CN": "未走访的原因",
        "en": "Why it did not take place",
    },
    "agent.today.confirm_not_visited": {
        "zh-CN": "确认未走访",
        "en": "Record as not visited",
    },
    "agent.today.cancel": {
        "zh-CN": "取消",
        "en": "Cancel",
    },
    "agent.today.not_visited_saved": {
        "zh-CN": "已记录 {name} 未走访（{reason}）",
        "en": "{name}: recorded as not visited ({reason})",
    },
    "agent.today.move_sent": {
        "zh-CN": "已请调度 {dispatcher} 改期",
        "en": "Asked {dispatcher} (dispatcher) to move it",
    },
    "agent.today.move_already": {
        "zh-CN": "已请调度 {dispatcher} 改期，等待处理",
        "en": "{dispatcher} (dispatcher) was already asked to move it",
    },
    "visit.not_visited.no_time": {
        "zh-CN": "时间不够",
        "en": "no time",
    },
    "visit.not_visited.not_home": {
        "zh-CN": "客户不在家",
        "en": "debtor not home",
    },
    "visit.not_visited.rescheduled": {
        "zh-CN": "客户要求改期",
        "en": "debtor asked for another time",
    },
    "visit.not_visited.other": {
        "zh-CN": "其他原因",
        "en": "other reason",
    },
    "visit.bad_not_visited_reason": {
        "zh-CN": "请选择未走访的原因。",
        "en": "Choose why the visit did not take place.",
    },
    "visit.already_not_visited": {
        "zh-CN": "这个走访已记录为未走访。",
        "en": "This visit is already recorded as not visited.",
    },
    "visit.already_started": {
        "zh-CN": "这个走访已签到或已结束，不能记录为未走访。",
        "en": "This visit was checked in or has ended: it cannot be recorded as not visited.",
    },
    "visit.not_today": {
        "zh-CN": "只能为今天的走访记录未走访（这个走访在 {day}）。",
        "en": "Only today's visits can be recorded as not visited (this one is on {day}).",
    },
    "visit.move_started": {
        "zh-CN": "这个走访已签到或已结束，无需改期。",
        "en": "This visit was checked in or has ended: there is nothing to move.",
    },
    "visit.no_dispatcher": {
        "zh-CN": "您的小组还没有指定调度，请直接联系主管。",
        "en": "Your team has no dispatcher yet: contact your supervisor directly.",
    },
    "visit.move_title": {
        "zh-CN": "{agent} 请求改期：{debtor}，{day} {window}（{why}）",
        "en": "{agent} asks to move {debtor}, {day} {window} ({why})",
    },
    "visit.move_no_reason": {
        "zh-CN": "未说明原因",
        "en": "no reason given",
    },
    "checkin.blocked_policy": {
        "zh-CN": "现在不能签到：",
        "en": "Checking in is not possible now:",
    },
    "checkin.blocked_not_visited": {
        "zh-CN": "这个走访已记录为未走访，不能签到。",
        "en": "This visit is recorded as not visited: no check-in.",
    },
    "checkin.blocked_closed": {
        "zh-CN": "这个走访已结束或已取消。",
        "en": "This visit has ended or was cancelled.",
    },
    "checkin.blocked_other_day": {
        "zh-CN": "这个走访安排在 {day}，当天才能签到。",
        "en": "This visit is on {day}: check in on that day.",
    },
    "checkin.gps.denied": {
        "zh-CN": "无法签到：浏览器不允许获取位置。请在浏览器或系统设置中允许本网站使用定位，然后重试。",
        "en": "Cannot check in: the browser may not share your location. Allow location for this site in the "
        "browser or phone settings and try again.",
    },
    "checkin.gps.unavailable": {
        "zh-CN": "无法签到：暂时获取不到位置。请到开阔处或打开 GPS 后重试。",
        "en": "Cannot check in: your position is not available right now. Move into the open or turn on GPS "
        "and try again.",
    },
    "checkin.gps.timeout": {
        "zh-CN": "无法签到：获取位置超时。请稍后重试。",
        "en": "Cannot check in: getting your position took too long. Try again in a moment.",
    },
    "checkin.gps.unsupported": {
        "zh-CN": "无法签到：这个浏览器不支持定位。请换用手机自带浏览器。",
        "en": "Cannot check in: this browser cannot share a location. Use the phone's own browser.",
    },
    "dossier.outcome_locked": {
        "zh-CN": "请先到达签到，才能记录走访结果。",
        "en": "Check in first to record the outcome.",
    },
    "dossier.outcome_locked_missed": {
        "zh-CN": "这个走访已记录为未走访，不能再记录走访结果。",
        "en": "This visit is recorded as not visited: no outcome can be recorded.",
    },
    "outcome.met": {
        "zh-CN": "见到本人",
        "en": "Met the debtor",
    },
    "outcome.not_home": {
        "zh-CN": "无人在家",
        "en": "Not home",
    },
    "outcome.refused": {
        "zh-CN": "拒绝沟通",
        "en": "Refused to talk",
    },
    "outcome.wrong_address": {
        "zh-CN": "地址错误",
        "en": "Wrong address",
    },
    "outcome.third_party": {
        "zh-CN": "见到第三方",
        "en": "Met a third party",
    },
    "outcome.paid": {
        "zh-CN": "已还款",
        "en": "Paid",
    },
    "outcome.promise": {
        "zh-CN": "承诺还款",
        "en": "Promise to pay",
    },
    "outcome.plan_agreed": {
        "zh-CN": "达成分期方案",
        "en": "Plan agreed",
    },
    "log.title": {
        "zh-CN": "走访结果与记录",
        "en": "Outcome and notes",
    },
    "log.outcome": {
        "zh-CN": "走访结果",
        "en": "Outcome",
    },
    "log.choose": {
        "zh-CN": "请选择结果",
        "en": "Choose the outcome",
    },
    "log.save_outcome": {
        "zh-CN": "保存结果",
        "en": "Save outcome",
    },
    "log.promise_amount": {
        "zh-CN": "承诺金额（元）",
        "en": "Promised amount (CNY)",
    },
    "log.promise_due": {
        "zh-CN": "承诺还款日期",
        "en": "Promised by (date)",
    },
    "log.note": {
        "zh-CN": "记录",
        "en": "Note",
    },
    "log.note_placeholder": {
        "zh-CN": "沟通要点、对方诉求、下一步安排…",
        "en": "What was said, what the debtor asked for, next steps…",
    },
    "log.save_note": {
        "zh-CN": "保存记录",
        "en": "Save note",
    },
    "log.offline_hint": {
        "zh-CN": "没有信号也可以保存：记录先存在手机上，联网后自动发送。",
        "en": "Works without signal: saved on the phone first, sent when the connection returns.",
    },
    "log.photos": {
        "zh-CN": "现场照片",
        "en": "Photos",
    },
    "log.photo_pick": {
        "zh-CN": "拍照或选择照片（JPG/PNG，≤8MB）",
        "en": "Take or choose photos (JPG/PNG, ≤8 MB)",
    },
    "log.photo_upload": {
        "zh-CN": "上传照片",
        "en": "Upload photos",
    },
    "log.photo_online": {
        "zh-CN": "上传照片需要网络。",
        "en": "Uploading photos needs a connection.",
    },
    "log.photos_saved": {
        "zh-CN": "已上传 {count} 张照片",
        "en": "{count} {count|photo|photos} uploaded",
    },
    "log.history": {
        "zh-CN": "本次走访记录",
        "en": "This visit's log",
    },
    "log.empty": {
        "zh-CN": "还没有记录",
        "en": "Nothing recorded yet",
    },
    "log.kind.outcome": {
        "zh-CN": "结果",
        "en": "Outcome",
    },
    "log.kind.note": {
        "zh-CN": "记录",
        "en": "Note",
    },
    "log.kind.photo": {
        "zh-CN": "照片",
        "en": "Photo",
    },
    "log.bad_client_id": {
        "zh-CN": "记录编号无效",
        "en": "The item's id is not valid",
    },
    "log.bad_outcome": {
        "zh-CN": "未知的走访结果：{outcome}",
        "en": "Unknown outcome: {outcome}",
    },
    "log.bad_kind": {
        "zh-CN": "无法识别的记录类型",
        "en": "Unknown kind of item",
    },
    "log.not_your_item": {
        "zh-CN": "这条记录由本机的另一位用户录入，将在其登录后发送。",
        "en": "Another user of this phone typed this item: it is sent when they sign in.",
    },
    "log.checkin_first": {
        "zh-CN": "请先签到，再记录走访结果",
        "en": "Check in first, then record the outcome",
    },
    "log.note_empty": {
        "zh-CN": "记录内容不能为空",
        "en": "The note is empty",
    },
    "log.note_too_long": {
        "zh-CN": "记录最多 {limit} 字",
        "en": "A note has at most {limit} characters",
    },
    "log.photo_empty": {
        "zh-CN": "照片文件为空",
        "en": "The photo file is empty",
    },
    "log.photo_too_big": {
        "zh-CN": "照片不能超过 {limit_mb} MB",
        "en": "A photo may be at most {limit_mb} MB",
    },
    "log.photo_type": {
        "zh-CN": "只接受 JPG、PNG 或 WebP 图片",
        "en": "Only JPG, PNG or WebP images",
    },
    "log.photo_limit": {
        "zh-CN": "每次走访最多 {limit} 张照片",
        "en": "At most {limit} photos per visit",
    },
}

_THIRD = {
    "third_party.title": ("问第三方去向", "Ask a third party where the debtor is"),
    "third_party.not_yet": (
        "只有在联系不上本人时才能联系第三方：连续 {attempts} 次电话和走访失败，且 {days} 天内未与本人沟通。",
        "A third party may be asked only when the debtor cannot be reached: {attempts} failed calls and visits in "
        "a row and no conversation in {days} days.",
    ),
    "third_party.intro": (
        "联系不上本人。可以向一位第三方发一条短信，只询问去向；短信不提及债务，每人只能联系一次。",
        "The debtor cannot be reached. You may text one third party, asking only where the debtor is; the text "
        "says nothing of the debt, and each person is contacted once.",
    ),
    "third_party.name": ("对方姓名", "Their name"),
    "third_party.relation": ("与债务人的关系", "Relation to the debtor"),
    "third_party.phone": ("对方手机号", "Their mobile number"),
    "third_party.preview": ("将发送的短信", "The text that will be sent"),
    "third_party.send": ("发送询问短信", "Send the text"),
    "third_party.sent": ("已发送给 {name}", "Sent to {name}"),
    "third_party.blocked": ("未发送：{why}", "Not sent: {why}"),
    "third_party.people": ("已联系的第三方", "Third parties contacted"),
    "third_party.row": ("{name}（{relation}）· {phone} · {at}", "{name} ({relation}) · {phone} · {at}"),
    "third_party.stop": ("对方要求不再联系", "They asked not to be contacted"),
    "third_party.stopped": ("已要求不再联系", "Asked not to be contacted"),
    "third_party.stop_done": ("已记录：不再联系 {name}", "Recorded: {name} will not be contacted again"),
    "third_party.relation.family": ("家人", "Family"),
    "third_party.relation.neighbour": ("邻居", "Neighbour"),
    "third_party.relation.colleague": ("同事", "Colleague"),
    "third_party.relation.landlord": ("房东", "Landlord"),
    "third_party.relation.other": ("其他", "Other"),
    "third_party.error.name": ("请填写对方姓名（最多 40 字）", "Enter their name (at most 40 characters)"),
    "third_party.error.relation": ("请选择关系", "Choose the relation"),
    "third_party.error.phone": ("手机号无效", "Not a valid mobile number"),
    "third_party.error.debtors_own": ("这是债务人本人的号码", "This is the debtor's own number"),
}
_LAWYER = {
    "lawyer.title": ("律师", "Lawyer"),
    "lawyer.none": (
        "债务人如已委托律师，请登记：此后不得再联系债务人本人，只能联系律师（电话或信函）。",
        "If the debtor has a lawyer, put them on file: from then on only the lawyer is contacted (call or letter).",
    ),
    "lawyer.on_file": ("已登记律师：{name}（{firm}）· {phone}", "Lawyer on file: {name} ({firm}) · {phone}"),
    "lawyer.stop_note": (
        "不得再联系债务人本人（电话、短信、上门）。请联系律师。",
        "The debtor is not contacted any more (calls, texts, visits). Contact the lawyer.",
    ),
    "lawyer.name": ("律师姓名", "Lawyer's name"),
    "lawyer.firm": ("律师事务所", "Law firm"),
    "lawyer.phone": ("律师电话", "Lawyer's phone"),
    "lawyer.add": ("登记律师", "Put the lawyer on file"),
    "lawyer.added": ("已登记律师 {name}", "Lawyer {name} put on file"),
    "lawyer.remove": ("取消登记", "Remove"),
    "lawyer.removed": ("已取消律师登记", "The lawyer is no longer on file"),
    "lawyer.call": ("致电律师", "Call the lawyer"),
    "lawyer.dial": ("拨打 {phone}", "Dial {phone}"),
    "lawyer.error.name": ("请填写律师姓名", "Enter the lawyer's name"),
    "lawyer.error.firm": ("事务所名称最多 120 字", "A firm's name has at most 120 characters"),
    "lawyer.error.phone": ("电话号码无效", "Not a valid phone number"),
}
MESSAGES.update({key: {"zh-CN": zh, "en": en} for key, (zh, en) in (_THIRD | _LAWYER).items()})
