"""Which part of the package may import which, read from the source of every module (migrations aside).

- The core imports no domain app: it reaches them only through `quartierwerk.modules` and the modules each
  app declares for it (manifest, privacy, benchdata), which it loads by name.
- A domain app imports another app only through that app's public modules listed in `ALLOWED` below; an
  app's views, forms, API and the sub-modules of its service package are its own. A new dependency between
  apps is a decision: add it here and to docs/architecture.md.
- Template tags and selectors never import views.
"""

import ast
from pathlib import Path

from quartierwerk.modules import MODULE_NAMES

PACKAGE = Path(__file__).resolve().parents[2] / "quartierwerk"
APPS = set(MODULE_NAMES)

# app -> the modules of other apps it may import (what is true today).
ALLOWED: dict[str, set[str]] = {
    "actors": set(),
    "events": {"actors.models", "actors.services"},
    "fund": {"actors.models"},
    "reports": set(),
    "participation": set(),
    "resources": {"actors.models", "actors.rules"},
    "news": {"actors.models", "events.models"},
    "insights": set(),
    "council": set(),
    # A project holds the link to the report it came from and names its lead and partners from the directory.
    "planning": {"actors.models", "fund.models", "reports.models", "reports.services"},
}

MAX_LINES = 600


def _modules() -> list[tuple[str, Path]]:
    """(dotted name, path) of every Python module of the package, migrations left out."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(parts), path))
    return found


def _imports(name: str, path: Path) -> set[str]:
    """The absolute dotted names a module imports (for `from a import b`, both `a` and `a.b`)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("quartierwerk.")}


MODULES = _modules()
IMPORTS = {name: _imports(name, path) for name, path in MODULES}


def _part(dotted: str) -> str | None:
    """The app a dotted name belongs to ("core", an app, or None for the project-level modules)."""
    parts = dotted.split(".")
    if len(parts) > 2 and parts[1] in APPS | {"core"}:
        return parts[1]
    if len(parts) == 2 and parts[1] in APPS | {"core"}:
        return parts[1]
    return None


def test_every_module_is_read():
    assert len(MODULES) > 150
    assert "quartierwerk.core.workflow" in IMPORTS and "quartierwerk.fund.rules" in IMPORTS


def test_the_core_imports_no_app():
    wrong = {
        (name, imported)
        for name, imported_names in IMPORTS.items()
        if _part(name) == "core"
        for imported in imported_names
        if _part(imported) in APPS
    }
    assert not wrong, sorted(wrong)


def _crossings() -> set[tuple[str, str]]:
    """(importing module, imported name) for every import of another app that is not through its public
    modules: a module not in ALLOWED, or a sub-module of a public package (that is the other app's own)."""
    wrong = set()
    for name, imported_names in IMPORTS.items():
        app = _part(name)
        if app not in APPS:
            continue
        for imported in imported_names:
            other, parts = _part(imported), imported.split(".")
            if other not in APPS or other == app or len(parts) == 2:
                continue  # the bare package of `from quartierwerk.actors import models` is judged by `models`
            if ".".join(parts[1:3]) not in ALLOWED.get(app, set()):
                wrong.add((name, imported))
            elif len(parts) > 3 and ".".join(parts[:4]) in IMPORTS:
                wrong.add((name, imported))
    return wrong


def test_apps_import_each_other_only_through_public_modules():
    assert not _crossings(), sorted(_crossings())


def _is_views(dotted: str) -> bool:
    last = dotted.split(".")[-1]
    return last == "views" or last.endswith("_views") or ".views." in f"{dotted}."


def test_template_tags_and_selectors_import_no_views():
    readers = [
        name
        for name in IMPORTS
        if ".templatetags." in name or name.endswith(".selectors") or ".selectors." in name
    ]
    assert readers
    wrong = {(name, imported) for name in readers for imported in IMPORTS[name] if _is_views(imported)}
    assert not wrong, sorted(wrong)


def _too_long() -> list[tuple[str, int]]:
    lengths = [(name, len(path.read_text(encoding="utf-8").splitlines())) for name, path in MODULES]
    return sorted(((name, n) for name, n in lengths if n > MAX_LINES), key=lambda row: -row[1])


def test_no_module_is_longer_than_a_person_can_hold():
    assert _too_long() == []
