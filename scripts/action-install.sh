#!/usr/bin/env bash
# The install steps of the composite action (action.yml): where the wirepin
# CLI comes from, and installing it. The action's checkout (GITHUB_ACTION_PATH)
# holds no built code; what runs is wirepin's packed release, installed with
# its runtime dependencies only (no development tree, no build), into a
# directory that actions/cache keeps between runs, keyed on the version.
#
#   scripts/action-install.sh locate    writes to $GITHUB_OUTPUT:
#       version  the version of this checkout (its package.json)
#       package  what to install: the input package, else this version's release
#                tarball, https://github.com/<repository>/releases/download/v<version>/wirepin-<version>.tgz
#       dir      the install directory ('' when the checkout is a built
#                development tree, as in wirepin's own CI: it runs as it is)
#       key      the cache key: the OS, the version and what is installed
#       cli      the bin/wirepin.js the run step runs
#   scripts/action-install.sh install   installs `package` into `dir` (skipped
#       when `dir` already holds this version), then checks the version.
#
# Environment: INPUT_PACKAGE, INPUT_WIREPIN_REPOSITORY (the action inputs
# package and wirepin-repository), GITHUB_ACTION_PATH, GITHUB_ACTION_REPOSITORY,
# GITHUB_SERVER_URL, RUNNER_TEMP, RUNNER_OS, GITHUB_OUTPUT.
# Exit 0 done, 2 wirepin could not be installed (the action's "could not run").
set -uo pipefail

# die MESSAGE: a workflow error command, then exit 2 (the action could not run wirepin).
# shellcheck source=scripts/action-die.sh
source "$(dirname "${BASH_SOURCE[0]}")/action-die.sh"

[[ -n ${GITHUB_ACTION_PATH:-} ]] || die 'GITHUB_ACTION_PATH is not set: it must name the wirepin action checkout.'
checkout=$GITHUB_ACTION_PATH
[[ -f $checkout/package.json ]] || die "$checkout/package.json does not exist: GITHUB_ACTION_PATH must name a wirepin checkout."
version=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$checkout/package.json") ||
  die "Cannot read the version from $checkout/package.json."
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || die "$checkout/package.json has version \"$version\", which is not a semantic version."

package=${INPUT_PACKAGE:-}
repository=${INPUT_WIREPIN_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-}}
[[ -n $repository ]] || repository=wirepin/wirepin
[[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "Input wirepin-repository \"$repository\" is not owner/name."
# npm would read a value starting with "-" as an option.
[[ $package != -* ]] || die "Input package \"$package\" starts with \"-\"; give a tarball path (./$package) or URL."
if [[ -z $package ]]; then
  package=${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download/v$version/wirepin-$version.tgz
fi

# A built development checkout (npm ci ran in it, as in wirepin's own CI with
# `uses: ./`) runs as it is, unless a package is named explicitly.
if [[ -z ${INPUT_PACKAGE:-} && -f $checkout/dist/bundle/wirepin.js && -d $checkout/node_modules ]]; then
  dir=''
  cli=$checkout/bin/wirepin.js
else
  # The key names what is installed, so a different package never reuses a cache.
  digest=$(printf '%s' "$package" | node -e 'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>{process.stdout.write(require("crypto").createHash("sha256").update(s).digest("hex").slice(0,16))})')
  dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/wirepin-cli/$version
  cli=$dir/node_modules/wirepin/bin/wirepin.js
  key=wirepin-cli-${RUNNER_OS:-$(uname -s)}-$version-$digest
fi

case ${1:-} in
  locate)
    if [[ -n ${GITHUB_OUTPUT:-} ]]; then
      printf 'version=%s\npackage=%s\ndir=%s\nkey=%s\ncli=%s\n' "$version" "$package" "$dir" "${key:-}" "$cli" >>"$GITHUB_OUTPUT"
    fi
    ;;
  install)
    [[ -n $dir ]] || { echo "wirepin runs from the built checkout $checkout"; exit 0; }
    installed=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$dir/node_modules/wirepin/package.json" 2>/dev/null || true)
    if [[ $installed == "$version" && -f $cli ]]; then
      echo "wirepin $version is already installed in $dir"
    else
      mkdir -p "$dir" || die "Cannot create $dir."
      [[ -f $dir/package.json ]] || printf '{ "private": true }\n' >"$dir/package.json"
      # Runtime dependencies only; Pact and TypeScript are optional peers the guards do not need.
      npm install --prefix "$dir" --omit=dev --omit=peer --no-audit --no-fund --no-save --loglevel=error "$package" ||
        die "npm could not install $package. Check that the release exists, or name a tarball with the input package."
    fi
    actual=$(node "$cli" --version) || die "The installed wirepin does not run: $cli --version failed."
    [[ $actual == "$version" ]] ||
      die "The package $package is wirepin $actual, but this action's checkout is $version: pin both to the same version."
    echo "wirepin $actual installed in $dir"
    ;;
  *)
    die 'Usage: scripts/action-install.sh locate|install'
    ;;
esac
