@testable import DistCluster
import DistLang
import Testing

/// Lines of a machine file (`--machine-file`) and `addprocs` host strings:
/// `[count*][user@]host[:port] [bind_addr[:port]]`.
struct MachineSpecTests {
    @Test func plainHostIsOneWorker() {
        #expect(MachineSpec.parse("node1") == MachineSpec(count: 1, userHost: "node1", port: nil, bindAddress: nil))
    }

    @Test func userAndPort() {
        #expect(MachineSpec.parse("alice@node2:2222") == MachineSpec(count: 1, userHost: "alice@node2", port: 2222, bindAddress: nil))
    }

    @Test func countAndBindAddress() {
        #expect(MachineSpec.parse("3*bob@10.0.0.5 192.168.1.5:9000") ==
            MachineSpec(count: 3, userHost: "bob@10.0.0.5", port: nil, bindAddress: "192.168.1.5"))
    }

    @Test func autoCountIsTheCPUCount() {
        let spec = MachineSpec.parse("auto*node3")
        #expect((spec?.count ?? 0) >= 1)
        #expect(spec?.userHost == "node3")
    }

    @Test func surroundingSpaceIsIgnored() {
        #expect(MachineSpec.parse("   2*node4   ")?.count == 2)
    }

    @Test(arguments: ["", "   ", "0*node", "x*node", "-1*node", "node:port"])
    func malformedLinesAreRejected(_ line: String) {
        #expect(MachineSpec.parse(line) == nil)
    }
}

/// What a worker listens on: `--bind-to addr[:port]`, else a non-loopback address.
struct BindAddressTests {
    @Test func explicitAddressAndPort() {
        let (host, port) = WorkerProcess.bindAddress("127.0.0.1:7000")
        #expect(host == "127.0.0.1")
        #expect(port == 7000)
    }

    @Test func explicitAddressWithoutPortTakesAnyPort() {
        let (host, port) = WorkerProcess.bindAddress("10.1.2.3")
        #expect(host == "10.1.2.3")
        #expect(port == 0)
    }

    @Test func defaultIsAnIPv4Address() {
        let (host, port) = WorkerProcess.bindAddress(nil)
        #expect(host.split(separator: ".").count == 4)
        #expect(port == 0)
    }
}

/// Cluster cookies: random, 16 characters of letters and digits.
struct CookieTests {
    @Test func cookiesAreRandomAndBounded() {
        let a = Cookie.random(), b = Cookie.random()
        #expect(a != b)
        #expect(a.count == 16)
        #expect(a.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }
}
