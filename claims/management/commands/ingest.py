"""Import an article from a file, standard input or a URL, and queue its claim extraction."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import normalized_codec, selectors, services
from claims.models import Article
from jobs.queueing import queue_report, queued_later_notice
from jobs.waiting import add_wait_argument, wait_for


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = (
        "Import an article (PATH, - for standard input, or an http(s) URL, whose page a worker"
        " fetches) and extract its claims."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a file path, '-' for standard input, or a URL")
        parser.add_argument("--title", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="")
        parser.add_argument("--published", type=str, default=None, help="YYYY-MM-DD")
        parser.add_argument(
            "--original-url",
            default="",
            help="where a file's article was published (stored as its URL; not fetched)",
        )
        parser.add_argument("--json", action="store_true", help="print the article as JSON")
        add_wait_argument(parser, what="the extraction")

    def handle(self, *args: Any, **options: Any) -> None:
        published = _date(options["published"]) if options["published"] else None
        source: str = options["source"]
        fields = {
            "title": options["title"],
            "outlet": options["outlet"],
            "author": options["author"],
            "published_on": published,
        }
        from fetching import FetchError

        by_url = source.startswith(("http://", "https://"))
        if by_url and options["original_url"]:
            raise CommandError("--original-url is for a file or standard input: a URL is its own")
        try:
            with queue_report() as not_queued:
                if by_url:
                    result = services.article_import_url(url=source, **fields)
                else:
                    result = services.article_ingest(
                        raw_input=self._read(source), url=options["original_url"], **fields
                    )
        except (services.ArticleInputError, FetchError) as exc:
            raise CommandError(f"cannot import {source[:200]}: {exc}") from None
        article = result.article
        if not_queued:
            step = "page fetch" if by_url else "extraction"
            notice = queued_later_notice(not_queued, f"Article #{article.pk} is stored; its {step}")
            if options["wait"] is not None:
                raise CommandError(notice)
            self.stderr.write(notice)
        if options["wait"] is not None:
            article = self._wait(article, options["wait"])
        if options["json"]:
            self.stdout.write(json.dumps(self._as_json(article, result.created), indent=2))
            return
        verb = "Imported" if result.created else "Already imported:"
        self.stdout.write(f"{verb} article #{article.pk} '{article}' ({article.extraction_status})")
        if article.extraction_status == Article.ExtractionStatus.SUCCEEDED:
            claims = list(selectors.article_claims(article=article))
            self.stdout.write(f"{len(claims) or 'No'} claim(s) found")
            for claim in claims:
                self.stdout.write(f"  [{claim.kind}] {claim.text}")
        elif article.extraction_status == Article.ExtractionStatus.FAILED:
            raise CommandError(f"extraction failed: {article.extraction_error}")

    def _read(self, source: str) -> bytes:
        """The file's bytes, refused by the ingest service's size rule before a file too large
        is read into memory (standard input is read to one byte past the limit)."""
        if source == "-":
            data = sys.stdin.buffer.read(services.article_upload_limit() + 1)
            services.article_upload_check(size=len(data))
            return data
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"no such file: {source}")
        services.article_upload_check(size=path.stat().st_size)
        return path.read_bytes()

    def _wait(self, article: Article, seconds: float) -> Article:
        # A page imported by URL is fetched first, then extracted.
        done = {Article.ExtractionStatus.SUCCEEDED, Article.ExtractionStatus.FAILED}

        def finished() -> bool:
            article.refresh_from_db()
            return article.extraction_status in done

        wait_for(finished, seconds=seconds, pending=f"article #{article.pk} is not extracted yet")
        return article

    def _as_json(self, article: Article, created: bool) -> dict[str, Any]:
        claims = selectors.article_claims(article=article)
        return {
            "id": article.pk,
            "created": created,
            "title": article.title,
            "url": article.url,
            "published": article.published_on.isoformat() if article.published_on else None,
            "extraction_status": article.extraction_status,
            "extraction_error": article.extraction_error,
            "claims": [
                {
                    "id": c.pk,
                    "text": c.text,
                    "sentence": c.sentence,
                    "start": c.start,
                    "end": c.end,
                    "kind": c.kind,
                    "checkworthiness": c.checkworthiness,
                    "checkworthy": c.checkworthy,
                    "speaker": c.speaker or None,
                    **normalized_codec.clean(c.normalized),
                }
                for c in claims
            ],
        }
