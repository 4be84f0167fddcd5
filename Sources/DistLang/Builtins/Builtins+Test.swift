/// The run-time half of Julia's `Test` library: `@test` and friends expand (in
/// `Resolver+TestMacros`) into calls of these built-ins, which judge a result, record it in
/// the innermost open test set, and print failures the way Julia does.
///
/// A test expression is evaluated by the expansion inside `try … catch`, giving either
/// `(value, terms)` — the value and, for comparisons and some calls, the evaluated operands
/// to show after `Evaluated:` — or `(exception,)` when it threw.
extension Builtins {
    static func installTest(_ rt: Runtime) {
        rt.setGlobal("Test", .obj(rt.base), in: rt.base)
        rt.setGlobal("#testsets", .obj(TestState()), in: rt.base)
        for t in [TestTypes.abstractResult, TestTypes.pass, TestTypes.fail, TestTypes.error, TestTypes.broken,
                  TestTypes.abstractTestSet, TestTypes.defaultTestSet, TestTypes.testSetException,
                  TestTypes.fallbackTestSetException] {
            rt.defType(t.name, t)
        }

        // __test(broken, expression, line, outcome, display): @test, @test_broken
        rt.def("__test") { t, a in
            try a.expect(5, "__test")
            let broken = isTrue(a[0])
            let expression = try a.string(1, "__test"), line = try a.int(2, "__test")
            let outcome = a[3], display = a[4]
            let rt = t.runtime
            let location = testLocation(rt, line)
            guard case .tuple(let o) = outcome, !o.isEmpty else { throw JuliaError.method("__test", a.array) }
            let result: TestResult
            if o.count == 1 {
                result = broken
                    ? TestResult(.broken, "test", expression: expression)
                    : TestResult(.error, "test_error", expression: expression, value: o[0],
                                 valueText: rt.errorMessage(o[0], t), location: location)
            } else {
                let value = o[0]
                switch value {
                case .bool(let ok) where broken:
                    result = ok ? TestResult(.error, "test_unbroken", expression: expression, value: value, location: location)
                                : TestResult(.broken, "test", expression: expression)
                case .bool(let ok):
                    result = ok ? TestResult(.pass, "test", expression: expression, value: value)
                                : TestResult(.fail, "test", expression: expression,
                                             data: try evaluatedText(rt, t, o[1], display), value: value, location: location)
                default:
                    result = TestResult(.error, "test_nonbool", expression: expression, value: value,
                                        valueText: (try? rt.repr(value, t)) ?? "?", location: location)
                }
            }
            return try record(rt, t, result)
        }

        // __test_skip(expression): @test_skip, @test … skip=true
        rt.def("__test_skip") { t, a in
            try a.expect(1, "__test_skip")
            return try record(t.runtime, t, TestResult(.broken, "skipped", expression: try a.string(0, "__test_skip")))
        }

        // __test_throws(expected, expression, line, outcome): @test_throws
        rt.def("__test_throws") { t, a in
            try a.expect(4, "__test_throws")
            let expected = a[0], expression = try a.string(1, "__test_throws"), line = try a.int(2, "__test_throws")
            let rt = t.runtime
            let location = testLocation(rt, line)
            guard case .tuple(let o) = a[3], !o.isEmpty else { throw JuliaError.method("__test_throws", a.array) }
            let expectedText = (try? rt.printString(expected, t)) ?? "?"
            guard o.count == 1 else {
                return try record(rt, t, TestResult(.fail, "test_throws_nothing", expression: expression,
                                                    data: expectedText, location: location))
            }
            let thrown = o[0]
            var success: Bool
            var thrownText: String
            switch expected {
            case .type(let ty):
                success = rt.isa(thrown, ty)
                thrownText = rt.typeOf(thrown).description
            case .str(let s):
                let message = rt.errorMessage(thrown, t)
                success = message.contains(s.value)
                thrownText = (try? rt.repr(.string(message), t)) ?? message
            case .obj(let e as JStruct):
                success = try sameException(rt, t, thrown, e)
                thrownText = (try? rt.printString(thrown, t)) ?? "?"
            default:
                success = isTrue(try t.call(expected, [.string(rt.errorMessage(thrown, t))]))
                thrownText = (try? rt.repr(.string(rt.errorMessage(thrown, t)), t)) ?? "?"
            }
            if success {
                return try record(rt, t, TestResult(.pass, "test_throws", expression: expression, value: thrown,
                                                    valueText: rt.typeOf(thrown).description))
            }
            return try record(rt, t, TestResult(.fail, "test_throws_wrong", expression: expression, data: expectedText,
                                                value: thrown, valueText: thrownText, location: location))
        }

        // __test_nowarn(expression, line, body): @test_nowarn expr — nothing written to
        // standard error while it runs; what was written is passed on, and the value returned
        rt.def("__test_nowarn") { t, a in
            try a.expect(3, "__test_nowarn")
            let rt = t.runtime
            let expression = try a.string(0, "__test_nowarn"), line = try a.int(1, "__test_nowarn"), body = a[2]
            let original = rt.output
            let capture = ErrorCapture(original)
            rt.output = capture
            let value: Value
            do {
                value = try t.call(body, [])
            } catch {
                rt.output = original
                throw error
            }
            rt.output = original
            original.writeError(capture.errors)
            let text = "isempty(standard error of \(expression))"
            _ = try record(rt, t, capture.errors.isEmpty
                ? TestResult(.pass, "test", expression: text, value: .bool(true))
                : TestResult(.fail, "test", expression: text, data: "isempty(" + ((try? rt.repr(.string(capture.errors), t)) ?? "") + ")",
                             value: .bool(false), location: testLocation(rt, line)))
            return value
        }

        // __test_logs(expression, line, body, patterns…; match_mode): @test_logs — the log
        // records the body makes (kept, not printed) match the patterns `(level, message)`,
        // a message being a string or a Regex: all of them in order, or with
        // match_mode = :any each pattern some record
        rt.def("__test_logs") { t, a in
            guard a.count >= 3 else { throw JuliaError.method("__test_logs", a.array) }
            let rt = t.runtime
            let expression = try a.string(0, "__test_logs"), line = try a.int(1, "__test_logs"), body = a[2]
            var any = false
            if case .sym(let m)? = a.keyword("match_mode") { any = m.name == "any" }
            rt.logCaptures.append([])
            let value: Value
            do {
                value = try t.call(body, [])
            } catch {
                rt.logCaptures.removeLast()
                throw error
            }
            let records = rt.logCaptures.removeLast()
            func matches(_ p: Value, _ r: (level: String, message: String)) -> Bool {
                guard case .tuple(let tp) = p, let first = tp.first else { return false }
                guard case .sym(let level) = first, level.name == r.level else { return false }
                guard tp.count > 1 else { return true }
                switch tp[1] {
                case .str(let s): return s.value == r.message
                case .obj(let o as JRegex): return o.matches(r.message)
                default: return false
                }
            }
            let patterns = Array(a.array.dropFirst(3))
            let ok = any
                ? patterns.allSatisfy { p in records.contains { matches(p, $0) } }
                : patterns.count == records.count && zip(patterns, records).allSatisfy { matches($0, $1) }
            let shown = "[" + records.map { "(:\($0.level), \((try? rt.repr(.string($0.message), t)) ?? ""))" }.joined(separator: ", ") + "]"
            _ = try record(rt, t, ok
                ? TestResult(.pass, "test", expression: "logs of \(expression)", value: .bool(true))
                : TestResult(.fail, "test", expression: "logs of \(expression)", data: "log records " + shown,
                             value: .bool(false), location: testLocation(rt, line)))
            return value
        }

        // __testset(description, line, body): @testset "description" begin … end
        rt.def("__testset") { t, a in
            try a.expect(3, "__testset")
            let rt = t.runtime
            let description = try rt.printString(a[0], t), line = try a.int(1, "__testset"), body = a[2]
            let state = testState(rt)
            let set = TestSet(description)
            state.stack.append(set)
            var popped = false
            defer { if !popped, let i = state.stack.lastIndex(where: { $0 === set }) { state.stack.remove(at: i) } }
            do {
                _ = try t.call(body, [])
            } catch let e as JuliaError {
                if e.isa(.interruptException) { throw e }
                let r = TestResult(.error, "nontest_error", expression: "", value: e.value,
                                   valueText: rt.errorMessage(e.value, t), location: testLocation(rt, line))
                _ = try record(rt, t, r)
            }
            if let i = state.stack.lastIndex(where: { $0 === set }) { state.stack.remove(at: i) }
            popped = true
            return try finish(rt, t, set)
        }

        // __testset_context(names, values, body): @testset let v = … end
        rt.def("__testset_context") { t, a in
            try a.expect(3, "__testset_context")
            let rt = t.runtime
            guard case .tuple(let names) = a[0], case .tuple(let values) = a[1] else { throw JuliaError.method("__testset_context", a.array) }
            var lines: [String] = []
            for (n, v) in zip(names.items, values.items) {
                lines.append((try rt.printString(n, t)) + " = " + ((try? rt.repr(v, t)) ?? "?"))
            }
            let state = testState(rt)
            let saved = state.contexts.count
            state.contexts.append(contentsOf: lines)
            defer { state.contexts.removeLast(state.contexts.count - saved) }
            return try t.call(a[2], [])
        }
    }

    static func isTrue(_ v: Value) -> Bool {
        if case .bool(true) = v { return true }
        return false
    }

    /// The open test sets of this process.
    static func testState(_ rt: Runtime) -> TestState {
        if let b = rt.base.bindings[JSym.intern("#testsets")], case .obj(let o) = b.value, let s = o as? TestState { return s }
        let s = TestState()
        rt.setGlobal("#testsets", .obj(s), in: rt.base)
        return s
    }

    /// `FILE:LINE` as Julia prints it after `Test Failed at`.
    static func testLocation(_ rt: Runtime, _ line: Int) -> String {
        (rt.pgrp.isWorker ? "none" : rt.logLocation) + ":" + String(line)
    }

    /// Julia's `record`: into the innermost test set, or (with none open) the fallback test
    /// set, which prints a failure and throws.
    static func record(_ rt: Runtime, _ t: Ctx, _ result: TestResult) throws -> Value {
        let state = testState(rt)
        if result.isFailure && !state.contexts.isEmpty { result.context = state.contexts.joined(separator: "\n              ") }
        guard let set = state.stack.last else {
            if result.isFailure {
                rt.output.write(result.text + "\n")
                throw JuliaError.make(TestTypes.fallbackTestSetException, [.string("There was an error during testing")])
            }
            return .obj(result)
        }
        switch result.kind {
        case .pass: set.passed += 1
        case .broken: set.results.append(result)
        case .fail, .error:
            rt.output.write(set.description + ": " + result.text + "\n")
            set.results.append(result)
        }
        return .obj(result)
    }

    /// Julia's `finish`: a nested set joins its parent; an outermost one prints its summary
    /// and throws `TestSetException` if anything failed or errored.
    static func finish(_ rt: Runtime, _ t: Ctx, _ set: TestSet) throws -> Value {
        set.end = monotonicSeconds()
        let state = testState(rt)
        if let parent = state.stack.last {
            parent.results.append(set)
            return .obj(set)
        }
        rt.output.write(set.summary)
        let c = set.counts
        if c.fail + c.error > 0 {
            // the failures' texts (Julia keeps the results themselves; text can cross to another process)
            let list = set.failures
            let failures = JArray(eltype: .string, dims: Dims(list.count))
            for (i, f) in list.enumerated() { failures.values[i] = .string(f.text) }
            throw JuliaError.make(TestTypes.testSetException,
                                  [.int(Int64(c.pass)), .int(Int64(c.fail)), .int(Int64(c.error)), .int(Int64(c.broken)), .arr(failures)])
        }
        return .obj(set)
    }

    /// The text after `Evaluated:`: the operands of a comparison or call with their values.
    /// `display` is `(:comparison, ops, negate)` or `(:call, name, negate)`; anything else
    /// shows nothing.
    static func evaluatedText(_ rt: Runtime, _ t: Ctx, _ terms: Value, _ display: Value) throws -> String? {
        guard case .tuple(let d) = display, d.count == 3, case .sym(let kind) = d[0],
              case .tuple(let values) = terms else { return nil }
        func term(_ v: Value) -> String {
            if case .sym(let s) = v { return s.name }
            return (try? rt.repr(v, t)) ?? "?"
        }
        var text: String
        if kind.name == "comparison", case .tuple(let ops) = d[1] {
            text = ""
            for (i, v) in values.items.enumerated() {
                if i > 0, i - 1 < ops.count { text += " " + ((try? rt.printString(ops[i - 1], t)) ?? "?") + " " }
                text += term(v)
            }
        } else {
            text = ((try? rt.printString(d[1], t)) ?? "?") + "(" + values.items.map(term).joined(separator: ", ") + ")"
        }
        if isTrue(d[2]) { text = "!(" + text + ")" }
        return text
    }

    /// `@test_throws ErrorException("msg") …`: the same type and equal fields.
    static func sameException(_ rt: Runtime, _ t: Ctx, _ thrown: Value, _ expected: JStruct) throws -> Bool {
        guard case .obj(let o) = thrown, let s = o as? JStruct, s.type === expected.type else { return false }
        guard let isequal = rt.base.bindings[JSym.intern("isequal")]?.value else { return false }
        for (x, y) in zip(s.fields, expected.fields) where !isTrue(try t.call(isequal, [x, y])) { return false }
        return true
    }
}

extension Runtime {
    /// The messages of the `Test` library's exceptions, as Julia's `showerror` prints them.
    func testExceptionMessage(_ s: JStruct) -> String? {
        if s.type === TestTypes.fallbackTestSetException, case .str(let m) = s[0] { return m.value }
        guard s.type === TestTypes.testSetException else { return nil }
        let n = s.fields.prefix(4).map { v -> String in if case .int(let i) = v { return String(i) }; return "?" }
        guard n.count == 4 else { return nil }
        return "Some tests did not pass: \(n[0]) passed, \(n[1]) failed, \(n[2]) errored, \(n[3]) broken."
    }
}

/// Passes standard output on and keeps what is written to standard error (`@test_nowarn`).
final class ErrorCapture: OutputSink {
    let next: OutputSink
    var errors = ""
    init(_ next: OutputSink) { self.next = next }
    func write(_ s: String) { next.write(s) }
    func writeError(_ s: String) { errors += s }
}
