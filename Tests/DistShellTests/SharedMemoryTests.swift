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
}
