import logging

from django.apps import apps

from .discovery import private_paths


class DropComplaintRequests(logging.Filter):
    """Drop log records about requests to the private paths (the corruption-report channel).

    A request line, with its path and timing, can be matched to a proxy log or a camera to
    identify a whistleblower; the portal keeps none of them (kpp_portal.discovery.private_paths),
    under the public paths or the admin's (/admin/complaints/), nor any record whose text names
    such a path (a Referer in a CSRF refusal, a `next=` in a redirect).
    """

    def filter(self, record):
        if not apps.ready:  # before the apps are ready no request has been served
            return True
        # "/complaints/" also matches "/admin/complaints/…" and "?next=/admin/complaints/…".
        stems = tuple(path.rstrip("/") for path in private_paths())
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") or ""
        if not path:
            # django.server passes the raw request line ("GET /path HTTP/1.1") as the first argument.
            args = record.args if isinstance(record.args, tuple) else ()
            path = str(args[0]) if args else ""
        if any(stem in path for stem in stems):
            return False
        try:
            text = record.getMessage()
        except Exception:  # a broken record is the handler's to report, not ours to drop
            return True
        return not any(stem in text for stem in stems)
