"""PDFs in Arabic script embed Noto Sans Arabic (vendored, read from disk) and run right to left."""

import io

import pytest
from pypdf import PdfReader

from quartierwerk.core import pdf
from quartierwerk.core.legal_pages import record_pdf
from tests.core.test_legal_pages import city_party  # noqa: F401 (a fixture)


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1].replace("-", ""))
    return names


def test_the_font_files_are_vendored():
    for name in pdf.FONT_FILES.values():
        assert (pdf.FONT_DIR / name).stat().st_size > 10_000
    assert (pdf.FONT_DIR / "LICENSE").exists()


def test_an_arabic_pdf_embeds_noto_sans_arabic(quarter, city_party):  # noqa: F811
    names = font_names(record_pdf(quarter, city_party.pk, language="ar"))
    assert any(name.startswith("NotoSansArabic") for name in names), names


def test_a_german_pdf_does_not_need_it(quarter, city_party):  # noqa: F811
    names = font_names(record_pdf(quarter, city_party.pk, language="de"))
    assert names and not any(name.startswith("NotoSansArabic") for name in names), names


@pytest.mark.parametrize(
    "code, font, rtl",
    [("ar", True, True), ("fa", True, True), ("ckb", True, True), ("he", False, True), ("uk", False, False)],
)
def test_language_css(code, font, rtl):
    css = pdf.language_css(code)
    assert ("Noto Sans Arabic" in css) is font
    assert ("direction: rtl" in css) is rtl
    assert "http" not in css  # nothing fetched at run time
