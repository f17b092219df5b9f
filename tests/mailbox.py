"""An SMTP server on loopback that keeps every message it receives, for the tests that
check what the site really sends (aiosmtpd, from requirements-dev.txt)."""

import time
from email import message_from_bytes, policy

from tests.server import free_port


class Mailbox:
    """An SMTP server on loopback that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]

    def wait_for(self, address, containing, timeout=15):
        """The first message to `address` whose subject or body contains `containing`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                text = message["subject"] + "\n" + message.get_body(("plain",)).get_content()
                if containing in text:
                    return message
            time.sleep(0.2)
        subjects = [str(message["subject"]) for message in self.to(address)]
        raise AssertionError(f"no mail to {address} containing {containing!r}: {subjects}")
