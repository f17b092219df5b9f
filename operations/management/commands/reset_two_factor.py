"""Forget a person's second factor (a lost or changed phone, no recovery code left): their
authenticator app and recovery codes are deleted, and they enrol again at their next visit
to the admin (docs/operations.md, « Double authentification »)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from operations import twofactor


class Command(BaseCommand):
    help = (
        "Supprime l’application d’authentification et les codes de secours d’un compte : "
        "la personne activera de nouveau la double authentification."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="le nom d’utilisateur du compte")

    def handle(self, *args, **options):
        User = get_user_model()
        username = options["username"]
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as error:
            raise CommandError(f"Aucun compte « {username} ».") from error
        deleted = twofactor.reset(user)
        if not deleted:
            self.stdout.write(f"Le compte « {username} » n’avait pas de double authentification.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Double authentification de « {username} » réinitialisée : à sa prochaine "
                "visite de l’administration, la personne l’activera de nouveau"
                + (" (obligatoire pour son rôle)." if twofactor.is_required(user) else ".")
            )
        )
