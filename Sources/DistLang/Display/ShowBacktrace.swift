import Foundation

/// `StackFrame`: one frame of a stack trace as a value (what `stacktrace()` returns and what a
/// `CapturedException` carries to another process), with Julia's fields. `linfo` is always
/// `nothing`: a frame that travelled shows its function's name only, as Julia's do.
extension JType {
    public static let stackFrame = makeStruct(
        name: "StackFrame", modulePath: [], super: any, mutable: false,
        fields: ["func", "file", "line", "linfo", "from_c", "inlined", "pointer"].map { JSym.intern($0) },
        types: [symbol, symbol, int64, any, bool, bool, int64])
}

/// Julia's error display: the message, `Stacktrace:` with one entry per frame, and where the
/// failing top-level expression starts.
extension Runtime {
    /// The text after `ERROR: ` for an error with its stack trace, as Julia's REPL and
    /// `julia file.jl` print it. `expressionStart` adds `in expression starting at file:line`
    /// for the failing top-level statement when no `LoadError` gives it (piped input).
    public func errorReport(_ e: JuliaError, _ t: Ctx?, expressionStart: Bool = false) -> String {
        var v = e.value
        var prefix = ""
        var starts: [String] = []
        while case .obj(let o) = v, let s = o as? JStruct, s.type === JType.loadError {
            prefix += "LoadError: "
            starts.append("in expression starting at \((try? printString(s[0], t)) ?? "?"):\((try? printString(s[1], t)) ?? "?")")
            v = s[2]
        }
        // a failed task's own error and trace come after the trace of where it was awaited
        var nested: JuliaError?
        if case .obj(let o) = v, let s = o as? JStruct, s.type === JType.taskFailedException,
           case .obj(let to) = s[0], let task = to as? JTask {
            nested = task.error
        }
        var text = prefix + (nested == nil ? errorWithRemoteTraces(v, t) : "TaskFailedException")
        if let bt = e.backtrace, !bt.frames.isEmpty {
            text += "\nStacktrace:\n" + stacktraceText(bt.frames.map(describe), omitted: bt.omitted)
            if expressionStart, starts.isEmpty, let top = bt.toplevel {
                starts.append("in expression starting at \(top.lambda.file):\(top.lambda.line)")
            }
        }
        if nested != nil, case .obj(let o) = v, let s = o as? JStruct { text += nestedTaskError(s, t) }
        // the innermost file's expression first, as Julia's nested `LoadError`s print
        for s in starts.reversed() { text += "\n" + s }
        return text
    }

    /// An exception's message, as Julia's `showerror`; a `RemoteException` or a
    /// `CapturedException` adds the stack trace it carries after the error it wraps (so a
    /// nested one shows each hop's), and a `TaskFailedException` the failed task's error with
    /// its trace, after its own.
    func errorWithRemoteTraces(_ v: Value, _ t: Ctx?) -> String {
        guard case .obj(let o) = v, let s = o as? JStruct else { return errorMessage(v, t) }
        var captured = s, prefix = ""
        if s.type === JType.remoteException {
            guard case .obj(let co) = s[1], let c = co as? JStruct, c.type === JType.capturedException else { return errorMessage(v, t) }
            if case .int(let p) = s[0], Int(p) != pgrp.myid { prefix = "On worker \(p):\n" }
            captured = c
        } else if s.type === JType.taskFailedException {
            return "TaskFailedException" + nestedTaskError(s, t)
        } else if s.type !== JType.capturedException {
            return errorMessage(v, t)
        }
        // Julia's showerror(io, ex, bt): the message, the trace, then what the error nests
        var text = prefix, nested = ""
        if case .obj(let eo) = captured[0], let es = eo as? JStruct, es.type === JType.taskFailedException {
            text += "TaskFailedException"
            nested = nestedTaskError(es, t)
        } else {
            text += errorWithRemoteTraces(captured[0], t)
        }
        if case .arr(let frames) = captured[1], frames.count > 0 {
            let shown = (0..<frames.count).compactMap { describe(stackFrame: frames.get($0)) }
            if !shown.isEmpty { text += "\nStacktrace:\n" + stacktraceText(shown, omitted: 0) }
        }
        return text + nested
    }

    /// The failed task's error and its trace, indented under `nested task error:`.
    func nestedTaskError(_ s: JStruct, _ t: Ctx?) -> String {
        guard case .obj(let to) = s[0], let task = to as? JTask, let e = task.error else { return "" }
        let text = e.backtrace == nil ? errorWithRemoteTraces(e.value, t) : errorReport(e, t)
        return "\n\n    nested task error: " + text.replacingOccurrences(of: "\n", with: "\n    ")
    }

    /// A frame as Julia 1.10 prints it: what ran (`f(x::Int64)`, `top-level scope`), and the
    /// module (for a method) with the file and line.
    typealias FrameText = (call: String, location: String)

    func describe(_ f: Backtrace.Frame) -> FrameText {
        let l = f.lambda
        let file = Runtime.contractUser(l.file) + ":\(f.line)"
        if l.isToplevel { return ("top-level scope", file) }
        // a recursion's frames: one entry, counted (Julia's `(repeats N times)`)
        var parts = zip(l.params.indices, f.types).map { i, ty in
            let p = l.params[i]
            return (p.name.name.hasPrefix("#") ? "" : p.name.name) + "::\(ty)" + (i == l.params.count - 1 && l.isVararg ? "..." : "")
        }
        var call = Runtime.frameName(l.name) + "(" + parts.joined(separator: ", ")
        parts = zip(l.kwParams, f.types.dropFirst(l.params.count)).map { k, ty in k.name.name + "::\(ty)" }
        if !parts.isEmpty { call += "; " + parts.joined(separator: ", ") }
        let module = l.module.last?.name ?? "Main"
        return (call + ")" + (f.repeats > 1 ? " (repeats \(f.repeats) times)" : ""), module + " " + file)
    }

    func describe(stackFrame v: Value) -> FrameText? {
        // `processed_bt` holds `(frame, times)` pairs
        if case .tuple(let tp) = v, let f = tp.first { return describe(stackFrame: f) }
        guard case .obj(let o) = v, let s = o as? JStruct, s.type === JType.stackFrame, s.count >= 3 else { return nil }
        let name = (try? printString(s[0], nil)) ?? "?"
        let file = (try? printString(s[1], nil)) ?? "?"
        let line = (try? printString(s[2], nil)) ?? "?"
        // a frame that travelled has no method instance: its function's name only, as Julia's
        return (name, Runtime.contractUser(file) + ":" + line)
    }

    /// Numbered as Julia's: ` [1] f(x::Int64)` over `   @ Main file:1`, the numbers
    /// right-aligned when there are ten or more.
    func stacktraceText(_ frames: [FrameText], omitted: Int) -> String {
        let width = String(frames.count + omitted).count + 2
        let indent = String(repeating: " ", count: width)
        var lines: [String] = []
        for (i, f) in frames.enumerated() {
            let n = "[\(i + 1)]"
            lines.append(" " + String(repeating: " ", count: width - n.count) + n + " " + f.call)
            lines.append(indent + "@ " + f.location)
            if omitted > 0 && i == frames.count - 2 {
                lines.append(indent + "⋮ (\(omitted) more frames)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// An anonymous function's frame is named as Julia's are: `(::var"#3")`.
    static func frameName(_ name: String) -> String {
        name.hasPrefix("#") ? "(::var\"\(name)\")" : name
    }

    /// A path under the home directory as `~/…` (Julia's `contractuser`).
    static func contractUser(_ path: String) -> String {
        guard let home = ProcessInfo.processInfo.environment["HOME"], home.count > 1, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// The frames of a backtrace as `StackFrame` values (what `stacktrace(catch_backtrace())`
    /// returns); a recursion's repeated frame is there once.
    func stackFrames(_ bt: Backtrace?) -> JArray {
        let frames = (bt?.frames ?? []).map(stackFrame)
        let a = JArray(eltype: .stackFrame, dims: Dims(frames.count))
        for (i, f) in frames.enumerated() { a.setRaw(i, f) }
        return a
    }

    /// An error as the `CapturedException` of its exception and where it happened, as Julia
    /// sends a failed task's error; one that is already captured (it came from another
    /// process) is left as it is.
    public func captured(_ e: JuliaError) -> Value {
        if e.backtrace == nil, e.isa(.capturedException) { return e.value }
        return .obj(JStruct(.capturedException, [e.value, .arr(capturedFrames(e.backtrace))]))
    }

    /// What a `CapturedException` carries (Julia's `process_backtrace`): `(frame, times)`
    /// pairs in a `Vector{Any}`, a frame repeated in a row counted once.
    func capturedFrames(_ bt: Backtrace?) -> JArray {
        var pairs: [(Backtrace.Frame, Int)] = []
        for f in bt?.frames ?? [] {
            if let last = pairs.last, last.0.lambda === f.lambda, last.0.line == f.line {
                pairs[pairs.count - 1].1 += f.repeats
            } else {
                pairs.append((f, f.repeats))
            }
        }
        let a = JArray(eltype: .any, dims: Dims(pairs.count))
        for (i, p) in pairs.enumerated() { a.setRaw(i, .tuple(JTuple.of([stackFrame(p.0), .int(Int64(p.1))]))) }
        return a
    }

    func stackFrame(_ f: Backtrace.Frame) -> Value {
        let name = f.isToplevel ? "top-level scope" : f.lambda.name
        return .obj(JStruct(.stackFrame, [.sym(JSym.intern(name)), .sym(JSym.intern(f.lambda.file)), .int(Int64(f.line)),
                                          .nothing, .bool(false), .bool(false), .int(0)]))
    }
}
