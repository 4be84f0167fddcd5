import Foundation
import Testing

// Several "hosts" on this machine for the multi-host tests, over Scripts/lib/testhosts.sh:
// network namespaces, each with its own address (10.250.TAG.i), hostname (dhTAG-i), /dev/shm
// and a real OpenSSH sshd; and a real Slurm (munge, slurmctld, slurmd) on them.
//
//     @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
//     func something() throws {
//         let hosts = try TestHosts.up(3)
//         defer { hosts.down() }
//         // hosts.names == ["dh7-1", "dh7-2", "dh7-3"], hosts.addresses == ["10.250.7.1", …]
//         let r = try runDist(["--machine-file", …], input: …, env: hosts.env)   // DIST_SSH, PATH
//         try hosts.drop(1)          // host 1 (0-based) silently drops every packet
//         try hosts.cutHead()        // the head (this namespace) vanishes for every host
//     }
//
//     let slurm = try TestSlurm.up()      // two nodes, SLURM_CONF in slurm.env
//     defer { slurm.down() }
//     let r = slurm.run(["srun", "-N2", "-n2", "hostname"])
//
// Every call is bounded. A slot is torn down by `down()` (idempotent, also on deinit) and, if
// the test process dies first, by the script's watchdog (`--owner` is this process).

/// Runs a command (looked up on PATH) with its output collected; kills it after `timeout`.
enum HostCommand {
    static func run(_ argv: [String], env: [String: String] = [:], input: String? = nil, timeout: Double) -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        let o = Pipe(), r = Pipe(), i = Pipe()
        p.standardOutput = o
        p.standardError = r
        p.standardInput = input == nil ? FileHandle.nullDevice : i
        // A child inherits the signal mask of the thread that spawns it, and Swift Testing runs
        // tests on dispatch worker threads that block HUP, INT, TERM, ALRM…: `timeout` would
        // never fire and SIGTERM would not end the child. Spawn with nothing blocked.
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        var failure: Error?
        do { try p.run() } catch { failure = error }
        pthread_sigmask(SIG_SETMASK, &saved, nil)
        if let failure {
            return RunResult(stdout: "", stderr: "could not run \(argv): \(failure)", status: -1, timedOut: false)
        }
        let out = StreamCollector(o.fileHandleForReading)
        let err = StreamCollector(r.fileHandleForReading)
        if let input {
            signal(SIGPIPE, SIG_IGN)  // the command may exit before reading it all
            i.fileHandleForWriting.write(input.data(using: .utf8)!)
            try? i.fileHandleForWriting.close()
        }
        // Never `waitUntilExit()`: Foundation learns that a child ended when a socket the child
        // inherited reaches end of file, so a grandchild that kept it (a daemon that did not
        // close its descriptors) would make that wait, and `isRunning`, last forever.
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while p.isRunning && Date() < deadline { usleep(5_000) }
        if p.isRunning {
            timedOut = true
            kill(p.processIdentifier, SIGKILL)
            let killed = Date().addingTimeInterval(5)
            while p.isRunning && Date() < killed { usleep(5_000) }
        }
        _ = out.waitForEnd(until: Date().addingTimeInterval(2))
        _ = err.waitForEnd(until: Date().addingTimeInterval(2))
        let status: Int32 = p.isRunning ? -1 : p.terminationStatus
        if ProcessInfo.processInfo.environment["DIST_TESTHOSTS_DEBUG"] != nil {
            let took = String(format: "%.3f", Date().timeIntervalSince(deadline) + timeout)
            FileHandle.standardError.write("HostCommand \(took) s, status \(status): \(argv)\n".data(using: .utf8)!)
        }
        return RunResult(stdout: out.text, stderr: err.text, status: status, timedOut: timedOut)
    }
}

/// A slot of namespace hosts made by Scripts/lib/testhosts.sh.
final class TestHosts: @unchecked Sendable {
    struct Host {
        /// The host's name: its hostname, and a `Host` of `sshConfig` (dhTAG-i).
        let name: String
        /// Its address (10.250.TAG.i), reachable from this namespace and from the other hosts.
        let address: String
        /// The pid of the process that holds its namespaces.
        let holder: Int32
    }

    /// The slot's number (1…254): addresses are 10.250.TAG.0/24.
    let tag: String
    /// The state folder (keys, configs, logs), removed by `down()`.
    let dir: String
    let hosts: [Host]
    /// This namespace's address on the hosts' bridge (10.250.TAG.254): where the head is
    /// reached from the hosts.
    let headAddress: String
    /// An ssh_config with a `Host` entry for each name, root, the key, no host-key checks,
    /// BatchMode, ConnectTimeout 5.
    let sshConfig: String
    /// An executable that runs `ssh -F sshConfig "$@"`: pass it as DIST_SSH or as the `ssh`
    /// to use (`sshCommand dhTAG-1 CMD`, `sshCommand root@10.250.TAG.1 CMD`).
    let sshCommand: String
    /// The same options as flags for a plain `ssh`: ["-F", sshConfig].
    var sshFlags: [String] { ["-F", sshConfig] }
    /// The client key (root's, accepted by every host).
    let identity: String
    /// The raw KEY=VALUE lines the script printed.
    let info: [String: [String]]
    private let lock = NSLock()
    private var isDown = false

    var names: [String] { hosts.map(\.name) }
    var addresses: [String] { hosts.map(\.address) }
    subscript(_ i: Int) -> Host { hosts[i] }

    /// For `dist`: DIST_SSH is the wrapper, and the wrapper's folder comes first on PATH (so a
    /// plain `ssh` is the wrapper too).
    var env: [String: String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["DIST_SSH": sshCommand, "PATH": "\(dir)/bin:\(path)"]
    }

    // MARK: availability

    static let script: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("Scripts/lib/testhosts.sh").path
    }()

    /// Why hosts cannot be made here (nil when they can): not root, a tool missing, or the
    /// kernel refusing new namespaces. Checked once.
    static let unavailable: String? = {
        if getuid() != 0 { return "needs root (network namespaces, sshd)" }
        let tools = ["/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/sbin/nft"]
        for t in tools where !FileManager.default.isExecutableFile(atPath: t) {
            return "\(t) is missing (Scripts/test installs openssh-server openssh-client nftables)"
        }
        if !["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].contains(where: FileManager.default.isExecutableFile(atPath:)) {
            return "ip(8) is missing (iproute2)"
        }
        let probe = HostCommand.run(["unshare", "--net", "--uts", "--mount", "true"], timeout: 10)
        if probe.status != 0 { return "cannot make namespaces here: \(probe.stderr)" }
        return nil
    }()
    static var available: Bool { unavailable == nil }
    static var unavailableReason: Comment { Comment(rawValue: unavailable ?? "") }

    // MARK: life

    /// Brings up `count` hosts in a new slot (about 0.5–1 s for 3). Throws with the script's
    /// error output when it fails; the script has torn down what it made.
    static func up(_ count: Int, timeout: Double = 60) throws -> TestHosts {
        if let why = unavailable { throw TestFailure("test hosts unavailable: \(why)") }
        let r = HostCommand.run(["bash", script, "--owner", "\(getpid())", "up", "\(count)"], timeout: timeout)
        guard r.status == 0, !r.timedOut else {
            throw TestFailure("testhosts.sh up \(count) failed (status \(r.status)\(r.timedOut ? ", timed out" : "")):\n\(r.all)")
        }
        return try TestHosts(output: r.stdout)
    }

    init(output: String) throws {
        var info: [String: [String]] = [:]
        for line in output.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            info[String(line[..<eq]), default: []].append(String(line[line.index(after: eq)...]))
        }
        func one(_ k: String) throws -> String {
            guard let v = info[k]?.first else { throw TestFailure("testhosts.sh printed no \(k)=:\n\(output)") }
            return v
        }
        tag = try one("tag")
        dir = try one("dir")
        sshCommand = try one("ssh")
        sshConfig = try one("ssh_config")
        identity = try one("identity")
        headAddress = try one("head")
        hosts = (info["host"] ?? []).map { line in
            let f = line.split(separator: " ").map(String.init)
            return Host(name: f[0], address: f.count > 1 ? f[1] : "", holder: f.count > 2 ? Int32(f[2]) ?? 0 : 0)
        }
        self.info = info
    }

    /// Tears the slot down: every process in its hosts (sshd, workers, Slurm), the
    /// namespaces, links and state folder. Idempotent; bounded.
    func down() {
        lock.lock()
        defer { lock.unlock() }
        if isDown { return }
        isDown = true
        let r = script(["down"], timeout: 60)
        if r.status != 0 {
            FileHandle.standardError.write("testhosts.sh -t \(tag) down failed (status \(r.status)):\n\(r.all)\n".data(using: .utf8)!)
        }
    }

    deinit { down() }

    /// Runs the script on this slot.
    @discardableResult
    func script(_ args: [String], timeout: Double = 30) -> RunResult {
        HostCommand.run(["bash", TestHosts.script, "-t", tag] + args, timeout: timeout)
    }

    private func checked(_ args: [String], timeout: Double = 30) throws -> RunResult {
        let r = script(args, timeout: timeout)
        guard r.status == 0, !r.timedOut else {
            throw TestFailure("testhosts.sh -t \(tag) \(args.joined(separator: " ")) failed (status \(r.status)):\n\(r.all)")
        }
        return r
    }

    private func name(_ i: Int) -> String { hosts[i].name }

    // MARK: doing things on the hosts

    /// `ssh [OPTIONS] HOST COMMAND` through the slot's ssh_config; bounded. `options` are
    /// ssh's -o options, e.g. ["ConnectTimeout=2"].
    func ssh(_ host: String, _ command: String, options: [String] = [], input: String? = nil, timeout: Double = 20) -> RunResult {
        HostCommand.run([sshCommand] + options.flatMap { ["-o", $0] } + [host, command], input: input, timeout: timeout)
    }
    func ssh(_ i: Int, _ command: String, options: [String] = [], input: String? = nil, timeout: Double = 20) -> RunResult {
        ssh(name(i), command, options: options, input: input, timeout: timeout)
    }

    /// Runs `argv` inside host `i`'s namespaces directly (nsenter; no ssh, so it works while
    /// the host is dropped or the head cut off).
    func run(onHost i: Int, _ argv: [String], timeout: Double = 20) -> RunResult {
        script(["run", name(i)] + argv, timeout: timeout)
    }

    /// The pids of the processes running in host `i` (its holder excluded): sshd, sessions,
    /// workers, slurmd…
    func pids(onHost i: Int) -> [Int32] {
        script(["pids", name(i)]).stdout.split(separator: "\n").compactMap { Int32($0) }
    }

    /// Host `i` (0-based) silently drops every packet, in and out, until `undrop(i)`.
    func drop(_ i: Int) throws { try checked(["drop", name(i)]) }
    func drop(_ host: String) throws { try checked(["drop", host]) }
    func undrop(_ i: Int) throws { try checked(["undrop", name(i)]) }
    func undrop(_ host: String) throws { try checked(["undrop", host]) }

    /// Every host silently drops every packet to and from the head (this namespace) until
    /// `uncutHead()`; the hosts still reach each other.
    func cutHead() throws { try checked(["cut-head"]) }
    func uncutHead() throws { try checked(["uncut-head"]) }

    /// Starts a Slurm on this slot's first `nodes` hosts (2 CPUs each); `down()` of the hosts
    /// stops it too.
    func slurm(nodes: Int = 2, timeout: Double = 90) throws -> TestSlurm {
        let r = try checked(["slurm-up", "\(nodes)"], timeout: timeout)
        return try TestSlurm(hosts: self, output: r.stdout, ownsHosts: false)
    }
}

/// A Slurm 22.05 on namespace hosts: munged (its own key and socket), slurmctld on the first
/// node, slurmd on each; partition `test` (the default), 2 CPUs a node. Client commands run
/// here (in the head's namespace) with `env`.
final class TestSlurm: @unchecked Sendable {
    let hosts: TestHosts
    /// The slurm.conf; client commands need SLURM_CONF set to it.
    let conf: String
    /// The nodes' names (hostnames of the hosts they run on).
    let nodes: [String]
    private let ownsHosts: Bool
    private let lock = NSLock()
    private var isDown = false

    /// SLURM_CONF for client commands (srun, salloc, sbatch, squeue, scancel, sinfo).
    var env: [String: String] { ["SLURM_CONF": conf] }

    static let unavailable: String? = {
        if let why = TestHosts.unavailable { return why }
        for t in ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/srun", "/usr/bin/salloc", "/usr/bin/sinfo"]
        where !FileManager.default.isExecutableFile(atPath: t) {
            return "\(t) is missing (Scripts/test installs slurm-wlm munge)"
        }
        return nil
    }()
    static var available: Bool { unavailable == nil }
    static var unavailableReason: Comment { Comment(rawValue: unavailable ?? "") }

    /// A Slurm on a new slot of `nodes` hosts (about 1.5 s); `down()` removes both.
    static func up(nodes: Int = 2, timeout: Double = 90) throws -> TestSlurm {
        if let why = unavailable { throw TestFailure("test Slurm unavailable: \(why)") }
        let r = HostCommand.run(["bash", TestHosts.script, "--owner", "\(getpid())", "slurm-up", "\(nodes)"], timeout: timeout)
        guard r.status == 0, !r.timedOut else {
            throw TestFailure("testhosts.sh slurm-up \(nodes) failed (status \(r.status)\(r.timedOut ? ", timed out" : "")):\n\(r.all)")
        }
        return try TestSlurm(hosts: TestHosts(output: r.stdout), output: r.stdout, ownsHosts: true)
    }

    init(hosts: TestHosts, output: String, ownsHosts: Bool) throws {
        self.hosts = hosts
        self.ownsHosts = ownsHosts
        var conf: String?, nodes: [String] = []
        for line in output.split(separator: "\n") {
            if line.hasPrefix("slurm_conf=") { conf = String(line.dropFirst("slurm_conf=".count)) }
            if line.hasPrefix("slurm_nodes=") { nodes = line.dropFirst("slurm_nodes=".count).split(separator: ",").map(String.init) }
        }
        guard let conf else { throw TestFailure("testhosts.sh printed no slurm_conf=:\n\(output)") }
        self.conf = conf
        self.nodes = nodes
    }

    /// Runs a Slurm client command (or anything) with SLURM_CONF set; bounded.
    func run(_ argv: [String], env: [String: String] = [:], input: String? = nil, timeout: Double = 60) -> RunResult {
        HostCommand.run(argv, env: self.env.merging(env) { $1 }, input: input, timeout: timeout)
    }

    /// Stops the Slurm (its daemons and jobs' steps), and the hosts if `up()` made them.
    /// Idempotent. Client commands must not run after it: with SLURM_CONF pointing at a file
    /// that is gone they retry for 60 s.
    func down() {
        lock.lock()
        defer { lock.unlock() }
        if isDown { return }
        isDown = true
        if ownsHosts {
            hosts.down()
        } else {
            hosts.script(["slurm-down"], timeout: 60)
        }
    }

    deinit { down() }
}

// MARK: - Smoke tests of the harness itself

@Suite(.serialized, .timeLimit(.minutes(3)))
struct TestHostsSmokeTests {
    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func twoHostsOverRealSSH() throws {
        let started = Date()
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let upTime = Date().timeIntervalSince(started)
        #expect(hosts.hosts.count == 2)
        #expect(upTime < 20, "up(2) took \(upTime) s")
        let dist = try distBinary()
        for (i, h) in hosts.hosts.enumerated() {
            // By name (ssh_config) and by address; the host's own hostname and address.
            let r = hosts.ssh(h.name, "hostname; cat /proc/sys/kernel/hostname; ip -4 -o addr show dev eth0 | awk '{print $4}'")
            #expect(r.status == 0 && r.stdout == "\(h.name)\n\(h.name)\n\(h.address)/24\n", "\(r.all)")
            let byAddress = hosts.ssh("root@\(h.address)", "hostname")
            #expect(byAddress.stdout == "\(h.name)\n", "\(byAddress.all)")
            // The dist binary runs there, at the same path (shared file system, RUNPATH).
            let v = hosts.ssh(i, "\(dist) --version")
            #expect(v.status == 0 && v.stdout.hasPrefix("dist "), "\(v.all)")
            // The head is reachable from the host at headAddress.
            let head = hosts.run(onHost: i, ["bash", "-c", "timeout 3 bash -c 'exec 3<>/dev/tcp/\(hosts.headAddress)/22' 2>/dev/null; ip route show default"])
            #expect(head.stdout.contains("default via \(hosts.headAddress)"), "\(head.all)")
        }
        // Each host's /dev/shm is its own: a segment made on host 0 is seen neither on host 1
        // nor here.
        let mark = "dist-smoke-\(getpid())-\(hosts.tag)"
        let made = hosts.ssh(0, "touch /dev/shm/\(mark) && ls /dev/shm && df --output=fstype /dev/shm | tail -n 1")
        #expect(made.status == 0 && made.stdout.contains(mark) && made.stdout.contains("tmpfs"), "\(made.all)")
        let other = hosts.ssh(1, "ls -a /dev/shm")
        #expect(other.status == 0 && !other.stdout.contains(mark), "\(other.all)")
        #expect(!FileManager.default.fileExists(atPath: "/dev/shm/\(mark)"))
        // Host to host, by name (each host's /etc/hosts and the ssh wrapper).
        let hop = hosts.ssh(0, "\(hosts.sshCommand) \(hosts[1].name) hostname; getent hosts \(hosts[1].name)")
        let words = hop.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(words == [hosts[1].name, hosts[1].address, hosts[1].name], "\(hop.all)")

        // Teardown ends what runs on the hosts, and nothing is left.
        let spawned = hosts.ssh(1, "sleep 1000 </dev/null >/dev/null 2>&1 & echo $!")
        let pid = Int32(spawned.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pid > 0 && processAlive(pid), "\(spawned.all)")
        #expect(hosts.pids(onHost: 1).contains(pid))
        let holders = hosts.hosts.map(\.holder)
        hosts.down()
        #expect(waitGone([pid] + holders, seconds: 10))
        #expect(!FileManager.default.fileExists(atPath: hosts.dir))
        let links = HostCommand.run(["ip", "-o", "link", "show"], timeout: 10).stdout
        #expect(!links.contains("dhbr-\(hosts.tag):") && !links.contains("dh\(hosts.tag)-"), "\(links)")
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func droppedHostAndCutHead() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        #expect(hosts.ssh(0, "true").status == 0)
        // A dropped host: connecting times out (ConnectTimeout), nothing is refused.
        try hosts.drop(0)
        var t = Date()
        var r = hosts.ssh(0, "true", options: ["ConnectTimeout=2"], timeout: 20)
        #expect(r.status == 255 && r.stderr.contains("timed out"), "\(r.all)")
        #expect(Date().timeIntervalSince(t) > 1.5, "a dropped host answered at once: \(r.all)")
        #expect(hosts.ssh(1, "true").status == 0)
        try hosts.undrop(0)
        #expect(hosts.ssh(0, "true").status == 0)

        // A cut-off head: no host reaches it or is reached from it; the hosts still reach each
        // other.
        try hosts.cutHead()
        t = Date()
        r = hosts.ssh(1, "true", options: ["ConnectTimeout=2"], timeout: 20)
        #expect(r.status == 255 && r.stderr.contains("timed out"), "\(r.all)")
        #expect(Date().timeIntervalSince(t) > 1.5)
        let across = hosts.run(onHost: 0, ["timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/\(hosts[1].address)/22 && echo reached"])
        #expect(across.stdout == "reached\n", "\(across.all)")
        let toHead = hosts.run(onHost: 0, ["timeout", "2", "bash", "-c", "exec 3<>/dev/tcp/\(hosts.headAddress)/22 && echo reached"])
        #expect(toHead.stdout.isEmpty && toHead.status != 0, "\(toHead.all)")
        try hosts.uncutHead()
        #expect(hosts.ssh(1, "true").status == 0)
    }

    @Test(.enabled(if: TestSlurm.available, TestSlurm.unavailableReason))
    func twoNodeSlurm() throws {
        let started = Date()
        let slurm = try TestSlurm.up()
        defer { slurm.down() }
        let upTime = Date().timeIntervalSince(started)
        #expect(upTime < 30, "slurm up took \(upTime) s")
        #expect(slurm.nodes == slurm.hosts.names)
        let info = slurm.run(["sinfo", "-h", "-N", "-o", "%N %t %c"], timeout: 20)
        #expect(info.stdout == slurm.nodes.map { "\($0) idle 2\n" }.joined(), "\(info.all)")
        // From this namespace (where process 1 runs): a step on both nodes…
        let step = slurm.run(["srun", "-N2", "-n2", "hostname"], timeout: 30)
        #expect(step.status == 0 && step.stdout.split(separator: "\n").sorted() == slurm.nodes.map { Substring($0) }, "\(step.all)")
        // …and steps inside an allocation, two tasks a node.
        let alloc = slurm.run(["salloc", "-N2", "-n4", "srun", "hostname"], timeout: 30)
        let names = alloc.stdout.split(separator: "\n").map(String.init).sorted()
        #expect(alloc.status == 0 && names == slurm.nodes.flatMap { [$0, $0] }, "\(alloc.all)")
        // A batch job shows in squeue and goes on scancel.
        let job = slurm.run(["sbatch", "--parsable", "-N1", "-n1", "-o", "/dev/null", "--wrap", "sleep 300"], timeout: 20)
        let id = job.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(job.status == 0 && Int(id) != nil, "\(job.all)")
        #expect(slurm.run(["squeue", "-h", "-j", id, "-o", "%i"], timeout: 20).stdout == "\(id)\n")
        #expect(slurm.run(["scancel", id], timeout: 20).status == 0)
    }
}
