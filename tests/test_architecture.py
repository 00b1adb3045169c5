"""The package arrows of docs/architecture.md, read from every module's imports (ast, so
nothing is imported and no import side effect can hide an edge).

    cli/ ──┐
           ├──> services/ ──> ledger/
    ui/ ───┘        ├──> devices/, sync/, reports/

ledger/ imports none of the others; nothing but ui/ imports Qt; ui/ never reaches the store
(models, SQLAlchemy) and goes through services/ and the ledger's own functions; the backup
code does not read the sync tables; no two packages import each other.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGES = ("cli", "services", "ledger", "devices", "sync", "reports", "ui")
# Central's tables and what sync pulls from them; the terminal's own sync_state key-value
# table also carries the restore mark, which the backup code writes.
SYNC_TABLES = {"SyncInbox", "SyncTerminal", "RemotePayment"}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted((SRC / "cashier").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def imports(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import statement in the file,
    including those inside functions (a lazy import is still an edge)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [a.name for a in node.names]
            yield node.module, names
            for name in names:  # `from cashier.ledger import audit` imports a module
                yield f"{node.module}.{name}", []


def package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "cashier" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in PACKAGES else None


EDGES: dict[str, set[tuple[str, str]]] = defaultdict(set)  # module -> {(imported, name)}
for _module, _path in modules():
    for _imported, _names in imports(_path):
        EDGES[_module].add((_imported, ",".join(_names)))


def offenders(where: str, bad: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} imports {imported}"
        for module, edges in EDGES.items()
        if module == f"cashier.{where}" or module.startswith(f"cashier.{where}.")
        for imported, _ in edges
        if any(imported == b or imported.startswith(b + ".") for b in bad)
    )


def test_the_ledger_imports_none_of_the_other_packages() -> None:
    others = tuple(f"cashier.{p}" for p in PACKAGES if p != "ledger")
    assert offenders("ledger", (*others, "PySide6")) == []


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "ui"])
def test_only_the_ui_imports_qt(package: str) -> None:
    assert offenders(package, ("PySide6", "shiboken6")) == []


def test_the_ui_never_reaches_the_store() -> None:
    assert offenders("ui", ("sqlalchemy", "cashier.ledger.store")) == []


def test_the_command_line_never_reaches_the_models() -> None:
    assert offenders("cli", ("sqlalchemy", "cashier.ledger.store.models")) == []


@pytest.mark.parametrize("package", ["devices", "sync", "reports", "services"])
def test_the_layers_below_never_import_the_front_ends(package: str) -> None:
    assert offenders(package, ("cashier.cli", "cashier.ui")) == []


@pytest.mark.parametrize("package", ["devices", "sync", "reports"])
def test_devices_sync_and_reports_never_import_services(package: str) -> None:
    assert offenders(package, ("cashier.services",)) == []


def test_the_devices_use_only_the_ledgers_rules() -> None:
    """A device adapter parses amounts and routing numbers; it never opens the books."""
    ledger = [o for o in offenders("devices", ("cashier.ledger",))
              if " imports cashier.ledger.rules" not in o]
    assert ledger == []


def test_the_ui_writes_reports_through_services() -> None:
    assert offenders("ui", ("cashier.reports",)) == []


def test_backups_do_not_read_the_sync_tables() -> None:
    """A backup is the terminal's ledger; what central holds is sync's business (a restore
    that needs central asks the sync package, which the command line wires in)."""
    found = sorted(
        f"{module} imports {name}"
        for module, edges in EDGES.items() if module.startswith("cashier.ledger.backup")
        for imported, names in edges if imported == "cashier.ledger.store.models"
        for name in names.split(",") if name in SYNC_TABLES
    )
    assert found == []


def unit(module: str, depth: int) -> str | None:
    """The node a module belongs to at this depth: cashier.ledger.drawer.sessions is the
    ledger at depth 1 and ledger.drawer at depth 2; a package's own top-level modules are
    nodes of their own at depth 2 (ui.counter is imported by every screen)."""
    parts = module.split(".")
    if parts[0] != "cashier" or package_of(module) is None:
        return None
    return ".".join(parts[1:depth + 1])


def cycles(depth: int, within: str | None = None) -> list[str]:
    graph: dict[str, set[str]] = defaultdict(set)
    known = {m for m, _ in modules()}
    for module, edges in EDGES.items():
        a = unit(module, depth)
        for imported, _ in edges:
            if imported not in known:
                continue
            b = unit(imported, depth)
            if a and b and a != b and (within is None or
                                       (a.startswith(within) and b.startswith(within))):
                graph[a].add(b)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
        return False

    return sorted(f"{a} <-> {b}" for a, b in itertools.combinations(sorted(graph), 2)
                  if reaches(a, b) and reaches(b, a))


def test_no_two_packages_import_each_other() -> None:
    # cli -> ui is the one lazy edge (`cashier ui` opens the window); ui never calls back.
    assert cycles(1) == []


@pytest.mark.parametrize("package", ["ledger", "devices", "ui", "cli", "services", "sync"])
def test_no_two_rooms_of_a_package_import_each_other(package: str) -> None:
    assert cycles(2, within=package + ".") == []


def test_every_package_says_what_it_is_for() -> None:
    missing = [
        str(path.parent.relative_to(SRC))
        for path in (SRC / "cashier").rglob("__init__.py")
        if path.parent.name not in ("versions", "i18n") and not (path.parent /
                                                                 "README.md").exists()
    ]
    assert missing == []


def test_package_init_files_are_empty() -> None:
    """Importing one room must not import its neighbours (start-up time, and no hidden
    order); ``devices`` is the one exception: python-escpos must find its capability cache
    before any adapter imports it."""
    busy = [
        str(path.relative_to(SRC))
        for path in (SRC / "cashier").rglob("__init__.py")
        if path.parent != SRC / "cashier" / "devices" and any(
            not isinstance(node, ast.Expr) for node in ast.parse(path.read_text()).body)
    ]
    assert busy == []
