#!/usr/bin/env bash
# Prepares the hunspell dictionaries that `suzgec-dict` embeds, from Debian's
# packages `hunspell-tr` (tr_TR) and `hunspell-en-us` (en_US).
#
# Usage (from anywhere; needs root or the packages already installed):
#   bash data/hunspell/prepare.sh            # installs the packages if missing
#   HUNSPELL_DIR=/some/dir bash data/hunspell/prepare.sh   # other source folder
#
# Idempotent: it always starts again from the package's files and writes the
# same output for the same package versions (see README.md for the versions
# and checksums of the prepared files).
#
# What it changes, and why:
#   * tr_TR: the affix flag `0` (FLAG num) becomes `6465`, in the .aff (the
#     flag column of `SFX 0 ...` lines) and in every flag list of the .dic.
#     Hunspell's numeric flags start at 1; `spellbook`, the pure-Rust
#     hunspell reader, rejects flag 0 when it parses the file. 6465 is the
#     first number the file does not use (its flags are 0..=6464).
#   * en_US: copied unchanged.
#   * The licence texts go beside them: tr_TR.LICENSE (the tr_TR part of
#     Debian's copyright file and the MPL-2.0 text), en_US.LICENSE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="${HUNSPELL_DIR:-/usr/share/hunspell}"

if [[ ! -f "$src/tr_TR.dic" || ! -f "$src/en_US.dic" ]]; then
    if [[ -z "${HUNSPELL_DIR:-}" ]]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-tr hunspell-en-us
    else
        echo "prepare.sh: no tr_TR.dic / en_US.dic in $src" >&2
        exit 1
    fi
fi

# The flag 6465 must be free before renaming 0 to it.
if grep -qE '^(SFX|PFX) 6465 ' "$src/tr_TR.aff"; then
    echo "prepare.sh: flag 6465 already used in $src/tr_TR.aff; pick another" >&2
    exit 1
fi

# .aff: only the flag column (field 2) of affix lines whose flag is 0.
sed -E 's/^(SFX|PFX) 0 /\1 6465 /' "$src/tr_TR.aff" > "$here/tr_TR.aff.tmp"
# .dic: the first line is the word count; a word's flags follow the last '/'
# as a comma-separated list. Turkish words contain no '/', so split on it.
awk 'NR == 1 { print; next }
     {
       i = index($0, "/")
       if (i == 0) { print; next }
       word = substr($0, 1, i - 1)
       n = split(substr($0, i + 1), f, ",")
       out = ""
       for (j = 1; j <= n; j++) {
         if (f[j] == "0") f[j] = "6465"
         out = out (j > 1 ? "," : "") f[j]
       }
       print word "/" out
     }' "$src/tr_TR.dic" > "$here/tr_TR.dic.tmp"
mv "$here/tr_TR.aff.tmp" "$here/tr_TR.aff"
mv "$here/tr_TR.dic.tmp" "$here/tr_TR.dic"

cp "$src/en_US.aff" "$here/en_US.aff"
cp "$src/en_US.dic" "$here/en_US.dic"

# Licences. tr_TR: Debian's copyright file covers every LibreOffice
# dictionary (3,700 lines); keep its header, the tr_TR stanza and the full
# MPL-2.0 text. en_US: Debian's copyright file of hunspell-en-us as it is.
tr_copyright=/usr/share/doc/hunspell-tr/copyright
{
    echo "Licence of tr_TR.aff and tr_TR.dic (from Debian's hunspell-tr, $tr_copyright)."
    echo
    awk '/^Files: /{exit} {print}' "$tr_copyright"
    awk '/^Files: dictionaries\/tr_TR\//{p=1} p && /^$/{exit} p{print}' "$tr_copyright"
    echo
    echo "Full text of the MPL-2.0 (/usr/share/common-licenses/MPL-2.0):"
    echo
    cat /usr/share/common-licenses/MPL-2.0
} > "$here/tr_TR.LICENSE"
cp /usr/share/doc/hunspell-en-us/copyright "$here/en_US.LICENSE"

if command -v dpkg-query > /dev/null; then
    dpkg-query -W -f='${Package} ${Version}\n' hunspell-tr hunspell-en-us 2> /dev/null || true
fi
sha256sum "$here"/tr_TR.aff "$here"/tr_TR.dic "$here"/en_US.aff "$here"/en_US.dic
