"""The role matrix of news: who writes and publishes a quarter's posts and the city's, who reads drafts –
asked of the rule and of the pages together."""

import pytest
from django.urls import reverse

from quartierwerk.core.models import AuditEntry
from quartierwerk.news import rules
from tests.conftest import permission_matrix

from .conftest import make_post

pytestmark = pytest.mark.django_db


@permission_matrix(
    {
        # (edits the quarter's posts, edits the city's posts, reads drafts of the quarter)
        "anonymous": (False, False, False),
        "resident": (False, False, False),
        "actor_representative": (False, False, False),
        "award_team": (False, False, False),
        "staff": (True, False, True),
        "staff_other_quarter": (False, False, False),
        "city_staff": (False, True, True),
        "city_staff_other_city": (False, False, False),
        "admin": (True, True, True),
    }
)
def test_who_writes_and_who_reads_drafts(role, allowed, user_with_role, quarter, client, login_as):
    edits_quarter, edits_city, reads_drafts = allowed
    user = user_with_role(role)
    draft = make_post(quarter, 0, published=False, title="Entwurf im Quartier")
    city_draft = make_post(quarter, 1, published=False, city_wide=True, title="Entwurf der Stadt")
    assert rules.can_edit_news(user, draft) is edits_quarter
    assert rules.can_edit_news(user, city_draft) is edits_city
    assert rules.can_view_post(user, draft) is reads_drafts
    login_as(user)
    # The page answers the same as the rule.
    assert (client.get(draft.get_absolute_url()).status_code == 200) is reads_drafts
    new = client.get(reverse("news:staff_new", args=[quarter.slug]))
    assert (new.status_code == 200) is edits_quarter
    before = AuditEntry.objects.count()
    response = client.post(reverse("news:staff_status", args=[draft.pk, "publish"]))
    draft.refresh_from_db()
    assert draft.is_published is edits_quarter
    assert (AuditEntry.objects.count() > before) is edits_quarter
    if not edits_quarter:
        assert response.status_code in (302, 403, 404)
    response = client.post(reverse("news:staff_status", args=[city_draft.pk, "publish"]))
    city_draft.refresh_from_db()
    assert city_draft.is_published is edits_city
