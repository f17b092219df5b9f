"""The menus and footer snippet moves from `home` to the shell: the table and its rows
stay (renamed), and so does its content type, so that permissions, translations and
references keep pointing at it."""

import django.db.models.deletion
import uuid
import wagtail.fields
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="nec_cms", model="navigation").exists():
        ContentType.objects.filter(app_label="home", model="navigation").update(app_label="nec_cms")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="nec_cms", model="navigation").update(app_label="home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0003_translators_group'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Navigation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('main_menu', wagtail.fields.StreamField([('item', 2)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'La page vers laquelle mène l’entrée de menu.', 'label': 'Page'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Facultatif : par défaut, le titre de la page (et sa traduction).', 'label': 'Libellé', 'max_length': 60, 'required': False}), 2: ('wagtail.blocks.StructBlock', [[('page', 0), ('label', 1)]], {})}, help_text='Les entrées du menu en haut de chaque page, dans l’ordre d’affichage.', verbose_name='menu principal')),
                        ('footer_links', wagtail.fields.StreamField([('item', 2)], blank=True, block_lookup={0: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'La page vers laquelle mène l’entrée de menu.', 'label': 'Page'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'Facultatif : par défaut, le titre de la page (et sa traduction).', 'label': 'Libellé', 'max_length': 60, 'required': False}), 2: ('wagtail.blocks.StructBlock', [[('page', 0), ('label', 1)]], {})}, help_text='Les liens du pied de page : mentions légales, accessibilité, plan du site…', verbose_name='liens du pied de page')),
                        ('footer_text', models.TextField(blank=True, help_text='Une ou deux phrases sur qui porte le site, affichées en bas de page.', verbose_name='texte du pied de page')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': 'menus et pied de page',
                        'verbose_name_plural': 'menus et pieds de page',
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                        'db_table': 'home_navigation',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='navigation', table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
