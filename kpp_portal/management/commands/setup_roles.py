from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kpp_portal.discovery import app_modules


def collect_permissions():
    """{group name: {"app.codename", …}} from every portal app's roles.py."""
    wanted = {}
    for _app, module in app_modules("roles"):
        for group, perms in getattr(module, "PERMISSIONS", {}).items():
            wanted.setdefault(group, set()).update(perms)
    return wanted


class Command(BaseCommand):
    help = "สร้างกลุ่มเจ้าหน้าที่และกำหนดสิทธิ์ตามบทบาท (รันซ้ำได้)"

    @transaction.atomic
    def handle(self, *args, **options):
        for group_name, perms in collect_permissions().items():
            group, _ = Group.objects.get_or_create(name=group_name)
            objects = []
            for perm in sorted(perms):
                app_label, codename = perm.split(".")
                try:
                    objects.append(
                        Permission.objects.get(content_type__app_label=app_label, codename=codename)
                    )
                except Permission.DoesNotExist:
                    raise CommandError(f"unknown permission {perm} (run migrate first?)") from None
            group.permissions.set(objects)
            self.stdout.write(f"{group_name}: {len(objects)} permissions")
