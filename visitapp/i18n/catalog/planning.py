"""Route planning and the live board."""

MESSAGES = {
    "nav.plan": {
        "zh-CN": "排线",
        "en": "Plan",
    },
    "nav.board": {
        "zh-CN": "看板",
        "en": "Board",
    },
    "board.title": {
        "zh-CN": "今日进度",
        "en": "Today's progress",
    },
    "board.updated": {
        "zh-CN": "更新于 {time}，每 15 秒自动刷新",
        "en": "Updated {time}; refreshes every 15 s",
    },
    "board.done": {
        "zh-CN": "已完成",
        "en": "Done",
    },
    "board.remaining": {
        "zh-CN": "剩余",
        "en": "Remaining",
    },
    "board.checked_in": {
        "zh-CN": "已签到",
        "en": "Checked in",
    },
    "board.late": {
        "zh-CN": "迟到",
        "en": "Late",
    },
    "board.next": {
        "zh-CN": "下一站",
        "en": "Next",
    },
    "board.flagged": {
        "zh-CN": "{count} 次远距离签到待核查",
        "en": "{count} far-away {count|check-in|check-ins} to review",
    },
    "board.empty": {
        "zh-CN": "今天没有安排走访的小组。",
        "en": "No team has visits today.",
    },
    "board.progress": {
        "zh-CN": "{done} / {total}",
        "en": "{done} / {total}",
    },
    "plan.title": {
        "zh-CN": "路线规划",
        "en": "Route planning",
    },
    "plan.date": {
        "zh-CN": "日期",
        "en": "Date",
    },
    "plan.teams": {
        "zh-CN": "当班小组",
        "en": "Teams on shift",
    },
    "plan.seconds": {
        "zh-CN": "计算时间（秒）",
        "en": "Solver time (s)",
    },
    "plan.run": {
        "zh-CN": "生成路线",
        "en": "Plan routes",
    },
    "plan.running": {
        "zh-CN": "正在计算路线（最多 {seconds} 秒）…",
        "en": "Planning routes (up to {seconds} s)…",
    },
    "plan.publish": {
        "zh-CN": "发布路线",
        "en": "Publish",
    },
    "plan.published": {
        "zh-CN": "已发布，{count} 个走访已更新。",
        "en": "Published: {count} {count|visit|visits} updated.",
    },
    "plan.no_visits": {
        "zh-CN": "所选日期和小组没有待安排的走访。",
        "en": "No visits to plan for that date and those teams.",
    },
    "plan.pick_team": {
        "zh-CN": "请至少选择一个小组。",
        "en": "Pick at least one team.",
    },
    "plan.bad_date": {
        "zh-CN": "日期格式应为 YYYY-MM-DD。",
        "en": "Dates are written YYYY-MM-DD.",
    },
    "plan.summary": {
        "zh-CN": "{teams} 个小组，安排 {planned} 个走访，未安排 {dropped} 个，总行驶 {travel} 分钟，计算 {seconds} 秒",
        "en": "{teams} {teams|team|teams}, {planned} {planned|visit|visits} planned, {dropped} left out,"
        " {travel} min driving, solved in {seconds} s",
    },
    "plan.team_line": {
        "zh-CN": "{stops} 站 · 行驶 {travel} 分钟",
        "en": "{stops} stops · {travel} min driving",
    },
    "plan.dropped": {
        "zh-CN": "未安排的走访",
        "en": "Visits left out",
    },
    "plan.col.order": {
        "zh-CN": "顺序",
        "en": "#",
    },
    "plan.col.eta": {
        "zh-CN": "预计到达",
        "en": "ETA",
    },
    "plan.col.debtor": {
        "zh-CN": "债务人",
        "en": "Debtor",
    },
    "plan.col.window": {
        "zh-CN": "时段",
        "en": "Window",
    },
    "plan.col.travel": {
        "zh-CN": "行驶",
        "en": "Drive",
    },
    "plan.lunch": {
        "zh-CN": "休息 {time}",
        "en": "Break {time}",
    },
    "plan.street_map": {
        "zh-CN": "路线地图：每个小组一种颜色，方块为出发点，数字为走访顺序",
        "en": "Route map: one colour per team; the square is the base, numbers are the visit order",
    },
    "plan.map": {
        "zh-CN": "路线示意图（离线）",
        "en": "Route sketch (offline)",
    },
    "plan.reason.no_time": {
        "zh-CN": "当天时间不够，未能排入",
        "en": "Did not fit into any team's day",
    },
    "plan.reason.window_unreachable": {
        "zh-CN": "约定时段内无法到达",
        "en": "Its window cannot be reached in time",
    },
    "plan.reason.no_coordinates": {
        "zh-CN": "地址缺少坐标，请先标注位置",
        "en": "No coordinates: set a pin first",
    },
    "plan.reason.lunch_conflict": {
        "zh-CN": "与午休时间冲突",
        "en": "Clashes with the lunch break",
    },
    "plan.status.draft": {
        "zh-CN": "草稿",
        "en": "Draft",
    },
    "plan.status.published": {
        "zh-CN": "已发布",
        "en": "Published",
    },
    "plan.status.superseded": {
        "zh-CN": "已被替代",
        "en": "Superseded",
    },
    "plan.not_draft": {
        "zh-CN": "该方案已是“{status}”状态，不能再发布。",
        "en": "This plan is already {status} and cannot be published.",
    },
    "plan.team_without_base": {
        "zh-CN": "小组“{team}”没有出发地点，请先设置。",
        "en": "Team {team} has no base location: set it first.",
    },
    "plan.col.move": {
        "zh-CN": "改派",
        "en": "Move",
    },
    "visit.no_team": {
        "zh-CN": "案件尚未分配小组。",
        "en": "The case has no team yet.",
    },
    "visit.already_scheduled": {
        "zh-CN": "当天已安排上门。",
        "en": "A visit is already scheduled that day.",
    },
    "plan.stale": {
        "zh-CN": "自生成以来已有 {count} 个走访被修改，请重新生成路线后再发布。",
        "en": "{count} {count|visit|visits} changed since this plan was made: plan again before publishing.",
    },
    "plan.reason.stopped": {
        "zh-CN": "案件已暂停或存在停止催收情形，不安排",
        "en": "Collection is paused or stopped for this case",
    },
    "visit.past_day": {
        "zh-CN": "不能为过去的日期安排上门。",
        "en": "Visits cannot be scheduled in the past.",
    },
    "plan.reason.no_shift": {
        "zh-CN": "该时段不在所排小组的班次内",
        "en": "Outside the shifts of the teams planned",
    },
    "plan.moved_planned": {
        "zh-CN": "已改派给{team}，安排在 {eta}。",
        "en": "Moved to {team}: planned at {eta}.",
    },
    "plan.moved_left_out": {
        "zh-CN": "已改派给{team}，但未能排入当天路线：{reason}。",
        "en": "Moved to {team}, but left out of its day: {reason}.",
    },
    "plan.uncovered.title": {
        "zh-CN": "以下已确认的预约不在所选小组当天的班次内，生成路线时无法安排：",
        "en": "These confirmed appointments are outside every chosen team's shift that day and cannot be planned:",
    },
    "plan.uncovered.hint": {
        "zh-CN": "请给一个小组安排覆盖该时段的班次（例如 12:00–21:00），或与债务人另约时间。",
        "en": "Give one team a shift that covers them (e.g. 12:00–21:00), or agree another time with the debtor.",
    },
    "plan.team_hours": {
        "zh-CN": "{team}（{hours}）",
        "en": "{team} ({hours})",
    },
    "shift.day_or_weekday": {
        "zh-CN": "请指定一个日期或一个星期几（二选一）。",
        "en": "Give either a date or a weekday.",
    },
    "shift.bad_hours": {
        "zh-CN": "班次的开始时间必须早于结束时间。",
        "en": "A shift must start before it ends.",
    },
    "shift.bad_lunch": {
        "zh-CN": "休息时间必须在班次之内。",
        "en": "The break must lie within the shift.",
    },
}
