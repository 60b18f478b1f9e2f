"""`{{ entry.action|history }}`: an audit entry's kind as a translated sentence."""

from django import template

from quartierwerk.core.history import sentence

register = template.Library()
register.filter("history", sentence)
