"""The staff roles, as groups: who may do what beyond Wagtail's page permissions."""

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
TRANSLATORS = "Traducteurs"


def is_moderator(user):
    """Moderators and administrators: they read personal data that editors never see."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()
