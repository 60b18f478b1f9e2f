"""A city's look: accent colour refused without contrast, logos made safe, the theme on pages (and in the page
cache), in PDFs."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from quartierwerk.core import pdf, theme
from quartierwerk.core.models import QuarterPicture

pytestmark = pytest.mark.django_db

HOSTILE_SVG = (
    b'<?xml version="1.0"?><!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40" '
    b'onload="alert(1)"><script>alert(2)</script><style>rect{fill:url(http://evil.example/x)}</style>'
    b'<rect width="80" height="40" fill="#1a4a7a" onclick="alert(3)" style="fill:url(http://evil.example/y)"/>'
    b'<image href="http://evil.example/z.png"/><use xlink:href="http://evil.example/a#b"/>'
    b'<foreignObject><iframe src="http://evil.example"></iframe></foreignObject>'
    b'<a href="javascript:alert(4)"><text x="4" y="24" fill="url(http://evil.example/f)">LE</text></a></svg>'
)


@pytest.mark.parametrize("colour", ["#ffcc00", "#7f7f7f", "#ffffff", "#3b82f6"])
def test_an_accent_white_text_cannot_be_read_on_is_refused(city, colour):
    city.accent_colour = colour
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "accent_colour" in error.value.message_dict


@pytest.mark.parametrize("colour", ["#1a4a7a", "#8a1c2b", "#000000", "#595959"])
def test_an_accent_with_contrast_is_accepted(city, colour):
    city.accent_colour = colour
    city.full_clean()


def test_an_accent_that_is_no_colour_is_refused(city):
    city.accent_colour = "blue"
    with pytest.raises(ValidationError):
        city.full_clean()


def test_contrast_follows_wcag():
    assert round(theme.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(theme.contrast("#767676", "#ffffff"), 2) == 4.54


def test_an_svg_logo_keeps_its_drawing_and_loses_everything_that_runs_or_loads():
    clean = theme.sanitise_svg(HOSTILE_SVG).decode()
    assert (
        clean.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<rect" in clean and ">LE<" in clean
    )
    lowered = clean.lower()
    for bad in (
        "script",
        "onload",
        "onclick",
        "style",
        "evil",
        "href",
        "image",
        "foreignobject",
        "iframe",
        "url(",
    ):
        assert bad not in lowered, bad


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (26, 74, 122, 255)).save(out, format="PNG")
    return out.getvalue()


def test_a_png_logo_is_judged_by_its_content_and_re_encoded():
    body, content_type = theme.clean_logo(SimpleUploadedFile("logo.png", _png()))
    assert content_type == "image/png" and body.startswith(b"\x89PNG")
    with pytest.raises(ValidationError):
        theme.clean_logo(SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script></html>"))
    jpeg = io.BytesIO()
    Image.new("RGB", (10, 10)).save(jpeg, format="JPEG")
    with pytest.raises(ValidationError):
        theme.clean_logo(SimpleUploadedFile("logo.png", jpeg.getvalue()))


def test_an_uploaded_svg_is_stored_sanitised(city, client, login_as, user_with_role):
    admin_client = login_as(user_with_role("admin"))
    url = reverse("admin:core_city_change", args=[city.pk])
    data = {"name": city.name, "slug": city.slug, "languages": ["de"], "accent_colour": "#1a4a7a"}
    data["logo_upload"] = SimpleUploadedFile("logo.svg", HOSTILE_SVG, content_type="image/svg+xml")
    assert admin_client.post(url, data).status_code == 302
    city.refresh_from_db()
    assert city.logo_type == "image/svg+xml" and b"script" not in bytes(city.logo)
    refused = {**data, "accent_colour": "#ffcc00"}
    refused.pop("logo_upload")
    response = admin_client.post(url, refused)
    ratio = f"{theme.contrast('#ffcc00', '#ffffff'):.1f}:1"  # white on yellow: 1.5:1
    assert response.status_code == 200 and ratio in response.content.decode()


def test_the_quarter_page_shows_its_citys_look_and_funders(client, city, quarter):
    city.accent_colour = "#8a1c2b"
    city.logo, city.logo_type = theme.sanitise_svg(HOSTILE_SVG), "image/svg+xml"
    city.save()
    quarter.funders = ["staedtebaufoerderung", "nonsense"]
    quarter.save()
    html = client.get(reverse("core:quarter", args=[quarter.slug])).content.decode()
    assert reverse("core:theme_css", args=[quarter.slug]) + "?v=8a1c2b" in html
    assert reverse("core:city_logo", args=[city.slug]) in html and city.name in html
    assert "img/funders/staedtebaufoerderung" in html and "nonsense" not in html
    css = client.get(reverse("core:theme_css", args=[quarter.slug]))
    assert css["Content-Type"].startswith("text/css") and "--qw-accent:#8a1c2b" in css.content.decode()
    logo = client.get(reverse("core:city_logo", args=[city.slug]))
    assert logo["Content-Type"] == "image/svg+xml" and "sandbox" in logo["Content-Security-Policy"]


def test_a_pages_without_a_quarter_and_a_city_without_a_theme_look_standard(client, quarter):
    html = client.get(reverse("core:home")).content.decode()
    assert "theme/" not in html and "funders" not in html
    assert client.get(reverse("core:theme_css", args=[quarter.slug])).content == b""
    assert client.get(reverse("core:city_logo", args=[quarter.city.slug])).status_code == 404


def test_a_new_theme_is_on_the_next_anonymous_page_from_the_cache(client, city, quarter):
    url = reverse("core:quarter", args=[quarter.slug])
    city.accent_colour = "#1a4a7a"
    city.save()
    client.get(url)
    assert "?v=1a4a7a" in client.get(url).content.decode()  # served from the page cache
    city.accent_colour = "#8a1c2b"
    city.save()
    assert "?v=8a1c2b" in client.get(url).content.decode()
    quarter.accent_colour = "#000000"
    quarter.save()
    assert "?v=000000" in client.get(url).content.decode()
    other = client.get(reverse("core:theme_css", args=[quarter.slug])).content.decode()
    assert "#000000" in other


def test_a_pdf_of_the_quarter_carries_the_city_and_the_funders(city, quarter):
    city.accent_colour = "#1a4a7a"
    city.logo, city.logo_type = theme.sanitise_svg(HOSTILE_SVG), "image/svg+xml"
    city.save()
    quarter.funders = ["eu"]
    quarter.save()
    look = theme.pdf_look(quarter)
    assert look["logo"].startswith("data:image/svg+xml;base64,") and look["funder_marks"][0][
        "url"
    ].startswith("file:")
    text = pdf.pdf_text("fund/pdf/base.html", {"quarter": quarter})
    assert city.name in text and ("Funded by" in text or "Gefördert" in text)
    with pytest.raises(ValueError):
        theme.pdf_url_fetcher().fetch("http://evil.example/x.png")


def test_a_mail_about_a_quarter_is_signed_with_the_quarter_and_its_city(quarter, tmp_path, settings):
    from quartierwerk.core.mail import queue_templated_mail

    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "hello_subject.txt").write_text("Hallo")
    (template_dir / "hello_body.txt").write_text("Guten Tag.\n")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir]}]
    mail = queue_templated_mail("a@test.example", "hello", {"quarter": quarter}, language="de")
    assert mail.body == f"Guten Tag.\n\n-- \n{quarter.name} · {quarter.city.name}\n"
    assert queue_templated_mail("a@test.example", "hello", {}, language="de").body == "Guten Tag.\n"


def _jpeg_with_gps() -> bytes:
    image, out = Image.new("RGB", (40, 20), "#5f9b55"), io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 19.0, 0.0)}  # GPSInfo: where the photo was taken
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_quarter_picture_is_stored_clean_with_its_alt_text(quarter):
    from quartierwerk.core.admin import QuarterPictureForm

    form = QuarterPictureForm(
        {"alt": "Der Stadtteilladen von außen.", "credit": "Foto: Büro"},
        {"upload": SimpleUploadedFile("laden.jpg", _jpeg_with_gps())},
        instance=QuarterPicture(quarter=quarter),
    )
    assert form.is_valid(), form.errors
    picture = form.save()
    assert picture.content_type == "image/jpeg" and b"GPS" not in bytes(picture.image)
    svg = QuarterPictureForm(
        {"alt": "Zeichnung"}, {"upload": SimpleUploadedFile("bild.svg", HOSTILE_SVG)}, instance=picture
    )
    assert svg.is_valid() and b"script" not in bytes(svg.save().image)
    # Without alt text, or showing people without their recorded consent, the picture is refused.
    assert "alt" in QuarterPictureForm({"alt": ""}, instance=picture).errors
    people = QuarterPictureForm({"alt": "Das Team beim Hoffest.", "shows_people": "on"}, instance=picture)
    assert "consent" in people.errors
    with_consent = {
        "alt": "Das Team beim Hoffest.",
        "shows_people": "on",
        "consent": "Schriftlich, 3.5.2026, Ordner QM",
    }
    assert QuarterPictureForm(with_consent, instance=picture).is_valid()
    assert not QuarterPictureForm({"alt": "x"}, {}, instance=QuarterPicture(quarter=quarter)).is_valid()


def test_the_quarter_page_leads_with_its_picture(client, quarter):
    url = reverse("core:quarter", args=[quarter.slug])
    assert "quarter-picture" not in client.get(url).content.decode()
    assert client.get(reverse("core:quarter_picture", args=[quarter.slug])).status_code == 404
    QuarterPicture.objects.create(
        quarter=quarter, image=theme.sanitise_svg(HOSTILE_SVG), content_type="image/svg+xml", alt="Häuser am Hang.",
        credit="Zeichnung: Büro",
    )  # fmt: skip
    html = client.get(url).content.decode()  # the cached page is renewed
    assert 'alt="Häuser am Hang."' in html and "Zeichnung: Büro" in html
    assert reverse("core:quarter_picture", args=[quarter.slug]) in html
    image = client.get(reverse("core:quarter_picture", args=[quarter.slug]))
    assert image["Content-Type"] == "image/svg+xml" and "sandbox" in image["Content-Security-Policy"]


def test_the_demo_quarters_have_drawn_pictures_not_photos():
    from quartierwerk.core import demo_pictures

    for slug in demo_pictures.ALT:
        drawing = demo_pictures.illustration(slug, "#1a4a7a")
        assert drawing.startswith("<svg") and "<image" not in drawing
        assert theme.sanitise_svg(drawing.encode()).count(b"<rect") == drawing.count("<rect")
        assert demo_pictures.illustration(slug, "#1a4a7a") == drawing  # the same on every run
