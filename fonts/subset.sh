#!/bin/sh
# subset.sh cuts the faces the PDF backend embeds out of Liberation Serif 2.1.5, as Debian's
# fonts-liberation2 package installs it, and writes them as BaocaoSerif-*.ttf beside this script
# (the files fonts.go embeds) or into OUT.
#
#   fonts/subset.sh [DIR [OUT]]    DIR holds the Liberation Serif files (default: Debian's folder)
#
# Needs pyftsubset from Debian's fonttools (4.38). Each face keeps only the characters listed in
# unicodes.txt (and the glyphs they need). Two changes follow the cut:
#  - every glyph gets its own horizontal metric: hhea.numberOfHMetrics = the number of glyphs.
#    pyftsubset shares the advance of trailing glyphs of equal width, and fpdf 0.12 then writes
#    into the font's bytes as it reads their widths (utf8fontfile.go, getMetrics), so that the
#    first PDF a process makes differs from the next and two renders at once race;
#  - the internal names say "Baocao Serif" instead of "Liberation Serif": the SIL Open Font
#    License reserves the name "Liberation" for the unmodified fonts, and a subset is a modified
#    version (see LICENSE-LiberationSerif.txt). The copyright and licence names are kept.
# The result does not depend on the date or the machine: running it again gives the same files.
set -eu

src=${1:-/usr/share/fonts/truetype/liberation2}
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${2:-$here}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sources must be Liberation Serif 2.1.5 exactly.
cat >"$tmp/sums" <<SUMS
29d12439831b7f59194efec85872f24f54eff05738933f9a860220d2abff88ba  $src/LiberationSerif-Regular.ttf
446a4421f297698427170fd7db20e59169a4188baaaf940e9bea58af6341a723  $src/LiberationSerif-Bold.ttf
c1830c433ab41379f1139fac388989d37c9f08c81e1bd643efdcc7946db30753  $src/LiberationSerif-Italic.ttf
SUMS
sha256sum --quiet -c "$tmp/sums"

for face in Regular Bold Italic; do
	pyftsubset "$src/LiberationSerif-$face.ttf" \
		--unicodes-file="$here/unicodes.txt" \
		--name-IDs='*' \
		--drop-tables+=GSUB,GPOS,GDEF,kern,FFTM \
		--output-file="$tmp/$face.ttf"
	/usr/bin/python3 - "$tmp/$face.ttf" "$out/BaocaoSerif-$face.ttf" <<'PY'
import struct
import sys

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.DefaultTable import DefaultTable

src, dst = sys.argv[1], sys.argv[2]
font = TTFont(src, recalcTimestamp=False, recalcBBoxes=False)

# One full (advance, left side bearing) entry per glyph, written raw so that fontTools does not
# fold the trailing equal advances again.
order = font.getGlyphOrder()
metrics = font["hmtx"].metrics
raw = DefaultTable("hmtx")
raw.data = b"".join(struct.pack(">Hh", metrics[g][0], metrics[g][1]) for g in order)
del font["hmtx"]
font["hmtx"] = raw
font["hhea"].numberOfHMetrics = len(order)

name = font["name"]
name.removeNames(nameID=7)  # the trademark notice of the unmodified fonts
for record in name.names:
    if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21):
        text = record.toUnicode()
        text = text.replace("Liberation Serif", "Baocao Serif").replace("LiberationSerif", "BaocaoSerif")
        record.string = text
    elif record.nameID == 10:
        record.string = ("Baocao Serif: Liberation Serif 2.1.5 cut to the characters of baocao's "
                         "documents (fonts/unicodes.txt), renamed as the SIL Open Font License asks.")
for record in name.names:
    if "Liberation" in record.toUnicode() and record.nameID not in (0, 10, 13, 14):
        sys.exit("subset.sh: name %d still says Liberation" % record.nameID)
font.save(dst)
PY
done
ls -l "$out"/BaocaoSerif-*.ttf
