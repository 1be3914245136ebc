import logging

from django.apps import apps

from .discovery import is_private, private_paths


class DropComplaintRequests(logging.Filter):
    """Drop log records about requests to the private paths (the corruption-report channel).

    A request line, with its path and timing, can be matched to a proxy log or a camera to
    identify a whistleblower; the portal keeps none of them (kpp_portal.discovery.private_paths).
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") or ""
        if path:
            return not is_private(path)
        # django.server passes the raw request line ("GET /path HTTP/1.1") as the first argument.
        args = record.args if isinstance(record.args, tuple) else ()
        line = str(args[0]) if args else ""
        if not line or not apps.ready:  # before the apps are ready no request has been served
            return True
        return not any(prefix in line for prefix in private_paths())
