from .models import MunicipalityProfile


def load(stdout):
    profile = MunicipalityProfile.current()
    stdout.write(f"ข้อมูลหน่วยงาน: {profile.name_th}")
