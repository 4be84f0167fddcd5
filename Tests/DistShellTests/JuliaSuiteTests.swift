import Foundation
import Testing

/// One group of the port of Julia's own Distributed and SharedArrays tests
/// (`Tests/JuliaSuite/<folder>/NN_name.dist`, described in that folder's README).
///
/// A group's header names the Julia lines it translates and the workers it needs
/// (`# procs: 4`); `# timeout: S` overrides the default bound, and `# full-test: yes` marks
/// Julia's JULIA_TESTFULL block, run only when that variable is 1.
struct JuliaSuiteGroup: CustomTestStringConvertible, Sendable {
    /// `folder/NN_name`.
    let name: String
    let path: String
    let procs: Int
    let timeout: Double
    let fullTest: Bool
    /// The exact standard output expected, from a sibling `FILE.out`, if there is one.
    let expectedOutput: String?

    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("JuliaSuite").path

    /// Every group file, in name order; empty when the folder is missing.
    static func all() -> [JuliaSuiteGroup] {
        let fm = FileManager.default
        guard let entries = fm.enumerator(atPath: directory) else { return [] }
        var groups: [JuliaSuiteGroup] = []
        for case let rel as String in entries {
            let file = (rel as NSString).lastPathComponent
            guard file.hasSuffix(".dist"), file.count > 3, file.prefix(2).allSatisfy(\.isNumber),
                  file.dropFirst(2).first == "_" else { continue }
            let path = directory + "/" + rel
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            func header(_ key: String) -> String? {
                for line in text.split(separator: "\n") where line.hasPrefix("# \(key):") {
                    return line.dropFirst(key.count + 3).trimmingCharacters(in: .whitespaces)
                }
                return nil
            }
            groups.append(JuliaSuiteGroup(
                name: String(rel.dropLast(5)), path: path, procs: Int(header("procs") ?? "") ?? 0,
                timeout: Double(header("timeout") ?? "") ?? 120, fullTest: header("full-test") == "yes",
                expectedOutput: try? String(contentsOfFile: path + ".out", encoding: .utf8)))
        }
        return groups.sorted { $0.name < $1.name }
    }

    /// The groups to run now: all but the full tests, unless JULIA_TESTFULL=1.
    static func runnable() -> [JuliaSuiteGroup] {
        let full = ProcessInfo.processInfo.environment["JULIA_TESTFULL"] == "1"
        return all().filter { full || !$0.fullTest }
    }
}

/// Runs each group as `dist -p N FILE`, one at a time (each starts its own workers), under a
/// hard timeout that kills the whole process group, so a hang fails the group and never
/// stalls the run. A group passes when dist exits with status 0 and prints no `Test Failed`
/// and no `Error During Test`.
@Suite(.serialized)
struct JuliaSuiteTests {
    @Test("the Julia suite folder holds group files")
    func suiteIsPresent() {
        #expect(!JuliaSuiteGroup.all().isEmpty, "no NN_name.dist group files under \(JuliaSuiteGroup.directory)")
    }

    @Test("Julia suite group", arguments: JuliaSuiteGroup.runnable())
    func group(_ g: JuliaSuiteGroup) throws {
        var args: [String] = []
        if g.procs > 0 { args += ["-p", String(g.procs)] }
        let r = try runBounded(try distBinary(), args + [g.path], seconds: g.timeout)
        let output = r.stdout + r.stderr
        let context = "\(g.name): \(firstFailure(output) ?? "")\n--- stdout ---\n\(r.stdout)\n--- stderr ---\n\(r.stderr)"
        #expect(!r.timedOut, "timed out after \(g.timeout) s — \(context)")
        #expect(r.status == 0, "exit status \(r.status) — \(context)")
        #expect(!output.contains("Test Failed at ") && !output.contains("Error During Test at "), "\(context)")
        if let expected = g.expectedOutput {
            #expect(r.stdout == expected, "standard output differs from \(g.name).dist.out — \(context)")
        }
    }

    /// The first `Test Failed`, `Error During Test` or `ERROR:` line of the output.
    func firstFailure(_ text: String) -> String? {
        text.split(separator: "\n").first { l in
            l.contains("Test Failed at ") || l.contains("Error During Test at ") || l.hasPrefix("ERROR: ")
        }.map(String.init)
    }
}

/// Runs a program in a process group of its own with standard input from /dev/null, its
/// output in temporary files; after `seconds` the whole group is killed.
func runBounded(_ program: String, _ args: [String], seconds: Double) throws -> RunResult {
    let scratch = try Scratch()
    defer { scratch.cleanup() }
    let outPath = scratch.path + "/stdout", errPath = scratch.path + "/stderr"

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    let argv = ([program] + args).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for p in argv { free(p) }
        for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw TestFailure("posix_spawn \(program): \(String(cString: strerror(rc)))") }

    var status: Int32 = 0
    var timedOut = false
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        let w = waitpid(pid, &status, WNOHANG)
        if w == pid { break }
        if w < 0 && errno != EINTR { break }
        if Date() >= deadline {
            timedOut = true
            kill(-pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            break
        }
        usleep(50_000)
    }
    // status: the exit code when the low 7 bits (the terminating signal) are 0
    let exited = status & 0x7f == 0
    let code: Int32 = timedOut ? -1 : (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return RunResult(stdout: out, stderr: err, status: code, timedOut: timedOut)
}
