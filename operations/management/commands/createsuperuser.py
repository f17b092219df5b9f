"""`createsuperuser`, whose --noinput mode checks DJANGO_SUPERUSER_PASSWORD with the password
validators as its interactive mode does (Django's skips them there)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not options["interactive"] and password:
            User = get_user_model()
            username = options.get(User.USERNAME_FIELD) or os.environ.get(
                "DJANGO_SUPERUSER_" + User.USERNAME_FIELD.upper()
            )
            try:
                validate_password(password, User(**{User.USERNAME_FIELD: username or ""}))
            except ValidationError as error:
                raise CommandError(
                    "DJANGO_SUPERUSER_PASSWORD est refusé : " + " ".join(error.messages)
                ) from error
        return super().handle(*args, **options)
