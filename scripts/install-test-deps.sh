#!/usr/bin/env bash
# Installs what the tests of samvirke need on a fresh Debian machine, as
# root: Chromium (browser gates), a Java runtime (the Nu Html Checker),
# nginx (the search issue), fonts (for a layout that is the same on every
# machine), Node and the npm packages of package-lock.json (axe-core, vnu-jar,
# typescript for `make typecheck`).
#
# It is idempotent: apt-get runs only when a program is missing, and npm ci
# installs exactly the locked versions. It uses no network other than
# Debian's and npm's registries. npm runs with --ignore-scripts, because
# vnu-jar's postinstall script would download a Java runtime from GitHub
# when none is installed; the Java of Debian is used instead.
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }

# java_ok reports whether a Java 17 or later is on PATH; vnu.jar needs it.
java_ok() {
	have java || return 1
	local major
	major=$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n1)
	[[ -n "$major" ]] && (( major >= 17 ))
}

missing=()
if [[ -z "${CHROMIUM:-}" ]] && ! have chromium && ! have chromium-browser; then
	missing+=(chromium)
fi
if ! java_ok; then
	missing+=(default-jre-headless)
fi
if ! have nginx && [[ ! -x /usr/sbin/nginx ]]; then
	missing+=(nginx-light)
fi
if ! have npm; then
	missing+=(npm)
fi
for font in fonts-liberation fonts-dejavu-core; do
	if ! dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$font")
	fi
done

if (( ${#missing[@]} > 0 )); then
	echo "install-test-deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends "${missing[@]}"
else
	echo "install-test-deps: chromium, java, nginx, npm and fonts are installed"
fi

npm ci --ignore-scripts --no-audit --no-fund
