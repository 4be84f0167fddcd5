import Foundation
import Testing

/// Long sessions keep flat memory: what is shipped to a worker (closures, the code of
/// `@spawnat`, remote channels) and Futures of process 1 that a worker fetched are freed once
/// no reference holds them. The same patterns as `Scripts/bench soak`, fewer times.
@Suite(.timeLimit(.minutes(5)))
struct SoakTests {
    @Test func memoryStaysFlatUnderRepeatedRemoteWork() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("share/bench/soak/soak.dist").path
        // 4000 repetitions: before the fixes each pattern grew by 1.8 to 4.7 MB
        let r = try runDist(["-p", "1", script, "4000"], timeout: 240)
        #expect(r.status == 0, "\(r.all)")
        let rows = r.lines.filter { $0.hasPrefix("pattern ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count == 5, "\(r.all)")
        for row in rows where row.count == 4 {
            let worker = Int(row[2]) ?? .max, master = Int(row[3]) ?? .max
            #expect(worker < 1024 && master < 1024, "\(row[1]): worker +\(worker) KB, process 1 +\(master) KB over 4000")
        }
    }
}
