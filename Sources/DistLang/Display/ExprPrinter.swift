/// Julia's text of quoted expressions: `show(:(a + b))` is `:(a + b)`, `print` gives `a + b`,
/// and a block shows as `quote … end` with its line numbers as `#= file:line =#` comments.
///
/// Operators print infix with Julia's precedences, parenthesising an operand whose operator
/// binds no tighter than the one around it, as `Base.show_unquoted` does.
struct ExprPrinter {
    let rt: Runtime
    let t: Ctx?

    /// Julia's operator precedences (`Base.operator_precedence`).
    static func precedence(_ op: String) -> Int {
        switch op {
        case "=", "+=", "-=", "*=", "/=", "//=", "\\=", "^=", "÷=", "%=", "<<=", ">>=", ">>>=", "|=", "&=", "⊻=",
             ".=", ".+=", ".-=", ".*=", "./=", ":=", "~": return 1
        case "=>": return 2
        case "?": return 3
        case "-->", "<--", "<-->": return 4
        case "||": return 5
        case "&&": return 6
        case "==", "!=", "≠", "<", "<=", "≤", ">", ">=", "≥", "===", "≡", "!==", "≢", "≈", "≉", "in", "∈", "∉", "isa",
             "<:", ">:", "⊆", "⊂", "⊇", "⊃", "∋", "∌",
             ".==", ".!=", ".<", ".<=", ".>", ".>=", ".≈": return 7
        case "<|": return 8
        case "|>": return 9
        case ":", "..": return 10
        case "+", "-", "|", "⊻", "∪", "++", ".+", ".-", ".|": return 11
        case "*", "/", "÷", "%", "&", "\\", "∩", "⋅", "×", "∘", ".*", "./", ".÷", ".%", ".\\", ".&": return 12
        case "//", ".//": return 13
        case "<<", ">>", ">>>", ".<<", ".>>", ".>>>": return 14
        case "^", ".^": return 15
        case "::": return 16
        case ".": return 17
        default: return 0
        }
    }

    static let unaryOperators: Set<String> = ["-", "+", "!", "~", "¬", "√", "∛", ".-", ".+", ".!", "<:", ">:"]

    /// `show(ex)`: `:(…)`, or `quote … end` for a block.
    func show(_ v: Value) throws -> String {
        if case .obj(let o as JStruct) = v {
            if o.type === JType.expr {
                let (head, _) = ExprSyntax.parts(o)
                if head == "block" { return try block(o, 0, keyword: "quote") }
                return ":(" + (try unquoted(v, 0, -1)) + ")"
            }
            if o.type === JType.quoteNode { return ":(" + (try unquoted(v, 0, -1)) + ")" }
            if o.type === JType.lineNumberNode { return ":(" + (try unquoted(v, 0, -1)) + ")" }
        }
        return try rt.repr(v, t)
    }

    /// `print(ex)`: the code as written, a block as `begin … end`.
    func print(_ v: Value) throws -> String {
        if case .obj(let o as JStruct) = v, o.type === JType.quoteNode { return try show(v) }
        return try unquoted(v, 0, -1)
    }

    func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    func lineComment(_ s: JStruct) -> String {
        let line = s[0]
        let file = s.count > 1 ? s[1] : .nothing
        if case .sym(let f) = file { return "#= \(f.name):\((try? rt.repr(line, t)) ?? "?") =#" }
        return "#= line \((try? rt.repr(line, t)) ?? "?") =#"
    }

    /// A leaf value inside an expression.
    func leaf(_ v: Value, _ prec: Int) throws -> String {
        switch v {
        case .sym(let s):
            // an operator alone needs parentheses where it could be read as one
            if ExprPrinter.precedence(s.name) > 0 && prec > 0 { return "(" + s.name + ")" }
            return s.name
        case .nothing: return "nothing"
        default: return try rt.repr(v, t)
        }
    }

    func unquoted(_ v: Value, _ indent: Int, _ prec: Int) throws -> String {
        guard case .obj(let o as JStruct) = v else { return try leaf(v, prec) }
        if o.type === JType.lineNumberNode { return lineComment(o) }
        if o.type === JType.quoteNode {
            if case .sym(let s) = o[0] { return ":" + s.name }
            return "$(QuoteNode(" + (try rt.repr(o[0], t)) + "))"
        }
        guard o.type === JType.expr else { return try rt.repr(v, t) }
        let (head, args) = ExprSyntax.parts(o)
        func u(_ x: Value, _ p: Int = 0) throws -> String { try unquoted(x, indent, p) }
        func list(_ xs: ArraySlice<Value>, _ sep: String = ", ") throws -> String { try xs.map { try u($0) }.joined(separator: sep) }
        func parenthesised(_ s: String, _ p: Int) -> String { p <= prec ? "(" + s + ")" : s }

        switch head {
        case "call":
            guard let f = args.first else { break }
            let rest = args.dropFirst()
            if case .sym(let fs) = f {
                let op = fs.name
                let p = ExprPrinter.precedence(op)
                let hasParams = rest.contains { ExprSyntax.isExpr($0, "parameters") || ExprSyntax.isExpr($0, "kw") }
                if p > 0 && !hasParams && !rest.contains(where: { ExprSyntax.isExpr($0, "...") }) {
                    if rest.count == 2 || rest.count > 2 && (op == "+" || op == "*") || rest.count == 3 && op == ":" {
                        let sep = op == ":" ? ":" : " \(op) "
                        return parenthesised(try rest.map { try u($0, p) }.joined(separator: sep), p)
                    }
                }
                if rest.count == 1 && ExprPrinter.unaryOperators.contains(op) {
                    let x = rest.first!
                    let inner = try u(x, 14)
                    let needsParens = ExprSyntax.isExpr(x, "call") && inner.first != "("
                        && ExprPrinter.precedence(callName(x)) > 0 && ExprSyntax.exprArgs(x).count > 2
                    return op + (needsParens ? "(" + inner + ")" : inner)
                }
            }
            return try callText(try u(f, 17), rest)
        case ".":
            if args.count == 2 {
                if case .obj(let q as JStruct) = args[1], q.type === JType.quoteNode, case .sym(let n) = q[0] {
                    return try u(args[0], 17) + "." + n.name
                }
                if ExprSyntax.isExpr(args[1], "tuple") {
                    return try u(args[0], 17) + ".(" + (try list(ExprSyntax.exprArgs(args[1])[...])) + ")"
                }
            }
        case "=", "+=", "-=", "*=", "/=", "//=", "\\=", "^=", "÷=", "%=", "<<=", ">>=", ">>>=", "|=", "&=", "⊻=", ".=", "kw":
            guard args.count == 2 else { break }
            let op = head == "kw" ? "=" : head
            let rhs: String
            if ExprSyntax.isExpr(args[1], "block") { rhs = try block(args[1].structValue!, indent, keyword: "begin") } else { rhs = try u(args[1], 1) }
            return parenthesised(try u(args[0], 1) + " \(op) " + rhs, 1)
        case "&&", "||":
            let p = ExprPrinter.precedence(head)
            return parenthesised(try args.map { try u($0, p) }.joined(separator: " \(head) "), p)
        case "comparison":
            var s = ""
            for (i, a) in args.enumerated() {
                if i % 2 == 1, case .sym(let op) = a { s += " \(op.name) " } else { s += try u(a, 7) }
            }
            return parenthesised(s, 7)
        case "<:", ">:":
            if args.count == 2 { return parenthesised(try u(args[0], 7) + head + (try u(args[1], 7)), 7) }
            if args.count == 1 { return head + (try u(args[0], 14)) }
        case "::":
            if args.count == 2 { return try u(args[0], 16) + "::" + (try u(args[1], 16)) }
            if args.count == 1 { return "::" + (try u(args[0], 16)) }
        case "...":
            if args.count == 1 { return try u(args[0], 17) + "..." }
        case "'":
            if args.count == 1 { return try u(args[0], 17) + "'" }
        case "tuple":
            if args.count == 1 && !ExprSyntax.isExpr(args[0], "parameters") { return "(" + (try u(args[0])) + ",)" }
            return "(" + (try callArguments(args[...])) + ")"
        case "vect": return "[" + (try list(args[...])) + "]"
        case "hcat", "row": return "[" + (try list(args[...], " ")) + "]"
        case "vcat":
            return "[" + (try args.map { a -> String in
                if ExprSyntax.isExpr(a, "row") { return try list(ExprSyntax.exprArgs(a)[...], " ") }
                return try u(a)
            }.joined(separator: "; ")) + "]"
        case "typed_hcat": return try u(args[0], 17) + "[" + (try list(args.dropFirst(), " ")) + "]"
        case "typed_vcat": return try u(args[0], 17) + "[" + (try list(args.dropFirst(), "; ")) + "]"
        case "ref": return try u(args[0], 17) + "[" + (try list(args.dropFirst())) + "]"
        case "curly": return try u(args[0], 17) + "{" + (try list(args.dropFirst())) + "}"
        case "comprehension": return "[" + (try generatorText(args.first ?? .nothing)) + "]"
        case "typed_comprehension": return try u(args[0], 17) + "[" + (try generatorText(args[1])) + "]"
        case "generator", "flatten": return "(" + (try generatorText(v)) + ")"
        case "string":
            var s = "\""
            for a in args {
                if case .str(let x) = a { s += String(rt.quoteString(x.value).dropFirst().dropLast()) } else { s += "$(" + (try u(a)) + ")" }
            }
            return s + "\""
        case "quote":
            if args.count == 1 {
                if ExprSyntax.isExpr(args[0], "block") { return try block(args[0].structValue!, indent, keyword: "quote") }
                return ":(" + (try u(args[0])) + ")"
            }
        case "$":
            if args.count == 1 {
                if case .sym = args[0] { return "$" + (try u(args[0])) }
                return "$(" + (try u(args[0])) + ")"
            }
        case "macrocall":
            guard let m = args.first else { break }
            var s = ""
            var rest = args.dropFirst()
            if let l = rest.first, case .obj(let ln as JStruct) = l, ln.type === JType.lineNumberNode {
                s = lineComment(ln) + " "
                rest = rest.dropFirst()
            } else if let l = rest.first, case .nothing = l {
                rest = rest.dropFirst()
            }
            s += try leaf(m, 0)
            if !rest.isEmpty { s += " " + (try rest.map { try u($0) }.joined(separator: " ")) }
            return s
        case "block": return try block(o, indent, keyword: "begin")
        case "return": return "return" + (args.isEmpty ? "" : " " + (try u(args[0])))
        case "break", "continue": return head
        case "global", "local", "const", "export":
            return head + " " + (try list(args[...]))
        case "using", "import":
            return head + " " + (try args.map { try importText($0) }.joined(separator: ", "))
        case "if", "elseif", "while", "for", "let", "function", "try", "module", "struct", "abstract":
            return try compound(head, args, indent)
        case "->":
            if args.count == 2 {
                var body = args[1]
                if ExprSyntax.isExpr(body, "block") {
                    let stmts = ExprSyntax.exprArgs(body).filter { !ExprSyntax.isLine($0) }
                    if stmts.count == 1 { body = stmts[0] }
                }
                return parenthesised(try u(args[0], 4) + " -> " + (try u(body, 0)), 4)
            }
        default: break
        }
        return "$(Expr(" + (try ([Value.sym(JSym.intern(head))] + args).map { try rt.repr($0, t) }.joined(separator: ", ")) + "))"
    }

    func callName(_ v: Value) -> String {
        if case .sym(let s) = ExprSyntax.exprArgs(v).first ?? .nothing { return s.name }
        return ""
    }

    /// `f(a, b; k = 1)`.
    func callText(_ f: String, _ rest: ArraySlice<Value>) throws -> String {
        f + "(" + (try callArguments(rest)) + ")"
    }

    func callArguments(_ rest: ArraySlice<Value>) throws -> String {
        var params: [String] = []
        var positional: [String] = []
        for a in rest {
            if ExprSyntax.isExpr(a, "parameters") {
                params = try ExprSyntax.exprArgs(a).map { try unquoted($0, 0, 0) }
            } else {
                positional.append(try unquoted(a, 0, 0))
            }
        }
        var s = positional.joined(separator: ", ")
        if !params.isEmpty { s += "; " + params.joined(separator: ", ") }
        return s
    }

    func generatorText(_ g: Value) throws -> String {
        if ExprSyntax.isExpr(g, "flatten") {
            var levels: [String] = []
            var cur = ExprSyntax.exprArgs(g).first ?? .nothing
            while ExprSyntax.isExpr(cur, "generator") {
                let a = ExprSyntax.exprArgs(cur)
                levels.insert(try specsText(a.dropFirst()), at: 0)
                cur = a[0]
                if !ExprSyntax.isExpr(cur, "generator") { break }
            }
            return try unquoted(cur, 0, 0) + " " + levels.reversed().map { "for " + $0 }.joined(separator: " ")
        }
        let a = ExprSyntax.exprArgs(g)
        guard let body = a.first else { return "" }
        return try unquoted(body, 0, 0) + " for " + (try specsText(a.dropFirst()))
    }

    func specsText(_ xs: ArraySlice<Value>) throws -> String {
        var parts: [String] = []
        var cond: String?
        for x in xs {
            if ExprSyntax.isExpr(x, "filter") {
                let f = ExprSyntax.exprArgs(x)
                cond = try unquoted(f[0], 0, 0)
                parts += try f.dropFirst().map { try iterationText($0) }
            } else {
                parts.append(try iterationText(x))
            }
        }
        return parts.joined(separator: ", ") + (cond.map { " if " + $0 } ?? "")
    }

    func iterationText(_ x: Value) throws -> String {
        let a = ExprSyntax.exprArgs(x)
        guard a.count == 2 else { return try unquoted(x, 0, 0) }
        return try unquoted(a[0], 0, 0) + " = " + (try unquoted(a[1], 0, 0))
    }

    func importText(_ v: Value) throws -> String {
        if ExprSyntax.isExpr(v, ":") {
            let a = ExprSyntax.exprArgs(v)
            return try importText(a[0]) + ": " + (try a.dropFirst().map { try importText($0) }.joined(separator: ", "))
        }
        if ExprSyntax.isExpr(v, ".") {
            var s = ""
            for x in ExprSyntax.exprArgs(v) {
                guard case .sym(let n) = x else { continue }
                if n.name == "." { s += "." } else { s += (s.isEmpty || s.hasSuffix(".") ? "" : ".") + n.name }
            }
            return s
        }
        return try unquoted(v, 0, 0)
    }

    /// The statements of a block, one per line at `indent + 4`.
    func statements(_ v: Value, _ indent: Int) throws -> String {
        let items: [Value] = ExprSyntax.isExpr(v, "block") ? ExprSyntax.exprArgs(v) : [v]
        return try items.map { "\n" + pad(indent + 4) + (try unquoted($0, indent + 4, 0)) }.joined()
    }

    func block(_ o: JStruct, _ indent: Int, keyword: String) throws -> String {
        keyword + (try statements(.obj(o), indent)) + "\n" + pad(indent) + "end"
    }

    func compound(_ head: String, _ args: [Value], _ indent: Int) throws -> String {
        func arg(_ i: Int) -> Value { i < args.count ? args[i] : .nothing }
        let end = "\n" + pad(indent) + "end"
        switch head {
        case "if", "elseif":
            var cond = arg(0)
            if ExprSyntax.isExpr(cond, "block") {
                let stmts = ExprSyntax.exprArgs(cond).filter { !ExprSyntax.isLine($0) }
                if stmts.count == 1 { cond = stmts[0] }
            }
            var s = head + " " + (try unquoted(cond, indent, 0)) + (try statements(arg(1), indent))
            if args.count > 2 {
                if ExprSyntax.isExpr(args[2], "elseif") {
                    let inner = try compound("elseif", ExprSyntax.exprArgs(args[2]), indent)
                    s += "\n" + pad(indent) + String(inner.dropLast(end.count))
                } else {
                    s += "\n" + pad(indent) + "else" + (try statements(args[2], indent))
                }
            }
            return s + end
        case "while": return "while " + (try unquoted(arg(0), indent, 0)) + (try statements(arg(1), indent)) + end
        case "for":
            let spec: String
            if ExprSyntax.isExpr(arg(0), "block") {
                spec = try ExprSyntax.exprArgs(arg(0)).map { try iterationText($0) }.joined(separator: ", ")
            } else {
                spec = try iterationText(arg(0))
            }
            return "for " + spec + (try statements(arg(1), indent)) + end
        case "let":
            var b = ""
            if ExprSyntax.isExpr(arg(0), "block") {
                b = try ExprSyntax.exprArgs(arg(0)).map { try unquoted($0, indent, 0) }.joined(separator: ", ")
            } else {
                b = try unquoted(arg(0), indent, 0)
            }
            return "let" + (b.isEmpty ? "" : " " + b) + (try statements(arg(1), indent)) + end
        case "function":
            if args.count == 1 { return "function " + (try unquoted(arg(0), indent, 0)) + " end" }
            return "function " + (try unquoted(arg(0), indent, 0)) + (try statements(arg(1), indent)) + end
        case "try":
            var s = "try" + (try statements(arg(0), indent))
            if args.count > 2, !ExprSyntax.isFalse(args[2]) {
                var v = ""
                if case .sym(let n) = arg(1) { v = " " + n.name }
                s += "\n" + pad(indent) + "catch" + v + (try statements(args[2], indent))
            }
            if args.count > 3 { s += "\n" + pad(indent) + "finally" + (try statements(args[3], indent)) }
            return s + end
        case "module":
            return "module " + (try unquoted(arg(1), indent, 0)) + (try statements(arg(2), indent)) + end
        case "struct":
            let m: String
            if case .bool(true) = arg(0) { m = "mutable struct " } else { m = "struct " }
            return m + (try unquoted(arg(1), indent, 0)) + (try statements(arg(2), indent)) + end
        case "abstract":
            return "abstract type " + (try unquoted(arg(0), indent, 0)) + " end"
        default:
            return head
        }
    }
}

extension Value {
    /// The struct this value holds, if any.
    var structValue: JStruct? {
        if case .obj(let o as JStruct) = self { return o }
        return nil
    }
}
