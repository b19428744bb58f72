"""The desk's two roles: editors review and rule, chief editors also publish."""

from django.db import migrations

ROLES = ["Editor", "Chief editor"]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from claims.roles import roles_ensure

    # Permissions are normally created after migrate; the groups need them now.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    roles_ensure(apps=apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0002_desk_workflow"),
        ("sources", "0002_snapshots_links_pending_runs"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
