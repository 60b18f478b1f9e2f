"""Who a privacy request is about, and which rows of the register belong to them."""

from django.db import models

from quartierwerk.core.privacy import Kind, PersonalData, SubjectRef, register

IDENTIFYING = (Kind.NAME, Kind.EMAIL, Kind.PHONE)


def rows_about(ref: SubjectRef, declaration: PersonalData) -> models.QuerySet:
    """The rows of one declared model that belong to the person."""
    model = declaration.model_class()
    if declaration.subject.select is not None:
        return declaration.subject.select(ref)
    q = declaration.subject.q(ref)
    if q is None:
        return model.objects.none()
    return model.objects.filter(q).distinct()


def _grow(ref: SubjectRef) -> SubjectRef:
    """Add the persons, names, e-mail addresses and phone numbers that the person's own rows hold."""
    emails, names, phones, persons = set(ref.emails), set(ref.names), set(ref.phones), set(ref.person_ids)
    for declaration in register():
        if declaration.subject.select is not None:
            continue
        kinds = {name: kind for name, kind in declaration.fields.items() if kind in IDENTIFYING}
        if not kinds and declaration.subject.person != "pk":
            continue
        rows = rows_about(ref, declaration)
        if declaration.subject.person == "pk":
            persons.update(rows.values_list("pk", flat=True))
        for values in rows.values(*kinds):
            row_names = []
            for name, value in values.items():
                if not value or not isinstance(value, str):
                    continue
                kind = kinds[name]
                if kind == Kind.EMAIL and "@invalid.example" not in value:
                    emails.add(value.lower())
                elif kind == Kind.PHONE:
                    phones.add(value)
                elif kind == Kind.NAME:
                    row_names.append(value)
            names.update(n for n in row_names if n != "(gelöscht)")
            if len(row_names) > 1:
                names.add(" ".join(row_names))
    return SubjectRef(
        user_id=ref.user_id,
        emails=tuple(sorted(emails)),
        person_ids=tuple(sorted(persons)),
        names=tuple(sorted(names)),
        phones=tuple(sorted(phones)),
    )


def resolve(ref: SubjectRef) -> SubjectRef:
    """The person with everything the register ties to them (two rounds: an address leads to a person row)."""
    grown = _grow(ref)
    return _grow(grown) if grown != ref else grown


def for_user(user) -> SubjectRef:
    """The subject of an account: its id and address, and everything linked to them."""
    names = (user.display_name,) if getattr(user, "display_name", "") else ()
    return resolve(SubjectRef(user_id=user.pk, emails=(user.email.lower(),), names=names))


def for_email(email: str) -> SubjectRef:
    """The subject of an e-mail address without an account (the address has been confirmed)."""
    from quartierwerk.core.models import User

    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return for_user(user)
    return resolve(SubjectRef(emails=(email.lower(),)))


def for_person(person) -> SubjectRef:
    """The subject of a directory person (staff erasing or exporting on request); a linked account stays."""
    return resolve(
        SubjectRef(
            emails=(person.email.lower(),) if person.email else (),
            person_ids=(person.pk,),
        )
    )
