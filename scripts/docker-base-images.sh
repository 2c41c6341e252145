#!/usr/bin/env bash
# Builds the two local base images that stand in for the official .NET images on a machine that
# cannot reach a container registry:
#   testbed/sdk:10.0     Debian 12 minbase + this machine's full .NET SDK   (the build stage)
#   testbed/aspnet:10.0  Debian 12 minbase + the dotnet host and the two shared frameworks
#                        Microsoft.NETCore.App and Microsoft.AspNetCore.App   (the runtime stage)
# The Dockerfile's defaults stay mcr.microsoft.com/dotnet/{sdk,aspnet}:10.0; pass these with
#   --build-arg SDK_IMAGE=testbed/sdk:10.0 --build-arg RUNTIME_IMAGE=testbed/aspnet:10.0
# (docker-compose: SDK_IMAGE / RUNTIME_IMAGE in the environment).
#
# Idempotent and cached: an image that exists is not rebuilt, and the debootstrapped root file
# system is kept as a tarball in $TESTBED_DOCKER_CACHE (default /var/cache/testbed-docker), so a
# rebuild after `docker rmi` takes seconds, not a debootstrap. `--force` rebuilds both images.
# Needs root, debootstrap and a running dockerd. Mirror: the first deb.debian.org-style URI of
# /etc/apt/sources.list*, else http://deb.debian.org/debian (override with DEBIAN_MIRROR).
set -euo pipefail
# shellcheck source=lib/testbed.sh
source "$(dirname "$0")/lib/testbed.sh"

SDK_TAG=${SDK_TAG:-testbed/sdk:10.0}
RUNTIME_TAG=${RUNTIME_TAG:-testbed/aspnet:10.0}
DOTNET_DIR=${DOTNET_DIR:-/usr/share/dotnet}
CACHE=${TESTBED_DOCKER_CACHE:-/var/cache/testbed-docker}
ROOTFS_TAR="$CACHE/bookworm-minbase.tar"
# Same user as the official images (APP_UID 1654), so the Dockerfile's USER works with either base.
APP_UID=1654
FORCE=0
case $# in
  0) ;;
  1) [[ $1 == --force ]] || usage_error "unknown argument '$1' (the only option is --force)"; FORCE=1 ;;
  *) usage_error "too many arguments (the only option is --force)" ;;
esac

log() { echo "[base-images] $*"; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

if [[ $FORCE == 0 ]] && have_image "$SDK_TAG" && have_image "$RUNTIME_TAG"; then
  log "$SDK_TAG and $RUNTIME_TAG exist; nothing to do"
  exit 0
fi

[[ -x "$DOTNET_DIR/dotnet" ]] || { echo "no .NET at $DOTNET_DIR (set DOTNET_DIR)" >&2; exit 1; }
# latest_version DIR: the highest version-named entry of DIR.
latest_version() { find "$1" -mindepth 1 -maxdepth 1 -printf '%f\n' | grep -E '^[0-9]' | sort -V | tail -1; }
runtime_ver=$(latest_version "$DOTNET_DIR/shared/Microsoft.NETCore.App")
aspnet_ver=$(latest_version "$DOTNET_DIR/shared/Microsoft.AspNetCore.App")
sdk_ver=$(latest_version "$DOTNET_DIR/sdk")

mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m=$(grep -hoE '(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
      | grep -v security | head -1 | awk '{print $2}')
  echo "${m:-http://deb.debian.org/debian}"
}

mkdir -p "$CACHE"
if [[ ! -s "$ROOTFS_TAR" ]]; then
  need debootstrap debootstrap
  # In the cache, so that the tarball is moved into place, not copied across file systems.
  make_work rootfs "$CACHE"
  m=$(mirror)
  log "debootstrap bookworm (minbase) from $m"
  # libssl3 + ca-certificates: .NET needs OpenSSL for HTTPS (NuGet restore in the SDK stage).
  # No libicu: the projects set InvariantGlobalization, and the images set the invariant mode.
  debootstrap --variant=minbase --include=ca-certificates,libssl3 bookworm "$WORK/root" "$m" \
    > "$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log" >&2; exit 1; }
  chroot "$WORK/root" groupadd --gid $APP_UID app
  chroot "$WORK/root" useradd --uid $APP_UID --gid app --create-home --home-dir /home/app --shell /bin/sh app
  ln -s ../share/dotnet/dotnet "$WORK/root/usr/bin/dotnet"
  # Trim what a container never uses: package caches and lists, documentation, locales.
  rm -rf "$WORK/root"/var/cache/apt/* "$WORK/root"/var/lib/apt/lists/* "$WORK/root"/var/log/* \
         "$WORK/root"/usr/share/doc/* "$WORK/root"/usr/share/man/* "$WORK/root"/usr/share/info/* \
         "$WORK/root"/usr/share/locale/* "$WORK/root"/tmp/*
  tar --numeric-owner -C "$WORK/root" -cf "$ROOTFS_TAR.part" .
  mv "$ROOTFS_TAR.part" "$ROOTFS_TAR"
  rm -rf "$WORK"; WORK=""
  log "root file system cached in $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
fi

# The image configuration the official images carry, so that apps behave the same on either base.
common_changes=(
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  --change "ENV APP_UID=$APP_UID"
  --change "ENV DOTNET_RUNNING_IN_CONTAINER=true"
  --change "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true"
  --change "ENV DOTNET_VERSION=$runtime_ver"
  --change "WORKDIR /"
  --change 'CMD ["/bin/bash"]'
)

# Appends the given paths under $DOTNET_DIR to the cached root file system and imports the result.
import_image() {
  local tag=$1; shift
  local staged; staged=$(mktemp "$CACHE/image.XXXXXX.tar")
  cp "$ROOTFS_TAR" "$staged"
  local rel=${DOTNET_DIR#/}
  local paths=()
  for p in "$@"; do paths+=("./$rel/$p"); done
  tar --numeric-owner -C / -rf "$staged" "./$rel" --no-recursion
  tar --numeric-owner -C / -rf "$staged" "${paths[@]}"
  docker import "${common_changes[@]}" "${IMPORT_CHANGES[@]}" "$staged" "$tag" >/dev/null
  rm -f "$staged"
  log "imported $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
}

if [[ $FORCE == 1 ]] || ! have_image "$RUNTIME_TAG"; then
  IMPORT_CHANGES=(--change "ENV ASPNET_VERSION=$aspnet_ver" --change "ENV ASPNETCORE_HTTP_PORTS=8080")
  import_image "$RUNTIME_TAG" dotnet host LICENSE.txt ThirdPartyNotices.txt \
    "shared/Microsoft.NETCore.App/$runtime_ver" "shared/Microsoft.AspNetCore.App/$aspnet_ver"
fi

if [[ $FORCE == 1 ]] || ! have_image "$SDK_TAG"; then
  IMPORT_CHANGES=(--change "ENV DOTNET_SDK_VERSION=$sdk_ver" --change "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1"
                  --change "ENV DOTNET_NOLOGO=1" --change "ENV DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1"
                  --change "ENV NUGET_XMLDOC_MODE=skip")
  mapfile -t all < <(cd "$DOTNET_DIR" && ls -A)
  import_image "$SDK_TAG" "${all[@]}"
  # This machine reaches NuGet through a TLS-intercepting egress proxy whose root certificates are
  # installed locally (/usr/local/share/ca-certificates). The build stage restores packages, so the
  # SDK image must trust the same roots; the runtime image makes no outbound TLS and stays clean.
  shopt -s nullglob
  cas=(/usr/local/share/ca-certificates/*.crt)
  if (( ${#cas[@]} )); then
    ctx=$(mktemp -d "$CACHE/ca.XXXXXX")
    cp "${cas[@]}" "$ctx/"
    printf 'FROM %s\nCOPY *.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates >/dev/null\n' "$SDK_TAG" > "$ctx/Dockerfile"
    docker build -q --network host -t "$SDK_TAG" "$ctx" >/dev/null
    rm -rf "$ctx"
    log "added ${#cas[@]} local root certificate(s) to $SDK_TAG"
  fi
fi
