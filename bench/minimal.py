"""The no-middleware ceiling: a minimal Django app (settings and URLs in this module, no
middleware, no apps, no database, no template) that bench.http serves in its own gunicorn.

What it answers is Django's request cycle alone on this machine; a portal page compared with
it shows what the portal adds (middleware, sessions, queries, templates), whereas the portal's
own /bench/bare already carries the whole middleware stack.

    gunicorn bench.minimal:application   (DJANGO_SETTINGS_MODULE=bench.minimal)
"""
import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-minimal-key-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_I18N = False


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare)]

os.environ["DJANGO_SETTINGS_MODULE"] = __name__
application = get_wsgi_application()
