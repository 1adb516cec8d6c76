"""The README's way to reach the debtor page in development is true: with the outbox SMS provider the full
text of every SMS, link included, is on the server's console, whatever Reflex's log level."""

import io
import logging

import visitapp.app  # configures the console log as the server does
from visitapp.adapters.sms import OutboxProvider


def test_the_outbox_sms_with_its_link_reaches_the_console_at_the_default_level():
    log = logging.getLogger("visitapp")
    assert log.getEffectiveLevel() <= logging.INFO
    (handler,) = [h for h in log.handlers if h.get_name() == visitapp.app.CONSOLE]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("root").setLevel(logging.WARNING)  # Reflex's default: our lines must still show
        OutboxProvider().send(
            to="+8613812345678", body="【安信】请点击 http://localhost:3000/v/abcDEF123456789xyz 确认", ref="m7"
        )
    finally:
        handler.setStream(previous)
    line = stream.getvalue()
    assert "outbox SMS m7 to 5678" in line and "/v/abcDEF123456789xyz" in line
