"""`manage.py ca_init`: create the root and issuing CAs, their CRLs and the timestamping certificate.
Idempotent: an existing CA is never overwritten."""

from django.core.management.base import BaseCommand

from signatures import services
from signatures.models import CertificateAuthority


class Command(BaseCommand):
    help = "Create the certificate authority (root and issuing CA, CRLs, timestamping); never overwrites one."

    def handle(self, *args, **options):
        if not services.ca_init():
            self.stdout.write("The certificate authority already exists; nothing was changed.")
            return
        for ca in CertificateAuthority.objects.order_by("kind").reverse():
            self.stdout.write(self.style.SUCCESS(f"Created {ca.kind} CA: {ca.name}"))
