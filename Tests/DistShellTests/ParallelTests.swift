import Foundation
import Testing

/// pmap, @distributed and distributed garbage collection against real workers.
@Suite(.timeLimit(.minutes(3)))
struct ParallelTests {
    @Test func workerDyingDuringPmap() throws {
        let d = try LiveDist(["-p", "3"])
        guard let wpid = d.workerOSPid(2) else { return }
        d.send("r = pmap(x -> (sleep(0.02); x * 2), 1:200); println(\"pmap done \", r == 2 .* (1:200))")
        usleep(600_000)
        kill(wpid, SIGKILL)
        // either the pmap finishes on the remaining workers or it fails with the exit
        let end = d.expect("^(pmap done true|ERROR: .*ProcessExitedException.*)$", within: 30)
        #expect(!end.isEmpty)
        d.send("println(\"after \", workers())")
        d.expect("^after \\[3, 4\\]$")
        d.send("println(\"again \", pmap(x -> x + 1, 1:10) == 2:11)")
        d.expect("^again true$")
        let r = d.finish()
        #expect(r.status == 0)
    }

    @Test func pmapSendsItsClosureOncePerWorker() throws {
        // the closure captures 8 MB; sent per element, 400 elements would move 3.2 GB
        let r = try runDist(["-p", "2"], input: """
            big = rand(10^6);
            g = let big = big
                x -> x + length(big)
            end;
            t = @elapsed r = pmap(g, 1:400);
            r == (1:400) .+ 10^6
            t < 20
            remotecall_fetch(stored_values, 2)
            """, timeout: 60)
        #expect(r.stdout == "true\ntrue\n0\n", "\(r.all)")
    }

    @Test func ownersFreeFetchedValues() throws {
        // 4·10^4 remotecall + fetch pairs after 10^4 to warm up: the owner keeps nothing and
        // does not grow (a leak of 200 bytes a pair would show)
        let r = try runDist(["-p", "1"], input: """
            @everywhere rss() = parse(Int, split(read("/proc/self/statm", String))[2]) * 4096
            function pairs(n)
                @sync for k = 1:100
                    @async for i = 1:div(n, 100)
                        fetch(remotecall(identity, 2, i))
                    end
                end
            end
            pairs(10^4); GC.gc(); sleep(0.2)
            before = remotecall_fetch(rss, 2);
            pairs(4 * 10^4); GC.gc(); sleep(0.2)
            println("stored ", remotecall_fetch(stored_values, 2))
            println("growth ok ", remotecall_fetch(rss, 2) - before < 8 * 2^20)
            f = remotecall(() -> rand(100), 2);
            println("held ", remotecall_fetch(stored_values, 2))
            finalize(f); sleep(0.2)
            println("finalized ", remotecall_fetch(stored_values, 2))
            function drop(); remotecall(identity, 2, 1); nothing; end
            for i = 1:50; drop(); end
            GC.gc(); sleep(0.2)
            println("dropped ", remotecall_fetch(stored_values, 2))
            """, timeout: 150)
        #expect(r.stdout.contains("stored 0\n"), "\(r.all)")
        #expect(r.stdout.contains("growth ok true\n"), "\(r.all)")
        #expect(r.stdout.contains("held 1\n"), "\(r.all)")
        #expect(r.stdout.contains("finalized 0\n"), "\(r.all)")
        #expect(r.stdout.contains("dropped 0\n"), "\(r.all)")
    }

    @Test func distributedSplitsStatically() throws {
        let r = try runDist(["-p", "3"], input: """
            @distributed vcat for i = 1:10
                [(myid(), i)]
            end
            @distributed (+) for i = 1:2
                1
            end
            @distributed max for x in [3, 9, 2, 7]
                x
            end
            """)
        #expect(r.stdout == """
            10-element Array{Tuple{Int64,Int64},1}:
             (2, 1)
             (2, 2)
             (2, 3)
             (2, 4)
             (3, 5)
             (3, 6)
             (3, 7)
             (4, 8)
             (4, 9)
             (4, 10)
            2
            9

            """, "\(r.all)")
    }
}
