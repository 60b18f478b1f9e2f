"""Forms of the reports pages: filing a report, following it up, triage, routing and Open311 keys."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual
from quartierwerk.core.models import User
from quartierwerk.core.params import id_or_none

from .models import Category, CategoryAttribute, Report, ResponsibleBody
from .services import BODY_STATUSES, MAX_DESCRIPTION


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to five photos in one input; each is checked by content in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


def _coordinate(label):
    # Set by the map pin or the chosen address; never typed by a resident.
    return forms.FloatField(label=label, required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    """The public report form for one category, with that category's extra questions."""

    lat = _coordinate(_("Latitude"))
    lon = _coordinate(_("Longitude"))
    address = forms.CharField(
        label=_("Address or description of the place"),
        required=False,
        max_length=250,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    no_place = forms.BooleanField(label=_("No particular place"), required=False)
    description = forms.CharField(
        label=_("What is it about?"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Please do not write names or contact details of other people."),
    )
    photos = MultiplePhotoField(
        label=_("Photos (up to 5)"),
        help_text=_("JPEG, PNG, WebP or GIF. Location data in photos is removed."),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("Only for updates on this report. It is never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    show_name = forms.BooleanField(label=_("Show my name with the report"), required=False)

    def __init__(self, *args, category: Category, attributes, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        self.attribute_defs = list(attributes)
        for attr in self.attribute_defs:
            self.fields[f"attr_{attr.code}"] = attribute_field(attr)
        if getattr(user, "is_authenticated", False):
            self.fields["name"].initial = user.display_name
            self.fields["email"].initial = user.email

    def attribute_values(self) -> dict:
        return {a.code: self.cleaned_data.get(f"attr_{a.code}") for a in self.attribute_defs}

    @property
    def attribute_fields(self):
        return [self[f"attr_{a.code}"] for a in self.attribute_defs]


def attribute_field(attr: CategoryAttribute) -> forms.Field:
    D = CategoryAttribute.Datatype
    common = {"label": attr.description, "required": attr.required, "help_text": attr.datatype_description}
    choices = [(str(v.get("key")), v.get("name") or v.get("key")) for v in attr.values or []]
    if attr.datatype == D.SINGLE:
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    if attr.datatype == D.MULTI:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if attr.datatype == D.NUMBER:
        return forms.FloatField(**common)
    if attr.datatype == D.DATETIME:
        return forms.CharField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common)
    if attr.datatype == D.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, **common)
    return forms.CharField(max_length=1000, **common)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search (text or number)"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("all")),
            ("open", _("open (all open states)")),
            ("closed", _("done (all closed states)")),
        ]
        + list(Report.Status.choices),
    )
    period = forms.ChoiceField(
        label=_("Reported"),
        required=False,
        choices=[
            ("", _("any time")),
            ("7", _("last 7 days")),
            ("30", _("last 30 days")),
            ("90", _("last 90 days")),
            ("365", _("last year")),
        ],
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("all"))] + [
            (c.code, multilingual.pick(c, "name")) for c in categories
        ]


class SupportForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail (without an account: we send a link that counts your support once)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ReporterInfoForm(forms.Form):
    text = forms.CharField(
        label=_("More information"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown publicly with the report. Please no names or contact details."),
    )
    photos = MultiplePhotoField(label=_("Add photos"))


class SolutionForm(forms.Form):
    note = forms.CharField(label=_("Comment (optional)"), required=False, max_length=1000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Report.Status.choices)
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 3})
    )
    public = forms.TypedChoiceField(
        label=_("Visible to"),
        choices=[("1", _("public (the reporter is told)")), ("0", _("internal note for colleagues"))],
        coerce=lambda v: v == "1",
        initial="1",
    )


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        # Category names in the reader's language where the office entered them.
        self.fields["category"].label_from_instance = lambda c: multilingual.pick(c, "name")


class KindForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Category.Kind.choices)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"), queryset=User.objects.none(), required=False, empty_label=_("nobody")
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Reference of the original report"), max_length=20, help_text=_("For example M-000123.")
    )

    def clean_into(self):
        value = self.cleaned_data["into"].strip().upper().removeprefix("M-").lstrip("0")
        report_id = id_or_none(value)
        if report_id is None:
            raise forms.ValidationError(_("Give a reference like M-000123."))
        return report_id


class ForwardForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Responsible body"), queryset=ResponsibleBody.objects.none())
    note = forms.CharField(
        label=_("Internal note (not sent)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ModerateForm(forms.Form):
    description = forms.CharField(
        label=_("Text of the report"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 4})
    )
    hidden = forms.BooleanField(label=_("Hide this report from the public"), required=False)
    reason = forms.CharField(label=_("Reason (internal)"), required=False, max_length=500)


class IdeaForm(forms.Form):
    note = forms.CharField(label=_("Public note"), required=False, max_length=2000)


class BodyAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), max_length=MAX_DESCRIPTION, widget=forms.Textarea(attrs={"rows": 5})
    )
    status = forms.ChoiceField(
        label=_("State of the matter"),
        required=False,
        choices=[("", _("no change"))] + [(s, Report.Status(s).label) for s in BODY_STATUSES],
    )


class ApiClientForm(forms.Form):
    name = forms.CharField(label=_("Application"), max_length=120)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    rate_limit = forms.IntegerField(label=_("Requests per minute"), min_value=1, max_value=10000, initial=120)
    returns_token = forms.BooleanField(label=_("Answer with a token (asynchronous flow)"), required=False)
