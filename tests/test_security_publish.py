"""Publishing: one build at a time, leftovers cleaned, output/ never missing."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from invoke import Exit
from test_tasks import project_copy

from scripts import site_tasks
from scripts.site_tasks import (
    WAITING_MESSAGE,
    environment_problem,
    publish_atomically,
    releases_folder,
)


def writer(text: str):
    """A build function that writes one page."""

    def build(folder: Path) -> bool:
        (folder / "index.html").write_text(text)
        return True

    return build


def beside(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir())


def test_a_second_publish_waits_and_says_so_once(tmp_path):
    output = tmp_path / "output"
    building, waiting = threading.Event(), threading.Event()
    messages: list[str] = []

    def slow_build(folder: Path) -> bool:
        (folder / "index.html").write_text("first")
        building.set()
        assert waiting.wait(30), "the second publish never waited"
        return True

    def note(message: str) -> None:
        messages.append(message)
        waiting.set()

    first = threading.Thread(target=publish_atomically, args=(output, slow_build))
    first.start()
    assert building.wait(30)
    assert publish_atomically(output, writer("second"), waiting=note)
    first.join()
    assert messages == [WAITING_MESSAGE]
    assert (output / "index.html").read_text() == "second"
    assert beside(output) == ["output", "output.lock", "output.releases"]


def test_a_publish_waits_for_a_build_in_another_process(tmp_path):
    output = tmp_path / "output"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from pathlib import Path
                from scripts.site_tasks import build_lock
                with build_lock(Path({str(output)!r})):
                    print("locked", flush=True)
                    sys.stdin.read()
                """
            ),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "locked\n"
    messages: list[str] = []

    def note(message: str) -> None:
        messages.append(message)
        holder.stdin.close()  # let the other build finish

    assert publish_atomically(output, writer("mine"), waiting=note)
    assert holder.wait(30) == 0
    assert messages == [WAITING_MESSAGE]
    assert (output / "index.html").read_text() == "mine"


def test_leftovers_of_a_killed_build_are_cleaned_next_time(tmp_path):
    output = tmp_path / "output"
    assert publish_atomically(output, writer("good"))
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import os, signal
                from pathlib import Path
                from scripts.site_tasks import publish_atomically

                def build(folder):
                    (folder / "half.html").write_text("half")
                    os.kill(os.getpid(), signal.SIGKILL)

                publish_atomically(Path({str(output)!r}), build)
                """
            ),
        ],
        cwd=ROOT,
        check=False,
    )
    assert killed.returncode == -9
    assert [p.name for p in tmp_path.glob("output.build-*")], beside(output)
    # What older versions and other interrupted steps leave behind, too.
    (tmp_path / "output.old-4242").mkdir()
    os.symlink("output.releases", tmp_path / "output.tmp-4242")
    (releases_folder(output) / "20000101T000000Z-1").mkdir()
    assert (output / "index.html").read_text() == "good"  # still published
    assert publish_atomically(output, writer("next"))
    assert beside(output) == ["output", "output.lock", "output.releases"]
    assert (output / "index.html").read_text() == "next"
    assert len(list(releases_folder(output).iterdir())) == 2  # now and before


def test_a_failed_build_leaves_output_and_removes_its_folder(tmp_path):
    output = tmp_path / "output"
    assert publish_atomically(output, writer("good"))
    assert not publish_atomically(output, lambda folder: False)
    with pytest.raises(RuntimeError):
        publish_atomically(output, lambda folder: (_ for _ in ()).throw(RuntimeError))
    assert (output / "index.html").read_text() == "good"
    assert not list(tmp_path.glob("output.build-*"))


def test_the_swap_is_one_rename_of_a_symlink(tmp_path, monkeypatch):
    output = tmp_path / "output"
    assert publish_atomically(output, writer("one"))
    touching: list[tuple[str, str, bool]] = []

    def watch(module, name):
        real = getattr(module, name)

        def call(*args, **kwargs):
            paths = [Path(a) for a in args[:2] if isinstance(a, str | Path)]
            if output in paths:
                touching.append((name, str(paths[0]), paths[0].is_symlink()))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, call)

    for name in ("rename", "replace", "unlink", "rmdir", "remove", "symlink"):
        watch(os, name)
    watch(shutil, "rmtree")
    assert publish_atomically(output, writer("two"))
    monkeypatch.undo()
    link = str(tmp_path / f"output.tmp-{os.getpid()}")
    assert touching == [("replace", link, True)]
    assert (output / "index.html").read_text() == "two"


def test_output_is_there_throughout_many_swaps(tmp_path):
    output = tmp_path / "output"
    assert publish_atomically(output, writer("0"))
    done = threading.Event()
    missing: list[int] = []

    def read() -> None:
        while not done.is_set():
            try:
                (output / "index.html").read_text()
            except OSError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for number in range(1, 30):
            assert publish_atomically(output, writer(str(number)))
            # A real build takes seconds. Without a pause, two swaps can pass
            # while a starved reader is inside one open() (the release it
            # resolved, two back, is then removed) - not a gap at the swap.
            time.sleep(0.02)
    finally:
        done.set()
        reader.join()
    assert missing == []
    assert (output / "index.html").read_text() == "29"


def test_a_plain_output_folder_is_migrated(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    assert publish_atomically(output, writer("new"))
    assert output.is_symlink()
    assert sorted(p.name for p in output.iterdir()) == ["index.html"]
    assert publish_atomically(output, writer("newer"))
    assert len(list(releases_folder(output).iterdir())) == 2


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.EROFS, "the file system is read-only; build on a writable disk."),
        (errno.ENOSPC, "the disk is full; free some space and build again."),
        (errno.EACCES, "permissions or build in another folder."),
    ],
)
def test_environment_failures_are_one_sentence(tmp_path, number, words):
    exc = OSError(number, os.strerror(number), str(tmp_path / "output.build-x"))
    message = str(environment_problem(exc, tmp_path / "elsewhere"))
    assert message.startswith(f"Cannot write the site into {tmp_path}: ")
    assert message.endswith(words)
    assert "\n" not in message
    assert environment_problem(OSError(errno.ENOENT, "gone"), tmp_path) is None


def read_only(*args, **kwargs):
    """``tempfile.mkdtemp`` on a read-only file system."""
    path = os.path.join(kwargs["dir"], kwargs["prefix"] + "x1y2")
    raise OSError(errno.EROFS, "Read-only file system", path)


def test_a_read_only_folder_ends_the_task_with_one_sentence(tmp_path, monkeypatch):
    import tasks

    monkeypatch.setattr(tasks, "OUTPUT", tmp_path / "site" / "output")
    monkeypatch.setattr(site_tasks.tempfile, "mkdtemp", read_only)
    with pytest.raises(Exit) as info:
        tasks._atomic_build(None, "publishconf.py")
    assert info.value.code == 1
    assert info.value.message == (
        f"Cannot write the site into {tmp_path / 'site'}: the file system is "
        "read-only; build on a writable disk."
    )


def test_invoke_prints_the_sentence_without_a_traceback(tmp_path):
    root = project_copy(tmp_path)
    script = textwrap.dedent(
        """
        import tempfile
        import tasks
        from invoke import Program
        from test_security_publish import read_only

        tempfile.mkdtemp = read_only
        Program(namespace=tasks.ns).run(["invoke", "publish"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Cannot write the site into {root}: the file system is read-only; "
        "build on a writable disk."
    ]
    assert "Traceback" not in result.stdout + result.stderr
