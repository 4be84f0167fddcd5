/// The built-in functions, registered as globals of `Base`.
///
/// Each group lives in its own file (`Builtins+Math`, `+Arrays`, `+Strings`…); this file
/// has the registration helpers and the argument checks they share.
enum Builtins {
    static func install(_ rt: Runtime) {
        installTypes(rt)
        installCore(rt)
        installIO(rt)
        installMath(rt)
        installArrays(rt)
        installCollections(rt)
        installStrings(rt)
        installTasks(rt)
        installProcesses(rt)
        installDistributed(rt)
        installLinearAlgebra(rt)
        installViews(rt)
        installSharedArrays(rt)
        installTest(rt)
        installExpr(rt)
        installParametric(rt)
        installIteration(rt)
        installFiles(rt)
        installPaths(rt)
        installFileStreams(rt)
        installComplex(rt)
        installDocs(rt)
        installSockets(rt)
        installRedirect(rt)
        installRegex(rt)
    }
}

extension Runtime {
    /// Defines a built-in function of Base; `arity` is the argument counts its body handles
    /// (other counts are a `MethodError`, as for a Julia function without such a method).
    @discardableResult
    func def(_ name: String, arity: ClosedRange<Int> = 0...Int.max, signature: [JType]? = nil,
             _ body: @escaping Builtin.Body) -> JFunction {
        let f = JFunction(name: name, module: [JSym.intern("Base")], builtin: Builtin(name, arity: arity, signature: signature, body))
        f.makeImmortal()
        setGlobal(name, .fn(f), in: base, const: true)
        return f
    }

    /// Makes `alias` name the same function as `name`.
    func alias(_ alias: String, _ name: String) {
        if let b = base.bindings[JSym.intern(name)] { base.bindings[JSym.intern(alias)] = b }
    }

    /// Defines a built-in type name.
    func defType(_ name: String, _ t: JType) {
        setGlobal(name, .type(t), in: base, const: true)
    }
}

extension Args {
    /// Throws a `MethodError` unless the count is in `range`.
    func expect(_ range: ClosedRange<Int>, _ name: String) throws {
        if !range.contains(count) { throw JuliaError.method(name, array) }
    }

    func expect(_ n: Int, _ name: String) throws {
        if count != n { throw JuliaError.method(name, array) }
    }

    /// Argument `i` as an integer.
    func int(_ i: Int, _ name: String) throws -> Int {
        switch base[i] {
        case .int(let v): return Int(v)
        case .bool(let b): return b ? 1 : 0
        case .float(let f) where f == f.rounded() && abs(f) < 9e18: return Int(f)
        default: throw JuliaError.method(name, array)
        }
    }

    /// Argument `i` as a float.
    func double(_ i: Int, _ name: String) throws -> Double {
        switch base[i] {
        case .int(let v): return Double(v)
        case .float(let f): return f
        case .bool(let b): return b ? 1 : 0
        default: throw JuliaError.method(name, array)
        }
    }

    /// Argument `i` as a string.
    func string(_ i: Int, _ name: String) throws -> String {
        if case .str(let s) = base[i] { return s.value }
        throw JuliaError.method(name, array)
    }

    /// Argument `i` as a type.
    func type(_ i: Int, _ name: String) throws -> JType {
        if case .type(let t) = base[i] { return t }
        throw JuliaError.method(name, array)
    }

    /// Argument `i` as an array.
    func array(_ i: Int, _ name: String) throws -> JArray {
        if case .arr(let a) = base[i] { return a }
        throw JuliaError.method(name, array)
    }

    /// Argument `i` of a function that changes a vector's length (`push!`, `append!`,
    /// `resize!`, `deleteat!`…): Julia has those methods for vectors only (a matrix, a view or
    /// a `SharedArray` is a MethodError), and refuses a vector whose memory another array shares.
    func resizableVector(_ i: Int, _ name: String) throws -> JArray {
        guard case .arr(let a) = base[i], a.ndims == 1, a.shared == nil, !(a.memoryOwner is ArrayView) else {
            throw JuliaError.method(name, array)
        }
        try a.takeOwnMemory()
        guard a.memoryOwner == nil else { throw JuliaError.error("cannot resize array with shared data") }
        return a
    }

    /// An integer keyword argument.
    func keywordInt(_ name: String) -> Int? {
        if case .int(let v)? = keyword(name) { return Int(v) }
        return nil
    }
}
