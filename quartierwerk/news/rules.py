"""Who may do what with news: the office of a quarter writes its news; city staff write the city's news."""

import rules

from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter, quarter_id_of


@rules.predicate
def is_citywide(user, target) -> bool:
    return target is not None and quarter_id_of(target) is None


@rules.predicate
def is_visible(user, post) -> bool:
    return post.is_visible()


# The office: staff of the post's quarter; for city-wide news city staff; administrators everywhere.
can_edit_news = is_staff_of_quarter | is_admin | (is_citywide & is_city_staff)
# Drafts and embargoed posts are read by everyone in the office of the quarter, city staff included.
can_view_office = is_staff_of_quarter | is_city_staff | is_admin
can_view_post = is_visible | can_view_office
# The newsletter of a quarter is sent by its office; the city's by city staff.
can_send_newsletter = can_edit_news


@rules.predicate
def is_public_document(user, document) -> bool:
    return document.is_public


# The library of a quarter is kept by its office; internal documents are read by the office and city staff.
can_manage_documents = is_staff_of_quarter | is_admin
can_view_document = is_public_document | can_view_office
