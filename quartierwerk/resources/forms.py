"""Forms of the resource pool: search, offering a resource, booking, closures, office-hour appointments."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .booking_rules import local_zone
from .models import Closure, Resource

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Resource.Kind.choices]
    )
    day = forms.DateField(label=_("Free on"), required=False, widget=DATE)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)


class ResourceForm(forms.Form):
    """What an association or the office offers, with one first timeframe (more in the admin)."""

    owner = forms.ModelChoiceField(
        label=_("Offered by"), queryset=None, required=False, empty_label=_("The office")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    place = forms.CharField(label=_("Where to pick it up"), required=False, max_length=250)
    deposit = forms.DecimalField(
        label=_("Deposit (EUR)"), min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    fee = forms.DecimalField(label=_("Fee (EUR)"), min_value=0, max_digits=8, decimal_places=2, initial=0)
    bookable_by = forms.ChoiceField(
        label=_("Who may book"), choices=Resource.Bookers.choices, initial="associations"
    )
    needs_approval = forms.BooleanField(
        label=_("I approve each booking myself"), required=False, initial=True
    )
    buffer_minutes = forms.IntegerField(
        label=_("Turnaround buffer (minutes)"), min_value=0, max_value=1440, initial=0
    )
    terms = forms.CharField(
        label=_("Terms of use"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Liability, deposit, keys: bookers accept them when they book."),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Bookable on"),
        choices=[
            ("0", _("Monday")),
            ("1", _("Tuesday")),
            ("2", _("Wednesday")),
            ("3", _("Thursday")),
            ("4", _("Friday")),
            ("5", _("Saturday")),
            ("6", _("Sunday")),
        ],
        initial=["0", "1", "2", "3", "4"],
        widget=forms.CheckboxSelectMultiple,
    )
    whole_days = forms.BooleanField(label=_("Booked by whole days"), required=False)
    opens_at = forms.TimeField(label=_("From"), required=False, initial=datetime.time(9), widget=TIME)
    closes_at = forms.TimeField(label=_("Until"), required=False, initial=datetime.time(18), widget=TIME)
    max_hours = forms.IntegerField(label=_("Maximum length (hours)"), required=False, min_value=1)
    max_days = forms.IntegerField(label=_("Maximum length (days)"), required=False, min_value=1)
    lead_time_hours = forms.IntegerField(label=_("Lead time (hours)"), min_value=0, initial=0)
    ahead_days = forms.IntegerField(
        label=_("Bookable how many days ahead"), min_value=1, max_value=730, initial=90
    )

    def __init__(self, *args, owners=None, office=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].required = not office
        if not office:
            self.fields["owner"].empty_label = None

    def clean(self):
        data = super().clean()
        if not data.get("whole_days") and not (
            data.get("opens_at") and data.get("closes_at") and data["opens_at"] < data["closes_at"]
        ):
            raise forms.ValidationError(_("Please give the hours in which it can be booked."))
        return data


class BookingForm(forms.Form):
    starts_on = forms.DateField(label=_("From (day)"), widget=DATE)
    starts_time = forms.TimeField(label=_("From (time)"), required=False, widget=TIME)
    ends_on = forms.DateField(label=_("Until (day)"), widget=DATE)
    ends_time = forms.TimeField(label=_("Until (time)"), required=False, widget=TIME)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=_("Myself")
    )
    purpose = forms.CharField(label=_("What for"), required=False, max_length=300)
    accept_terms = forms.BooleanField(label=_("I accept the terms of use."), required=False)
    licence_confirmed = forms.BooleanField(
        label=_("I hold a valid driving licence for this vehicle."), required=False
    )

    def __init__(self, *args, resource, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if not resource.terms:
            del self.fields["accept_terms"]
        else:
            self.fields["accept_terms"].required = True
        if not resource.needs_licence:
            del self.fields["licence_confirmed"]
        else:
            self.fields["licence_confirmed"].required = True
        self.whole_days = all(f.whole_days for f in resource.timeframes.all())
        if self.whole_days:
            del self.fields["starts_time"], self.fields["ends_time"]
            self.fields["ends_on"].label = _("Last day")

    def span(self) -> tuple[datetime.datetime, datetime.datetime]:
        data, tz = self.cleaned_data, local_zone()
        if self.whole_days:
            start = datetime.datetime.combine(data["starts_on"], datetime.time(0), tzinfo=tz)
            end = datetime.datetime.combine(
                data["ends_on"] + datetime.timedelta(days=1), datetime.time(0), tzinfo=tz
            )
            return start, end
        start = datetime.datetime.combine(
            data["starts_on"], data.get("starts_time") or datetime.time(0), tzinfo=tz
        )
        end = datetime.datetime.combine(data["ends_on"], data.get("ends_time") or datetime.time(0), tzinfo=tz)
        return start, end


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Closure.Reason.choices, initial="repair")
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    note = forms.CharField(label=_("Note for the bookers"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(_("The last day must not lie before the first."))
        return data


class HandOverForm(forms.Form):
    code = forms.CharField(label=_("Pick-up code"), max_length=12)


class ReturnForm(forms.Form):
    condition_note = forms.CharField(
        label=_("Condition on return"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Message to the booker (optional)"), required=False, max_length=500)


class AppointmentForm(forms.Form):
    """Step two of an office-hour appointment: who comes, and how we reach them."""

    name = forms.CharField(label=_("Your name"), max_length=160)
    email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("We send you a link to confirm."))
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        help_text=_("If you have no e-mail: we call you back."),
    )
    purpose = forms.CharField(label=_("What is it about? (optional)"), required=False, max_length=300)
    language = forms.CharField(
        label=_("Language you would like to speak (optional)"), required=False, max_length=60
    )
    wants_interpreter = forms.BooleanField(label=_("I need an interpreter."), required=False)

    def __init__(self, *args, resource, **kwargs):
        super().__init__(*args, **kwargs)
        if not resource.offers_interpreter:
            del self.fields["wants_interpreter"]

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Please give an e-mail address or a phone number."))
        return data
