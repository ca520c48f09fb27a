#!/usr/bin/env bash
# Makes src/main/resources/fonts/NotoSerifSC-Regular-GB18030.ttf, the font every proof PDF and letter embeds:
# Noto Serif SC Regular (TrueType outlines, SIL OFL 1.1) cut down to the characters of GB 18030 in the Basic
# Multilingual Plane that people's and companies' names are written in: every CJK unified ideograph
# (U+4E00-U+9FFF) and extension A (U+3400-U+4DBF) — 27,584 hanzi, GB 2312's 6,763 among them — every GBK
# (GB 18030 two-byte) character, ASCII and the CJK and full-width punctuation. Names with a character of
# extension B or later (e.g. 𠮷) are not covered: the source font has almost none of them.
#
# Needs: npm (the registry), and fontTools (apt-get install -y --no-install-recommends python3-fonttools).
# Run from the repository root: tools/make-font-subset.sh
set -euo pipefail

version=0.4.3
out=src/main/resources/fonts/NotoSerifSC-Regular-GB18030.ttf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@expo-google-fonts/noto-serif-sc@$version" >/dev/null && tar xzf ./*.tgz)
source_font="$work/package/400Regular/NotoSerifSC_400Regular.ttf"

/usr/bin/python3 - "$work/chars.txt" <<'PY'
import sys
chars = set()
for high in range(0x81, 0xFF):          # every GBK / GB 18030 two-byte code, GB 2312 (EUC-CN) among them
    for low in range(0x40, 0xFF):
        try:
            c = bytes([high, low]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(c) == 1:
            chars.add(c)
ranges = [(0x20, 0x7F), (0x3000, 0x3040), (0xFF01, 0xFF5F), (0xFFE0, 0xFFE7), (0x3400, 0x4DC0), (0x4E00, 0xA000)]
chars.update(chr(c) for start, end in ranges for c in range(start, end))
# spellings of dashes, quotes and dots that GB 2312 maps differently from what people type
chars.update("\u00a0\u00b7\u2010\u2011\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u2027\u2022"
             "\u203b\u2103\u2116\u00b0\u00b1\u00d7\u00f7\u25cf\u25cb\u25a0\u25a1\u2605\u2606")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
PY

# PDFBox uses neither OpenType layout nor vertical metrics nor hinting: dropping them saves space
/usr/bin/python3 -m fontTools.subset "$source_font" --text-file="$work/chars.txt" \
    --layout-features= --drop-tables+=vhea,vmtx,BASE,STAT,GDEF,GPOS,GSUB \
    --no-hinting --notdef-outline --name-IDs='*' --name-languages='*' --output-file="$out"
# FontBox ignores the format 14 cmap (variation sequences) with a warning on every load: leave it out
/usr/bin/python3 - "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1], recalcTimestamp=False)
font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 14]
font.save(sys.argv[1])
PY
cp "$work/package/LICENSE_FONT" src/main/resources/fonts/OFL.txt
sha256sum "$source_font" "$out"
