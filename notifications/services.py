"""Writes of notifications: queue the messages of an event (in its transaction), send one, record a delivery
report, and the citizen's choice of channels."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notifications import gateways, messages
from notifications.models import Channel, Notification, Preference

_MOBILE = re.compile(r"^0[35789]\d{8}$")


def mobile(phone: str) -> str:
    """The phone as 0xxxxxxxxx when it is a Vietnamese mobile number (an SMS can reach it), else ""."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _MOBILE.match(digits) else ""


@dataclass
class Recipient:
    """Who a message goes to, and by which channels (in the order tried)."""

    user: object | None = None
    phone: str = ""
    email: str = ""
    channels: list[str] = field(default_factory=list)

    @property
    def ident(self) -> str:
        if self.user is not None:
            return f"u{self.user.pk}"
        if self.phone:
            return f"p{self.phone}"
        return "e" + hashlib.sha256(self.email.lower().encode()).hexdigest()[:16]


def preference_of(user, *, phone: str = "", email: str = "") -> Preference:
    """The user's choice, or the defaults (SMS when there is a mobile number — the account's or the one given
    for this matter —, e-mail when there is an address, Zalo off)."""
    preference = Preference.objects.filter(user=user).first()
    if preference is None:
        preference = Preference(user=user, sms=bool(mobile(phone or user.phone)), zalo=False,
                                email=bool(email or user.email))
    return preference


@transaction.atomic
def preference_set(*, user, sms: bool, zalo: bool, email: bool) -> Preference:
    preference, _created = Preference.objects.update_or_create(user=user, defaults={
        "sms": sms, "zalo": zalo, "email": email})
    return preference


def recipient_for(*, user=None, phone: str = "", email: str = "", zalo_possible: bool = True) -> Recipient:
    """The channels to reach a person by: their preferences when they have an account (Zalo first when they
    chose it and the message has a ZNS template; SMS then only as its fallback), SMS to a phone otherwise
    (a walk-in applicant), e-mail when there is an address and it is wanted."""
    phone = mobile(phone or (user.phone if user is not None else ""))
    email = email or (user.email if user is not None else "")
    if user is not None:
        preference = preference_of(user, phone=phone, email=email)
        wants_sms, wants_zalo, wants_email = preference.sms, preference.zalo, preference.email
    else:
        wants_sms, wants_zalo, wants_email = True, False, True
    channels = []
    if phone and wants_zalo and zalo_possible:
        channels.append(Channel.ZALO)
    elif phone and wants_sms:
        channels.append(Channel.SMS)
    if email and wants_email:
        channels.append(Channel.EMAIL)
    return Recipient(user=user, phone=phone, email=email, channels=channels)


def notify(*, event_key: str, template: str, values: dict[str, str], recipient: Recipient,
           dossier_id: int | None = None, petition_id: int | None = None, email: tuple[str, str] | None = None,
           channels: list[str] | None = None) -> list[Notification]:
    """Write the rows of one event for one recipient (in the caller's transaction) and send them after commit.
    ``email``: the subject and body the lower app wrote for this event (its own e-mail), instead of the short
    text of ``template`` (which may then be a key without a text: an e-mail-only event)."""
    rendered = messages.render(template, values) if template in messages.TEMPLATES else None
    zalo_id = messages.zalo_template_id(template) if rendered else ""
    created = []
    for channel in channels if channels is not None else recipient.channels:
        if channel == Channel.ZALO and not zalo_id:
            channel = Channel.SMS
        if channel == Channel.EMAIL:
            subject, text = email or ((rendered.subject, rendered.text) if rendered else ("", ""))
            fields = {"email": recipient.email, "subject": subject[:255], "text": text}
        elif rendered is None:
            continue
        elif channel == Channel.SMS:
            fields = {"phone": recipient.phone, "subject": rendered.subject, "text": rendered.sms,
                      "segments": rendered.segments}
        else:
            fields = {"phone": recipient.phone, "subject": rendered.subject, "text": rendered.text,
                      "data": {"template_id": zalo_id, "values": {**values, "message": rendered.text}}}
        if not fields["text"]:
            continue
        fields.update(channel=channel, template=template, user=recipient.user, dossier_id=dossier_id,
                      petition_id=petition_id)
        notification, new = Notification.objects.get_or_create(key=f"{event_key}:{channel}:{recipient.ident}",
                                                               defaults=fields)
        if new:
            created.append(notification)
            _send_after_commit(notification)
    return created


def text_message_queue(*, phone: str, text: str, purpose: str) -> bool | None:
    """accounts.messaging's sender: an SMS (a one-time code) queued now, sent after commit; never shown."""
    phone = mobile(phone)
    if not phone:
        return None
    fitted = messages.smstext.fit(text.replace("%", "%%"), {}, encoding=settings.SMS_ENCODING)
    notification = Notification.objects.create(
        key=f"text:{purpose}:{timezone.now().timestamp()}:{hashlib.sha256(text.encode()).hexdigest()[:12]}",
        channel=Channel.SMS, template=f"accounts.{purpose}", phone=phone, text=fitted.text, segments=fitted.segments,
        secret=True)
    _send_after_commit(notification)
    return True


def _send_after_commit(notification: Notification) -> None:
    if notification.state != Notification.State.PENDING:
        return
    from notifications.tasks import notification_send

    # robust: a broker that is down must not turn a committed change into an error page (the sweep sends later).
    transaction.on_commit(lambda: notification_send.apply_async((notification.pk,), retry=False), robust=True)


def notification_deliver(*, notification_id: int, last_try: bool = False) -> Notification | None:
    """Send one pending notification through its gateway. A temporary failure is raised again (the task retries
    it) unless ``last_try`` (then it is failed); the message's key travels as the gateway's own idempotency key,
    so a retry after a timeout never produces a second SMS."""
    notification = Notification.objects.filter(pk=notification_id, state=Notification.State.PENDING).first()
    if notification is None:
        return None
    Notification.objects.filter(pk=notification.pk).update(attempts=F("attempts") + 1)
    try:
        provider_id, segments = _send(notification)
    except gateways.NotOnZalo as error:
        _finish(notification, state=Notification.State.SKIPPED, last_error=str(error)[:500])
        with transaction.atomic():  # the same message by SMS
            notify(event_key=notification.key.rsplit(":", 2)[0], template=notification.template,
                   values=notification.data.get("values", {}),
                   recipient=Recipient(user=notification.user, phone=notification.phone),
                   dossier_id=notification.dossier_id, petition_id=notification.petition_id, channels=[Channel.SMS])
    except gateways.GatewayPermanentError as error:
        _finish(notification, state=Notification.State.FAILED, last_error=str(error)[:500])
    except gateways.GatewayTemporaryError as error:
        if last_try:
            _finish(notification, state=Notification.State.FAILED, last_error=str(error)[:500])
        else:
            Notification.objects.filter(pk=notification.pk).update(last_error=str(error)[:500])
            raise
    else:
        _finish(notification, state=Notification.State.SENT, provider_id=provider_id, segments=segments,
                sent_at=timezone.now(), last_error="")
    notification.refresh_from_db()
    return notification


def _send(notification: Notification) -> tuple[str, int]:
    if notification.channel == Channel.SMS:
        answer = gateways.sms_send(phone=notification.phone, text=notification.text,
                                   client_message_id=notification.key)
        return answer["message_id"], int(answer.get("segments") or notification.segments)
    if notification.channel == Channel.ZALO:
        values = {k: str(v)[:400] for k, v in notification.data.get("values", {}).items()}
        answer = gateways.zalo_send(phone=notification.phone, template_id=notification.data.get("template_id", ""),
                                    data=values, tracking_id=notification.key)
        return str(answer["msg_id"]), 0
    try:
        send_mail(notification.subject, notification.text, settings.DEFAULT_FROM_EMAIL, [notification.email])
    except OSError as error:
        raise gateways.GatewayTemporaryError(str(error)) from error
    return "", 0


def _finish(notification: Notification, **fields) -> None:
    """Move a pending row on (and only a pending one: a parallel send that already finished wins)."""
    Notification.objects.filter(pk=notification.pk, state=Notification.State.PENDING).update(**fields)


@transaction.atomic
def delivery_report_record(*, message_id: str, client_message_id: str, status: str) -> Notification | None:
    """The gateway's delivery report: delivered or failed, once (a repeated report changes nothing)."""
    notification = (Notification.objects.select_for_update()
                     .filter(channel=Channel.SMS, provider_id=message_id, key=client_message_id).first())
    if notification is None:
        return None
    if notification.state in (Notification.State.SENT, Notification.State.PENDING):
        if status == "DELIVERED":
            notification.state, notification.delivered_at = Notification.State.DELIVERED, timezone.now()
        else:
            notification.state, notification.last_error = Notification.State.FAILED, f"DLR {status}"[:500]
        notification.save(update_fields=["state", "delivered_at", "last_error"])
    return notification


def stuck_resend(*, older_than_seconds: int) -> int:
    """Send again the pending rows whose send never ran or never finished (idempotent at the gateway)."""
    from notifications.tasks import notification_send

    cutoff = timezone.now() - dt.timedelta(seconds=older_than_seconds)
    ids = list(Notification.objects.filter(state=Notification.State.PENDING, created_at__lt=cutoff)
               .values_list("pk", flat=True)[:500])
    for pk in ids:
        notification_send.apply_async((pk,), retry=False)
    return len(ids)
