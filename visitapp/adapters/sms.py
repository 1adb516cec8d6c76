"""SMS providers behind one small interface.

- `OutboxProvider` (the default, and the demo's): nothing leaves the machine; the message row in the
  database is the record, with status `outbox`. An administrator reads it in the app.
- `HttpProvider`: a JSON POST over httpx to a configured gateway (`VISITAPP_SMS_URL`, bearer
  `VISITAPP_SMS_TOKEN`). The gateway answers `{"id": "..."}`; that id comes back later in delivery
  reports. Timeouts and 5xx are temporary (retry later); 4xx are permanent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import httpx

from visitapp.core.settings import get_settings


@dataclass(frozen=True)
class SendResult:
    status: str  # sent | outbox | failed | retry
    provider_ref: str | None = None
    error: str | None = None


class SmsProvider(Protocol):
    name: str

    def send(self, *, to: str, body: str, ref: str) -> SendResult: ...


class OutboxProvider:
    """Nothing leaves the machine. The stored message hides the debtor-link token, so the full text (the
    only copy of the link) goes to the server log, which is where a developer trying the debtor page
    finds it."""

    name = "outbox"

    def send(self, *, to: str, body: str, ref: str) -> SendResult:

        logging.getLogger("visitapp.sms").info("outbox SMS %s to %s: %s", ref, to[-4:], body)
        return SendResult("outbox", provider_ref=f"outbox-{ref}")


class HttpProvider:
    name = "http"

    def __init__(
        self,
        url: str,
        token: str | None = None,
        sender: str = "",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url, self.token, self.sender, self.timeout = url, token, sender, timeout
        self._transport = transport

    def send(self, *, to: str, body: str, ref: str) -> SendResult:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = {"to": to, "body": body, "reference": ref, "sender": self.sender}
        try:
            with httpx.Client(timeout=self.timeout, transport=self._transport) as client:
                response = client.post(self.url, json=payload, headers=headers)
        except httpx.HTTPError as exc:
            return SendResult("retry", error=f"{type(exc).__name__}: {exc}"[:255])
        if response.status_code >= 500 or response.status_code == 429:
            return SendResult("retry", error=f"HTTP {response.status_code}")
        if response.status_code >= 400:
            return SendResult("failed", error=f"HTTP {response.status_code}: {response.text[:200]}")
        try:
            provider_ref = str(response.json().get("id") or "") or None
        except ValueError:
            provider_ref = None
        return SendResult("sent", provider_ref=provider_ref)


def get_provider() -> SmsProvider:
    s = get_settings()
    if s.sms_provider == "http":
        if not s.sms_url:
            raise RuntimeError("VISITAPP_SMS_PROVIDER=http needs VISITAPP_SMS_URL")
        return HttpProvider(s.sms_url, s.sms_token, s.company_name)
    return OutboxProvider()
