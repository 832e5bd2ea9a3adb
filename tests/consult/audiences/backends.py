"""A mail server stand-in that refuses some addresses, as a real one does."""

import smtplib

from django.core.mail.backends import locmem


class RefusingEmailBackend(locmem.EmailBackend):
    """Refuses addresses at bounce.invalid with the 550 a mail server sends."""

    def send_messages(self, messages):
        for message in messages:
            refused = [a for a in message.to if a.endswith("@bounce.invalid")]
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    {
                        refused[0]: (
                            550,
                            f"5.1.1 <{refused[0]}>: Recipient address rejected: "
                            "User unknown".encode(),
                        )
                    }
                )
        return super().send_messages(messages)
