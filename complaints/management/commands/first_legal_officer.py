import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from complaints import accounts


class Command(BaseCommand):
    help = ("ตั้งเจ้าหน้าที่ฝ่ายนิติการคนแรกของการติดตั้งใหม่ (รันบนเซิร์ฟเวอร์ ใช้ได้เฉพาะเมื่อยังไม่มีเจ้าหน้าที่"
            "ฝ่ายนิติการ คนต่อไปต้องได้รับอนุมัติในระบบหลังบ้าน) บันทึกไว้ในบันทึกการเข้าถึง")

    def add_arguments(self, parser):
        parser.add_argument("username", help="บัญชีของเจ้าหน้าที่ (สร้างใหม่ถ้ายังไม่มี แล้วถามรหัสผ่าน)")
        parser.add_argument("--email", default="", help="อีเมลสำหรับบัญชีใหม่ (รับแจ้งเตือนการเปลี่ยนแปลงบัญชี)")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        operator = getpass.getuser()
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, email=email, is_staff=True)
                user.set_password(self._ask_password(user))
                user.save()
            elif not (user.is_active and user.is_staff):
                raise CommandError(f"{username} is not an active staff account")
            try:
                accounts.seat_first_legal_officer(user, operator)
            except PermissionDenied as refused:
                raise CommandError(str(refused)) from None
        self.stdout.write(f"{username} is the first legal officer (recorded in the audit log).")
        self.stdout.write(f"Next: log into /admin/ as {username} and enrol the phone at "
                          f"{reverse('admin:complaints_corruptionreport_enrol')}")

    def _ask_password(self, user):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
