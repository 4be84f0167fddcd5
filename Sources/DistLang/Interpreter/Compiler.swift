import Foundation

/// A lambda ready to run: its body as executable nodes and the work a call does before it.
public final class CompiledLambda {
    /// Unowned: the lambda owns its compiled form (`Lambda.compiled`); a strong reference
    /// back would keep every lambda ever compiled alive — on a worker, one per closure
    /// received.
    unowned let lambda: Lambda
    let body: Node
    /// `body` without reference counting, for the call path.
    let bodyRef: Unmanaged<Node>
    let nslots: Int
    let nparams: Int
    /// Default-value nodes of the positional parameters (nil where none).
    let defaults: [Node?]
    let paramSlots: [Int]
    /// Parameters that closures capture: boxed on entry.
    let boxedParams: [Int]
    let keywords: [(name: JSym, slot: Int, boxed: Bool, defaultValue: Node?)]
    let kwSplatSlot: Int?
    let hasPrologue: Bool

    init(lambda: Lambda, body: Node, defaults: [Node?], keywords: [(JSym, Int, Bool, Node?)], kwSplatSlot: Int?) {
        self.lambda = lambda
        self.body = body
        bodyRef = Unmanaged.passUnretained(body)
        nslots = max(lambda.nslots, lambda.params.count + 1)
        nparams = lambda.params.count
        self.defaults = defaults
        paramSlots = lambda.params.map { $0.local.slot }
        boxedParams = lambda.params.filter { $0.local.boxed }.map { $0.local.slot }
        self.keywords = keywords.map { (name: $0.0, slot: $0.1, boxed: $0.2, defaultValue: $0.3) }
        self.kwSplatSlot = kwSplatSlot
        hasPrologue = !boxedParams.isEmpty || defaults.contains { $0 != nil } || !keywords.isEmpty || kwSplatSlot != nil
    }

    /// Fills missing optional arguments and keyword arguments, and boxes captured parameters.
    func prologue(_ t: Ctx, given: Int, kw: [(JSym, Value)]) throws {
        if given < nparams {
            for i in given..<nparams {
                guard let d = defaults[i] else { continue }
                t.fp[paramSlots[i]] = try d.eval(t)
            }
        }
        if !keywords.isEmpty || kwSplatSlot != nil || !kw.isEmpty {
            var used = [Bool](repeating: false, count: kw.count)
            for k in keywords {
                var found: Value?
                for (i, (name, v)) in kw.enumerated() where name === k.name {
                    found = v
                    used[i] = true
                }
                if let v = found {
                    t.fp[k.slot] = v
                } else if let d = k.defaultValue {
                    t.fp[k.slot] = try d.eval(t)
                } else {
                    throw JuliaError.make(.undefKeywordError, [.sym(k.name)])
                }
            }
            let rest = kw.enumerated().filter { !used[$0.offset] }.map { $0.element }
            if let s = kwSplatSlot {
                let kw = JNamedTuple(names: rest.map { $0.0 }, values: rest.map { $0.1 })
                kw.isKeywordPairs = true
                t.fp[s] = .obj(kw)
            } else if !rest.isEmpty {
                // Julia 1.0 words it as a call with no matching method: `f(::Int64; k=1)`
                let positional = paramSlots.prefix(given).map { "::\(t.runtime.typeOf(t.fp[$0]))" }
                let named = kw.map { "\($0.0.name)=" + ((try? t.runtime.repr($0.1, t)) ?? "?") }
                let text = positional.joined(separator: ", ") + "; " + named.joined(separator: ", ")
                throw JuliaError.error("MethodError: no method matching \(lambda.name)(\(text))")
            }
            for k in keywords where k.boxed { t.fp[k.slot] = .obj(Box(t.fp[k.slot])) }
        }
        for s in boxedParams { t.fp[s] = .obj(Box(t.fp[s])) }
    }
}

/// Turns the resolved tree into executable nodes, choosing specialised nodes where it can.
struct Compiler {
    unowned(unsafe) let runtime: Runtime
    /// Parameter slots of the lambda being compiled (always assigned: no undef check).
    var paramSlots: Set<Int> = []
    /// The module of the lambda being compiled.
    var module: [JSym] = []

    init(runtime: Runtime) { self.runtime = runtime }

    mutating func compile(_ l: Lambda) throws -> CompiledLambda {
        paramSlots = Set(l.params.filter { !$0.local.boxed }.map { $0.local.slot })
        module = l.module
        let body = try node(l.body)
        let defaults = try l.params.map { p in try p.defaultValue.map { try node($0) } }
        let kws = try l.kwParams.map { k in (k.name, k.local.slot, k.local.boxed, try k.defaultValue.map { try node($0) }) }
        return CompiledLambda(lambda: l, body: body, defaults: defaults, keywords: kws, kwSplatSlot: l.kwSplat?.slot)
    }

    func nodes(_ irs: [IR]) throws -> [Node] { try irs.map { try node($0) } }

    func node(_ ir: IR) throws -> Node {
        if stackNearlyExhausted() { throw JuliaError.stackOverflow }
        let rt = runtime
        switch ir {
        case .literal(let v): return LiteralNode.make(v)
        case .local(let v):
            if v.boxed { return BoxedLocalNode(v.slot, v.name) }
            if paramSlots.contains(v.slot) { return ParamNode(v.slot) }
            return LocalNode(v.slot, v.name)
        case .captured(let i, let name): return CapturedNode(i, name)
        case .global(let ref):
            if let v = baseConstant(ref) { return LiteralNode.make(v) }
            return GlobalNode(ref, rt)
        case .assign(let target, let value):
            if let n = try dictUpdate(target, value) { return n }
            if case .tuple(let targets) = target, case .tuple(let items) = value, targets.count == items.count,
               !isSplat(items).contains(true) {
                let multi = MultiAssignNode(try targets.map { try assigner($0) }, try nodes(items))
                return SwapNode(multi) ?? multi
            }
            if case .local(let lv) = target, !lv.boxed, case .op(let op, let args) = value, args.count == 2,
               case .local(let src) = args[0], src === lv, fastInt(op, 0, 1) != nil {
                var type: JType?
                if let t = lv.declaredType {
                    guard let ct = constantType(t) else { return AssignNode(try assigner(target), try node(value)) }
                    type = ct
                }
                return UpdateLocalNode(slot: lv.slot, name: lv.name, op: op, rhs: try node(args[1]), type: type)
            }
            let v = try node(value)
            if case .local(let lv) = target, !lv.boxed, lv.declaredType == nil {
                if let tn = v as? TupleNode, tn.items.count == 2 || tn.items.count == 3 { return SetLocalTupleNode(lv.slot, tn) }
                return SetLocalNode(lv.slot, v)
            }
            let general = AssignNode(try assigner(target), v)
            return Index1StoreNode(general) ?? general
        case .declareConst(let ref, let value):
            return ConstNode(ref, try node(value), rt)
        case .block(let items):
            // a scope with no captured locals has no boxes to renew
            let kept = items.filter {
                if case .freshBoxes(let vars) = $0 { return vars.contains { $0.boxed } }
                return true
            }
            if let update = try fieldUpdate(kept) { return update }
            let ns = try nodes(kept)
            if ns.isEmpty { return LiteralNode(.nothing) }
            return ns.count == 1 ? ns[0] : BlockNode(ns)
        case .located(let line, let stmt):
            // a statement's line, for stack traces: the node keeps it (no node is added)
            let n = try node(stmt)
            if n.line == 0 { n.line = line }
            return n
        case .ifElse(let c, let a, let b): return IfNode(try node(c), try node(a), try node(b))
        case .and(let a, let b): return AndNode(try node(a), try node(b))
        case .or(let a, let b): return OrNode(try node(a), try node(b))
        case .whileLoop(let c, let b): return WhileNode(try node(c), try node(b))
        case .forLoop(let target, let iterable, let body, let fresh, let breaksOuter):
            let freshSlots = fresh.filter { $0.boxed }.map { $0.slot }
            let it = try node(iterable)
            let b = try node(body)
            let general = ForNode(it, try assigner(target), b, freshSlots, breaksOuter)
            if case .local(let lv) = target, !lv.boxed, lv.declaredType == nil {
                return ForRangeNode(it, lv.slot, b, freshSlots, breaksOuter, fallback: general)
            }
            return general
        case .breakLoop: return BreakNode()
        case .continueLoop: return ContinueNode()
        case .returnValue(let v): return ReturnNode(try node(v))
        case .call(let f, let args, let kws):
            if let p = try pushNode(f, args, kws) { return p }
            return try callNode(f, args, kws)
        case .splat(let x):
            return try node(x)
        case .op(let op, let args):
            if args.count == 2, let special = slotConstOp(op, args[0], args[1]) { return special }
            if op == .pow, args.count == 2, let n = Compiler.negativeLiteral(args[1]) {
                return NegativeLiteralPowNode(try node(args[0]), n)
            }
            let ns = try nodes(args)
            if op == .pair, ns.count == 2, case .literal(let a) = args[0], case .literal(let b) = args[1],
               Compiler.isImmutable(a), Compiler.isImmutable(b) {
                return ConstPairNode(rt.makePair(a, b), BinaryOpNode(op, ns[0], ns[1]))
            }
            if ns.count == 1 { return UnaryOpNode(op, ns[0]) }
            if ns.count == 2 && !OpNode.buildsString(op, ns) { return BinaryOpNode(op, ns[0], ns[1]) }
            if op == .mul && ns.count > 2 && !OpNode.buildsText(ns) {
                // `dx * m * mag`, with no text in sight: folded left as it goes, by binary
                // operations (their operands are read faster than off the value stack)
                var acc: Node = BinaryOpNode(op, ns[0], ns[1])
                for x in ns.dropFirst(2) { acc = BinaryOpNode(op, acc, x) }
                return acc
            }
            return OpNode(op, ns)
        case .broadcast(let f, let args):
            return BroadcastNode(try node(f), try nodes(args))
        case .dotAssign(let target, let value):
            return try dotAssignNode(target, value)
        case .index(let o, let idx, let endVar):
            let on = try node(o), ins = try nodes(idx)
            let slot = endVar == nil ? unboxedSlot(o) : -1, end = endVar?.slot ?? -1
            if isSplat(idx).contains(true) { return IndexNode(on, ins, endSlot: endVar?.slot) }
            switch ins.count {
            case 0: return IndexNode(on, ins, endSlot: endVar?.slot)
            case 1:
                if let r = ins[0] as? BinaryOpNode, r.op == .colon { return IndexRangeNode(on, end: end, r) }
                return Index1Node(on, slot: slot, end: end, ins[0])
            case 2: return Index2Node(on, slot: slot, end: end, ins[0], ins[1])
            case 3: return Index3Node(on, slot: slot, end: end, ins[0], ins[1], ins[2])
            default: return IndexNNode(on, slot: slot, end: end, ins)
            }
        case .endOf(let v, let dim, let n):
            return EndNode(v.slot, dim, n)
        case .field(let o, let name):
            return FieldNode(try node(o), slot: unboxedSlot(o), name)
        case .tuple(let items):
            if items.contains(where: { if case .splat = $0 { return true } else { return false } }) {
                return SplatCollectNode(try nodes(items), isSplat(items), kind: .tuple)
            }
            return TupleNode(try nodes(items))
        case .namedTuple(let names, let values):
            return NamedTupleNode(names, try nodes(values))
        case .vect(let items):
            if items.contains(where: { if case .splat = $0 { return true } else { return false } }) {
                return SplatCollectNode(try nodes(items), isSplat(items), kind: .vector)
            }
            return VectNode(try nodes(items))
        case .hcat(let items): return ConcatNode(.h, [items.count], try nodes(items))
        case .vcat(let items): return ConcatNode(.v, Array(repeating: 1, count: items.count), try nodes(items))
        case .hvcat(let rows, let items): return ConcatNode(.hv, rows, try nodes(items))
        case .typedLiteral(let t, let lit): return TypedLiteralNode(try node(t), try node(lit))
        case .comprehension(let c):
            return ComprehensionNode(c, try c.iterables.map { try node($0) }, try c.targets.map { try assigner($0) },
                                     try c.filter.map { try node($0) }, try node(c.body),
                                     c.fresh.filter { $0.boxed }.map { $0.slot })
        case .lambda(let l):
            return LambdaNode(l, try l.params.map { p in try p.type.map { try node($0) } })
        case .defineMethod(let ref, let l, let types):
            return DefineMethodNode(ref, l, try types.map { t in try t.map { try node($0) } }, rt)
        case .defineStruct(let d):
            return DefineStructNode(d, try d.supertype.map { try node($0) }, try d.fieldTypes.map { t in try t.map { try node($0) } }, rt)
        case .defineAbstract(let ref, let sup):
            return DefineAbstractNode(ref, try sup.map { try node($0) }, rt)
        case .defineModule(let name, let thunk):
            return DefineModuleNode(name, thunk)
        case .using(let paths): return UsingNode(paths, module)
        case .importNames(let path, let names): return ImportNode(path, names, module)
        case .export(let names): return ExportNode(names, module)
        case .tryCatch(let body, let v, let h, let f):
            return TryNode(try node(body), try v.map { try assigner(.local($0)) }, try h.map { try node($0) }, try f.map { try node($0) })
        case .typeAssert(let x, let t): return TypeAssertNode(try node(x), try node(t))
        case .curly(let t, let ps): return CurlyNode(try node(t), try nodes(ps))
        case .interpolate(let parts): return InterpolateNode(try nodes(parts))
        case .freshBoxes(let vars):
            let slots = vars.filter { $0.boxed }.map { $0.slot }
            return slots.isEmpty ? LiteralNode(.nothing) : FreshBoxesNode(slots)
        case .sync(let b): return SyncNode(try node(b))
        case .timed(let b, let k): return TimedNode(try node(b), k)
        case .show(let text, let v): return ShowNode(text, try node(v))
        case .everywhere(let e): return EverywhereNode(e, try e.procs.map { try node($0) }, try nodes(e.interpolations))
        case .isDefined(let x):
            return IsDefinedNode(try node(x))
        }
    }

    /// `x op c` or `c op x` with an unboxed local and an integer literal.
    func slotConstOp(_ op: Op, _ a: IR, _ b: IR) -> Node? {
        // `c == 'x'`: a character compared with a literal (closures over a string's characters)
        if case .local(let v) = a, !v.boxed, case .literal(.char(let c)) = b, fastCompare(op, 0, 0) != nil {
            return SlotCharConstNode(op, slot: v.slot, name: v.name, constant: c)
        }
        guard fastInt(op, 0, 1) != nil || op == .div else { return nil }
        if case .local(let v) = a, !v.boxed, case .literal(.int(let c)) = b {
            return SlotConstOpNode(op, slot: v.slot, name: v.name, constant: c, constOnLeft: false)
        }
        if case .literal(.int(let c)) = a, case .local(let v) = b, !v.boxed {
            return SlotConstOpNode(op, slot: v.slot, name: v.name, constant: c, constOnLeft: true)
        }
        if case .local(let v) = a, !v.boxed, case .local(let w) = b, !w.boxed {
            return SlotSlotOpNode(op, v.slot, v.name, w.slot, w.name)
        }
        return nil
    }

    /// The value of a global that resolves to a constant type or built-in function of Base:
    /// such names cannot change once used (Julia forbids assigning an imported name), so
    /// they compile to literals.
    func baseConstant(_ ref: GlobalRef) -> Value? {
        guard let b = runtime.binding(ref), b.isConst, b.owner === runtime.base else { return nil }
        switch b.value {
        case .type: return b.value
        case .fn(let f) where f.builtin != nil && f.methods.isEmpty: return b.value
        default: return nil
        }
    }

    /// The type a declared-type expression names, when it is a constant of Base (`Int`).
    func constantType(_ ir: IR) -> JType? {
        guard case .global(let ref) = ir, let b = runtime.binding(ref), b.isConst, case .type(let t) = b.value else { return nil }
        return t
    }

    /// The slot of an unboxed local, which hot nodes read in place; -1 for anything else.
    /// `d[k] = get(d, k, z) op y` with `d` and `k` unboxed locals, and `z` and `y` literals
    /// or unboxed locals (whose reading cannot change the dictionary): the counting idiom,
    /// one look-up of the key instead of two (see `DictUpdateNode`).
    func dictUpdate(_ target: LValue, _ value: IR) throws -> Node? {
        guard case .index(let o, let idx, nil) = target, idx.count == 1, case .local(let d) = o, !d.boxed,
              case .local(let k) = idx[0], !k.boxed,
              case .op(let op, let args) = value, args.count == 2,
              case .call(.global(let getRef), let cargs, let kws) = args[0], kws.isEmpty, cargs.count == 3,
              getRef.name.name == "get",
              case .local(let d2) = cargs[0], d2 === d, case .local(let k2) = cargs[1], k2 === k else { return nil }
        func simple(_ ir: IR) -> Bool {
            if case .literal = ir { return true }
            if case .local(let v) = ir { return !v.boxed }
            return false
        }
        guard simple(cargs[2]), simple(args[1]),
              case .fn(let baseGet)? = try? runtime.globalValue(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern("get"))) else {
            return nil
        }
        let general = AssignNode(try assigner(target), try node(value))
        return DictUpdateNode(general, dict: d.slot, key: k.slot, op: op, absent: try node(cargs[2]), operand: try node(args[1]),
                              get: getRef, baseGet: baseGet, runtime)
    }

    /// `push!(v, x)` with `v` an unboxed local and `x` a literal, an unboxed local or an
    /// expression that assigns no local (so evaluating it cannot change which vector `v`
    /// holds): as a statement, an element of the vector's type is appended in place (see
    /// `PushNode`).
    func pushNode(_ f: IR, _ args: [IR], _ kws: [KeywordIR]) throws -> Node? {
        guard case .global(let ref) = f, ref.name.name == "push!", kws.isEmpty, args.count == 2,
              case .local(let v) = args[0], !v.boxed else { return nil }
        var itemSlot = -1, literal = Value.nothing, itemNode: Node?
        switch args[1] {
        case .literal(let x): literal = x
        case .local(let x) where !x.boxed: itemSlot = x.slot
        case let x where !Compiler.mayAssign(x): itemNode = try node(x)
        default: return nil
        }
        guard case .fn(let basePush)? = try? runtime.globalValue(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern("push!"))) else {
            return nil
        }
        return PushNode(try callNode(f, args, kws), array: v.slot, item: itemSlot, literal: literal, itemNode: itemNode, push: ref, basePush: basePush, runtime)
    }

    /// Values no program can change (numbers, strings, characters, symbols, `nothing`): a
    /// `Pair` of two of them can be made once and shared.
    static func isImmutable(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .str, .char, .bool, .sym, .nothing: return true
        default: return false
        }
    }

    func unboxedSlot(_ ir: IR) -> Int {
        if case .local(let v) = ir, !v.boxed { return v.slot }
        return -1
    }

    /// `x.f op= v` as the resolver writes it, `#obj = x; #obj.f = #obj.f op v`, with `x` an
    /// unboxed local that `v` cannot assign: one node that reads and writes the field in place.
    func fieldUpdate(_ items: [IR]) throws -> Node? {
        guard items.count == 2,
              case .assign(.local(let tmp), let objIR) = items[0], !tmp.boxed, tmp.name.name == "#obj",
              case .assign(.field(.local(let t2), let name), .op(let op, let args)) = items[1], t2 === tmp,
              args.count == 2, case .field(.local(let t3), let n2) = args[0], t3 === tmp, n2 === name,
              case .local(let x) = objIR, !x.boxed, !Compiler.mayAssign(args[1])
        else { return nil }
        return FieldUpdateNode(try node(objIR), slot: x.slot, name, op, try node(args[1]))
    }

    /// False when evaluating `ir` certainly assigns no local of this frame: it only reads
    /// variables, applies operators, calls functions (which cannot assign an unboxed local of
    /// their caller), and reads fields and elements. Conservative: true for anything else.
    static func mayAssign(_ ir: IR) -> Bool {
        switch ir {
        case .literal, .local, .captured, .global: return false
        case .op(_, let args): return args.contains { mayAssign($0) }
        case .call(let f, let args, let kws): return mayAssign(f) || args.contains { mayAssign($0) } || kws.contains { mayAssign($0.value) }
        case .field(let o, _): return mayAssign(o)
        case .index(let o, let idx, let endVar): return endVar != nil || mayAssign(o) || idx.contains { mayAssign($0) }
        case .tuple(let xs), .vect(let xs): return xs.contains { mayAssign($0) }
        case .splat(let x): return mayAssign(x)
        default: return true
        }
    }

    func isSplat(_ items: [IR]) -> [Bool] {
        items.map { if case .splat = $0 { return true } else { return false } }
    }

    func callNode(_ f: IR, _ args: [IR], _ kws: [KeywordIR]) throws -> Node {
        let callee = try node(f)
        let argNodes = try nodes(args)
        let splats = isSplat(args)
        let kwNames = kws.map { $0.name }
        let kwNodes = try kws.map { try node($0.value) }
        if !splats.contains(true) && kws.isEmpty {
            if case .global(let ref) = f {
                switch argNodes.count {
                case 1: return GlobalCall1Node(ref, runtime, argNodes[0])
                case 2: return GlobalCall2Node(ref, runtime, argNodes[0], argNodes[1])
                case 0: break
                default: return GlobalCallNode(ref, runtime, argNodes)
                }
            }
        }
        return CallNode(callee, argNodes, splats.contains(true) ? splats : nil, kwNames, kwNodes)
    }

    func assigner(_ target: LValue) throws -> Assigner {
        switch target {
        case .local(let v):
            if let t = v.declaredType {
                if let ty = constantType(t) { return ConstTypedLocalAssigner(v.slot, boxed: v.boxed, type: ty) }
                return TypedLocalAssigner(v.slot, boxed: v.boxed, type: try node(t))
            }
            return v.boxed ? BoxedAssigner(v.slot) : LocalAssigner(v.slot)
        case .captured(let i, _): return CapturedAssigner(i)
        case .global(let ref): return GlobalAssigner(ref, runtime)
        case .index(let o, let idx, let endVar):
            let on = try node(o), ins = try nodes(idx)
            let slot = endVar == nil ? unboxedSlot(o) : -1, end = endVar?.slot ?? -1
            if isSplat(idx).contains(true) { return IndexAssigner(on, ins, endSlot: endVar?.slot) }
            switch ins.count {
            case 0: return IndexAssigner(on, ins, endSlot: endVar?.slot)
            case 1: return Index1Assigner(on, slot: slot, end: end, ins[0])
            case 2: return Index2Assigner(on, slot: slot, end: end, ins[0], ins[1])
            case 3: return Index3Assigner(on, slot: slot, end: end, ins[0], ins[1], ins[2])
            default: return IndexNAssigner(on, slot: slot, end: end, ins)
            }
        case .field(let o, let name): return FieldAssigner(try node(o), slot: unboxedSlot(o), name)
        case .tuple(let items): return TupleAssigner(try items.map { try assigner($0) })
        case .discard: return DiscardAssigner()
        }
    }

    func dotAssignNode(_ target: LValue, _ value: IR) throws -> Node {
        switch target {
        case .index(let o, let idx, let endVar):
            return DotAssignIndexNode(try node(o), try nodes(idx), endSlot: endVar?.slot, try node(value))
        default:
            let read: IR
            switch target {
            case .local(let v): read = .local(v)
            case .captured(let i, let n): read = .captured(i, n)
            case .global(let r): read = .global(r)
            case .field(let o, let n): read = .field(o, n)
            default: throw JuliaError.error("invalid .= target")
            }
            return DotAssignNode(try node(read), try node(value))
        }
    }
}

/// `x = v` for a plain local.
final class SetLocalNode: Node {
    let slot: Int, value: Node
    init(_ slot: Int, _ v: Node) { self.slot = slot; value = v; super.init(unwinds: v.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        t.fp[slot] = v
        return v
    }
    override func exec(_ t: Ctx) throws {
        t.fp[slot] = try value.eval(t)
    }
}

/// `key = (x + dx, y + dy)` in a loop: when the local holds the only reference to a tuple
/// of as many items (the last one made here, not kept anywhere since), its items are
/// overwritten in place; nothing else can see that tuple, so the new one is not told from
/// a fresh one, and an allocation and a free are saved. Otherwise a new tuple.
final class SetLocalTupleNode: Node {
    let slot: Int, tuple: TupleNode
    /// The items' nodes (the tuple node holds them), called with no count taken (reading
    /// them out of the array retained the array and each node).
    let a: Unmanaged<Node>, b: Unmanaged<Node>, c: Unmanaged<Node>?
    init(_ slot: Int, _ tuple: TupleNode) {
        self.slot = slot; self.tuple = tuple
        a = Unmanaged.passUnretained(tuple.items[0]); b = Unmanaged.passUnretained(tuple.items[1])
        c = tuple.items.count == 3 ? Unmanaged.passUnretained(tuple.items[2]) : nil
        super.init(unwinds: tuple.unwinds)
    }

    override func exec(_ t: Ctx) throws {
        let x = try a._withUnsafeGuaranteedRef { try $0.eval(t) }
        let y = try b._withUnsafeGuaranteedRef { try $0.eval(t) }
        let z = try c?._withUnsafeGuaranteedRef { try $0.eval(t) } ?? .nothing
        let n = c == nil ? 2 : 3
        let p = t.fp + slot
        if Value.tag(at: p) == Value.tupleTag {
            // the slot's reference, taken and put back (a move, no count), so that its
            // uniqueness is asked
            var held = Value.unretainedTuple(at: p).takeRetainedValue()
            if held.count == n && isKnownUniquelyReferenced(&held) {
                held.withUnsafeMutablePointerToElements { q in
                    q.pointee = x
                    (q + 1).pointee = y
                    if n == 3 { (q + 2).pointee = z }
                }
                p.initialize(to: .tuple(held))
                return
            }
            p.initialize(to: .tuple(held))
        }
        p.pointee = .tuple(TupleNode.make(n, x, y, z))
    }

    override func eval(_ t: Ctx) throws -> Value {
        try exec(t)
        return t.fp[slot]
    }
}

/// Any other assignment. The value is read as an `Operand` (a local or a number in place),
/// and `a[i] = v`, the commonest target, is stored with no virtual call.
final class AssignNode: Node {
    let target: Assigner, value: Operand
    /// `target` when it is `a[i] = v` (held by `target`; an `unowned(unsafe)` reference
    /// would still be retained around the call).
    let index1: Unmanaged<Index1Assigner>?
    init(_ a: Assigner, _ v: Node) {
        target = a; value = Operand(v); index1 = (a as? Index1Assigner).map { Unmanaged.passUnretained($0) }
        super.init(unwinds: v.unwinds)
    }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        if value.unwinds && t.unwind != .none { return .nothing }
        try store(t, v)
        return v
    }
    override func exec(_ t: Ctx) throws {
        let v = try value.eval(t)
        if value.unwinds && t.unwind != .none { return }
        // written out: `store` here was left out of line (a call per assignment)
        if let a = index1 { try a._withUnsafeGuaranteedRef { try $0.assign(t, v) } } else { try target.assign(t, v) }
    }
    @inline(__always) private func store(_ t: Ctx, _ v: Value) throws {
        if let a = index1 { try a._withUnsafeGuaranteedRef { try $0.assign(t, v) } } else { try target.assign(t, v) }
    }
}

/// `const x = v`.
final class ConstNode: Node {
    let ref: GlobalRef, value: Node
    unowned(unsafe) let rt: Runtime
    init(_ ref: GlobalRef, _ v: Node, _ rt: Runtime) { self.ref = ref; value = v; self.rt = rt; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        let b = try rt.assignableBinding(ref)
        if b.isConst && !b.value.isUndef && !valuesIdentical(b.value, v) {
            if rt.typeOf(b.value) !== rt.typeOf(v) { throw JuliaError.error("invalid redefinition of constant \(ref.name.name)") }
            rt.output.writeError("WARNING: redefinition of constant \(ref.name.name). This may fail, cause incorrect answers, or produce other errors.\n")
        }
        b.value = v
        b.isConst = true
        return v
    }
}

/// `@isdefined x`.
final class IsDefinedNode: Node {
    let inner: Node
    init(_ n: Node) { inner = n; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        do {
            _ = try inner.eval(t)
            return .bool(true)
        } catch let e as JuliaError where e.isa(.undefVarError) {
            return .bool(false)
        }
    }
}

extension Compiler {
    /// `-3` written in the source (a literal, or the negation of one).
    static func negativeLiteral(_ ir: IR) -> Int64? {
        if case .literal(.int(let n)) = ir, n < 0 { return n }
        if case .op(.neg, let xs) = ir, xs.count == 1, case .literal(.int(let n)) = xs[0], n > 0 { return -n }
        return nil
    }
}

/// `x^-n` with a literal exponent: as Julia's `literal_pow`, `inv(x)^n`, so `2^-1 == 0.5`
/// (a computed negative exponent of an integer is still a DomainError).
final class NegativeLiteralPowNode: Node {
    let base: Node, n: Int64
    init(_ base: Node, _ n: Int64) { self.base = base; self.n = n; super.init(unwinds: base.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let x = try base.eval(t)
        if unwinds && t.unwind != .none { return .nothing }
        switch x {
        case .int(let i): return .float(Foundation.pow(1.0 / Double(i), Double(-n)))
        case .bool(let b): return .float(Foundation.pow(b ? 1.0 : .infinity, Double(-n)))
        default: return try t.runtime.binary(.pow, x, .int(n), t)
        }
    }
}
