import Foundation
import Testing

/// Workers as real processes: start-up, output, death, interrupts, shutdown.
@Suite(.timeLimit(.minutes(2)))
struct ClusterTests {
    @Test func workerOutputLinesArePrefixedAndWhole() throws {
        let r = try runDist(["-p", "2"], input: """
            @everywhere println("hello from ", myid())
            remotecall_fetch(2) do
                print("part one, ")
                print("part two")
                println()
                println(stderr, "to stderr")
                for i = 1:50
                    println("line ", i)
                end
            end;
            """)
        #expect(r.status == 0)
        let all = r.all.components(separatedBy: "\n")
        #expect(all.contains("hello from 1"))
        #expect(all.contains("      From worker 2:\thello from 2"))
        #expect(all.contains("      From worker 3:\thello from 3"))
        #expect(all.contains("      From worker 2:\tpart one, part two"))
        #expect(all.contains("      From worker 2:\tto stderr"))
        for i in 1...50 { #expect(all.contains("      From worker 2:\tline \(i)")) }
        for l in all where l.contains("From worker") {
            #expect(l.hasPrefix("      From worker "), "mid-line interleaving: \(l)")
        }
    }

    /// `hash` is the same in every process (Julia's is): work split by `hash(key) % n` goes to
    /// the same worker whichever process computes it. Swift's `Hasher`, seeded per process,
    /// gave each worker its own numbers.
    @Test func hashIsTheSameOnEveryProcess() throws {
        let r = try runDist(["-p", "2"], input: """
            keys = ("a", 1, 2.0, :b, (1, "x"), [1.0, 2.5], nothing, 'c', Set([1, 2]), Dict("k" => 1), 1:3, (a = 1,));
            local_hashes = [hash(k) for k in keys];
            [remotecall_fetch(ks -> [hash(k) for k in ks], w, keys) == local_hashes for w in workers()]
            [remotecall_fetch(() -> hash("a", UInt(7)), w) for w in workers()] == [hash("a", UInt(7)), hash("a", UInt(7))], hash(1) == hash(1.0), hash("a") != hash("a", UInt(7))
            """)
        #expect(r.lines == ["2-element Array{Bool,1}:", " 1", " 1", "(true, true, true)"], "\(r.all)")
    }

    /// Workers on process 1's host (and network namespace) are reached through abstract
    /// Unix-domain sockets, worker to worker too; `DIST_LOCAL_SOCKETS=0` keeps them on TCP.
    /// Worker 2 counts, from `/proc`, its sockets bound to a `@dist-…` name (listening, and
    /// accepted from process 1 and worker 3) and its TCP sockets.
    @Test func localWorkersTalkOverUnixDomainSockets() throws {
        let script = """
            @everywhere function socket_kinds()
                named = Set(split(l)[7] for l in readlines("/proc/net/unix")[2:end] if length(split(l)) >= 8 && startswith(split(l)[8], "@dist-"))
                tcp = Set(split(l)[10] for l in [readlines("/proc/net/tcp")[2:end]; readlines("/proc/net/tcp6")[2:end]])
                # ls can fail on a descriptor closed while it lists them: that one is not a socket
                fds = read(ignorestatus(`ls -l /proc/$(getpid())/fd`), String)
                ids = [split(p, "]")[1] for p in split(fds, "socket:[")[2:end]]
                (named = count(i -> i in named, ids), tcp = count(i -> i in tcp, ids))
            end
            remotecall_fetch(() -> remotecall_fetch(myid, 2), 3);
            remotecall_fetch(socket_kinds, 2)
            """
        let local = try runDist(["-p", "2"], input: script)
        #expect(local.lines == ["(named = 3, tcp = 1)"], "\(local.all)")
        let tcp = try runDist(["-p", "2"], input: script, env: ["DIST_LOCAL_SOCKETS": "0"])
        #expect(tcp.lines == ["(named = 0, tcp = 3)"], "\(tcp.all)")
    }

    @Test func remoteErrorsAndRemoteDo() throws {
        let r = try runDist(["-p", "1"], input: """
            remotecall_fetch(sqrt, 2, -1.0)
            try
                remotecall_fetch(error, 2, "inner")
            catch e
                println(typeof(e), " ", e.pid)
            end
            remote_do(error, 2, "fire and forget")
            sleep(0.5)
            rand2(n) = rand(n)
            fetch(@spawnat 2 rand2(2))
            remotecall_fetch(myid, 2)
            """)
        let all = r.all
        #expect(all.contains("ERROR: On worker 2:\nDomainError"))
        #expect(r.stdout.contains("RemoteException 2"))
        #expect(all.contains("      From worker 2:\tfire and forget"))
        #expect(all.contains("ERROR: On worker 2:\nUndefVarError: rand2 not defined"))
        #expect(r.lines.last == "2")
    }

    @Test func workerKilledDuringACall() throws {
        let d = try LiveDist(["-p", "2"])
        guard let wpid = d.workerOSPid(2) else { return }
        d.send("f = @spawnat 2 (sleep(60); 1);")
        d.send("try fetch(f) catch e; println(\"caught \", e) end")
        usleep(300_000)
        kill(wpid, SIGKILL)
        d.expect("^caught ProcessExitedException\\(2\\)$")
        d.expectOnStderr("^Worker 2 terminated\\.$")
        d.send("workers()")
        d.expect("^1-element Array\\{Int64,1\\}:\\n 3$")
        d.send("try remotecall_fetch(myid, 2) catch e; println(\"later \", e) end")
        d.expect("^later ProcessExitedException\\(2\\)$")
        d.send("remotecall_fetch(myid, 3)")
        d.expect("^3$")
        d.send("println(pmap(x -> 2x, 1:4))")
        d.expect("^\\[2, 4, 6, 8\\]$")
        let r = d.finish()
        #expect(r.status == 0)
        #expect(r.stderr.components(separatedBy: "Worker 2 terminated.").count == 2, "printed once")
    }

    @Test func workerExitIsAWorkerDeath() throws {
        let r = try runDist(["-p", "2"], input: """
            remote_do(exit, 3)
            sleep(1)
            workers()
            """)
        #expect(r.stderr.contains("Worker 3 terminated."))
        #expect(r.stdout.hasSuffix("1-element Array{Int64,1}:\n 2\n"))
    }

    @Test func masterKilledLeavesNoWorkers() throws {
        let d = try LiveDist(["-p", "2"])
        d.send("println(\"PIDS=\", remotecall_fetch(getpid, 2), \",\", remotecall_fetch(getpid, 3))")
        let g = d.expect("^PIDS=(\\d+),(\\d+)$")
        guard g.count == 3, let a = Int32(g[1]), let b = Int32(g[2]) else { return }
        d.send("@spawnat 2 sleep(60)")
        usleep(200_000)
        kill(d.pid, SIGKILL)
        #expect(waitGone([a, b], seconds: 5), "workers outlived a killed master")
    }

    @Test(arguments: ["end of input", "exit()", "script error"])
    func masterEndingStopsBlockedWorkers(_ how: String) throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let body = """
            println("PIDS=", remotecall_fetch(getpid, 2), ",", remotecall_fetch(getpid, 3))
            @spawnat 2 sleep(60)
            @spawnat 3 (while true; end)
            """
        let started = Date()
        let r: RunResult
        switch how {
        case "exit()": r = try runDist(["-p", "2"], input: body + "\nexit()\nprintln(\"not reached\")\n")
        case "script error":
            r = try runDist(["-p", "2", try dir.write("e.dist", body + "\nerror(\"boom\")\n")])
            #expect(r.status == 1)
        default: r = try runDist(["-p", "2"], input: body)
        }
        #expect(!r.timedOut)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(!r.stdout.contains("not reached"))
        let pids = r.stdout.components(separatedBy: "\n").first { $0.hasPrefix("PIDS=") }?
            .dropFirst(5).split(separator: ",").compactMap { Int32($0) } ?? []
        #expect(pids.count == 2, "\(r.all)")
        #expect(waitGone(pids, seconds: 5), "workers left running after \(how)")
    }

    @Test func interruptStopsBusyAndBlockedCalls() throws {
        let r = try runDist(["-p", "1"], input: """
            f = @spawnat 2 (s = 0; while true; s += 1; end);
            sleep(0.3)
            interrupt()
            try fetch(f) catch e; println("busy: ", e) end
            g = @spawnat 2 sleep(60);
            sleep(0.3)
            interrupt()
            try fetch(g) catch e; println("blocked: ", e) end
            remotecall_fetch(myid, 2)
            """, timeout: 30)
        #expect(r.stdout.contains("busy: RemoteException(2, CapturedException(InterruptException()"))
        #expect(r.stdout.contains("blocked: RemoteException(2, CapturedException(InterruptException()"))
        #expect(r.lines.last == "2")
    }

    @Test func addAndRemoveProcesses() throws {
        let r = try runDist([], input: """
            (workers(), nworkers(), nprocs(), procs())
            addprocs(2)
            addprocs(1)
            rmprocs(3);
            workers()
            addprocs(1)
            (nworkers(), nprocs())
            remotecall_fetch(myid, 5)
            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            ([1], 1, 1, [1])
            2-element Array{Int64,1}:
             2
             3
            1-element Array{Int64,1}:
             4
            2-element Array{Int64,1}:
             2
             4
            1-element Array{Int64,1}:
             5
            (3, 4)
            5

            """)
    }

    @Test func workerToWorkerCalls() throws {
        let r = try runDist(["-p", "3"], input: """
            r = @spawnat 2 fill(3, 4)
            s = @spawnat 3 sum(fetch(r))
            fetch(s)
            remotecall_fetch(() -> remotecall_fetch(myid, 4), 2)
            remotecall_fetch(() -> remotecall_fetch(() -> remotecall_fetch(myid, 2), 3), 4)
            remotecall_fetch(() -> remotecall_fetch(() -> myid(), 1), 3)
            """)
        #expect(r.status == 0)
        #expect(r.lines.suffix(4) == ["12", "4", "2", "1"], "\(r.all)")
    }

    @Test func startupIsQuick() throws {
        let t0 = Date()
        let r = try runDist(["-p", "4", "-e", "println(nworkers())"])
        let elapsed = Date().timeIntervalSince(t0)
        #expect(r.stdout == "4\n")
        // generous bound for a debug build on a loaded machine; Scripts/bench measures the real figure
        #expect(elapsed < 10)
    }
}
