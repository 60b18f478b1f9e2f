"""Participation: processes with a timeline of phases, ideas on the map, comments, support, dots and codes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import clock, mapgrid, multilingual

from .phases import PhaseKind, allows

MAX_DOTS = 20


class Process(models.Model):
    """A participation process of a quarter (or of the whole city), with its concept and its phases."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    quarter = models.ForeignKey(
        "core.Quarter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participation_processes",
        verbose_name=_("quarter"),
        help_text=_("Empty for a process of the whole city."),
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), max_length=2000)
    concept_who = models.TextField(_("who is asked"), max_length=2000, blank=True)
    concept_how = models.TextField(_("how people take part"), max_length=2000, blank=True)
    concept_scope = models.TextField(_("what can be decided"), max_length=2000, blank=True)
    concept_limits = models.TextField(_("what cannot be decided"), max_length=2000, blank=True)
    concept_results = models.TextField(_("what happens with the results"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=5)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    translations = multilingual.translations_field()

    # The texts the office may enter in more languages (core/multilingual.py).
    TRANSLATED_FIELDS = (
        "title",
        "goal",
        "concept_who",
        "concept_how",
        "concept_scope",
        "concept_limits",
        "concept_results",
    )

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["quarter", "status", "-created_at"], name="part_process_quarter_idx"),
            models.Index(fields=["city", "status", "-created_at"], name="part_process_city_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(dots_per_person__gte=1, dots_per_person__lte=MAX_DOTS),
                name="part_process_dots_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("participation:process", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def current_phase(self, today=None):
        """The phase running today (phases never overlap), or None; reads prefetched phases when there are."""
        today = today or clock.today()
        return next((p for p in self.phases.all() if p.starts_on <= today <= p.ends_on), None)


class Phase(models.Model):
    """One step of a process's timeline; its kind says what it allows (phases.ALLOWS)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind of phase"), max_length=20, choices=PhaseKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["process", "starts_on"], name="part_phase_process_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="part_phase_dates_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def allows(self):
        return allows(self.kind)

    @property
    def quarter_id(self):
        return self.process.quarter_id

    @property
    def city_id(self):
        return self.process.city_id

    def is_running(self, today=None) -> bool:
        today = today or clock.today()
        return self.starts_on <= today <= self.ends_on


class ParticipationCode(models.Model):
    """A one-time code the office prints for taking part without an account; only its hash is stored.

    Entering it once binds it to that browser (`redeemed_at`); what the holder then contributes carries it.
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=128, unique=True)
    batch = models.CharField(_("batch"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    redeemed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participation code")
        verbose_name_plural = _("participation codes")
        indexes = [models.Index(fields=["process", "created_at"], name="part_code_process_idx")]

    def __str__(self) -> str:
        return f"{self.process_id}/{self.pk}"

    @property
    def quarter_id(self):
        return self.process.quarter_id


class Idea(models.Model):
    """An idea brought into a process: text, category, a place in the quarter, maybe a photo, and its answer."""

    class Status(models.TextChoices):
        NEW = "new", _("Not answered yet")
        UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
        TAKEN_UP = "taken_up", _("Taken up")
        NOT_FEASIBLE = "not_feasible", _("Not feasible")

    class Category(models.TextChoices):
        GREEN = "green", _("Green spaces and nature")
        TRAFFIC = "traffic", _("Traffic and paths")
        PLAY = "play", _("Play, sport and youth")
        CULTURE = "culture", _("Culture and meeting places")
        SOCIAL = "social", _("Neighbourhood and social life")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        WORKSHOP = "workshop", _("Workshop or event")
        DOOR = "door", _("Door to door")
        PAPER = "paper", _("Paper form")
        WALK = "walk", _("Neighbourhood walk")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ideas")
    quarter = models.ForeignKey(
        "core.Quarter", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Where the idea was said: online by the person, or offline and entered by the office (`recorded_by`).
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    channel_note = models.CharField(_("event or occasion"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=160)
    text = models.TextField(_("your idea"), max_length=4000)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    cell_x = models.IntegerField(null=True, blank=True, editable=False)
    cell_y = models.IntegerField(null=True, blank=True, editable=False)
    address = models.CharField(_("address or place"), max_length=250, blank=True)
    photo = models.FileField(upload_to="participation/%Y/%m/", blank=True)
    photo_type = models.CharField(max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(
        ParticipationCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    email = models.EmailField(_("e-mail for the answer"), blank=True)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("public answer"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    support_count = models.PositiveIntegerField(default=0)
    dot_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["process", "is_hidden", "-created_at"], name="part_idea_process_idx"),
            models.Index(fields=["process", "category", "-created_at"], name="part_idea_category_idx"),
            models.Index(fields=["process", "status", "-created_at"], name="part_idea_status_idx"),
            models.Index(fields=["process", "-support_count"], name="part_idea_support_idx"),
            models.Index(fields=["process", "-dot_count"], name="part_idea_dots_idx"),
            models.Index(fields=["process", "cell_x", "cell_y"], name="part_idea_cell_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90, lat__lte=90) & Q(lon__gte=-180, lon__lte=180)),
                name="part_idea_point_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="not_feasible") | ~Q(answer=""), name="part_idea_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        mapgrid.set_cells(self)
        kwargs["update_fields"] = mapgrid.cell_fields_for(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("participation:idea", args=[self.process_id, self.pk])

    @property
    def city_id(self):
        return self.process.city_id


class Comment(models.Model):
    """A comment on an idea, or a reply to one (one level of replies)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(
        ParticipationCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    by_office = models.BooleanField(default=False)
    text = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(max_length=8, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    flag_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["idea", "created_at"], name="part_comment_idea_idx"),
            models.Index(fields=["flag_count", "is_hidden"], name="part_comment_flag_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="part_comment_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.pk}"

    @property
    def quarter_id(self):
        return self.idea.quarter_id

    @property
    def city_id(self):
        return self.idea.process.city_id


class Revision(models.Model):
    """An earlier wording of an idea or a comment, kept when it is edited (the edit history)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    title = models.CharField(max_length=160, blank=True)
    text = models.TextField(max_length=4000)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.comment_id or '-'}/{self.pk}"


class Flag(models.Model):
    """A resident's note that a comment breaks the rules; the office decides (once per person and comment)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="part_flag_once_per_person")]

    def __str__(self) -> str:
        return f"{self.comment_id}/{self.pk}"


class Support(models.Model):
    """One person's support of an idea: once per account or code, guarded by the database."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(
        ParticipationCode, on_delete=models.CASCADE, null=True, blank=True, related_name="supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"], condition=Q(user__isnull=False), name="part_support_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["idea", "code"], condition=Q(code__isnull=False), name="part_support_once_per_code"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, code__isnull=True) | Q(user__isnull=True, code__isnull=False),
                name="part_support_one_supporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.pk}"


class Ballot(models.Model):
    """A person's dots in one prioritising phase: `used` never exceeds `budget` (checked by the database)."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(
        ParticipationCode, on_delete=models.CASCADE, null=True, blank=True, related_name="ballots"
    )
    budget = models.PositiveSmallIntegerField()
    used = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "user"], condition=Q(user__isnull=False), name="part_ballot_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["phase", "code"], condition=Q(code__isnull=False), name="part_ballot_once_per_code"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, code__isnull=True) | Q(user__isnull=True, code__isnull=False),
                name="part_ballot_one_voter",
            ),
            models.CheckConstraint(condition=Q(used__lte=F("budget")), name="part_ballot_within_budget"),
        ]

    def __str__(self) -> str:
        return f"{self.phase_id}/{self.pk}"


class Dot(models.Model):
    """The dots one ballot puts on one idea."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="dots")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "idea"], name="part_dot_once_per_idea"),
            models.CheckConstraint(condition=Q(points__gte=1), name="part_dot_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}/{self.idea_id}"


class IdeaEmbedding(models.Model):
    """The multilingual vector of an idea's title and text (core/similarity.py), for similar-idea hints.

    Computed by a background task after the idea is written or edited; `model` names what computed it.
    """

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    model = models.CharField(max_length=80)
    vector = models.BinaryField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idea vector")
        verbose_name_plural = _("idea vectors")

    def __str__(self) -> str:
        return f"{self.idea_id}/{self.model}"


class Question(models.Model):
    """A question of a survey phase: single or multiple choice, free text, or a scale from 1 to `scale_max`."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        SCALE = "scale", _("Scale")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind of question"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest value of the scale"), default=5)
    required = models.BooleanField(_("an answer is required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=2, scale_max__lte=10), name="part_question_scale_range"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One person's (or one printed code's) answers to a survey phase: once each, guarded by the database."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.ForeignKey(
        ParticipationCode, on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "user"], condition=Q(user__isnull=False), name="part_response_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["phase", "code"], condition=Q(code__isnull=False), name="part_response_once_per_code"
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, code__isnull=True) | Q(user__isnull=True, code__isnull=False),
                name="part_response_one_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phase_id}/{self.pk}"


class SurveyAnswer(models.Model):
    """One answer of a response: a chosen option (one row per option), a scale value, or a free text.

    Free texts are public on the results page only once the office has let them through.
    """

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for the office")
        SHOWN = "shown", _("Shown")
        HIDDEN = "hidden", _("Hidden")

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=2000, blank=True)
    moderation = models.CharField(max_length=10, choices=Moderation.choices, default=Moderation.PENDING)

    class Meta:
        indexes = [models.Index(fields=["question", "moderation"], name="part_answer_question_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="part_answer_choice_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question"], condition=Q(choice__isnull=True), name="part_answer_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"
