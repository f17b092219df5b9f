"""Create the first admin account once. Password from NEC_ADMIN_PASSWORD, else generated,
printed once and kept in .admin-password (ignored by git) for the newcomer to find again."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Crée le compte d’administration s’il n’existe pas encore."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("NEC_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--email", default=os.environ.get("NEC_ADMIN_EMAIL", "admin@example.invalid")
        )

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Le compte « {username} » existe déjà : rien à faire.")
            return
        password = os.environ.get("NEC_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        else:
            # The validators the admin applies to any password change (settings).
            try:
                validate_password(password, User(username=username, email=options["email"]))
            except ValidationError as error:
                raise CommandError(
                    "NEC_ADMIN_PASSWORD est refusé : " + " ".join(error.messages)
                ) from error
        User.objects.create_superuser(username=username, email=options["email"], password=password)
        self.stdout.write(self.style.SUCCESS(f"Compte d’administration « {username} » créé."))
        if generated:
            path = Path(settings.BASE_DIR) / ".admin-password"
            path.write_text(f"{username}\n{password}\n", encoding="utf-8")
            path.chmod(0o600)
            self.stdout.write(
                f"Mot de passe généré : {password}\n(il est aussi enregistré dans {path.name}, "
                "qui n’est jamais versionné)"
            )
