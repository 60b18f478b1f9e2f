"""The office's quick entry forms and the report's own sections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AnnualReport, ContactLogEntry, FieldOfAction

# Languages a conversation at the contact point is commonly held in (ISO 639-1), and "another".
CONVERSATION_LANGUAGES = (
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("fa", _("Persian")),
    ("other", _("another language")),
)


class ContactForm(forms.Form):
    """One contact in a few clicks: how and in which language are preselected, the topic button sends."""

    channel = forms.ChoiceField(
        label=_("How"), choices=ContactLogEntry.Channel.choices, initial="visit", widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language of the conversation"), choices=CONVERSATION_LANGUAGES, initial="de"
    )
    referred_to = forms.ChoiceField(
        label=_("Referred to"),
        choices=ContactLogEntry.Referral.choices,
        initial="none",
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("Topic"), choices=ContactLogEntry.Topic.choices, widget=forms.HiddenInput
    )


class TimeForm(forms.Form):
    field = forms.ModelChoiceField(label=_("Field of action"), queryset=FieldOfAction.objects.none())
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.25, max_value=200, decimal_places=2, localize=True
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, quarter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = FieldOfAction.objects.filter(quarter=quarter)


class FieldOfActionForm(forms.Form):
    title = forms.CharField(label=_("New field of action"), max_length=120)


class SectionsForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ("introduction", "highlights", "outlook")
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
