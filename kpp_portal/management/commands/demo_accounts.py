
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from kpp_portal import roles
from kpp_portal.discovery import app_modules, demo_accounts
from kpp_portal.models import StaffProfile

# Demo logins for a newcomer's laptop. Refused unless DEBUG is on, so they never reach production.
# Logins for the groups only one app knows come from that app (discovery.demo_accounts), with the
# StaffProfile each signs with.
DEMO_ACCOUNTS = (
    ("admin", None, None),
    ("editor", roles.CONTENT_EDITORS, None),
    ("procurement", roles.PROCUREMENT_OFFICERS, None),
    ("general", roles.GENERAL_AFFAIRS, None),
)
DEMO_PASSWORD = "demo-kpp-2569"


class Command(BaseCommand):
    help = "สร้างบัญชีทดลองสำหรับเครื่องนักพัฒนา (ใช้ได้เฉพาะเมื่อ DEBUG=true)"

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo accounts are for development only (DEBUG=true)")
        User = get_user_model()
        # An app may seat a login in its own groups its own way (demo.py's `join`): the groups
        # that read corruption reports are joined by two people, as in production.
        joiners = [module.join for _app, module in app_modules("demo") if hasattr(module, "join")]
        for username, group_name, profile in (*DEMO_ACCOUNTS, *demo_accounts()):
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.is_superuser = group_name is None
                user.set_password(DEMO_PASSWORD)
                user.save()
            self.stdout.write(f"  {username} / {DEMO_PASSWORD}  ({group_name or 'superuser'})")
            if group_name and not any(join(user, group_name, DEMO_PASSWORD, self.stdout) for join in joiners):
                user.groups.add(Group.objects.get(name=group_name))
            if profile:
                full_name, position = profile
                StaffProfile.objects.get_or_create(user=user,
                                                   defaults={"full_name": full_name, "position": position})
        # Staff of groups an app's demo content creates (an E-Service unit's officers).
        for _app, module in app_modules("demo"):
            for username, group_name in getattr(module, "ACCOUNTS", ()):
                group = Group.objects.filter(name=group_name).first()
                if group is None:
                    self.stdout.write(f"  {username}: skipped, run load_demo first ({group_name})")
                    continue
                user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
                if created:
                    user.set_password(DEMO_PASSWORD)
                    user.save()
                user.groups.add(group)
                self.stdout.write(f"  {username} / {DEMO_PASSWORD}  ({group_name})")
        self.stdout.write("Log into /admin/ with one of the accounts above.")
