import Foundation

/// Tracing the message flow: every message between processes and every remote call's run,
/// recorded by each process while tracing is on (`dist --trace FILE`, `trace_start(file)`,
/// `trace_stop()`, `@trace expr`).
///
/// Each process keeps its own events; process 1 gathers them at `trace_stop()`. A message is
/// a send slice on the sender and a receive slice on the receiver, joined by a flow arrow
/// whose id both sides compute alike (the sender's pid, the receiver's, and the message's
/// number on that connection, which TCP keeps in order). A remote call's run is a slice on
/// the process that ran it. Written out, the events are the Chrome Trace Event format that
/// Perfetto and chrome://tracing open: processes are pids, timestamps are microseconds.
public final class Tracer {
    /// One event, as Chrome's trace format has it.
    public struct Event {
        public var ph: String
        public var name: String
        public var pid: Int
        public var ts: Double
        public var dur: Double?
        public var id: String?
        public var args: [String: String]
    }

    public private(set) var events: [Event] = []
    let pid: () -> Int
    /// Bound on the events one process keeps (a long trace is cut, not the machine's memory).
    static let maxEvents = 2_000_000

    init(pid: @escaping () -> Int) { self.pid = pid }

    /// Microseconds of wall-clock time (comparable between processes of one host).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
    }

    func add(_ e: Event) {
        if events.count < Tracer.maxEvents { events.append(e) }
    }

    /// A message this process sent (`seq`: its number on the connection to `to`).
    public func sent(to: Int, kind: String, detail: String, bytes: Int, seq: Int) {
        let me = pid(), t = Tracer.now(), flow = "\(me)-\(to)-\(seq)"
        let args = ["to": String(to), "kind": kind, "detail": detail, "bytes": String(bytes)]
        add(Event(ph: "X", name: "send \(kind)", pid: me, ts: t, dur: 1, id: nil, args: args))
        add(Event(ph: "s", name: kind, pid: me, ts: t, dur: nil, id: flow, args: [:]))
    }

    /// A message this process received (`seq`: its number on the connection from `from`).
    public func received(from: Int, kind: String, detail: String, bytes: Int, seq: Int) {
        let me = pid(), t = Tracer.now(), flow = "\(from)-\(me)-\(seq)"
        let args = ["from": String(from), "kind": kind, "detail": detail, "bytes": String(bytes)]
        add(Event(ph: "X", name: "receive \(kind)", pid: me, ts: t, dur: 1, id: nil, args: args))
        add(Event(ph: "f", name: kind, pid: me, ts: t, dur: nil, id: flow, args: [:]))
    }

    /// A remote call's run on this process.
    public func ran(_ name: String, from caller: Int, start: Double, end: Double) {
        add(Event(ph: "X", name: name, pid: pid(), ts: start, dur: max(end - start, 0.5), id: nil,
                  args: ["caller": String(caller)]))
    }

    /// The events as one line of JSON each (for gathering them on process 1).
    public func jsonLines() -> [String] { events.map(Tracer.json) }

    static func json(_ e: Event) -> String {
        var d: [String: Any] = ["ph": e.ph, "name": e.name, "pid": e.pid, "tid": 1, "ts": e.ts]
        if let dur = e.dur { d["dur"] = dur }
        if let id = e.id {
            d["id"] = id
            d["cat"] = "message"
            if e.ph == "f" { d["bp"] = "e" }
        }
        if !e.args.isEmpty { d["args"] = e.args }
        let data = (try? JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A whole trace file: the events of every process, with each process named.
    public static func file(_ lines: [String], pids: [Int]) -> String {
        // a flow arrow needs both ends: messages sent or received while one side was not yet
        // recording (a worker's first messages) keep their slices but lose the arrow
        var starts = Set<String>(), ends = Set<String>()
        for l in lines where l.contains("\"cat\":\"message\"") {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any],
                  let id = obj["id"] as? String else { continue }
            if obj["ph"] as? String == "s" { starts.insert(id) } else { ends.insert(id) }
        }
        let both = starts.intersection(ends)
        let kept = lines.filter { l in
            guard l.contains("\"cat\":\"message\""),
                  let obj = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any],
                  let id = obj["id"] as? String else { return true }
            return both.contains(id)
        }
        var all = pids.map { p in
            #"{"args":{"name":"\#(p == 1 ? "process 1 (master)" : "worker \(p)")"},"name":"process_name","ph":"M","pid":\#(p),"tid":1}"#
        }
        all += kept
        return "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n" + all.joined(separator: ",\n") + "\n]}\n"
    }

    /// `@trace`'s lines: each message as `src → dst  kind  detail`, in the order sent.
    public static func sequence(_ lines: [String]) -> [String] {
        var sends: [(Double, String)] = []
        for l in lines {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any],
                  obj["ph"] as? String == "X", let name = obj["name"] as? String, name.hasPrefix("send "),
                  let args = obj["args"] as? [String: String], let ts = obj["ts"] as? Double,
                  let pid = obj["pid"] as? Int, let to = args["to"] else { continue }
            let kind = args["kind"] ?? "", detail = args["detail"] ?? ""
            let k = kind.padding(toLength: max(kind.count, 7), withPad: " ", startingAt: 0)
            sends.append((ts, "\(pid) → \(to)  \(k) \(detail)"))
        }
        return sends.sorted { $0.0 < $1.0 }.map { $0.1 }
    }
}

extension Tracer {
    /// The name a call's slice and line show: the function's.
    public static func callName(_ f: Value, _ rt: Runtime) -> String {
        if case .fn(let fn) = f {
            if fn.isClosure { return "anonymous function" }
            return Tracer.machineryNames[fn.name] ?? fn.name
        }
        return "\(rt.typeOf(f))"
    }

    /// What the library's own remote functions do, as a run's slice names them.
    static let machineryNames = [
        "__fetch_ref": "fetch", "__wait_ref": "wait", "__put_ref": "put!", "__isready_ref": "isready",
        "__channel_op": "RemoteChannel operation", "__make_channel": "make RemoteChannel",
        "__pmap_exec": "pmap element", "__pmap_batch": "pmap batch", "__pfor_chunk": "@distributed chunk",
        "__pfor_run": "@distributed chunk", "__run_thunks": "@everywhere", "__exec_from_cache": "cached function",
        "__keep_shared": "map SharedArray", "__init_shared": "SharedArray init", "__drop_shared": "unmap SharedArray",
        "__pool_op": "pool operation",
    ]

    /// The tracing machinery's own calls, which a trace leaves out.
    /// Whether `f` is the call that turns tracing on (done on receipt, before later messages).
    public static func isEnable(_ f: Value) -> Bool {
        if case .fn(let fn) = f { return fn.name == "__trace_enable" }
        return false
    }

    public static func isInternal(_ f: Value) -> Bool {
        if case .fn(let fn) = f { return fn.name.hasPrefix("__trace") || fn.name == "__heartbeats" }
        return false
    }

    /// A short text for a value in a trace line.
    public static func brief(_ v: Value, _ rt: Runtime) -> String {
        var s = (try? rt.repr(v, nil)) ?? "\(rt.typeOf(v))"
        if let nl = s.firstIndex(of: "\n") { s = String(s[..<nl]) + "…" }
        return s.count > 48 ? String(s.prefix(47)) + "…" : s
    }
}

extension ProcessGroup {
    /// Starts recording (on this process only).
    public func startTracing() {
        if tracer == nil { tracer = Tracer(pid: { [unowned(unsafe) self] in self.myid }) }
    }

    /// Stops recording; returns what was recorded.
    public func stopTracing() -> [String] {
        let lines = tracer?.jsonLines() ?? []
        tracer = nil
        return lines
    }
}

extension Builtins {
    static func installTracing(_ rt: Runtime) {
        rt.def("trace_start") { t, a in
            // trace_start([file]): every process records messages and remote calls until
            // trace_stop(), which writes them to `file` as a Chrome trace
            try a.expect(0...1, "trace_start")
            let pg = t.runtime.pgrp!
            pg.traceFile = a.count == 1 ? t.runtime.resolvePath(try a.string(0, "trace_start")) : nil
            try tracingEverywhere(true, t)
            return .nothing
        }
        rt.def("trace_stop") { t, a in
            try a.expect(0, "trace_stop")
            let pg = t.runtime.pgrp!
            let lines = try tracingEverywhere(false, t)
            if let file = pg.traceFile {
                pg.traceFile = nil
                let text = Tracer.file(lines, pids: pg.backend.procs())
                guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                    throw JuliaError.system("opening file \"\(file)\"", EACCES)
                }
            }
            return .int(Int64(lines.count))
        }
        rt.def("__trace_enable") { t, _ in
            t.runtime.pgrp.startTracing()
            return .nothing
        }
        rt.def("__trace_collect") { t, _ in
            .arr(Runtime.stringVector(t.runtime.pgrp.stopTracing()))
        }
        rt.def("__trace") { t, a in
            // @trace expr: the messages the expression makes, one line each, then its value
            try a.expect(1, "@trace")
            try tracingEverywhere(true, t)
            let value: Value
            do {
                value = try t.call(a[0], [])
            } catch {
                let lines = try tracingEverywhere(false, t)
                for l in Tracer.sequence(lines) { t.runtime.output.write(l + "\n") }
                throw error
            }
            let lines = try tracingEverywhere(false, t)
            let seq = Tracer.sequence(lines)
            if seq.isEmpty { t.runtime.output.write("(no messages)\n") }
            for l in seq { t.runtime.output.write(l + "\n") }
            return value
        }
    }

    /// Turns tracing on or off on every process; off returns every process's events.
    @discardableResult
    static func tracingEverywhere(_ on: Bool, _ t: Ctx) throws -> [String] {
        let pg = t.runtime.pgrp!
        let others = pg.backend.procs().filter { $0 != pg.myid }
        if on {
            pg.startTracing()
            // no reply to wait for: a connection keeps its messages in order, so each worker
            // starts recording before anything this process sends it next
            let enable = Value.fn(try t.runtime.baseFunction("__trace_enable"))
            for p in others { try pg.remoteDo(enable, p, [], [], t) }
            return []
        }
        var lines = pg.stopTracing()
        let collect = Value.fn(try t.runtime.baseFunction("__trace_collect"))
        for p in others {
            if case .arr(let a) = try pg.remotecallFetch(collect, p, [], [], t) {
                for i in 0..<a.count { if case .str(let s) = a.get(i) { lines.append(s.value) } }
            }
        }
        return lines
    }
}
