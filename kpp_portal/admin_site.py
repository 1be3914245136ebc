"""The portal's admin site: Django's, with a landing page per role.

A role that has its own desk (the legal-affairs queue, complaints/desk.py) registers a
function in `home_pages`; the admin index sends its members there instead of showing them an
app list they cannot use yet (the queue needs the second factor first).
"""
from django.contrib import admin
from django.shortcuts import redirect


class PortalAdminSite(admin.AdminSite):
    def __init__(self, name="admin"):
        super().__init__(name)
        self.home_pages = []  # functions: request -> URL of the person's desk, or None

    def index(self, request, extra_context=None):
        for home_page in self.home_pages:
            url = home_page(request)
            if url:
                return redirect(url)
        return super().index(request, extra_context)
