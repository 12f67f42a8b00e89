"""Security by inspection: the app reads only, builds no SQL from input, listens locally; no secrets in the repository."""

import ast
import re
import subprocess
from pathlib import Path

import pytest

from tests.support.project import REPO

APP = REPO / "streamlit_app"
SQL_WORDS = re.compile(r"\b(select|from|where|insert|update|delete|attach|copy|pragma)\b", re.IGNORECASE)
MACHINE_PATHS = re.compile(r"(?<![\w.])/(work|root|home|Users)/|[A-Z]:\\Users\\")
SECRET_PATTERNS = [
    re.compile(r"AKIA[0-9A-Z]{16}"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE " + r"KEY-----"),
    re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"),
    re.compile(r"\bsk-[A-Za-z0-9]{20,}"),
    re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),
    re.compile(r"(password|passwd|secret|api_?key|access_?token)\s*[:=]\s*['\"][^'\"\s]{6,}['\"]", re.IGNORECASE),
]


def app_modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(APP.rglob("*.py"))]


def calls_named(tree: ast.AST, names: set[str]) -> list[ast.Call]:
    def name(call: ast.Call) -> str | None:
        function = call.func
        return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)

    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and name(node) in names]


def input_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The function's parameters and whatever it takes from a Streamlit widget or the query string."""
    names = {argument.arg for argument in ast.walk(function.args) if isinstance(argument, ast.arg)}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and "st." in ast.unparse(node.value):
            names |= {
                target.id
                for target in ast.walk(node)
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store)
            }
    return names


def sql_built_from_input(tree: ast.Module) -> list[str]:
    findings = []
    for function in (node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))):
        inputs = input_names(function)
        for node in ast.walk(function):
            if isinstance(node, ast.JoinedStr):
                literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
                used = {
                    name.id
                    for value in node.values
                    if isinstance(value, ast.FormattedValue)
                    for name in ast.walk(value)
                    if isinstance(name, ast.Name)
                }
                if SQL_WORDS.search(literal) and used & inputs:
                    findings.append(f"line {node.lineno}: f-string SQL with {sorted(used & inputs)}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
                if (
                    any(not isinstance(argument, ast.Constant) for argument in arguments)
                    and "sql" in ast.unparse(node.func.value).lower()
                ):
                    findings.append(f"line {node.lineno}: SQL .format() with a value that is not a literal")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
                if (
                    isinstance(node.left, ast.Constant)
                    and isinstance(node.left.value, str)
                    and SQL_WORDS.search(node.left.value)
                ):
                    used = {name.id for name in ast.walk(node.right) if isinstance(name, ast.Name)}
                    if used & inputs:
                        findings.append(f"line {node.lineno}: SQL string joined with {sorted(used & inputs)}")
    return findings


@pytest.fixture(scope="module")
def modules():
    assert APP.is_dir(), "the app to inspect is streamlit_app/"
    return app_modules()


def test_the_app_opens_the_warehouse_read_only(modules):
    connections = [(path, call) for path, tree in modules for call in calls_named(tree, {"connect"})]
    assert connections, "the app opens the warehouse somewhere"
    for path, call in connections:
        read_only = [keyword.value for keyword in call.keywords if keyword.arg == "read_only"]
        assert read_only and isinstance(read_only[0], ast.Constant) and read_only[0].value is True, (
            f"{path.relative_to(REPO)}, line {call.lineno}: connect without read_only=True"
        )


def test_the_app_builds_no_sql_from_user_input(modules):
    findings = [
        f"{path.relative_to(REPO)}, {finding}" for path, tree in modules for finding in sql_built_from_input(tree)
    ]
    assert findings == []


def test_the_inspection_would_notice_sql_built_from_input():
    tree = ast.parse(
        "def page(year):\n"
        "    chosen = st.selectbox('År', [2012])\n"
        "    read(f'select * from marts.fct_fees where year = {year}')\n"
        "    read(f'select * from marts.fct_fees where year = {chosen}')\n"
        "    read(_SQL.format(mart=chosen))\n"
    )
    assert len(sql_built_from_input(tree)) == 3


def test_the_ui_and_the_app_listen_on_localhost_by_default():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", makefile, re.MULTILINE)
    assert re.search(r"^APP_HOST \?= \$\(HOST\)$", makefile, re.MULTILINE)
    assert re.search(r"^DAGSTER_HOST \?= \$\(HOST\)$", makefile, re.MULTILINE)
    assert "--server.address $(APP_HOST)" in makefile
    assert re.search(r"dagster dev .*-h \$\(DAGSTER_HOST\)", makefile)


def repository_files() -> list[Path]:
    """Every file that is or will be committed: tracked, or new and not ignored."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    return [REPO / name for name in listed if name and (REPO / name).is_file()]


def text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def test_no_machine_paths_or_secrets_in_the_repository():
    this_file = Path(__file__).resolve()
    findings = []
    for path in repository_files():
        text = text_of(path)
        if text is None or path.resolve() == this_file:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if MACHINE_PATHS.search(line) or any(pattern.search(line) for pattern in SECRET_PATTERNS):
                findings.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:120]}")
    assert findings == []
