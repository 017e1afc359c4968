#!/usr/bin/env bash
# Installs the pinned npm packages of package-lock.json (dicomweb-client, the DICOMweb
# library OHIF uses, and xhr2, an XMLHttpRequest for node) and client.js into the folder
# given (the test passes target/dicomweb-client). npm runs only when the lock file changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=$1
mkdir -p "$dest"
cp "$here/client.js" "$dest/"
if cmp -s "$here/package-lock.json" "$dest/package-lock.json" && [ -d "$dest/node_modules/dicomweb-client" ]; then
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
