"""What a person is told when an amount they typed cannot be read (visitapp.core.money)."""

MESSAGES = {
    "money.blank": {"zh-CN": "请填写金额。", "en": "Please enter an amount."},
    "money.invalid": {
        "zh-CN": "“{value}”不是有效的金额，请填写数字，例如 1234.50。",
        "en": "“{value}” is not an amount: type a number such as 1234.50.",
    },
    "money.negative": {"zh-CN": "金额不能为负数（“{value}”）。", "en": "An amount cannot be negative (“{value}”)."},
    "money.decimals": {
        "zh-CN": "金额最多保留两位小数（分）：“{value}”。",
        "en": "An amount has at most two decimal places (fen): “{value}”.",
    },
    "money.too_large": {"zh-CN": "金额过大：“{value}”。", "en": "That amount is too large: “{value}”."},
}
