from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from kpp_portal import roles
from kpp_portal.discovery import app_modules
from kpp_portal.models import StaffProfile

# Demo logins for a newcomer's laptop. Refused unless DEBUG is on, so they never reach production.
DEMO_ACCOUNTS = (
    ("admin", None),
    ("editor", roles.CONTENT_EDITORS),
    ("procurement", roles.PROCUREMENT_OFFICERS),
    ("general", roles.GENERAL_AFFAIRS),
    ("legal", roles.LEGAL_AFFAIRS),
    ("supervisor", roles.SUPERVISORS),
)
DEMO_PASSWORD = "demo-kpp-2569"
# Who signs the supervisor memo, and to whom it is addressed (kpp_portal.models.StaffProfile).
DEMO_PROFILES = {
    "legal": ("นางสาวตัวอย่าง ใจซื่อ", "นิติกรชำนาญการ (ตัวอย่าง)"),
    "supervisor": ("นายตัวอย่าง รักษ์ธรรม", "ปลัดเทศบาล (ตัวอย่าง)"),
}


class Command(BaseCommand):
    help = "สร้างบัญชีทดลองสำหรับเครื่องนักพัฒนา (ใช้ได้เฉพาะเมื่อ DEBUG=true)"

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo accounts are for development only (DEBUG=true)")
        User = get_user_model()
        for username, group_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if created:
                user.is_superuser = group_name is None
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name in roles.COMPLAINT_GROUPS:
                self._join_with_approval(user, group_name)
                self._complaint_keys(user)
            elif group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"  {username} / {DEMO_PASSWORD}  ({group_name or 'superuser'})")
            if group_name in (roles.LEGAL_AFFAIRS, roles.SUPERVISORS):
                self._second_factor(user)
            if username in DEMO_PROFILES:
                full_name, position = DEMO_PROFILES[username]
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

    def _join_with_approval(self, user, group_name):
        """The path production takes: the first legal officer as the server command seats them,
        the supervisor asked for by admin and approved by that officer."""
        from complaints import accounts

        if roles.in_group(user, group_name):
            return
        officer = roles.members(roles.LEGAL_AFFAIRS).exclude(pk=user.pk).first()
        if group_name == roles.LEGAL_AFFAIRS and officer is None:
            accounts.seat_first_legal_officer(user, "demo_accounts")
            return
        admin = get_user_model().objects.get(username="admin")
        asked = accounts.request_membership(user, group_name, requested_by=admin)
        accounts.approve_membership(officer, asked)

    def _complaint_keys(self, user):
        """As each person would: their key under their own password (the demo types it for them);
        the legal officer's is the root (pinned in settings.DEV_KEY_ROOTS_FILE, outside the
        database, as `first_legal_officer` pins it in production) and endorses the supervisor's.
        Also the recovery key, its private half in a file printed here."""
        from complaints import keys, recipients, session
        from complaints.models import PersonKey

        person = PersonKey.objects.filter(user=user, own_password=True).first()
        private = session.unlock(user, DEMO_PASSWORD) if person else None
        private = private or recipients.new_own_key(user, DEMO_PASSWORD)
        person = PersonKey.objects.get(user=user)
        if roles.in_group(user, roles.LEGAL_AFFAIRS):
            root = recipients.root_of(person)
            pin = Path(settings.PRIVATE_MEDIA_ROOT) / settings.DEV_KEY_ROOTS_FILE.name
            if root not in settings.COMPLAINT_KEY_ROOTS:
                settings.COMPLAINT_KEY_ROOTS = [root]
                pin.parent.mkdir(parents=True, exist_ok=True)
                pin.write_text(root + "\n", encoding="utf-8")
            self.stdout.write(f"    complaint key root pinned in {pin}")
            self._recovery_key()
            return
        officer = recipients.legal_keys().exclude(user=user).first()
        if officer is not None:
            opened = session.unlock(officer.user, DEMO_PASSWORD)
            ring = keys.Keyring(user_id=officer.user_id, _private=opened)
            recipients.endorse(person, ring=ring)

    def _recovery_key(self):
        from django.core.management import call_command

        from complaints.models import RecoveryKey

        path = Path(settings.PRIVATE_MEDIA_ROOT) / "dev-recovery-key.txt"
        if not RecoveryKey.objects.filter(is_current=True).exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8") as out:
                call_command("complaint_recovery_key", stdout=out)
        self.stdout.write(f"    complaint recovery key (its private half, demo only): {path}")

    def _second_factor(self, user):
        """Complaint pages need TOTP for legal and supervisor: give the demo accounts a device."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="demo", defaults={"confirmed": True}
        )
        self.stdout.write(
            f"    TOTP: add this to an authenticator app (demo only; real accounts enrol their own, once):\n"
            f"    {device.config_url}\n"
            f"    or print the current code: DEBUG=true python manage.py shell -c "
            f'"from django_otp.plugins.otp_totp.models import TOTPDevice as D; '
            f"from django_otp.oath import totp; d=D.objects.get(pk={device.pk}); "
            f"print(f'{{totp(d.bin_key):06d}}')\""
        )
