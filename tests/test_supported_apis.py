"""Production code uses only what the frameworks document.

Walks the syntax tree of every module in dagster_project/ and streamlit_app/ and fails on:
- an import of a framework's private module (`dagster._core...`) or private name;
- any `dbt` import but the programmatic API dbt documents (`dbt.cli.main`);
- a read of a `_`-prefixed member that this code base does not define itself (such as
  `context.instance._event_storage`): a framework's private member;
- a class that subclasses a framework class and defines a `_`-prefixed member the
  framework class has (an override of its private member).
"""

import ast
import importlib
from pathlib import Path

import pytest

from tests.support.project import REPO

PRODUCTION = ("dagster_project", "streamlit_app")
FRAMEWORKS = {
    "dagster",
    "dagster_dbt",
    "dagster_duckdb",
    "dagster_graphql",
    "dagster_pipes",
    "dagster_postgres",
    "dagster_shared",
    "dagster_webserver",
    "dbt",
    "great_expectations",
    "streamlit",
}
DOCUMENTED_DBT = {"dbt.cli.main"}
# Standard-library functions whose names start with an underscore but are documented.
DOCUMENTED_UNDERSCORED = {("os", "_exit")}


def production_modules() -> list[Path]:
    return sorted(path for folder in PRODUCTION for path in (REPO / folder).rglob("*.py"))


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def own_private_names(modules: list[Path]) -> set[str]:
    """Every `_`-prefixed name the production code defines: functions, classes, attributes, variables."""
    names = set()
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
    return {name for name in names if is_private(name)}


def import_problems(tree: ast.AST) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [(node.module, alias.name) for alias in node.names]
        else:
            continue
        for module, name in modules:
            root = module.split(".")[0]
            if root not in FRAMEWORKS:
                continue
            if any(is_private(part) for part in module.split(".")):
                problems.append(f"line {node.lineno}: imports the private module {module}")
            elif name is not None and is_private(name):
                problems.append(f"line {node.lineno}: imports the private name {name} from {module}")
            elif root == "dbt" and module not in DOCUMENTED_DBT:
                problems.append(
                    f"line {node.lineno}: imports {module}, which dbt does not document for programmatic use"
                )
    return problems


def private_reads(tree: ast.AST, own: set[str]) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and is_private(node.attr)) or node.attr in own:
            continue
        base = node.value.id if isinstance(node.value, ast.Name) else None
        if (base, node.attr) in DOCUMENTED_UNDERSCORED:
            continue
        problems.append(f"line {node.lineno}: reads {ast.unparse(node)}, a private member it does not define")
    return problems


def _imported_framework_names(tree: ast.AST) -> dict[str, str]:
    """Local name -> dotted path, for every name imported from a framework."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FRAMEWORKS:
                    names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in FRAMEWORKS:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise ImportError(dotted)


def private_overrides(tree: ast.AST) -> list[str]:
    imported = _imported_framework_names(tree)
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = []
        for base in node.bases:
            dotted = ast.unparse(base)
            head, _, rest = dotted.partition(".")
            if head in imported:
                bases.append(_resolve(imported[head] + (f".{rest}" if rest else "")))
        members = {
            item.name if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) else getattr(item.target, "id", "")
            for item in node.body
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.AnnAssign))
        }
        for base in bases:
            for member in sorted(m for m in members if is_private(m) and hasattr(base, m)):
                problems.append(f"line {node.lineno}: class {node.name} overrides {base.__name__}.{member}")
    return problems


MODULES = production_modules()
OWN = own_private_names(MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(REPO)))
def test_only_documented_framework_apis(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = [*import_problems(tree), *private_reads(tree, OWN), *private_overrides(tree)]
    assert problems == [], f"{path.relative_to(REPO)}:\n" + "\n".join(problems)


def test_the_walk_finds_what_it_looks_for():
    tree = ast.parse(
        "import dagster as dg\n"
        "from dagster._core.storage.tags import X\n"
        "from dbt.adapters.factory import get_adapter\n"
        "from dagster_dbt import DbtCliResource\n"
        "class R(DbtCliResource):\n"
        "    def _initialize_dbt_core_adapter(self, args):\n"
        "        return None\n"
        "value = context.instance._event_storage\n"
    )
    assert len(import_problems(tree)) == 2
    assert private_reads(tree, set()) == [
        "line 8: reads context.instance._event_storage, a private member it does not define"
    ]
    assert private_overrides(tree) == ["line 5: class R overrides DbtCliResource._initialize_dbt_core_adapter"]
