"""Background work of participation: the vector of each idea, for similar-idea hints."""

from django_tasks import task


@task()
def embed_idea(idea_id: int) -> bool:
    """Compute the multilingual vector of one idea (services/similarity.py)."""
    from .services.similarity import embed_idea as run

    return run(idea_id)
