"""The agent's Today page: the tomorrow tab, the route sketch and the navigation buttons."""

MESSAGES: dict[str, dict[str, str]] = {
    "agent.today.tab_today": {"zh-CN": "今天", "en": "Today"},
    "agent.today.tab_tomorrow": {"zh-CN": "明天", "en": "Tomorrow"},
    "agent.today.title_tomorrow": {"zh-CN": "明日走访", "en": "Tomorrow's visits"},
    "agent.today.empty_tomorrow": {
        "zh-CN": "明天还没有安排走访。调度发布明天的路线后会显示在这里。",
        "en": "No visits are planned for tomorrow yet. They appear here once the dispatcher publishes the plan.",
    },
    "agent.today.progress_planned": {"zh-CN": "共 {total} 个", "en": "{total} planned"},
    "agent.today.view_list": {"zh-CN": "列表", "en": "List"},
    "agent.today.view_map": {"zh-CN": "地图", "en": "Map"},
    "agent.today.map_hint": {
        "zh-CN": "离线路线示意图（非道路地图）：方块为出发点，点编号打开走访档案。",
        "en": "Offline route sketch (not a road map): the square is the team base; tap a number to open the visit.",
    },
    "agent.today.map_missing": {
        "zh-CN": "{count} 个走访没有坐标，未显示在图上。",
        "en": "{count} visit(s) have no coordinates and are not on the sketch.",
    },
    "agent.today.map_none": {
        "zh-CN": "这些走访都没有坐标，无法画出路线。",
        "en": "None of these visits has coordinates, so there is no route to draw.",
    },
    "navapp.open": {"zh-CN": "导航", "en": "Navigate"},
    "navapp.choose": {"zh-CN": "导航用", "en": "Navigate with"},
    "navapp.amap": {"zh-CN": "高德地图", "en": "Amap"},
    "navapp.baidu": {"zh-CN": "百度地图", "en": "Baidu Maps"},
    "navapp.apple": {"zh-CN": "苹果地图", "en": "Apple Maps"},
    "navapp.google": {"zh-CN": "谷歌地图", "en": "Google Maps"},
    "navapp.no_position": {"zh-CN": "无坐标", "en": "No location"},
    "navapp.no_position_hint": {
        "zh-CN": "这个地址还没有坐标，无法导航。请联系调度在地图上标注。",
        "en": "This address has no coordinates yet, so navigation is not possible. Ask the dispatcher to pin it.",
    },
    "navapp.saved": {"zh-CN": "导航将使用{app}", "en": "Navigation now opens {app}"},
    "nav.invalid_app": {"zh-CN": "不支持的导航应用：{app}", "en": "Unsupported map app: {app}"},
}
