"""Records kept under a legal hold are listed to the person by a translated name, not a class name."""

import pytest
from django.utils import translation

from quartierwerk.core.privacy import register

HELD = sorted({d.model for d in register() if d.hold is not None})


@pytest.mark.parametrize("model", HELD)
def test_every_held_record_has_a_translated_name(model):
    declaration = next(d for d in register() if d.model == model)
    meta = declaration.model_class()._meta
    assert "verbose_name" in meta.original_attrs, f"{model} is shown as {meta.verbose_name!r}"
    with translation.override("de"):
        german = str(meta.verbose_name)
    with translation.override("en"):
        assert german != str(meta.verbose_name), f"{model}: no German name"
