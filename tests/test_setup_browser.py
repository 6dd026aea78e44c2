"""tests/setup_browser.py: installs Chromium only when it is missing and it can; never fails the test command."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
import setup_browser


class Recorder:
    def __init__(self, code: int = 0) -> None:
        self.commands: list[list[str]] = []
        self.code = code

    def __call__(self, command: list[str], **_: Any) -> subprocess.CompletedProcess[bytes]:
        self.commands.append(command)
        return subprocess.CompletedProcess(command, self.code)


@pytest.fixture()
def apt(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(setup_browser.subprocess, "run", recorder)
    monkeypatch.setattr(setup_browser.sys, "platform", "linux")
    monkeypatch.setattr(setup_browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(setup_browser.os, "geteuid", lambda: 0)
    return recorder


def test_nothing_happens_when_both_binaries_are_there(apt: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(setup_browser, "missing", lambda: [])
    assert setup_browser.main() == 0
    assert apt.commands == [] and "are installed" in capsys.readouterr().out


def test_a_missing_browser_is_installed_with_apt_get(apt: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter([[setup_browser.CHROMIUM], []])
    monkeypatch.setattr(setup_browser, "missing", lambda: next(answers))
    assert setup_browser.main() == 0
    assert apt.commands == [["apt-get", "update"], ["apt-get", "install", "-y", "chromium", "chromium-driver", "fonts-wqy-microhei"]]
    assert "installed chromium and chromium-driver in" in capsys.readouterr().out


def test_without_root_it_says_why_and_exits_0(apt: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(setup_browser, "missing", lambda: [setup_browser.CHROMEDRIVER])
    monkeypatch.setattr(setup_browser.os, "geteuid", lambda: 1000)
    assert setup_browser.main() == 0
    assert apt.commands == [] and "needs root" in capsys.readouterr().out


def test_without_apt_get_it_says_why_and_exits_0(apt: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(setup_browser, "missing", lambda: [setup_browser.CHROMIUM])
    monkeypatch.setattr(setup_browser.shutil, "which", lambda name: None)
    assert setup_browser.main() == 0
    assert apt.commands == [] and "apt-get is not available" in capsys.readouterr().out


def test_a_failing_install_is_reported_and_the_test_run_goes_on(apt: Recorder, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(setup_browser, "missing", lambda: [setup_browser.CHROMIUM])
    apt.code = 100
    assert setup_browser.main() == 0
    assert apt.commands == [["apt-get", "update"]] and "failed (exit 100)" in capsys.readouterr().out
