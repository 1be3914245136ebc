"""A corpus of hostile files, made on the fly (nothing big is committed): each one is small
on the wire and expensive, dangerous or identifying once read. Used by the tests and by
`bench.uploads_bench`."""
import io
import struct
import zipfile
import zlib

from PIL import Image

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]>")
EXTERNAL_ENTITY = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


# -- OOXML packages ---------------------------------------------------------------------------
def _rels(*relationships):
    body = "".join(f'<Relationship Id="{rid}" Type="{R_NS}/{kind}" Target="{target}"/>'
                   for rid, kind, target in relationships)
    return f'<Relationships xmlns="{PKG_RELS}">{body}</Relationships>'


def docx(document=None, extra=()):
    """A DOCX (`document` is word/document.xml; `extra` more (name, bytes) parts)."""
    document = document or f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>หลักฐาน</w:t></w:r></w:p>' \
                           '</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types xmlns="{TYPES}"><Default Extension="xml" '
                         'ContentType="application/xml"/></Types>')
        archive.writestr("_rels/.rels", _rels(("rId1", "officeDocument", "word/document.xml")))
        archive.writestr("word/document.xml", document)
        for name, content in extra:
            archive.writestr(name, content)
    return out.getvalue()


def _xlsx_parts(sheet, extra=()):
    return [
        ("[Content_Types].xml", (
            f'<Types xmlns="{TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>').encode()),
        ("_rels/.rels", _rels(("rId1", "officeDocument", "xl/workbook.xml")).encode()),
        ("xl/workbook.xml", (f'<workbook xmlns="{S_NS}" xmlns:r="{R_NS}"><sheets><sheet name="Sheet1" '
                             'sheetId="1" r:id="rId1"/></sheets></workbook>').encode()),
        ("xl/_rels/workbook.xml.rels", _rels(("rId1", "worksheet", "worksheets/sheet1.xml")).encode()),
        ("xl/worksheets/sheet1.xml", sheet),
        *extra,
    ]


def xlsx(rows, prolog=""):
    """An XLSX whose first sheet holds `rows` (lists of text) as inline strings."""
    body = "".join(
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{cell}</t></is></c>' for cell in row) + "</row>"
        for row in rows)
    sheet = f'{prolog}<worksheet xmlns="{S_NS}"><sheetData>{body}</sheetData></worksheet>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _xlsx_parts(sheet):
            archive.writestr(name, content)
    return out.getvalue()


# A large part is written as one deflate block repeated (a full flush resets the compressor, so
# the same input gives the same bytes) and its CRC by zlib's crc32_combine: a 750 MB sheet costs
# milliseconds to make, and the archive is still valid.
def _gf2_times(matrix, vector):
    total = 0
    for row in matrix:
        if vector & 1:
            total ^= row
        vector >>= 1
        if not vector:
            break
    return total


def _gf2_square(matrix):
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1, crc2, length2):
    """The CRC-32 of A + B from crc(A), crc(B) and len(B), as zlib's crc32_combine."""
    operator = [0xEDB88320] + [1 << n for n in range(31)]  # appending one zero bit
    for _ in range(3):
        operator = _gf2_square(operator)  # one zero byte
    while length2:
        if length2 & 1:
            crc1 = _gf2_times(operator, crc1)
        length2 >>= 1
        operator = _gf2_square(operator)
    return crc1 ^ crc2


def _repeated(head, block, times, tail):
    """(deflate bytes, crc, size) of head + block * times + tail."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush()
    crc_block, crc_many, length = zlib.crc32(block), 0, 0
    power, count = (crc_block, len(block)), times
    many = None
    while count:  # crc of block * times by doubling
        if count & 1:
            many = power if many is None else (crc32_combine(many[0], power[0], power[1]), many[1] + power[1])
        power = (crc32_combine(power[0], power[0], power[1]), power[1] * 2)
        count >>= 1
    crc_many, length = many
    crc = crc32_combine(crc32_combine(zlib.crc32(head), crc_many, length), zlib.crc32(tail), len(tail))
    return start + middle * times + end, crc, len(head) + length + len(tail)


def _zip(entries):
    """A ZIP from (name, deflate bytes, crc, size) entries, written by hand."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size,
                              len(encoded), 0) + encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data),
                                  size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    directory = central.getvalue()
    out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                      len(directory), out.tell(), 0))
    return out.getvalue()


def _deflated(content):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content)


def huge_xlsx(rows=50_000, columns=1_000):
    """A valid XLSX of rows × columns numbers: about 750 MB of sheet XML in a few MB."""
    head = f'<worksheet xmlns="{S_NS}"><sheetData>'.encode()
    row = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    sheet = _repeated(head, row, rows, b"</sheetData></worksheet>")
    entries = [(name, *_deflated(content)) for name, content in _xlsx_parts(b"")]
    entries = [entry if entry[0] != "xl/worksheets/sheet1.xml" else ("xl/worksheets/sheet1.xml", *sheet)
               for entry in entries]
    return _zip(entries)


def zip_bomb_docx(size=1 << 30):
    """A DOCX whose document.xml inflates to `size` bytes of one character."""
    head = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    block = b"A" * (1 << 20)
    document = _repeated(head, block, size >> 20, b"</w:t></w:r></w:p></w:body></w:document>")
    return _zip([("[Content_Types].xml", *_deflated(f'<Types xmlns="{TYPES}"/>'.encode())),
                 ("word/document.xml", *document)])


def rsids_docx(count=60_000):
    """The review's 2 KB DOCX: 60,000 unclosed <w:rsids> took the old regular expression 60 s."""
    return docx(f'<w:document xmlns:w="{W_NS}">' + "<w:rsids>" * count + "</w:document>")


def billion_laughs_docx():
    return docx(BILLION_LAUGHS + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r>'
                '</w:p></w:body></w:document>')


def external_entity_docx():
    return docx(EXTERNAL_ENTITY + f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&secret;</w:t>'
                '</w:r></w:p></w:body></w:document>')


def billion_laughs_xlsx():
    return xlsx([["ชื่อ", "&lol9;"]], prolog=BILLION_LAUGHS)


def external_entity_xlsx():
    return xlsx([["ชื่อ", "&secret;"]], prolog=EXTERNAL_ENTITY)


# -- pictures ---------------------------------------------------------------------------------
def png_bomb(width=10_000, height=10_000):
    """A few KB of PNG that decodes to width × height pixels."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def gif_frames(frames=2_000, side=100):
    out = io.BytesIO()
    first = Image.new("L", (side, side))
    others = [Image.new("L", (side, side), n % 256) for n in range(1, frames)]
    first.save(out, "GIF", save_all=True, append_images=others, duration=10)
    return out.getvalue()


def tiff_bomb(width=60_000, height=60_000):
    """A TIFF header claiming width × height pixels (the strips are a few bytes)."""
    out = io.BytesIO()
    Image.new("1", (64, 64)).save(out, "TIFF")
    data = bytearray(out.getvalue())
    # Rewrite ImageWidth (256) and ImageLength (257) in the first IFD.
    offset = struct.unpack_from("<I", data, 4)[0]
    for n in range(struct.unpack_from("<H", data, offset)[0]):
        entry = offset + 2 + 12 * n
        tag, kind = struct.unpack_from("<HH", data, entry)
        if tag in (256, 257):
            value = width if tag == 256 else height
            struct.pack_into("<HHII", data, entry, tag, 4, 1, value)
    return bytes(data)


def animated_webp(frames=30, side=1_000):
    out = io.BytesIO()
    pictures = [Image.new("RGB", (side, side), (n * 4 % 256, 0, 0)) for n in range(frames)]
    pictures[0].save(out, "WEBP", save_all=True, append_images=pictures[1:], quality=1, method=0)
    return out.getvalue()


def avif(side=64):
    out = io.BytesIO()
    Image.new("RGB", (side, side), "red").save(out, "AVIF")
    return out.getvalue()


def fake_heic(width=100_000, height=100_000):
    """An ISO-BMFF 'heic' file (ftyp box) with nothing Pillow can decode."""
    return struct.pack(">I4s4sI", 24, b"ftyp", b"heic", 0) + b"mif1heic" + b"\x00" * 64


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML_AS_JPEG = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def pdf_zip_polyglot():
    """A PDF with a ZIP appended (readers open the PDF, unzip opens the archive)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as hidden:
        hidden.writestr("payload.html", HTML_AS_JPEG)
    return out.getvalue() + archive.getvalue()
