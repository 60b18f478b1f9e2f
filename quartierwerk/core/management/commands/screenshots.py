"""Photograph the product: each page of docs/screenshots/pages.toml at 360 px and 1280 px, in German.

Runs against a fresh demo database (dated from QW_TODAY if set), served by a development server that this
command starts and stops; Debian's Chromium takes the pictures, which are saved as palette PNGs.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.core.management.base import BaseCommand

WIDTHS = (360, 1280)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _totp(key_hex: str) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time()
    return f"{totp.token():06d}"


class Command(BaseCommand):
    help = "Take the documentation screenshots (docs/screenshots/) from a fresh demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages", default=str(Path(settings.BASE_DIR).parent / "docs/screenshots/pages.toml")
        )
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR).parent / "docs/screenshots"))
        parser.add_argument("--only", default="", help="comma-separated page names")

    def handle(self, *args, pages, out, only, **options):
        spec = tomllib.loads(Path(pages).read_text())["page"]
        if only:
            spec = [p for p in spec if p["name"] in only.split(",")]
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "DEBUG": "true",
                "DATABASE_URL": f"sqlite:///{tmp}/screenshots.sqlite3",
                # Pin the demo's "today" with QW_TODAY=YYYY-MM-DD for pictures that do not change.
                "QW_TODAY": os.environ.get("QW_TODAY", ""),
                "MEDIA_ROOT": f"{tmp}/media",
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR).parent / "manage.py")]
            for step in (["migrate", "--noinput", "-v0"], ["load_demo"]):
                subprocess.run([*manage, *step], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
            port = _free_port()
            server = subprocess.Popen(  # noqa: S603
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                for _ in range(120):
                    try:
                        urlopen(base + "/healthz", timeout=2)  # noqa: S310
                        break
                    except OSError:
                        time.sleep(0.5)
                self._photograph(base, spec, out_dir)
            finally:
                server.terminate()
                server.wait(timeout=20)
        self.stdout.write(f"{len(spec) * len(WIDTHS)} screenshots in {out_dir}")

    def _photograph(self, base: str, spec: list[dict], out_dir: Path) -> None:
        from playwright.sync_api import sync_playwright

        from quartierwerk.core import demo

        emails = {role: email for role, email, _name, _where in demo.USERS}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=os.environ.get("QW_CHROMIUM", "/usr/bin/chromium"),
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            contexts = {}
            # One log-in per role, shared by both widths: a second-factor code is accepted only once.
            sessions = {}
            for page_spec in spec:
                role = page_spec.get("as", "")
                for width in WIDTHS:
                    key = (role, width)
                    if key not in contexts:
                        contexts[key] = browser.new_context(
                            viewport={"width": width, "height": 900},
                            locale="de-DE",
                            storage_state=sessions.get(role),
                        )
                        if role and role not in sessions:
                            self._login(contexts[key].new_page(), base, emails[role], role in demo.NEEDS_TOTP)
                            sessions[role] = contexts[key].storage_state()
                    page = contexts[key].new_page()
                    page.goto(base + page_spec["path"], wait_until="networkidle")
                    target = out_dir / f"{page_spec['name']}-{width}.png"
                    target.write_bytes(_optimised(page.screenshot(full_page=False)))
                    page.close()
                    self.stdout.write(f"  {target.name}")
            browser.close()

    def _login(self, page, base: str, email: str, totp: bool) -> None:
        from quartierwerk.core import demo

        page.goto(base + "/account/login/")
        page.get_by_label("E-Mail").fill(email)
        page.get_by_label("Passwort").fill(demo.DEMO_PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state("networkidle")
        if totp:
            page.get_by_label("Sechsstelliger Code").fill(_totp(demo.DEMO_TOTP_HEX))
            page.get_by_role("button", name="Bestätigen").click()
            page.wait_for_load_state("networkidle")
        page.close()


def _optimised(png: bytes) -> bytes:
    """A palette PNG (256 colours, compressed): a fraction of the size, crisp for interface pictures."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
