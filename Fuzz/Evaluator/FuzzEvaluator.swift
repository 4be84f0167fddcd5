import DistLang
import Foundation
import FuzzSupport

/// Fuzz target: programs run by the interpreter in process, under the time budget.
///
/// The first byte chooses how the rest is read. Even: a program generated from the bytes
/// (`ProgramGenerator`): short sequences of calls of the built-ins on edge-case arguments
/// (`typemin`, `typemax`, 0, -1, huge sizes, empty and cyclic containers) and on each other's
/// results. Odd: the rest is source text, as a REPL input (the seeds from the project's
/// scripts and examples are of this kind). Either way the input is evaluated as the piped
/// REPL evaluates it, showing its value, so the display of odd results is fuzzed too.
///
/// `DIST_FUZZ_SHOW=1` prints each input's program and what it printed (to turn a reproducer
/// into a regression test).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let program: String
    if data[0] & 1 == 0 {
        var g = ProgramGenerator(choices: bytes, builtins: generator.builtins)
        program = g.program()
    } else {
        program = String(decoding: bytes, as: UTF8.self)
    }
    let p = process
    if show { print("---- program\n\(program)") }
    p.run { rt, t in rt.evaluateInput(program, display: true, t) }
    if show { print("---- printed\n\(p.output.text)") }
    p.output.text = ""
    p.reset()
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzEvaluatorInitialize(_ argc: UnsafeMutableRawPointer, _ argv: UnsafeMutableRawPointer) -> CInt {
    _ = generator
    return 0
}

private let show = ProcessInfo.processInfo.environment["DIST_FUZZ_SHOW"] == "1"

/// One interpreter for all inputs (a fresh runtime per input would cost more than most inputs
/// do), put back after each input as it was (`reset`), so that a finding reproduces from its
/// own input. Besides the built-ins that reach outside
/// the process, those that start tasks are gone too: a task left running would go on running
/// in the inputs after it, and the finding would not reproduce from one input.
private let process: FuzzRuntime = {
    let p = FuzzRuntime(prelude: fuzzPrelude)
    for name in ProgramGenerator.taskStarters { p.runtime.base.bindings[JSym.intern(name)] = nil }
    return p
}()

private let generator = ProgramGenerator.Catalog(process.runtime)
