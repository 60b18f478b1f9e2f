from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ResolutionPoint


class StatusReportForm(forms.Form):
    status = forms.ChoiceField(label=_("State of implementation"), choices=ResolutionPoint.Status.choices)
    text = forms.CharField(
        label=_("Report"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What has been done, what is next. Published with the paper."),
    )
    date = forms.DateField(
        label=_("Date of the report"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
