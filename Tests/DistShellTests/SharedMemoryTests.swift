import Foundation
import Testing

/// Shared arrays leave nothing in /dev/shm, whatever happens to the processes mapping them.
/// Segments are named `/dist.<creator's pid>.<n>`, so each test looks only at its own.
@Suite(.timeLimit(.minutes(2)))
struct SharedMemoryTests {
    static func segments(of pid: Int32) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []).filter { $0.hasPrefix("dist.\(pid).") }
    }

    @Test func noSegmentLeftWhileArraysLive() throws {
        let d = try LiveDist(["-p", "2"])
        d.send("S = SharedArray{Float64,2}((100, 100), init = S -> S[localindices(S)] .= myid()); println(\"sum \", sum(S))")
        d.expect("^sum 25000\\.0$")
        #expect(Self.segments(of: d.pid).isEmpty, "unlinked as soon as every participant mapped it")
        // a failing init leaves nothing either
        d.send("try SharedArray{Int}(10; init = S -> error(\"init fails\")) catch e; println(\"caught \", e) end")
        d.expect("^caught .*init fails")
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
            println(sum(S))
            """)
        #expect(r.stdout == "20\nafter finalize: RemoteException\n20\n", "\(r.all)")
    }
}
