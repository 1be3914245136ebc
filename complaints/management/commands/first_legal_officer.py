import getpass
import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from complaints import accounts, recipients, session
from complaints.models import PersonKey
from complaints.roles import LEGAL_AFFAIRS
from kpp_portal import roles


class Command(BaseCommand):
    help = ("ตั้งเจ้าหน้าที่ฝ่ายนิติการคนแรกของการติดตั้งใหม่ (รันบนเซิร์ฟเวอร์ ใช้ได้เฉพาะเมื่อยังไม่มีเจ้าหน้าที่"
            "ฝ่ายนิติการ คนต่อไปต้องได้รับอนุมัติในระบบหลังบ้าน) บันทึกไว้ในบันทึกการเข้าถึง และตรึงกุญแจของท่าน"
            "เป็นรากของการรับรองกุญแจ (COMPLAINT_KEY_ROOTS) นอกฐานข้อมูล")
    stealth_options = ("password",)

    def add_arguments(self, parser):
        parser.add_argument("username", help="บัญชีของเจ้าหน้าที่ (สร้างใหม่ถ้ายังไม่มี) ผู้นั้นพิมพ์รหัสผ่านของตนเอง")
        parser.add_argument("--email", default="", help="อีเมลสำหรับบัญชีใหม่ (รับแจ้งเตือนการเปลี่ยนแปลงบัญชี)")

    def handle(self, *args, username, email, password=None, **options):
        """`password` is for tests; on a server the officer types it (their own password: the key
        it wraps becomes the root every other reader's key is endorsed back to)."""
        User = get_user_model()
        operator = getpass.getuser()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=email, is_staff=True)
                password = password or self._ask_password(user)
                user.set_password(password)
                user.save()
            elif not (user.is_active and user.is_staff):
                raise CommandError(f"{username} is not an active staff account")
            if not self._only_member(user):  # else seated by a supervisor's approval: pin only
                try:
                    accounts.seat_first_legal_officer(user, operator)
                except PermissionDenied as refused:
                    raise CommandError(str(refused)) from None
            password = password or getpass.getpass(f"{username}'s own password: ")
            if not user.check_password(password):
                raise CommandError("wrong password")
            if session.unlock(user, password) is None:
                recipients.new_own_key(user, password)
            else:  # an officer's key from before endorsements, opened by the password they typed here
                PersonKey.objects.filter(user=user).update(own_password=True, reset_by_other=False)
        root = recipients.root_of(PersonKey.objects.get(user=user))
        self._pin(root)
        self.stdout.write(f"{username} is the first legal officer (recorded in the audit log).")
        self.stdout.write(f"Next: log into /admin/ as {username} and enrol the phone at "
                          f"{reverse('admin:complaints_corruptionreport_enrol')}")

    def _only_member(self, user):
        """Already a legal officer while no root is pinned: seated by a supervisor's approval of the
        first officer, or an installation from before endorsements. Then this pins only."""
        return roles.in_group(user, LEGAL_AFFAIRS) and not settings.COMPLAINT_KEY_ROOTS

    def _pin(self, root):
        """The root goes outside the database: into COMPLAINT_KEY_ROOTS_FILE when it names a file,
        otherwise printed for the operator to set COMPLAINT_KEY_ROOTS."""
        settings.COMPLAINT_KEY_ROOTS = [*settings.COMPLAINT_KEY_ROOTS, root]
        path = os.environ.get("COMPLAINT_KEY_ROOTS_FILE")
        if path:
            target = Path(path)
            old = target.read_text(encoding="utf-8").strip() if target.exists() else ""
            target.write_text(",".join(part for part in (old, root) if part) + "\n", encoding="utf-8")
            self.stdout.write(f"Key root pinned in {target}: {root}")
        else:
            self.stdout.write("Set this in the server's secrets, then restart the portal:")
            self.stdout.write(f"COMPLAINT_KEY_ROOTS={root}")

    def _ask_password(self, user):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
