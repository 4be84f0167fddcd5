import Foundation

/// `Sockets.connect(host, port)` (or `connect(port)` on this host): a `TCPSocket` that
/// programs write to, read from (`readline`, `read`, `eof`, as a program's output is read) and
/// `close`. Connecting blocks the process briefly; reading waits as a task.
final class TCPSocket: JObject, CustomShow {
    private(set) var fd: Int32
    private var input: PipeReader?
    unowned(unsafe) let scheduler: Scheduler

    init(fd: Int32, scheduler: Scheduler) {
        self.fd = fd
        self.scheduler = scheduler
    }

    override var jtype: JType { JType.tcpSocket }

    var isOpen: Bool { fd >= 0 }

    /// What arrives on the socket, read by a thread of its own from the first read on.
    func reader() throws -> PipeReader {
        if let r = input { return r }
        guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        let r = PipeReader(fd: dup(fd), scheduler: scheduler)
        input = r
        return r
    }

    func write(_ bytes: [UInt8]) throws {
        guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + off, $0.count - off, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JuliaError.make(.ioError, [.str(JStr("write: \(String(cString: strerror(errno)))"))])
            }
            off += n
        }
    }

    /// Closes both directions (the reading thread sees the end and stops).
    func close() {
        guard fd >= 0 else { return }
        shutdown(fd, Int32(SHUT_RDWR))
        Glibc.close(fd)
        fd = -1
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "TCPSocket(\(isOpen ? "open" : "closed"))" }

    deinit { close() }

    /// A connected socket to `host:port` (a name or an address, IPv4 or IPv6).
    static func connect(host: String, port: Int, scheduler: Scheduler) throws -> TCPSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw JuliaError.make(.ioError, [.str(JStr("connect: host \(host) not found (\(String(cString: gai_strerror(rc))))"))])
        }
        defer { freeaddrinfo(list) }
        var lastErr: Int32 = ECONNREFUSED
        var p: UnsafeMutablePointer<addrinfo>? = first
        while let ai = p {
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if s >= 0 {
                if Glibc.connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return TCPSocket(fd: s, scheduler: scheduler) }
                lastErr = errno
                Glibc.close(s)
            }
            p = ai.pointee.ai_next
        }
        let name = String(cString: strerror(lastErr)).lowercased()
        throw JuliaError.make(.ioError, [.str(JStr("connect: \(name) (\(errnoName(lastErr)))"))])
    }

    static func errnoName(_ e: Int32) -> String {
        switch e {
        case ECONNREFUSED: return "ECONNREFUSED"
        case ETIMEDOUT: return "ETIMEDOUT"
        case EHOSTUNREACH: return "EHOSTUNREACH"
        case ENETUNREACH: return "ENETUNREACH"
        default: return "errno \(e)"
        }
    }
}

extension JType {
    public static let tcpSocket = JType(name: "TCPSocket", super: ioType)
}

extension Builtins {
    static func installSockets(_ rt: Runtime) {
        rt.defType("TCPSocket", .tcpSocket)
        rt.def("connect") { t, a in
            try a.expect(1...2, "connect")
            let host = a.count == 2 ? try t.runtime.printString(a[0], t) : "127.0.0.1"
            let port = try a.int(a.count - 1, "connect")
            guard (0...65535).contains(port) else { throw JuliaError.argument("port must be in 0:65535, got \(port)") }
            return .obj(try TCPSocket.connect(host: host, port: port, scheduler: t.runtime.scheduler))
        }
    }
}
