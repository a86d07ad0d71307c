"""The pure image stage: metadata gone, orientation applied, widths, sizes, same bytes every time."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from site_gen.images.encode import MAX_OUTPUT_BYTES, MAX_WIDTH, Encoded, encode
from tests.images.pictures import gif, phone_jpeg, png_with_text, webp_with_metadata

# Every key Pillow uses for metadata it reads back: EXIF (GPS, camera), ICC, XMP, PNG text chunks.
METADATA = ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "Author", "Comment", "dpi", "transparency")


def _opened(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


@pytest.fixture(scope="module")
def photo() -> Encoded:
    return encode(phone_jpeg())


@pytest.mark.parametrize("source", [phone_jpeg, png_with_text, webp_with_metadata])
def test_every_piece_of_metadata_is_stripped(source) -> None:
    content = source()
    assert any(key in _opened(content).info for key in ("exif", "icc_profile"))  # the input has it
    encoded = encode(content)
    assert encoded.refusal == "" and encoded.versions
    for version in encoded.versions:
        image = _opened(version.content)
        assert [key for key in METADATA if key in image.info] == []
        assert dict(image.getexif()) == {}
        assert getattr(image, "text", {}) == {}
        for marker in (b"Exif", b"PhoneMaker", b"xmpmeta", b"ICC_PROFILE", b"iCCP", b"tEXt", b"iTXt"):
            assert marker not in version.content


def test_widths_never_pass_1600_and_keep_the_shape(photo: Encoded) -> None:
    assert [(v.width, v.height) for v in photo.versions] == [(480, 320), (800, 533), (1200, 800), (1600, 1067)]
    assert all(v.suffix == ".jpg" for v in photo.versions)
    assert all(_opened(v.content).size == (v.width, v.height) for v in photo.versions)


def test_a_small_image_is_never_enlarged() -> None:
    assert [v.width for v in encode(png_with_text(900, 600)).versions] == [480, 800, 900]
    assert [v.width for v in encode(png_with_text(300, 200)).versions] == [300]


def test_each_version_is_under_200_kb(photo: Encoded) -> None:
    large = encode(phone_jpeg(5000, 3500))
    assert max(len(v.content) for v in (*photo.versions, *large.versions)) <= MAX_OUTPUT_BYTES
    assert large.versions[-1].width == MAX_WIDTH


def test_a_photo_stored_on_its_side_is_published_upright() -> None:
    encoded = encode(phone_jpeg(600, 400, orientation=6))  # 6: the camera was turned a quarter
    assert [(v.width, v.height) for v in encoded.versions] == [(400, 600)]


def test_the_same_bytes_give_the_same_bytes(photo: Encoded) -> None:
    assert encode(phone_jpeg()) == photo
    assert encode(webp_with_metadata()) == encode(webp_with_metadata())


def test_a_refusal_keeps_no_versions() -> None:
    assert encode(gif()) == Encoded((), "the file is a GIF image; the guide takes JPEG, PNG or WebP",
                                    "convert it to JPEG, PNG or WebP")
