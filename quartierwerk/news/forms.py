"""The office's news form; it only checks input, the services make the changes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual

from .models import Document, NewsPost, Topic

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    teaser = forms.CharField(
        label=_("Teaser"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences shown in lists, feeds and the newsletter."),
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paragraphs, bold and italic text, lists, subheadings, quotes and links are kept; "
            "other formatting is removed."
        ),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=_("JPEG, PNG, WebP or GIF. Location data in photos is removed."),
    )
    image_alt = forms.CharField(
        label=_("Image description (alt text)"),
        required=False,
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_credit = forms.CharField(label=_("Image credit"), required=False, max_length=200)
    publish_at = forms.DateTimeField(
        label=_("Publication date"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    embargo_until = forms.DateTimeField(
        label=_("Embargo until (optional)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=DATETIME_FORMATS,
        help_text=_("The post stays hidden until then, even when it is published."),
    )
    is_pinned = forms.BooleanField(label=_("Pin to the top of the list"), required=False)

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        multilingual.add_form_fields(
            self, NewsPost, multilingual.offered(city), self.initial.get("translations")
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["translations"] = multilingual.from_form(self, data)
        if data.get("image") is False:  # "clear" ticked on the file input
            data["image"], data["remove_image"] = None, True
        return data


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    topics = forms.MultipleChoiceField(
        label=_("Topics (optional)"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice you receive every issue of the quarter."),
    )
    consent = forms.BooleanField(label=_("I agree"))


class ComposeForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    posts = forms.ModelMultipleChoiceField(
        label=_("News"), queryset=NewsPost.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Coming events"),
        queryset=NewsPost.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topic = forms.ChoiceField(
        label=_("Only for subscribers of the topic"), choices=[("", "—"), *Topic.choices], required=False
    )
    rate_per_minute = forms.IntegerField(
        label=_("Mails per minute"), min_value=1, max_value=100_000, initial=300
    )

    def __init__(self, *args, posts, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].queryset = posts
        self.fields["posts"].label_from_instance = lambda p: p.title
        self.fields["events"].queryset = events
        self.fields["events"].label_from_instance = lambda e: f"{e.starts_at:%d.%m.%Y} {e.title}"


class TestSendForm(forms.Form):
    to = forms.EmailField(label=_("Send a test to"), max_length=254, required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=Document.Category.choices)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(label=_("Public (everyone may read it)"), required=False)
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, ODT or an image."))
    note = forms.CharField(label=_("Note on this version (optional)"), required=False, max_length=300)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"), help_text=_("PDF, DOCX, ODT or an image."))
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All categories")), *Document.Category.choices], required=False
    )
