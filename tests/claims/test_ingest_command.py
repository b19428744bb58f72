"""`manage.py ingest` goes through the ingestion service, from a file, stdin or a URL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from io import BytesIO, StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from claims.tasks import fetch_article_page
from tests.conftest import REPO, LocalSite

pytestmark = pytest.mark.django_db

TEXT = "Harbour traffic rose by 12% in 2025, the port authority said.\n"


def test_it_imports_a_file_and_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), "--published", "2026-01-10", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["created"] is True
    assert body["extraction_status"] == "queued"
    assert body["published"] == "2026-01-10"
    assert Article.objects.get().published_on.isoformat() == "2026-01-10"


def test_importing_it_again_says_so(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    call_command("ingest", str(path), stdout=StringIO())
    out = StringIO()
    call_command("ingest", str(path), stdout=out)
    assert "Already imported" in out.getvalue()
    assert Article.objects.count() == 1


def test_a_file_keeps_the_original_url_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = StringIO()
    url = "https://Port.example/traffic?utm_campaign=x"
    call_command("ingest", str(path), "--original-url", url, "--json", stdout=out)
    assert json.loads(out.getvalue())["url"] == "https://port.example/traffic"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], "no such file"),
        (["{empty}"], "empty"),
        (["{ok}", "--published", "06/04/2021"], "YYYY-MM-DD"),
        (["{ok}", "--original-url", "ftp://port.example/x"], "http or https"),
        (["https://port.example/x", "--original-url", "https://port.example/y"], "a URL is its"),
    ],
)
def test_it_explains_what_is_wrong(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "ok.txt").write_text(TEXT)
    argv = [a.format(empty=tmp_path / "empty.txt", ok=tmp_path / "ok.txt") for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("ingest", *argv, stdout=StringIO())


def test_it_queues_the_fetch_of_a_url(
    local_site: LocalSite,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    page = "<html><body><article><p>" + TEXT * 3 + "</p></article></body></html>"
    url = local_site.add("/story", page)
    sent: list[int] = []
    monkeypatch.setattr(fetch_article_page, "delay", lambda pk: sent.append(pk))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", url, "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert (body["url"], body["extraction_status"]) == (url, "fetching")
    assert sent == [body["id"]]


def test_it_refuses_a_url_on_an_internal_address(settings: Any) -> None:
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(CommandError, match="refused"):
        call_command("ingest", "http://127.0.0.1:9/secret", stdout=StringIO())


def test_it_reads_standard_input_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", "-", "--title", "From stdin"],
        cwd=REPO,
        input=b"\xff\xfe not utf-8 \x00\x00",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert b"cannot import -" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_file_too_large_is_refused_by_the_size_rule_before_it_is_read(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1_000  # files of at most 4,000 bytes
    path = tmp_path / "huge.txt"
    path.write_text(TEXT * 200, encoding="utf-8")
    read: list[Path] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    with pytest.raises(CommandError, match="at most 4,000 are accepted"):
        call_command("ingest", str(path), stdout=StringIO())
    assert path not in read
    assert not Article.objects.exists()


def test_standard_input_too_large_is_refused_by_the_same_rule(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1_000
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=BytesIO(TEXT.encode() * 200)))
    with pytest.raises(CommandError, match="at most 4,000 are accepted"):
        call_command("ingest", "-", stdout=StringIO())
    assert not Article.objects.exists()
