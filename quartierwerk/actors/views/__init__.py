"""Pages of the actor directory: the public directory and group pages, self-service, and the staff tools.

One module per sub-domain; this package names every view, so `views.X` (and the URLconf) keep working.
"""

from .directory import (
    city_detail,
    city_directory,
    city_geojson,
    detail,
    directory,
    directory_geojson,
    group_detail,
    groups,
)
from .self_service import (
    claim,
    edit_own,
    my_data,
    my_data_export,
    my_organisations,
    register,
    withdraw,
)
from .staff_networks import (
    staff_end_membership,
    staff_group,
    staff_group_contacts,
    staff_groups,
    staff_invite,
)
from .staff_organisations import (
    staff_activity,
    staff_decide_representation,
    staff_delete_filter,
    staff_duplicates,
    staff_export,
    staff_index,
    staff_organisation,
    staff_organisation_new,
    staff_save_filter,
    staff_verify,
)
from .staff_people import (
    staff_end_relationship,
    staff_person,
    staff_person_consent,
    staff_person_erase,
    staff_person_export,
    staff_person_new,
    staff_person_relationship,
    staff_persons,
)
from .staff_transfer import (
    staff_import,
    staff_import_preview,
)
from .volunteering import (
    certificate,
    staff_sign,
    staff_volunteers,
)

__all__ = [
    "certificate",
    "city_detail",
    "city_directory",
    "city_geojson",
    "claim",
    "detail",
    "directory",
    "directory_geojson",
    "edit_own",
    "group_detail",
    "groups",
    "my_data",
    "my_data_export",
    "my_organisations",
    "register",
    "staff_activity",
    "staff_decide_representation",
    "staff_delete_filter",
    "staff_duplicates",
    "staff_end_membership",
    "staff_end_relationship",
    "staff_export",
    "staff_group",
    "staff_group_contacts",
    "staff_groups",
    "staff_import",
    "staff_import_preview",
    "staff_index",
    "staff_invite",
    "staff_organisation",
    "staff_organisation_new",
    "staff_person",
    "staff_person_consent",
    "staff_person_erase",
    "staff_person_export",
    "staff_person_new",
    "staff_person_relationship",
    "staff_persons",
    "staff_save_filter",
    "staff_sign",
    "staff_verify",
    "staff_volunteers",
    "withdraw",
]
