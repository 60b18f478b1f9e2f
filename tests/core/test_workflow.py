"""The shared transition table: services enforce it, templates ask it."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from quartierwerk.core.errors import InvalidTransition, NotAllowed, require
from quartierwerk.core.workflow import Transition, Workflow, for_object, states


def _staff(user, obj):
    return getattr(user, "is_staff_member", False)


def _anyone(user, obj):
    return True


FLOW = Workflow(
    name="tests.Thing",
    state_field="status",
    transitions=[
        Transition("submit", states("draft"), "submitted", _anyone),
        Transition("approve", states("submitted"), "approved", _staff),
        Transition("reopen", states("approved", "rejected"), "submitted", _staff),
        Transition("note", None, None, _staff),
    ],
)


class Meta:
    app_label = "tests"
    object_name = "Thing"


def thing(status):
    return SimpleNamespace(status=status, _meta=Meta)


STAFF = SimpleNamespace(is_staff_member=True, is_authenticated=True)
RESIDENT = SimpleNamespace(is_staff_member=False, is_authenticated=True)


def test_can_depends_on_state_and_on_who():
    assert FLOW.can(RESIDENT, thing("draft"), "submit")
    assert not FLOW.can(RESIDENT, thing("submitted"), "submit")
    assert FLOW.can(STAFF, thing("submitted"), "approve")
    assert not FLOW.can(RESIDENT, thing("submitted"), "approve")


def test_available_lists_the_actions_in_table_order():
    assert FLOW.available(STAFF, thing("submitted")) == ["approve", "note"]
    assert FLOW.available(RESIDENT, thing("draft")) == ["submit"]


def test_check_names_the_reason():
    with pytest.raises(InvalidTransition):
        FLOW.check(STAFF, thing("draft"), "approve")
    with pytest.raises(NotAllowed):
        FLOW.check(RESIDENT, thing("submitted"), "approve")
    assert FLOW.check(STAFF, thing("submitted"), "approve").target == "approved"


def test_target_keeps_the_state_for_actions_without_one():
    assert FLOW.target(thing("approved"), "reopen") == "submitted"
    assert FLOW.target(thing("approved"), "note") == "approved"


def test_sources_and_targets():
    assert FLOW.sources("reopen") == {"approved", "rejected"}
    assert FLOW.targets_from("approved") == {"submitted"}
    with pytest.raises(ValueError):
        FLOW.sources("note")
    with pytest.raises(ValueError):
        FLOW.can(STAFF, thing("draft"), "no-such-action")


def test_registry_and_template_tag():
    obj = thing("submitted")
    assert for_object(obj) is FLOW
    rendered = Template(
        "{% load workflow %}{% workflow_actions obj as actions %}"
        "{% if 'approve' in actions %}A{% endif %}{% if 'submit' in actions %}S{% endif %}"
    ).render(Context({"obj": obj, "request": SimpleNamespace(user=STAFF)}))
    assert rendered == "A"


def test_require():
    require(True)
    with pytest.raises(NotAllowed):
        require(False, "Nein.")
