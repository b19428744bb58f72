"""The house reads one way: every module's imports are read and checked against the layers.

Pure libraries and shared helpers at the bottom, then `claims`, then `sources` (which may use
claims), with the two faces, the desk and `public`, on top; the project package wires them up.
An import against the arrows is a failure naming the module, the line and what it imported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Who may import whom among the project's own packages (a package may always import itself).
# The pure libraries inside the apps are held to no Django by tests of their own.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "fetching": frozenset(),
    "caching": frozenset(),
    "jobs": frozenset({"fetching"}),
    "claims": frozenset({"fetching", "jobs", "caching"}),
    "sources": frozenset({"fetching", "jobs", "caching", "claims"}),
    "watching": frozenset({"fetching", "jobs", "caching", "claims"}),
    "webhooks": frozenset({"fetching", "jobs", "caching", "claims"}),
    "desk": frozenset({"fetching", "jobs", "caching", "claims", "sources", "watching", "webhooks"}),
    "public": frozenset({"fetching", "jobs", "caching", "claims", "sources"}),
    "factcheck": frozenset(
        {
            "fetching",
            "jobs",
            "caching",
            "claims",
            "sources",
            "watching",
            "webhooks",
            "desk",
            "public",
        }
    ),
}
PACKAGES = frozenset(MAY_IMPORT)


def _modules() -> Iterator[tuple[str, Path]]:
    for package in sorted(PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def _imported(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every absolute import in a module, local imports inside functions included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and _is_import_module(node):
            # importlib.import_module("sources.x") and apps' dotted strings are imports too.
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                yield node.lineno, argument.value


def _is_import_module(node: ast.Call) -> bool:
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name == "import_module" and bool(node.args)


def against_the_arrows() -> list[str]:
    wrong = []
    for package, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _imported(tree):
            target = module.split(".")[0]
            if target in PACKAGES and target != package and target not in MAY_IMPORT[package]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return wrong


def test_every_import_points_down_the_house() -> None:
    assert against_the_arrows() == []


def test_the_check_sees_an_import_against_the_arrows() -> None:
    tree = ast.parse("def f():\n    from sources.models import Evidence\n")
    assert [module for _, module in _imported(tree)] == ["sources.models"]
    assert "sources" not in MAY_IMPORT["claims"]
    assert "desk" not in MAY_IMPORT["sources"]
    assert "public" not in MAY_IMPORT["sources"]


def test_models_refer_to_other_apps_only_down_the_house() -> None:
    """A lazy reference ("sources.Evidence") in a model field is an arrow as much as an import."""
    label = re.compile(r"""["'](claims|sources|desk|public)\.[A-Z]\w*["']""")
    wrong = []
    for package in ("claims", "sources"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in label.finditer(text):
                    target = match.group(1)
                    if target != package and target not in MAY_IMPORT[package]:
                        wrong.append(f"{path.relative_to(ROOT)}:{number} refers to {match.group()}")
    assert wrong == []


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_every_package_is_installed_and_in_the_image(package: str) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f'"{package}*"' in pyproject
    assert f"COPY {package} ./{package}" in dockerfile
