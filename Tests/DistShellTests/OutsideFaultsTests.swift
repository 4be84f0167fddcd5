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

    /// The evaluation waits for a task that loops: SIGINT stops the loop (Julia throws at the
    /// running task's next safe point), and the wait fails with the task's InterruptException.
    @Test func sigintStopsATaskTheEvaluationWaitsFor() throws {
        let d = try LiveDist([])
        d.send("t = @async (s = 0; while true; s += 1; end); println(\"looping\"); wait(t)")
        d.expect("^looping$")
        usleep(200_000)
        kill(d.pid, SIGINT)
        d.expect("InterruptException")
        #expect(endsByItself(d, within: 10), "SIGINT did not end the session")
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

    // MARK: Heartbeats

    /// A stopped worker (SIGSTOP) added with `heartbeat_timeout` is reported and taken for
    /// dead within about the timeout: the call waiting on it fails with
    /// `ProcessExitedException`, the process is killed, and the other worker carries on.
    @Test func aStoppedWorkerMissesItsHeartbeatsAndIsTakenForDead() throws {
        let d = try LiveDist([])
        // 3 s rather than less: the watch forgives silences while this process's own timers
        // run late (by twice the beat), which a loaded machine makes happen at short beats
        d.send("addprocs(2; heartbeat_timeout = 3); println(\"ready \", workers())")
        d.expect("^ready \\[2, 3\\]$", within: 30)
        guard let stopped = d.workerOSPid(3) else { return }
        defer { kill(stopped, SIGKILL) }
        kill(stopped, SIGSTOP)
        #expect(waitStopped(stopped, seconds: 10), "the worker did not stop")
        d.send("t0 = time(); try remotecall_fetch(myid, 3) catch e; println(typeof(e), \" after \", time() - t0 < 10) end")
        d.expect("^ProcessExitedException after true$", within: 20)
        d.expectOnStderr("Worker 3 sent no heartbeat for .* s \\(heartbeat_timeout = 3.0\\): taking it for dead\\.")
        d.send("println(workers(), \" \", remotecall_fetch(+, 2, 1, 2))")
        d.expect("^\\[2\\] 3$")
        #expect(waitGone([stopped], seconds: 10), "the stopped worker was not killed")
        let r = d.finish()
        #expect(r.status == 0, "\(r.all)")
    }

    /// Busy is not dead: a worker in a long loop, and process 1 in one of its own, both
    /// longer than the timeout, keep the worker; and without the keyword nothing is watched.
    @Test func aBusyWorkerOrABusyMasterIsNotTakenForDead() throws {
        let d = try LiveDist(["--heartbeat-timeout", "1"])
        d.send("addprocs(1); println(\"ready\")")
        d.expect("^ready$", within: 30)
        d.send("println(remotecall_fetch(() -> (t = time(); n = 0; while time() - t < 3; n += 1; end; n > 0), 2))")
        d.expect("^true$", within: 20)
        d.send("t = time(); while time() - t < 3; end; println(remotecall_fetch(myid, 2))")
        d.expect("^2$", within: 20)
        d.send("sleep(2.5); println(workers())")
        d.expect("^\\[2\\]$", within: 20)
        let r = d.finish()
        #expect(!r.all.contains("heartbeat"), "\(r.all)")
        #expect(r.status == 0, "\(r.all)")
    }

    @Test func heartbeatTimeoutMustBePositive() throws {
        let r = try runDist(["-e", "addprocs(1; heartbeat_timeout = -1)"])
        #expect(r.all.contains("heartbeat_timeout must be a positive number of seconds"), "\(r.all)")
    }
}
