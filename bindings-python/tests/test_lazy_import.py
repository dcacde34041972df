"""``import orgkit`` and building a client load neither the models nor
``dataclasses`` (the cold-start budget); the names are all still there."""

from __future__ import annotations

import subprocess
import sys

import orgkit


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_client_is_built_without_models_or_dataclasses() -> None:
    out = _run(
        "import sys, orgkit\n"
        "orgkit.Client('ourganize', base_url='http://127.0.0.1:9', api_key='k')\n"
        "print(sorted(m for m in ('orgkit.models', 'orgkit.webhooks', 'dataclasses', 'asyncio')"
        " if m in sys.modules))"
    )
    assert out == "[]"


def test_every_model_name_resolves_lazily_to_the_models_class() -> None:
    for name in orgkit.models.__all__:
        assert name in orgkit.__all__
        assert getattr(orgkit, name) is getattr(orgkit.models, name)
    assert orgkit.webhooks.verify is not None


def test_star_import_gives_models_and_errors() -> None:
    out = _run("from orgkit import *\nprint(Project.__name__, Role.ADMIN, NotFoundError.__name__)")
    assert out == "Project admin NotFoundError"


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        orgkit.NoSuchThing  # noqa: B018
    except AttributeError as e:
        assert "NoSuchThing" in str(e)
    else:
        raise AssertionError("orgkit.NoSuchThing resolved")


def test_field_error_is_an_immutable_record() -> None:
    e = orgkit.FieldError("name", "is required")
    assert (e.field, e.message) == ("name", "is required")
    assert repr(e) == "FieldError(field='name', message='is required')"
    assert e == orgkit.FieldError(field="name", message="is required")
    try:
        e.field = "other"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("FieldError is mutable")
