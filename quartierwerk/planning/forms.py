"""Forms of the planning pages; they only collect input, the services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    adopted_by = forms.CharField(
        label=_("Adopted by"),
        max_length=200,
        required=False,
        help_text=_("The body that adopted this version, e.g. the Quartiersrat."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DATE)
    revision_participants = forms.CharField(
        label=_("Who took part in the revision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("The outside actors the revision was discussed with, one per line."),
    )


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class IndicatorForm(forms.Form):
    title = forms.CharField(label=_("Indicator"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60)
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=14, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)


class ValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    source = forms.CharField(label=_("Source"), max_length=300)
