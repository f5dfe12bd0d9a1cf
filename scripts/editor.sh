#!/usr/bin/env bash
# Copies the web editor for buyers (Decap CMS, pinned in editor/package.json)
# into a built site's admin/ folder, beside the page and configuration that
# tenders build wrote there. Usage: scripts/editor.sh PUBLIC_DIR
set -euo pipefail
out=${1:?usage: scripts/editor.sh PUBLIC_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$out/admin/config.yml" ]; then
	echo "scripts/editor.sh: $out/admin/config.yml is missing: build the site first, with repo in site.toml set to its GitHub address" >&2
	exit 2
fi
if [ ! -f "$here/editor/node_modules/decap-cms/dist/decap-cms.js" ]; then
	(cd "$here/editor" && npm ci --no-audit --no-fund >/dev/null)
fi
dist="$here/editor/node_modules/decap-cms/dist"
cp "$dist"/decap-cms.js "$dist"/*.decap-cms.js "$dist"/*.wasm "$dist"/decap-cms.js.LICENSE.txt "$out/admin/"
