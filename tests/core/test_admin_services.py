"""The Django admin writes roles through the core services (with audit entries) and never edits workflow
fields, in every app's admin."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core.admin import workflow_fields
from quartierwerk.core.models import AuditEntry, Membership, User
from quartierwerk.modules import MODULE_NAMES

OUR_APPS = {"core", *MODULE_NAMES}


def _our_admins():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in OUR_APPS:
            yield model_admin
            for inline_class in model_admin.inlines:
                yield inline_class(model, admin.site)


@pytest.mark.django_db
def test_workflow_fields_are_read_only_in_every_apps_admin(user_with_role):
    request = RequestFactory().get("/admin/")
    request.user = user_with_role("admin")
    checked = 0
    for model_admin in _our_admins():
        fields = workflow_fields(model_admin.model)
        if not fields or not model_admin.has_change_permission(request):
            continue
        hidden = set(model_admin.get_readonly_fields(request)) | set(model_admin.exclude or ())
        assert set(fields) <= hidden, f"{model_admin}: {set(fields) - hidden} editable"
        checked += 1
    assert checked >= 10


def _user_form(user, memberships, **changes):
    data = {
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": "",
        "is_active": "on",
        "date_joined_0": timezone.localtime(user.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": timezone.localtime(user.date_joined).strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in memberships if m.get("id"))),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, m in enumerate(memberships):
        for key, value in m.items():
            data[f"memberships-{i}-{key}"] = value
        data[f"memberships-{i}-user"] = str(user.pk)
    data.update(changes)
    return data


@pytest.mark.django_db
def test_roles_changed_in_the_admin_are_audited(client, login_as, user_with_role, quarter):
    administrator = user_with_role("admin")
    login_as(administrator)
    target = User.objects.create_user(email="neu@test.example", password="x-password-123", display_name="Neu")
    url = reverse("admin:core_user_change", args=[target.pk])

    answer = client.post(url, _user_form(target, [{"role": "staff", "quarter": str(quarter.pk), "city": ""}]))
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    membership = Membership.objects.get(user=target)
    granted = AuditEntry.objects.get(action="core.role_granted", target_id=str(target.pk))
    assert granted.actor == administrator and granted.changes["role"] == "staff"

    answer = client.post(
        url,
        _user_form(
            target,
            [
                {
                    "id": str(membership.pk),
                    "role": "staff",
                    "quarter": str(quarter.pk),
                    "city": "",
                    "DELETE": "on",
                }
            ],
        ),
    )
    assert answer.status_code == 302
    assert not Membership.objects.filter(user=target).exists()
    assert AuditEntry.objects.filter(action="core.role_revoked", target_id=str(target.pk)).count() == 1

    answer = client.post(url, _user_form(target, [], is_superuser="on"))
    assert answer.status_code == 302
    target.refresh_from_db()
    assert target.is_superuser and target.is_staff
    assert AuditEntry.objects.filter(action="core.admin_granted", target_id=str(target.pk)).exists()


@pytest.mark.django_db
def test_a_role_grant_and_its_audit_entry_are_one(monkeypatch, user_with_role, quarter):
    from quartierwerk.core import audit, services

    target = User.objects.create_user(email="neu@test.example", password="x-password-123")

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.grant_role(user=target, role="staff", quarter=quarter, by=user_with_role("admin"))
    assert not Membership.objects.filter(user=target).exists()


@pytest.mark.django_db
def test_a_profile_change_and_an_e_mail_confirmation_are_one_with_their_audit_entry(monkeypatch):
    from django.core import signing

    from quartierwerk.core import audit, services

    target = User.objects.create_user(email="neu@test.example", password="x-password-123", is_active=False)

    def broken(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.update_profile(user=target, display_name="Anders", preferred_language="en")
    with pytest.raises(RuntimeError):
        services.confirm_email(signing.dumps({"u": target.pk, "e": target.email}, salt=services.CONFIRM_SALT))
    target.refresh_from_db()
    assert target.display_name == "" and not target.is_active and target.email_confirmed_at is None
