"""Similar ideas: the hint while a resident writes, and likely duplicates for the office.

Every idea's vector is computed in the background after it is written or edited (`tasks.embed_idea`) and
kept in `IdeaEmbedding`; ranking is done by `core.similarity`, which falls back to shared words when the
multilingual model is not available. Reads are two queries whatever the number of ideas.
"""

from django.db import transaction
from django.utils import timezone

from quartierwerk.core import similarity

from ..models import Idea, IdeaEmbedding

# The newest ideas of a process a text is compared with (a process rarely has more).
CANDIDATE_LIMIT = 2000


def idea_text(title: str, text: str) -> str:
    return f"{title}\n{text}".strip()


def embed_idea(idea_id: int) -> bool:
    """Compute and keep the vector of one idea; False when the idea is gone or the model is not available."""
    idea = Idea.objects.filter(pk=idea_id).only("title", "text").first()
    if idea is None:
        return False
    packed = similarity.vector(idea_text(idea.title, idea.text))
    if packed is None:
        return False
    IdeaEmbedding.objects.update_or_create(
        idea=idea, defaults={"model": similarity.MODEL_ID, "vector": packed, "computed_at": timezone.now()}
    )
    return True


def schedule_embedding(idea: Idea) -> None:
    """After the idea is saved, queue its vector; if the queue cannot be reached, compute it right away."""

    def run():
        from ..tasks import embed_idea as embed_task

        try:
            embed_task.enqueue(idea.pk)
        except Exception:  # noqa: BLE001 - the hint must not depend on the worker being reachable
            embed_idea(idea.pk)

    transaction.on_commit(run)


def _candidates(process, *, exclude=None, include_hidden=False):
    qs = Idea.objects.filter(process=process)
    if not include_hidden:
        qs = qs.filter(is_hidden=False)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    rows = qs.order_by("-created_at", "-id").values_list(
        "pk", "title", "text", "embedding__model", "embedding__vector"
    )[:CANDIDATE_LIMIT]
    return [
        similarity.Candidate(pk, idea_text(title, text), vector, model or "")
        for pk, title, text, model, vector in rows
    ]


def similar_ideas(process, text: str, *, exclude=None, include_hidden=False, query_packed=None, limit=5):
    """The ideas of `process` most like `text`, best first, as (idea, score, by_meaning) (two queries)."""
    matches = similarity.rank(
        text,
        _candidates(process, exclude=exclude, include_hidden=include_hidden),
        limit=limit,
        query_packed=query_packed,
    )
    if not matches:
        return []
    ideas = Idea.objects.select_related("process").in_bulk([m.key for m in matches])
    return [(ideas[m.key], m.score, m.by_meaning) for m in matches if m.key in ideas]


def duplicates_of(idea: Idea, *, limit=5):
    """Other ideas of the same process that likely say the same, for the office (hidden ones included)."""
    stored = IdeaEmbedding.objects.filter(idea=idea, model=similarity.MODEL_ID).values_list(
        "vector", flat=True
    )
    packed = next(iter(stored), None)
    return similar_ideas(
        idea.process,
        idea_text(idea.title, idea.text),
        exclude=idea.pk,
        include_hidden=True,
        query_packed=packed,
        limit=limit,
    )
