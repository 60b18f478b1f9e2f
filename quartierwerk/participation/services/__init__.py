"""Every write of the participation module (views, API, commands and demo call these)."""

from .contributions import (
    comment,
    edit_comment,
    edit_idea,
    flag_comment,
    record_offline_idea,
    set_dots,
    submit_idea,
    support,
)
from .processes import (
    answer_idea,
    create_process,
    delete_phase,
    generate_codes,
    hide_comment,
    hide_idea,
    normalise_code,
    publish,
    redeem_code,
    save_phase,
    unpublish,
    update_process,
)

__all__ = [
    "answer_idea",
    "comment",
    "create_process",
    "delete_phase",
    "edit_comment",
    "edit_idea",
    "flag_comment",
    "generate_codes",
    "hide_comment",
    "hide_idea",
    "normalise_code",
    "publish",
    "record_offline_idea",
    "redeem_code",
    "save_phase",
    "set_dots",
    "submit_idea",
    "support",
    "unpublish",
    "update_process",
]
