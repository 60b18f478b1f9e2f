"""Personal data held by participation: ideas and comments with their authors, support, dots, flags."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.privacy import Erasure, Kind, LegalBasis, NotPersonal, PersonalData, Subject

PURPOSE = _(
    "Running participation processes: ideas, comments, support and prioritisation, and answering them."
)
RECIPIENTS = (_("the office of the quarter"), _("the public (ideas and comments without the author's name)"))

DECLARATIONS = (
    PersonalData(
        model="participation.Idea",
        fields={
            "author": Kind.USER,
            "email": Kind.EMAIL,
            "title": Kind.FREE_TEXT,
            "text": Kind.FREE_TEXT,
            "address": Kind.ADDRESS,
            "lat": Kind.LOCATION,
            "lon": Kind.LOCATION,
            "photo": Kind.FILE,
            "language": Kind.TECHNICAL,
        },
        subject=Subject(user="author", email="email"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="participation.Comment",
        fields={"author": Kind.USER, "text": Kind.FREE_TEXT, "language": Kind.TECHNICAL},
        subject=Subject(user="author"),
        purpose=PURPOSE,
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=RECIPIENTS,
    ),
    PersonalData(
        model="participation.Revision",
        fields={"edited_by": Kind.USER, "title": Kind.COPY, "text": Kind.COPY},
        subject=Subject(user="edited_by"),
        purpose=_("Keeping the edit history of ideas and comments."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.PSEUDONYMISE,
        recipients=(_("the office of the quarter"),),
    ),
    PersonalData(
        model="participation.Flag",
        fields={"user": Kind.USER, "reason": Kind.FREE_TEXT},
        subject=Subject(user="user"),
        purpose=_("Moderating comments residents report to the office."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
        recipients=(_("the office of the quarter"),),
    ),
    PersonalData(
        model="participation.Support",
        fields={"user": Kind.USER},
        subject=Subject(user="user"),
        purpose=_("Counting support for an idea once per person."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,  # the idea's support count stays as a number
    ),
    PersonalData(
        model="participation.SurveyResponse",
        fields={"user": Kind.USER},
        subject=Subject(user="user"),
        purpose=_("Counting each person's survey answers once."),
        legal_basis=LegalBasis.ART6_1_E,
        # The answers go with the response; the counts of the results page shrink accordingly.
        erasure=Erasure.DELETE,
    ),
    PersonalData(
        model="participation.SurveyAnswer",
        fields={"text": Kind.FREE_TEXT},
        subject=Subject(user="response__user"),
        purpose=_("Evaluating the answers of a survey."),
        legal_basis=LegalBasis.ART6_1_E,
        erasure=Erasure.DELETE,
        recipients=(
            _("the office of the quarter"),
            _("the public (free texts the office lets through, without a name)"),
        ),
    ),
    PersonalData(
        model="participation.Ballot",
        fields={"user": Kind.USER},
        subject=Subject(user="user"),
        purpose=_("Counting each person's dots once when ideas are prioritised."),
        legal_basis=LegalBasis.ART6_1_E,
        # A ballot names either a person or a code, never nobody (a database check): it goes with the account,
        # while the ideas' dot counts stay as numbers, like support.
        erasure=Erasure.DELETE,
    ),
)

NOT_PERSONAL = (
    NotPersonal("participation.Process", ("created_by",), _("staff account; pseudonymised with the account")),
    NotPersonal(
        "participation.Process",
        ("translations",),
        _("the same public texts written by the office, in the other languages of the city"),
    ),
    NotPersonal(
        "participation.Process",
        ("goal", "concept_who", "concept_how", "concept_scope", "concept_limits", "concept_results"),
        _("the office's description of a process"),
    ),
    NotPersonal("participation.Phase", ("description",), _("the office's description of a phase")),
    NotPersonal("participation.Question", ("text", "choices"), _("the office's survey question")),
    NotPersonal("participation.Idea", ("comment_count",), _("a count")),
    NotPersonal(
        "participation.Idea",
        ("recorded_by", "channel_note"),
        _("the staff account that entered an idea said at an event, and the event's name"),
    ),
    NotPersonal(
        "participation.IdeaEmbedding",
        ("model", "vector"),
        _("numbers computed from the idea's public text for finding similar ideas; deleted with the idea"),
    ),
    NotPersonal("participation.Idea", ("answered_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("participation.Idea", ("answer", "hidden_reason"), _("the office's public answer")),
    NotPersonal("participation.Comment", ("hidden_by",), _("staff account; pseudonymised with the account")),
    NotPersonal("participation.Comment", ("hidden_reason",), _("the office's moderation note")),
    NotPersonal(
        "participation.ParticipationCode",
        ("code_hash", "batch", "created_by"),
        _("the hash of a printed code, which names nobody"),
    ),
)
