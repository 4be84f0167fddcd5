@testable import DistLang

/// Every case of `IR`, by name. `IRDump.kind(of:)` switches over `IR` without a default, so a
/// new case does not compile until it is named here, and the corpus test then fails until a
/// snippet produces it.
enum IRCase: String, CaseIterable {
    case literal, local, captured, global, assign, declareConst, block, ifElse, and, or, whileLoop, forLoop
    case breakLoop, continueLoop, returnValue, call, splat, op, broadcast, dotAssign, index, endOf, field
    case tuple, namedTuple, vect, hcat, vcat, hvcat, typedLiteral, comprehension, lambda, defineMethod
    case defineStruct, defineAbstract, defineModule, using, importNames, export, tryCatch, typeAssert, curly
    case interpolate, freshBoxes, sync, timed, show, everywhere, isDefined, located
}

/// Every case of `LValue`, by name (same rule as `IRCase`).
enum LValueCase: String, CaseIterable {
    case local, captured, global, index, field, tuple, discard
}

/// A canonical text of resolved code, and the cases it contains.
///
/// `IR` is not `Equatable` (locals are objects), so code is compared through this text: a
/// local is written as its index in its lambda's `locals` (as `IRWriter` numbers it), a
/// global by module path and name, a literal through `ValueDump`.
struct IRDump {
    private(set) var out = ""
    private(set) var cases: Set<IRCase> = []
    private(set) var lvalueCases: Set<LValueCase> = []
    /// The locals of the lambdas being written, innermost last.
    private var locals: [[ObjectIdentifier: Int]] = []

    /// The canonical text of a lambda.
    static func lambda(_ l: Lambda) -> String {
        var d = IRDump()
        d.lambda(l)
        return d.out
    }

    /// The case of `ir`, by an exhaustive switch.
    static func kind(of ir: IR) -> IRCase {
        switch ir {
        case .literal: return .literal
        case .local: return .local
        case .captured: return .captured
        case .global: return .global
        case .assign: return .assign
        case .declareConst: return .declareConst
        case .block: return .block
        case .ifElse: return .ifElse
        case .and: return .and
        case .or: return .or
        case .whileLoop: return .whileLoop
        case .forLoop: return .forLoop
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .returnValue: return .returnValue
        case .call: return .call
        case .splat: return .splat
        case .op: return .op
        case .broadcast: return .broadcast
        case .dotAssign: return .dotAssign
        case .index: return .index
        case .endOf: return .endOf
        case .field: return .field
        case .tuple: return .tuple
        case .namedTuple: return .namedTuple
        case .vect: return .vect
        case .hcat: return .hcat
        case .vcat: return .vcat
        case .hvcat: return .hvcat
        case .typedLiteral: return .typedLiteral
        case .comprehension: return .comprehension
        case .lambda: return .lambda
        case .defineMethod: return .defineMethod
        case .defineStruct: return .defineStruct
        case .defineAbstract: return .defineAbstract
        case .defineModule: return .defineModule
        case .using: return .using
        case .importNames: return .importNames
        case .export: return .export
        case .tryCatch: return .tryCatch
        case .typeAssert: return .typeAssert
        case .curly: return .curly
        case .interpolate: return .interpolate
        case .freshBoxes: return .freshBoxes
        case .sync: return .sync
        case .timed: return .timed
        case .show: return .show
        case .everywhere: return .everywhere
        case .isDefined: return .isDefined
        case .located: return .located
        }
    }

    /// The case of `lv`, by an exhaustive switch.
    static func kind(of lv: LValue) -> LValueCase {
        switch lv {
        case .local: return .local
        case .captured: return .captured
        case .global: return .global
        case .index: return .index
        case .field: return .field
        case .tuple: return .tuple
        case .discard: return .discard
        }
    }

    private mutating func emit(_ s: String) { out += s }

    private func localName(_ v: LocalVar) -> String {
        guard let i = locals.last?[ObjectIdentifier(v)] else { return "%?\(v.name.name)" }
        return "%\(i)"
    }

    private func global(_ g: GlobalRef) -> String {
        (g.module.map { $0.name } + [g.name.name]).joined(separator: ".")
    }

    mutating func lambda(_ l: Lambda) {
        let isOutermost = locals.isEmpty
        let parent = locals.last
        var table: [ObjectIdentifier: Int] = [:]
        for (i, v) in l.locals.enumerated() { table[ObjectIdentifier(v)] = i }
        locals.append(table)
        defer { locals.removeLast() }
        emit("(lambda \(l.name) locals[")
        for v in l.locals {
            emit(" \(v.name.name)@\(v.slot)\(v.boxed ? "!" : "")")
            if let t = v.declaredType { emit("::"); node(t) }
        }
        emit(" ] params[")
        for p in l.params {
            emit(" \(p.name.name)=\(localName(p.local))")
            if let t = p.type { emit("::"); node(t) }
            if let d = p.defaultValue { emit(":="); node(d) }
        }
        emit(" ] required \(l.nRequired) vararg \(l.isVararg) kw[")
        for k in l.kwParams {
            emit(" \(k.name.name)=\(localName(k.local))")
            if let t = k.type { emit("::"); node(t) }
            if let d = k.defaultValue { emit(":="); node(d) }
        }
        emit(" ] splat \(l.kwSplat.map { localName($0) } ?? "-") slots \(l.nslots) captures[")
        // The outermost closure's cells travel as values, so where they came from is not sent.
        if isOutermost {
            emit(" \(l.captures.count) cells")
        } else {
            for c in l.captures {
                switch c {
                case .local(let v): emit(" outer%\(parent?[ObjectIdentifier(v)].map { String($0) } ?? "?")")
                case .captured(let i): emit(" cell\(i)")
                }
            }
        }
        emit(" ] names[\(l.captureNames.map { $0.name }.joined(separator: " "))] body ")
        node(l.body)
        emit(" globals[\(l.globalsUsed.map { global($0) }.joined(separator: " "))]")
        emit(" module[\(l.module.map { $0.name }.joined(separator: "."))] toplevel \(l.isToplevel) at \(l.file):\(l.line))")
    }

    private mutating func nodes(_ xs: [IR]) {
        emit("[")
        for (i, x) in xs.enumerated() {
            if i > 0 { emit(", ") }
            node(x)
        }
        emit("]")
    }

    private mutating func optional(_ x: IR?) {
        if let x = x { node(x) } else { emit("-") }
    }

    private mutating func localList(_ vs: [LocalVar]) {
        emit("{" + vs.map { localName($0) }.joined(separator: " ") + "}")
    }

    mutating func lvalue(_ lv: LValue) {
        lvalueCases.insert(IRDump.kind(of: lv))
        switch lv {
        case .local(let v): emit(localName(v))
        case .captured(let i, let n): emit("cell\(i):\(n.name)")
        case .global(let g): emit(global(g))
        case .index(let o, let idx, let e):
            emit("(setindex ")
            node(o)
            nodes(idx)
            emit(" end=\(e.map { localName($0) } ?? "-"))")
        case .field(let o, let n): emit("(setfield "); node(o); emit(" \(n.name))")
        case .tuple(let items):
            emit("(untuple")
            for x in items { emit(" "); lvalue(x) }
            emit(")")
        case .discard: emit("_")
        }
    }

    mutating func node(_ ir: IR) {
        let kind = IRDump.kind(of: ir)
        cases.insert(kind)
        emit("(\(kind.rawValue) ")
        switch ir {
        case .literal(let v): emit(ValueDump.of(v))
        case .local(let v): emit(localName(v))
        case .captured(let i, let n): emit("\(i) \(n.name)")
        case .global(let g): emit(global(g))
        case .assign(let lv, let v), .dotAssign(let lv, let v): lvalue(lv); emit(" "); node(v)
        case .declareConst(let g, let v): emit(global(g) + " "); node(v)
        case .block(let xs), .tuple(let xs), .vect(let xs), .hcat(let xs), .vcat(let xs), .interpolate(let xs):
            nodes(xs)
        case .ifElse(let c, let a, let b): node(c); node(a); node(b)
        case .and(let a, let b), .or(let a, let b), .whileLoop(let a, let b), .typeAssert(let a, let b),
             .typedLiteral(let a, let b):
            node(a); node(b)
        case .forLoop(let lv, let it, let body, let fresh, let breaksOuter):
            lvalue(lv); node(it); node(body); localList(fresh); emit(" \(breaksOuter)")
        case .breakLoop, .continueLoop: break
        case .returnValue(let x), .splat(let x), .sync(let x), .isDefined(let x): node(x)
        case .located(let line, let x): emit("\(line) "); node(x)
        case .call(let f, let args, let kws):
            node(f)
            nodes(args)
            for k in kws {
                emit(" \(k.name?.name ?? "...")=")
                node(k.value)
            }
        case .op(let op, let args): emit("\(op) "); nodes(args)
        case .broadcast(let f, let args), .curly(let f, let args): node(f); nodes(args)
        case .index(let o, let idx, let e):
            node(o); nodes(idx); emit(" end=\(e.map { localName($0) } ?? "-")")
        case .endOf(let v, let dim, let n): emit("\(localName(v)) \(dim)/\(n)")
        case .field(let o, let n): node(o); emit(" \(n.name)")
        case .namedTuple(let names, let xs): emit(names.map { $0.name }.joined(separator: ",") + " "); nodes(xs)
        case .hvcat(let rows, let xs): emit("\(rows) "); nodes(xs)
        case .comprehension(let c):
            for t in c.targets { lvalue(t); emit(" ") }
            nodes(c.iterables)
            optional(c.filter)
            node(c.body)
            localList(c.fresh)
            emit(" gen \(c.isGenerator) nested \(c.nested)")
        case .lambda(let l): lambda(l)
        case .defineMethod(let g, let l, let types):
            emit(global(g) + " ")
            lambda(l)
            for t in types { optional(t) }
        case .defineStruct(let d):
            emit(global(d.name) + " mutable \(d.isMutable) ")
            optional(d.supertype)
            for (n, t) in zip(d.fieldNames, d.fieldTypes) { emit(" \(n.name)::"); optional(t) }
            for c in d.constructors { lambda(c) }
        case .defineAbstract(let g, let s): emit(global(g) + " "); optional(s)
        case .defineModule(let n, let l): emit(n.name + " "); lambda(l)
        case .using(let paths): emit(paths.map { $0.map { $0.name }.joined(separator: ".") }.joined(separator: ","))
        case .importNames(let p, let names):
            emit(p.map { $0.name }.joined(separator: ".") + ": " + names.map { $0.name }.joined(separator: ","))
        case .export(let names): emit(names.map { $0.name }.joined(separator: ","))
        case .tryCatch(let b, let v, let h, let f):
            node(b); emit(" catch \(v.map { localName($0) } ?? "-") "); optional(h); optional(f)
        case .freshBoxes(let vs): localList(vs)
        case .timed(let b, let k): node(b); emit(" \(k)")
        case .show(let text, let v): emit(text.debugDescription + " "); node(v)
        case .everywhere(let e): emit("\(e.body.count) statements"); optional(e.procs); nodes(e.interpolations)
        }
        emit(")")
    }
}
