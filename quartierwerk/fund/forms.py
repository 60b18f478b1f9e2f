"""Forms of the fund: the application wizard's steps, the office's actions, votes, payouts and proof of use."""

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from quartierwerk.core import multilingual

from . import limits
from .models import Application, Attachment, Decision, Fund, Note, ProofOfUse, Vote

THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class EuroField(forms.DecimalField):
    """An amount as people type it: 1.234,50 or 1234.50 or 1234,5 €."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)

    def clean(self, value):
        value = super().clean(value)
        # Cents always: 12000 is stored, shown and audited as 12000.00.
        return value.quantize(Decimal("0.01")) if value is not None else None


def amount_field(label, *, required=True, allow_zero=False, help_text=""):
    return EuroField(
        label=label,
        required=required,
        min_value=Decimal("0.00") if allow_zero else Decimal("0.01"),
        max_value=limits.AMOUNT_MAX,
        max_digits=limits.AMOUNT_MAX_DIGITS,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class StartForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("Who applies?"), choices=Application.ApplicantKind.choices, widget=forms.Select
    )
    applicant_name = forms.CharField(
        label=_("Your name"), max_length=160, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation_name = forms.CharField(
        label=_("Association or institution"),
        max_length=200,
        required=False,
        help_text=_("Only if you apply for an association, initiative or institution."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the private link to your application to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class LostLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ApplicantForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["applicant_kind", "applicant_name", "organisation_name", "email", "phone", "is_of_age"]


class ProjectForm(forms.ModelForm):
    # Rendered by includes/place_picker.html: the address type-ahead places the pin, which fills lat/lon;
    # a pin set by hand gets its nearest address. Coordinates are hidden fields, never typed.
    place_fields = ("location", "lat", "lon")

    class Meta:
        model = Application
        fields = [
            "category",
            "title",
            "summary",
            "description",
            "benefit",
            "location",
            "lat",
            "lon",
            "start_date",
            "end_date",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "benefit": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, fund=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = fund.categories.all() if fund else []
        if fund is not None and categories:
            self.fields["category"].queryset = categories
            self.fields["category"].empty_label = _("Please choose")
        else:
            del self.fields["category"]
        self.quarter = fund.quarter if fund is not None else None
        self.fields["location"].label = _("Address or description of the place (optional)")
        for name in ("lat", "lon"):
            self.fields[name].widget = forms.HiddenInput()

    def clean(self):
        from quartierwerk.core import geo
        from quartierwerk.core.places import selectors as places

        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is None and data.get("location") and self.quarter is not None:
            # A typed address the city's register knows places the pin (also without JavaScript).
            found = places.resolve(self.quarter.city_id, data["location"])
            if found is not None:
                lat, lon = data["lat"], data["lon"] = found.lat, found.lon
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.add_error("lat", _("Latitude and longitude are outside the valid range."))
        elif (
            lat is not None
            and self.quarter is not None
            and self.quarter.boundary
            and not geo.contains(self.quarter, lat, lon)
        ):
            self.add_error("lat", places.check_place(self.quarter, lat, lon).message)
        return data


class CostLineForm(forms.Form):
    description = forms.CharField(
        label=_("What"), max_length=limits.COST_LINE_DESCRIPTION_MAX, required=False
    )
    amount = amount_field(_("Amount (€)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("amount") is not None and not data.get("description"):
            self.add_error("description", _("Please say what this amount is for."))
        if data.get("description") and data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Please give the amount."))
        return data


CostLineFormSet = forms.formset_factory(
    CostLineForm, extra=0, max_num=limits.COST_LINES_MAX, absolute_max=limits.COST_LINES_MAX
)


class CostTotalsForm(forms.Form):
    own_contribution = amount_field(
        _("Own contribution (€)"), allow_zero=True, help_text=_("Money or work you bring in yourself.")
    )
    other_funding = amount_field(
        _("Other funding (€)"), allow_zero=True, help_text=_("Grants or donations from elsewhere.")
    )
    no_other_funding = forms.BooleanField(label=_("No other source of funding is available"), required=False)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[
            (k, label)
            for k, label in Attachment.Kind.choices
            if k not in (Attachment.Kind.RECEIPT, Attachment.Kind.PROOF_PHOTO)
        ],
    )
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, DOCX, ODT or a photo (JPEG, PNG), at most 8 MB.")
    )


class SubmitForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree to the processing of my data as described above."), required=True
    )


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label=_("What should the applicant change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Note.Kind.choices)
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ScheduleForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=None, empty_label=None)

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=pgettext_lazy("fund", "Decision"), choices=Decision.Outcome.choices)
    amount = amount_field(
        _("Approved amount (€)"), required=False, help_text=_("Empty: the requested amount.")
    )
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectAmountForm(forms.Form):
    amount = amount_field(_("New approved amount (€)"), allow_zero=True)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=2000)


class PayoutForm(forms.Form):
    amount = EuroField(
        label=_("Amount (€)"),
        max_digits=limits.AMOUNT_MAX_DIGITS,
        decimal_places=2,
        help_text=_("A negative amount corrects an earlier payout (give a reason)."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    paid_on = forms.DateField(
        label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(label=_("Booking reference"), max_length=120, required=False)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=2000, required=False)


class ProofForm(forms.Form):
    report = forms.CharField(
        label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000
    )
    public_summary = forms.CharField(
        label=_("Short report for the public page"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1200,
        help_text=_("Two or three sentences; they are shown publicly with your project."),
    )
    spent_amount = amount_field(_("Money spent from the fund (€)"), allow_zero=True)
    receipt = forms.FileField(label=_("Receipts (PDF or photo)"), required=False)
    photo = forms.FileField(label=_("Photo of the project"), required=False)


class CheckProofForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Result of the check"),
        choices=[(k, v) for k, v in ProofOfUse.Status.choices if k != ProofOfUse.Status.SUBMITTED],
    )
    note = forms.CharField(
        label=_("Note or questions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    repayment_amount = amount_field(_("Repayment (€)"), required=False)


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    on_paper = forms.BooleanField(label=_("Held on paper (the office enters the votes)"), required=False)
    written_until = forms.DateField(
        label=_("Written procedure: every member votes by"),
        required=False,
        help_text=_("Only for a decision between sessions (Umlaufverfahren); leave empty for a meeting."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    round = forms.ModelChoiceField(
        label=_("Round"), queryset=None, required=False, empty_label=_("All rounds")
    )

    def __init__(self, *args, fund=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Round

        self.fields["round"].queryset = fund.rounds.all() if fund is not None else Round.objects.none()


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect)
    amount = amount_field(
        _("Reduced amount (€)"), required=False, help_text=_("Only with a yes vote; empty: as requested.")
    )
    conditions = forms.CharField(label=_("Conditions"), required=False, max_length=2000)


class PaperVoteForm(VoteForm):
    """A vote entered by the office; the service checks that the member holds a seat."""

    voter = forms.IntegerField(label=_("Member"), min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].label = _("Vote")
        self.order_fields(["voter", "choice", "amount", "conditions"])


class RecusalForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)


class FundSettingsForm(forms.ModelForm):
    """The rules of one fund and year, as the office sets them."""

    class Meta:
        model = Fund
        fields = Fund.SETTINGS_FIELDS
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "rules_text": forms.Textarea(attrs={"rows": 4}),
            "consent_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from quartierwerk.actors.models import Group

        self.fields["award_team"].queryset = Group.objects.filter(
            quarter=self.instance.quarter, kind="award_team"
        )
        for name in ("budget", "max_per_application", "staff_decision_limit", "council_decision_limit"):
            field = self.fields[name]
            self.fields[name] = amount_field(
                field.label, required=field.required, allow_zero=True, help_text=field.help_text
            )
        # Purpose and notes in the other languages the city offers, one group per language.
        multilingual.add_form_fields(
            self, Fund, multilingual.offered(self.instance.quarter.city), self.instance.translations
        )

    def clean(self):
        data = super().clean()
        data["translations"] = multilingual.from_form(self, data)
        return data


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=120)
    deadline = forms.DateField(
        label=_("Submission deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Kind of project"), max_length=120)
    budget = amount_field(_("Own budget (€)"), required=False, help_text=_("Empty: shares the fund."))
    max_amount = amount_field(_("Maximum per application (€)"), required=False)
    max_share_percent = forms.IntegerField(
        label=_("Maximum share of the total cost (%)"), min_value=1, max_value=100, required=False
    )


class BudgetForm(forms.Form):
    budget = amount_field(_("Budget (€)"), allow_zero=True)
