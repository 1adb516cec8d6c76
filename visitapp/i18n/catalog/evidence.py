"""Texts of the evidence pack (a case's records for an auditor) and of its page (/admin/evidence)."""

_T = {
    "nav.evidence": ("证据包", "Evidence"),
    "evidence.title": ("案件证据包", "A case's evidence pack"),
    "evidence.intro": (
        "输入案件编号，生成该案件的证据包（ZIP）：PDF 摘要与原始记录，每个文件附 SHA-256 清单。"
        "生成操作会记入审计日志。",
        "Enter a case number to make its evidence pack (ZIP): a PDF summary and the raw records, each file in a "
        "SHA-256 manifest. Making one is recorded in the audit log.",
    ),
    "evidence.case": ("案件编号", "Case number"),
    "evidence.make": ("生成并下载", "Make and download"),
    "evidence.made": ("已生成：{files} 个文件，SHA-256 {sha}", "Made: {files} files, SHA-256 {sha}"),
    "evidence.bad_case": ("请输入案件编号（数字）", "Enter a case number (digits)"),
    "evidence.pdf.title": ("案件 {case} 证据包摘要", "Evidence pack of case {case}: summary"),
    "evidence.pdf.generated": ("由 {by} 于 {at} 生成", "Made by {by} at {at}"),
    "evidence.pdf.case": ("案件", "The case"),
    "evidence.pdf.debtor": ("债务人", "Debtor"),
    "evidence.pdf.contract": ("合同号", "Contract"),
    "evidence.pdf.creditor": ("债权人", "Creditor"),
    "evidence.pdf.principal": ("本金", "Principal"),
    "evidence.pdf.status": ("状态", "Status"),
    "evidence.pdf.phones": ("联系过的号码", "Numbers contacted"),
    "evidence.pdf.counts": ("记录", "Records"),
    "evidence.pdf.record": ("记录", "Record"),
    "evidence.pdf.count": ("条数", "Count"),
    "evidence.pdf.visits": ("上门走访", "Visits"),
    "evidence.pdf.day": ("日期", "Day"),
    "evidence.pdf.window": ("时间窗", "Window"),
    "evidence.pdf.checkin": ("签到", "Check-in"),
    "evidence.pdf.distance": ("距地址", "From the address"),
    "evidence.pdf.outcome": ("结果", "Outcome"),
    "evidence.pdf.files": ("文件与校验", "Files and checks"),
    "evidence.pdf.verify": (
        "manifest.json 列出包内每个文件的大小与 SHA-256；SHA256SUMS 可用 sha256sum -c 校验。原始记录为 JSON（UTF-8）。",
        "manifest.json lists every file of the pack with its size and SHA-256; SHA256SUMS checks with sha256sum -c. "
        "The raw records are JSON (UTF-8).",
    ),
    "evidence.pdf.footer": ("案件 {case} 证据包", "Evidence pack, case {case}"),
    "evidence.file.contact_ledger": ("联系记录", "Contact ledger"),
    "evidence.file.visits": ("上门走访", "Visits"),
    "evidence.file.notes": ("备注", "Notes"),
    "evidence.file.photos": ("照片", "Photos"),
    "evidence.file.sms": ("短信", "SMS"),
    "evidence.file.plans": ("还款方案", "Plans"),
    "evidence.file.payments": ("还款", "Payments"),
    "evidence.file.complaints": ("投诉", "Complaints"),
    "evidence.file.audit_trail": ("审计记录", "Audit trail"),
}

MESSAGES = {key: {"zh-CN": zh, "en": en} for key, (zh, en) in _T.items()}
