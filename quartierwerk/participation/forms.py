"""Forms of the participation pages: the office's process and phase forms, ideas, comments, codes, answers."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import multilingual

from .models import MAX_DOTS, Idea, Process, Question
from .phases import PhaseKind
from .services.processes import CODE_LENGTH, MAX_CODES_PER_BATCH


def _text(label, *, rows=3, required=False, max_length=2000, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class ProcessForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = _text(_("Goal"), required=True, help_text=_("What the process is for, in two or three sentences."))
    concept_who = _text(_("Who is asked"))
    concept_how = _text(_("How people take part"))
    concept_scope = _text(_("What can be decided"))
    concept_limits = _text(_("What cannot be decided"))
    concept_results = _text(_("What happens with the results"))
    dots_per_person = forms.IntegerField(
        label=_("Dots per person when prioritising"), min_value=1, max_value=MAX_DOTS, initial=5
    )

    def __init__(self, *args, city=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Title, goal and concept in the other languages the city offers, one group per language.
        multilingual.add_form_fields(
            self, Process, multilingual.offered(city), self.initial.get("translations")
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["translations"] = multilingual.from_form(self, data)
        return data


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of phase"), choices=PhaseKind.choices)
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    description = _text(_("What happens in this phase (optional)"))
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))


def _coordinate(label):
    # Set by the map pin or the chosen address; never typed by a person.
    return forms.FloatField(label=label, required=False, widget=forms.HiddenInput)


class IdeaForm(forms.Form):
    place_fields = ("address", "lat", "lon")

    title = forms.CharField(label=_("Title of your idea"), max_length=160)
    text = _text(
        _("Your idea"),
        rows=6,
        required=True,
        max_length=4000,
        help_text=_("Please do not write names or contact details of other people."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Idea.Category.choices)
    address = forms.CharField(label=_("Place (optional)"), required=False, max_length=250)
    lat = _coordinate(_("Latitude"))
    lon = _coordinate(_("Longitude"))
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=_("JPEG, PNG, WebP or GIF. Location data in photos is removed."),
    )
    email = forms.EmailField(
        label=_("E-mail for the answer (optional)"),
        required=False,
        help_text=_("Only the office sees it; we write to you when your idea has been answered."),
    )

    def __init__(self, *args, with_email: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_email:
            del self.fields["email"]


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title of your idea"), max_length=160)
    text = _text(_("Your idea"), rows=6, required=True, max_length=4000)


class CommentForm(forms.Form):
    text = _text(_("Your comment"), required=True)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class FlagForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with it? (optional)"), required=False, max_length=300)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        min_length=CODE_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The code from the printed card, e.g. ABCD-EFGH-JKMN."),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_CODES_PER_BATCH, initial=20
    )
    batch = forms.CharField(label=_("Note (e.g. the event they are for)"), required=False, max_length=120)


class AnswerForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Answer"),
        choices=[
            ("consider", _("Under consideration")),
            ("take_up", _("Taken up")),
            ("decline", _("Not feasible")),
            ("reword", _("Only correct the text")),
        ],
        widget=forms.RadioSelect,
    )
    answer = _text(
        _("Public answer"),
        rows=4,
        required=True,
        max_length=4000,
        help_text=_(
            "Shown with the idea and sent to the person who brought it in. For “not feasible”, say why."
        ),
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown publicly)"), max_length=300)


class DotsForm(forms.Form):
    points = forms.IntegerField(label=_("Dots"), min_value=0, max_value=MAX_DOTS)


class FilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)
    status = forms.ChoiceField(label=_("Answer"), required=False)
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("new", _("newest first")), ("support", _("most support")), ("dots", _("most dots"))],
    )

    def __init__(self, *args, facets=None, **kwargs):
        super().__init__(*args, **kwargs)
        facets = facets or {"category": {}, "status": {}}

        def choices(values, counted):
            # Each filter shows how many ideas each choice has under the other filter.
            return [("", _("all"))] + [
                (value, f"{label} ({counted.get(value, 0)})") for value, label in values
            ]

        self.fields["category"].choices = choices(Idea.Category.choices, facets["category"])
        self.fields["status"].choices = choices(Idea.Status.choices, facets["status"])


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = _text(
        _("Choices (for single and multiple choice)"), rows=4, help_text=_("One choice per line.")
    )
    scale_max = forms.IntegerField(
        label=_("Scale from 1 to"), min_value=2, max_value=10, initial=5, required=False
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["choices"] = [line.strip() for line in (data.get("choices") or "").splitlines()]
        data["scale_max"] = data.get("scale_max") or 5
        return data


class SurveyForm(forms.Form):
    """The questions of a survey phase as one form; a field per question, named `q_<id>`."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            name, common = f"q_{q.pk}", {"label": q.text, "required": q.required}
            if q.kind == Question.Kind.SINGLE:
                field = forms.TypedChoiceField(
                    choices=list(enumerate(q.choices)), coerce=int, widget=forms.RadioSelect, **common
                )
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=list(enumerate(q.choices)),
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            elif q.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(v, str(v)) for v in range(1, q.scale_max + 1)],
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    help_text=_("1 = not at all, %(max)s = very much") % {"max": q.scale_max},
                    **common,
                )
            else:
                field = forms.CharField(
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Your answer appears on the results page after the office has read it."),
                    **common,
                )
            self.fields[name] = field

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}


class OfflineIdeaForm(forms.Form):
    """An idea the office enters from a workshop, a door-to-door round, a walk or a paper form."""

    channel = forms.ChoiceField(
        label=_("Where was it collected?"),
        choices=[c for c in Idea.Channel.choices if c[0] != Idea.Channel.ONLINE],
    )
    note = forms.CharField(
        label=_("Event or occasion (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: Stadtteilwerkstatt 12 June, or the street of the door-to-door round."),
    )
    title = forms.CharField(label=_("Title of the idea"), max_length=160)
    text = _text(_("The idea, as it was said or written"), rows=5, required=True, max_length=4000)
    category = forms.ChoiceField(label=_("Category"), choices=Idea.Category.choices)
    address = forms.CharField(label=_("Place (optional)"), required=False, max_length=250)
    language = forms.ChoiceField(label=_("Language of the idea"), choices=settings.LANGUAGES, initial="de")
