"""Loading the demo province (Quảng Ninh, see demo/data/SOURCES.md): units, agencies, centres, hotlines,
one account per role and the published catalogue. Idempotent: a second run changes no row. Rows are
matched by their natural keys (unit code, agency code, centre slug, hotline centre + number, procedure
code) and written only where they differ, so ``updated_at`` moves only for what really changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import citizen_register, official_create
from demo.catalogue import CatalogueCounts, demo_catalogue_load
from demo.correspondence import demo_correspondence_load
from demo.data import accounts as account_data
from demo.data import province as data
from demo.data.catalogue import COMMUNE_PC_AGENCY
from demo.data.text import slugify_vi
from demo.documents import demo_document_units_load
from demo.dossiers import demo_dossiers_load
from demo.errors import DemoErrorCode
from demo.feedback import demo_petitions_load
from demo.history import demo_history_load
from demo.payments import demo_payments_load
from demo.readiness import demo_readiness_load
from demo.reports import demo_daily_report_load
from demo.second_factor import USERNAMES as SECOND_FACTOR_USERS
from demo.second_factor import demo_second_factor_load
from demo.signatures import demo_signatures_load
from demo.sync import SyncCounts, by, sync_rows
from hotlines.models import Hotline
from portal.errors import ValidationFailed
from portal.phones import normalize_phone
from units.models import AdministrativeUnit, Agency, ServiceCentre
from units.validators import normalize_agency_code


@dataclass
class Reference:
    """What the later steps need from the reference data."""

    province: AdministrativeUnit
    communes: dict[str, AdministrativeUnit]
    agencies: dict[str, Agency]  # by agency key; commune People's Committees by commune code
    provincial_centre: ServiceCentre
    communal_centres: dict[str, ServiceCentre]  # by commune code
    counts: dict[str, SyncCounts] = field(default_factory=dict)

    def centre(self, slug: str) -> ServiceCentre:
        if slug == self.provincial_centre.slug:
            return self.provincial_centre
        return next(c for c in self.communal_centres.values() if c.slug == slug)


@dataclass
class AccountRow:
    user: User
    created: bool
    where: str


@transaction.atomic
def demo_units_load() -> tuple[AdministrativeUnit, dict[str, AdministrativeUnit], SyncCounts]:
    """The province and its commune-level units, by statistical code."""
    rows, province_counts = sync_rows(AdministrativeUnit, [{**data.PROVINCE, "parent": None}], key=by("code"),
                              existing=AdministrativeUnit.objects.filter(code=data.PROVINCE["code"]))
    province = rows[(data.PROVINCE["code"],)]
    commune_rows = []
    for code, name, kind in data.COMMUNES:
        full_name, name_en = data.commune_full_name(name, kind)
        commune_rows.append({"code": code, "name": full_name, "name_en": name_en, "kind": kind, "parent": province})
    communes, counts = sync_rows(AdministrativeUnit, commune_rows, key=by("code"),
                                 existing=AdministrativeUnit.objects.filter(parent=province))
    counts.created += province_counts.created
    counts.updated += province_counts.updated
    counts.unchanged += province_counts.unchanged
    return province, {code: unit for (code,), unit in communes.items()}, counts


def _agency_rows(province, communes) -> list[tuple[str, str | None, dict]]:
    """(key, parent key, row) for every agency, parents before children."""
    rows = [
        (key, parent, {"code": normalize_agency_code(code), "name": name, "name_en": name_en, "unit": province,
                       "is_people_committee": key == data.PEOPLE_COMMITTEE})
        for key, code, name, name_en, parent in data.AGENCIES
    ]
    key, code, name, name_en = COMMUNE_PC_AGENCY
    rows.append((key, data.PEOPLE_COMMITTEE, {"code": code, "name": name, "name_en": name_en, "unit": province,
                                              "is_people_committee": True}))
    for index, (code, short, kind) in enumerate(data.COMMUNES):
        unit = communes[code]
        kind_vi = data.KIND_WORDS[kind][0].lower()
        rows.append((code, data.PEOPLE_COMMITTEE, {
            "code": f"{data.PROVINCE_AGENCY_CODE}.{data.COMMUNE_AGENCY_FIRST + index:02d}",
            "name": f"Ủy ban nhân dân {kind_vi} {short}",
            "name_en": f"{unit.name_en} People's Committee",
            "unit": unit,
            "is_people_committee": True,
        }))
    return rows


@transaction.atomic
def demo_agencies_load(*, province, communes) -> tuple[dict[str, Agency], SyncCounts]:
    """Agencies with their electronic identification codes, created level by level so that each
    parent exists before its children."""
    pending = _agency_rows(province, communes)
    agencies: dict[str, Agency] = {}
    total = SyncCounts()
    while pending:
        ready = [(k, p, row) for k, p, row in pending if p is None or p in agencies]
        if not ready:
            raise ValueError("demo agencies have a parent that is never defined")
        rows = [{**row, "parent": agencies[p] if p else None} for _k, p, row in ready]
        synced, counts = sync_rows(Agency, rows, key=by("code"),
                                   existing=Agency.objects.filter(code__in=[r["code"] for r in rows]))
        for (key, _p, row) in ready:
            agencies[key] = synced[(row["code"],)]
        total.created += counts.created
        total.updated += counts.updated
        total.unchanged += counts.unchanged
        pending = [item for item in pending if item[0] not in agencies]
    return agencies, total


@transaction.atomic
def demo_centres_load(*, province, communes, agencies) -> tuple[ServiceCentre, dict[str, ServiceCentre], SyncCounts]:
    """The provincial centre and one communal centre per commune, published."""
    provincial = data.PROVINCIAL_CENTRE
    rows = [{
        **{k: v for k, v in provincial.items() if k != "phone"}, "phone": normalize_phone(provincial["phone"]),
        "level": ServiceCentre.Level.PROVINCE, "agency": agencies[data.PROVINCIAL_CENTRE_AGENCY], "unit": province,
        "is_published": True,
    }]
    slugs = {}
    for code, short, kind in data.COMMUNES:
        unit = communes[code]
        kind_vi = data.KIND_WORDS[kind][0].lower()
        slugs[code] = slugify_vi(short)
        rows.append({
            "slug": slugs[code],
            "name": f"Trung tâm Phục vụ hành chính công {kind_vi} {short}",
            "name_en": f"{unit.name_en} Public Administration Service Centre",
            "level": ServiceCentre.Level.COMMUNE,
            "agency": agencies[code],
            "unit": unit,
            # illustrative: the real addresses are the communes' published headquarters.
            "address": f"Trụ sở Ủy ban nhân dân {kind_vi} {short}, tỉnh {data.PROVINCE_SHORT_NAME}",
            "opening_hours": data.COMMUNAL_HOURS,
            "opening_hours_en": data.COMMUNAL_HOURS_EN,
            "phone": normalize_phone(data.commune_phone(code)),
            "is_published": True,
        })
    synced, counts = sync_rows(ServiceCentre, rows, key=by("slug"),
                               existing=ServiceCentre.objects.filter(slug__in=[r["slug"] for r in rows]))
    return synced[(provincial["slug"],)], {code: synced[(slug,)] for code, slug in slugs.items()}, counts


@transaction.atomic
def demo_hotlines_load(*, provincial_centre, communal_centres) -> SyncCounts:
    """Province-wide hotlines, then one per centre."""
    rows = [
        {"number": normalize_phone(number), "label": label, "label_en": label_en, "centre": None,
         "position": position, "is_active": True}
        for position, (number, label, label_en) in enumerate(data.PROVINCE_HOTLINES, start=1)
    ]
    number, label, label_en = data.PROVINCIAL_CENTRE_HOTLINE
    rows.append({"number": normalize_phone(number), "label": label, "label_en": label_en,
                 "centre": provincial_centre, "position": 1, "is_active": True})
    for centre in communal_centres.values():
        rows.append({"number": centre.phone, "label": f"Đường dây nóng {centre.name}",
                     "label_en": f"{centre.name_en} hotline", "centre": centre, "position": 1, "is_active": True})
    centre_ids = [provincial_centre.pk, *(c.pk for c in communal_centres.values())]
    existing = Hotline.objects.filter(centre__isnull=True) | Hotline.objects.filter(centre_id__in=centre_ids)
    _synced, counts = sync_rows(Hotline, rows, key=by("centre", "number"), existing=existing)
    return counts


@transaction.atomic
def demo_reference_load() -> Reference:
    """Units, agencies, centres and hotlines."""
    province, communes, unit_counts = demo_units_load()
    agencies, agency_counts = demo_agencies_load(province=province, communes=communes)
    provincial, communal, centre_counts = demo_centres_load(province=province, communes=communes, agencies=agencies)
    hotline_counts = demo_hotlines_load(provincial_centre=provincial, communal_centres=communal)
    return Reference(
        province=province, communes=communes, agencies=agencies, provincial_centre=provincial,
        communal_centres=communal,
        counts={"units": unit_counts, "agencies": agency_counts, "centres": centre_counts, "hotlines": hotline_counts},
    )


@transaction.atomic
def demo_accounts_load(*, reference: Reference) -> list[AccountRow]:
    """One account per role, created through the accounts services; existing accounts are left as they are
    (their password is not reset)."""
    rows = []
    citizen = account_data.CITIZEN
    user = User.objects.filter(username=citizen["cccd"]).first()
    created = user is None
    if created:
        user = citizen_register(**citizen, password=account_data.PASSWORD)
    rows.append(AccountRow(user=user, created=created, where=""))
    for official in account_data.OFFICIALS:
        agency = reference.agencies[official["agency"]]
        centre = reference.centre(official["centre"]) if official["centre"] else None
        user = User.objects.filter(username=official["username"]).first()
        created = user is None
        if created:
            user = official_create(
                username=official["username"], full_name=official["full_name"], role=official["role"],
                agency=agency, centre=centre, password=account_data.PASSWORD,
            )
            if official.get("position"):  # the lines above their signature on the documents they sign
                user.position = official["position"]
                user.save(update_fields=["position"])
            if official.get("phone"):  # the SMS of a step waiting for them (notifications)
                user.phone = official["phone"]
                user.save(update_fields=["phone"])
        rows.append(AccountRow(user=user, created=created, where=(centre or agency).name))
    return rows


@dataclass
class SeedReport:
    """``reference`` and ``catalogue`` are None when the province was already loaded and left alone."""

    accounts: list[AccountRow]
    reference: Reference | None = None
    catalogue: CatalogueCounts | None = None
    dossiers: int = 0
    signatures: str = ""
    documents: int = 0
    petitions: int = 0
    payments: int = 0
    daily_report: str = ""


def demo_is_loaded() -> bool:
    return AdministrativeUnit.objects.filter(code=data.PROVINCE["code"], parent__isnull=True).exists()


def demo_accounts_existing() -> list[AccountRow]:
    """The demo accounts as they are now (for printing)."""
    usernames = [account_data.CITIZEN["cccd"], *(o["username"] for o in account_data.OFFICIALS)]
    users = User.objects.filter(username__in=usernames).select_related("agency", "centre")
    by_name = {user.username: user for user in users}
    return [AccountRow(user=by_name[name], created=False, where=_where(by_name[name])) for name in usernames
            if name in by_name]


def _where(user: User) -> str:
    place = user.centre or user.agency
    return place.name if place else ""


@transaction.atomic
def demo_seed(*, update: bool = False) -> SeedReport:
    """Everything `make run` shows: reference data, the demo accounts, the published catalogue. All or
    nothing. Once the province is loaded, a run leaves the database alone, so changes made in the portal
    survive a restart; ``update`` puts the demo data back instead (rows matched by code or slug, changed
    procedures published as new versions) and creates whatever is missing. Either way a second run
    changes nothing."""
    if not update and demo_is_loaded():
        # Accounts and dossiers added to the demo after a province was first loaded still arrive.
        accounts_missing, second_factors_missing = _accounts_state()
        reference = demo_reference_load() if accounts_missing else None
        if reference is not None:
            demo_accounts_load(reference=reference)
        demo_document_units_load()
        if accounts_missing or second_factors_missing:
            demo_second_factor_load()
        signatures = demo_signatures_load()  # first: the ward's certificate signs the results the dossiers reach
        dossiers = demo_dossiers_load()
        documents, petitions, payments = demo_correspondence_load(), demo_petitions_load(), demo_payments_load()
        demo_history_load()  # after the correspondence: its results take the ward register's next numbers
        demo_readiness_load()
        return SeedReport(accounts=demo_accounts_existing(), dossiers=dossiers, signatures=signatures,
                          documents=documents, petitions=petitions, payments=payments,
                          daily_report=demo_daily_report_load())
    reference = demo_reference_load()
    accounts = demo_accounts_load(reference=reference)
    admin = next((row.user for row in accounts if row.user.role == User.Role.ADMIN), None)
    if admin is None:
        raise ValidationFailed(
            _("The demo admin account exists but is no longer a provincial admin; the catalogue needs one."),
            code=DemoErrorCode.NO_ADMIN,
        )
    catalogue = demo_catalogue_load(actor=admin, reference=reference)
    demo_document_units_load()
    demo_second_factor_load()
    signatures = demo_signatures_load()  # first: the ward's certificate signs the results the dossiers reach
    dossiers = demo_dossiers_load()
    documents, petitions, payments = demo_correspondence_load(), demo_petitions_load(), demo_payments_load()
    demo_history_load()  # after the correspondence: its results take the ward register's next numbers
    demo_readiness_load()
    return SeedReport(accounts=accounts, reference=reference, catalogue=catalogue, dossiers=dossiers,
                      signatures=signatures, documents=documents, petitions=petitions, payments=payments,
                      daily_report=demo_daily_report_load())


def _accounts_state() -> tuple[bool, bool]:
    """Whether a demo account is missing, and whether a demo leader or admin lacks the second factor: one query."""
    usernames = [account_data.CITIZEN["cccd"], *(o["username"] for o in account_data.OFFICIALS)]
    counts = User.objects.filter(username__in=usernames).aggregate(
        accounts=Count("pk", distinct=True),
        devices=Count("totpdevice", distinct=True,
                      filter=Q(username__in=SECOND_FACTOR_USERS, totpdevice__confirmed=True)))
    return counts["accounts"] < len(usernames), counts["devices"] < len(SECOND_FACTOR_USERS)
