import Foundation
import Testing

/// Workers on other "hosts": network namespaces made by the test, each with its own address,
/// reached through a stand-in for ssh (`DIST_SSH`) that runs the worker command inside the
/// namespace named after the host. Needs root and `ip`; skipped otherwise.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct MultiHostTests {
    nonisolated(unsafe) static var made = 0

    static var canMakeNamespaces: Bool {
        getuid() == 0 && (FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/sbin/ip") || FileManager.default.isExecutableFile(atPath: "/usr/bin/ip"))
    }

    /// Runs a shell command; returns its status.
    @discardableResult
    static func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.standardError
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// Two namespaces `<tag>a`, `<tag>b` joined to this one by veth pairs, routed to each other.
    final class Hosts {
        let tag: String
        let subnet: Int
        init() throws {
            MultiHostTests.made += 1
            let n = (Int(getpid()) * 7 + MultiHostTests.made) % 200 + 20
            tag = "dt\(getpid() % 100000)\(MultiHostTests.made)"
            subnet = n
            var script = "set -e\nsysctl -qw net.ipv4.ip_forward=1\n"
            for (i, h) in ["a", "b"].enumerated() {
                let ns = "ns-\(tag)\(h)", vh = "\(tag)h\(h)", vn = "\(tag)n\(h)"
                let net = "10.\(n).\(i + 1)"
                script += """
                    ip netns add \(ns)
                    ip link add \(vh) type veth peer name \(vn)
                    ip link set \(vn) netns \(ns)
                    ip addr add \(net).1/24 dev \(vh)
                    ip link set \(vh) up
                    ip netns exec \(ns) ip addr add \(net).2/24 dev \(vn)
                    ip netns exec \(ns) ip link set \(vn) up
                    ip netns exec \(ns) ip link set lo up
                    ip netns exec \(ns) ip route add default via \(net).1

                    """
            }
            guard MultiHostTests.sh(script) == 0 else {
                cleanup()
                throw TestFailure("could not make network namespaces")
            }
        }
        var hostA: String { "\(tag)a" }
        var hostB: String { "\(tag)b" }
        func cleanup() {
            for h in ["a", "b"] {
                MultiHostTests.sh("ip netns del ns-\(tag)\(h) 2>/dev/null; ip link del \(tag)h\(h) 2>/dev/null; true")
            }
        }
    }

    static let fakeSSH = """
        #!/bin/sh
        # stands in for ssh: skips options, runs the command in the namespace named after the host
        while [ $# -gt 0 ]; do
          case "$1" in
            -o|-p|-i|-l) shift 2 ;;
            -*) shift ;;
            *) break ;;
          esac
        done
        host=${1#*@}; shift
        exec ip netns exec "ns-$host" sh -c "$*"

        """

    /// Runs `body` with two namespaces, a scratch folder and the stand-in ssh in it.
    func withHosts(_ body: (Hosts, Scratch, String) throws -> Void) throws {
        let hosts = try Hosts()
        defer { hosts.cleanup() }
        let dir = try Scratch()
        defer { dir.cleanup() }
        let ssh = try dir.write("fake-ssh", Self.fakeSSH)
        chmod(ssh, 0o755)
        try body(hosts, dir, ssh)
    }

    @Test(.enabled(if: MultiHostTests.canMakeNamespaces, "needs root and ip(8) for network namespaces"))
    func machineFileAcrossNamespaces() throws {
        try withHosts { hosts, dir, ssh in
            let machines = try dir.write("hosts", "# two on the first host, one on the second\n2*\(hosts.hostA)\n\(hosts.hostB)\n")
            let r = try runDist(["--machine-file", machines], input: """
                workers()
                # each worker reports the address its namespace gives it
                [remotecall_fetch(getipaddr, p) for p in workers()]
                remotecall_fetch(() -> remotecall_fetch(myid, 4), 2)
                @everywhere println("here ", myid())
                """, timeout: 60, env: ["DIST_SSH": ssh])
            #expect(r.stdout.hasPrefix("3-element Array{Int64,1}:\n 2\n 3\n 4\n"), "\(r.all)")
            let n = hosts.subnet
            // one ssh login per host: the first worker on a host starts the others there, so pids
            // follow the order the workers joined in
            for addresses in ["\"10.\(n).1.2\"\n \"10.\(n).2.2\"\n \"10.\(n).1.2\"", "\"10.\(n).1.2\"\n \"10.\(n).1.2\"\n \"10.\(n).2.2\"",
                              "\"10.\(n).2.2\"\n \"10.\(n).1.2\"\n \"10.\(n).1.2\""] where r.stdout.contains(addresses) {
                #expect(r.stdout.contains("3-element Array{String,1}:\n \(addresses)\n4\n"), "\(r.all)")
            }
            #expect(r.stdout.components(separatedBy: "\"10.\(n).1.2\"").count == 3, "two workers on the first host: \(r.all)")
            for p in 2...4 { #expect(r.stdout.contains("      From worker \(p):\there \(p)"), "\(r.all)") }
        }
    }

    @Test(.enabled(if: MultiHostTests.canMakeNamespaces, "needs root and ip(8) for network namespaces"))
    func workerAddressesComeFromTheirHost() throws {
        try withHosts { hosts, _, ssh in
            let r = try runDist([], input: """
                addprocs(["\(hosts.hostA)", ("\(hosts.hostB)", 2)])
                println(length(unique([remotecall_fetch(getipaddr, p) for p in workers()])))
                rmprocs(3);
                workers()
                """, timeout: 60, env: ["DIST_SSH": ssh])
            #expect(r.stdout == """
                3-element Array{Int64,1}:
                 2
                 3
                 4
                2
                2-element Array{Int64,1}:
                 2
                 4

                """, "\(r.all)")
        }
    }
}
