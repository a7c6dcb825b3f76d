"""Uploads the server refuses whatever the phone did: too many bytes, too many pixels, decompression bombs,
files that are not photos (by their bytes, whatever their name), too many per visit; and EXIF kept."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from evidence.images import inspect
from evidence.samples import sample_jpeg
from evidence.services import check_count, inspect_upload


def upload(data, name="foto.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png_of(width, height):
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)  # one bit per pixel: a small file, a huge image
    return out.getvalue()


def test_a_camera_photo_is_accepted_with_its_exif_time_and_position():
    found = inspect(sample_jpeg(taken_at="2027:03:14 09:30:05", latitude=-8.2184, longitude=124.5539))
    assert (found.kind, found.mime_type, found.width, found.height) == ("photo", "image/jpeg", 640, 480)
    assert found.taken_at.isoformat() == "2027-03-14T09:30:05+07:00"
    assert (str(found.latitude), str(found.longitude)) == ("-8.218400", "124.553900")


def test_more_bytes_than_the_limit_are_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 10_000
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(sample_jpeg(width=1200, height=900)))
    assert error.value.code == "too_large" and "foto.jpg" in error.value.messages[0]


def test_more_pixels_than_the_limit_are_refused_before_decoding(settings):
    settings.EVIDENCE_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as error:
        inspect(png_of(2000, 1000))
    assert error.value.code == "too_many_pixels"


def test_a_decompression_bomb_is_refused():
    data = png_of(20_000, 20_000)  # 400 million pixels in a few dozen kilobytes
    assert len(data) < 100_000
    with pytest.raises(ValidationError) as error:
        inspect(data)
    assert error.value.code in ("bomb", "too_many_pixels")


def test_a_bomb_under_pillow_limit_but_over_ours_is_refused_as_well(settings):
    settings.EVIDENCE_MAX_PIXELS = 50_000_000
    with pytest.raises(ValidationError):
        inspect(png_of(12_000, 12_000))  # 144 million: over Pillow's warning threshold


@pytest.mark.parametrize("data, name", [
    (b"%PDF-1.7\n...", "surat.pdf"),
    (b"MZ\x90\x00 not a photo", "foto.jpg"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "animasi.gif"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "gambar.jpg"),
    (sample_jpeg()[:400], "terpotong.jpg"),
])
def test_files_that_are_not_accepted_photos_are_refused(data, name):
    with pytest.raises(ValidationError) as error:
        inspect_upload(upload(data, name))
    assert error.value.code == "wrong_type"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        inspect_upload(upload(b""))


def test_documents_only_where_allowed():
    assert inspect(b"%PDF-1.7\n", allow_documents=True).mime_type == "application/pdf"


def test_at_most_five_per_visit(settings):
    check_count(5)
    with pytest.raises(ValidationError):
        check_count(6)
