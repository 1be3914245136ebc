import logging


class DropComplaintRequests(logging.Filter):
    """Drop log records about requests to the corruption-report channel.

    A request line, with its path and timing, can be matched to a proxy log or a camera to
    identify a whistleblower; the portal keeps none of them for /complaints/ or
    /admin/complaints/, nor any record whose text names such a path (a Referer in a CSRF
    refusal, a `next=` in a redirect).
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") or ""
        if not path:
            # django.server passes the raw request line as the first argument.
            args = record.args if isinstance(record.args, tuple) else ()
            path = str(args[0]) if args else ""
        if "/complaints" in path:
            return False
        try:
            return "/complaints" not in record.getMessage()
        except Exception:  # a broken record is the handler's to report, not ours to drop
            return True
