import DistLang
import DistWire

/// What a trace says of each message (see DistLang's Tracing.swift): a kind and a short,
/// readable detail — the function a call runs and its arguments, what a fetch or a reply
/// refers to — so that `@trace` teaches what `remotecall`, `fetch`, `@spawnat`, `pmap` and
/// `@distributed` actually send.
extension WireMessage {
    /// nil for the tracing machinery's own messages.
    func traceDescription(_ rt: Runtime) -> (kind: String, detail: String)? {
        func ref(_ r: RRID) -> String { "(\(r.whence), \(r.id))" }
        func args(_ xs: [Value]) -> String { xs.map { Tracer.brief($0, rt) }.joined(separator: ", ") }
        switch self {
        case .call(let f, let a, _, let rrid, let notify):
            if Tracer.isInternal(f) { return nil }
            let name = Tracer.callName(f, rt)
            var raw = ""
            if case .fn(let fn) = f { raw = fn.name }
            let reply = rrid.map { " → Future\(ref($0))" } ?? (notify != nil ? " → reply" : " (no reply)")
            func refArg() -> String {
                if a.count >= 2, case .int(let w) = a[0], case .int(let i) = a[1] { return "Future(\(w), \(i))" }
                return args(a)
            }
            switch raw {
            case "__fetch_ref": return ("fetch", refArg())
            case "__wait_ref": return ("wait", refArg())
            case "__put_ref": return ("put!", refArg() + (a.count > 2 ? " = " + Tracer.brief(a[2], rt) : ""))
            case "__isready_ref": return ("isready", refArg())
            case "__channel_op":
                let op = a.count > 2 ? Tracer.brief(a[2], rt) : "?"
                return ("channel", "RemoteChannel\(a.count >= 2 ? "(\(Tracer.brief(a[0], rt)), \(Tracer.brief(a[1], rt)))" : "") \(op)")
            case "__make_channel": return ("call", "make RemoteChannel" + reply)
            case "__pmap_exec": return ("call", "pmap element " + (a.count > 2 ? Tracer.brief(a[2], rt) : "") + reply)
            case "__pmap_batch": return ("call", "pmap batch" + reply)
            case "__pfor_chunk":
                let range = a.count >= 5 ? "\(Tracer.brief(a[3], rt)):\(Tracer.brief(a[4], rt))" : ""
                return ("call", "@distributed chunk \(range)" + reply)
            case "__pfor_run":
                let range = a.count >= 4 ? "\(Tracer.brief(a[2], rt)):\(Tracer.brief(a[3], rt))" : ""
                return ("call", "@distributed chunk \(range)" + reply)
            case "__run_thunks": return ("call", "@everywhere (\(a.count) statement\(a.count == 1 ? "" : "s"))" + reply)
            case "__exec_from_cache": return ("call", "cached function(\(args(Array(a.dropFirst()))))" + reply)
            case "__keep_shared": return ("call", "map SharedArray" + reply)
            case "__init_shared": return ("call", "SharedArray init" + reply)
            case "__drop_shared": return ("call", "unmap SharedArray")
            case "__pool_op": return ("pool", a.count > 2 ? Tracer.brief(a[2], rt) : "op")
            default: return ("call", "\(name)(\(args(a)))" + reply)
            }
        case .result(let r, let v): return ("result", "\(ref(r)) = \(Tracer.brief(v, rt))")
        case .addClients(let l): return ("holders+", l.map { "\(ref($0.0)) by \($0.1)" }.joined(separator: ", "))
        case .delClients(let l): return ("holders-", l.map { "\(ref($0.0)) by \($0.1)" }.joined(separator: ", "))
        case .join(let pid, let peers, _, _): return ("join", "you are \(pid), \(peers.count) workers")
        case .joinAck: return ("joined", "")
        case .identify(let pid): return ("identify", "I am \(pid)")
        case .peers(let ps): return ("peers", "\(ps.count) workers")
        case .connectTo(let pid): return ("connect", "to \(pid)")
        case .error(_, let text): return ("error", text)
        case .heartbeat: return nil
        case .memoryProbe: return ("probe", "is /dev/shm shared? (large arrays would skip the socket)")
        case .memoryProbeAck(let ok): return ("probe", ok ? "/dev/shm shared" : "/dev/shm not shared")
        }
    }
}
