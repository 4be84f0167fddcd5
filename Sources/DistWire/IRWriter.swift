import DistLang

/// Writes resolved code: lambdas and their `IR`, one tag per case in declaration order.
///
/// A local variable is written as its index in its lambda's `locals`; a nested lambda's
/// captured cells name the enclosing lambda's locals the same way.
struct IRWriter {
    var values: ValueWriter
    /// Index of each local of the lambdas being written, innermost last.
    var localIndex: [[ObjectIdentifier: Int]] = []

    init(values: ValueWriter) { self.values = values }

    mutating func u8(_ v: UInt8) { values.w.u8(v) }
    mutating func u32(_ v: Int) { values.w.u32(v) }
    mutating func int(_ v: Int) { values.w.int(v) }
    mutating func bool(_ v: Bool) { values.w.bool(v) }
    mutating func string(_ s: String) { values.w.string(s) }

    mutating func local(_ v: LocalVar) throws {
        guard let table = localIndex.last, let i = table[ObjectIdentifier(v)] else {
            throw WireError.unsendable("code referring to a variable outside its function (\(v.name))")
        }
        u32(i)
    }

    mutating func optional(_ ir: IR?) throws {
        if let x = ir { bool(true); try node(x) } else { bool(false) }
    }

    mutating func global(_ g: GlobalRef) {
        values.w.path(g.module.map { $0.name })
        string(g.name.name)
    }

    /// A positional or keyword parameter: name, local, declared type, default.
    mutating func parameter(_ name: JSym, _ l: LocalVar, _ type: IR?, _ defaultValue: IR?) throws {
        string(name.name)
        try local(l)
        try optional(type)
        try optional(defaultValue)
    }

    mutating func lambda(_ l: Lambda) throws {
        string(l.name)
        var table: [ObjectIdentifier: Int] = [:]
        for (i, v) in l.locals.enumerated() { table[ObjectIdentifier(v)] = i }
        let parent = localIndex.last
        localIndex.append(table)
        defer { localIndex.removeLast() }
        u32(l.locals.count)
        for v in l.locals {
            string(v.name.name)
            int(v.slot)
            bool(v.boxed)
        }
        for v in l.locals { try optional(v.declaredType) }
        u32(l.params.count)
        for p in l.params { try parameter(p.name, p.local, p.type, p.defaultValue) }
        int(l.nRequired)
        bool(l.isVararg)
        u32(l.kwParams.count)
        for k in l.kwParams { try parameter(k.name, k.local, k.type, k.defaultValue) }
        if let s = l.kwSplat { bool(true); try local(s) } else { bool(false) }
        int(l.nslots)
        u32(l.captures.count)
        for c in l.captures {
            switch c {
            case .local(let v):
                guard let p = parent, let i = p[ObjectIdentifier(v)] else {
                    // the outermost closure: its cells travel as values, not as positions
                    u8(2)
                    continue
                }
                u8(0)
                u32(i)
            case .captured(let i):
                u8(1)
                u32(i)
            }
        }
        for n in l.captureNames { string(n.name) }
        try node(l.body)
        u32(l.globalsUsed.count)
        for g in l.globalsUsed { global(g) }
        values.w.path(l.module.map { $0.name })
        bool(l.isToplevel)
        string(l.file)
        int(Int(l.line))
    }

    mutating func lvalue(_ lv: LValue) throws {
        switch lv {
        case .local(let v): u8(0); try local(v)
        case .captured(let i, let n): u8(1); u32(i); string(n.name)
        case .global(let g): u8(2); global(g)
        case .index(let o, let idx, let e):
            u8(3)
            try node(o)
            try nodes(idx)
            if let v = e { bool(true); try local(v) } else { bool(false) }
        case .field(let o, let n): u8(4); try node(o); string(n.name)
        case .tuple(let items):
            u8(5)
            u32(items.count)
            for x in items { try lvalue(x) }
        case .discard: u8(6)
        }
    }

    mutating func nodes(_ xs: [IR]) throws {
        u32(xs.count)
        for x in xs { try node(x) }
    }

    mutating func locals(_ vs: [LocalVar]) throws {
        u32(vs.count)
        for v in vs { try local(v) }
    }

    mutating func node(_ ir: IR) throws {
        switch ir {
        case .literal(let v): u8(0); try values.value(v)
        case .local(let v): u8(1); try local(v)
        case .captured(let i, let n): u8(2); u32(i); string(n.name)
        case .global(let g): u8(3); global(g)
        case .assign(let lv, let v): u8(4); try lvalue(lv); try node(v)
        case .declareConst(let g, let v): u8(5); global(g); try node(v)
        case .block(let xs): u8(6); try nodes(xs)
        case .ifElse(let c, let a, let b): u8(7); try node(c); try node(a); try node(b)
        case .and(let a, let b): u8(8); try node(a); try node(b)
        case .or(let a, let b): u8(9); try node(a); try node(b)
        case .whileLoop(let c, let b): u8(10); try node(c); try node(b)
        case .forLoop(let lv, let it, let body, let fresh, let breaksOuter):
            u8(11); try lvalue(lv); try node(it); try node(body); try locals(fresh); bool(breaksOuter)
        case .breakLoop: u8(12)
        case .continueLoop: u8(13)
        case .returnValue(let v): u8(14); try node(v)
        case .call(let f, let args, let kws):
            u8(15)
            try node(f)
            try nodes(args)
            u32(kws.count)
            for k in kws {
                if let n = k.name { bool(true); string(n.name) } else { bool(false) }
                try node(k.value)
            }
        case .splat(let x): u8(16); try node(x)
        case .op(let op, let args): u8(17); u8(op.rawValue); try nodes(args)
        case .broadcast(let f, let args): u8(18); try node(f); try nodes(args)
        case .dotAssign(let lv, let v): u8(19); try lvalue(lv); try node(v)
        case .index(let o, let idx, let e):
            u8(20)
            try node(o)
            try nodes(idx)
            if let v = e { bool(true); try local(v) } else { bool(false) }
        case .endOf(let v, let dim, let n): u8(21); try local(v); int(dim); int(n)
        case .field(let o, let n): u8(22); try node(o); string(n.name)
        case .tuple(let xs): u8(23); try nodes(xs)
        case .namedTuple(let names, let xs):
            u8(24)
            u32(names.count)
            for n in names { string(n.name) }
            try nodes(xs)
        case .vect(let xs): u8(25); try nodes(xs)
        case .hcat(let xs): u8(26); try nodes(xs)
        case .vcat(let xs): u8(27); try nodes(xs)
        case .hvcat(let rows, let xs):
            u8(28)
            u32(rows.count)
            for r in rows { int(r) }
            try nodes(xs)
        case .typedLiteral(let t, let l): u8(29); try node(t); try node(l)
        case .comprehension(let c):
            u8(30)
            u32(c.targets.count)
            for t in c.targets { try lvalue(t) }
            try nodes(c.iterables)
            try optional(c.filter)
            try node(c.body)
            try locals(c.fresh)
            bool(c.isGenerator)
            bool(c.nested)
        case .lambda(let l): u8(31); try lambda(l)
        case .defineMethod(let g, let l, let types):
            u8(32)
            global(g)
            try lambda(l)
            u32(types.count)
            for t in types { try optional(t) }
        case .defineStruct(let d):
            u8(33)
            global(d.name)
            bool(d.isMutable)
            try optional(d.supertype)
            u32(d.fieldNames.count)
            for n in d.fieldNames { string(n.name) }
            for t in d.fieldTypes { try optional(t) }
            u32(d.constructors.count)
            for c in d.constructors { try lambda(c) }
        case .defineAbstract(let g, let s): u8(34); global(g); try optional(s)
        case .defineModule(let n, let l): u8(35); string(n.name); try lambda(l)
        case .using(let paths):
            u8(36)
            u32(paths.count)
            for p in paths { values.w.path(p.map { $0.name }) }
        case .importNames(let path, let names):
            u8(37)
            values.w.path(path.map { $0.name })
            values.w.path(names.map { $0.name })
        case .export(let names): u8(38); values.w.path(names.map { $0.name })
        case .tryCatch(let b, let v, let h, let f):
            u8(39)
            try node(b)
            if let v = v { bool(true); try local(v) } else { bool(false) }
            try optional(h)
            try optional(f)
        case .typeAssert(let x, let t): u8(40); try node(x); try node(t)
        case .curly(let t, let ps): u8(41); try node(t); try nodes(ps)
        case .interpolate(let xs): u8(42); try nodes(xs)
        case .freshBoxes(let vs): u8(43); try locals(vs)
        case .sync(let b): u8(44); try node(b)
        case .timed(let b, let k): u8(45); try node(b); u8(k.rawValue)
        case .show(let text, let v): u8(46); string(text); try node(v)
        case .everywhere:
            throw WireError.unsendable("@everywhere inside code sent to another process")
        case .isDefined(let x): u8(48); try node(x)
        case .located(let line, let x): u8(49); int(Int(line)); try node(x)
        }
    }
}
