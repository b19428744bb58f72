"""Create the first admin account with a generated password, printed once."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create a superuser with a generated password if none exists; print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        username = options["username"]
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin account '{username}' already exists (its password was printed when it "
                f"was created; to set a new one: python manage.py changepassword {username})."
            )
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username, email=options["email"], password=password
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created admin account '{username}' with password: {password}\n"
                "This password is shown only now; keep it."
            )
        )
