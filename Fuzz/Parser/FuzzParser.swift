import DistLang
import DistSyntax
import FuzzSupport

/// Fuzz target: source text → parse → resolve, the front end a REPL input goes through.
///
/// The input's bytes are the source (invalid UTF-8 becomes U+FFFD, as the REPL reads it).
/// Every statement the parser returns is resolved as a top-level statement of Main in an
/// interactive session; a syntax error is a normal outcome. Parsing runs on a deep stack, as
/// the REPL and `evalSource` in a task do, and the tree is freed there too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    DeepStack.run {
        let (stmts, _) = Parser.parseProgramPartial(source)
        var counter = 0
        for s in stmts {
            var r = Resolver(module: [], interactive: true, globalExists: { _ in false },
                             nextAnonymousName: { counter += 1; return "#\(counter)" })
            _ = try? r.resolveToplevel(s)
        }
        _ = Parser.isComplete(source)
    }
    return 0
}
