"""A small JPEG with camera EXIF (time and GPS), made with Pillow: for the demo data and the tests, so no
binary photo has to live in the repository."""

import io

from PIL import ExifTags, Image, ImageDraw


def _dms(value):
    value = abs(float(value))
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 4)
    return (degrees, minutes, seconds)


def sample_jpeg(*, width=640, height=480, taken_at="2027:03:14 09:30:05", latitude=None, longitude=None, text="", colour=(170, 120, 60)):
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 8, height // 3, width * 7 // 8, height * 7 // 8], outline=(255, 255, 255), width=max(2, width // 100))
    for n in range(1, 6):
        x = width // 8 + n * (width * 3 // 4) // 6
        draw.line([(x, height // 3), (x, height * 7 // 8)], fill=(240, 240, 240), width=max(1, width // 200))
    if text:
        draw.text((width // 16, height // 12), text, fill=(255, 255, 255))
    exif = Image.Exif()
    if taken_at:
        exif[ExifTags.Base.DateTime] = taken_at
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken_at
    if latitude is not None and longitude is not None:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "S" if float(latitude) < 0 else "N"
        gps[ExifTags.GPS.GPSLatitude] = _dms(latitude)
        gps[ExifTags.GPS.GPSLongitudeRef] = "W" if float(longitude) < 0 else "E"
        gps[ExifTags.GPS.GPSLongitude] = _dms(longitude)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()
