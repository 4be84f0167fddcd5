import Foundation
import Testing

/// Shared arrays leave nothing in /dev/shm, whatever happens to the processes mapping them.
/// Segments are named as Julia names them, `/jl<creator's pid, 6 digits><20 characters>`, so
/// each test looks only at its own.
@Suite(.timeLimit(.minutes(2)))
struct SharedMemoryTests {
    static func segments(of pid: Int32) -> [String] {
        let digits = String(pid % 1_000_000)
        let prefix = "jl" + String(repeating: "0", count: 6 - digits.count) + digits
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []).filter { $0.hasPrefix(prefix) }
    }

    @Test func noSegmentLeftWhileArraysLive() throws {
        let d = try LiveDist(["-p", "2"])
        d.send("S = SharedArray{Float64,2}((100, 100), init = S -> S[localindices(S)] .= myid()); println(\"sum \", sum(S))")
        d.expect("^sum 25000\\.0$")
        #expect(Self.segments(of: d.pid).isEmpty, "unlinked as soon as every participant mapped it")
        // a failing init leaves nothing either
        d.send("try SharedArray{Int}(10; init = S -> error(\"init fails\")) catch e; println(\"caught \", e) end")
        d.expect("^caught CompositeException")
        #expect(Self.segments(of: d.pid).isEmpty)
        d.finish()
    }

    @Test func participantKilledWhileMapping() throws {
        let d = try LiveDist(["-p", "2"])
        d.send("S = SharedArray{Int}(1000);")
        guard let wpid = d.workerOSPid(3) else { return }
        d.send("r = @spawnat 3 (S[1] = 11; sleep(60))")
        usleep(500_000)
        kill(wpid, SIGKILL)
        d.expectOnStderr("Worker 3 terminated")
        // the array lives on for the others
        d.send("remotecall_fetch(S -> (S[2] = 22; nothing), 2, S); println(\"vals \", S[1], \" \", S[2])")
        d.expect("^vals 11 22$")
        #expect(Self.segments(of: d.pid).isEmpty)
        let r = d.finish()
        #expect(r.status == 0)
    }

    @Test func finalizeReleasesEverywhere() throws {
        let r = try runDist(["-p", "2"], input: """
            S = SharedArray{Int}(8; init = S -> S[localindices(S)] .= myid());
            println(sum(S))
            finalize(S)
            sleep(0.2)
            try remotecall_fetch(S -> sum(S), 2, S) catch e; println("after finalize: ", typeof(e)) end
            try S[1] catch e; println("here: ", typeof(e)) end
            """)
        // as Julia's finalize: the participants drop their mappings, and S is empty here
        #expect(r.stdout == "20\nafter finalize: RemoteException\nhere: BoundsError\n", "\(r.all)")
    }

    /// Arrays of a megabyte or more between processes of one host travel through a reused
    /// `/dev/shm` segment (see DistWire's `MemoryTransfers`): every element type that is
    /// stored packed, both directions, worker to worker, several in flight at once (a
    /// segment still unread when the next array goes), one larger than a kept segment, the
    /// value as it was when sent, received arrays kept while more arrive (each stays in its
    /// segment, which the sender does not reuse), and a received array that grows. The same program gives the same answers through the
    /// socket, and nothing is left in /dev/shm by any of the processes.
    static let largeArrays = """
        A = rand(300, 500);
        println("float ", remotecall_fetch(x -> x, 2, A) == A, " ", size(remotecall_fetch(x -> x, 2, A)))
        I = collect(1:400_000);
        println("int ", remotecall_fetch(x -> x .+ 1, 2, I) == I .+ 1)
        C = complex.(rand(100_000), rand(100_000));
        println("complex ", remotecall_fetch(identity, 2, C) == C)
        B = rand(Bool, 2_000_000);
        println("bool ", remotecall_fetch(identity, 2, B) == B, " ", eltype(remotecall_fetch(identity, 2, B)))
        U = UInt8.(rand(0:255, 3_000_000));
        println("uint8 ", remotecall_fetch(identity, 2, U) == U)
        H = fill('λ', 500_000);
        println("char ", remotecall_fetch(identity, 2, H) == H)
        T = remotecall_fetch(x -> (x, x), 2, A);
        println("one object ", T[1] === T[2], " ", T[1] == A)
        W = remotecall_fetch(() -> remotecall_fetch(() -> fill(3.0, 200, 1000), 3), 2);
        println("worker to worker ", W == fill(3.0, 200, 1000))
        sums = zeros(6);
        @sync for i in 1:6
            @async sums[i] = remotecall_fetch(x -> sum(x), 2, fill(Float64(i), 250_000))
        end
        println("in flight to ", sums)
        got = Vector{Any}(undef, 6);
        @sync for i in 1:6
            @async got[i] = remotecall_fetch(k -> fill(Float64(k), 250_000), 2, i)
        end
        println("in flight from ", [sum(g) for g in got])
        kept = [remotecall_fetch(k -> fill(Float64(k), 200_000), 2, k) for k in 1:8];
        for k in 1:8; remotecall_fetch(() -> rand(200_000), 2); end
        println("kept ", [extrema(x) for x in kept] == [(Float64(k), Float64(k)) for k in 1:8])
        g = remotecall_fetch(() -> collect(1.0:200_000.0), 2); v = view(g, 1:3);
        push!(g, 0.5); g[1] = 7.0;
        println("grown ", length(g), " ", g[end], " ", v[1], " ", sum(g) - 7.0 - 0.5 == sum(2.0:200_000.0))
        S = rand(200_000);
        r = remotecall(x -> x, 2, S);
        s1 = S[1];
        S[1] = -1.0;
        println("as sent ", fetch(r)[1] == s1)
        """

    /// An array above the size of a kept segment gets one of its own (read once, unlinked),
    /// and the array that arrives is an ordinary one (it grows).
    static let oneOff = """
        big = remotecall_fetch(() -> (x = zeros(9_000_000); x[end] = 2.0; x), 2);
        println("one-off ", length(big), " ", sum(big))
        push!(big, 1.0);
        println("grows ", length(big))
        """

    @Test func largeArraysTravelThroughSharedMemory() throws {
        let d = try LiveDist(["-p", "2"])
        guard let w2 = d.workerOSPid(2), let w3 = d.workerOSPid(3) else { return }
        d.send(Self.largeArrays + "\n" + Self.oneOff)
        d.expect("^grows 9000001$", within: 60)
        let r = d.finish()
        let common = """
            float true (300, 500)
            int true
            complex true
            bool true Bool
            uint8 true
            char true
            one object true true
            worker to worker true
            in flight to [250000.0, 500000.0, 750000.0, 1.0e6, 1.25e6, 1.5e6]
            in flight from [250000.0, 500000.0, 750000.0, 1.0e6, 1.25e6, 1.5e6]
            kept true
            grown 200001 0.5 7.0 true
            as sent true

            """
        let expected = common + "one-off 9000000 2.0\ngrows 9000001\n"
        let output = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("OSPID") }
        #expect(output.joined(separator: "\n") == expected, "\(r.all)")
        #expect(waitGone([w2, w3], seconds: 5))
        for p in [d.pid, w2, w3] { #expect(Self.segments(of: p).isEmpty, "segments of \(p) left") }

        // the same through the socket (without the 72 MB array: slow in a debug build)
        let plain = try runDist(["-p", "2"], input: Self.largeArrays, timeout: 60, env: ["DIST_SHM_TRANSFER": "0"])
        #expect(plain.stdout == common, "\(plain.all)")
    }

    /// A worker killed with segments of its own: process 1 removes them when its connection
    /// closes (the worker told who it is when the connection was probed).
    @Test func killedWorkersSegmentsAreRemoved() throws {
        let d = try LiveDist(["-p", "1"])
        guard let w = d.workerOSPid(2) else { return }
        d.send("for i in 1:3; remotecall_fetch(() -> rand(300_000), 2); end; println(\"fetched\")")
        d.expect("^fetched$")
        #expect(!Self.segments(of: w).isEmpty, "the worker keeps a segment for the next array")
        kill(w, SIGKILL)
        d.expectOnStderr("Worker 2 terminated")
        let deadline = Date().addingTimeInterval(5)
        while !Self.segments(of: w).isEmpty && Date() < deadline { usleep(20_000) }
        #expect(Self.segments(of: w).isEmpty)
        d.finish()
    }
}
