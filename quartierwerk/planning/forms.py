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


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=250, required=False)
    lead = forms.ModelChoiceField(label=_("Lead"), queryset=None, required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals of the action plan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    progress = forms.IntegerField(label=_("Progress in per cent"), min_value=0, max_value=100, initial=0)
    results = forms.CharField(label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, quarter, **kwargs):
        from .services.projects import goals_for, organisations_for

        super().__init__(*args, **kwargs)
        orgs = organisations_for(quarter).order_by("name")
        self.fields["lead"].queryset = orgs
        self.fields["partners"].queryset = orgs
        self.fields["goals"].queryset = goals_for(quarter).order_by(
            "-field_of_action__plan__year", "position", "id"
        )
        self.fields["goals"].label_from_instance = lambda g: f"{g.field_of_action.plan.year}: {g.title}"


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Stage"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Project

        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", _("All stages")), *Project.Stage.choices]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    name = forms.CharField(
        label=_("Funder or programme"),
        max_length=200,
        required=False,
        help_text=_("Not needed for a fund application: its name and amounts come from the fund."),
    )
    fund_application = forms.ModelChoiceField(label=_("Fund application"), queryset=None, required=False)
    amount_applied = forms.DecimalField(
        label=_("Amount applied for (€)"), max_digits=12, decimal_places=2, required=False
    )
    own_share = forms.DecimalField(label=_("Own share (€)"), max_digits=12, decimal_places=2, required=False)
    period_start = forms.DateField(label=_("Funding period from"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("Funding period until"), required=False, widget=DATE)

    def __init__(self, *args, quarter, **kwargs):
        from quartierwerk.fund.models import Application

        from .models import FundingSource

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FundingSource.Kind.choices
        self.fields["fund_application"].queryset = (
            Application.objects.filter(quarter=quarter).exclude(reference__isnull=True).order_by("-pk")
        )


class AmountsForm(forms.Form):
    amount_applied = forms.DecimalField(
        label=_("Applied for (€)"), max_digits=12, decimal_places=2, required=False
    )
    amount_granted = forms.DecimalField(
        label=_("Granted (€)"), max_digits=12, decimal_places=2, required=False
    )
    amount_called = forms.DecimalField(label=_("Called (€)"), max_digits=12, decimal_places=2, required=False)
