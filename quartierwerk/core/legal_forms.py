"""Forms of the data-protection pages: responsible parties, a quarter's arrangement, the request log."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ControllerArrangement, ResponsibleParty, SubjectRequest
from .services import PARTY_FIELDS

# A date field's value must be ISO 8601 whatever the page's language, or the browser shows it empty.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ResponsiblePartyForm(forms.ModelForm):
    class Meta:
        model = ResponsibleParty
        fields = list(PARTY_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "dpo_address": forms.Textarea(attrs={"rows": 3}),
            "data_protection_authority": forms.Textarea(attrs={"rows": 3}),
        }


class ArrangementForm(forms.Form):
    arrangement = forms.ChoiceField(
        label=_("Data-protection arrangement"), choices=ControllerArrangement.choices
    )
    operator_party = forms.ModelChoiceField(
        label=_("Operator (Träger)"), queryset=ResponsibleParty.objects.none(), required=False
    )

    def __init__(self, *args, quarter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator_party"].queryset = ResponsibleParty.objects.filter(
            city_id=quarter.city_id, kind=ResponsibleParty.Kind.OPERATOR
        )


class SubjectRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=SubjectRequest.Kind.choices)
    channel = forms.ChoiceField(label=_("Received by"), choices=SubjectRequest.Channel.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DATE_INPUT, initial=timezone.localdate)
    subject_name = forms.CharField(label=_("Name of the person"), max_length=200)
    subject_email = forms.EmailField(
        label=_("E-mail of the person"),
        required=False,
        help_text=_("Needed for restriction and objection: the address is left out of lists and exports."),
    )
    subject_address = forms.CharField(
        label=_("Postal address of the person"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    identity_check = forms.ChoiceField(
        label=_("Identity checked by"), choices=SubjectRequest.IdentityCheck.choices
    )
    identity_note = forms.CharField(label=_("Note on the identity check"), max_length=300, required=False)
    details = forms.CharField(
        label=_("What the person asks"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (SubjectRequest.Status.ANSWERED, SubjectRequest.Status.ANSWERED.label),
            (SubjectRequest.Status.REFUSED, SubjectRequest.Status.REFUSED.label),
        ],
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE_INPUT, initial=timezone.localdate)
    answer_note = forms.CharField(
        label=_("How it was answered"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LiftRestrictionForm(forms.Form):
    reason = forms.CharField(label=_("Why the restriction ends"), max_length=300)
