"""Small but real MP4, WebM and WebVTT files for the sign-language tests (no encoder needed)."""

import struct

from django.core.files.uploadedfile import SimpleUploadedFile


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(seconds: float = 95.5, padding: int = 4000, moov_last: bool = False) -> bytes:
    """An MP4 whose movie header says how long it is; the moov box at the start or, as cameras write it, last."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    mvhd = _box(b"mvhd", bytes(4) + struct.pack(">IIII", 0, 0, 1000, int(seconds * 1000)) + bytes(80))
    moov, mdat = _box(b"moov", mvhd), _box(b"mdat", bytes(padding))
    return ftyp + (mdat + moov if moov_last else moov + mdat)


def _ebml(element: bytes, payload: bytes) -> bytes:
    return element + bytes([0x80 | len(payload)]) + payload


def webm(seconds: float | None = 61.25) -> bytes:
    """A WebM with its segment info (Duration in milliseconds), or without a Duration as live recordings."""
    header = _ebml(b"\x1a\x45\xdf\xa3", _ebml(b"\x42\x82", b"webm") + _ebml(b"\x42\x87", b"\x04"))
    info = _ebml(b"\x2a\xd7\xb1", struct.pack(">I", 1_000_000)[1:])
    if seconds is not None:
        info += _ebml(b"\x44\x89", struct.pack(">d", seconds * 1000))
    segment = b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + _ebml(b"\x15\x49\xa9\x66", info)
    return header + segment + bytes(2000)


VTT = "WEBVTT\n\n00:00.000 --> 00:04.000\nWillkommen beim Quartiersmanagement.\n"


def upload(
    name: str, data: bytes | str, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    if isinstance(data, str):
        data = data.encode()
    return SimpleUploadedFile(name, data, content_type=content_type)
