"""The traffic light as a KERN badge: its word, never its colour alone."""

from django import template

from quartierwerk.core.templatetags.kern import badge

from ..models import TrafficLight

register = template.Library()

TONES = {
    TrafficLight.OVERDUE: "error",
    TrafficLight.NEAR: "warn",
    TrafficLight.ON_TIME: "info",
    TrafficLight.DONE: "ok",
}


@register.simple_tag
def light_badge(light):
    """`{% light_badge point.traffic_light %}`: a badge saying how the point stands ("" without a light)."""
    if not light:
        return ""
    return badge(TrafficLight(light).label, TONES[light], "council-light")
