"""Every error code the apps answer with is a member of its app's enumeration (``<app>/errors.py``), typed
there once: no literal code in the app code, no two enumerations with the same value, and the API's
description of the ``code`` field lists every registered code."""

import ast
import enum
import importlib
import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

from demo.errors import DemoErrorCode
from portal.api_common import ErrorSerializer, error_codes_description
from portal.errors import ApplicationError, error_code_enums, register_error_codes

ROOT = Path(settings.BASE_DIR)
DOTTED = re.compile(r"^[a-z_]+\.[a-z_]+$")


@cache
def code_enums() -> tuple[type[enum.StrEnum], ...]:
    """Every StrEnum defined in an app's errors.py (or a sub-package's: accounts/identity/errors.py)."""
    found = []
    for path in sorted([*ROOT.glob("*/errors.py"), *ROOT.glob("*/*/errors.py")]):
        if path.parts[-3] in ("tests", ".venv"):
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        found += [value for value in vars(module).values() if isinstance(value, type)
                  and issubclass(value, enum.StrEnum) and value.__module__ == module.__name__]
    return tuple(found)


@cache
def app_sources() -> tuple[tuple[Path, ast.Module], ...]:
    """The parsed Python files of the apps (not the tests, the migrations, the errors.py themselves, or the mock
    services, which stand for outside parties and answer in those parties' own codes)."""
    packages = [p.parent for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests"]
    files = [path for package in packages for path in sorted(package.rglob("*.py"))
             if "migrations" not in path.parts and "mock" not in path.relative_to(ROOT).parts
             and path.name != "errors.py"]
    return tuple((path, ast.parse(path.read_text(encoding="utf-8"))) for path in files)


def error_classes() -> set[str]:
    """Names of ApplicationError and its subclasses, wherever they are defined."""
    bases: dict[str, set[str]] = {}
    errors_modules = tuple((path, ast.parse(path.read_text(encoding="utf-8")))
                           for path in [*ROOT.glob("*/errors.py"), *ROOT.glob("*/*/errors.py")] if ".venv" not in path.parts)
    for _path, tree in app_sources() + errors_modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    names = {ApplicationError.__name__}
    while grown := {name for name, parents in bases.items() if parents & names and name not in names}:
        names |= grown
    return names


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{node.lineno}"


def test_the_app_code_gives_no_error_code_as_a_literal():
    classes, values = error_classes(), {code.value for codes in code_enums() for code in codes if "." in code}
    assert {"DossierError", "CatalogueImportError", "CentreNotFound", "AccountInvalid"} <= classes
    literals = []
    for path, tree in app_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                if name in classes and isinstance(code, ast.Constant | ast.JoinedStr):
                    literals.append(f"{where(path, node)} {name}(code={ast.unparse(code)})")
            elif isinstance(node, ast.Dict):  # an error body built by hand: {"code": ..., "message": ...}
                keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
                if "code" in keys and "message" in keys and isinstance(node.values[keys.index("code")], ast.Constant):
                    literals.append(f"{where(path, node)} {ast.unparse(node)[:80]}")
            elif isinstance(node, ast.Constant) and node.value in values:
                literals.append(f"{where(path, node)} {node.value!r}")
    assert not literals, "Use the app's ErrorCode enumeration (errors.py) for:\n" + "\n".join(literals)


def test_every_error_code_the_app_code_names_exists():
    enums = {codes.__name__: codes for codes in code_enums()}
    named, unknown = 0, []
    for path, tree in app_sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id.endswith("ErrorCode")):
                named += 1
                codes = enums.get(node.value.id)
                if codes is None or node.attr not in codes.__members__:
                    unknown.append(f"{where(path, node)} {node.value.id}.{node.attr}")
    assert named > 90  # the scan sees the app code
    assert not unknown


def test_enumerations_hold_each_code_once_named_after_it():
    values = [code.value for codes in code_enums() for code in codes]
    assert len(code_enums()) >= 7
    assert len(values) == len(set(values)), sorted(v for v in values if values.count(v) > 1)
    for codes in code_enums():
        for code in codes:
            assert code.value in {"error", "invalid"} or DOTTED.match(code.value), code
            # dossier.bad_state is BAD_STATE; calendar.invalid in units' enumeration is CALENDAR_INVALID
            assert code.value.replace(".", "_").upper().endswith(code.name), code


def test_the_api_documents_every_registered_code():
    registered = set(error_code_enums())
    # The demo's codes come from a management command, never from the API.
    assert registered == set(code_enums()) - {DemoErrorCode}
    description = str(ErrorSerializer().fields["code"].help_text)
    assert description == error_codes_description()
    for codes in registered:
        for code in codes:
            assert f"`{code}`" in description


def test_a_code_cannot_be_registered_twice():
    class Clash(enum.StrEnum):
        BAD_STATE = "dossier.bad_state"

    before = error_code_enums()
    with pytest.raises(ValueError, match="dossier.bad_state"):
        register_error_codes(Clash)
    assert error_code_enums() == before
