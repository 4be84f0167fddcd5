import CDistSupport
import Foundation
import Testing

/// The thread that keeps a processor from halting after a message is sent (see
/// `CDistSupport/system.c`): it runs under SCHED_IDLE, and sleeps once its window has passed,
/// so an idle dist process costs no processor time.
struct KeepAwakeTests {
    /// The spinning thread's scheduling policy, state and processor time (clock ticks).
    func spinner() -> (policy: Int, state: String, ticks: Int)? {
        guard let tasks = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        for t in tasks {
            guard let name = try? String(contentsOfFile: "/proc/self/task/\(t)/comm", encoding: .utf8),
                  name.trimmingCharacters(in: .whitespacesAndNewlines) == "dist-awake",
                  let stat = try? String(contentsOfFile: "/proc/self/task/\(t)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // the fields after the command name: state is field 3, utime 14, stime 15, policy 41
            let f = stat[stat.index(after: close)...].split(separator: " ")
            guard f.count > 38, let u = Int(f[11]), let s = Int(f[12]), let p = Int(f[38]) else { return nil }
            return (p, String(f[0]), u + s)
        }
        return nil
    }

    @Test func theSpinnerGivesWayAndSleepsOnceItsWindowHasPassed() throws {
        dist_keep_awake()
        var found: (policy: Int, state: String, ticks: Int)?
        for _ in 0..<100 where found == nil {
            found = spinner()
            if found == nil { usleep(10_000) }
        }
        let first = try #require(found, "no dist-awake thread after a send")
        #expect(first.policy == 5, "SCHED_IDLE (5 in Linux's numbering)")
        // the window is 200 µs: well after it, the thread sleeps and uses no more time
        usleep(300_000)
        let later = try #require(spinner())
        #expect(later.state == "S")
        usleep(300_000)
        #expect(try #require(spinner()).ticks == later.ticks)
    }
}
