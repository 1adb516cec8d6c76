"""Texts for segmenting and assigning: score factors, segments, strategies and their reasons, assignment
and geocoding (map pins). Factor texts take the factor's params; amounts arrive already formatted
(see `visitapp.cases.services.scoring_service.factor_text`)."""

MESSAGES: dict[str, dict[str, str]] = {
    # score factors ("score.factor.<code>"), with the params of visitapp.cases.rules.scoring
    "score.title": {"zh-CN": "评分 {score} 分（{segment} 类）", "en": "Score {score} (segment {segment})"},
    "score.why": {"zh-CN": "评分依据", "en": "Why this score"},
    "score.points": {"zh-CN": "{points} 分", "en": "{points} pts"},
    "score.rescore": {"zh-CN": "重新评分", "en": "Rescore"},
    "score.rescored": {"zh-CN": "已重新评分 {count} 个案件。", "en": "{count} cases rescored."},
    "score.factor.base": {"zh-CN": "基础分", "en": "Starting score"},
    "score.factor.days_overdue": {"zh-CN": "逾期 {days} 天（{bucket}）", "en": "{days} days overdue ({bucket})"},
    "score.factor.amount": {"zh-CN": "未还金额 {amount}", "en": "{amount} outstanding"},
    "score.factor.paid_share": {
        "zh-CN": "已到期应还 {due}，已还 {paid}（{pct}%）",
        "en": "Paid {paid} of {due} fallen due ({pct}%)",
    },
    "score.factor.paid_share_none": {"zh-CN": "尚无到期应还款", "en": "Nothing has fallen due yet"},
    "score.factor.recent_payments": {
        "zh-CN": "近 {days} 天还款 {count} 笔",
        "en": "{count} payments in the last {days} days",
    },
    "score.factor.promises_kept": {"zh-CN": "已兑现承诺 {count} 次", "en": "{count} promises kept"},
    "score.factor.promises_broken": {"zh-CN": "未兑现承诺 {count} 次", "en": "{count} promises broken"},
    "score.factor.contact_reached": {
        "zh-CN": "近 {days} 天联系上本人 {count} 次（电话接通或上门见到）",
        "en": "Reached {count} times in the last {days} days (calls connected, met at visits)",
    },
    "score.factor.contact_fruitless": {
        "zh-CN": "近 {days} 天未接通或无人在家 {count} 次",
        "en": "{count} unanswered calls or nobody at home in the last {days} days",
    },
    "score.factor.contact_refused": {
        "zh-CN": "近 {days} 天上门被拒 {count} 次",
        "en": "Refused at the door {count} times in the last {days} days",
    },
    "score.factor.contact_wrong": {
        "zh-CN": "近 {days} 天号码错误或地址错误 {count} 次",
        "en": "{count} wrong numbers or wrong addresses in the last {days} days",
    },
    "score.factor.strategy_reason": {"zh-CN": "策略依据", "en": "Why this strategy"},
    # segments
    "segment.label": {"zh-CN": "分层", "en": "Segment"},
    "segment.A": {"zh-CN": "A 类：还款意愿和能力高", "en": "A: able and willing to pay"},
    "segment.B": {"zh-CN": "B 类：较好", "en": "B: fair"},
    "segment.C": {"zh-CN": "C 类：较差", "en": "C: poor"},
    "segment.D": {"zh-CN": "D 类：很差", "en": "D: very poor"},
    # strategies and why
    "strategy.label": {"zh-CN": "建议策略", "en": "Suggested strategy"},
    "strategy.sms": {"zh-CN": "短信提醒", "en": "Reminder SMS"},
    "strategy.call": {"zh-CN": "电话沟通", "en": "Call"},
    "strategy.visit": {"zh-CN": "上门走访", "en": "Visit"},
    "strategy.review": {"zh-CN": "人工复核", "en": "Review"},
    "strategy.reason.deceased": {"zh-CN": "债务人已故，需人工处理", "en": "The debtor has died: a person decides"},
    "strategy.reason.lawyer": {"zh-CN": "债务人已委托律师", "en": "The debtor is represented by a lawyer"},
    "strategy.reason.disputed": {"zh-CN": "债务人对债务有异议", "en": "The debtor disputes the debt"},
    "strategy.reason.cease_communication": {
        "zh-CN": "债务人要求停止一切联系",
        "en": "The debtor asked us to stop all communication",
    },
    "strategy.reason.paused": {
        "zh-CN": "案件已暂停（投诉处理中或困难申请）",
        "en": "The case is paused (open complaint or hardship)",
    },
    "strategy.reason.willing_small_amount": {
        "zh-CN": "还款意愿高、金额小，短信提醒即可",
        "en": "Willing to pay and a small amount: a reminder is enough",
    },
    "strategy.reason.phone_unreachable": {
        "zh-CN": "电话联系不上（无号码、号码错误或多次未接）",
        "en": "Cannot be reached by phone (no number, wrong number or repeatedly unanswered)",
    },
    "strategy.reason.large_amount_poor_contact": {
        "zh-CN": "金额较大且近期未能联系上本人",
        "en": "A large amount and no recent conversation",
    },
    "strategy.reason.reachable_by_phone": {"zh-CN": "可电话联系", "en": "Reachable by phone"},
    "strategy.reason.no_channel": {
        "zh-CN": "电话联系不上且债务人拒绝上门，需人工决定",
        "en": "Not reachable by phone and visits declined: a person decides",
    },
    # assigning: words
    "assign.assign": {"zh-CN": "分配", "en": "Assign"},
    "assign.bulk": {"zh-CN": "批量分配", "en": "Bulk assign"},
    "assign.auto": {"zh-CN": "自动分配", "en": "Auto-assign"},
    "assign.reassign": {"zh-CN": "改派", "en": "Reassign"},
    "assign.to_agent": {"zh-CN": "分配给", "en": "Assign to"},
    "assign.pick_agent": {"zh-CN": "选择外访专员", "en": "Choose an agent"},
    "assign.selected": {"zh-CN": "已选 {count} 个案件", "en": "{count} cases selected"},
    "assign.only_unassigned": {"zh-CN": "仅未分配的案件", "en": "Unassigned cases only"},
    "assign.done": {"zh-CN": "已分配给 {name}。", "en": "Assigned to {name}."},
    "assign.bulk_done": {"zh-CN": "已将 {count} 个案件分配给 {name}。", "en": "{count} cases assigned to {name}."},
    "assign.auto_team": {"zh-CN": "{team}：{count} 个案件", "en": "{team}: {count} cases"},
    "assign.auto_skipped": {
        "zh-CN": "{count} 个案件缺少地图坐标，未分配，请先标注位置。",
        "en": "{count} cases have no map position and were not assigned: set their pins first.",
    },
    "assign.auto_nothing": {"zh-CN": "没有需要分配的案件。", "en": "No cases to assign."},
    # assigning: errors
    "assign.conflict": {
        "zh-CN": "{name} 已于 {time} 修改了该案件，请刷新后查看最新内容。",
        "en": "{name} changed this case at {time}; reload to see the change.",
    },
    "assign.conflict_unknown": {
        "zh-CN": "该案件已于 {time} 被他人修改，请刷新后查看最新内容。",
        "en": "Someone changed this case at {time}; reload to see the change.",
    },
    "assign.reload": {"zh-CN": "刷新", "en": "Reload"},
    "assign.not_your_case": {
        "zh-CN": "案件 {case_id} 不属于您负责的小组，无法分配。",
        "en": "Case {case_id} is not in a team you run, so you cannot assign it.",
    },
    "assign.not_your_agent": {
        "zh-CN": "只能分配给您负责小组的外访专员。",
        "en": "You can assign only to agents of the teams you run.",
    },
    "assign.agent_invalid": {
        "zh-CN": "该用户不是在职且已加入小组的外访专员。",
        "en": "That user is not an active field agent in a team.",
    },
    "assign.case_closed": {
        "zh-CN": "案件 {case_id} 已结案，无法分配。",
        "en": "Case {case_id} is closed and cannot be assigned.",
    },
    "assign.cases_not_found": {"zh-CN": "找不到这些案件：{ids}", "en": "These cases were not found: {ids}"},
    "assign.no_teams": {
        "zh-CN": "没有可分配的小组（需要设置基地坐标且有在职外访专员）。",
        "en": "No team can take cases (a team needs a base position and an active agent).",
    },
    "assign.bad_tolerance": {"zh-CN": "负载容差不能为负数。", "en": "The load tolerance cannot be negative."},
    # geocoding and map pins
    "geocode.set_pin": {"zh-CN": "标注位置", "en": "Set pin"},
    "geocode.needs_pin": {"zh-CN": "待标注位置", "en": "Needs pin"},
    "geocode.status.given": {"zh-CN": "导入坐标", "en": "Imported position"},
    "geocode.status.geocoded": {"zh-CN": "地址解析", "en": "Geocoded"},
    "geocode.status.needs_pin": {"zh-CN": "待标注位置", "en": "Needs pin"},
    "geocode.status.pinned": {"zh-CN": "人工标注", "en": "Pinned by hand"},
    "geocode.lat": {"zh-CN": "纬度", "en": "Latitude"},
    "geocode.lon": {"zh-CN": "经度", "en": "Longitude"},
    "geocode.run": {"zh-CN": "解析待定位地址", "en": "Geocode pending addresses"},
    "geocode.result": {
        "zh-CN": "已定位 {geocoded} 个，未找到 {not_found} 个，失败 {errors} 个。",
        "en": "{geocoded} located, {not_found} not found, {errors} failed.",
    },
    "geocode.pin_saved": {"zh-CN": "位置已保存。", "en": "Pin saved."},
    "geocode.pin_invalid": {"zh-CN": "请输入有效的经纬度。", "en": "Enter a valid latitude and longitude."},
    "geocode.pin_out_of_range": {
        "zh-CN": "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。",
        "en": "Latitude must be between -90 and 90, longitude between -180 and 180.",
    },
    "geocode.pin_zero": {"zh-CN": "坐标 (0, 0) 不是有效位置。", "en": "(0, 0) is not a real position."},
    "geocode.not_your_debtor": {
        "zh-CN": "该债务人的案件不在您负责的小组内。",
        "en": "This debtor's cases are not in a team you run.",
    },
    "geocode.not_configured": {
        "zh-CN": "未配置地址解析服务，请在地图上标注位置。",
        "en": "No geocoder is configured: set pins on the map.",
    },
    "geocode.unavailable": {
        "zh-CN": "地址解析服务暂时不可用，请稍后重试。",
        "en": "The geocoder is unavailable; try again later.",
    },
}
