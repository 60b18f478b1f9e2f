"""Offline formats: ideas from a workshop, a door-to-door round or paper forms, entered by the office with
their channel, evaluated together with the online ones and shown as such on the results page."""

import pytest
from django.urls import reverse

from quartierwerk.core.errors import DomainError, NotAllowed
from quartierwerk.participation import selectors, services
from quartierwerk.participation.models import Idea
from tests.conftest import permission_matrix

from .conftest import make_idea, run_phase

pytestmark = pytest.mark.django_db


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_enters_ideas_collected_offline(role, allowed, process, user_with_role, client, login_as):
    login_as(user_with_role(role))
    url = reverse("participation:staff_record", args=[process.pk])
    data = {
        "channel": "workshop",
        "note": "Stadtteilwerkstatt 12. Juni",
        "title": "Trinkbrunnen am Rabet",
        "text": "Im Sommer fehlt Wasser.",
        "category": "green",
        "language": "de",
    }
    response = client.post(url, data)
    assert response.status_code == (200 if allowed else (302 if role == "anonymous" else 403))
    assert Idea.objects.filter(channel="workshop").exists() is allowed
    if allowed:
        # The form stays on the same pile: channel and occasion are kept for the next idea.
        assert "Stadtteilwerkstatt 12. Juni" in response.content.decode()


def test_offline_ideas_count_with_the_online_ones_and_show_their_channel(
    process, staff, user_with_role, client
):
    make_idea(process, title="Online-Idee")
    run_phase(process, "evaluation")  # the forms reach the office after the collecting phase
    door = services.record_offline_idea(
        process=process,
        by=staff,
        channel="door",
        title="Mehr Licht im Hof",
        text="Gesagt an der Tür.",
        category="traffic",
    )
    services.record_offline_idea(
        process=process,
        by=staff,
        channel="paper",
        title="Bücherschrank",
        text="Vom Papierbogen.",
        category="culture",
    )
    assert door.author is None and door.recorded_by == staff and door.channel == "door"
    counts = {row["channel"]: row["count"] for row in selectors.channels(process)}
    assert counts == {"online": 1, "door": 1, "paper": 1}
    page = client.get(reverse("participation:results", args=[process.pk])).content.decode()
    assert "Mehr Licht im Hof" in page and ("Door to door" in page or "Haustür" in page)
    idea_page = client.get(door.get_absolute_url()).content.decode()
    assert "offline" in idea_page
    assert client.get(f"/api/v1/participation/ideas/{door.pk}").json()["channel"] == "door"


def test_only_offline_channels_and_only_the_office(process, staff, user_with_role):
    with pytest.raises(DomainError):
        services.record_offline_idea(
            process=process, by=staff, channel="online", title="X", text="Y", category="green"
        )
    with pytest.raises(NotAllowed):
        services.record_offline_idea(
            process=process,
            by=user_with_role("resident"),
            channel="paper",
            title="X",
            text="Y",
            category="green",
        )
