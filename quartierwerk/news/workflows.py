"""The states of a news post, declared once: services enforce, pages ask."""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import NewsPost

S = NewsPost.Status
POST_FLOW = Workflow(
    name="news.NewsPost",
    state_field="status",
    transitions=[
        Transition("publish", states(S.DRAFT), S.PUBLISHED, rules.can_edit_news, _("Publish")),
        Transition("unpublish", states(S.PUBLISHED), S.DRAFT, rules.can_edit_news, _("Back to draft")),
        Transition("edit", None, None, rules.can_edit_news),
    ],
)
