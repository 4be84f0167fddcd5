import CDistSupport

/// Broadcasting (`f.(x)`, `a .+ b`, `x .= v`) and elementwise array arithmetic.
extension Runtime {
    /// `r .+ x`, `x .- r`, `x .* r`…: Julia keeps an integer range a range when it is shifted
    /// or scaled by an integer (`(1:3) .+ 1 == 2:4`, `2 .* (1:3) == 2:2:6`); nil otherwise.
    func rangeBroadcast(_ op: Op, _ a: Value, _ b: Value) -> JRange? {
        switch (op, a, b) {
        case (.add, .range(let r), .int(let x)), (.add, .int(let x), .range(let r)):
            return shifted(r, by: x, negated: false)
        case (.sub, .range(let r), .int(let x)):
            return shifted(r, by: 0 &- x, negated: false)
        case (.sub, .int(let x), .range(let r)):
            return shifted(r, by: x, negated: true)
        case (.mul, .range(let r), .int(let x)), (.mul, .int(let x), .range(let r)):
            guard r.kind != .float, r.count > 0, x != 0 else { return nil }
            let (step, o1) = r.step.multipliedReportingOverflow(by: x)
            let (start, o2) = r.start.multipliedReportingOverflow(by: x)
            guard !o1, !o2 else { return nil }
            return JRange(start: start, step: step, stop: start &+ step &* Int64(r.count - 1))
        default:
            return nil
        }
    }

    /// `x ± r` for an integer range: the same steps from a moved start.
    private func shifted(_ r: JRange, by x: Int64, negated: Bool) -> JRange? {
        guard r.kind != .float else { return nil }
        let step = negated ? 0 &- r.step : r.step
        let start = (negated ? 0 &- r.start : r.start) &+ x
        if r.kind == .unit && !negated { return JRange(start: start, stop: start &+ Int64(r.count) &- 1) }
        guard r.count > 0 else { return nil }
        return JRange(start: start, step: step, stop: start &+ step &* Int64(r.count - 1))
    }

    /// The broadcast shape of an argument, or nil for a scalar.
    func broadcastShape(_ v: Value) -> [Int]? {
        switch v {
        case .arr(let a): return Array(a.dims)
        case .range(let r): return [r.count]
        case .tuple(let t): return [t.count]
        default: return nil
        }
    }

    /// The common shape of several shapes (a dimension of length 1 stretches).
    func commonShape(_ shapes: [[Int]]) throws -> [Int] {
        let n = shapes.map { $0.count }.max() ?? 0
        var out = [Int](repeating: 1, count: n)
        for s in shapes {
            for (k, d) in s.enumerated() {
                if out[k] == 1 { out[k] = d } else if d != 1 && d != out[k] {
                    throw JuliaError.dimensionMismatch("arrays could not be broadcast to a common size")
                }
            }
        }
        return out
    }

    /// `f.(args...)`.
    public func broadcast(_ f: Value, _ args: [Value], _ t: Ctx) throws -> Value {
        let shapes = args.map { broadcastShape($0) }
        let op = opOf(f)
        if shapes.allSatisfy({ $0 == nil }) {
            if let op = op {
                if args.count == 2 { return try binary(op, args[0], args[1], t) }
                if args.count == 1 { return try unaryForBroadcast(op, args[0], t) }
            }
            return try t.call(f, args)
        }
        if args.allSatisfy({ if case .tuple = $0 { return true } else { return broadcastShape($0) == nil } }) {
            let n = shapes.compactMap { $0?[0] }.max() ?? 0
            var out: [Value] = []
            for i in 0..<n {
                let xs = args.map { a -> Value in
                    if case .tuple(let tp) = a { return tp.count == 1 ? tp[0] : tp[i] }
                    return a
                }
                out.append(try applyElement(f, op, xs, t))
            }
            return .tuple(JTuple.of(out))
        }
        if let op = op, args.count == 2, let r = rangeBroadcast(op, args[0], args[1]) { return .range(r) }
        let dims = try commonShape(shapes.compactMap { $0 })
        let total = try JArray.elementCount(dims)
        if let op = op, let r = try fastBroadcast(op, args, dims, total) {
            r.isBitArray = r.eltype === JType.bool
            return .arr(r)
        }
        // general path: gather each element with stretching, apply, collect
        let arrays: [JArray?] = try args.map { a in
            switch a {
            case .arr(let x): return x
            case .range(let r): return try rangeToArray(r)
            case .tuple: return try asArray(a, t)
            default: return nil
            }
        }
        var out: [Value] = []
        try requireValues(total)
        out.reserveCapacity(total)
        var counter = [Int](repeating: 0, count: dims.count)
        var xs = [Value](repeating: .nothing, count: args.count)
        for _ in 0..<total {
            for (j, arr) in arrays.enumerated() {
                guard let a = arr else { xs[j] = args[j]; continue }
                var lin = 0, stride = 1
                for k in 0..<a.dims.count {
                    let d = a.dims[k]
                    lin += (d == 1 ? 0 : counter[k]) * stride
                    stride *= d
                }
                xs[j] = a.get(lin)
            }
            out.append(try applyElement(f, op, xs, t))
            var k = 0
            while k < counter.count {
                counter[k] += 1
                if counter[k] < dims[k] { break }
                counter[k] = 0
                k += 1
            }
        }
        let r = collectedArray(out, dims: dims)
        // Julia collects Bool results of a broadcast into a BitArray
        r.isBitArray = r.eltype === JType.bool && total > 0
        return .arr(r)
    }

    @inline(__always) func applyElement(_ f: Value, _ op: Op?, _ xs: [Value], _ t: Ctx) throws -> Value {
        // once per element: a broadcast over a hundred million elements answers Ctrl-C
        if dist_interrupt_pending() != 0 { try t.checkInterrupt() }
        if let op = op {
            if xs.count == 2 { return try binary(op, xs[0], xs[1], t) }
            if xs.count == 1 { return try unaryForBroadcast(op, xs[0], t) }
        }
        return try t.call(f, xs)
    }

    func unaryForBroadcast(_ op: Op, _ x: Value, _ t: Ctx) throws -> Value {
        switch op {
        case .sub: return try unary(.neg, x, t)
        case .add: return try unary(.plus, x, t)
        default: return try unary(op, x, t)
        }
    }

    /// The operator a function value stands for, if it is a built-in operator.
    func opOf(_ f: Value) -> Op? {
        guard case .fn(let fn) = f, fn.methods.isEmpty else { return nil }
        return operatorByFunction[ObjectIdentifier(fn)]
    }

    /// Arithmetic on numeric arrays without boxing each element.
    func fastBroadcast(_ op: Op, _ args: [Value], _ dims: [Int], _ total: Int) throws -> JArray? {
        guard args.count == 2 else { return nil }
        enum Operand { case fs(UnsafeMutablePointer<Double>), isv(UnsafeMutablePointer<Int64>), f(Double), i(Int64) }
        func operand(_ v: Value) -> Operand? {
            switch v {
            case .arr(let a) where a.dims.elementsEqual(dims):
                if a.kind == .float64 { return .fs(a.floats) }
                if a.kind == .int64 { return .isv(a.ints) }
                return nil
            case .float(let x): return .f(x)
            case .int(let x): return .i(x)
            default: return nil
            }
        }
        guard let a = operand(args[0]), let b = operand(args[1]) else { return nil }
        var allInt = false
        switch (a, b) {
        case (.isv, .isv), (.isv, .i), (.i, .isv): allInt = true
        default: break
        }
        if allInt {
            guard op == .add || op == .sub || op == .mul else { return nil }
            let r = JArray(eltype: .int64, dims: dims)
            let out = r.ints
            for k in 0..<total {
                let x: Int64, y: Int64
                switch a { case .isv(let p): x = p[k]; case .i(let v): x = v; default: return nil }
                switch b { case .isv(let p): y = p[k]; case .i(let v): y = v; default: return nil }
                switch op {
                case .add: out[k] = x &+ y
                case .sub: out[k] = x &- y
                default: out[k] = x &* y
                }
            }
            return r
        }
        let isCompare = op == .lt || op == .le || op == .gt || op == .ge || op == .eq || op == .ne
        guard [.add, .sub, .mul, .div, .pow].contains(op) || isCompare else { return nil }
        @inline(__always) func get(_ o: Operand, _ k: Int) -> Double {
            switch o {
            case .fs(let p): return p[k]
            case .isv(let p): return Double(p[k])
            case .f(let v): return v
            case .i(let v): return Double(v)
            }
        }
        if isCompare {
            let r = JArray(eltype: .bool, dims: dims)
            let out = r.bools
            for k in 0..<total {
                let x = get(a, k), y = get(b, k)
                switch op {
                case .lt: out[k] = x < y
                case .le: out[k] = x <= y
                case .gt: out[k] = x > y
                case .ge: out[k] = x >= y
                case .eq: out[k] = x == y
                default: out[k] = x != y
                }
            }
            return r
        }
        if op == .pow, case .i(let e) = b {
            let r = JArray(eltype: .float64, dims: dims)
            for k in 0..<total { r.floats[k] = floatPower(get(a, k), e) }
            return r
        }
        let r = JArray(eltype: .float64, dims: dims)
        let out = r.floats
        switch op {
        case .add: for k in 0..<total { out[k] = get(a, k) + get(b, k) }
        case .sub: for k in 0..<total { out[k] = get(a, k) - get(b, k) }
        case .mul: for k in 0..<total { out[k] = get(a, k) * get(b, k) }
        case .div: for k in 0..<total { out[k] = get(a, k) / get(b, k) }
        default: for k in 0..<total { out[k] = Foundation.pow(get(a, k), get(b, k)) }
        }
        return r
    }

    /// `dest .= v` and `dest[idx] .= v`.
    public func broadcastAssign(_ dest: Value, _ idx: [Value]?, _ v: Value, _ t: Ctx) throws {
        guard case .arr(let a) = dest else {
            if let idx = idx { try setIndex(dest, v, idx, t); return }
            throw JuliaError.method("copyto!", [dest, v])
        }
        let positions: [Int]
        let dims: [Int]
        if let idx = idx {
            let sel = try selectedPositions(a, idx, dest)
            positions = sel.positions
            dims = sel.dims
        } else {
            positions = []
            dims = Array(a.dims)
        }
        let count = idx == nil ? a.count : positions.count
        @inline(__always) func pos(_ k: Int) -> Int { idx == nil ? k : positions[k] }
        switch v {
        case .arr, .range, .tuple:
            let src = try asArray(v, t)
            if src.count == count {
                if idx == nil && src.kind == a.kind && a.kind != .any && src !== a {
                    a.data.copyMemory(from: src.data, byteCount: count * a.kind.stride)
                    return
                }
                let vals = (0..<src.count).map { src.get($0) }
                for k in 0..<count { try storeElement(a, pos(k), vals[k]) }
                return
            }
            // stretch a smaller array along dimensions of length 1
            let shape = try commonShape([dims, Array(src.dims)])
            guard shape == dims || ((try? JArray.elementCount(shape)) ?? -1) == count else {
                throw JuliaError.dimensionMismatch("array could not be broadcast to match destination")
            }
            var counter = [Int](repeating: 0, count: dims.count)
            for k in 0..<count {
                var lin = 0, stride = 1
                for j in 0..<src.dims.count {
                    let d = src.dims[j]
                    lin += (d == 1 ? 0 : counter[j]) * stride
                    stride *= d
                }
                try storeElement(a, pos(k), src.get(lin))
                var j = 0
                while j < counter.count {
                    counter[j] += 1
                    if counter[j] < dims[j] { break }
                    counter[j] = 0
                    j += 1
                }
            }
        default:
            let c = try convert(a.eltype, v)
            if idx == nil && a.kind == .float64, case .float(let x) = c {
                for k in 0..<count { a.floats[k] = x }
                return
            }
            for k in 0..<count { a.setRaw(pos(k), c) }
        }
    }

    /// Array arithmetic that is not elementwise broadcasting: `+`/`-` of equal shapes,
    /// scaling, matrix products and solves, matrix powers.
    func arrayBinary(_ op: Op, _ x: Value, _ y: Value, _ t: Ctx) throws -> Value {
        let xa = isArrayLike(x), ya = isArrayLike(y)
        switch op {
        case .add, .sub:
            guard xa && ya else { throw JuliaError.method(.fn(try operatorFunctionValue(op)), [x, y]) }
            let (dx, dy) = (try arrayDims(x), try arrayDims(y))
            guard dx == dy else {
                throw JuliaError.dimensionMismatch("dimensions must match: a has dims \(dimsText(dx)), b has dims \(dimsText(dy))")
            }
            return try broadcast(.fn(try operatorFunctionValue(op)), [x, y], t)
        case .mul:
            if !xa || !ya { return try broadcast(.fn(try operatorFunctionValue(.mul)), [x, y], t) }
            return try LinearAlgebra.multiply(try asArray(x, t), try asArray(y, t), self)
        case .div:
            if xa && !ya { return try broadcast(.fn(try operatorFunctionValue(.div)), [x, y], t) }
            if xa && ya { return try LinearAlgebra.rightDivide(try asArray(x, t), try asArray(y, t), self) }
        case .ldiv:
            if !xa && ya { return try broadcast(.fn(try operatorFunctionValue(.div)), [y, x], t) }
            if xa && ya { return try LinearAlgebra.solve(try asArray(x, t), try asArray(y, t), self) }
        case .pow:
            if xa, case .int(let n) = y { return try LinearAlgebra.power(try asArray(x, t), n, self) }
        default: break
        }
        throw JuliaError.method(.fn(try operatorFunctionValue(op)), [x, y])
    }

    func dimsText(_ d: [Int]) -> String {
        d.count == 1 ? "(\(d[0]),)" : "(" + d.map(String.init).joined(separator: ", ") + ")"
    }

    /// The transpose of a vector (a one-row matrix) or matrix.
    func transpose(_ a: JArray) throws -> JArray {
        if a.ndims == 1 {
            let r = a.copy()
            r.dims = [1, a.count]
            r.isRowAdjoint = true
            return r
        }
        guard a.ndims == 2 else { throw JuliaError.argument("transpose of a \(a.ndims)-dimensional array") }
        let m = a.dims[0], n = a.dims[1]
        let r = JArray(eltype: a.eltype, dims: Dims(n, m))
        for i in 0..<m { for j in 0..<n { r.setRaw(j + i * n, a.get(i + j * m)) } }
        return r
    }
}

import Foundation
