/// The messages of exceptions, in Julia's words (`showerror`).
extension Runtime {
    /// The text after `ERROR: ` for an exception value.
    public func errorMessage(_ v: Value, _ t: Ctx?) -> String {
        guard case .obj(let o) = v, let s = o as? JStruct else {
            return (try? repr(v, t)) ?? "error"
        }
        if let f = userFunction("showerror"), let t = t {
            let io = JIO(.buffer)
            if (try? t.call(.fn(f), [.obj(io), v])) != nil { return String(decoding: io.buffer, as: UTF8.self) }
        }
        func field(_ n: String) -> Value { s.field(n) ?? .nothing }
        func text(_ x: Value) -> String { (try? printString(x, t)) ?? "?" }
        func shown(_ x: Value) -> String { (try? repr(x, t)) ?? "?" }
        switch s.type {
        case .errorException: return text(field("msg"))
        case .argumentError: return "ArgumentError: " + text(field("msg"))
        case .undefVarError: return "UndefVarError: \(text(field("var"))) not defined"
        case .undefKeywordError: return "UndefKeywordError: keyword argument \(text(field("var"))) not assigned"
        case .undefRefError: return "UndefRefError: access to undefined reference"
        case .boundsError:
            // Julia 1.0: arrays by their summary; anything else as the REPL shows it, then the
            // index on the next line
            let a = field("a")
            var what: String
            switch a {
            case .arr(let arr): what = arraySummary(arr)
            case .range(let r): what = "\(r.count)-element \(r.jtype)"
            default: what = ((try? displayString(a, t)) ?? nil).map { $0 + "\n " } ?? typeOf(a).description
            }
            var idx = ""
            if case .tuple(let tp) = field("i") { idx = tp.items.map { text($0) }.joined(separator: ", ") } else { idx = text(field("i")) }
            return "BoundsError: attempt to access \(what) at index [\(idx)]"
        case .methodError:
            let f = field("f")
            var name: String
            switch f {
            case .fn(let fn): name = fn.name
            case .type(let ty): name = ty.description
            case .sym(let sym): name = sym.name
            default: name = "(::\(typeOf(f)))"
            }
            var args: [String] = []
            if case .tuple(let tp) = field("args") {
                if name == "convert", tp.count == 2, case .type(let target) = tp[0] {
                    return "MethodError: Cannot `convert` an object of type \(typeOf(tp[1])) to an object of type \(target)"
                }
                args = tp.items.map { "::\(typeOf($0))" }
            }
            return "MethodError: no method matching \(name)(\(args.joined(separator: ", ")))"
        case .divideError: return "DivideError: integer division error"
        case .domainError:
            let msg = text(field("msg"))
            return "DomainError with \(text(field("val")))" + (msg.isEmpty ? "" : ":\n" + msg)
        case .keyError: return "KeyError: key \(shown(field("key"))) not found"
        case .inexactError:
            // Julia names the target type unless the function is named after it (`Int64(1.5)`)
            let fn = text(field("func")), target = text(field("T"))
            return "InexactError: \(fn)(\(fn == target ? "" : target + ", ")\(shown(field("val"))))"
        case .overflowError: return "OverflowError: " + text(field("msg"))
        case .stackOverflowError: return "StackOverflowError:"
        case .interruptException: return "InterruptException:"
        case .assertionError: return "AssertionError: " + text(field("msg"))
        case .dimensionMismatch: return "DimensionMismatch(\(shown(field("msg"))))"
        case .typeError:
            if case .type(let e) = field("expected"), e === JType.bool {
                return "TypeError: non-boolean (\(typeOf(field("got")))) used in boolean context"
            }
            let ctxText = text(field("context"))
            let got = field("got")
            let gotText = { if case .type(let g) = got { return "Type{\(g)}" }; return typeOf(got).description }()
            return "TypeError: in \(text(field("func"))), \(ctxText.isEmpty ? "" : "in " + ctxText + ", ")expected \(text(field("expected"))), got \(gotText)"
        case .invalidStateException: return "InvalidStateException: " + text(field("msg"))
        case .eofError: return "EOFError: read end of file"
        case .systemError: return "SystemError: \(text(field("prefix"))): \(errnoText(field("errnum")))"
        case .stringIndexError: return "StringIndexError: invalid index [\(shown(field("index")))]"
        case .loadError:
            return "LoadError: " + errorMessage(field("error"), t) + "\nin expression starting at \(text(field("file"))):\(text(field("line")))"
        case .syntaxError: return text(field("msg"))
        case .singularException: return "SingularException(\(text(field("info"))))"
        case .processExitedException: return "ProcessExitedException(\(text(field("worker_id"))))"
        case .capturedException: return errorMessage(field("ex"), t)
        case .remoteException:
            var inner = field("captured")
            if case .obj(let co) = inner, let c = co as? JStruct, c.type === JType.capturedException { inner = c[0] }
            let pid = field("pid")
            if case .int(let p) = pid, Int(p) == pgrp.myid { return errorMessage(inner, t) }
            return "On worker \(text(pid)):\n" + errorMessage(inner, t)
        case .compositeException:
            guard case .arr(let a) = field("exceptions"), a.count > 0 else { return "CompositeException()\n" }
            // as Julia's showerror (since 1.4): the first, then how many more
            var m = errorWithRemoteTraces(a.get(0), t)
            let more = a.count - 1
            if more > 0 { m += "\n\n...and \(more) more \(more > 1 ? "exceptions" : "exception").\n" }
            return m
        case .ioError: return "IOError: " + text(field("msg"))
        case .processFailedException:
            var procs: [String] = []
            if case .arr(let a) = field("procs") {
                for i in 0..<a.count {
                    if case .obj(let o) = a.get(i), let p = o as? JProcess {
                        procs.append((try? p.showText(self, t)) ?? "Process")
                        procs[procs.count - 1] += " [\(p.exitCode ?? 0)]"
                    }
                }
            }
            return "failed process: " + procs.joined(separator: ", ")
        case .taskFailedException: return "TaskFailedException" + nestedTaskError(s, t)
        default:
            return testExceptionMessage(s) ?? shown(v)
        }
    }

    func errnoText(_ v: Value) -> String {
        guard case .int(let e) = v, let n = Int32(exactly: e), let p = strerror(n) else { return "error" }
        return String(cString: p)
    }
}

import Foundation
