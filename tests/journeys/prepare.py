"""Set up the journeys' production database: `python -m tests.journeys.prepare STEP`.

create-database / drop-database: a throwaway PostgreSQL database (DATABASE_URL);
setup: migrations, the seed content as production loads it (no example resources), static
files, and one account per role with the password NEC_JOURNEY_PASSWORD; the roles that
require a second factor (Modérateurs) have an authenticator app with the key
NEC_JOURNEY_TOTP_KEY.
"""

import os
import sys

import django


def server_and_name():
    base, name = os.environ["DATABASE_URL"].rsplit("/", 1)
    return f"{base}/postgres", name


def drop_database(create=False):
    """Drop the database if it exists; with `create`, create it empty again."""
    import psycopg

    server, name = server_and_name()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def create_database():
    drop_database(create=True)


def setup():
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from operations.twofactor import is_required
    from tests.journeys.site import ROLES

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_nec_content", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    User = get_user_model()
    for username, (first_name, group) in ROLES.items():
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.org",
            first_name=first_name,
            password=os.environ["NEC_JOURNEY_PASSWORD"],
        )
        user.groups.add(Group.objects.get(name=group))
        if is_required(user):
            TOTPDevice.objects.create(
                user=user,
                name="Téléphone",
                key=os.environ["NEC_JOURNEY_TOTP_KEY"],
                confirmed=True,
            )


if __name__ == "__main__":
    {"create-database": create_database, "drop-database": drop_database, "setup": setup}[
        sys.argv[1]
    ]()
