"""The ``artconv-validate`` hook, driven through the real pre-commit framework and ``git commit``.

Other repositories consume ``.pre-commit-hooks.yaml`` from a git revision, so these tests do
the same: the current working tree is committed into a throw-away clone, and that commit is
the ``rev`` of a consumer repository's ``.pre-commit-config.yaml``. pre-commit then builds the
hook's virtualenv with pip (dependencies come from PyPI), which is slow, so one PRE_COMMIT_HOME
is shared by the whole session.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HOOK_ID = "artconv-validate"

GOOD_RECORD = """\
---
title: "Hello"
excerpt: "A short summary of the story."
webUrl: "https://example.com/a"
publishedDateTime: "2020-02-20T20:00:00Z"
provider:
  name: Example News
  domain: example.com
topics:
  - AI
images:
  - url: "https://example.com/a.jpg"
    width: 100
    height: 50
---
Body text here.
"""

# Line 5, column 20 is where the bad value starts.
BAD_RECORD = GOOD_RECORD.replace(
    'publishedDateTime: "2020-02-20T20:00:00Z"', 'publishedDateTime: "not a date"'
)

# Valid for the packaged article schema but not for this one, which wants a slug.
SLUG_SCHEMA = """\
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["slug"],
  "properties": {"slug": {"type": "string"}}
}
"""


def _clean_env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    """An environment that neither the developer's git config nor an outer hook can leak into.

    GIT_* variables are dropped because pytest may itself run inside a git hook (GIT_DIR,
    GIT_INDEX_FILE would point the nested git at the outer repository). GITHUB_ACTIONS is
    dropped so ``--format auto`` gives the ``path:line:col`` text output asserted below.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "GITHUB_ACTIONS"
    }
    home.mkdir(parents=True, exist_ok=True)
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Hook Test\n\temail = hook-test@example.invalid\n"
        "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    env.update(
        {
            "HOME": str(home),
            "GIT_CONFIG_GLOBAL": str(gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_HOME": str(pre_commit_home),
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
        }
    )
    return env


def _run(
    args: list[str], cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
    return result


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return _run(["git", *args], cwd, env).stdout.strip()


@dataclass(frozen=True)
class HookSource:
    """A committed snapshot of this project that consumer repositories point ``repo:`` at."""

    repo: Path
    rev: str
    env: dict[str, str]


@pytest.fixture(scope="session")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> HookSource:
    """Commit the working tree (tracked + untracked, minus ignored) into a temporary repo.

    Committing the working tree rather than cloning HEAD means the test checks the code as it
    is now, uncommitted edits included, which is what a developer running the suite expects.
    """
    base = tmp_path_factory.mktemp("hook-source")
    env = _clean_env(base / "home", base / "pre-commit-home")
    repo = base / "article-convert"
    repo.mkdir()
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], PROJECT_ROOT, env
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = PROJECT_ROOT / name
        if not source.is_file():  # deleted in the working tree but still in the index
            continue
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    assert (repo / ".pre-commit-hooks.yaml").is_file()
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "--no-verify", "-m", "snapshot for the hook test")
    return HookSource(repo, _git(repo, env, "rev-parse", "HEAD"), env)


@pytest.fixture
def consumer(tmp_path: Path, hook_source: HookSource) -> Iterator[Consumer]:
    repo = tmp_path / "site"
    repo.mkdir()
    _git(repo, hook_source.env, "init", "-q")
    yield Consumer(repo, hook_source)


class Consumer:
    """A repository that uses the hook, committing through ``git commit`` like a person."""

    def __init__(self, repo: Path, source: HookSource) -> None:
        self.repo = repo
        self.source = source

    def configure(self, *hook_lines: str, hook_id: str = HOOK_ID) -> None:
        extra = "".join(f"        {line}\n" for line in hook_lines)
        (self.repo / ".pre-commit-config.yaml").write_text(
            "repos:\n"
            f"  - repo: {self.source.repo.as_posix()}\n"
            f"    rev: {self.source.rev}\n"
            "    hooks:\n"
            f"      - id: {hook_id}\n"
            f"{extra}",
            encoding="utf-8",
        )
        _run([sys.executable, "-m", "pre_commit", "install"], self.repo, self.source.env)
        _git(self.repo, self.source.env, "add", ".pre-commit-config.yaml")
        # Builds (or reuses) the hook environment; a failure here is a setup problem with a
        # readable message rather than a confusing failed commit.
        _run([sys.executable, "-m", "pre_commit", "install-hooks"], self.repo, self.source.env)

    def write(self, name: str, text: str) -> None:
        path = self.repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _git(self.repo, self.source.env, "add", name)

    def commit(self) -> subprocess.CompletedProcess[str]:
        return _run(["git", "commit", "-m", "change"], self.repo, self.source.env, check=False)

    def committed(self) -> bool:
        result = _run(
            ["git", "rev-parse", "--verify", "-q", "HEAD"], self.repo, self.source.env, check=False
        )
        return result.returncode == 0


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_bad_record_blocks_the_commit_with_positions(consumer: Consumer) -> None:
    consumer.configure()
    consumer.write("posts/bad.md", BAD_RECORD)
    consumer.write("posts/good.md", GOOD_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    assert not consumer.committed()
    assert re.search(r"validate article records\.+Failed", out), out
    assert "posts/bad.md:5:20: error schema/format" in out, out
    assert "posts/good.md" not in out, out


def test_good_record_passes(consumer: Consumer) -> None:
    consumer.configure()
    consumer.write("posts/good.md", GOOD_RECORD)
    consumer.write("notes.txt", GOOD_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode == 0, out
    assert re.search(r"validate article records\.+Passed", out), out
    assert consumer.committed()


def test_only_record_files_are_passed(consumer: Consumer) -> None:
    """Files outside the default record extensions (and extensionless LICENSE, which identify
    tags plain-text) are not given to the hook, so it is skipped."""
    consumer.configure()
    consumer.write("LICENSE", "All rights reserved.\n")
    consumer.write("data.yaml", "a: 1\n")
    consumer.write("page.xht", "<p>no front matter</p>\n")  # XHTML's rare short name: not walked
    result = consumer.commit()
    out = _output(result)
    assert result.returncode == 0, out
    assert re.search(r"validate article records\.+\(no files to check\)Skipped", out), out


def test_a_repositorys_own_documents_are_not_records(consumer: Consumer) -> None:
    """README.md, requirements.txt or a pull-request template hold no front matter: they are
    left out by default, so they never block a commit; a post named like one still counts."""
    consumer.configure()
    consumer.write("README.md", "# My news site\n")
    consumer.write("requirements.txt", "article-convert\n")
    consumer.write(".github/pull_request_template.md", "Describe the change.\n")
    consumer.write("docs/CONTRIBUTING.md", "Be kind.\n")
    consumer.write("posts/good.md", GOOD_RECORD)
    result = consumer.commit()
    assert result.returncode == 0, _output(result)

    consumer.write("posts/history.md", BAD_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0 and "posts/history.md:5:20: error" in out, out


def test_the_configurations_exclude_holds_for_staged_files(consumer: Consumer) -> None:
    """pre-commit names each staged file; the hooks pass --force-exclude, so the globs of
    artconv.toml's exclude leave a staged draft out as they leave it out of a folder walk."""
    consumer.write("artconv.toml", 'exclude = ["drafts/*"]\n')
    consumer.configure()
    consumer.write("drafts/wip.md", BAD_RECORD)
    consumer.write("posts/good.md", GOOD_RECORD)
    result = consumer.commit()
    assert result.returncode == 0, _output(result)


def test_saved_pages_are_passed_under_each_name(consumer: Consumer) -> None:
    """The hook takes what a folder is walked for: ``.htm`` and ``.xhtml`` as well as
    ``.html``."""
    consumer.configure()
    names = ("pages/a.HTM", "pages/b.html", "pages/c.xhtml")
    for name in names:
        consumer.write(name, "<p>no front matter</p>\n")
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    for name in names:
        assert f"{name}:1:1: error" in out, out


def test_schema_argument_is_honoured(consumer: Consumer) -> None:
    consumer.write("schemas/slug.schema.json", SLUG_SCHEMA)
    consumer.configure("args: [--schema, schemas/slug.schema.json, --ignore, frontmatter]")
    consumer.write("posts/good.md", GOOD_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    assert 'posts/good.md:1:1: error schema/required missing required field "slug"' in out, out
    assert not consumer.committed()

    consumer.write("posts/good.md", GOOD_RECORD.replace("---\n", "---\nslug: hello\n", 1))
    result = consumer.commit()
    assert result.returncode == 0, _output(result)


def test_files_override_limits_the_hook(consumer: Consumer) -> None:
    """A consumer's ``files:`` replaces the default; bad records elsewhere are not checked."""
    consumer.configure("files: ^content/")
    consumer.write("drafts/bad.md", BAD_RECORD)
    consumer.write("content/good.md", GOOD_RECORD)
    result = consumer.commit()
    assert result.returncode == 0, _output(result)

    consumer.write("content/bad.md", BAD_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    assert "content/bad.md:5:20: error schema/format" in out, out


HUGO_POST = '---\ntitle: "Hello"\ndate: 2024-01-02\n---\nBody text here.\n'


def test_a_staged_page_reads_its_sites_configuration(consumer: Consumer) -> None:
    """The hook names the staged pages alone: each is read with the configuration of the
    site it is in, as a walk of the site's folder reads it, so the site's address is known."""
    consumer.configure("args: [--profile, hugo]")
    consumer.write("hugo.toml", 'baseURL = "https://ex.com/"\ntitle = "S"\n')
    consumer.write("content/posts/a.md", HUGO_POST)
    result = consumer.commit()
    assert result.returncode == 0, _output(result)

    # A page of a configuration that cannot be read is checked as before: one warning, and
    # the page has no address.
    consumer.write("hugo.toml", 'baseURL = "https://ex.com/"\ntitle = \n')
    consumer.write("content/posts/b.md", HUGO_POST)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    assert "hugo.toml:2:9: warning profile/site-config" in out, out
    assert "content/posts/b.md:1:1: error profile/missing" in out, out


FIXABLE_RECORD = GOOD_RECORD.replace('title: "Hello"', "title: NO")


def test_fix_hook_fixes_fails_and_leaves_the_fix_unstaged(consumer: Consumer) -> None:
    consumer.configure(hook_id="artconv-fix")
    consumer.write("posts/good.md", GOOD_RECORD)
    consumer.write("posts/fixable.md", FIXABLE_RECORD)
    result = consumer.commit()
    out = _output(result)
    assert result.returncode != 0, out
    assert re.search(r"fix article records\.+Failed", out), out
    assert "files were modified by this hook" in out, out
    assert not consumer.committed()
    fixed = (consumer.repo / "posts/fixable.md").read_text("utf-8")
    assert fixed == FIXABLE_RECORD.replace("title: NO", 'title: "NO"')
    staged = _git(consumer.repo, consumer.source.env, "show", ":posts/fixable.md")
    assert staged == FIXABLE_RECORD.rstrip("\n")  # the hook never ran git add

    _git(consumer.repo, consumer.source.env, "add", "posts/fixable.md")
    result = consumer.commit()
    assert result.returncode == 0, _output(result)
    assert re.search(r"fix article records\.+Passed", _output(result))
