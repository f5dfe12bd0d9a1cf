#!/usr/bin/env bash
# Copies the web editor for buyers (Decap CMS, pinned in editor/package.json)
# and the TOML parser its reader of briefs uses (smol-toml, into toml/) into
# a built site's admin/ folder, beside the page, configuration and scripts
# that tenders build wrote there. Usage: scripts/editor.sh PUBLIC_DIR
set -euo pipefail
out=${1:?usage: scripts/editor.sh PUBLIC_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$out/admin/config.yml" ]; then
	echo "scripts/editor.sh: $out/admin/config.yml is missing: build the site first, with repo in site.toml set to its GitHub address" >&2
	exit 2
fi
modules="$here/editor/node_modules"
if [ ! -f "$modules/decap-cms/dist/decap-cms.js" ] || [ ! -f "$modules/smol-toml/dist/index.js" ]; then
	(cd "$here/editor" && npm ci --no-audit --no-fund >/dev/null)
fi
dist="$modules/decap-cms/dist"
cp "$dist"/decap-cms.js "$dist"/*.decap-cms.js "$dist"/*.wasm "$dist"/decap-cms.js.LICENSE.txt "$out/admin/"
mkdir -p "$out/admin/toml"
cp "$modules"/smol-toml/dist/*.js "$modules"/smol-toml/LICENSE "$out/admin/toml/"
