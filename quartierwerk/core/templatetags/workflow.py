"""`{% workflow_actions obj as actions %}`: the actions the signed-in person may take on an object now."""

from django import template

from quartierwerk.core.workflow import for_object

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_actions(context, obj) -> set[str]:
    flow = for_object(obj)
    request = context.get("request")
    if flow is None or request is None:
        return set()
    return set(flow.available(request.user, obj))
