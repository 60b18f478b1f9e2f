"""The participant list in both CSV dialects, through the one export writer."""

from django.urls import reverse

from quartierwerk.core import exports


def test_participant_list_guards_header_and_cells_in_both_dialects(
    client, login_as, user_with_role, make_event
):
    from quartierwerk.events import services
    from quartierwerk.events.models import EventQuestion

    event = make_event("Kurs", registration_required=True, capacity=5)
    q = EventQuestion.objects.create(event=event, text="=cmd|' /C calc'!A0")
    services.register(event=event, name="+Anna", email="a@test.example", answers={str(q.pk): "@vegan"})
    login_as(user_with_role("staff"))
    url = reverse("events:registrations_csv", args=[event.quarter.slug, event.pk])
    german = client.get(url).content
    assert german.startswith(b"\xef\xbb\xbf")
    header, row = exports.read_csv(german)
    assert header[-1] == "'=cmd|' /C calc'!A0", "a question title is a header cell and is guarded"
    assert row[0] == "'+Anna" and row[-1] == "'@vegan"
    assert german.decode("utf-8-sig").splitlines()[1].startswith("'+Anna;a@test.example;")
    machine = client.get(url, {"format": "csv-rfc4180"}).content
    assert not machine.startswith(b"\xef\xbb\xbf")
    assert machine.decode("utf-8").splitlines()[1].startswith("'+Anna,a@test.example,")
    assert exports.read_csv(machine) == [header, row]
