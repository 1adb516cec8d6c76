"""The default text of the third-party notice: someone else's phone, so it asks only that the person sought
call back, and says nothing about why (no debt, no amount, no account)."""

MESSAGES = {
    "sms.third_party_notice": {
        "zh-CN": "【{company}】您好，我们有事需要联系{name}，麻烦您转告其回电{phone}，谢谢！回复TD退订",
        "en": "[{company}] Hello. We would like to reach {name}. Could you please ask them to call us back on "
        "{phone}? Thank you. Reply STOP to opt out.",
    },
}
