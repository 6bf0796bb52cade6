"""Who issues the daily report, who reads it and whom it is sent to; the history's reads."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime

from accounts.models import User
from notifications.models import Notification
from reports.daily.models import DailyReport
from units.calendar import is_working_day
from units.models import Agency
from units.selectors import province


def provincial_committee() -> Agency | None:
    """The provincial People's Committee: the report's addressee."""
    top = province()
    if top is None:
        return None
    return Agency.objects.filter(is_people_committee=True, unit=top).order_by("code").first()


def issuing_agency() -> Agency | None:
    """The agency that issues the report: REPORTS_DAILY_AGENCY (an electronic code), else the Office of the
    provincial People's Committee (Văn phòng UBND tỉnh, which compiles reports for it), else the Committee."""
    if settings.REPORTS_DAILY_AGENCY:
        agency = Agency.objects.select_related("unit", "parent").filter(code=settings.REPORTS_DAILY_AGENCY).first()
        if agency is not None:
            return agency
    committee = provincial_committee()
    if committee is None:
        return None
    office = (Agency.objects.select_related("unit", "parent").filter(parent=committee, name__istartswith="Văn phòng")
              .order_by("code").first())
    return office or committee


def may_read(user: User, *, issuer: Agency | None = None) -> bool:
    """Provincial admins, and the leaders of the issuing office and of the provincial People's Committee."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_provincial_admin:
        return True
    if user.role != User.Role.LEADER or not user.agency_id:
        return False
    if issuer is None and hasattr(user, "_may_read_daily"):
        return user._may_read_daily  # asked already in this request (the page, then the reports' menu)
    issuer_given = issuer is not None
    issuer = issuer if issuer_given else issuing_agency()
    committee = provincial_committee()
    allowed = user.agency_id in {agency.pk for agency in (issuer, committee) if agency is not None}
    if not issuer_given:
        user._may_read_daily = allowed
    return allowed


def may_build(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_provincial_admin


def signer(issuer: Agency) -> User | None:
    """Who signs the report: the issuing agency's leader (the first by account, a head before a deputy)."""
    leaders = list(User.objects.filter(role=User.Role.LEADER, is_active=True, agency=issuer).order_by("id"))
    heads = [leader for leader in leaders if not (leader.position or "").lower().startswith("phó")]
    return (heads or leaders or [None])[0]


def drafter(issuer: Agency) -> User | None:
    """Who the outgoing document draft is registered for: the issuing agency's clerk (văn thư)."""
    return User.objects.filter(role=User.Role.CLERK, is_active=True, agency=issuer).order_by("id").first()


def recipients(issuer: Agency | None) -> list[str]:
    """REPORTS_DAILY_RECIPIENTS, else the e-mail addresses of everyone who may read the report."""
    if settings.REPORTS_DAILY_RECIPIENTS:
        return list(dict.fromkeys(address.lower() for address in settings.REPORTS_DAILY_RECIPIENTS))
    committee = provincial_committee()
    agencies = [agency.pk for agency in (issuer, committee) if agency is not None]
    readers = (User.objects.filter(is_active=True).exclude(email="")
               .filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True)
                       | Q(role=User.Role.LEADER, agency_id__in=agencies)).order_by("id"))
    return list(dict.fromkeys(address.lower() for address in readers.values_list("email", flat=True)))


def previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def history() -> QuerySet[DailyReport]:
    return DailyReport.objects.select_related("built_by", "document").order_by("-day")


def with_deliveries(reports: list[DailyReport]) -> list[DailyReport]:
    """Give each report ``deliveries``: (address, when, the notification's state label), one query."""
    ids = {item.get("notification") for report in reports for item in report.sent_to}
    states = dict(Notification.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "state"))
    labels = dict(Notification.State.choices)
    for report in reports:
        report.deliveries = [(item.get("email", ""), parse_datetime(item.get("at") or ""),
                              labels.get(states.get(item.get("notification")), ""))
                             for item in report.sent_to]
    return reports
