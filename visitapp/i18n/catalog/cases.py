"""Cases for the office: the list, filters, scores, assignment, geocoding and the import."""

MESSAGES = {
    "case.status.open": {
        "zh-CN": "跟进中",
        "en": "Open",
    },
    "case.status.paused": {
        "zh-CN": "已暂停",
        "en": "Paused",
    },
    "case.status.closed": {
        "zh-CN": "已结案",
        "en": "Closed",
    },
    "dispatch.cases.title": {
        "zh-CN": "案件列表",
        "en": "Cases",
    },
    "dispatch.cases.empty": {
        "zh-CN": "还没有案件。导入案件后会显示在这里。",
        "en": "No cases yet. Imported cases appear here.",
    },
    "dispatch.col.debtor": {
        "zh-CN": "债务人",
        "en": "Debtor",
    },
    "dispatch.col.phone": {
        "zh-CN": "电话",
        "en": "Phone",
    },
    "dispatch.col.district": {
        "zh-CN": "区域",
        "en": "District",
    },
    "dispatch.col.overdue": {
        "zh-CN": "逾期金额",
        "en": "Overdue",
    },
    "dispatch.col.days": {
        "zh-CN": "逾期天数",
        "en": "Days",
    },
    "dispatch.col.segment": {
        "zh-CN": "分层",
        "en": "Segment",
    },
    "dispatch.col.status": {
        "zh-CN": "状态",
        "en": "Status",
    },
    "dispatch.col.agent": {
        "zh-CN": "外访专员",
        "en": "Agent",
    },
    "dispatch.page_of_more": {
        "zh-CN": "第 {page} / {pages} 页，超过 {total} 条：筛选或搜索可缩小范围",
        "en": "Page {page} of {pages}, more than {total}: filter or search to narrow the list",
    },
    "dispatch.unassigned": {
        "zh-CN": "未分配",
        "en": "Unassigned",
    },
    "dispatch.days": {
        "zh-CN": "{days} 天",
        "en": "{days} d",
    },
    "score.title": {
        "zh-CN": "评分 {score} 分（{segment} 类）",
        "en": "Score {score} (segment {segment})",
    },
    "score.why": {
        "zh-CN": "评分依据",
        "en": "Why this score",
    },
    "score.points": {
        "zh-CN": "{points} 分",
        "en": "{points} pts",
    },
    "score.rescore": {
        "zh-CN": "重新评分",
        "en": "Rescore",
    },
    "score.rescored": {
        "zh-CN": "已重新评分 {count} 个案件。",
        "en": "{count} {count|case|cases} rescored.",
    },
    "score.factor.base": {
        "zh-CN": "基础分",
        "en": "Starting score",
    },
    "score.factor.days_overdue": {
        "zh-CN": "逾期 {days} 天（{bucket}）",
        "en": "{days} {days|day|days} overdue ({bucket})",
    },
    "score.factor.amount": {
        "zh-CN": "未还金额 {amount}",
        "en": "{amount} outstanding",
    },
    "score.factor.paid_share": {
        "zh-CN": "已到期应还 {due}，已还 {paid}（{pct}%）",
        "en": "Paid {paid} of {due} fallen due ({pct}%)",
    },
    "score.factor.paid_share_none": {
        "zh-CN": "尚无到期应还款",
        "en": "Nothing has fallen due yet",
    },
    "score.factor.recent_payments": {
        "zh-CN": "近 {days} 天还款 {count} 笔",
        "en": "{count} {count|payment|payments} in the last {days} days",
    },
    "score.factor.promises_kept": {
        "zh-CN": "已兑现承诺 {count} 次",
        "en": "{count} {count|promise|promises} kept",
    },
    "score.factor.promises_broken": {
        "zh-CN": "未兑现承诺 {count} 次",
        "en": "{count} {count|promise|promises} broken",
    },
    "score.factor.contact_reached": {
        "zh-CN": "近 {days} 天联系上本人 {count} 次（电话接通或上门见到）",
        "en": "Reached {count} {count|time|times} in the last {days} days (calls connected, met at visits)",
    },
    "score.factor.contact_fruitless": {
        "zh-CN": "近 {days} 天未接通或无人在家 {count} 次",
        "en": "{count} {count|unanswered call or nobody at home|unanswered calls or nobody at home}"
        " in the last {days} {days|day|days}",
    },
    "score.factor.contact_refused": {
        "zh-CN": "近 {days} 天上门被拒 {count} 次",
        "en": "Refused at the door {count} {count|time|times} in the last {days} days",
    },
    "score.factor.contact_wrong": {
        "zh-CN": "近 {days} 天号码错误或地址错误 {count} 次",
        "en": "{count} {count|wrong number or address|wrong numbers or wrong addresses} in the last {days} days",
    },
    "score.factor.strategy_reason": {
        "zh-CN": "策略依据",
        "en": "Why this strategy",
    },
    "segment.label": {
        "zh-CN": "分层",
        "en": "Segment",
    },
    "segment.A": {
        "zh-CN": "A 类：还款意愿和能力高",
        "en": "A: able and willing to pay",
    },
    "segment.B": {
        "zh-CN": "B 类：较好",
        "en": "B: fair",
    },
    "segment.C": {
        "zh-CN": "C 类：较差",
        "en": "C: poor",
    },
    "segment.D": {
        "zh-CN": "D 类：很差",
        "en": "D: very poor",
    },
    "strategy.label": {
        "zh-CN": "建议策略",
        "en": "Suggested strategy",
    },
    "strategy.sms": {
        "zh-CN": "短信提醒",
        "en": "Reminder SMS",
    },
    "strategy.call": {
        "zh-CN": "电话沟通",
        "en": "Call",
    },
    "strategy.visit": {
        "zh-CN": "上门走访",
        "en": "Visit",
    },
    "strategy.review": {
        "zh-CN": "人工复核",
        "en": "Review",
    },
    "strategy.reason.deceased": {
        "zh-CN": "债务人已故，需人工处理",
        "en": "The debtor has died: a person decides",
    },
    "strategy.reason.lawyer": {
        "zh-CN": "债务人已委托律师",
        "en": "The debtor is represented by a lawyer",
    },
    "strategy.reason.disputed": {
        "zh-CN": "债务人对债务有异议",
        "en": "The debtor disputes the debt",
    },
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
    "strategy.reason.reachable_by_phone": {
        "zh-CN": "可电话联系",
        "en": "Reachable by phone",
    },
    "strategy.reason.no_channel": {
        "zh-CN": "电话联系不上且债务人拒绝上门，需人工决定",
        "en": "Not reachable by phone and visits declined: a person decides",
    },
    "assign.assign": {
        "zh-CN": "分配",
        "en": "Assign",
    },
    "assign.bulk": {
        "zh-CN": "批量分配",
        "en": "Bulk assign",
    },
    "assign.auto": {
        "zh-CN": "自动分配",
        "en": "Auto-assign",
    },
    "assign.reassign": {
        "zh-CN": "改派",
        "en": "Reassign",
    },
    "assign.to_agent": {
        "zh-CN": "分配给",
        "en": "Assign to",
    },
    "assign.pick_agent": {
        "zh-CN": "选择外访专员",
        "en": "Choose an agent",
    },
    "assign.selected": {
        "zh-CN": "已选 {count} 个案件",
        "en": "{count} {count|case|cases} selected",
    },
    "assign.only_unassigned": {
        "zh-CN": "仅未分配的案件",
        "en": "Unassigned cases only",
    },
    "assign.done": {
        "zh-CN": "已分配给 {name}。",
        "en": "Assigned to {name}.",
    },
    "assign.bulk_done": {
        "zh-CN": "已将 {count} 个案件分配给 {name}。",
        "en": "{count} {count|case|cases} assigned to {name}.",
    },
    "assign.auto_team": {
        "zh-CN": "{team}：{count} 个案件",
        "en": "{team}: {count} {count|case|cases}",
    },
    "assign.auto_skipped": {
        "zh-CN": "{count} 个案件缺少地图坐标，未分配，请先标注位置。",
        "en": "{count} {count|case has|cases have} no map position and {count|was|were} not assigned:"
        " set their pins first.",
    },
    "assign.auto_nothing": {
        "zh-CN": "没有需要分配的案件。",
        "en": "No cases to assign.",
    },
    "assign.conflict": {
        "zh-CN": "{name} 已于 {time} 修改了该案件，请刷新后查看最新内容。",
        "en": "{name} changed this case at {time}; reload to see the change.",
    },
    "assign.conflict_unknown": {
        "zh-CN": "该案件已于 {time} 被他人修改，请刷新后查看最新内容。",
        "en": "Someone changed this case at {time}; reload to see the change.",
    },
    "assign.reload": {
        "zh-CN": "刷新",
        "en": "Reload",
    },
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
    "assign.cases_not_found": {
        "zh-CN": "找不到这些案件：{ids}",
        "en": "These cases were not found: {ids}",
    },
    "assign.no_teams": {
        "zh-CN": "没有可分配的小组（需要设置基地坐标且有在职外访专员）。",
        "en": "No team can take cases (a team needs a base position and an active agent).",
    },
    "assign.bad_tolerance": {
        "zh-CN": "负载容差不能为负数。",
        "en": "The load tolerance cannot be negative.",
    },
    "geocode.set_pin": {
        "zh-CN": "标注位置",
        "en": "Set pin",
    },
    "geocode.needs_pin": {
        "zh-CN": "待标注位置",
        "en": "Needs pin",
    },
    "geocode.status.given": {
        "zh-CN": "导入坐标",
        "en": "Imported position",
    },
    "geocode.status.geocoded": {
        "zh-CN": "地址解析",
        "en": "Geocoded",
    },
    "geocode.status.needs_pin": {
        "zh-CN": "待标注位置",
        "en": "Needs pin",
    },
    "geocode.status.pinned": {
        "zh-CN": "人工标注",
        "en": "Pinned by hand",
    },
    "geocode.lat": {
        "zh-CN": "纬度",
        "en": "Latitude",
    },
    "geocode.lon": {
        "zh-CN": "经度",
        "en": "Longitude",
    },
    "geocode.run": {
        "zh-CN": "解析待定位地址",
        "en": "Geocode pending addresses",
    },
    "geocode.result": {
        "zh-CN": "已定位 {geocoded} 个，未找到 {not_found} 个，失败 {errors} 个。",
        "en": "{geocoded} located, {not_found} not found, {errors} failed.",
    },
    "geocode.pin_saved": {
        "zh-CN": "位置已保存。",
        "en": "Pin saved.",
    },
    "geocode.pin_stale": {
        "zh-CN": "{name} 在 {time} 已改过这位债务人的位置。地图已显示现在的位置，请确认后再拖动。",
        "en": "{name} moved this debtor's pin at {time}. The map shows it as it is now: check it, then move it.",
    },
    "geocode.pin_invalid": {
        "zh-CN": "请输入有效的经纬度。",
        "en": "Enter a valid latitude and longitude.",
    },
    "geocode.pin_out_of_range": {
        "zh-CN": "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。",
        "en": "Latitude must be between -90 and 90, longitude between -180 and 180.",
    },
    "geocode.pin_zero": {
        "zh-CN": "坐标 (0, 0) 不是有效位置。",
        "en": "(0, 0) is not a real position.",
    },
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
    "import.nav": {
        "zh-CN": "导入",
        "en": "Import",
    },
    "import.title": {
        "zh-CN": "导入案件",
        "en": "Import cases",
    },
    "import.intro": {
        "zh-CN": "上传 CSV 或 Excel（.xlsx）文件，每行一笔债务。系统先检查全部内容，有错误时不会导入任何数据。",
        "en": "Upload a CSV or Excel (.xlsx) file with one debt per row. Everything is checked "
        "first; if anything is wrong, nothing is imported.",
    },
    "import.choose_file": {
        "zh-CN": "选择文件",
        "en": "Choose file",
    },
    "import.drop_hint": {
        "zh-CN": "将文件拖到此处，或点击选择（CSV、XLSX）",
        "en": "Drop a file here or click to choose (CSV, XLSX)",
    },
    "import.file_selected": {
        "zh-CN": "已选择：{filename}",
        "en": "Selected: {filename}",
    },
    "import.download_template": {
        "zh-CN": "下载模板",
        "en": "Download template",
    },
    "import.template_csv": {
        "zh-CN": "下载 CSV 模板",
        "en": "Download CSV template",
    },
    "import.template_xlsx": {
        "zh-CN": "下载 Excel 模板",
        "en": "Download Excel template",
    },
    "import.preview": {
        "zh-CN": "预览检查",
        "en": "Check and preview",
    },
    "import.checking": {
        "zh-CN": "正在检查…",
        "en": "Checking…",
    },
    "import.summary": {
        "zh-CN": "共 {total} 行：{ok} 行无误，{errors} 处错误",
        "en": "{total} {total|row|rows}: {ok} OK, {errors} errors",
    },
    "import.summary_ok": {
        "zh-CN": "{ok} 行全部无误",
        "en": "All {ok} rows are OK",
    },
    "import.summary_split": {
        "zh-CN": "其中新建 {new} 笔，更新 {updated} 笔",
        "en": "{new} new, {updated} to update",
    },
    "import.sample_title": {
        "zh-CN": "前 {count} 行预览",
        "en": "First {count} {count|row|rows}",
    },
    "import.run": {
        "zh-CN": "导入",
        "en": "Import",
    },
    "import.run_good_only": {
        "zh-CN": "仅导入无误的 {count} 行",
        "en": "Import only the {count} good {count|row|rows}",
    },
    "import.confirm_good_only": {
        "zh-CN": "有错误的 {errors} 行将被跳过，确定只导入无误的 {count} 行吗？",
        "en": "The {errors} {errors|row|rows} with errors will be skipped."
        " Import only the {count} good {count|row|rows}?",
    },
    "import.nothing_imported": {
        "zh-CN": "文件有错误，未导入任何数据。请修改后重新上传，或选择仅导入无误的行。",
        "en": "Nothing was imported because the file has errors. Fix them and upload again, or "
        "import only the good rows.",
    },
    "import.fatal": {
        "zh-CN": "无法读取文件或表头，未导入任何数据。",
        "en": "The file or its header cannot be read: nothing was imported.",
    },
    "import.result": {
        "zh-CN": "导入完成：新建 {created} 笔，更新 {updated} 笔",
        "en": "Imported: {created} created, {updated} updated",
    },
    "import.done": {
        "zh-CN": "导入完成：新建 {created} 笔，更新 {updated} 笔，跳过 {skipped} 行",
        "en": "Imported: {created} created, {updated} updated, {skipped} {skipped|row|rows} skipped",
    },
    "import.result_skipped": {
        "zh-CN": "跳过 {skipped} 行（有错误）",
        "en": "{skipped} {skipped|row|rows} skipped (errors)",
    },
    "import.progress": {
        "zh-CN": "已处理 {done}/{total} 行",
        "en": "{done}/{total} rows processed",
    },
    "import.errors_title": {
        "zh-CN": "错误明细",
        "en": "Errors",
    },
    "import.errors_more": {
        "zh-CN": "另有 {count} 处错误未显示",
        "en": "{count} more {count|error|errors} not shown",
    },
    "import.col.line": {
        "zh-CN": "行号",
        "en": "Line",
    },
    "import.col.column": {
        "zh-CN": "列",
        "en": "Column",
    },
    "import.col.reason": {
        "zh-CN": "原因",
        "en": "Reason",
    },
    "import.col.contract_no": {
        "zh-CN": "合同编号",
        "en": "Contract",
    },
    "import.col.debtor": {
        "zh-CN": "债务人",
        "en": "Debtor",
    },
    "import.col.phone": {
        "zh-CN": "电话",
        "en": "Phone",
    },
    "import.col.address": {
        "zh-CN": "地址",
        "en": "Address",
    },
    "import.col.lines": {
        "zh-CN": "明细行数",
        "en": "Lines",
    },
    "import.col.outstanding": {
        "zh-CN": "未还金额",
        "en": "Outstanding",
    },
    "import.col.agent": {
        "zh-CN": "外访专员",
        "en": "Agent",
    },
    "import.col.action": {
        "zh-CN": "操作",
        "en": "Action",
    },
    "import.action.create": {
        "zh-CN": "新建",
        "en": "New",
    },
    "import.action.update": {
        "zh-CN": "更新",
        "en": "Update",
    },
    "import.needs_pin": {
        "zh-CN": "需在地图上标点",
        "en": "Needs a map pin",
    },
    "import.status.validating": {
        "zh-CN": "检查中",
        "en": "Checking",
    },
    "import.status.invalid": {
        "zh-CN": "有错误，未导入",
        "en": "Errors, nothing imported",
    },
    "import.status.importing": {
        "zh-CN": "导入中",
        "en": "Importing",
    },
    "import.status.done": {
        "zh-CN": "已完成",
        "en": "Done",
    },
    "import.status.failed": {
        "zh-CN": "失败",
        "en": "Failed",
    },
    "import.error.busy": {
        "zh-CN": "上一个文件正在导入，请等它完成后再上传。",
        "en": "The previous file is still being imported. Upload the next one when it is done.",
    },
    "import.error.too_large": {
        "zh-CN": "文件过大（最大 50 MB）。",
        "en": "The file is too large (50 MB at most).",
    },
    "import.error.unsupported_format": {
        "zh-CN": "只支持 .csv 和 .xlsx 文件。",
        "en": "Only .csv and .xlsx files are supported.",
    },
    "import.error.unreadable": {
        "zh-CN": "无法读取文件（文件损坏或格式不符）。",
        "en": "The file cannot be read (damaged, or not the format its name says).",
    },
    "import.error.empty_file": {
        "zh-CN": "文件为空或第 1 行没有表头。",
        "en": "The file is empty or line 1 has no header.",
    },
    "import.error.no_rows": {
        "zh-CN": "表头下没有数据行。",
        "en": "There are no data rows under the header.",
    },
    "import.error.too_many_rows": {
        "zh-CN": "一次最多导入 {max} 行，请拆分文件。",
        "en": "At most {max} rows can be imported at once: split the file.",
    },
    "import.error.missing_column": {
        "zh-CN": "表头缺少此必需列。",
        "en": "The header lacks this required column.",
    },
    "import.error.unknown_column": {
        "zh-CN": "未知的列名（请对照模板的列名）。",
        "en": "Unknown column name (compare with the template's names).",
    },
    "import.error.duplicate_column": {
        "zh-CN": "此列名在表头中出现了多次。",
        "en": "This column name appears more than once in the header.",
    },
    "import.error.line_out_of_range": {
        "zh-CN": "明细最多 {max} 组（line1 至 line{max}）。",
        "en": "At most {max} line groups (line1 to line{max}).",
    },
    "import.error.unnamed_column": {
        "zh-CN": "此列有数据但没有列名。",
        "en": "This column has data but no header name.",
    },
    "import.error.required": {
        "zh-CN": "必填，不能为空。",
        "en": "Required: cannot be blank.",
    },
    "import.error.too_long": {
        "zh-CN": "过长：最多 {max} 个字符。",
        "en": "Too long: at most {max} characters.",
    },
    "import.error.amount_invalid": {
        "zh-CN": "“{value}”不是有效金额。",
        "en": "“{value}” is not an amount.",
    },
    "import.error.amount_decimals": {
        "zh-CN": "“{value}”的小数超过 2 位（金额精确到分）。",
        "en": "“{value}” has more than 2 decimals (amounts are exact to the cent).",
    },
    "import.error.amount_negative": {
        "zh-CN": "金额“{value}”不能为负数。",
        "en": "The amount “{value}” cannot be negative.",
    },
    "import.error.amount_too_large": {
        "zh-CN": "金额“{value}”过大。",
        "en": "The amount “{value}” is too large.",
    },
    "import.error.paid_exceeds_due": {
        "zh-CN": "已还金额 {paid} 大于应还金额 {due}。",
        "en": "The amount paid, {paid}, is more than the amount due, {due}.",
    },
    "import.error.date_invalid": {
        "zh-CN": "“{value}”不是有效日期（格式 2026-05-01 或 2026/05/01）。",
        "en": "“{value}” is not a valid date (use 2026-05-01 or 2026/05/01).",
    },
    "import.error.phone_invalid": {
        "zh-CN": "“{value}”不是有效的电话号码。",
        "en": "“{value}” is not a valid phone number.",
    },
    "import.error.coord_invalid": {
        "zh-CN": "“{value}”不是有效的坐标数值。",
        "en": "“{value}” is not a valid coordinate.",
    },
    "import.error.lat_range": {
        "zh-CN": "纬度“{value}”应在 -90 到 90 之间。",
        "en": "The latitude “{value}” must be between -90 and 90.",
    },
    "import.error.lon_range": {
        "zh-CN": "经度“{value}”应在 -180 到 180 之间。",
        "en": "The longitude “{value}” must be between -180 and 180.",
    },
    "import.error.coord_pair": {
        "zh-CN": "纬度和经度须同时填写或同时留空。",
        "en": "Give both latitude and longitude, or neither.",
    },
    "import.error.kind_invalid": {
        "zh-CN": "“{value}”不是有效类型（installment、interest、late_fee、fee 或 分期、利息、罚息、费用）。",
        "en": "“{value}” is not a kind (installment, interest, late_fee, fee).",
    },
    "import.error.bool_invalid": {
        "zh-CN": "“{value}”应为 是/否。",
        "en": "“{value}” must be yes or no.",
    },
    "import.error.birth_year_invalid": {
        "zh-CN": "出生年份应为 4 位数字（1900 年至今）。",
        "en": "The birth year must be 4 digits (1900 to this year).",
    },
    "import.error.id_last4_invalid": {
        "zh-CN": "身份证后 4 位应为 4 位数字，或 3 位数字加 X。",
        "en": "The last 4 of the ID must be 4 digits, or 3 digits and X.",
    },
    "import.error.duplicate_contract": {
        "zh-CN": "合同编号与第 {first_line} 行重复。",
        "en": "The same contract number is on line {first_line}.",
    },
    "import.error.no_lines": {
        "zh-CN": "至少需要一条明细（应还日期和应还金额）。",
        "en": "At least one statement line is needed (due date and amount due).",
    },
    "import.error.unknown_agent": {
        "zh-CN": "没有用户名为“{username}”的用户。",
        "en": "There is no user named “{username}”.",
    },
    "import.error.not_agent": {
        "zh-CN": "用户“{username}”不是外访专员。",
        "en": "The user “{username}” is not a field agent.",
    },
    "import.error.agent_inactive": {
        "zh-CN": "外访专员“{username}”已停用。",
        "en": "The agent “{username}” is deactivated.",
    },
    "import.error.agent_other_team": {
        "zh-CN": "外访专员“{username}”不属于您管理的小组。",
        "en": "The agent “{username}” is not in a team you run.",
    },
    "import.error.agent_required": {
        "zh-CN": "请填写外访专员（您管理多个小组，无法确定案件归属）。",
        "en": "Name an agent: you run several teams, so the case's team is unclear.",
    },
    "import.error.contract_other_team": {
        "zh-CN": "此合同已属于其他小组的案件，您无权修改。",
        "en": "This contract belongs to another team's case: you cannot change it.",
    },
    "import.template.sheet_data": {
        "zh-CN": "案件",
        "en": "Cases",
    },
    "import.template.col_name": {
        "zh-CN": "列名",
        "en": "Column",
    },
    "import.template.col_required": {
        "zh-CN": "必填",
        "en": "Required",
    },
    "import.template.col_example": {
        "zh-CN": "示例",
        "en": "Example",
    },
    "import.template.yes": {
        "zh-CN": "是",
        "en": "yes",
    },
    "import.template.note_rows": {
        "zh-CN": "每行一笔债务；第 1 行为表头，列的顺序可以调整。空行会被跳过。",
        "en": "One debt per row; line 1 is the header and the columns may come in any order. Blank rows are skipped.",
    },
    "import.template.note_lines": {
        "zh-CN": "逾期明细填在同一行的 lineN_* 列组中（N = 1 至 {max}）；四格全空的列组会被忽略，每行至少一条明细。",
        "en": "Overdue lines go in the same row, in the lineN_* column groups (N = 1 to {max});"
        " a group with all four cells blank is ignored; each row needs at least one line.",
    },
    "import.template.note_update": {
        "zh-CN": "合同编号已存在时更新该案件（债务人信息、电话、本金、明细整体替换、重新分配外访专员）"
        "，不会重复创建。出生年份、身份证后4位、外访专员留空时保留原值；表头中没有的列保留原值。",
        "en": "An existing contract number updates that case (debtor details, phones, principal,"
        " the statement lines replaced, agent reassigned); it is never duplicated. Blank "
        "birth year, ID last 4 or agent keep the stored value; columns missing from the header "
        "keep theirs.",
    },
    "import.template.note_all_or_nothing": {
        "zh-CN": "导入前检查全部内容；只要有一处错误就不导入任何数据，除非选择“仅导入无误的行”。",
        "en": "Everything is checked before importing; a single error means nothing is imported,"
        " unless you choose to import only the good rows.",
    },
    "import.template.note_text_cells": {
        "zh-CN": "请将合同编号、电话、身份证后4位设为“文本”格式，以免 Excel 去掉开头的 0。",
        "en": "Format contract numbers, phones and ID digits as Text so that Excel keeps leading zeros.",
    },
    "import.template.example_row": {
        "zh-CN": "第 2 行是示例，导入前请删除。",
        "en": "Line 2 is an example: delete it before importing.",
    },
    "import.column.contract_no": {
        "zh-CN": "合同编号，最多 40 个字符，文件内不可重复；已存在的合同会被更新。",
        "en": "Contract number, at most 40 characters, unique in the file; an existing contract is updated.",
    },
    "import.column.debtor_name": {
        "zh-CN": "债务人姓名，最多 80 个字符。",
        "en": "Debtor's name, at most 80 characters.",
    },
    "import.column.id_last4": {
        "zh-CN": "身份证后 4 位（4 位数字或 3 位数字加 X），用于债务人查看账单时验证身份，仅以加密散列保存。",
        "en": "Last 4 characters of the ID card (4 digits, or 3 digits and X); the debtor enters "
        "it to see the statement; stored only as a keyed hash.",
    },
    "import.column.birth_year": {
        "zh-CN": "出生年份（4 位数字），用于身份验证，仅以加密散列保存。",
        "en": "Year of birth (4 digits), a verifier; stored only as a keyed hash.",
    },
    "import.column.phone": {
        "zh-CN": "主要电话（手机或固话，可不带 +86）。",
        "en": "Main phone (mobile or landline; +86 optional).",
    },
    "import.column.phone2": {
        "zh-CN": "备用电话。",
        "en": "Second phone.",
    },
    "import.column.address": {
        "zh-CN": "详细地址，最多 255 个字符。",
        "en": "Street address, at most 255 characters.",
    },
    "import.column.district": {
        "zh-CN": "区/县。",
        "en": "District.",
    },
    "import.column.city": {
        "zh-CN": "城市。",
        "en": "City.",
    },
    "import.column.lat": {
        "zh-CN": "纬度（小数度数，-90 至 90）；与经度同时填写。都不填时需在地图上标点。",
        "en": "Latitude (decimal degrees, -90 to 90), together with the longitude; without both,"
        " the address needs a pin on the map.",
    },
    "import.column.lon": {
        "zh-CN": "经度（小数度数，-180 至 180）。",
        "en": "Longitude (decimal degrees, -180 to 180).",
    },
    "import.column.creditor": {
        "zh-CN": "债权方。",
        "en": "Creditor.",
    },
    "import.column.product": {
        "zh-CN": "产品，如信用卡、消费贷。",
        "en": "Product, e.g. credit card, consumer loan.",
    },
    "import.column.principal": {
        "zh-CN": "本金（元），最多 2 位小数。",
        "en": "Principal in yuan, at most 2 decimals.",
    },
    "import.column.opened_on": {
        "zh-CN": "放款日期（2025-03-15）。",
        "en": "Date the loan was opened (2025-03-15).",
    },
    "import.column.agent_username": {
        "zh-CN": "负责的外访专员的用户名；留空则不分配（更新时保留原分配）。",
        "en": "Username of the field agent who gets the case; blank leaves it unassigned (on update: unchanged).",
    },
    "import.column.night_worker": {
        "zh-CN": "是否夜班工作者（是/否），留空为否。",
        "en": "Works nights (yes/no); blank means no.",
    },
    "import.column.line_due_date": {
        "zh-CN": "第 N 条明细的应还日期（2026-05-01 或 2026/05/01）。",
        "en": "Due date of line N (2026-05-01 or 2026/05/01).",
    },
    "import.column.line_kind": {
        "zh-CN": "类型：installment（分期）、interest（利息）、late_fee（罚息）、fee（费用）；留空为分期。",
        "en": "Kind: installment, interest, late_fee or fee; blank means installment.",
    },
    "import.column.line_amount_due": {
        "zh-CN": "应还金额（元）。",
        "en": "Amount due in yuan.",
    },
    "import.column.line_amount_paid": {
        "zh-CN": "已还金额（元），留空为 0，不能大于应还金额。",
        "en": "Amount already paid in yuan; blank means 0; not more than the amount due.",
    },
    "nav.import": {
        "zh-CN": "导入",
        "en": "Import",
    },
    "filter.segment": {
        "zh-CN": "分层",
        "en": "Segment",
    },
    "filter.bucket": {
        "zh-CN": "逾期阶段",
        "en": "Overdue",
    },
    "filter.status": {
        "zh-CN": "状态",
        "en": "Status",
    },
    "filter.agent": {
        "zh-CN": "外访专员",
        "en": "Agent",
    },
    "filter.district": {
        "zh-CN": "区域",
        "en": "Area",
    },
    "filter.text": {
        "zh-CN": "姓名或合同号",
        "en": "Name or contract",
    },
    "filter.any": {
        "zh-CN": "全部",
        "en": "Any",
    },
    "filter.unassigned": {
        "zh-CN": "未分配",
        "en": "Unassigned",
    },
    "filter.clear": {
        "zh-CN": "清除筛选",
        "en": "Clear filters",
    },
    "filter.none_match": {
        "zh-CN": "没有符合筛选条件的案件。",
        "en": "No cases match these filters.",
    },
    "dispatch.assigned_n": {
        "zh-CN": "已分配 {count} 个案件。",
        "en": "{count} {count|case|cases} assigned.",
    },
    "dispatch.auto_assigned": {
        "zh-CN": "已按区域自动分配 {count} 个案件。",
        "en": "{count} {count|case|cases} assigned by territory.",
    },
    "dispatch.assign_to": {
        "zh-CN": "分配给",
        "en": "Assign to",
    },
    "dispatch.assign_selected": {
        "zh-CN": "分配所选（{count}）",
        "en": "Assign selected ({count})",
    },
    "dispatch.auto_assign": {
        "zh-CN": "自动分配未分配案件",
        "en": "Auto-assign unassigned",
    },
    "dispatch.needs_pin": {
        "zh-CN": "需标注位置",
        "en": "Needs a pin",
    },
    "dispatch.set_pin": {
        "zh-CN": "标注位置",
        "en": "Set pin",
    },
    "dispatch.pin_format": {
        "zh-CN": "请按“纬度, 经度”填写，例如 31.2304, 121.4737。",
        "en": 'Write it as "lat, lon", e.g. 31.2304, 121.4737.',
    },
    "dispatch.schedule": {
        "zh-CN": "安排上门",
        "en": "Schedule visits",
    },
    "dispatch.slot.morning": {
        "zh-CN": "上午时段",
        "en": "Morning slot",
    },
    "dispatch.slot.afternoon": {
        "zh-CN": "下午时段",
        "en": "Afternoon slot",
    },
    "dispatch.scheduled": {
        "zh-CN": "已安排 {created} 个上门，{refused} 个未安排：",
        "en": "{created} {created|visit|visits} scheduled, {refused} refused:",
    },
    "filter.search": {
        "zh-CN": "搜索",
        "en": "Search",
    },
    "filter.chip": {
        "zh-CN": "{label}：{value}",
        "en": "{label}: {value}",
    },
    "filter.remove": {
        "zh-CN": "移除筛选",
        "en": "Remove filter",
    },
    "assign.already": {
        "zh-CN": "该案件已分配给 {name}，无需更改。",
        "en": "Already assigned to {name}; nothing changed.",
    },
    "assign.bulk_unchanged": {
        "zh-CN": "{count} 个案件本来就分配给 {name}，未作更改。",
        "en": "{count} {count|case was|cases were} already assigned to {name}"
        " and {count|was|were} left as {count|it is|they are}.",
    },
}
