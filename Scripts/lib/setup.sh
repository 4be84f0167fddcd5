# Scripts/lib/setup.sh — set-up shared by Scripts/dist, Scripts/test and Scripts/bench.
#
# Source it from a bash script (after `set -euo pipefail`); it defines:
#   dist_root                  the repository root (resolved from this file's own path)
#   dist_log MESSAGE...        a progress line on stderr (stdout stays the shell's own)
#   dist_die MESSAGE...        an error line on stderr, then exit 1
#   dist_ensure_packages [PKG...]
#                              apt-get installs the Debian packages the build needs (or the
#                              ones named), only the missing ones, with sudo only when not root,
#                              `apt-get update` once and only when needed
#   dist_ensure_test_packages  installs what the multi-host tests need ($dist_test_packages:
#                              OpenSSH, Slurm, munge, iproute2, nftables, tcpdump) when missing, with a
#                              policy-rc.d that exits 101 so that no service starts by itself;
#                              a no-op (with a note) when neither root nor sudo is available
#   dist_build CONFIG          `swift build -c CONFIG` (debug or release), quietly; skipped when a
#                              fingerprint of the sources matches the last successful build
#   dist_binary CONFIG         prints the path of the built `dist` for that configuration
#
# Environment:
#   DIST_REBUILD=1             always run `swift build` (never trust the fingerprint)
#   DIST_SKIP_PACKAGES=1       do not check or install Debian packages
#   DIST_BUILD_TIMEOUT=SECS    bound on one `swift build` (default 1200)
#   DIST_APT_TIMEOUT=SECS      bound on one apt-get run (default 900)

# The Debian packages the build needs: libedit (the line editor) and pkg-config to find it,
# OpenBLAS and LAPACKE for matrix work (see Package.swift's system-library targets), mimalloc
# as the shell's allocator (see the dist target in Package.swift), PCRE2 for regular
# expressions.
dist_packages=(libedit-dev pkg-config libopenblas-dev liblapacke-dev libmimalloc-dev libpcre2-dev)

# The Debian packages the multi-host tests need (Scripts/lib/testhosts.sh): sshd and ssh for
# "hosts" in network namespaces, a two-node Slurm with munge, ip(8) and bridges, nft(8) for
# hosts that drop packets, unshare(1)/nsenter(1) (util-linux) for the namespaces; tcpdump for
# the check that encrypted transport (--tls) puts no plaintext on the wire.
dist_test_packages=(openssh-server openssh-client slurm-wlm munge iproute2 nftables util-linux tcpdump)

dist_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)

dist_log() { printf '%s\n' "$*" >&2; }
dist_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Every set-up failure says what failed. Commands that fail under `set -e` outside a
# condition would otherwise end the calling script with no word: this trap names the
# command, where it was, and its status, on stderr. (Functions and subshells inherit it
# through errtrace.)
dist_on_error() {
    local status=$1 command=$2 where=$3
    printf 'error: %s failed (status %s) at %s\n' "$command" "$status" "$where" >&2
}
set -o errtrace
trap 'dist_on_error $? "$BASH_COMMAND" "${BASH_SOURCE[0]##*/}:$LINENO"' ERR

# Prints the packages named (by default those of $dist_packages) that dpkg does not report as
# installed (one dpkg-query for all of them: it lists the known ones, and the others are
# missing too).
dist_missing_packages() {
    local installed p
    [ $# -gt 0 ] || set -- "${dist_packages[@]}"
    installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null \
        | awk '$2 == "installed" { print $1 }' || true)
    for p in "$@"; do
        grep -qx -- "$p" <<<"$installed" || printf '%s\n' "$p"
    done
}

# Sets dist_sudo to the command prefix that runs a command as root: nothing when already
# root, sudo otherwise.
dist_root_prefix() {
    dist_sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || dist_die "need root to install packages (not root and no sudo)"
        dist_sudo=(sudo)
    fi
}

# dist_apt_failed LOG WHAT — shows the end of apt-get's log, then fails naming WHAT.
dist_apt_failed() {
    tail -n 20 "$1" >&2
    dist_die "$2 failed (apt-get's whole output: $1)"
}

dist_ensure_packages() {
    [ "${DIST_SKIP_PACKAGES:-0}" = 1 ] && return 0
    local wanted=("$@")
    [ $# -gt 0 ] || wanted=("${dist_packages[@]}")
    if ! command -v dpkg-query >/dev/null 2>&1; then
        dist_log "note: not a Debian system (no dpkg-query); assuming ${wanted[*]} are present"
        return 0
    fi
    local missing
    missing=$(dist_missing_packages "${wanted[@]}")
    [ -z "$missing" ] && return 0
    # shellcheck disable=SC2086  # one package name per word
    set -- $missing
    command -v apt-get >/dev/null 2>&1 || dist_die "missing Debian packages: $* (and no apt-get)"
    dist_log "installing Debian packages: $*"
    dist_root_prefix
    local apt=(timeout "${DIST_APT_TIMEOUT:-900}" ${dist_sudo[@]+"${dist_sudo[@]}"}
        env DEBIAN_FRONTEND=noninteractive apt-get -y -q)
    # apt-get's own output goes to a log, shown only when it fails.
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/dist-apt.XXXXXX")
    # Update first only when the package lists are empty (a fresh image); otherwise try the
    # install, and update once if it fails (stale lists).
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        "${apt[@]}" update >"$log" 2>&1 || dist_apt_failed "$log" "apt-get update"
        "${apt[@]}" install --no-install-recommends "$@" >>"$log" 2>&1 \
            || dist_apt_failed "$log" "apt-get install $*"
    elif ! "${apt[@]}" install --no-install-recommends "$@" >"$log" 2>&1; then
        "${apt[@]}" update >>"$log" 2>&1 || dist_apt_failed "$log" "apt-get update"
        "${apt[@]}" install --no-install-recommends "$@" >>"$log" 2>&1 \
            || dist_apt_failed "$log" "apt-get install $*"
    fi
    rm -f "$log"
    missing=$(dist_missing_packages "${wanted[@]}")
    [ -z "$missing" ] || dist_die "still missing after apt-get install: $missing"
}

# Installs $dist_test_packages when missing. Package scripts must not start sshd, munged or
# the Slurm daemons (the tests start their own, by pid): an executable /usr/sbin/policy-rc.d
# that exits 101 is put in place for the install (unless one that does so is there already),
# and whatever was there before is put back afterwards, even when the install fails.
dist_ensure_test_packages() {
    [ "${DIST_SKIP_PACKAGES:-0}" = 1 ] && return 0
    command -v dpkg-query >/dev/null 2>&1 || {
        dist_log "note: not a Debian system (no dpkg-query); assuming ${dist_test_packages[*]} are present"
        return 0
    }
    local missing
    missing=$(dist_missing_packages "${dist_test_packages[@]}")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        dist_log "note: not root and no sudo: not installing $(echo $missing) (the multi-host tests will be skipped)"
        return 0
    fi
    # A subshell, so that its EXIT trap puts policy-rc.d back whichever way the install ends
    # (dist_die exits).
    (
        dist_root_prefix
        policy=/usr/sbin/policy-rc.d
        backup=""
        if ! { [ -x "$policy" ] && grep -qx 'exit 101' "$policy"; }; then
            if [ -e "$policy" ]; then
                backup=$(mktemp "${TMPDIR:-/tmp}/dist-policy-rc.d.XXXXXX")
                ${dist_sudo[@]+"${dist_sudo[@]}"} cp -p "$policy" "$backup" \
                    || dist_die "could not save $policy before installing the test packages"
                trap '${dist_sudo[@]+"${dist_sudo[@]}"} cp -p "$backup" "$policy"; rm -f "$backup"' EXIT
            else
                trap '${dist_sudo[@]+"${dist_sudo[@]}"} rm -f "$policy"' EXIT
            fi
            printf '#!/bin/sh\n# Scripts/lib/setup.sh: no service starts while the test packages install.\nexit 101\n' \
                | ${dist_sudo[@]+"${dist_sudo[@]}"} tee "$policy" >/dev/null \
                && ${dist_sudo[@]+"${dist_sudo[@]}"} chmod 755 "$policy" \
                || dist_die "could not write $policy (needed so that no service starts on install)"
        fi
        dist_ensure_packages "${dist_test_packages[@]}"
    )
}

dist_binary() { printf '%s/.build/%s/dist\n' "$dist_root" "$1"; }

# A fingerprint of what a build reads: the path, size and modification time of every file
# (and folder, so that deletions count) under the given paths, plus the toolchain's location.
# Equal fingerprints of Package.swift, Sources/ and Package.resolved mean an identical build.
# A path that does not exist (Package.resolved before the first build) counts as absent.
dist_fingerprint() {
    local path present=() absent=()
    for path in "$@"; do
        if [ -e "$dist_root/$path" ]; then present+=("$path"); else absent+=("$path"); fi
    done
    {
        command -v swift || echo "no swift"
        printf 'absent %s\n' ${absent[@]+"${absent[@]}"}
        if [ "${#present[@]}" -gt 0 ]; then
            (cd "$dist_root" && find "${present[@]}" -printf '%p %s %T@\n') | LC_ALL=C sort
        fi
    } | cksum
}

dist_build() {
    local config=$1 stamp sources fingerprint log
    command -v swift >/dev/null 2>&1 || dist_die "swift is not on PATH (install the Swift toolchain)"
    stamp="$dist_root/.build/$config.fingerprint"
    # Taken before building, so that an edit made during the build triggers the next one.
    sources=$(dist_fingerprint Package.swift Sources)
    fingerprint="$sources $(dist_fingerprint Package.resolved)"
    if [ "${DIST_REBUILD:-0}" != 1 ] && [ -x "$(dist_binary "$config")" ] \
        && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
        return 0
    fi
    mkdir -p "$dist_root/.build"
    log="$dist_root/.build/$config-build.log"
    local took="$dist_root/.build/$config.seconds" started=$SECONDS minutes
    if [ -x "$(dist_binary "$config")" ]; then
        # A rebuild: as long as the last one took, at most.
        minutes=$(( ($(cat "$took" 2>/dev/null || echo 60) + 59) / 60 ))
        dist_log "building dist ($config, sources changed; up to about $minutes minute(s))…"
    else
        # A first build: dependencies and all; about 10 core-minutes in release here.
        minutes=$(( ( $([ "$config" = release ] && echo 12 || echo 6) + $(nproc) - 1) / $(nproc) ))
        dist_log "building dist (first time, about $minutes minutes; log in .build/$config-build.log)…"
    fi
    # Release: no dynamic exclusivity checks in the dependencies either (dist's own targets
    # turn them off in Package.swift); in SwiftNIO's read and write paths they cost about 6 %
    # of a remote call's time, and they only diagnose, never change, what correct code does.
    local flags=()
    [ "$config" = release ] && flags=(-Xswiftc -enforce-exclusivity=unchecked)
    if ! (cd "$dist_root" && timeout "${DIST_BUILD_TIMEOUT:-1200}" swift build -c "$config" "${flags[@]}") >"$log" 2>&1; then
        # Show the compiler's errors first; the whole log stays in $log.
        grep -E 'error:' "$log" | head -n 40 >&2 || true
        tail -n 20 "$log" >&2
        dist_die "swift build -c $config failed (full log: $log)"
    fi
    echo $((SECONDS - started)) >"$took"
    # The first build writes Package.resolved: fingerprint it as it is after the build.
    printf '%s %s\n' "$sources" "$(dist_fingerprint Package.resolved)" >"$stamp"
}
