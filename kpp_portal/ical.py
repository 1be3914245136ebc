"""iCalendar (RFC 5545) feeds of meetings (committees, the council), written by hand: about forty
lines, where a library would add a dependency for one VEVENT shape. Times are written in UTC ("Z"), so no
VTIMEZONE block is needed and every phone calendar shows Bangkok time correctly."""

import datetime

from django.utils import timezone

PRODID = "-//Kamphaeng Phet Town Municipality//Transparency Portal//TH"
LINE_LIMIT = 75  # octets, CRLF excluded (RFC 5545 §3.1)


def escape_text(value):
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Split a content line into ≤75-octet pieces, never inside a UTF-8 character (Thai is 3 octets)."""
    pieces, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        # continuation lines start with a space, which counts toward their 75 octets
        limit = LINE_LIMIT if not pieces else LINE_LIMIT - 1
        if size + octets > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events, name, host):
    """events: iterable of dicts with uid_part, start, end (or None), updated, summary, location,
    description, url. Returns the whole calendar as a str with CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Bangkok",
    ]
    now = timezone.now()
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid_part']}@{host}",
            f"DTSTAMP:{utc_stamp(event['updated'] or now)}",
            f"DTSTART:{utc_stamp(event['start'])}",
        ]
        if event["end"]:
            lines.append(f"DTEND:{utc_stamp(event['end'])}")
        lines += [
            f"SUMMARY:{escape_text(event['summary'])}",
            f"LOCATION:{escape_text(event['location'])}",
            f"DESCRIPTION:{escape_text(event['description'])}",
            f"URL:{event['url']}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
