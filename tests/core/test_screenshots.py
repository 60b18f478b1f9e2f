"""The screenshot list names pages that exist and demo roles that can log in; pictures are saved optimised."""

import io
import tomllib
from pathlib import Path

from django.urls import resolve

from quartierwerk.core import demo
from quartierwerk.core.management.commands.screenshots import _optimised

PAGES = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "pages.toml"


def test_every_listed_page_resolves_and_its_role_exists():
    pages = tomllib.loads(PAGES.read_text())["page"]
    roles = {role for role, *_rest in demo.USERS}
    assert len(pages) >= 25 and len({p["name"] for p in pages}) == len(pages)
    for page in pages:
        resolve(page["path"])
        assert page.get("as", "resident") in roles
        for width in (360, 1280):
            assert (PAGES.parent / f"{page['name']}-{width}.png").exists(), page["name"]


def test_screenshots_are_saved_as_small_palette_pngs():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (11, 83, 148)).save(buffer, "PNG")
    image = Image.open(io.BytesIO(_optimised(buffer.getvalue())))
    assert image.format == "PNG" and image.mode == "P"
