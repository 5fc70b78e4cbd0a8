#!/usr/bin/env bash
# Makes the subset fonts in apps/server/fonts/ that the server's PDFs use for Arabic and Chinese
# (ADR 0029). Run by hand when the Chinese translations gain characters the subset lacks (the
# test apps/server/src/pdf/fonts.test.ts says which); nothing runs it at build or run time.
# Needs Debian's fonts-noto-core, fonts-noto-cjk and python3-fonttools (apt-get install them).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=apps/server/fonts
python=/usr/bin/python3
core=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Chinese: the 3,755 characters of GB 2312 level 1 (the common ones, decoded from their GB 2312
# codes) and every Han character of Bulwark's Chinese translations (server and web catalogues).
OUT="$work/zh.txt" node -e '
const fs = require("node:fs");
const decoder = new TextDecoder("gb18030");
let text = "";
for (let hi = 0xb0; hi <= 0xd7; hi++)
  for (let lo = 0xa1; lo <= 0xfe; lo++) {
    if (hi === 0xd7 && lo > 0xf9) continue;
    text += decoder.decode(Uint8Array.of(hi, lo));
  }
for (const file of process.argv.slice(1)) text += fs.readFileSync(file, "utf8");
const han = new Set([...text].filter((c) => /\p{Script=Han}/u.test(c)));
fs.writeFileSync(process.env.OUT, [...han].sort().join(""));
' apps/server/src/i18n/zh*.ts apps/web/src/i18n/zh*.ts

for weight in Regular Bold; do
  # Noto Sans CJK SC is font 2 of Debian's collection; CJK punctuation and full-width forms kept.
  "$python" -m fontTools.subset "$cjk/NotoSansCJK-$weight.ttc" --font-number=2 \
    --text-file="$work/zh.txt" \
    --unicodes="U+3000-303F,U+FF00-FFEF,U+2014,U+2026,U+2018-201D,U+00B7" \
    --layout-features='*' --name-IDs='*' --no-hinting --flavor=woff2 \
    --output-file="$out/NotoSansSC-$weight-subset.woff2"
  # Arabic letters, presentation forms and joiners; Latin and digits come from DejaVu Sans.
  "$python" -m fontTools.subset "$core/NotoSansArabic-$weight.ttf" \
    --unicodes="U+0020,U+00A0,U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F" \
    --layout-features='*' --name-IDs='*' --no-hinting \
    --output-file="$out/NotoSansArabic-$weight-subset.ttf"
done
ls -l "$out"
