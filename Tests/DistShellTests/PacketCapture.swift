import Foundation
import Testing

/// tcpdump recording every TCP packet on one interface into a file, from `start` until
/// `stop()`, for the checks of what crosses the wire (TLSTests).
final class PacketCapture {
    static let tcpdump = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why packets cannot be captured here (nil when they can). Checked once.
    static let unavailable: String? = {
        if getuid() != 0 { return "needs root (tcpdump)" }
        if tcpdump == nil { return "tcpdump is missing (Scripts/test installs it)" }
        return nil
    }()
    static var available: Bool { unavailable == nil }
    static var unavailableReason: Comment { Comment(rawValue: unavailable ?? "") }

    let process = Process()
    let file: String
    let err: StreamCollector

    /// Starts tcpdump on `interface` and waits (bounded) until it is listening.
    init(interface: String, file: String) throws {
        self.file = file
        process.executableURL = URL(fileURLWithPath: PacketCapture.tcpdump ?? "/usr/bin/tcpdump")
        // whole packets, each handed over and written as it comes (without --immediate-mode
        // the kernel holds packets for up to a second, and those still held when tcpdump is
        // stopped are lost), as root (the file is in a root-only folder)
        process.arguments = ["-i", interface, "-s", "0", "--immediate-mode", "-U", "-n", "-Z", "root", "-w", file, "tcp"]
        let e = Pipe()
        process.standardError = e
        process.standardOutput = FileHandle.nullDevice
        // Swift Testing's threads block SIGINT, which a child inherits: spawn with nothing
        // blocked, so that `stop()` can end it
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
        err = StreamCollector(e.fileHandleForReading)
        guard err.waitFor("listening on", until: Date().addingTimeInterval(10)) != nil else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("tcpdump did not start: \(err.text)")
        }
    }

    /// Stops tcpdump (bounded) and returns the capture's bytes.
    func stop() throws -> Data {
        // the session's last packets (its connections closing) may still be on their way
        usleep(300_000)
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = err.waitForEnd(until: Date().addingTimeInterval(2))
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    /// The number of packets tcpdump said it captured.
    var packets: Int {
        guard let g = err.waitFor("(\\d+) packets? captured", until: Date()), g.count == 2 else { return 0 }
        return Int(g[1]) ?? 0
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
