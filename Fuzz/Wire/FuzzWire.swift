import DistLang
import DistWire
import Foundation
import FuzzSupport
import NIOCore

/// Fuzz target: a frame's payload → message → values and code, then what the receiving
/// process does with them.
///
/// The input is one frame's payload (the bytes after the 4-byte length prefix, which the
/// frame decoder has already bounded). A decoded call is run as a worker runs it, `f(args...;
/// kw...)`, and its result shown; a decoded result is shown as process 1 shows it at the
/// prompt. Both run under the time budget. A `WireError` or a language error is a normal
/// outcome; only a crash, a hang or a sanitizer report is a finding.
///
/// `DIST_FUZZ_WRITE_SEEDS=DIR` writes the seed corpus instead (see `WireSeeds`) and exits.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWire(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    let p = receiver
    guard case .message(let m) = MessageCodec.decode(payload, runtime: p.runtime, source: 1, transfers: transfers, receivedCode: ReceivedCode()) else { return 0 }
    switch m {
    case .call(let f, let args, let kw, _, _):
        p.run { rt, t in _ = try rt.repr(try t.call(f, args, kw: kw), t) }
    case .result(_, let v):
        p.run { rt, t in _ = try rt.repr(v, t) }
    case .memoryProbe(let name, let token):
        // what a peer's probe makes this process do: open, check and unlink a segment
        _ = transfers.answerProbe(name: name, token: token)
    default:
        break
    }
    p.output.text = ""
    return 0
}

/// The connection's shared-memory end: arrays in segments and probes are read through it
/// (a fuzzed name matches no segment, so this fuzzes the checks before one is opened).
private let transfers = MemoryTransfers()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzWireInitialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    if let dir = ProcessInfo.processInfo.environment["DIST_FUZZ_WRITE_SEEDS"] {
        do {
            let n = try WireSeeds.write(to: dir)
            print("wrote \(n) seed payloads to \(dir)")
            exit(0)
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }
    _ = receiver
    return 0
}

/// The receiving process, kept across inputs (making a runtime per input would cost more
/// than most inputs do).
private let receiver = FuzzRuntime(prelude: fuzzPrelude)
