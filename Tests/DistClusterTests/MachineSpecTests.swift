@testable import DistCluster
import DistLang
import Testing

/// Lines of a machine file (`--machine-file`) and `addprocs` host strings:
/// `[count*][user@]host[:port] [bind_addr[:port]]`, fields separated by any blanks.
struct MachineSpecTests {
    @Test func plainHostIsOneWorker() throws {
        #expect(try MachineSpec.parse("node1") == MachineSpec(count: 1, host: "node1", bind: nil))
    }

    @Test func userAndPort() throws {
        #expect(try MachineSpec.parse("alice@node2:2222") == MachineSpec(count: 1, host: "alice@node2:2222", bind: nil))
    }

    @Test func countAndBindAddressWithAnyBlanks() throws {
        #expect(try MachineSpec.parse("3*bob@10.0.0.5 \t  192.168.1.5:9000") ==
            MachineSpec(count: 3, host: "bob@10.0.0.5", bind: "192.168.1.5:9000"))
    }

    @Test func ipv6HostsAndBindAddresses() throws {
        #expect(try MachineSpec.parse("2*[fd00::2]:2222 [fd00::2]:9000") == MachineSpec(count: 2, host: "[fd00::2]:2222", bind: "[fd00::2]:9000"))
        #expect(try MachineSpec.parse("[::1]")?.host == "[::1]")
    }

    @Test func autoCountIsResolvedOnTheHost() throws {
        let spec = try MachineSpec.parse("auto*node3")
        #expect(spec?.count == nil)
        #expect(spec?.host == "node3")
        if case .sym(let s)? = spec?.addprocsEntry.1 { #expect(s.name == "auto") } else { Issue.record("count is not :auto") }
    }

    @Test func blankAndCommentLinesAreSkipped() throws {
        #expect(try MachineSpec.parse("") == nil)
        #expect(try MachineSpec.parse("   ") == nil)
        #expect(try MachineSpec.parse("# just a comment") == nil)
        #expect(try MachineSpec.parse("   2*node4   # four") == MachineSpec(count: 2, host: "node4", bind: nil))
    }

    @Test(arguments: ["0*node", "x*node", "-1*node", "node:port", "node:0", "node:65536", "[fd00::1", "a b c"])
    func malformedLinesAreRejected(_ line: String) {
        #expect(throws: JuliaError.self) { try MachineSpec.parse(line) }
    }
}

/// Julia's `parse_machine`.
struct ParseMachineTests {
    @Test func hostsPortsAndIPv6() throws {
        #expect(try MachineAddress.parse("127.0.0.1") == ("127.0.0.1", nil))
        #expect(try MachineAddress.parse("127.0.0.1:80") == ("127.0.0.1", 80))
        #expect(try MachineAddress.parse("[2001:db8::1]:443") == ("2001:db8::1", 443))
    }
}

/// What a worker listens on: `--bind-to addr[:port]`, else a non-loopback address.
struct BindAddressTests {
    @Test func explicitAddressAndPort() {
        let (host, port) = WorkerProcess.bindAddress("127.0.0.1:7000")
        #expect(host == "127.0.0.1")
        #expect(port == 7000)
    }

    @Test func ipv6AddressInBrackets() {
        let (host, port) = WorkerProcess.bindAddress("[::1]:7001")
        #expect(host == "::1")
        #expect(port == 7001)
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
