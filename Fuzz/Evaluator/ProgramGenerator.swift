import DistLang
import DistSyntax

/// Turns fuzz bytes into a short program of built-in calls on edge-case arguments.
///
/// Each statement calls one function of `Base` (a built-in, a Julia-defined function or a
/// type's constructor), chosen by two bytes, with up to four arguments. An argument is an
/// edge case from `arguments` or the result of an earlier statement. Every call is inside
/// `try`: an error becomes the statement's value, so that exceptions are arguments and shown
/// too. The program runs inside `let` and ends with a tuple of all results, which the REPL
/// shows. For example:
///
///     let cyc = Any[1]; cyc[1] = cyc; cycd = Dict{Any,Any}(); cycd[1] = cycd
///     x1 = try fill(typemax(Int), 0, -1) catch err; err end
///     x2 = try (==)(cyc, x1) catch err; err end
///     (x1, x2)
///     end
struct ProgramGenerator {
    var choices: UnsafeBufferPointer<UInt8>.SubSequence
    let builtins: [(name: String, arity: ClosedRange<Int>)]

    init(choices: UnsafeBufferPointer<UInt8>, builtins: [(name: String, arity: ClosedRange<Int>)]) {
        self.choices = choices[...]
        self.builtins = builtins
    }

    /// At most this many statements: the budget is for slow calls, not for long programs.
    static let maxStatements = 6

    /// Edge cases: integer and float ends, sizes that overflow or exceed memory, empty,
    /// degenerate and cyclic containers, strings with multi-byte characters, types and functions.
    static let arguments = [
        "0", "1", "-1", "2", "3", "typemin(Int)", "typemax(Int)", "typemin(Int8)", "typemax(UInt8)",
        "typemax(UInt64)", "typemin(Int32)", "10^18", "2^62", "2^31", "-2^63 + 1", "0x7f",
        "1.5", "-0.0", "NaN", "Inf", "-Inf", "1e300", "5e-324", "1//2", "2 + 3im", "true", "false",
        "nothing", "'a'", "'\\0'", "\"\"", "\"abc\"", "\"αβγ😀\"", "\"a\\0b\"", ":s", "Symbol(\"\")",
        "()", "(1, 2.0)", "(a = 1, b = 2)", "1 => 2", "[]", "Any[]", "Int[]", "[1, 2, 3]", "[3.0, NaN, -1.0]",
        "[1 2; 3 4]", "zeros(0, 3)", "zeros(2, 0)", "Array{Any}(undef, 2)", "falses(3)", "reshape(1:8, 2, 2, 2)",
        "1:0", "1:10", "1:typemax(Int)", "typemin(Int):typemax(Int)", "10:-3:1", "0.0:0.1:1.0", "typemax(Int):-1:1",
        "Dict()", "Dict(1 => \"a\", 2 => \"b\")", "Set()", "Set([1, 2])", "Ref(1)", "IOBuffer(\"xy\")",
        "cyc", "cycd", "view([1, 2, 3], 2:3)", "Channel(1)", "Int", "Float64", "Any", "String", "Vector{Int}",
        "Union{}", "Nothing", "identity", "+", "x -> x", "(x, y) -> y", "(a...) -> a", "x -> error(\"e\")",
        "Base", "Main", "Point(1.0, 2.0)", "Account(\"a\", 1)", "ErrorException(\"e\")", "\"a\"^3",
    ]

    /// The program's first line: the cyclic containers the arguments name.
    static let header = "let cyc = Any[1]; cyc[1] = cyc; cycd = Dict{Any,Any}(); cycd[1] = cycd"

    mutating func byte() -> Int? {
        guard let b = choices.first else { return nil }
        choices = choices.dropFirst()
        return Int(b)
    }

    mutating func program() -> String {
        var lines = [ProgramGenerator.header]
        var results: [String] = []
        while results.count < ProgramGenerator.maxStatements, let hi = byte(), let lo = byte(), let n = byte() {
            let f = builtins[(hi << 8 | lo) % builtins.count]
            // mostly a count the function takes, sometimes any count up to four
            let fewest = f.arity.lowerBound, most = min(f.arity.upperBound, fewest + 4)
            let count = n & 0x80 == 0 ? fewest + n % (most - fewest + 1) : n % 5
            var args: [String] = []
            for _ in 0..<count {
                let a = byte() ?? 0
                if a >= 0xF0, !results.isEmpty {
                    args.append(results[a % results.count])
                } else {
                    args.append(ProgramGenerator.arguments[a % ProgramGenerator.arguments.count])
                }
            }
            let x = "x\(results.count + 1)"
            lines.append("\(x) = try \(f.name)(\(args.joined(separator: ", "))) catch err; err end")
            results.append(x)
        }
        lines.append("(" + results.joined(separator: ", ") + (results.count == 1 ? ",)" : ")"))
        lines.append("end")
        return lines.joined(separator: "\n")
    }

    /// Built-ins that start tasks: removed from the fuzzed runtime (see `process`).
    static let taskStarters = [
        "__async", "schedule", "Task", "__spawnat", "remotecall", "remotecall_fetch", "remotecall_wait", "remote_do",
        "pmap", "asyncmap", "__distributed", "__pfor_run", "__pfor_chunk", "__run_thunks", "bind", "Timer",
    ]

    /// The functions a program may call: every global of `Base` that is a function or a type,
    /// spelled so that it parses as a callee (`(+)`, `push!`), with its argument counts.
    struct Catalog {
        let builtins: [(name: String, arity: ClosedRange<Int>)]

        init(_ rt: Runtime) {
            var out: [(String, ClosedRange<Int>)] = []
            for (sym, b) in rt.base.bindings {
                let name = sym.name
                guard !name.hasPrefix("@") else { continue }
                var arity = 0...4
                switch b.value {
                case .fn(let f):
                    if let bi = f.builtin { arity = bi.minArgs...max(bi.minArgs, bi.maxArgs) }
                case .type:
                    break
                default:
                    continue
                }
                let callee = Catalog.isIdentifier(name) ? name : "(\(name))"
                // only what the parser reads back as that one name
                guard (try? Parser.parseProgram(callee + "(1)")) != nil else { continue }
                out.append((callee, arity))
            }
            builtins = out.sorted { $0.0 < $1.0 }
        }

        static func isIdentifier(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
            return s.unicodeScalars.allSatisfy { $0 == "_" || $0 == "!" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }
}
