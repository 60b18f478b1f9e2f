"""Forms of the events pages; they only check input, the services make the changes."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual

from .models import LANGUAGE_CHOICES, ActionItem, Attendance, Event, Venue


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class EventForm(forms.Form):
    """Plan or change an event."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=Event.Topic.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=10000
    )
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS)
    all_day = forms.BooleanField(label=_("All day"), required=False)
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Event.Recurrence.choices)
    recurrence_until = forms.DateField(label=_("Repeats until"), widget=DateInput(), required=False)
    exception_dates = forms.CharField(
        label=_("Dates left out"),
        required=False,
        help_text=_(
            "For a weekly event: dates on which it does not take place, e.g. 2026-12-24, 2026-12-31."
        ),
    )
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none(), required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    organiser_name = forms.CharField(
        label=_("Organiser"),
        max_length=200,
        required=False,
        help_text=_("Empty for the neighbourhood management office."),
    )
    organiser_organisation = forms.ModelChoiceField(
        label=_("Organising actor"), queryset=None, required=False
    )
    group = forms.ModelChoiceField(
        label=_("Session of the group"),
        queryset=None,
        required=False,
        help_text=_("Members are invited, attendance and minutes are kept."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, initial=["de"]
    )
    childcare = forms.BooleanField(label=_("Childcare offered"), required=False)
    is_public = forms.BooleanField(label=_("Public (shown in the calendar)"), required=False, initial=True)
    registration_required = forms.BooleanField(label=_("Registration required"), required=False)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=100000, required=False)
    registration_deadline = forms.DateTimeField(
        label=_("Registration until"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS, required=False
    )
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Members present needed; empty for more than half."),
    )
    questions = forms.CharField(
        label=_("Registration questions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One question per line, e.g. dietary needs. Answers are deleted after the event."),
    )

    def __init__(self, *args, quarter=None, with_questions=True, **kwargs):
        super().__init__(*args, **kwargs)
        from quartierwerk.actors.models import Group, Organisation

        self.fields["venue"].queryset = (
            Venue.objects.filter(quarter=quarter) if quarter else Venue.objects.filter(quarter__isnull=True)
        )
        self.fields["group"].queryset = (
            Group.objects.filter(quarter=quarter) if quarter else Group.objects.none()
        )
        self.fields["organiser_organisation"].queryset = (
            Organisation.objects.filter(quarter=quarter) if quarter else Organisation.objects.none()
        )
        if not with_questions:
            del self.fields["questions"]
        # Title and description in the other languages the city offers, one group per language.
        multilingual.add_form_fields(
            self,
            Event,
            multilingual.offered(quarter.city if quarter else None),
            self.initial.get("translations"),
        )

    def clean_exception_dates(self):
        raw = self.cleaned_data.get("exception_dates", "")
        dates = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                dates.append(datetime.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date (YYYY-MM-DD)."), params={"value": part}
                ) from None
        return dates

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("questions", None)
        data["translations"] = multilingual.from_form(self, data)
        return data

    def question_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("questions", "").splitlines() if line.strip()]

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        return {
            **{
                name: getattr(event, name)
                for name in (
                    "title",
                    "kind",
                    "topic",
                    "description",
                    "starts_at",
                    "ends_at",
                    "all_day",
                    "recurrence",
                    "recurrence_until",
                    "venue",
                    "online_url",
                    "organiser_name",
                    "organiser_organisation",
                    "group",
                    "childcare",
                    "is_public",
                    "registration_required",
                    "capacity",
                    "registration_deadline",
                    "quorum",
                )
            },
            "languages": event.language_codes,
            "translations": event.translations,
            "exception_dates": ", ".join(event.exception_dates or []),
        }


class VenueForm(forms.Form):
    # Rendered by includes/place_picker.html: the address type-ahead places the pin, which fills lat/lon.
    place_fields = ("address", "lat", "lon")

    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    accessible_toilet = forms.BooleanField(label=_("Accessible toilet"), required=False)
    access_notes = forms.CharField(
        label=_("Notes on access"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RegistrationForm(forms.Form):
    """Register for an event; the questions of the event are added as fields."""

    name = forms.CharField(label=_("Your name"), max_length=160)
    email = forms.EmailField(label=_("Your e-mail address"))
    consent = forms.BooleanField(
        label=_("I agree that my name and e-mail address are stored for this event and deleted afterwards.")
    )

    def __init__(self, *args, event: Event, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.text, required=question.required, max_length=1000
            )

    def answers(self) -> dict:
        return {
            name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("q_") and value
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class PostponeForm(ReasonForm):
    starts_at = forms.DateTimeField(
        label=_("New start"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS, required=False
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    is_public = forms.BooleanField(label=_("Public item"), required=False, initial=True)
    document = forms.FileField(label=_("Document (PDF, DOCX, ODT or image)"), required=False)


class AttendanceForm(forms.Form):
    """One choice per current member of the group."""

    def __init__(self, *args, seats=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for seat in seats:
            self.fields[f"p_{seat.person_id}"] = forms.ChoiceField(
                label=f"{seat.person} ({seat.get_role_display()})",
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                # Nothing preset: a member counts as present only once someone says so.
                initial=current.get(seat.person_id),
                required=False,
            )

    def statuses(self) -> dict[int, str]:
        return {int(name[2:]): value for name, value in self.cleaned_data.items() if value}


class MinutesForm(forms.Form):
    """General notes and, per agenda item, discussion, decision and votes."""

    notes = forms.CharField(
        label=_("General notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput(attrs={"id": "minutes-version"}), required=False)

    def __init__(self, *args, items=(), notes="", version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].initial = notes
        self.fields["version"].initial = version
        self.item_fields = []
        for item in items:
            prefix = f"i{item.pk}_"
            names = []
            for name, field in (
                (
                    "discussion",
                    forms.CharField(
                        label=_("Discussion"),
                        widget=forms.Textarea(attrs={"rows": 3}),
                        required=False,
                        initial=item.discussion,
                    ),
                ),
                (
                    "decision",
                    forms.CharField(
                        label=_("Decision"),
                        widget=forms.Textarea(attrs={"rows": 2}),
                        required=False,
                        initial=item.decision,
                    ),
                ),
                (
                    "votes_yes",
                    forms.IntegerField(
                        label=_("Votes in favour"), min_value=0, required=False, initial=item.votes_yes
                    ),
                ),
                (
                    "votes_no",
                    forms.IntegerField(
                        label=_("Votes against"), min_value=0, required=False, initial=item.votes_no
                    ),
                ),
                (
                    "votes_abstain",
                    forms.IntegerField(
                        label=_("Abstentions"), min_value=0, required=False, initial=item.votes_abstain
                    ),
                ),
            ):
                self.fields[prefix + name] = field
                names.append(prefix + name)
            self.item_fields.append((item, names))

    def item_groups(self):
        """(agenda item, bound fields) for the template."""
        return [(item, [self[name] for name in names]) for item, names in self.item_fields]

    def items_data(self) -> dict:
        result = {}
        for item, names in self.item_fields:
            result[item.pk] = {name.split("_", 1)[1]: self.cleaned_data.get(name) for name in names}
        return result


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300)
    assignee = forms.ChoiceField(label=_("Who"), required=False)
    due_date = forms.DateField(label=_("By when"), widget=DateInput(), required=False)
    agenda_item = forms.ChoiceField(label=_("From agenda item"), required=False)

    def __init__(self, *args, seats=(), organisations=(), items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = (
            [("", "—")]
            + [(f"p{seat.person_id}", str(seat.person)) for seat in seats]
            + [(f"o{org.pk}", str(org)) for org in organisations]
        )
        self.fields["agenda_item"].choices = [("", "—")] + [(str(i.pk), str(i)) for i in items]


class NextSessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date of the next session"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
