import Foundation
import Testing

/// Faults from outside stay quiet and bounded (issue 13, section 3): refused connections are
/// reported once with a count, and SIGINT ends a non-interactive session with its workers.
/// Serialized: under parallel load a signal sent to a session still starting up is lost.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OutsideFaultsTests {
    /// Opens a connection to `port`, answers the greeting with 56 zero bytes (a MAC that
    /// cannot match), and waits for the connection to be closed.
    func connectWithWrongCredentials(_ port: Int) {
        guard let fd = connectLoopback(port) else { return }
        defer { close(fd) }
        var greeting = [UInt8](repeating: 0, count: 22)
        _ = read(fd, &greeting, greeting.count)
        let wrong = [UInt8](repeating: 0, count: 56)
        _ = write(fd, wrong, wrong.count)
        var rest = [UInt8](repeating: 0, count: 16)
        _ = read(fd, &rest, rest.count)
    }

    /// Whether the process ends by itself within `seconds` (its input still open).
    func endsByItself(_ d: LiveDist, within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while d.process.isRunning && Date() < deadline { usleep(20_000) }
        return !d.process.isRunning
    }

    @Test func refusedConnectionsAreReportedOnceWithACount() throws {
        let d = try LiveDist(["-p", "1"])
        guard let worker = d.workerOSPid(2), let port = listeningPorts(of: worker).first else {
            Issue.record("no worker port")
            return
        }
        for _ in 0..<100 { connectWithWrongCredentials(port) }
        d.expect("Invalid connection credentials sent by remote\\. \\(99 more connections refused\\)", within: 20)
        d.send("println(remotecall_fetch(+, 2, 1, 2))")
        d.expect("^3$")
        let r = d.finish()
        let lines = r.all.components(separatedBy: "\n").filter { $0.contains("Invalid connection credentials") }
        #expect(lines.count == 2, "\(r.all)")
    }

    @Test func sigintEndsAnIdlePipedSessionAndItsWorkers() throws {
        let d = try LiveDist(["-p", "1"])
        guard let worker = d.workerOSPid(2) else { return }
        kill(d.pid, SIGINT)
        #expect(endsByItself(d, within: 10), "SIGINT did not end the session")
        let r = d.finish(within: 10)
        #expect(r.status == 130, "\(r.all)")
        #expect(waitGone([worker], seconds: 10), "the worker stayed")
    }

    @Test func sigintEndsAPipedSessionThatIsEvaluating() throws {
        let d = try LiveDist(["-p", "1"])
        guard let worker = d.workerOSPid(2) else { return }
        d.send("println(\"looping\"); while true; end")
        d.expect("^looping$")
        kill(d.pid, SIGINT)
        d.expect("InterruptException")
        #expect(endsByItself(d, within: 10), "SIGINT did not end the session")
        let r = d.finish(within: 10)
        #expect(r.status == 1, "\(r.all)")
        #expect(waitGone([worker], seconds: 10), "the worker stayed")
    }

    @Test func sigintEndsAScript() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let script = try s.write("wait.jl", "println(\"started\"); sleep(60)\n")
        let d = try LiveDist(["-p", "1", script])
        d.expect("^started$", within: 20)
        kill(d.pid, SIGINT)
        #expect(endsByItself(d, within: 10), "SIGINT did not end the script")
        let r = d.finish(within: 10)
        #expect(r.status != 0, "\(r.all)")
    }
}
