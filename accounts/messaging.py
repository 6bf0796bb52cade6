"""Text messages accounts send (a one-time code to reset a password) without knowing how they travel: the
notifications app registers the sender (its SMS gateway) at start-up, accounts imports none of it.

A sender is ``fn(*, phone, text, purpose) -> bool | None``: True when the message was queued for delivery, None
when it does not handle that phone. ``text_message_send`` answers False when no sender took it."""

from __future__ import annotations

from portal.hooks import Hook

text_message_senders = Hook("accounts.text_message_senders")


def text_message_send(*, phone: str, text: str, purpose: str) -> bool:
    return bool(text_message_senders.first(phone=phone, text=text, purpose=purpose))
