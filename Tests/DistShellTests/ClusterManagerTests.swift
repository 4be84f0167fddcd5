import Foundation
import Testing

/// Cluster managers against the real things: OpenSSH's sshd on network-namespace hosts and a
/// two-node Slurm (see TestHosts.swift), and a manager written in the language. Each test
/// makes its own hosts and tears them down; every wait is bounded.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ClusterManagerTests {
    /// A program a user might write: a ClusterManager that starts local workers itself.
    static let fooManager = """
        using Distributed
        struct FooManager <: ClusterManager
            np::Int
        end
        function Distributed.launch(manager::FooManager, params::Dict, launched::Array, c::Condition)
            for i in 1:manager.np
                io = open(`$(params[:exename]) --worker`, "r+")
                Distributed.write_cookie(io)
                wconfig = WorkerConfig()
                wconfig.io = io.out
                wconfig.process = io
                push!(launched, wconfig)
                notify(c)
            end
        end
        function Distributed.manage(manager::FooManager, id::Integer, config::WorkerConfig, op::Symbol)
            op === :register && println("registered ", id)
        end
        pids = addprocs(FooManager(2))
        println(pids)
        println(sum(pmap(x -> myid(), 1:10)) > 0)
        @everywhere println("hello from ", myid())
        """

    @Test func aManagerWrittenInTheLanguageAddsWorkingWorkers() throws {
        let r = try runDist([], input: Self.fooManager, timeout: 60)
        #expect(r.stdout.contains("registered 2\n") && r.stdout.contains("registered 3\n"), "\(r.all)")
        #expect(r.stdout.contains("[2, 3]\ntrue\n"), "\(r.all)")
        for p in 2...3 { #expect(r.stdout.contains("      From worker \(p):\thello from \(p)"), "\(r.all)") }
    }

    @Test func unknownKeywordsAndBadTopologiesAreArgumentErrors() throws {
        let r = try runDist([], input: """
            try addprocs(1; bogus = 1) catch e; println(e) end
            try addprocs(["host"]; tunel = true) catch e; println(typeof(e), ": ", e.msg) end
            try addprocs(1; topology = :ring) catch e; println(typeof(e)) end
            """, timeout: 30)
        #expect(r.stdout.contains("ArgumentError(\"addprocs: unknown keyword argument `bogus` for LocalManager\")"), "\(r.all)")
        #expect(r.stdout.contains("ArgumentError: addprocs: unknown keyword argument `tunel` for SSHManager"), "\(r.all)")
        #expect(r.stdout.contains("ArgumentError\n"), "\(r.all)")
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func machineFileOverThreeHostsWithRealSSH() throws {
        let hosts = try TestHosts.up(3)
        defer { hosts.down() }
        let dir = try Scratch()
        defer { dir.cleanup() }
        // any blanks, counts, a bind address with a port
        let machines = try dir.write("machines", """
            # three hosts
            2*\(hosts.names[0])
            \(hosts.names[1])\t \(hosts.addresses[1]):9301
            1*\(hosts.names[2])
            """)
        let started = Date()
        let r = try runDist(["--machine-file", machines], input: """
            println(nworkers())
            println(sort(unique([remotecall_fetch(gethostname, p) for p in workers()])))
            println(sort([remotecall_fetch(getipaddr, p) for p in workers()]))
            println(remotecall_fetch(() -> remotecall_fetch(myid, workers()[end]), workers()[1]) == workers()[end])
            # the same environment as local workers: single-threaded BLAS
            println(unique([remotecall_fetch(BLAS.get_num_threads, p) for p in workers()]))
            @everywhere println("on ", gethostname())
            """, timeout: 90, env: hosts.env)
        #expect(r.status == 0, "\(r.all)")
        #expect(r.lines.first == "4", "\(r.all)")
        #expect(r.stdout.contains("[\"\(hosts.names.sorted().joined(separator: "\", \""))\"]"), "\(r.all)")
        let addrs = [hosts.addresses[0], hosts.addresses[0], hosts.addresses[1], hosts.addresses[2]].sorted()
        #expect(r.stdout.contains("[\"" + addrs.joined(separator: "\", \"") + "\"]"), "\(r.all)")
        #expect(r.stdout.contains("true\n[1]\n"), "\(r.all)")
        #expect(r.stdout.contains("\(hosts.addresses[1])"), "\(r.all)")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func sshKeywordsAsJuliasSSHManager() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let h1 = hosts.names[0], h2 = hosts.names[1]
        let binary = try distBinary()
        let r = try runDist([], input: """
            # :auto: as many workers as the host has CPUs
            p = addprocs([("\(h1)", :auto)])
            println("auto ", length(p) == remotecall_fetch(() -> Sys.CPU_THREADS, p[1]))
            # through an ssh tunnel, in a directory, with an environment variable
            p = addprocs(["\(h2)"]; tunnel = true, dir = "/tmp", env = ["DIST_TEST_VAR" => "forty-two"])
            println("tunnel ", remotecall_fetch(() -> (pwd(), readchomp(`sh -c 'echo $DIST_TEST_VAR'`)), p[1]))
            # one multiplexed connection, at most one ssh at a time, three workers on the host
            p = addprocs([("\(h2)", 3)]; multiplex = true, max_parallel = 1)
            println("multiplex ", length(p), " ", sort(unique([remotecall_fetch(gethostname, w) for w in p])))
            # exename as a command (a wrapper around dist), exeflags appended
            p = addprocs(["\(h1)"]; exename = `env DIST_WRAPPED=yes \(binary)`)
            println("exename ", remotecall_fetch(() -> readchomp(`sh -c 'echo $DIST_WRAPPED'`), p[1]))
            """, timeout: 120, env: hosts.env)
        #expect(r.lines.contains("auto true"), "\(r.all)")
        #expect(r.lines.contains("tunnel (\"/tmp\", \"forty-two\")"), "\(r.all)")
        #expect(r.lines.contains("multiplex 3 [\"\(h2)\"]"), "\(r.all)")
        #expect(r.lines.contains("exename yes"), "\(r.all)")
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func anUnreachableHostFailsFastAndNamesItself() throws {
        let hosts = try TestHosts.up(3)
        defer { hosts.down() }
        try hosts.drop(2)
        let started = Date()
        let r = try runDist([], input: """
            t = @elapsed try
                addprocs(["\(hosts.names[0])", ("\(hosts.names[1])", 2), "\(hosts.names[2])"])
            catch e
                println("failed: ", e isa CompositeException)
                showerror(stdout, e)
                println()
            end
            println("workers ", nworkers())
            println("usable ", sort([remotecall_fetch(myid, p) for p in workers()]) == workers())
            println("seconds ", t < 20)
            """, timeout: 90, env: hosts.env.merging(["DIST_SSH_CONNECT_TIMEOUT": "3"]) { $1 })
        #expect(r.stdout.contains("failed: true"), "\(r.all)")
        #expect(r.all.contains(hosts.names[2]), "the error names the unreachable host: \(r.all)")
        #expect(r.stdout.contains("workers 3\nusable true\nseconds true\n"), "\(r.all)")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func aKilledRemoteWorkerIsReportedAndTheOthersGoOn() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let d = try LiveDist([], env: hosts.env)
        d.send("addprocs([\"\(hosts.names[0])\", \"\(hosts.names[1])\"]); println(\"ready \", gethostname())")
        _ = d.expect("^ready ", within: 60)
        d.send("println(\"os \", remotecall_fetch(getpid, 3))")
        let line = d.expect("^os [0-9]+$", within: 20).last ?? ""
        guard let ospid = Int32(line.dropFirst(3)) else { Issue.record("no os pid: \(line)"); return }
        d.send("f = remotecall(() -> sleep(60), 3)")
        usleep(300_000)
        kill(ospid, SIGKILL)
        d.expectOnStderr("Worker 3 terminated", within: 20)
        d.send("try fetch(f) catch e; println(\"got \", typeof(e)) end; println(\"alive \", remotecall_fetch(myid, 2))")
        _ = d.expect("^got ProcessExitedException$", within: 20)
        _ = d.expect("^alive 2$", within: 20)
        let r = d.finish()
        #expect(r.status == 0, "\(r.all)")
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func workersOfACutOffHeadExitWithinAMinute() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let d = try LiveDist([], env: hosts.env.merging(["DIST_DEATH_TIMEOUT": "10"]) { $1 })
        d.send("addprocs([\"\(hosts.names[0])\", \"\(hosts.names[1])\"]); println(\"ready \", nworkers())")
        _ = d.expect("^ready 2$", within: 60)
        let before = hosts.pids(onHost: 0) + hosts.pids(onHost: 1)
        let workers = before.filter { pid in
            ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "").contains("--worker")
        }
        #expect(!workers.isEmpty, "no worker processes found on the hosts")
        try hosts.cutHead()
        let cut = Date()
        #expect(waitGone(workers, seconds: 60), "workers outlived their cut-off head for a minute")
        print("orphans exited \(String(format: "%.1f", Date().timeIntervalSince(cut))) s after the head was cut off")
        _ = d.finish(within: 30)
    }

    @Test(.enabled(if: TestHosts.available, TestHosts.unavailableReason))
    func sharedArraysStayOnTheirHost() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let r = try runDist([], input: """
            addprocs(2);
            addprocs([("\(hosts.names[0])", 2)]);
            println(procs(1) == [1, 2, 3])
            println(procs(4) == [4, 5])
            S = SharedArray{Int}(10);
            println(procs(S) == [2, 3])
            try SharedArray{Int}(10; pids = [2, 4]) catch e; println(e.msg) end
            println(remotecall_fetch(() -> (A = SharedArray{Int}(4; init = A -> fill!(A, 7)); sum(A)), 4))
            """, timeout: 90, env: hosts.env)
        #expect(r.stdout.contains("true\ntrue\ntrue\nSharedArray requires all requested processes to be on the same machine.\n28\n"), "\(r.all)")
    }

    @Test(.enabled(if: TestSlurm.available, TestSlurm.unavailableReason))
    func slurmOutsideAndInsideAnAllocation() throws {
        let slurm = try TestSlurm.up()
        defer { slurm.down() }
        let dist = try distBinary()
        // outside: a job of its own, one step of four tasks
        let r = try runDist([], input: """
            pids = addprocs_slurm(4; job_name = "dist-test");
            println(length(pids))
            println(length(unique([remotecall_fetch(gethostname, p) for p in pids])))
            println(sum(pmap(x -> x, 1:100)))
            """, timeout: 120, env: slurm.env)
        #expect(r.stdout == "4\n2\n5050\n", "\(r.all)")
        // the master's exit leaves no job behind
        let q = slurm.run(["squeue", "-h", "-o", "%j"])
        #expect(!q.stdout.contains("dist-test"), "\(q.all)")
        // inside: salloc -N2 -n4, then addprocs(SlurmManager())
        let inside = slurm.run(["salloc", "-N2", "-n4", dist, "-e",
                                "using ClusterManagers; println(length(addprocs(SlurmManager()))); println(nworkers())"])
        #expect(inside.stdout.contains("4\n4\n"), "\(inside.all)")
    }

    @Test(.enabled(if: TestSlurm.available, TestSlurm.unavailableReason))
    func scancelIsAWorkerDeath() throws {
        let slurm = try TestSlurm.up()
        defer { slurm.down() }
        let d = try LiveDist([], env: slurm.env)
        d.send("pids = addprocs_slurm(2; job_name = \"dist-cancel\"); println(\"ready \", length(pids))")
        _ = d.expect("^ready 2$", within: 90)
        let q = slurm.run(["squeue", "-h", "-n", "dist-cancel", "-o", "%i"])
        let job = q.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!job.isEmpty, "\(q.all)")
        d.send("f = remotecall(() -> sleep(60), 2)")
        _ = slurm.run(["scancel", job])
        d.expectOnStderr("Worker [23] terminated", within: 30)
        d.send("try fetch(f) catch e; println(\"got \", typeof(e)) end")
        _ = d.expect("^got ProcessExitedException$", within: 30)
        _ = d.finish()
    }
}
