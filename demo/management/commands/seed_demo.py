"""Load the demo province (Quảng Ninh) and print where to look and how to log in. Safe to run again:
once loaded, the demo is left alone unless --update is given."""

import time

from django.core.management.base import BaseCommand, CommandError

from accounts.mock.people import PEOPLE
from demo.data.accounts import PASSWORD, SIGNING_PIN
from demo.data.province import ARRANGEMENT_RESOLUTION, PROVINCE
from demo.second_factor import BACKUP_CODES
from demo.second_factor import SECRET as TWO_FACTOR_SECRET
from demo.second_factor import USERNAMES as TWO_FACTOR_USERS
from demo.services import demo_seed
from demo.signatures import SIGNERS
from portal.errors import ApplicationError

PAGES = [
    ("Home", ""),
    ("Procedures", "procedures/"),
    ("Service centres", "centres/"),
    ("API docs", "api/docs/"),
    ("Django admin", "admin/"),
    ("Catalogue management", "procedures/manage/"),
    ("Track a dossier", "dossiers/lookup/"),
    ("My dossiers (citizen)", "dossiers/mine/"),
    ("Desk (one-stop officers)", "dossiers/desk/"),
    ("My work (officials)", "dossiers/work/"),
    ("Certificates (admin)", "signatures/manage/"),
    ("My certificate (leader)", "signatures/mine/"),
    ("Verify a signed PDF", "signatures/verify/"),
    ("Official documents", "documents/"),
    ("Incoming documents", "documents/incoming/"),
    ("Receive a paper document", "documents/incoming/receive/"),
    ("Search documents", "documents/search/"),
    ("Document registers", "documents/registers/"),
    ("Work files", "documents/work-files/"),
    ("Send a petition", "feedback/new/"),
    ("Answered petitions", "feedback/"),
    ("Petitions (officials)", "feedback/desk/"),
    ("Hotline desk", "feedback/hotline/"),
    ("Daily reports", "reports/daily/"),
    ("Decision 766 indicators (admin, leaders)", "reports/indicators/"),
    ("Public statistics", "reports/statistics/"),
    ("Readiness board (admin, leaders)", "reports/readiness/"),
]


class Command(BaseCommand):
    help = "Load the demo province: units, agencies, centres, hotlines, one account per role, the catalogue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update", action="store_true",
            help="Put the demo data back (and add what is missing) even if the province is already loaded; "
                 "edits made in the portal to demo rows are overwritten, changed procedures get new versions.",
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000/", help="Where the portal is served.")

    def handle(self, *args, update: bool, base_url: str, **options):
        started = time.monotonic()
        try:
            report = demo_seed(update=update)
        except ApplicationError as exc:
            raise CommandError(f"{exc.message} {exc.extra or ''}".strip()) from exc
        seconds = time.monotonic() - started
        out = self.stdout.write
        if report.reference is None:
            out(f"{PROVINCE['name']} is already loaded; left as it is (seed_demo --update puts the demo data back).")
        else:
            reference, catalogue = report.reference, report.catalogue
            out(self.style.SUCCESS(
                f"Demo province loaded in {seconds:.1f} s: {PROVINCE['name']} ({len(reference.communes)} "
                f"commune-level units, Resolution {ARRANGEMENT_RESOLUTION})."
            ))
            for name, counts in reference.counts.items():
                out(f"  {name:<10} {counts}")
            out(f"  {'fields':<10} {catalogue.fields}")
            out(f"  procedures {catalogue.published} published now, {catalogue.unchanged} already in force "
                f"(decision {catalogue.decision.number})")
        if report.dossiers:
            out(f"  dossiers   {report.dossiers} demo dossiers at the Hạ Long ward centre, one in each stage")
        if report.signatures:
            out(f"  signatures {report.signatures}")
        if report.documents:
            out(f"  documents  {report.documents} official documents of the Hạ Long ward and the provincial Office, "
                "in every state")
        if report.petitions:
            out(f"  petitions  {report.petitions} demo petitions (phản ánh, kiến nghị) in every state, one overdue "
                "and escalated; hotline calls in the log")
        if report.payments:
            out("  payments   a copy of a civil-status extract (2.000635) paid online before submission, with its "
                "electronic receipt")
        if report.daily_report:
            out(f"  reports    {report.daily_report}")
        out("")
        base = base_url.rstrip("/") + "/"
        for label, path in PAGES:
            out(f"  {label:<24} {base}{path}")
        out("")
        out(f"Demo accounts (password for all: {PASSWORD}; existing accounts keep the password they have):")
        out(f"  {'username':<20} {'role':<12} {'name':<18} where")
        for row in report.accounts:
            user = row.user
            note = "" if row.created else " (existing)"
            out(f"  {user.username:<20} {user.role:<12} {user.full_name:<18} {row.where}{note}")
        out(f"Second factor of {', '.join(TWO_FACTOR_USERS)}: authenticator-app secret {TWO_FACTOR_SECRET} "
            f"(or `manage.py demo_otp USERNAME` prints the current code); backup codes {', '.join(BACKUP_CODES[:3])}... "
            f"{BACKUP_CODES[-1]}.")
        out(f"Signing PIN of {' and '.join(SIGNERS)}: {SIGNING_PIN} (lanhdao.halong chooses their own once "
            "quantri.tinh approves their certificate request).")
        out("Mock VNeID (log in with the national identity, http://127.0.0.1:8003), password for all "
            f"{PASSWORD}: " + ", ".join(f"{cccd} {name} (level {level})" for cccd, name, *_rest, level in PEOPLE))
