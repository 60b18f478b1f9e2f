"""RSS 2.0 and Atom feeds of a quarter's news (with the city-wide news of its city) and of a city."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from quartierwerk.core import multilingual
from quartierwerk.core.models import City
from quartierwerk.core.views import quarter_or_404

from . import selectors

FEED_ITEMS = 30


class QuarterNewsRss(Feed):
    """The latest public news of a quarter as RSS 2.0."""

    def get_object(self, request, slug):
        return quarter_or_404(slug)

    def title(self, obj):
        return _("News from %(place)s") % {"place": obj.name}

    def link(self, obj):
        return reverse("news:list", args=[obj.slug])

    def description(self, obj):
        return _("What the neighbourhood management reports")

    def items(self, obj):
        return selectors.posts_for(obj)[:FEED_ITEMS]

    def item_title(self, post):
        return str(multilingual.pick(post, "title"))

    def item_description(self, post):
        return str(multilingual.pick(post, "teaser"))

    def item_pubdate(self, post):
        return max(post.publish_at, post.embargo_until or post.publish_at)

    def item_updateddate(self, post):
        return post.updated_at

    def item_categories(self, post):
        return [str(label) for label in post.topic_labels]


class QuarterNewsAtom(QuarterNewsRss):
    feed_type = Atom1Feed
    subtitle = QuarterNewsRss.description


class CityNewsRss(QuarterNewsRss):
    """Every public news post of a city, its quarters' and its own."""

    def get_object(self, request, city):
        return get_object_or_404(City, slug=city)

    def link(self, obj):
        return reverse("news:city_list", args=[obj.slug])

    def items(self, obj):
        return selectors.posts_for(city=obj)[:FEED_ITEMS]


class CityNewsAtom(CityNewsRss):
    feed_type = Atom1Feed
    subtitle = CityNewsRss.description
