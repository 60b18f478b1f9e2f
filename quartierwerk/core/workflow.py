"""Workflows declared once: a transition table that services enforce, rules read and templates ask.

A module declares its workflow as a list of transitions — from which states, which action, to which state,
and who may take it — and then

- services call ``WORKFLOW.check(user, obj, "approve")`` before they write (raises NotAllowed or
  InvalidTransition with a clear message) and take the new state from ``WORKFLOW.target(obj, "approve")``;
- rules and views ask ``WORKFLOW.can(user, obj, "approve")``;
- templates ask ``{% workflow_actions obj as actions %}`` and show a button when ``"approve" in actions``.

So the status sets that decide which buttons appear can never drift from the ones the services check.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .errors import InvalidTransition, NotAllowed

ANY = None  # as `source`: the action is not tied to a state (e.g. adding a note)


@dataclass(frozen=True)
class Transition:
    action: str
    source: frozenset | None  # the states it may start from; None = any state
    target: str | None  # the state afterwards; None = the state does not change
    allowed: Callable  # allowed(user, obj) -> bool: who may take it
    label: str = ""  # a lazily translated button text, for templates

    def starts_from(self, state) -> bool:
        return self.source is None or state in self.source


@dataclass
class Workflow:
    """The transition table of one model's state field; `name` is the model's label, e.g. "fund.Application"."""

    name: str
    state_field: str
    transitions: list[Transition] = field(default_factory=list)

    def __post_init__(self):
        self._by_action: dict[str, list[Transition]] = {}
        for t in self.transitions:
            self._by_action.setdefault(t.action, []).append(t)
        _REGISTRY[self.name] = self

    # --- reading the table ---------------------------------------------------------------------------------

    @property
    def actions(self) -> list[str]:
        return list(self._by_action)

    def state(self, obj):
        return getattr(obj, self.state_field)

    def _step(self, obj, action: str) -> Transition | None:
        try:
            steps = self._by_action[action]
        except KeyError:
            raise ValueError(f"{self.name}: unknown action {action!r}") from None
        state = self.state(obj)
        return next((t for t in steps if t.starts_from(state)), None)

    def sources(self, action: str) -> set:
        """Every state the action may start from (for queries: `status__in=WORKFLOW.sources("decide")`)."""
        states: set = set()
        for t in self._by_action.get(action, ()):
            if t.source is None:
                raise ValueError(f"{self.name}: {action!r} starts from any state")
            states |= t.source
        return states

    def targets_from(self, state) -> set:
        """The states that may follow `state` through some action."""
        return {t.target for t in self.transitions if t.target is not None and t.starts_from(state)}

    # --- asking and enforcing ------------------------------------------------------------------------------

    def can(self, user, obj, action: str) -> bool:
        step = self._step(obj, action)
        return step is not None and bool(step.allowed(user, obj))

    def available(self, user, obj) -> list[str]:
        """The actions this user may take on this object now, in the order of the table."""
        return [action for action in self._by_action if self.can(user, obj, action)]

    def check(self, user, obj, action: str, *, message: str | None = None) -> Transition:
        """Raise InvalidTransition when the state does not allow the action, NotAllowed when the user may not."""
        step = self._step(obj, action)
        if step is None:
            raise InvalidTransition(message or _("This step is not possible in the current state."))
        if not step.allowed(user, obj):
            raise NotAllowed(message or _("You may not do this."))
        return step

    def target(self, obj, action: str):
        """The state after the action (the current one when the action keeps it)."""
        step = self._step(obj, action)
        if step is None:
            raise InvalidTransition(_("This step is not possible in the current state."))
        return self.state(obj) if step.target is None else step.target


def states(*values: Iterable) -> frozenset:
    """`states(S.DRAFT, S.SUBMITTED)` — the from-states of a transition."""
    return frozenset(values)


_REGISTRY: dict[str, Workflow] = {}


def for_object(obj) -> Workflow | None:
    """The workflow registered for an object's model (by `app_label.ModelName`)."""
    meta = getattr(obj, "_meta", None)
    return _REGISTRY.get(f"{meta.app_label}.{meta.object_name}") if meta else None
