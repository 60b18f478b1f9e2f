"""Tasks from sessions: my tasks and their status."""

from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from quartierwerk.core.api_auth import AUTH_REQUIRED, api_user
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.params import PageNumbers

from .. import rules, selectors, services
from ..models import ActionItem
from .common import PAGE, router
from .schemas import ActionItemOut, StatusIn


@router.get(
    "/tasks/mine",
    response=list[ActionItemOut],
    auth=AUTH_REQUIRED,
    summary="My tasks from sessions",
    operation_id="quartierwerk_events_api_my_tasks",
)
@paginate(PageNumbers, **PAGE)
def my_tasks(request, open_only: bool = True):
    qs = selectors.my_action_items(api_user(request))
    if open_only:
        qs = qs.filter(status__in=ActionItem.OPEN_STATES)
    return qs


@router.post(
    "/tasks/{int:item_id}/status",
    response=ActionItemOut,
    auth=AUTH_REQUIRED,
    summary="Update a task",
    operation_id="quartierwerk_events_api_task_status",
)
def task_status(request, item_id: int, payload: StatusIn):
    item = get_object_or_404(
        ActionItem.objects.select_related("event", "assignee_person", "group"), pk=item_id
    )
    if not rules.can_update_item(api_user(request), item):
        raise NotAllowed("You may not change this task.")
    return services.set_action_item_status(by=api_user(request), item=item, status=payload.status)
