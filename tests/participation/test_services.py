"""The services: ideas inside the quarter, edit history, one reply level, moderation, flags, support once,
dots within the budget, answers through the workflow with a mail in the author's language, printed codes."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import OutboxMail
from quartierwerk.participation import services
from quartierwerk.participation.models import Ballot, Idea, ParticipationCode, Revision, Support

from .conftest import LAT, LON, make_idea, run_phase

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def test_an_idea_is_stored_with_its_place_photo_and_language(process, user_with_role):
    idea = services.submit_idea(
        process=process,
        user=user_with_role("resident"),
        title=" Bänke ",
        text="Mehr Bänke am Teich",
        category="green",
        lat=LAT,
        lon=LON,
        photo=_png(),
        language="ar",
    )
    assert idea.title == "Bänke" and idea.language == "ar" and idea.cell_x is not None
    assert idea.photo and idea.photo_type.startswith("image/")  # re-encoded, EXIF removed


@pytest.mark.parametrize(
    "change, field",
    [
        ({"lat": 52.5, "lon": 13.4}, "lat"),
        ({"lat": LAT, "lon": None}, "lat"),
        ({"category": "nonsense"}, "category"),
        ({"title": "  "}, "title"),
        ({"text": ""}, "text"),
    ],
)
def test_bad_ideas_are_refused_with_the_field_named(process, user_with_role, change, field):
    data = {"title": "Titel", "text": "Text", "category": "green", "lat": LAT, "lon": LON, **change}
    with pytest.raises(DomainError) as refused:
        services.submit_idea(process=process, user=user_with_role("resident"), **data)
    assert refused.value.field == field
    assert not Idea.objects.exists()


def test_a_file_that_is_no_image_is_refused(process, user_with_role):
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(DomainError):
        services.submit_idea(
            process=process,
            user=user_with_role("resident"),
            title="T",
            text="T",
            category="green",
            photo=fake,
        )
    assert not Idea.objects.exists()


def test_no_idea_outside_the_collecting_phase(process, user_with_role):
    run_phase(process, "prioritising")
    with pytest.raises(NotAllowed):
        services.submit_idea(
            process=process, user=user_with_role("resident"), title="T", text="T", category="green"
        )


def test_editing_keeps_the_earlier_wording(process, user_with_role):
    author = user_with_role("resident")
    idea = make_idea(process, author=author)
    services.edit_idea(idea=idea, by=author, title="Neu", text="Neuer Text")
    revision = Revision.objects.get(idea=idea, comment__isnull=True)
    assert (revision.title, revision.text) == ("Idee 0", "Beschreibung 0")
    with pytest.raises(NotAllowed):
        services.edit_idea(idea=idea, by=user_with_role("resident"), title="X", text="Y")
    run_phase(process, "prioritising")
    with pytest.raises(NotAllowed):
        services.edit_idea(idea=idea, by=author, title="Zu spät", text="Y")


def test_replies_stay_one_level_deep_and_edits_are_kept(idea, user_with_role):
    a, b = user_with_role("resident"), user_with_role("resident")
    top = services.comment(idea=idea, user=a, text="Gute Idee")
    reply = services.comment(idea=idea, user=b, text="Finde ich auch", parent=top)
    deeper = services.comment(idea=idea, user=a, text="Danke", parent=reply)
    assert reply.parent_id == top.pk and deeper.parent_id == top.pk
    services.edit_comment(comment=top, by=a, text="Sehr gute Idee")
    assert Revision.objects.get(comment=top).text == "Gute Idee"
    with pytest.raises(NotAllowed):
        services.edit_comment(comment=top, by=b, text="Nein")
    idea.refresh_from_db()
    assert idea.comment_count == 3


def test_flags_count_once_per_person_and_staff_hide_with_a_reason(idea, user_with_role, staff):
    comment = services.comment(idea=idea, user=user_with_role("resident"), text="Unfreundlich")
    flagger = user_with_role("resident")
    assert services.flag_comment(comment=comment, user=flagger, reason="beleidigend") is True
    assert services.flag_comment(comment=comment, user=flagger) is False
    with pytest.raises(NotAllowed):
        services.flag_comment(comment=comment, user=AnonymousUser())
    comment.refresh_from_db()
    assert comment.flag_count == 1
    with pytest.raises(DomainError):
        services.hide_comment(comment=comment, by=staff, reason="")
    with pytest.raises(NotAllowed):
        services.hide_comment(comment=comment, by=flagger, reason="weg")
    services.hide_comment(comment=comment, by=staff, reason="Verstößt gegen die Regeln")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Verstößt gegen die Regeln"


def test_support_counts_once_and_never_for_ones_own_idea(idea, process, user_with_role):
    resident = user_with_role("resident")
    assert services.support(idea=idea, user=resident) is True
    assert services.support(idea=idea, user=resident) is False
    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.count()
    own = make_idea(process, n=1, author=resident)
    with pytest.raises(Conflict):
        services.support(idea=own, user=resident)


def test_dots_stay_within_the_budget_and_can_move(process, user_with_role):
    ideas = [make_idea(process, n) for n in range(3)]
    run_phase(process, "prioritising")
    voter = user_with_role("resident")
    services.set_dots(idea=ideas[0], points=3, user=voter)
    services.set_dots(idea=ideas[1], points=2, user=voter)
    with pytest.raises(Conflict):
        services.set_dots(idea=ideas[2], points=1, user=voter)
    services.set_dots(idea=ideas[0], points=1, user=voter)
    ballot = services.set_dots(idea=ideas[2], points=2, user=voter)
    assert (ballot.used, ballot.budget) == (5, 5)
    services.set_dots(idea=ideas[1], points=0, user=voter)
    counts = dict(Idea.objects.values_list("pk", "dot_count"))
    assert [counts[i.pk] for i in ideas] == [1, 0, 2]
    assert Ballot.objects.get().used == 3


def test_the_database_refuses_a_ballot_over_its_budget(process, user_with_role):
    from django.db import IntegrityError, transaction

    phase = run_phase(process, "prioritising")
    ballot = Ballot.objects.create(phase=phase, user=user_with_role("resident"), budget=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(pk=ballot.pk).update(used=6)


def test_the_database_refuses_a_second_support(idea, user_with_role):
    from django.db import IntegrityError, transaction

    resident = user_with_role("resident")
    Support.objects.create(idea=idea, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(idea=idea, user=resident)


def test_answers_follow_the_workflow_and_are_mailed_in_the_authors_language(process, user_with_role, staff):
    author = user_with_role("resident")
    idea = make_idea(process, author=author, language="uk")
    with pytest.raises(DomainError) as refused:
        services.answer_idea(idea=idea, by=staff, action="decline", answer="")
    assert refused.value.field == "answer"
    with pytest.raises(InvalidTransition):
        services.answer_idea(idea=idea, by=staff, action="reword", answer="Nur Text")
    services.answer_idea(idea=idea, by=staff, action="decline", answer="Die Fläche gehört nicht der Stadt.")
    idea.refresh_from_db()
    assert idea.status == "not_feasible" and idea.answered_by == staff
    mail = OutboxMail.objects.get(purpose="participation.idea_answered")
    assert mail.to == [author.email] and mail.language == "uk"
    assert "Die Fläche gehört nicht der Stadt." in mail.body
    services.answer_idea(
        idea=idea, by=staff, action="take_up", answer="Doch: eine Ersatzfläche ist gefunden."
    )
    idea.refresh_from_db()
    assert idea.status == "taken_up"


def test_a_code_holders_idea_is_answered_to_the_address_they_gave(process, staff, code_for):
    _raw, code = code_for(process, staff)
    idea = services.submit_idea(
        process=process,
        code=code,
        title="Ohne Konto",
        text="Text",
        category="social",
        email="nachbar@test.example",
    )
    assert idea.code == code and idea.author is None
    services.answer_idea(idea=idea, by=staff, action="consider", answer="Wir prüfen das.")
    assert OutboxMail.objects.get(purpose="participation.idea_answered").to == ["nachbar@test.example"]


def test_codes_are_stored_hashed_and_work_once(process, staff):
    codes = services.generate_codes(process=process, by=staff, count=5, batch="Stadtteilfest")
    assert len(set(codes)) == 5 and ParticipationCode.objects.count() == 5
    stored = set(ParticipationCode.objects.values_list("code_hash", flat=True))
    assert not any(services.normalise_code(c) in stored or c in stored for c in codes)
    typed = codes[0].lower().replace("-", " ")
    assert services.redeem_code(process=process, raw=typed).redeemed_at is not None
    with pytest.raises(Conflict):
        services.redeem_code(process=process, raw=codes[0])
    with pytest.raises(DomainError):
        services.redeem_code(process=process, raw="AAAA-BBBB-CCCC")
    with pytest.raises(DomainError):
        services.redeem_code(process=process, raw="x" * 10_000)


def test_codes_only_for_the_office_and_in_sensible_numbers(process, user_with_role, staff):
    with pytest.raises(NotAllowed):
        services.generate_codes(process=process, by=user_with_role("resident"), count=1)
    with pytest.raises(DomainError):
        services.generate_codes(process=process, by=staff, count=0)
    with pytest.raises(DomainError):
        services.generate_codes(process=process, by=staff, count=100_000)


def test_phases_may_not_overlap_and_end_after_they_start(process, staff):
    from datetime import timedelta

    first = process.phases.order_by("starts_on").first()
    with pytest.raises(Conflict):
        services.save_phase(
            process=process, by=staff, kind="results", starts_on=first.starts_on, ends_on=first.ends_on
        )
    with pytest.raises(DomainError):
        services.save_phase(
            process=process,
            by=staff,
            kind="results",
            starts_on=first.ends_on,
            ends_on=first.ends_on - timedelta(days=3),
        )


def test_a_process_needs_a_phase_before_it_is_published(quarter, staff, user_with_role):
    created = services.create_process(by=staff, city=quarter.city, quarter=quarter, title="Neu", goal="Ziel")
    assert created.status == "draft"
    with pytest.raises(DomainError):
        services.publish(process=created, by=staff)
    with pytest.raises(NotAllowed):
        services.create_process(
            by=user_with_role("resident"), city=quarter.city, quarter=quarter, title="X", goal="Y"
        )
    with pytest.raises(DomainError) as refused:
        services.create_process(
            by=staff, city=quarter.city, quarter=quarter, title="X", goal="Y", dots_per_person=99
        )
    assert refused.value.field == "dots_per_person"
