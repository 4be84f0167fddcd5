import DistLang

/// Reads resolved code written by `IRWriter`, rebuilding each lambda's local variables.
struct IRReader {
    var values: ValueReader
    /// Locals of the lambdas being read, innermost last.
    var localsStack: [[LocalVar]] = []
    /// For each lambda being read, innermost last: one more than the highest captured-cell
    /// index its code uses. It must not exceed the lambda's cell count (checked when the
    /// lambda is read), or running the code would read past the closure's cells.
    var cellsUsed: [Int] = []
    var depth = 0

    init(values: ValueReader) { self.values = values }

    mutating func u8() throws -> UInt8 { try values.r.u8() }
    mutating func count() throws -> Int { try values.r.count() }
    mutating func int() throws -> Int { try values.r.int() }
    mutating func bool() throws -> Bool { try values.r.bool() }
    mutating func string() throws -> String { try values.r.string() }
    mutating func sym() throws -> JSym { JSym.intern(try values.r.string()) }

    /// A captured cell of the lambda being read (`level` 0), or of the one around it (1).
    mutating func cell(level: Int = 0) throws -> Int {
        let i = try values.r.u32()
        let k = cellsUsed.count - 1 - level
        // the outermost lambda's own capture list names cells of the function it was made in,
        // which are not sent (the closure arrives with its cells made): nothing to check
        guard k >= 0 else {
            if level > 0 { return i }
            throw WireError.malformed("a captured cell outside a function")
        }
        cellsUsed[k] = max(cellsUsed[k], i + 1)
        return i
    }

    mutating func local() throws -> LocalVar {
        let i = try values.r.u32()
        guard let table = localsStack.last, i < table.count else { throw WireError.malformed("bad local variable index") }
        return table[i]
    }

    mutating func optional() throws -> IR? {
        try bool() ? try node() : nil
    }

    mutating func global() throws -> GlobalRef {
        let path = try values.r.path().map { JSym.intern($0) }
        return GlobalRef(module: path, name: try sym())
    }

    /// A positional or keyword parameter: name, local, declared type, default.
    mutating func parameter() throws -> (name: JSym, local: LocalVar, type: IR?, defaultValue: IR?) {
        let name = try sym()
        let l = try local()
        return (name, l, try optional(), try optional())
    }

    mutating func lambda(parentLocals: [LocalVar]?) throws -> Lambda {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw WireError.malformed("functions nested too deeply") }
        let name = try string()
        let n = try count()
        var locals: [LocalVar] = []
        for _ in 0..<n {
            let ln = try sym()
            let slot = try int()
            let boxed = try bool()
            guard slot >= 0 && slot < 1 << 20 else { throw WireError.malformed("bad slot") }
            locals.append(LocalVar(name: ln, slot: slot, boxed: boxed))
        }
        let parent = localsStack.last
        localsStack.append(locals)
        defer { localsStack.removeLast() }
        cellsUsed.append(0)
        defer { cellsUsed.removeLast() }
        for v in locals { v.declaredType = try optional() }
        let np = try count()
        var params: [ParamInfo] = []
        for _ in 0..<np {
            let p = try parameter()
            params.append(ParamInfo(name: p.name, local: p.local, type: p.type, defaultValue: p.defaultValue))
        }
        let nRequired = try int()
        guard nRequired >= 0 && nRequired <= np else { throw WireError.malformed("\(nRequired) required parameters of \(np)") }
        let isVararg = try bool()
        let nk = try count()
        var kws: [KeywordParamInfo] = []
        for _ in 0..<nk {
            let p = try parameter()
            kws.append(KeywordParamInfo(name: p.name, local: p.local, type: p.type, defaultValue: p.defaultValue))
        }
        let kwSplat = try bool() ? try local() : nil
        let nslots = try int()
        // every slot must lie in the frame the lambda gets (`max(nslots, locals.count)` below)
        guard nslots >= 0 && nslots < 1 << 20 && locals.allSatisfy({ $0.slot < max(nslots, locals.count) }) else {
            throw WireError.malformed("bad frame size")
        }
        let nc = try count()
        var captures: [CaptureSource] = []
        for k in 0..<nc {
            let kind = try u8()
            switch kind {
            case 0:
                let i = try values.r.u32()
                guard let p = parent, i < p.count else { throw WireError.malformed("bad captured variable") }
                captures.append(.local(p[i]))
            case 1: captures.append(.captured(try cell(level: 1)))
            case 2: captures.append(.captured(k))
            default: throw WireError.badTag("capture", kind)
            }
        }
        var captureNames: [JSym] = []
        for _ in 0..<nc { captureNames.append(try sym()) }
        let body = try node()
        let ng = try count()
        var globals: [GlobalRef] = []
        for _ in 0..<ng { globals.append(try global()) }
        let module = try values.r.path().map { JSym.intern($0) }
        let isToplevel = try bool()
        guard let used = cellsUsed.last, used <= nc else { throw WireError.malformed("a captured cell that does not exist") }
        let l = Lambda(name: name, params: params, nRequired: nRequired, isVararg: isVararg, kwParams: kws, kwSplat: kwSplat,
                       nslots: max(nslots, locals.count), locals: locals, captures: captures, captureNames: captureNames,
                       body: body, globalsUsed: globals, module: module, isToplevel: isToplevel)
        l.file = try string()
        l.line = Int32(clamping: try int())
        return l
    }

    mutating func lvalue() throws -> LValue {
        let tag = try u8()
        switch tag {
        case 0: return .local(try local())
        case 1: return .captured(try cell(), try sym())
        case 2: return .global(try global())
        case 3:
            let o = try node()
            let idx = try nodes()
            return .index(o, idx, endVar: try bool() ? try local() : nil)
        case 4: return .field(try node(), try sym())
        case 5:
            let n = try count()
            var items: [LValue] = []
            for _ in 0..<n { items.append(try lvalue()) }
            return .tuple(items)
        case 6: return .discard
        default: throw WireError.badTag("assignment target", tag)
        }
    }

    mutating func nodes() throws -> [IR] {
        let n = try count()
        var out: [IR] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try node()) }
        return out
    }

    mutating func localList() throws -> [LocalVar] {
        let n = try count()
        var out: [LocalVar] = []
        for _ in 0..<n { out.append(try local()) }
        return out
    }

    mutating func node() throws -> IR {
        depth += 1
        defer { depth -= 1 }
        if depth > 2000 { throw WireError.malformed("code nested too deeply") }
        let tag = try u8()
        switch tag {
        case 0: return .literal(try values.value())
        case 1: return .local(try local())
        case 2: return .captured(try cell(), try sym())
        case 3: return .global(try global())
        case 4: return .assign(try lvalue(), try node())
        case 5: return .declareConst(try global(), try node())
        case 6: return .block(try nodes())
        case 7: return .ifElse(try node(), try node(), try node())
        case 8: return .and(try node(), try node())
        case 9: return .or(try node(), try node())
        case 10: return .whileLoop(try node(), try node())
        case 11:
            let lv = try lvalue(), it = try node(), body = try node()
            return .forLoop(lv, it, body, fresh: try localList(), breaksOuter: try bool())
        case 12: return .breakLoop
        case 13: return .continueLoop
        case 14: return .returnValue(try node())
        case 15:
            let f = try node(), args = try nodes()
            let nk = try count()
            var kws: [KeywordIR] = []
            for _ in 0..<nk {
                let name = try bool() ? try sym() : nil
                kws.append(KeywordIR(name: name, value: try node()))
            }
            return .call(f, args, kws)
        case 16: return .splat(try node())
        case 17:
            let o = try u8()
            guard let op = Op(rawValue: o) else { throw WireError.badTag("operator", o) }
            let args = try nodes()
            if args.isEmpty { throw WireError.malformed("operator \(op.functionName) without operands") }
            return .op(op, args)
        case 18: return .broadcast(try node(), try nodes())
        case 19: return .dotAssign(try lvalue(), try node())
        case 20:
            let o = try node(), idx = try nodes()
            return .index(o, idx, endVar: try bool() ? try local() : nil)
        case 21: return .endOf(try local(), dim: try int(), ndims: try int())
        case 22: return .field(try node(), try sym())
        case 23: return .tuple(try nodes())
        case 24:
            let n = try count()
            var names: [JSym] = []
            for _ in 0..<n { names.append(try sym()) }
            return .namedTuple(names, try nodes())
        case 25: return .vect(try nodes())
        case 26: return .hcat(try nodes())
        case 27: return .vcat(try nodes())
        case 28:
            let n = try count()
            var rows: [Int] = []
            for _ in 0..<n { rows.append(try int()) }
            let items = try nodes()
            // rows are checked one by one first, so that their sum cannot overflow
            guard rows.allSatisfy({ $0 >= 0 && $0 <= items.count }), rows.reduce(0, +) == items.count else {
                throw WireError.malformed("matrix rows do not add up")
            }
            return .hvcat(rows, items)
        case 29: return .typedLiteral(try node(), try node())
        case 30:
            let n = try count()
            var targets: [LValue] = []
            for _ in 0..<n { targets.append(try lvalue()) }
            let iterables = try nodes()
            let filter = try optional()
            let body = try node()
            let fresh = try localList()
            let gen = try bool(), nested = try bool()
            guard targets.count == iterables.count else { throw WireError.malformed("comprehension targets") }
            return .comprehension(Comprehension(targets: targets, iterables: iterables, filter: filter, body: body,
                                                fresh: fresh, isGenerator: gen, nested: nested))
        case 31: return .lambda(try lambda(parentLocals: localsStack.last))
        case 32:
            let g = try global()
            let l = try lambda(parentLocals: localsStack.last)
            let n = try count()
            var types: [IR?] = []
            for _ in 0..<n { types.append(try optional()) }
            return .defineMethod(g, l, types)
        case 33:
            let g = try global()
            let mutable = try bool()
            let sup = try optional()
            let n = try count()
            var names: [JSym] = []
            for _ in 0..<n { names.append(try sym()) }
            var types: [IR?] = []
            for _ in 0..<n { types.append(try optional()) }
            let nc = try count()
            var ctors: [Lambda] = []
            for _ in 0..<nc { ctors.append(try lambda(parentLocals: localsStack.last)) }
            return .defineStruct(StructDefinition(name: g, isMutable: mutable, supertype: sup, fieldNames: names,
                                                  fieldTypes: types, constructors: ctors))
        case 34: return .defineAbstract(try global(), try optional())
        case 35: return .defineModule(try sym(), try lambda(parentLocals: nil))
        case 36:
            let n = try count()
            var paths: [[JSym]] = []
            for _ in 0..<n { paths.append(try values.r.path().map { JSym.intern($0) }) }
            return .using(paths)
        case 37:
            let p = try values.r.path().map { JSym.intern($0) }
            return .importNames(p, try values.r.path().map { JSym.intern($0) })
        case 38: return .export(try values.r.path().map { JSym.intern($0) })
        case 39:
            let b = try node()
            let v = try bool() ? try local() : nil
            return .tryCatch(b, v, try optional(), try optional())
        case 40: return .typeAssert(try node(), try node())
        case 41: return .curly(try node(), try nodes())
        case 42: return .interpolate(try nodes())
        case 43: return .freshBoxes(try localList())
        case 44: return .sync(try node())
        case 45:
            let b = try node()
            let k = try u8()
            guard let kind = TimingKind(rawValue: k) else { throw WireError.badTag("timing", k) }
            return .timed(b, kind)
        case 46: return .show(try string(), try node())
        case 48: return .isDefined(try node())
        case 49:
            let line = try int()
            return .located(Int32(clamping: line), try node())
        default: throw WireError.badTag("code", tag)
        }
    }
}
