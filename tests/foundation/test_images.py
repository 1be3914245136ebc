"""The shared re-encoding rule (kpp_portal.images) on its own, apart from the apps that use it."""
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from kpp_portal.images import encode, flatten_on_white, open_upright

GPS = 0x8825
ORIENTATION = 0x0112


def phone_jpeg(size=(40, 20)):
    """A JPEG as phones write it: GPS, camera make, an orientation, an ICC profile, a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = 6  # display rotated 90° clockwise
    exif[GPS] = {1: "N", 2: (16.0, 28.0, 12.0), 3: "E", 4: (99.0, 31.0, 2.0)}
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(
        out, "JPEG", exif=exif, icc_profile=b"fake-icc-profile", comment=b"Somchai's phone"
    )
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_encode_leaves_no_metadata(fmt):
    data = encode(open_upright(phone_jpeg()), fmt)
    with Image.open(io.BytesIO(data)) as reencoded:
        assert not reencoded.getexif()
        assert GPS not in reencoded.getexif()
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"):
            assert key not in reencoded.info
    assert b"PhoneMaker" not in data and b"Somchai" not in data and b"fake-icc" not in data


def test_encode_refuses_metadata_options():
    with pytest.raises(TypeError):
        encode(Image.new("RGB", (4, 4)), "JPEG", exif=Image.Exif())


def test_orientation_applied_before_exif_is_dropped():
    image = open_upright(io.BytesIO(phone_jpeg(size=(40, 20))))
    assert image.size == (20, 40)
    with Image.open(io.BytesIO(encode(image, "JPEG"))) as reencoded:
        assert reencoded.size == (20, 40)


def test_decompression_bomb_refused_in_thai():
    out = io.BytesIO()
    Image.new("1", (11000, 10000)).save(out, "PNG")
    with pytest.raises(ValidationError) as refused:
        open_upright(out.getvalue())
    assert refused.value.code == "bomb"
    assert "พิกเซล" in refused.value.messages[0]


@pytest.mark.parametrize("data", [b"not a picture at all", b"\xff\xd8\xff\xe0 truncated jpeg", b""])
def test_garbage_refused(data):
    with pytest.raises(ValidationError) as refused:
        open_upright(data)
    assert refused.value.code == "malformed"
    assert "อ่านไม่ได้" in refused.value.messages[0]


def test_caller_may_name_its_own_unreadable_error():
    own = ValidationError("ของแอปเอง", code="malformed")
    with pytest.raises(ValidationError, match="ของแอปเอง"):
        open_upright(b"garbage", unreadable=own)


def test_png_alpha_kept_when_asked():
    source = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    source.putpixel((0, 0), (10, 20, 30, 255))
    with Image.open(io.BytesIO(encode(source, "PNG"))) as reencoded:
        assert reencoded.mode == "RGBA"
        assert reencoded.getpixel((1, 1))[3] == 0 and reencoded.getpixel((0, 0)) == (10, 20, 30, 255)


def test_flatten_on_white_for_jpeg():
    flat = flatten_on_white(Image.new("RGBA", (4, 4), (0, 0, 0, 0)))
    assert flat.mode == "RGB" and flat.getpixel((0, 0)) == (255, 255, 255)
    with Image.open(io.BytesIO(encode(Image.new("RGBA", (4, 4)), "JPEG"))) as reencoded:
        assert reencoded.mode == "RGB"
