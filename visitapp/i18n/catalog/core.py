"""Texts every page shares: the app, sign-in, navigation, roles, common words, errors, amounts."""

MESSAGES = {
    "app.name": {
        "zh-CN": "上门走访",
        "en": "Field Visits",
    },
    "app.tagline": {
        "zh-CN": "合规、体面的上门沟通",
        "en": "Lawful, respectful field visits",
    },
    "lang.switch": {
        "zh-CN": "English",
        "en": "中文",
    },
    "nav.logout": {
        "zh-CN": "退出登录",
        "en": "Sign out",
    },
    "nav.today": {
        "zh-CN": "今日",
        "en": "Today",
    },
    "nav.cases": {
        "zh-CN": "案件",
        "en": "Cases",
    },
    "common.loading": {
        "zh-CN": "加载中…",
        "en": "Loading…",
    },
    "common.retry": {
        "zh-CN": "重试",
        "en": "Retry",
    },
    "common.prev": {
        "zh-CN": "上一页",
        "en": "Previous",
    },
    "common.next": {
        "zh-CN": "下一页",
        "en": "Next",
    },
    "common.page_of": {
        "zh-CN": "第 {page} / {pages} 页，共 {total} 条",
        "en": "Page {page} of {pages}, {total} in all",
    },
    "login.heading": {
        "zh-CN": "登录",
        "en": "Sign in",
    },
    "login.username": {
        "zh-CN": "用户名",
        "en": "Username",
    },
    "login.password": {
        "zh-CN": "密码",
        "en": "Password",
    },
    "login.submit": {
        "zh-CN": "登录",
        "en": "Sign in",
    },
    "login.error.missing": {
        "zh-CN": "请输入用户名和密码。",
        "en": "Enter your username and password.",
    },
    "login.error.invalid": {
        "zh-CN": "用户名或密码错误。",
        "en": "Wrong username or password.",
    },
    "login.error.too_many": {
        "zh-CN": "登录尝试过于频繁，请稍后再试。",
        "en": "Too many sign-in attempts: please wait a moment and try again.",
    },
    "login.error.locked": {
        "zh-CN": "密码错误次数过多，账户已锁定，请于 {until} 后再试。",
        "en": "Too many wrong passwords: the account is locked until {until}.",
    },
    "login.welcome": {
        "zh-CN": "欢迎，{name}",
        "en": "Welcome, {name}",
    },
    "error.login_required": {
        "zh-CN": "请先登录。",
        "en": "Please sign in first.",
    },
    "error.forbidden_role": {
        "zh-CN": "您的账户无权访问该页面。",
        "en": "Your account cannot open that page.",
    },
    "error.at_door_only": {
        "zh-CN": "只有负责本次走访的外访专员才能在现场执行此操作。",
        "en": "Only the agents on this visit can do this, on site.",
    },
    "error.session_expired": {
        "zh-CN": "登录已过期，请重新登录。",
        "en": "Your session has expired: please sign in again.",
    },
    "error.bad_locale": {
        "zh-CN": "不支持的语言：{locale}",
        "en": "Unsupported language: {locale}",
    },
    "error.unexpected": {
        "zh-CN": "出错了，请稍后重试。",
        "en": "Something went wrong. Please try again.",
    },
    "error.not_found": {
        "zh-CN": "未找到。",
        "en": "Not found.",
    },
    "role.agent": {
        "zh-CN": "外访专员",
        "en": "Field agent",
    },
    "role.dispatcher": {
        "zh-CN": "调度员",
        "en": "Dispatcher",
    },
    "role.supervisor": {
        "zh-CN": "主管",
        "en": "Supervisor",
    },
    "role.admin": {
        "zh-CN": "管理员",
        "en": "Administrator",
    },
    "nav.policy": {
        "zh-CN": "合规设置",
        "en": "Policy",
    },
    "nav.audit": {
        "zh-CN": "审计日志",
        "en": "Audit log",
    },
    "nav.ledger": {
        "zh-CN": "联系记录",
        "en": "Contact ledger",
    },
    "common.search": {
        "zh-CN": "搜索",
        "en": "Search",
    },
    "common.save": {
        "zh-CN": "保存",
        "en": "Save",
    },
    "common.saved": {
        "zh-CN": "已保存。",
        "en": "Saved.",
    },
    "common.all": {
        "zh-CN": "全部",
        "en": "All",
    },
    "common.yes": {
        "zh-CN": "是",
        "en": "Yes",
    },
    "common.no": {
        "zh-CN": "否",
        "en": "No",
    },
    "common.none": {
        "zh-CN": "无",
        "en": "None",
    },
    "common.cancel": {
        "zh-CN": "取消",
        "en": "Cancel",
    },
    "common.confirm": {
        "zh-CN": "确认",
        "en": "Confirm",
    },
    "money.blank": {
        "zh-CN": "请填写金额。",
        "en": "Please enter an amount.",
    },
    "money.invalid": {
        "zh-CN": "“{value}”不是有效的金额，请填写数字，例如 1234.50。",
        "en": "“{value}” is not an amount: type a number such as 1234.50.",
    },
    "money.negative": {
        "zh-CN": "金额不能为负数（“{value}”）。",
        "en": "An amount cannot be negative (“{value}”).",
    },
    "money.decimals": {
        "zh-CN": "金额最多保留两位小数（分）：“{value}”。",
        "en": "An amount has at most two decimal places (fen): “{value}”.",
    },
    "money.too_large": {
        "zh-CN": "金额过大：“{value}”。",
        "en": "That amount is too large: “{value}”.",
    },
    "statement.kind.installment": {
        "zh-CN": "分期本金",
        "en": "Installment",
    },
    "statement.kind.interest": {
        "zh-CN": "利息",
        "en": "Interest",
    },
    "statement.kind.late_fee": {
        "zh-CN": "滞纳金",
        "en": "Late fee",
    },
    "statement.kind.fee": {
        "zh-CN": "费用",
        "en": "Fee",
    },
    "statement.paid": {
        "zh-CN": "已还 {amount}",
        "en": "Paid {amount}",
    },
    "statement.days_late": {
        "zh-CN": "逾期 {days} 天",
        "en": "{days} {days|day|days} late",
    },
    "statement.due_on": {
        "zh-CN": "{date} 到期",
        "en": "Due {date}",
    },
}
