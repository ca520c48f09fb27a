#!/usr/bin/env bash
# Makes src/main/resources/fonts/NotoSerifSC-Regular-GB2312.ttf, the font every proof PDF embeds:
# Noto Serif SC Regular (TrueType outlines, SIL OFL 1.1) cut down to GB 2312 (6,763 hanzi and 682
# symbols), ASCII and the CJK and full-width punctuation, so that the repository carries 3 MB
# instead of 15 MB.
#
# Needs: npm (the registry), and fontTools (apt-get install -y --no-install-recommends python3-fonttools).
# Run from the repository root: tools/make-font-subset.sh
set -euo pipefail

version=0.4.3
out=src/main/resources/fonts/NotoSerifSC-Regular-GB2312.ttf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@expo-google-fonts/noto-serif-sc@$version" >/dev/null && tar xzf ./*.tgz)
source_font="$work/package/400Regular/NotoSerifSC_400Regular.ttf"

/usr/bin/python3 - "$work/chars.txt" <<'PY'
import sys
chars = set()
for high in range(0xA1, 0xF8):          # every GB 2312 (EUC-CN) code
    for low in range(0xA1, 0xFF):
        try:
            chars.add(bytes([high, low]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
ranges = [(0x20, 0x7F), (0x3000, 0x3040), (0xFF01, 0xFF5F), (0xFFE0, 0xFFE7)]
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
