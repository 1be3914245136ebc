"""Office Open XML packages (DOCX, XLSX, PPTX) cleaned part by part with a real XML parser.

lxml (libxml2) reads every XML part without fetching anything (no network, no DTD, no entity
expansion, libxml2's limits on depth and text size); a part with a DOCTYPE is refused, as the
format never has one. What is kept is an allow-list: the parts a reader needs, each embedded
package cleaned the same way in turn. Stripping drops the document properties, thumbnails,
customXml, printer settings, revision ids and the names of the people who edited or commented;
pictures are re-encoded by the caller's `reencode`. Whatever is chosen, nothing that acts when
the file is opened is kept: macros are refused, external templates and mail merges removed.
"""
import io
import posixpath
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
MAIN_FOLDERS = ("word/", "xl/", "ppt/")
PACKAGE_KINDS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
# Empty property parts replace the sender's (creator, last editor, company, template, times).
NEUTRAL_PROPERTIES = {
    "docProps/core.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties '
        b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>'),
    "docProps/app.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'),
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>'),
}
# Attributes (by local name) that name a person: tracked changes, comments, people.xml.
IDENTITY_ATTRIBUTES = {"author", "initials", "userId", "providerId"}
# Elements that identify the computer or the author (revision ids, document variables).
METADATA_ELEMENTS = {"rsids", "docVars"}
# Elements Word acts on when the file is opened: a template, a mail-merge data source.
ACTIVE_ELEMENTS = {"attachedTemplate", "mailMerge"}
# Binary parts kept under the main folder; anything else binary (printer settings with the
# printer's name, OLE objects that cannot be cleaned) is dropped when stripping.
KEPT_BINARY_FOLDERS = ("media/", "fonts/")
MAX_DEPTH = 2  # a package inside a package inside the file; deeper is refused


def malformed():
    return ValidationError(_("ไฟล์เสียหายหรืออ่านไม่ได้ โปรดตรวจสอบไฟล์แล้วลองใหม่"), code="malformed")


def macro_error():
    return ValidationError(_("ไฟล์ Word นี้มีมาโคร ระบบไม่รับไฟล์ที่มีมาโคร "
                             "โปรดบันทึกเป็นไฟล์ .docx ธรรมดาแล้วส่งใหม่"), code="macro")


def parse(content):
    """The root element of an XML part, or the Thai malformed error (DOCTYPE included)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise malformed() from None
    if root.getroottree().docinfo.doctype:
        raise malformed()  # entity tricks (billion laughs, external entities) start here
    return root


def check_no_doctype(archive):
    """Refuse a package with a DOCTYPE in any XML part, before another library (openpyxl)
    reads it: read up to each part's first element only, so a large sheet costs nothing."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as part:
            events = etree.iterparse(part, events=("start",), resolve_entities=False, no_network=True,
                                     load_dtd=False, huge_tree=False)
            try:
                for _event, element in events:
                    if element.getroottree().docinfo.doctype:
                        raise malformed()
                    break
            except etree.XMLSyntaxError:
                raise malformed() from None


def _local(name):
    return etree.QName(name).localname if isinstance(name, str) else ""


def _serialise(root):
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _is_macro(name):
    lower = name.lower()
    if posixpath.basename(lower).startswith("vba") and lower.endswith((".bin", ".xml")):
        return True
    return lower.endswith(".bin") and "vbaproject" in lower


def _relationship_target(rels_name, relationship):
    """The part a relationship points to, as a path inside the package (None if external)."""
    target = relationship.get("Target")
    if target is None or relationship.get("TargetMode") == "External":
        return None
    if target.startswith("/"):
        return target.lstrip("/")
    source_folder = posixpath.dirname(posixpath.dirname(rels_name))  # word/_rels/x.rels -> word
    return posixpath.normpath(posixpath.join(source_folder, target))


def _clean_rels(name, root, dropped):
    settings_rels = posixpath.basename(name) == "settings.xml.rels"
    for relationship in list(root):
        kind = relationship.get("Type", "")
        if kind.endswith(("/vbaProject", "/wordVbaData")):
            raise macro_error()
        external = relationship.get("TargetMode") == "External"
        if (settings_rels and external) or _relationship_target(name, relationship) in dropped:
            root.remove(relationship)


def _clean_xml(root, strip):
    for element in list(root.iter()):
        local = _local(element.tag)
        if local in ACTIVE_ELEMENTS or (strip and local in METADATA_ELEMENTS):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        if not strip:
            continue
        for attribute in list(element.attrib):
            attribute_name = _local(attribute)
            if attribute_name in IDENTITY_ATTRIBUTES or attribute_name.startswith("rsid") or (
                    local == "person" and attribute_name == "displayName"):
                del element.attrib[attribute]
        if local == "author" and len(element) == 0:  # SpreadsheetML names comment authors in text
            element.text = ""


def _kind(archive_names):
    return next((kind for part, kind in PACKAGE_KINDS.items() if part in archive_names), None)


def _dropped(names, strip):
    """The parts left out of the cleaned package."""
    if not strip:
        return set()
    dropped = set()
    for name in names:
        if name in NEUTRAL_PROPERTIES or name in ("[Content_Types].xml", "_rels/.rels"):
            continue
        main = next((folder for folder in MAIN_FOLDERS if name.startswith(folder)), None)
        if main is None:
            dropped.add(name)  # docProps/thumbnail.jpeg, customXml/, anything unknown
            continue
        inner = name[len(main):]
        if name.endswith((".xml", ".rels", ".vml")) or inner.startswith(KEPT_BINARY_FOLDERS):
            continue
        if not inner.startswith("embeddings/"):
            dropped.add(name)
    return dropped


def clean_package(data, strip, reencode, max_unpacked, depth=0):
    """The package `data` cleaned: active content removed (macros refused) and, with `strip`,
    what identifies its author. `reencode(bytes)` re-encodes one picture; embedded packages are
    cleaned in turn, other embedded objects dropped when stripping."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            infos = source.infolist()
            if sum(info.file_size for info in infos) > max_unpacked or len(infos) > 5000:
                raise malformed()  # a zip bomb
            names = [info.filename for info in infos]
            if any(_is_macro(name) for name in names):
                raise macro_error()
            dropped = _dropped(names, strip)
            cleaned = {}
            for name in names:
                if name in dropped:
                    continue
                content = source.read(name)
                cleaned[name] = _clean_part(name, content, strip, reencode, max_unpacked, depth)
            for name in [n for n, content in cleaned.items() if content is None]:
                dropped.add(name)
                del cleaned[name]
            for name in list(cleaned):
                if name.endswith(".rels"):
                    root = parse(cleaned[name])
                    _clean_rels(name, root, dropped)
                    cleaned[name] = _serialise(root)
            if "[Content_Types].xml" in cleaned:
                root = parse(cleaned["[Content_Types].xml"])
                for override in list(root):
                    if override.get("PartName", "").lstrip("/") in dropped:
                        root.remove(override)
                cleaned["[Content_Types].xml"] = _serialise(root)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, content in cleaned.items():
                # A fixed timestamp: ZIP entry dates tell when (and where, by time zone) it was saved.
                target.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content,
                                compress_type=zipfile.ZIP_DEFLATED)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, NotImplementedError):
        raise malformed() from None
    return out.getvalue()


def _clean_part(name, content, strip, reencode, max_unpacked, depth):
    """A part's new bytes, or None to drop it."""
    if strip and name in NEUTRAL_PROPERTIES:
        return NEUTRAL_PROPERTIES[name]
    if name.endswith(".rels"):
        return content  # cleaned once every dropped part is known
    if name.endswith(".xml"):
        root = parse(content)
        _clean_xml(root, strip)
        return _serialise(root)
    inner = name.split("/", 1)[-1]
    if inner.startswith("embeddings/"):
        if zipfile.is_zipfile(io.BytesIO(content)):
            if depth >= MAX_DEPTH:
                raise malformed()
            with zipfile.ZipFile(io.BytesIO(content)) as embedded:
                if _kind(set(embedded.namelist())) is None:
                    return None if strip else content
            return clean_package(content, strip, reencode, max_unpacked, depth + 1)
        return None if strip else content  # OLE objects and the like cannot be cleaned
    if strip and inner.startswith("media/"):
        return reencode(content)
    return content
