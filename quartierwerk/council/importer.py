"""Import papers from a city's OParl endpoint, and suggest those that mention a quarter to its office.

The import reads the body's paper list with `modified_since` (the newest `modified` of the last run), follows
`links.next`, and keys every object on its OParl id, so importing again changes nothing and duplicates
nothing. Organisations are read once per run. A paper whose text names a keyword of a quarter (`QuarterKeyword`)
is suggested to that quarter's office, which confirms or drops the suggestion; the import never confirms.
"""

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from .models import Body, Consultation, File, ImportSource, Organization, Paper, PaperQuarter, QuarterKeyword

SCHEMA = "https://schema.oparl.org/1.1/"
MAX_PAGES = 1000

PAPER_KINDS = {
    "antrag": Paper.Kind.MOTION,
    "neufassung": Paper.Kind.REVISED_MOTION,
    "änderungsantrag": Paper.Kind.AMENDMENT,
    "beschlussvorlage": Paper.Kind.DRAFT_RESOLUTION,
    "vorlage": Paper.Kind.DRAFT_RESOLUTION,
    "informationsvorlage": Paper.Kind.INFORMATION,
    "information": Paper.Kind.INFORMATION,
    "anfrage": Paper.Kind.INQUIRY,
    "antwort": Paper.Kind.ANSWER,
    "verwaltungsstandpunkt": Paper.Kind.STATEMENT,
    "stellungnahme": Paper.Kind.STATEMENT,
    "beschluss": Paper.Kind.DECISION,
    "sachstandsbericht": Paper.Kind.STATUS_REPORT,
}
ORGANIZATION_KINDS = {
    "ratsversammlung": Organization.Kind.COUNCIL,
    "stadtrat": Organization.Kind.COUNCIL,
    "gemeinderat": Organization.Kind.COUNCIL,
    "stadtbezirksbeirat": Organization.Kind.DISTRICT_COUNCIL,
    "bezirksbeirat": Organization.Kind.DISTRICT_COUNCIL,
    "ortschaftsrat": Organization.Kind.DISTRICT_COUNCIL,
    "fraktion": Organization.Kind.FACTION,
    "verwaltung": Organization.Kind.OFFICE,
}

Fetch = Callable[[str], dict]


def http_fetch(url: str) -> dict:
    """Read one OParl document over HTTP(S)."""
    import httpx

    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(url)
    response = httpx.get(url, timeout=30, follow_redirects=True, headers={"Accept": "application/json"})
    response.raise_for_status()
    return response.json()


class DirectoryFetch:
    """Reads OParl documents from a directory: `urls.json` maps each URL (without the date filters) to a file.

    For tests and for importing a saved copy of an endpoint. The URLs asked for are kept in `asked`.
    """

    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self.files = json.loads((self.directory / "urls.json").read_text(encoding="utf-8"))
        self.asked: list[str] = []

    def __call__(self, url: str) -> dict:
        self.asked.append(url)
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if not k.endswith(("_since", "_until"))]
        key = urlunsplit(parts._replace(query=urlencode(query)))
        return json.loads((self.directory / self.files[key]).read_text(encoding="utf-8"))


def _type(obj: dict) -> str:
    return str(obj.get("type", "")).rsplit("/", 1)[-1]


def _upsert(model, oparl_id: str, **fields):
    """Create or update the object with this OParl id; an unchanged object is not written (nor `modified`)."""
    obj = model.objects.filter(oparl_id=oparl_id).first()
    if obj is None:
        return model.objects.create(oparl_id=oparl_id, **fields)
    changed = [k for k, v in fields.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, fields[k])
        obj.save(update_fields=changed)
    return obj


class Run:
    def __init__(self, body: Body, fetch: Fetch):
        self.body = body
        self.fetch = fetch
        self.organizations: dict[str, Organization] = {}
        self.keywords = [
            (kw.quarter_id, kw.word, re.compile(rf"\b{re.escape(kw.word)}\b", re.IGNORECASE))
            for kw in QuarterKeyword.objects.filter(quarter__city_id=body.city_id)
        ]
        self.papers = 0
        self.suggested = 0

    def organization(self, url: str) -> Organization:
        if url not in self.organizations:
            existing = Organization.objects.filter(oparl_id=url).first()
            if existing is not None:
                self.organizations[url] = existing
            else:
                data = self.fetch(url)
                label = (data.get("classification") or data.get("organizationType") or "").lower()
                kind = next(
                    (k for word, k in ORGANIZATION_KINDS.items() if word in label),
                    Organization.Kind.COMMITTEE,
                )
                self.organizations[url] = _upsert(
                    Organization,
                    url,
                    body=self.body,
                    kind=kind,
                    name=str(data.get("name") or data.get("shortName") or url)[:200],
                    short_name=str(data.get("shortName", ""))[:60],
                    deleted=bool(data.get("deleted", False)),
                )
        return self.organizations[url]

    def paper(self, data: dict) -> Paper:
        kind = PAPER_KINDS.get(str(data.get("paperType", "")).strip().lower(), Paper.Kind.INFORMATION)
        under = data.get("underDirectionOf") or []
        paper = _upsert(
            Paper,
            data["id"],
            body=self.body,
            kind=kind,
            name=str(data.get("name") or data.get("reference") or "")[:300],
            reference=str(data.get("reference", ""))[:60],
            date=parse_date(data["date"]) if data.get("date") else None,
            lead_office=self.organization(under[0]) if under else None,
            deleted=bool(data.get("deleted", False)),
        )
        originators = [self.organization(u) for u in data.get("originatorOrganization", [])]
        if {o.pk for o in originators} != set(paper.originators.values_list("pk", flat=True)):
            paper.originators.set(originators)
        files = [data["mainFile"]] if data.get("mainFile") else []
        for position, f in enumerate(files + list(data.get("auxiliaryFile", []))):
            _upsert(
                File,
                f["id"],
                body=self.body,
                paper=paper,
                is_main=position == 0 and bool(files),
                name=str(f.get("name") or f.get("fileName") or "")[:300],
                file_name=str(f.get("fileName", ""))[:200],
                mime_type=str(f.get("mimeType", ""))[:100],
                date=parse_date(f["date"]) if f.get("date") else None,
                access_url=f["accessUrl"],
                deleted=bool(f.get("deleted", False)),
            )
        for c in data.get("consultation", []):
            orgs = c.get("organization") or []
            if not orgs:
                continue
            _upsert(
                Consultation,
                c["id"],
                paper=paper,
                organization=self.organization(orgs[0]),
                role=str(c.get("role", ""))[:120],
                authoritative=bool(c.get("authoritative", False)),
                deleted=bool(c.get("deleted", False)),
            )
        self.suggest(paper, data, files)
        self.papers += 1
        return paper

    def suggest(self, paper: Paper, data: dict, files: list[dict]) -> None:
        if paper.deleted:
            return
        text = " ".join(
            [
                str(data.get("name", "")),
                *[str(k) for k in data.get("keyword", [])],
                *[str(f.get("text", "")) for f in files],
            ]
        )
        for quarter_id, word, pattern in self.keywords:
            if pattern.search(text):
                _link, created = PaperQuarter.objects.get_or_create(
                    paper=paper, quarter_id=quarter_id, defaults={"matched_keyword": word}
                )
                self.suggested += created


def _with_since(url: str, since) -> str:
    if since is None:
        return url
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("modified_since", since.isoformat(timespec="seconds"))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def import_papers(source: ImportSource, fetch: Fetch = http_fetch) -> tuple[int, int]:
    """Read the papers modified since the last run; answers (papers read, new suggestions)."""
    start = fetch(source.url)
    if _type(start) == "System":
        bodies = fetch(start["body"])["data"]
        start = bodies[0]
    if _type(start) != "Body":
        raise ValueError(f"{source.url} is neither an OParl System nor a Body")
    run = Run(source.body, fetch)
    newest = source.last_modified
    url = _with_since(start["paper"], source.last_modified)
    for _page in range(MAX_PAGES):
        page = fetch(url)
        with transaction.atomic():
            for data in page.get("data", []):
                if _type(data) != "Paper":
                    continue
                run.paper(data)
                modified = parse_datetime(data.get("modified", "")) if data.get("modified") else None
                if modified and (newest is None or modified > newest):
                    newest = modified
        url = page.get("links", {}).get("next")
        if not url:
            break
    if newest != source.last_modified:
        ImportSource.objects.filter(pk=source.pk).update(last_modified=newest)
        source.last_modified = newest
    return run.papers, run.suggested


def import_all(fetch: Fetch = http_fetch) -> str:
    """The scheduled job: every configured endpoint once; a failing endpoint does not stop the others."""
    import logging

    done = []
    for source in ImportSource.objects.select_related("body"):
        try:
            papers, suggested = import_papers(source, fetch)
        except Exception:  # noqa: BLE001 - one city's broken endpoint must not stop the other jobs
            logging.getLogger(__name__).exception("OParl import from %s failed", source.url)
            continue
        done.append(f"{source.body.name}: {papers} papers, {suggested} suggestions")
    return "; ".join(done) or "no OParl endpoint configured"
