"""The script library's rules: which situations exist, which apply to a visit, what a valid snippet is.

Pure: `VisitFacts` is counted by `visitapp.field.services.scripts` from the database; `situations_for` turns
them into the situations whose talking points the agent should read before knocking, in the order they
are useful at the door (opening first, closing last).
"""

from __future__ import annotations

from dataclasses import dataclass

from visitapp.cases.rules.scoring import SEGMENTS

# Every situation, in the order talking points are shown. The first four apply to every visit.
OPENING = "opening"  # who you are, badge, company, purpose
VERIFY_IDENTITY = "verify_identity"  # make sure it is the debtor before the debt is mentioned
THIRD_PARTY = "third_party"  # someone else answers: never disclose the debt
FIRST_VISIT = "first_visit"
REPEAT_VISIT = "repeat_visit"
NOT_HOME_BEFORE = "not_home_before"  # the last visit found nobody at home
BROKEN_PROMISE = "broken_promise"
HARDSHIP = "hardship"  # the case carries a hardship or distress flag
PAUSED = "paused"  # dispute or complaint: collection is paused, listen and record only
PLAN_OFFER = "plan_offer"  # an open case with overdue money and no agreed plan: offer 6/12 months
DONT_SAY = "dont_say"  # no threats, no shaming, no false claims
CLOSING = "closing"  # sum up, next step, how to verify and complain

SITUATIONS: tuple[str, ...] = (
    OPENING,
    VERIFY_IDENTITY,
    THIRD_PARTY,
    FIRST_VISIT,
    REPEAT_VISIT,
    NOT_HOME_BEFORE,
    BROKEN_PROMISE,
    HARDSHIP,
    PAUSED,
    PLAN_OFFER,
    DONT_SAY,
    CLOSING,
)
ALWAYS: tuple[str, ...] = (OPENING, VERIFY_IDENTITY, THIRD_PARTY, DONT_SAY, CLOSING)

LANGS: tuple[str, ...] = ("zh-CN", "en")
ALL_SEGMENTS = ""  # a snippet for every segment
SNIPPET_SEGMENTS: tuple[str, ...] = (ALL_SEGMENTS, *SEGMENTS)

TITLE_MAX = 120  # the column's length
BODY_MAX = 2000  # read on a phone at the door: longer is not a talking point
SORT_MIN, SORT_MAX = -9999, 9999

# Case pause reasons (Case.pause_reason) and what they mean for the talk.
HARDSHIP_REASONS = frozenset({"hardship", "distress"})
DISPUTE_REASONS = frozenset({"disputed", "dispute", "complaint"})


@dataclass(frozen=True)
class VisitFacts:
    """What the database says about the visit's case, reduced to what the talk depends on."""

    earlier_visits: int = 0  # earlier visits on this case that were made (checked in or with an outcome)
    last_outcome: str | None = None  # the outcome of the most recent of them
    broken_promises: int = 0
    hardship: bool = False  # hardship or distress flag
    disputed: bool = False  # the debtor disputes the debt, or a complaint pauses the case
    paused: bool = False  # the case is paused for any reason
    closed: bool = False
    overdue_cents: int = 0
    agreed_plan: bool = False


def situations_for(facts: VisitFacts) -> list[str]:
    """The situations that apply, in display order. A paused or closed case gets no plan offer and no
    broken-promise push: when collection is paused the agent listens and records, nothing more."""
    applies = set(ALWAYS)
    applies.add(REPEAT_VISIT if facts.earlier_visits else FIRST_VISIT)
    if facts.earlier_visits and facts.last_outcome == "not_home":
        applies.add(NOT_HOME_BEFORE)
    if facts.hardship:
        applies.add(HARDSHIP)
    if facts.disputed:
        applies.add(PAUSED)
    collecting = not (facts.paused or facts.closed or facts.disputed or facts.hardship)
    if collecting and facts.broken_promises:
        applies.add(BROKEN_PROMISE)
    if collecting and facts.overdue_cents > 0 and not facts.agreed_plan:
        applies.add(PLAN_OFFER)
    return [s for s in SITUATIONS if s in applies]


def validate(*, segment: str, situation: str, lang: str, title: str, body: str, sort: int) -> list[tuple[str, str]]:
    """Problems as (field, message key); empty when the snippet is valid. Text is checked after stripping."""
    problems: list[tuple[str, str]] = []
    if segment not in SNIPPET_SEGMENTS:
        problems.append(("segment", "scripts.error.segment"))
    if situation not in SITUATIONS:
        problems.append(("situation", "scripts.error.situation"))
    if lang not in LANGS:
        problems.append(("lang", "scripts.error.lang"))
    title, body = title.strip(), body.strip()
    if not title:
        problems.append(("title", "scripts.error.title_required"))
    elif len(title) > TITLE_MAX:
        problems.append(("title", "scripts.error.title_long"))
    if not body:
        problems.append(("body", "scripts.error.body_required"))
    elif len(body) > BODY_MAX:
        problems.append(("body", "scripts.error.body_long"))
    if not SORT_MIN <= sort <= SORT_MAX:
        problems.append(("sort", "scripts.error.sort"))
    return problems


def other_lang(lang: str) -> str:
    return "en" if lang == "zh-CN" else "zh-CN"


@dataclass(frozen=True)
class DefaultSnippet:
    segment: str
    situation: str
    lang: str
    title: str
    body: str
    sort: int = 10


# (situation, segment, zh title, zh body, en title, en body). Plain text, one point a line: read on a phone at
# the door. Written from the CBA collection guideline (2026) and good field practice: identify yourself,
# verify before discussing the debt, never tell third parties, listen first, offer what the debtor can pay.
_DEFAULTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        OPENING,
        "",
        "开场：表明身份和来意",
        "“您好，我是（公司名称）的外访专员（姓名），工号（工号），这是我的工作证。您可以扫我手机上的二维码核实我的身份。"
        "今天来是想和（姓名）本人当面沟通一件个人事务，了解一下您的情况，看看怎么一起解决。请问现在方便吗？”\n"
        "· 主动出示工作证，同行同事也要介绍。\n"
        "· 站在门外说话，对方不邀请不进屋。\n"
        "· 对方说现在不方便：约一个时间，礼貌离开。",
        "Opening: who you are and why you came",
        "\"Good morning, I'm (name) from (company), badge number (badge). Here is my ID; you can scan the QR code on "
        "my phone to check it. I'd like to speak with (name) in person about a private matter, to hear how things "
        'are and find a way forward together. Is now a good time?"\n'
        "· Show your badge first; introduce your colleague too.\n"
        "· Talk at the door; go in only if invited.\n"
        "· If it is not a good time, agree on another and leave politely.",
    ),
    (
        VERIFY_IDENTITY,
        "",
        "先核实身份，再谈欠款",
        "“请问您是（姓名）本人吗？为了保护您的隐私，我需要先核对一下：请告诉我您的出生年份，或身份证号后四位。”\n"
        "· 核实之前，不提欠款、金额和债权机构。\n"
        "· 对方不愿核实：说明原因，约定稍后电话联系，不追问。\n"
        "· 核实不一致：不再谈此事，记录后离开。",
        "Verify identity before discussing the debt",
        '"Are you (name)? To protect your privacy I need to check first: could you tell me your year of birth, '
        'or the last four digits of your ID number?"\n'
        "· Until verified, say nothing about the debt, the amount or the creditor.\n"
        "· If they will not verify, explain why you ask, offer a call later, and do not press.\n"
        "· If the answer does not match, stop, note it and leave.",
    ),
    (
        THIRD_PARTY,
        "",
        "家人、邻居或他人开门时",
        "“您好，我找（姓名），是一件个人事务。请问他/她什么时候方便？麻烦转告他/她给我回个电话，这是我的联系方式。”\n"
        "· 不透露欠款、金额，不说“催收”，不说公司做什么业务。\n"
        "· 不请他人代还，不向他人施压，不留写有欠款的纸条。\n"
        "· 对方要求不要再来：记录下来，回去报告，不争辩。",
        "When a relative, neighbour or anyone else answers",
        "\"Hello, I'm looking for (name) about a personal matter. When would be a good time? Could you ask them to "
        'call me back? Here is my number."\n'
        '· Never mention the debt or the amount, never say "collection", never say what the company does.\n'
        "· Never ask others to pay or put pressure on them; leave no note about the debt.\n"
        "· If asked not to come again, note it, report it, and do not argue.",
    ),
    (
        FIRST_VISIT,
        "",
        "第一次上门：先听后说",
        "“今天主要是想听听您的情况：逾期是什么原因造成的？现在的收入和支出大概怎样？”\n"
        "· 先弄清原因，再谈方案。\n"
        "· 给对方看逐笔明细，讲清本金、利息和费用各是多少。\n"
        "· 不急于当场要求还款，可以约定下次联系。",
        "First visit: listen before you talk",
        '"Today I mainly want to hear how things are for you: what led to the missed payments, and roughly what '
        'comes in and goes out each month?"\n'
        "· Understand the cause before proposing anything.\n"
        "· Show the itemised statement: principal, interest and fees, line by line.\n"
        "· No need to ask for payment on the spot; agree on the next contact.",
    ),
    (
        REPEAT_VISIT,
        "",
        "再次上门：接着上次说",
        "“上次我们聊到（上次的约定），这段时间情况有变化吗？”\n"
        "· 出发前看一下历史记录、备注和承诺。\n"
        "· 先肯定对方已经做到的部分，不翻旧账、不指责。\n"
        "· 结束时约定一个具体的下一步。",
        "Repeat visit: pick up where you left off",
        '"Last time we talked about (what was agreed). Has anything changed since then?"\n'
        "· Read the history, notes and promises before you go.\n"
        "· Acknowledge what they have already done; do not blame.\n"
        "· End with one concrete next step.",
    ),
    (
        NOT_HOME_BEFORE,
        "",
        "上次不在家",
        "“您好，我（日期）来过一次，您不在家，所以这次提前发了短信约时间。”\n"
        "· 仍然无人：不向邻居、物业、保安打听欠款的事，不在门上张贴任何东西。\n"
        "· 记录“不在家”后离开；连续 3 次无果，下次上门需主管批准。\n"
        "· 可以改为电话或请对方通过短信链接另约时间。",
        "Nobody was home last time",
        '"Hello, I came by on (date) and you were out, so this time we sent a message first to agree a time."\n'
        "· If nobody is home again, do not ask neighbours, the property office or guards about the debt, and "
        "post nothing on the door.\n"
        '· Record "not home" and leave; after 3 fruitless visits in a row a supervisor must approve the next.\n'
        "· Suggest a call, or that they pick another time through the SMS link.",
    ),
    (
        BROKEN_PROMISE,
        "",
        "承诺没有兑现",
        "“上次您说（日期）前还（金额），后来没有到账，是遇到什么困难了吗？”\n"
        "· 先问原因，不说“说话不算数”之类的话。\n"
        "· 重新了解能力：新的承诺要是对方真正做得到的金额和日期。\n"
        "· 一次还不上，可以改为分期。",
        "A promise was not kept",
        '"Last time you planned to pay (amount) by (date), and it has not arrived. Did something get in the way?"\n'
        "· Ask why first; never call them a liar or say they broke their word.\n"
        "· Reassess: a new promise must be an amount and a date they can really meet.\n"
        "· If a lump sum is not possible, move to a plan.",
    ),
    (
        HARDSHIP,
        "",
        "困难或危机：先停下来",
        "“听起来您最近很不容易。还款的事可以先放一放，您和家人的安全、健康更重要。”\n"
        "· 停止谈还款，认真倾听，不评判。\n"
        "· 有危机迹象时，点“债务人可能处于危机”，把援助热线告诉对方。\n"
        "· 告诉对方可以申请困难延期或减免，会有专人联系。",
        "Hardship or crisis: stop first",
        '"It sounds like things have been really hard lately. The payment can wait; your safety and your family '
        'come first."\n'
        "· Stop talking about payment; listen without judging.\n"
        '· If you see signs of crisis, tap "Debtor may be in crisis" and give them the helpline.\n'
        "· Tell them they can ask for a hardship deferral or reduction and someone will contact them.",
    ),
    (
        PAUSED,
        "",
        "有争议或投诉：只听不催",
        "“您对这笔账有异议（或已经投诉）。在处理结果出来之前，我们不会要求您还款。我把您的意见记录下来，会有专人按时限回复您。”\n"
        "· 不争辩，不劝对方撤回投诉。\n"
        "· 如实记录争议内容和对方提供的材料。\n"
        "· 告诉对方投诉和查询的渠道。",
        "Dispute or complaint: listen, do not collect",
        '"You disagree with this account (or have complained). Until that is resolved we will not ask you to pay. '
        "I'll write down what you tell me, and someone will reply within the set time.\"\n"
        "· Do not argue and do not talk them out of the complaint.\n"
        "· Record what is disputed and any documents they show you.\n"
        "· Tell them how to follow up or complain.",
    ),
    (
        PLAN_OFFER,
        "",
        "提出分期方案",
        "“如果一次还清有困难，可以考虑分期，比如 6 期或 12 期。我可以现场算出每一期的准确金额，您看过再决定。”\n"
        "· 以对方每月真正承担得起的金额为准。\n"
        "· 讲清首付、每期金额、还款日，以及权限内可以减免的费用。\n"
        "· 签字前让对方看完整的还款计划；不当场逼签，可以考虑后再答复。",
        "Offer an installment plan",
        '"If paying it all at once is hard, we can spread it, for example over 6 or 12 months. I can work out the '
        'exact amount of every installment here, and you decide once you have seen it."\n'
        "· Start from what they can truly afford each month.\n"
        "· Explain the down payment, each installment, the due dates and any fee waiver within your authority.\n"
        "· Show the full schedule before signing; never push for a signature, they may answer later.",
    ),
    (
        PLAN_OFFER,
        "D",
        "长期逾期：从低门槛开始",
        "· 逾期时间长、还款少：先了解现在的生活和收入，再谈钱。\n"
        "· 可以从 12 期、较低首付谈起；罚息、滞纳金可在权限内申请减免。\n"
        "· 哪怕金额很小，按时的第一笔还款也是好的开始。",
        "Long overdue: start with a low threshold",
        "· Long overdue and little paid: ask about their life and income now before talking money.\n"
        "· Start from 12 months and a small down payment; ask for late-fee or interest waivers within your "
        "authority.\n"
        "· Even a small first payment made on time is a good start.",
    ),
    (
        DONT_SAY,
        "",
        "不能说、不能做的",
        "· 不恐吓：不说“不还就抓你、坐牢、上法院强制执行”等不实或威胁性的话。\n"
        "· 不羞辱：不辱骂、不讽刺，不说“告诉你单位/家人/邻居”。\n"
        "· 不冒充律师、法院、公安或政府人员；不收现金，不让对方转账到个人账户。\n"
        "· 不在 22:00–08:00 上门或联系；对方要求离开时立即离开。",
        "What never to say or do",
        "· No threats: never say they will be arrested, jailed or have assets seized, or anything untrue.\n"
        "· No shaming: no insults or sarcasm, never threaten to tell their employer, family or neighbours.\n"
        "· Never pose as a lawyer, court, police or official; take no cash and never ask for transfers to a "
        "personal account.\n"
        "· No visits or contact 22:00–08:00; leave at once when asked to.",
    ),
    (
        CLOSING,
        "",
        "结束：复述约定，留下渠道",
        "“我们今天约定的是（内容）。还款请只通过官方渠道，到账后会有收据。如果对我今天的服务有意见，可以通过短信链接或客服电话投诉。”\n"
        "· 复述约定，留下联系方式，感谢对方的时间。\n"
        "· 离开后马上记录结果和备注。",
        "Closing: sum up and leave the right channels",
        '"So today we agreed (what was agreed). Please pay only through the official channels; you will get a '
        "receipt. If you are unhappy with how I handled today, you can complain through the SMS link or the service "
        'line."\n'
        "· Repeat what was agreed, leave your contact details, thank them for their time.\n"
        "· Record the outcome and notes right after you leave.",
    ),
)


def default_snippets() -> list[DefaultSnippet]:
    """The starter library: every situation in both languages (plus a few segment-specific points)."""
    out: list[DefaultSnippet] = []
    for situation, segment, zh_title, zh_body, en_title, en_body in _DEFAULTS:
        sort = 10 if segment == ALL_SEGMENTS else 20
        out.append(DefaultSnippet(segment, situation, "zh-CN", zh_title, zh_body, sort))
        out.append(DefaultSnippet(segment, situation, "en", en_title, en_body, sort))
    return out
