"""iCalendar (RFC 5545) building blocks for every feed: Europe/Berlin with VTIMEZONE, the calendar around
the components, and a cache of serialized components whose key is derived from what the mapping reads.

A module maps its own objects to components (events: `events/ical.py`); everything else lives here, so
that a feed of another module does not import events.
"""

import datetime
import functools
import hashlib
import inspect
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vText

from .text import clean_line

TZID = "Europe/Berlin"
END = b"END:VCALENDAR\r\n"
FRAGMENT_SECONDS = 7 * 24 * 3600


def host() -> str:
    """The host name that makes UIDs globally unique."""
    return urlsplit(settings.SITE_URL).hostname or "quartierwerk.example"


def _observance(kind, name: str, hours_from: int, hours_to: int, start: datetime.datetime):
    """One part of the EU rule: from `start`, every year on the last Sunday of that month."""
    part = kind()
    part.add("tzname", name)
    part.add("tzoffsetfrom", datetime.timedelta(hours=hours_from))
    part.add("tzoffsetto", datetime.timedelta(hours=hours_to))
    part.add("dtstart", start)
    part.add("rrule", {"freq": "yearly", "bymonth": start.month, "byday": "-1su"})
    return part


def vtimezone() -> Timezone:
    """Europe/Berlin with the EU daylight-saving rule (since 1996)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add_component(_observance(TimezoneDaylight, "CEST", 1, 2, datetime.datetime(1996, 3, 31, 2, 0)))
    tz.add_component(_observance(TimezoneStandard, "CET", 2, 1, datetime.datetime(1996, 10, 27, 3, 0)))
    return tz


def local(dt: datetime.datetime) -> datetime.datetime:
    """A moment in the site's time zone (the one the VTIMEZONE describes)."""
    return timezone.localtime(dt, timezone.get_default_timezone())


def calendar_head(*, prodid: str, name: str) -> bytes:
    """A published VCALENDAR with its time zone and without the closing line, for `assemble`."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # Escaped as TEXT like every other value (an unescaped line break would end the content line).
    cal.add("x-wr-calname", vText(clean_line(name)))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(vtimezone())
    head = cal.to_ical()
    if not head.endswith(END):
        raise ValueError("unexpected end of an iCalendar object")
    return head[: -len(END)]


def assemble(head: bytes, fragments: Iterable[bytes]) -> bytes:
    """The whole calendar: head, serialized components, closing line."""
    return head + b"".join(fragments) + END


# --- What a mapping reads ---------------------------------------------------------------------------------


class _Recorder:
    """Stands in for a model object and notes each field a mapping reads, as a `values()` path
    ("title", "venue__name"). Methods and properties of the model run on the recorder, so that what they
    read is noted too."""

    def __init__(self, obj, prefix: str, seen: set):
        self._obj, self._prefix, self._seen = obj, prefix, seen

    def __getattr__(self, name: str):
        if name.startswith("_"):  # the model's machinery (_meta, _state), not a field
            return getattr(self._obj, name)
        if name == "pk":
            self._seen.add(self._prefix + name)
            return self._obj.pk
        static = inspect.getattr_static(type(self._obj), name, None)
        if inspect.isfunction(static) or isinstance(static, property | functools.partialmethod):
            return static.__get__(self, type(self._obj))
        value = getattr(self._obj, name)
        if isinstance(value, models.Model):
            return _Recorder(value, f"{self._prefix}{name}__", self._seen)
        self._seen.add(self._prefix + name)
        return value


def fields_read(render: Callable, samples: Iterable[models.Model], **options) -> set[str]:
    """The `values()` paths that `render(sample, **options)` reads, over all samples."""
    seen: set[str] = set()
    for sample in samples:
        render(_Recorder(sample, "", seen), **options)
    return seen


def values_of(obj: models.Model, paths: Sequence[str]) -> tuple:
    """The values of `paths` on an object: what `values_list(*paths)` gives for its row."""
    out = []
    for path in paths:
        value = obj
        for part in path.split("__"):
            value = None if value is None else getattr(value, part)
        out.append(value)
    return tuple(out)


def code_fingerprint(*modules: str) -> str:
    """A hash of the source of the given modules: editing a mapping gives new fragment keys by itself."""
    digest = hashlib.sha256()
    for name in modules:
        digest.update(Path(sys.modules[name].__file__).read_bytes())
    return digest.hexdigest()[:16]


class FragmentCache:
    """Serialized components, cached under a key made of everything the mapping reads.

    Serializing with icalendar costs about 0.5 ms per component and calendar apps poll feeds of hundreds.
    The fields in the key are those `render` reads on `samples` (objects that take every branch of the
    mapping), found once per process; the source of the mapping's modules, the language, the site and
    the time zone complete the key. A queryset is read as plain values first; only the objects without a
    fragment are loaded."""

    def __init__(
        self,
        *,
        prefix: str,
        model: type[models.Model],
        render: Callable,
        samples: Callable[[], Iterable[models.Model]],
        modules: Sequence[str],
        related: Sequence[str] = (),
    ):
        self.prefix, self.model, self.render, self.samples = prefix, model, render, samples
        self.modules, self.related = tuple(modules), tuple(related)
        self._fields: dict[bool, tuple[str, ...]] = {}

    @functools.cached_property
    def _fingerprint(self) -> str:
        return code_fingerprint(*self.modules)

    def fields(self, show_details: bool) -> tuple[str, ...]:
        """The fields the mapping reads for this variant; "pk" first, to load the missing objects."""
        if show_details not in self._fields:
            read = fields_read(self.render, self.samples(), show_details=show_details)
            self._fields[show_details] = ("pk", *sorted(read - {"pk"}))
        return self._fields[show_details]

    def key(self, values: tuple, show_details: bool) -> str:
        """The cache key of one object's values (in the order of `fields(show_details)`)."""
        parts = (
            self._fingerprint,
            show_details,
            self.fields(show_details),
            values,
            get_language(),
            settings.SITE_URL,
            settings.TIME_ZONE,
        )
        return f"{self.prefix}:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    def key_for(self, obj: models.Model, show_details: bool) -> str:
        return self.key(values_of(obj, self.fields(show_details)), show_details)

    def fragments(self, objects, *, show_details: bool = True) -> list[bytes]:
        """The serialized components of a queryset or of objects fetched with their `related`."""
        fields = self.fields(show_details)
        if isinstance(objects, QuerySet):
            rows = list(objects.values_list(*fields))
            loaded_objects = None
        else:
            loaded_objects = list(objects)
            rows = [values_of(obj, fields) for obj in loaded_objects]
        keys = [self.key(row, show_details) for row in rows]
        cache = caches["fragments"]
        found = cache.get_many(keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        made = {}
        if missing:
            if loaded_objects is None:
                loaded = self.model.objects.select_related(*self.related).in_bulk(
                    [rows[i][0] for i in missing]
                )
                by_index = {i: loaded[rows[i][0]] for i in missing}
            else:
                by_index = {i: loaded_objects[i] for i in missing}
            for i, obj in by_index.items():
                made[keys[i]] = self.render(obj, show_details=show_details).to_ical()
            cache.set_many(made, timeout=FRAGMENT_SECONDS)
        return [found.get(key) or made[key] for key in keys]
