from django import forms
from django.utils.translation import gettext_lazy as _


class SignVideoForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, initial="Erklärung in Deutscher Gebärdensprache"
    )
    video = forms.FileField(label=_("Video (MP4 or WebM)"))
    captions = forms.FileField(label=_("Captions (WebVTT file, .vtt)"))
    duration = forms.RegexField(
        label=_("Length (minutes:seconds)"),
        regex=r"^\d{1,3}:[0-5]\d$",
        required=False,
        help_text=_("Only needed when the length cannot be read from the file."),
        error_messages={"invalid": _("Enter the length as minutes:seconds, e.g. 2:45.")},
    )

    def clean_duration(self) -> int | None:
        value = self.cleaned_data.get("duration")
        if not value:
            return None
        minutes, seconds = value.split(":")
        return int(minutes) * 60 + int(seconds) or None
