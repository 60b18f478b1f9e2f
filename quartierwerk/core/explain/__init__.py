"""Explanations for everybody (BITV 2.0 § 4): pages in Leichte Sprache and the office's video in German Sign
Language (DGS), with captions, shown before a video exists as a page that says one will come."""
