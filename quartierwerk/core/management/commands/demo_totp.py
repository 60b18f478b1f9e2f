import base64
import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from quartierwerk.core import demo


class Command(BaseCommand):
    help = "Print the current six-digit code of the demo accounts' second factor."

    def handle(self, *args, **options):
        key = base64.b32decode(demo.DEMO_TOTP_BASE32)
        totp = TOTP(key)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():06d}")
