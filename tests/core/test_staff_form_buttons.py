"""Staff privacy pages: every form's submit button looks like a button (the browser default is easy to miss)."""

import re
from pathlib import Path

import pytest

import quartierwerk

STAFF_TEMPLATES = sorted((Path(quartierwerk.__file__).parent / "core/templates/core/staff").glob("*.html"))


@pytest.mark.parametrize("template", STAFF_TEMPLATES, ids=lambda p: p.name)
def test_every_submit_button_on_the_staff_privacy_pages_is_styled(template):
    unstyled = [tag for tag in re.findall(r"<button\b[^>]*>", template.read_text()) if "class=" not in tag]
    assert not unstyled, f"{template.name}: {unstyled}"
