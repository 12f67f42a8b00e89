"""A local SMTP server for the alert tests (aiosmtpd on 127.0.0.1 and a free port): it keeps every message it receives."""

import email
import email.policy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.network import free_port


@dataclass
class Inbox:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    def environment(self, recipients: str = "ekonomi@example.test, it@example.test") -> dict[str, str]:
        """The environment that points the alerts at this server."""
        return {
            "SJUHARAD_SMTP_HOST": self.host,
            "SJUHARAD_SMTP_PORT": str(self.port),
            "SJUHARAD_SMTP_SECURITY": "none",
            "SJUHARAD_ALERT_FROM": "sjuharad-insyn@example.test",
            "SJUHARAD_ALERT_TO": recipients,
        }

    def wait_for(self, count: int, timeout: float) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.5)
        return list(self.messages)

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"


@contextmanager
def local_smtp_server() -> Iterator[Inbox]:
    inbox = Inbox("127.0.0.1", free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
