"""Alert e-mails over SMTP, configured from the environment; off when it is not configured.

SJUHARAD_SMTP_HOST and SJUHARAD_ALERT_TO (comma-separated) turn alerts on;
SJUHARAD_SMTP_PORT, SJUHARAD_SMTP_SECURITY (starttls, ssl or none), SJUHARAD_SMTP_USER,
SJUHARAD_SMTP_PASSWORD and SJUHARAD_ALERT_FROM are optional. Read when an alert is sent,
so the services pick up their environment file when they are restarted.
"""

import os
import smtplib
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
ATTEMPTS = 3
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Alert:
    subject: str
    body: str


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str
    user: str
    password: str
    sender: str
    recipients: tuple[str, ...]


class MailConfigurationError(ValueError):
    pass


def _value(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def settings_from_environment(environ: Mapping[str, str] = os.environ) -> tuple[MailSettings | None, str]:
    """The SMTP settings, or None and a sentence saying why alert e-mails are off."""
    host = _value(environ, "SJUHARAD_SMTP_HOST")
    recipients = tuple(
        address.strip() for address in _value(environ, "SJUHARAD_ALERT_TO").split(",") if address.strip()
    )
    missing = [name for name, value in (("SJUHARAD_SMTP_HOST", host), ("SJUHARAD_ALERT_TO", recipients)) if not value]
    if missing:
        return None, f"Alert e-mails are off: {' and '.join(missing)} not set (docs/deploy.md, Alerts)."
    security = _value(environ, "SJUHARAD_SMTP_SECURITY").lower() or "starttls"
    if security not in DEFAULT_PORTS:
        raise MailConfigurationError(f"SJUHARAD_SMTP_SECURITY: expected starttls, ssl or none, found {security!r}")
    port_text = _value(environ, "SJUHARAD_SMTP_PORT")
    if port_text and not port_text.isdigit():
        raise MailConfigurationError(f"SJUHARAD_SMTP_PORT: expected a port number such as 587, found {port_text!r}")
    settings = MailSettings(
        host=host,
        port=int(port_text) if port_text else DEFAULT_PORTS[security],
        security=security,
        user=_value(environ, "SJUHARAD_SMTP_USER"),
        password=environ.get("SJUHARAD_SMTP_PASSWORD", ""),
        sender=_value(environ, "SJUHARAD_ALERT_FROM") or f"sjuharad-insyn@{socket.getfqdn()}",
        recipients=recipients,
    )
    return settings, f"Alert e-mails go to {', '.join(recipients)} through {host}:{settings.port} ({security})."


def message(settings: MailSettings, alert: Alert) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.sender
    mail["To"] = ", ".join(settings.recipients)
    mail["Subject"] = alert.subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    mail.set_content(alert.body)
    return mail


def _deliver(settings: MailSettings, mail: EmailMessage) -> None:
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    with server:
        if settings.security == "starttls":
            server.starttls(context=ssl.create_default_context())
        if settings.user:
            server.login(settings.user, settings.password)
        server.send_message(mail)


def send(settings: MailSettings, alert: Alert, pause_seconds: float = 5.0) -> None:
    """Send the alert; a server that does not answer is tried again twice before the error is raised."""
    mail = message(settings, alert)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            _deliver(settings, mail)
            return
        except (OSError, smtplib.SMTPException):
            if attempt == ATTEMPTS:
                raise
            time.sleep(pause_seconds * attempt)
