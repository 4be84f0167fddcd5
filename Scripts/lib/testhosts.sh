#!/usr/bin/env bash
# Scripts/lib/testhosts.sh — several "hosts" on this machine for the multi-host tests: network
# namespaces running a real OpenSSH sshd each, and a real two-node Slurm on them. Needs root,
# iproute2, util-linux (unshare, nsenter), openssh-server/-client, nftables; slurm-wlm and munge
# for slurm-up (Scripts/lib/setup.sh: dist_ensure_test_packages installs them).
#
# CLI (every command prints what it made as KEY=VALUE lines on stdout; progress and errors on
# stderr; exit status 0 on success):
#   testhosts.sh [-t TAG] [--owner PID] up N   N hosts (1..50) in a new slot; prints tag=, dir=, …
#   testhosts.sh -t TAG down                   tears the slot down (idempotent)
#   testhosts.sh [-t TAG] status               the slot (or every slot of this machine) and
#                                              whether its processes are alive
#   testhosts.sh [-t TAG] [--owner PID] slurm-up [NODES]
#                                              a Slurm on the slot's first NODES hosts (default 2;
#                                              without -t, a new slot with NODES hosts first)
#   testhosts.sh -t TAG slurm-down
#   testhosts.sh -t TAG drop HOST | undrop HOST
#                                              HOST silently drops every packet (in and out)
#   testhosts.sh -t TAG cut-head | uncut-head  the hosts silently drop every packet to and from
#                                              the head (this machine's root namespace); the
#                                              hosts still reach each other
#   testhosts.sh -t TAG run HOST CMD...        runs CMD inside HOST's namespaces
#   testhosts.sh -t TAG pids HOST              the pids of the processes running in HOST (its
#                                              holder excluded), one a line
#   testhosts.sh gc                            tears down slots whose owner or holders are gone
# HOST is a name (dh<TAG>-<i>), an index (1..N) or an address. TAG may also come from
# $DIST_TESTHOSTS_TAG. Sourced, it only defines the th_* functions (same names as the CLI's).
# DIST_TESTHOSTS_KEEP_LOGS=1: `down` first copies the logs and configs (sshd, munged,
# slurmctld, slurmd) to /tmp/dist-testhosts-logs.TAG.XXXXXX.
#
# What a slot TAG (1..254) is:
#   - state folder /tmp/dist-testhosts.TAG (keys, configs, logs, pids: `hosts` has one line
#     per host: NAME ADDR HOLDER_PID NETNS_INODE); mkdir of it is what claims the slot;
#   - addresses 10.250.TAG.0/24: a bridge dhbr-TAG in the root namespace holds 10.250.TAG.254
#     (the head, where process 1 runs), host i has 10.250.TAG.i on its eth0 (a veth whose
#     other end, dhTAG-i, is a port of the bridge) and a default route through the head;
#   - host i = a holder process (`unshare --net --uts --mount sleep infinity`) with hostname
#     dhTAG-i and, in its own mount namespace, a private tmpfs on /dev/shm, its own /etc/hosts
#     (this machine's plus every host of the slot), a resolv.conf naming no reachable server
#     (lookups of other names fail at once instead of waiting 10 s for the machine's DNS,
#     which the hosts cannot reach) and an empty /root/.bashrc (see below);
#     every daemon enters it with `nsenter --net --uts --mount --target HOLDER`;
#   - one `sshd -D` per host on ADDR:22 (host key, client key and authorized_keys made here;
#     root by key only, StrictModes no, UsePAM no, its own PidFile and log);
#   - `ssh_config` (Host entries dhTAG-i with HostName ADDR, root, the key, no host-key
#     checks, BatchMode, ConnectTimeout 5, curve25519 kex) and wrappers bin/ssh and bin/scp
#     that use it: `DIR/bin/ssh dhTAG-1 CMD` or `DIR/bin/ssh root@10.250.TAG.1 CMD`;
#   - with --owner PID, a watchdog that tears the slot down once PID has exited (so that a
#     crashed or killed test leaves nothing behind).
# Teardown kills, by pid, every process whose network namespace is one of the slot's hosts
# (sshd, slurmd, slurmstepd, workers that outlived their head…), then the holders, then
# deletes the veths and the bridge and the state folder. Nothing else is touched: no
# /etc/hosts, no sysctl, no nft table in the root namespace, no system service. The one
# exception: /run/sshd (sshd's privilege-separation folder) is created when missing, as the
# openssh-server package would, and left there.
#
# Gotchas (measured on these machines, see /work/notes/testhosts.md):
#   - root's ~/.bashrc here runs `pyenv init` (~0.3-0.5 s per `ssh host CMD`, because bash
#     sources ~/.bashrc for commands from sshd). The hosts bind-mount an empty file over it in
#     their own mount namespace; DIST_TESTHOSTS_KEEP_BASHRC=1 keeps it. PATH in an ssh session
#     is then sshd's default (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin):
#     run dist by absolute path (the namespaces share the file system; the binary's RUNPATH
#     finds the Swift runtime under /opt/swift).
#   - The default post-quantum kex (sntrup761x25519) costs ~0.1 s a connection under load:
#     ssh_config asks for curve25519-sha256.
#   - br_netfilter is loaded here (bridge-nf-call-iptables=1): bridged traffic between the
#     hosts goes through the root namespace's FORWARD hooks. There are no rules today; a rule
#     someone adds there could cut the hosts off from each other.
#   - `ip netns exec` hides /sys/fs/cgroup (slurmd needs it): hence holders + nsenter.
#   - slurmstepd double-forks away from slurmd: killing slurmd leaves steps running. Teardown
#     therefore kills every process in the hosts' network namespaces, not just recorded pids.
#   - One munged (in the root namespace, its own key, socket and pid file) serves every node:
#     the socket is a file under the state folder, reachable from every namespace.
#   - Children of Swift Testing tests inherit a signal mask with HUP, INT, ALRM, TERM…
#     blocked (tests run on dispatch worker threads; Foundation's posix_spawn keeps the mask):
#     `timeout` never fires, SIGTERM is ignored. The CLI re-execs itself through perl with an
#     empty mask and default dispositions (see the end of this file).
#   - Foundation's Process learns that a child ended when a socket the child inherited is
#     closed: daemons must not keep the starter's descriptors (th_spawn closes them all), or
#     the caller's `waitUntilExit()` hangs forever.
#   - The machine's DNS server is unreachable from the hosts: every lookup of a name not in
#     /etc/hosts waited 10 s. Each host gets a resolv.conf that fails at once.
#   - Slurm clients whose SLURM_CONF file is gone retry for 60 s; sbatch writes slurm-N.out
#     into the submitting cwd (use -o).
#   - No keepalives are configured (neither ServerAlive nor ClientAlive): after cut-head, ssh
#     sessions and the workers under them stay up; only dist's own heartbeat ends them.

# ---------------------------------------------------------------------------------------------

th_self=$(readlink -f "${BASH_SOURCE[0]}")
th_prefix=10.250          # slot TAG uses 10.250.TAG.0/24
th_state_base=${DIST_TESTHOSTS_BASE:-/tmp}
th_tag="" th_d="" th_names=() th_addrs=() th_holders=() th_inodes=()

th_log() { printf 'testhosts: %s\n' "$*" >&2; }
th_fail() { printf 'testhosts: error: %s\n' "$*" >&2; return 1; }

# th_wait SECONDS WHAT COMMAND... — runs COMMAND every 50 ms until it succeeds; fails (naming
# WHAT) after SECONDS.
th_wait() {
    local secs=$1 what=$2 deadline
    shift 2
    deadline=$(($(date +%s%N) + secs * 1000000000))
    until "$@" >/dev/null 2>&1; do
        if [ "$(date +%s%N)" -ge "$deadline" ]; then
            th_fail "timed out after ${secs} s waiting for $what"
            return 1
        fi
        sleep 0.05
    done
}

# th_spawn LOG COMMAND... — starts COMMAND in the background, in a session of its own, with
# standard input from /dev/null, its output appended to LOG, and every other file descriptor
# closed; th_pid is its pid (the subshell execs setsid, which execs COMMAND: one pid). Closing
# the others matters: a daemon holding an inherited descriptor keeps its starter's pipes open
# — and Foundation's Process learns that a child ended when a socket it gave the child reaches
# end of file, so a daemon holding that socket makes `isRunning` true forever.
th_spawn() {
    local log=$1
    shift
    (
        th_close_fds
        exec setsid "$@" </dev/null >>"$log" 2>&1
    ) &
    th_pid=$!
}

th_close_fds() {
    local fd fds=()
    for fd in /proc/$BASHPID/fd/*; do fds+=("${fd##*/}"); done
    for fd in "${fds[@]}"; do
        [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
    done
    return 0
}

th_dir() { printf '%s/dist-testhosts.%s\n' "$th_state_base" "$1"; }

# The process's start time (clock ticks since boot), to tell a pid from a reused one.
th_starttime() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }

# Alive and not a zombie.
th_alive() {
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

th_netns_inode() { readlink "/proc/$1/ns/net" 2>/dev/null | tr -dc 0-9; }

# th_kill_pids MILLISECONDS PID... — SIGTERM, then SIGKILL for those still alive after
# MILLISECONDS (0: SIGKILL at once); then waits (bounded) until they are gone.
th_kill_pids() {
    local ms=$1 p left deadline
    shift
    [ $# -gt 0 ] || return 0
    [ "$ms" = 0 ] || kill -TERM "$@" 2>/dev/null || true
    deadline=$(($(date +%s%N) + ms * 1000000))
    while :; do
        left=()
        for p in "$@"; do th_alive "$p" && left+=("$p"); done
        [ ${#left[@]} = 0 ] && return 0
        [ "$(date +%s%N)" -ge "$deadline" ] && break
        sleep 0.05
    done
    kill -KILL "${left[@]}" 2>/dev/null || true
    for p in "${left[@]}"; do th_wait 3 "pid $p to die after SIGKILL" eval "! th_alive $p" || true; done
}

# th_ns_pids INODE [EXCEPT] — every live process in network namespace INODE.
th_ns_pids() {
    local inode=$1 except=${2:-} p
    [ -n "$inode" ] || return 0
    # One stat(1) for every process (the inode of /proc/PID/ns/net is the namespace's).
    for p in $(stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null \
        | awk -v i="$inode" -v x="$except" '$1 == i { split($2, a, "/"); if (a[3] != x) print a[3] }'); do
        th_alive "$p" && echo "$p"
    done
    return 0
}

# th_load TAG — reads a slot's state: th_tag, th_d, th_names[], th_addrs[], th_holders[],
# th_inodes[].
th_load() {
    th_tag=$1
    th_d=$(th_dir "$1")
    th_names=() th_addrs=() th_holders=() th_inodes=()
    [ -d "$th_d" ] || { th_fail "no slot $1 (no $th_d)"; return 1; }
    local name addr holder inode
    if [ -f "$th_d/hosts" ]; then
        while read -r name addr holder inode; do
            th_names+=("$name") th_addrs+=("$addr") th_holders+=("$holder") th_inodes+=("$inode")
        done <"$th_d/hosts"
    fi
}

# th_host HOST — sets th_i to the index (0-based) of HOST (name, 1-based index or address).
th_host() {
    local i
    for i in "${!th_names[@]}"; do
        if [ "$1" = "${th_names[$i]}" ] || [ "$1" = "${th_addrs[$i]}" ] || [ "$1" = $((i + 1)) ]; then
            th_i=$i
            return 0
        fi
    done
    th_fail "no host '$1' in slot $th_tag (hosts: ${th_names[*]:-none})"
}

th_nsenter() {
    local holder=$1
    shift
    nsenter --target "$holder" --net --uts --mount -- "$@"
}

th_require_root() {
    [ "$(id -u)" = 0 ] || { th_fail "needs root (network namespaces, sshd)"; return 1; }
    local c
    for c in ip unshare nsenter ssh-keygen nft; do
        command -v "$c" >/dev/null 2>&1 || { th_fail "$c is missing (install iproute2 util-linux openssh-client nftables)"; return 1; }
    done
    [ -x /usr/sbin/sshd ] || { th_fail "/usr/sbin/sshd is missing (install openssh-server)"; return 1; }
}

# Claims a free slot (or the one named): sets th_tag and makes its state folder. A slot is free
# when its folder does not exist and nothing on the machine uses its addresses or link names.
th_claim() {
    local want=${1:-} t
    local candidates=()
    if [ -n "$want" ]; then
        [[ $want =~ ^[0-9]+$ ]] && [ "$want" -ge 1 ] && [ "$want" -le 254 ] \
            || { th_fail "a tag is a number from 1 to 254, not '$want'"; return 1; }
        candidates=("$want")
    else
        # Start somewhere that depends on the pid, so that concurrent runs rarely race.
        local start=$(($$ % 254)) k
        for k in $(seq 0 253); do candidates+=($(((start + k) % 254 + 1))); done
    fi
    local used
    used=$(ip -4 -o addr show 2>/dev/null; ip -4 route show 2>/dev/null; ip -o link show 2>/dev/null)
    for t in "${candidates[@]}"; do
        if grep -qE "(^| )$th_prefix\\.$t\\.|dhbr-$t[:@ ]|dh$t-[0-9]+[:@ ]" <<<"$used"; then
            [ -n "$want" ] && { th_fail "slot $t is in use (its addresses or links exist)"; return 1; }
            continue
        fi
        if mkdir "$(th_dir "$t")" 2>/dev/null; then
            th_tag=$t
            th_d=$(th_dir "$t")
            chmod 700 "$th_d"
            return 0
        fi
        [ -n "$want" ] && { th_fail "slot $t is in use ($(th_dir "$t") exists)"; return 1; }
    done
    th_fail "no free slot (1..254)"
}

# Prints the slot as KEY=VALUE lines.
th_print() {
    local i
    echo "tag=$th_tag"
    echo "dir=$th_d"
    echo "ssh=$th_d/bin/ssh"
    echo "scp=$th_d/bin/scp"
    echo "ssh_config=$th_d/ssh_config"
    echo "identity=$th_d/keys/id_ed25519"
    echo "head=$th_prefix.$th_tag.254"
    for i in "${!th_names[@]}"; do
        echo "host=${th_names[$i]} ${th_addrs[$i]} ${th_holders[$i]}"
    done
    if [ -f "$th_d/slurm/slurm.conf" ]; then
        echo "slurm_conf=$th_d/slurm/slurm.conf"
        echo "slurm_nodes=$(cat "$th_d/slurm/nodes")"
    fi
}

# ---------------------------------------------------------------------------------------------
# up

th_make_host() {
    local i=$1 name=dh$th_tag-$1 addr=$th_prefix.$th_tag.$1 holder inode h
    h=$th_d/h/$name
    mkdir -p "$h"
    # The holder: new network, UTS and mount namespaces (mount propagation private), nothing
    # else. Its own session, streams on /dev/null, so that it outlives this script and holds
    # no pipe of the caller's.
    th_spawn /dev/null unshare --net --uts --mount --propagation private sleep infinity
    holder=$th_pid
    th_wait 5 "the holder of $name (pid $holder) to enter its namespaces" \
        th_holder_ready "$holder" "$(th_netns_inode $$)" "$(readlink -f "$(command -v sleep)")" || return 1
    inode=$(th_netns_inode "$holder")
    echo "$name $addr $holder $inode" >>"$th_d/hosts"
    th_names+=("$name") th_addrs+=("$addr") th_holders+=("$holder") th_inodes+=("$inode")

    nsenter --target "$holder" --uts hostname "$name" || { th_fail "hostname $name"; return 1; }
    th_nsenter "$holder" mount -t tmpfs -o mode=1777,size=512m "tmpfs-$name" /dev/shm \
        || { th_fail "mount a private /dev/shm in $name"; return 1; }
    th_nsenter "$holder" mount --bind "$th_d/etc-hosts" /etc/hosts \
        || { th_fail "bind-mount $th_d/etc-hosts on /etc/hosts in $name"; return 1; }
    th_nsenter "$holder" mount --bind "$th_d/resolv.conf" /etc/resolv.conf \
        || { th_fail "bind-mount $th_d/resolv.conf on /etc/resolv.conf in $name"; return 1; }
    if [ "${DIST_TESTHOSTS_KEEP_BASHRC:-0}" != 1 ] && [ -f /root/.bashrc ]; then
        th_nsenter "$holder" mount --bind "$th_d/bashrc" /root/.bashrc \
            || { th_fail "bind-mount an empty ~/.bashrc in $name"; return 1; }
    fi
    ip link add "$name" type veth peer name eth0 netns "$holder" \
        && ip link set "$name" master "dhbr-$th_tag" \
        && ip link set "$name" up \
        || { th_fail "veth $name into the bridge dhbr-$th_tag"; return 1; }
    nsenter --target "$holder" --net sh -ec "
        ip link set lo up
        ip addr add $addr/24 dev eth0
        ip link set eth0 up
        ip route add default via $th_prefix.$th_tag.254" \
        || { th_fail "addresses and routes in $name"; return 1; }

    ssh-keygen -q -t ed25519 -N '' -C "$name" -f "$h/host_ed25519" </dev/null \
        || { th_fail "ssh-keygen (host key of $name)"; return 1; }
    cat >"$h/sshd_config" <<EOF
# sshd of test host $name (Scripts/lib/testhosts.sh)
ListenAddress $addr
Port 22
HostKey $h/host_ed25519
PidFile $h/sshd.pid
AuthorizedKeysFile $th_d/keys/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding yes
MaxStartups 200:30:400
MaxSessions 200
AcceptEnv LANG LC_* DIST_* JULIA_*
LogLevel INFO
Subsystem sftp internal-sftp
EOF
}

# Once unshare has made the namespaces, it execs sleep.
th_holder_ready() {
    [ "$(readlink "/proc/$1/exe")" = "$3" ] && [ "$(th_netns_inode "$1")" != "$2" ]
}

th_start_sshd() {
    local k=$1 name=${th_names[$1]} holder=${th_holders[$1]} h pid
    h=$th_d/h/$name
    th_spawn "$h/sshd.log" nsenter --target "$holder" --net --uts --mount -- \
        /usr/sbin/sshd -D -f "$h/sshd_config" -E "$h/sshd.log"
    echo "$th_pid" >"$h/sshd.started"
}

th_ssh_listening() {
    # A TCP connect from the root namespace, bounded.
    timeout 1 bash -c "exec 3<>/dev/tcp/$1/22" 2>/dev/null
}

th_up() {
    local n=$1 owner=${2:-} i
    [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 50 ] || { th_fail "up N: N from 1 to 50, not '$n'"; return 1; }
    th_require_root || return 1
    th_claim "${th_want_tag:-}" || return 1
    th_names=() th_addrs=() th_holders=() th_inodes=()
    th_log "slot $th_tag: $n host(s) on $th_prefix.$th_tag.0/24, state in $th_d"
    mkdir -p "$th_d/keys" "$th_d/h" "$th_d/bin"
    : >"$th_d/hosts"
    [ -d /run/sshd ] || { mkdir -p /run/sshd && chmod 755 /run/sshd; } \
        || { th_fail "mkdir /run/sshd (sshd's privilege-separation folder)"; return 1; }

    if [ -n "$owner" ]; then th_watch "$owner" || return 1; fi

    # Files every host shares.
    ssh-keygen -q -t ed25519 -N '' -C "dist-testhosts-$th_tag" -f "$th_d/keys/id_ed25519" </dev/null \
        || { th_fail "ssh-keygen (client key)"; return 1; }
    cp "$th_d/keys/id_ed25519.pub" "$th_d/keys/authorized_keys"
    # No DNS on the hosts: the machine's name server is not reachable from them (nothing is
    # forwarded), and every lookup of a name not in /etc/hosts would wait 2 x 5 s. With a
    # name server on the host's own loopback, where nothing listens, it fails at once.
    printf '# test hosts (Scripts/lib/testhosts.sh): no DNS, fail at once\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$th_d/resolv.conf"
    printf '# test hosts: no pyenv or other start-up work in ssh sessions (Scripts/lib/testhosts.sh)\n' >"$th_d/bashrc"
    {
        cat /etc/hosts
        echo "# dist test hosts, slot $th_tag"
        echo "$th_prefix.$th_tag.254 dh$th_tag-head"
        for i in $(seq 1 "$n"); do echo "$th_prefix.$th_tag.$i dh$th_tag-$i"; done
    } >"$th_d/etc-hosts"
    {
        echo "# ssh_config of test slot $th_tag (Scripts/lib/testhosts.sh)"
        for i in $(seq 1 "$n"); do
            printf 'Host dh%s-%s\n    HostName %s\n' "$th_tag" "$i" "$th_prefix.$th_tag.$i"
        done
        printf 'Host dh%s-head\n    HostName %s\n' "$th_tag" "$th_prefix.$th_tag.254"
        cat <<EOF
Host *
    User root
    IdentityFile $th_d/keys/id_ed25519
    IdentitiesOnly yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    GlobalKnownHostsFile /dev/null
    CheckHostIP no
    BatchMode yes
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    ConnectTimeout 5
    ConnectionAttempts 1
    KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512@openssh.com
    LogLevel ERROR
EOF
    } >"$th_d/ssh_config"
    printf '#!/bin/sh\n# ssh to the test hosts of slot %s (Scripts/lib/testhosts.sh)\nexec /usr/bin/ssh -F %s "$@"\n' \
        "$th_tag" "$th_d/ssh_config" >"$th_d/bin/ssh"
    printf '#!/bin/sh\n# scp to the test hosts of slot %s (Scripts/lib/testhosts.sh)\nexec /usr/bin/scp -F %s "$@"\n' \
        "$th_tag" "$th_d/ssh_config" >"$th_d/bin/scp"
    chmod 755 "$th_d/bin/ssh" "$th_d/bin/scp"

    ip link add "dhbr-$th_tag" type bridge \
        && ip addr add "$th_prefix.$th_tag.254/24" dev "dhbr-$th_tag" \
        && ip link set "dhbr-$th_tag" up \
        || { th_fail "bridge dhbr-$th_tag with $th_prefix.$th_tag.254/24"; return 1; }

    for i in $(seq 1 "$n"); do th_make_host "$i" || return 1; done
    for i in "${!th_names[@]}"; do th_start_sshd "$i"; done
    for i in "${!th_names[@]}"; do
        th_wait 10 "sshd of ${th_names[$i]} to listen on ${th_addrs[$i]}:22" th_ssh_listening "${th_addrs[$i]}" || {
            tail -n 5 "$th_d/h/${th_names[$i]}/sshd.log" >&2 2>/dev/null
            return 1
        }
    done
    th_print
}

# th_watch OWNER — a watchdog that tears the slot down once OWNER has exited.
th_watch() {
    local owner=$1 start
    start=$(th_starttime "$owner")
    [ -n "$start" ] || { th_fail "owner pid $owner is not running"; return 1; }
    echo "$owner $start" >"$th_d/owner"
    th_spawn /dev/null bash -c '
        while [ -d "$1" ] && [ "$(sed "s/.*) //" /proc/$2/stat 2>/dev/null | cut -d" " -f20)" = "$3" ]; do
            sleep 1
        done
        [ -d "$1" ] && exec "$4" -t "$5" down' \
        watchdog "$th_d" "$owner" "$start" "$th_self" "$th_tag"
    echo "$th_pid" >"$th_d/watchdog.pid"
}

# ---------------------------------------------------------------------------------------------
# down

# th_keep_logs TAG FOLDER — with DIST_TESTHOSTS_KEEP_LOGS=1, copies the logs and configs
# under FOLDER (the slot's, or its slurm/) before they are removed.
th_keep_logs() {
    [ "${DIST_TESTHOSTS_KEEP_LOGS:-0}" = 1 ] && [ -d "$2" ] || return 0
    local keep
    keep=$(mktemp -d "$th_state_base/dist-testhosts-logs.$1.XXXXXX") || return 0
    (cd "$2" && find . \( -name '*.log' -o -name '*.out' -o -name '*.conf' -o -name '*config' \) \
        -exec cp --parents {} "$keep/" \;) 2>/dev/null
    th_log "slot $1: logs kept in $keep"
}

th_down() {
    local tag=$1 i d
    d=$(th_dir "$tag")
    th_tag=$tag th_d=$d
    th_keep_logs "$tag" "$d"
    if [ -d "$d" ]; then
        th_load "$tag" || true
        # The watchdog, unless this is it.
        if [ -f "$d/watchdog.pid" ]; then
            local w
            w=$(cat "$d/watchdog.pid")
            [ "$w" != $$ ] && th_alive "$w" && kill -KILL "$w" 2>/dev/null
        fi
        th_slurm_down "$tag" || true
        # Everything running in the hosts (sshd, sessions, workers, slurmstepd…), then the
        # holders.
        local pids=()
        for i in "${!th_names[@]}"; do
            mapfile -t -O "${#pids[@]}" pids < <(th_ns_pids "${th_inodes[$i]}" "${th_holders[$i]}")
        done
        th_kill_pids 300 ${pids[@]+"${pids[@]}"}
        pids=()
        for i in "${!th_holders[@]}"; do
            [ "$(th_netns_inode "${th_holders[$i]}")" = "${th_inodes[$i]}" ] && pids+=("${th_holders[$i]}")
        done
        th_kill_pids 0 ${pids[@]+"${pids[@]}"}
    elif [ "${#th_holders[@]}" -gt 0 ]; then
        # The folder went away while this process was making the slot (its owner's watchdog
        # tore it down): what this process made is only known here.
        for i in "${!th_holders[@]}"; do
            th_kill_pids 300 $(th_ns_pids "${th_inodes[$i]}" "${th_holders[$i]}")
            [ "$(th_netns_inode "${th_holders[$i]}")" = "${th_inodes[$i]}" ] && th_kill_pids 0 "${th_holders[$i]}"
        done
    fi
    # Links: the veths die with their namespace; delete any left, then the bridge.
    local link
    for link in $(ip -o link show 2>/dev/null | awk -F': ' '{ print $2 }' | sed 's/@.*//' | grep -E "^dh$tag-[0-9]+\$"); do
        ip link del "$link" 2>/dev/null || true
    done
    if ip link show "dhbr-$tag" >/dev/null 2>&1; then
        ip link del "dhbr-$tag" || th_fail "could not delete the bridge dhbr-$tag"
    fi
    rm -rf "$d"
    return 0
}

# ---------------------------------------------------------------------------------------------
# status, gc

th_status_one() {
    th_load "$1" || return 1
    th_print
    local i p
    for i in "${!th_names[@]}"; do
        p=${th_holders[$i]}
        if [ "$(th_netns_inode "$p")" = "${th_inodes[$i]}" ]; then
            echo "alive=${th_names[$i]} holder $p, $(th_ns_pids "${th_inodes[$i]}" "$p" | wc -l) process(es)"
        else
            echo "dead=${th_names[$i]} holder $p is gone"
        fi
    done
    [ -f "$th_d/owner" ] && echo "owner=$(cut -d' ' -f1 "$th_d/owner")"
    [ -f "$th_d/drop" ] && echo "dropped=$(paste -sd' ' "$th_d/drop")"
    [ -f "$th_d/cut-head" ] && echo "cut_head=1"
    return 0
}

th_slots() {
    local d
    for d in "$th_state_base"/dist-testhosts.*; do
        [ -d "$d" ] && echo "${d##*.}"
    done
    return 0
}

th_gc() {
    local t i dead
    for t in $(th_slots); do
        th_load "$t" || continue
        dead=0
        if [ -f "$th_d/owner" ]; then
            local owner start
            read -r owner start <"$th_d/owner"
            [ "$(th_starttime "$owner")" = "$start" ] || dead=1
        fi
        for i in "${!th_holders[@]}"; do
            [ "$(th_netns_inode "${th_holders[$i]}")" = "${th_inodes[$i]}" ] || dead=1
        done
        [ ${#th_holders[@]} = 0 ] && [ $(($(date +%s) - $(stat -c %Y "$th_d"))) -gt 600 ] && dead=1
        if [ "$dead" = 1 ]; then
            th_log "slot $t: owner or holders gone; tearing it down"
            th_down "$t"
        fi
    done
}

# ---------------------------------------------------------------------------------------------
# drop, cut-head, run, pids

# th_nft HOLDER TABLE — loads the rules on stdin as table TABLE in HOLDER's namespace
# (replacing an older one of that name).
th_nft() {
    local holder=$1 table=$2
    nsenter --target "$holder" --net nft delete table inet "$table" 2>/dev/null || true
    nsenter --target "$holder" --net nft -f - || { th_fail "nft table $table in the namespace of pid $holder"; return 1; }
}

th_drop() {
    th_host "$1" || return 1
    th_nft "${th_holders[$th_i]}" dist_drop <<'EOF' || return 1
table inet dist_drop {
    chain input { type filter hook input priority -200; policy drop; iifname "lo" accept; }
    chain output { type filter hook output priority -200; policy drop; oifname "lo" accept; }
}
EOF
    echo "${th_names[$th_i]}" >>"$th_d/drop"
    echo "dropped=${th_names[$th_i]}"
}

th_undrop() {
    th_host "$1" || return 1
    nsenter --target "${th_holders[$th_i]}" --net nft delete table inet dist_drop 2>/dev/null || true
    [ -f "$th_d/drop" ] && { grep -vx "${th_names[$th_i]}" "$th_d/drop" >"$th_d/drop.new" || true; mv "$th_d/drop.new" "$th_d/drop"; }
    [ -s "$th_d/drop" ] || rm -f "$th_d/drop"
    echo "undropped=${th_names[$th_i]}"
}

th_cut_head() {
    local i range="$th_prefix.$th_tag.1-$th_prefix.$th_tag.253"
    for i in "${!th_holders[@]}"; do
        th_nft "${th_holders[$i]}" dist_cut_head <<EOF || return 1
table inet dist_cut_head {
    chain input { type filter hook input priority -150; policy drop; iifname "lo" accept; ip saddr $range accept; }
    chain output { type filter hook output priority -150; policy drop; oifname "lo" accept; ip daddr $range accept; }
}
EOF
    done
    touch "$th_d/cut-head"
    echo "cut_head=1"
}

th_uncut_head() {
    local i
    for i in "${!th_holders[@]}"; do
        nsenter --target "${th_holders[$i]}" --net nft delete table inet dist_cut_head 2>/dev/null || true
    done
    rm -f "$th_d/cut-head"
    echo "cut_head=0"
}

th_run() {
    th_host "$1" || return 1
    shift
    th_nsenter "${th_holders[$th_i]}" "$@"
}

th_pids() {
    th_host "$1" || return 1
    th_ns_pids "${th_inodes[$th_i]}" "${th_holders[$th_i]}"
}

# ---------------------------------------------------------------------------------------------
# Slurm: munged (root namespace), slurmctld on the first node, slurmd on each node.

th_slurm_up() {
    local nodes=${1:-2} i s name
    [[ $nodes =~ ^[0-9]+$ ]] && [ "$nodes" -ge 1 ] || { th_fail "slurm-up NODES: a count, not '$nodes'"; return 1; }
    [ "${#th_names[@]}" -ge "$nodes" ] || { th_fail "slot $th_tag has ${#th_names[@]} host(s), slurm-up needs $nodes"; return 1; }
    local c
    for c in munged slurmctld slurmd srun sinfo; do
        command -v "$c" >/dev/null 2>&1 || { th_fail "$c is missing (install slurm-wlm munge)"; return 1; }
    done
    s=$th_d/slurm
    [ -e "$s" ] && { th_fail "slot $th_tag already has a Slurm (slurm-down first)"; return 1; }
    mkdir -p "$s/munge" "$s/ctld"
    chmod 700 "$s/munge"
    th_log "slot $th_tag: Slurm on ${th_names[*]:0:$nodes}"

    # munged: its own key, socket, pid, seed and log files.
    dd if=/dev/urandom of="$s/munge/munge.key" bs=1024 count=1 status=none && chmod 600 "$s/munge/munge.key" \
        || { th_fail "munge key"; return 1; }
    th_spawn "$s/munge/munged.out" munged --foreground --force --socket="$s/munge/munge.socket" \
        --key-file="$s/munge/munge.key" --pid-file="$s/munge/munged.pid" \
        --seed-file="$s/munge/munged.seed" --log-file="$s/munge/munged.log"
    echo "$th_pid" >"$s/munged.started"
    th_wait 10 "munged's socket $s/munge/munge.socket" test -S "$s/munge/munge.socket" || {
        tail -n 5 "$s/munge/munged.log" "$s/munge/munged.out" >&2 2>/dev/null
        return 1
    }

    local ctl=${th_names[0]} ctladdr=${th_addrs[0]} nodelist
    nodelist=$(IFS=,; echo "${th_names[*]:0:$nodes}")
    echo "$nodelist" >"$s/nodes"
    {
        cat <<EOF
# Slurm of test slot $th_tag (Scripts/lib/testhosts.sh)
ClusterName=dist$th_tag
SlurmctldHost=$ctl($ctladdr)
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$s/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$s/ctld
SlurmctldPidFile=$s/ctld/slurmctld.pid
SlurmctldLogFile=$s/ctld/slurmctld.log
SlurmdSpoolDir=$s/%n/spool
SlurmdPidFile=$s/%n/slurmd.pid
SlurmdLogFile=$s/%n/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
SlurmdParameters=config_overrides
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=2
MinJobAge=30
MessageTimeout=5
TCPTimeout=2
SlurmctldDebug=info
SlurmdDebug=info
EOF
        for i in $(seq 0 $((nodes - 1))); do
            echo "NodeName=${th_names[$i]} NodeAddr=${th_addrs[$i]} CPUs=2 Sockets=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=1000 State=UNKNOWN"
        done
        echo "PartitionName=test Nodes=$nodelist Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO"
    } >"$s/slurm.conf"
    printf 'export SLURM_CONF=%s\n' "$s/slurm.conf" >"$s/env"

    th_spawn "$s/ctld/slurmctld.out" nsenter --target "${th_holders[0]}" --net --uts --mount -- \
        env SLURM_CONF="$s/slurm.conf" slurmctld -D -f "$s/slurm.conf"
    echo "$th_pid" >"$s/slurmctld.started"
    for i in $(seq 0 $((nodes - 1))); do
        name=${th_names[$i]}
        mkdir -p "$s/$name/spool"
        th_spawn "$s/$name/slurmd.out" nsenter --target "${th_holders[$i]}" --net --uts --mount -- \
            env SLURM_CONF="$s/slurm.conf" slurmd -D -f "$s/slurm.conf" -N "$name"
        echo "$th_pid" >"$s/$name/slurmd.started"
    done
    export SLURM_CONF="$s/slurm.conf"
    th_wait 30 "sinfo to show $nodelist idle" th_slurm_idle "$nodes" || {
        timeout 5 sinfo -N >&2 2>&1 || true
        tail -n 5 "$s/ctld/slurmctld.log" "$s"/*/slurmd.log >&2 2>/dev/null
        return 1
    }
    local out
    out=$(timeout 30 srun -N"$nodes" -n"$nodes" hostname 2>&1 | sort | paste -sd' ') \
        || { th_fail "srun -N$nodes -n$nodes hostname failed: $out"; return 1; }
    [ "$out" = "$(printf '%s\n' "${th_names[@]:0:$nodes}" | sort | paste -sd' ')" ] \
        || { th_fail "srun -N$nodes -n$nodes hostname printed '$out'"; return 1; }
    th_print
    echo "SLURM_CONF=$s/slurm.conf"
}

th_slurm_idle() {
    local states
    states=$(timeout 5 sinfo -h -N -o '%t') || return 1
    [ "$(grep -c '^idle$' <<<"$states")" = "$1" ]
}

th_slurm_down() {
    local tag=$1 d s f pids=()
    d=$(th_dir "$tag")
    s=$d/slurm
    [ -d "$s" ] || return 0
    [ "${FUNCNAME[1]:-}" = th_down ] || th_keep_logs "$tag" "$s"
    # The daemons by their recorded pids; then the jobs' steps, which double-fork away from
    # slurmd: the slurmstepd processes running in the nodes' namespaces (their tasks end with
    # them; `down` kills whatever is left in the namespaces).
    for f in "$s/slurmctld.started" "$s"/*/slurmd.started "$s/munged.started"; do
        [ -f "$f" ] && pids+=("$(cat "$f")")
    done
    local live=() p
    for p in ${pids[@]+"${pids[@]}"}; do th_alive "$p" && live+=("$p"); done
    th_kill_pids 1000 ${live[@]+"${live[@]}"}
    # slurmstepd processes (and, by their own signal handling, their tasks) of this slot.
    th_load "$tag" >/dev/null 2>&1 || true
    local i steps=()
    for i in "${!th_names[@]}"; do
        for p in $(th_ns_pids "${th_inodes[$i]}" "${th_holders[$i]}"); do
            [ "$(cat "/proc/$p/comm" 2>/dev/null)" = slurmstepd ] && steps+=("$p")
        done
    done
    th_kill_pids 0 ${steps[@]+"${steps[@]}"}
    rm -rf "$s"
    return 0
}

# ---------------------------------------------------------------------------------------------
# CLI

th_main() {
    set -uo pipefail
    th_want_tag=${DIST_TESTHOSTS_TAG:-}
    local owner=""
    while [ $# -gt 0 ]; do
        case $1 in
            -t|--tag) th_want_tag=$2; shift 2 ;;
            --owner) owner=$2; shift 2 ;;
            -h|--help) sed -n '2,/^$/p' "$th_self" | sed 's/^# \{0,1\}//'; return 0 ;;
            *) break ;;
        esac
    done
    local cmd=${1:-}
    [ $# -gt 0 ] && shift
    need_tag() { [ -n "$th_want_tag" ] || { th_fail "$cmd needs -t TAG (or DIST_TESTHOSTS_TAG)"; return 1; }; }
    case $cmd in
        up)
            [ $# = 1 ] || { th_fail "usage: testhosts.sh [-t TAG] [--owner PID] up N"; return 2; }
            # On failure, tear down what was made.
            th_made=""
            trap '[ -n "${th_tag:-}" ] && [ -z "$th_made" ] && th_down "$th_tag"' EXIT
            th_up "$1" "$owner" || return 1
            th_made=1
            ;;
        down)
            need_tag || return 2
            th_down "$th_want_tag"
            ;;
        status)
            if [ -n "$th_want_tag" ]; then
                th_status_one "$th_want_tag"
            else
                local t
                for t in $(th_slots); do th_status_one "$t" || true; echo; done
            fi
            ;;
        slurm-up)
            th_made=""
            if [ -n "$th_want_tag" ]; then
                th_load "$th_want_tag" || return 1
                trap '[ -z "$th_made" ] && th_slurm_down "$th_tag"' EXIT
                th_slurm_up "${1:-2}" || return 1
            else
                trap '[ -n "${th_tag:-}" ] && [ -z "$th_made" ] && th_down "$th_tag"' EXIT
                th_up "${1:-2}" "$owner" >/dev/null || return 1
                th_slurm_up "${1:-2}" || return 1
            fi
            th_made=1
            ;;
        slurm-down)
            need_tag || return 2
            th_slurm_down "$th_want_tag"
            ;;
        drop|undrop|run|pids)
            need_tag || return 2
            [ $# -ge 1 ] || { th_fail "usage: testhosts.sh -t TAG $cmd HOST"; return 2; }
            th_load "$th_want_tag" || return 1
            "th_$cmd" "$@"
            ;;
        cut-head|uncut-head)
            need_tag || return 2
            th_load "$th_want_tag" || return 1
            "th_${cmd/-/_}"
            ;;
        gc)
            th_gc
            ;;
        *)
            th_fail "usage: testhosts.sh [-t TAG] [--owner PID] up N | down | status | slurm-up [NODES] | slurm-down | drop HOST | undrop HOST | cut-head | uncut-head | run HOST CMD... | pids HOST | gc"
            return 2
            ;;
    esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # Whoever started this may have blocked or ignored signals, and children inherit both: a
    # process spawned by Foundation's Process from a Swift Testing test (a dispatch worker
    # thread) has HUP, INT, QUIT, ALRM, TERM… blocked, so `timeout` never fires and the
    # daemons started here would ignore SIGTERM. Start over once with a clean mask and default
    # dispositions (perl is in perl-base, which Debian always has).
    if [ "${th_signals_reset:-}" != 1 ] && command -v perl >/dev/null 2>&1; then
        exec env th_signals_reset=1 perl -MPOSIX -e '
            sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!";
            $SIG{$_} = "DEFAULT" for qw(HUP INT QUIT PIPE ALRM TERM CHLD USR1 USR2);
            exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!";' "$BASH" "$0" "$@"
    fi
    unset th_signals_reset
    th_main "$@"
    exit $?
fi
