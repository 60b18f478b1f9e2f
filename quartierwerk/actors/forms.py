"""Forms of the actor directory; they only validate input, services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    Consent,
    Group,
    GroupMembership,
    Language,
    Offer,
    Organisation,
    Person,
    Relationship,
    Topic,
)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Spoken language"), required=False)
    offer = forms.ChoiceField(label=_("Offer"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", _("any"))]
        self.fields["kind"].choices = any_ + list(Organisation.Kind.choices)
        self.fields["topic"].choices = any_ + list(Topic.choices)
        self.fields["language"].choices = any_ + list(Language.choices)
        self.fields["offer"].choices = any_ + list(Offer.choices)
        self.fields["q"].widget.input_type = "search"


class StaffFilterForm(DirectoryFilterForm):
    tag = forms.CharField(label=_("Tag"), required=False, max_length=60)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("any"))] + list(Organisation.Status.choices)


def _multi(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class OrganisationForm(forms.Form):
    """What a representative (and staff) may edit about an organisation."""

    # Rendered by includes/place_picker.html: the street is looked up in the address register, the pin
    # (hidden lat/lon) follows the chosen address.
    place_fields = ("street", "lat", "lon")

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    description = forms.CharField(
        label=_("What you do"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    topics = _multi(_("Topics"), Topic.choices)
    languages = _multi(_("Languages spoken"), Language.choices)
    offers = _multi(_("What you offer"), Offer.choices)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    town = forms.CharField(label=_("Town"), max_length=120, required=False)
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    accessibility = forms.CharField(
        label=_("Accessibility of your place"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    wheelchair_accessible = forms.BooleanField(label=_("Step-free access"), required=False)
    public_fields = _multi(_("Show these details publicly"), Organisation.OPTIONAL_PUBLIC_FIELDS)
    is_public = forms.BooleanField(
        label=_("List the entry in the public directory"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lat"].help_text = _("Click on the map to set the point, or type the coordinates.")
        self.fields["public_fields"].help_text = _(
            "Name, kind, description, topics, languages and offers are always public when the entry is listed."
        )

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        return data

    @staticmethod
    def initial_for(org: Organisation) -> dict:
        return {f: getattr(org, f) for f in OrganisationForm.base_fields if hasattr(org, f)}


class StaffOrganisationForm(OrganisationForm):
    internal_note = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    tags = forms.CharField(label=_("Tags (comma separated)"), required=False, max_length=500)

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]

    @staticmethod
    def initial_for(org: Organisation) -> dict:
        data = OrganisationForm.initial_for(org)
        data["internal_note"] = org.internal_note
        data["tags"] = ", ".join(org.tags or [])
        return data


class RegistrationForm(OrganisationForm):
    message = forms.CharField(
        label=_("Message to the neighbourhood office"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    confirm = forms.BooleanField(
        label=_(
            "I am allowed to register this organisation and its details may be published as chosen above."
        )
    )


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you connected to this organisation?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=120, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    role_title = forms.CharField(label=_("Function"), max_length=160, required=False)
    languages = _multi(_("Languages spoken"), Language.choices)
    public_fields = _multi(_("Shown publicly as contact person"), Person.OPTIONAL_PUBLIC_FIELDS)
    internal_note = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    tags = forms.CharField(label=_("Tags (comma separated)"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_fields"].help_text = _(
            "Only with a consent for the directory listing; the name is shown, these details only if ticked."
        )

    def clean_tags(self):
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]

    @staticmethod
    def initial_for(person: Person) -> dict:
        data = {f: getattr(person, f) for f in PersonForm.base_fields}
        data["tags"] = ", ".join(person.tags or [])
        return data


class ConsentForm(forms.Form):
    basis = forms.ChoiceField(label=_("Legal basis"), choices=Consent.Basis.choices)
    purposes = forms.MultipleChoiceField(
        label=_("Purposes"), choices=Consent.Purpose.choices, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(
        label=_("Text the person agreed to"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    source = forms.ChoiceField(label=_("Source"), choices=Consent.Source.choices)
    valid_until = forms.DateField(
        label=_("Kept until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RelationshipForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Relationship"), choices=Relationship.Kind.choices)
    start_date = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_public = forms.BooleanField(label=_("Show on the public page"), required=False)

    def __init__(self, *args, quarter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(quarter=quarter)
            .exclude(status=Organisation.Status.MERGED)
            .only("id", "name")
        )


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"))
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    def __init__(self, *args, **kwargs):
        from .models import ContactActivity

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in ContactActivity.Kind.choices if c[0] != ContactActivity.Kind.MERGED
        ]


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Group.Kind.choices)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    meeting_rhythm = forms.CharField(label=_("Meets"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    is_public = forms.BooleanField(label=_("Public group page"), required=False, initial=True)


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=GroupMembership.Role.choices, initial="member")
    start_date = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, quarter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(quarter=quarter)
            .exclude(status__in=[Organisation.Status.MERGED, Organisation.Status.REJECTED])
            .only("id", "name")
        )
        self.fields["person"].queryset = Person.objects.filter(
            quarter=quarter, anonymised_at__isnull=True, merged_into__isnull=True
        ).only("id", "first_name", "last_name", "email", "anonymised_at")

    def clean(self):
        data = super().clean()
        if bool(data.get("organisation")) == bool(data.get("person")):
            raise forms.ValidationError(_("Choose either a person or an organisation."))
        return data


class EngagementForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Volunteer"), queryset=Person.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Where (organisation)"), queryset=Organisation.objects.none(), required=False
    )
    activity = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    hours = forms.DecimalField(label=_("Hours"), min_value=0.1, max_value=10000, decimal_places=1)
    start_date = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, quarter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            quarter=quarter, anonymised_at__isnull=True, merged_into__isnull=True
        ).only("id", "first_name", "last_name", "email", "anonymised_at")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            quarter=quarter, status=Organisation.Status.VERIFIED
        ).only("id", "name")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "First line: column names. Required: name. Optional: kind, description, topics, languages, offers, "
            "street, postcode, town, lat, lon, email, phone, website, opening_hours, accessibility, public, tags."
        ),
    )


class SaveFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of the saved filter"), max_length=160)


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    duplicate = forms.IntegerField(widget=forms.HiddenInput)


class InvitationForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
