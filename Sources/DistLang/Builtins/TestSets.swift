import Foundation

/// The results and test sets of Julia's `Test` library: what `@test` records and what
/// `@testset` prints at its end.
///
/// Julia keeps the current test set in task-local state; here each process keeps one stack
/// (tasks switch only at blocking points, so a test set's body and the tests it starts
/// synchronously record into it). With no test set open, results go to the fallback test
/// set, which prints a failure and throws at once, as Julia's does.

/// One test's outcome (`Test.Pass`, `Test.Fail`, `Test.Error`, `Test.Broken`).
public final class TestResult: JObject, CustomShow, FieldAccessible {
    /// The four result types, and for failures and errors the variant Julia names `test_type`.
    enum Kind {
        case pass
        case fail
        case error
        case broken
    }

    let kind: Kind
    /// Julia's `test_type`: `test`, `test_throws`, `test_throws_wrong`, `test_throws_nothing`,
    /// `test_error`, `test_nonbool`, `test_unbroken`, `nontest_error`, `skipped`.
    let testType: String
    /// The test expression as written.
    let expression: String
    /// What the failure shows after `Evaluated:`/`Expected:`, if anything.
    let data: String?
    /// The result's value: the thrown exception of a passing `@test_throws`, the value of a
    /// test expression, or the text shown for a failure.
    let value: Value
    /// Text shown for a failure or error (the thrown type, an error message).
    let valueText: String
    /// `FILE:LINE` of the test.
    let location: String
    /// `Context:` lines added by `@testset let`.
    var context: String?

    init(_ kind: Kind, _ testType: String, expression: String, data: String? = nil, value: Value = .nothing,
         valueText: String = "", location: String = "") {
        self.kind = kind
        self.testType = testType
        self.expression = expression
        self.data = data
        self.value = value
        self.valueText = valueText
        self.location = location
    }

    public override var jtype: JType {
        switch kind {
        case .pass: return TestTypes.pass
        case .fail: return TestTypes.fail
        case .error: return TestTypes.error
        case .broken: return TestTypes.broken
        }
    }

    var isFailure: Bool { kind == .fail || kind == .error }

    /// Julia's `show` of a result: the text a failing test prints.
    var text: String {
        switch kind {
        case .pass:
            return testType == "test_throws" ? "Test Passed\n      Thrown: " + valueText : "Test Passed"
        case .broken:
            return testType == "skipped" ? "Test Broken\n  Skipped: " + expression : "Test Broken\n  Expression: " + expression
        case .fail:
            var s = "Test Failed at \(location)\n  Expression: \(expression)"
            switch testType {
            case "test_throws_wrong":
                s += "\n    Expected: \(data ?? "")\n      Thrown: \(valueText)"
            case "test_throws_nothing":
                s += "\n    Expected: \(data ?? "")\n  No exception thrown"
            default:
                if let d = data { s += "\n   Evaluated: " + d }
                if let c = context { s += "\n     Context: " + c }
            }
            return s + "\n"
        case .error:
            var s = "Error During Test at \(location)\n"
            switch testType {
            case "test_nonbool":
                s += "  Expression evaluated to non-Boolean\n  Expression: \(expression)\n       Value: \(valueText)"
            case "test_unbroken":
                s += " Unexpected Pass\n Expression: \(expression)\n Got correct result, please change to @test if no longer broken."
            case "nontest_error":
                s += "  Got exception outside of a @test\n" + TestResult.indent(valueText)
            default:
                s += "  Test threw exception\n  Expression: \(expression)\n" + TestResult.indent(valueText)
            }
            if let c = context { s += "\n     Context: " + c }
            return s + "\n"
        }
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        var s = text
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "test_type": return .sym(JSym.intern(testType))
        case "orig_expr": return .string(expression)
        case "value": return value
        case "data": return data.map { .string($0) } ?? .nothing
        default: return nil
        }
    }
}

/// `Test.DefaultTestSet`: the results of one `@testset`, its child test sets included.
public final class TestSet: JObject, CustomShow, FieldAccessible {
    let description: String
    var passed = 0
    /// Failures, errors, broken tests and finished child test sets, in order.
    var results: [JObject] = []
    let start = monotonicSeconds()
    var end: Double?

    init(_ description: String) { self.description = description }

    public override var jtype: JType { TestTypes.defaultTestSet }

    /// Counts of this set alone and of its children: pass, fail, error, broken.
    var counts: (pass: Int, fail: Int, error: Int, broken: Int) {
        var c = (pass: passed, fail: 0, error: 0, broken: 0)
        for r in results {
            if let t = r as? TestResult {
                switch t.kind {
                case .fail: c.fail += 1
                case .error: c.error += 1
                case .broken: c.broken += 1
                case .pass: c.pass += 1
                }
            } else if let s = r as? TestSet {
                let k = s.counts
                c.pass += k.pass; c.fail += k.fail; c.error += k.error; c.broken += k.broken
            }
        }
        return c
    }

    var anyNonPass: Bool { let c = counts; return c.fail + c.error > 0 }

    /// The failures and errors of this set and its children.
    var failures: [TestResult] {
        results.flatMap { r -> [TestResult] in
            if let t = r as? TestResult { return t.isFailure ? [t] : [] }
            if let s = r as? TestSet { return s.failures }
            return []
        }
    }

    /// Julia's `format_duration`: `0.3s`, or `1m05.2s` past a minute.
    var duration: String {
        guard let e = end else { return "" }
        let d = e - start
        if d < 60 { return String(format: "%.1fs", d) }
        let m = (d / 60).rounded(.down)
        return String(format: "%dm%04.1fs", Int(m), d - m * 60)
    }

    /// The summary table Julia prints when an outermost test set finishes.
    var summary: String {
        let c = counts
        func width(_ n: Int, _ header: String) -> Int { n > 0 ? max(header.count, String(n).count) : 0 }
        let passW = width(c.pass, "Pass"), failW = width(c.fail, "Fail")
        let errorW = width(c.error, "Error"), brokenW = width(c.broken, "Broken")
        let total = c.pass + c.fail + c.error + c.broken
        let totalW = max("Total".count, String(total).count)
        let durationW = max("Time".count, duration.count)
        let align = max(alignment(0), "Test Summary:".count)
        var out = pad("Test Summary:", align) + " | "
        for (w, h) in [(passW, "Pass"), (failW, "Fail"), (errorW, "Error"), (brokenW, "Broken"), (totalW, "Total")] where w > 0 {
            out += lpad(h, w) + "  "
        }
        out += lpad("Time", durationW) + "\n"
        rows(0, align, [passW, failW, errorW, brokenW, totalW], durationW, &out)
        return out
    }

    func alignment(_ depth: Int) -> Int {
        let own = 2 * depth + description.count
        guard anyNonPass else { return own }
        return results.compactMap { ($0 as? TestSet)?.alignment(depth + 1) }.reduce(own, max)
    }

    func rows(_ depth: Int, _ align: Int, _ widths: [Int], _ durationW: Int, _ out: inout String) {
        let c = counts
        out += pad(String(repeating: "  ", count: depth) + description, align) + " | "
        let numbers = [c.pass, c.fail, c.error, c.broken]
        for (n, w) in zip(numbers, widths) where w > 0 {
            out += lpad(n > 0 ? String(n) : " ", w) + "  "
        }
        out += lpad(String(numbers.reduce(0, +)), widths[4]) + "  "
        out += lpad(duration, durationW) + "\n"
        if c.pass + c.broken != numbers.reduce(0, +) {
            for r in results { (r as? TestSet)?.rows(depth + 1, align, widths, durationW, &out) }
        }
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let c = counts
        return "Test.DefaultTestSet(\(rt.quoteString(description)), \(c.pass) passed, \(c.fail) failed, \(c.error) errored, \(c.broken) broken)"
    }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "description": return .string(description)
        case "n_passed": return .int(Int64(passed))
        case "anynonpass": return .bool(anyNonPass)
        default: return nil
        }
    }
}

/// The test sets open in one process, innermost last, with the context of `@testset let`.
final class TestState: JObject {
    var stack: [TestSet] = []
    var contexts: [String] = []
}

/// The types of the `Test` library's values.
enum TestTypes {
    static let abstractResult = JType(name: "Result", super: .any, abstract: true)
    static let pass = JType(name: "Pass", super: abstractResult)
    static let fail = JType(name: "Fail", super: abstractResult)
    static let error = JType(name: "Error", super: abstractResult)
    static let broken = JType(name: "Broken", super: abstractResult)
    static let abstractTestSet = JType(name: "AbstractTestSet", super: .any, abstract: true)
    static let defaultTestSet = JType(name: "DefaultTestSet", super: abstractTestSet, mutable: true)
    /// Thrown at the end of an outermost test set that had failures or errors.
    static let testSetException = JType.exceptionType("TestSetException", ["pass", "fail", "error", "broken", "errors_and_fails"])
    /// Thrown by a failing test outside any test set.
    static let fallbackTestSetException = JType.exceptionType("FallbackTestSetException", ["msg"], [.string])
}
