"""Retention (DSGVO): applicants' contact data is pseudonymised once it is no longer needed."""

PSEUDONYM = "(gelöscht)"


def apply_retention(now=None) -> int:
    """Pseudonymise applicants' contact data once it is no longer needed, as `fund/privacy.py` declares.

    Drafts never submitted: after 180 days. Rejected or withdrawn applications: after three years. Funded
    applications: ten years after the decision (the city's audit); money rows are never touched. The
    snapshots, notes and status labels of an application lose the name with it.
    """
    from quartierwerk.core.privacy_services import enforce_retention

    done = enforce_retention(now=now, app_label="fund")
    return sum(len(item["ids"]) for item in done if item["model"] == "fund.Application")
