"""Messages are never hard-wrapped, whatever the path's length or the terminal's width."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from thaikpi.cli.main import app

EXE = Path(sys.executable).parent / "thaikpi"
MINI = str(Path(__file__).parents[1] / "reports" / "fixtures" / "mini-2567.yaml")


def long_missing(tmp_path: Path) -> Path:
    """A file that does not exist, deep in a folder with a long name (a clone at a long path)."""
    folder = tmp_path / ("a-clone-at-a-rather-long-path-" * 4)
    folder.mkdir()
    return folder / "results-of-the-twelve-month-round.yaml"


@pytest.mark.parametrize("columns", ["20", "80"])
@pytest.mark.parametrize(
    "command",
    [["report", MINI, "{missing}", "--xlsx", "{out}"], ["score", MINI, "{missing}"]],
    ids=["report", "score"],
)
def test_a_failing_commands_message_is_one_line_when_piped(
    tmp_path: Path, command: list[str], columns: str
) -> None:
    missing = long_missing(tmp_path)
    args = [a.format(missing=missing, out=tmp_path / "x.xlsx") for a in command]
    done = subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": columns},
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if str(missing) in line]
    # The message on one line, and its Thai on one line below it where the command gives both.
    assert "cannot read file" in lines[0], done.stderr
    assert len(lines) == 1 or (len(lines) == 2 and "อ่านไฟล์ไม่ได้" in lines[1]), done.stderr


def all_help_texts() -> dict[str, list[str]]:
    """Every command's own help and its parameters' help, as written in the code."""
    group = typer.main.get_command(app)
    texts: dict[str, list[str]] = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        helps = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        texts[name] = [h.split("\n\n")[0] for h in helps if h]
    return texts


def test_some_help_text_has_brackets_to_lose() -> None:
    assert any("[" in text for texts in all_help_texts().values() for text in texts)


@pytest.mark.parametrize("name", sorted(all_help_texts()))
def test_every_commands_help_shows_its_texts_as_written(name: str) -> None:
    shown = CliRunner().invoke(app, [name, "--help"]).output
    flat = " ".join(shown.split())
    for text in all_help_texts()[name]:
        assert " ".join(text.split()) in flat


def test_draft_help_keeps_the_brackets_of_its_yaml_shape() -> None:
    shown = " ".join(CliRunner().invoke(app, ["draft", "--help"]).output.split())
    assert "baseline: {KPI id: [new year rows]}" in shown
