/// Parametric struct types: `struct P{T} x::T end`, `P{Int}(1)`, `P(1)`, `struct G{N} end`.
///
/// The resolver defines such a struct with a stand-in for each parameter in its field types
/// (`__typeparam`), then `__parametric` makes it a family: its instantiations (`P{Int64}`,
/// interned by `JType.apply`) are struct types with the parameters substituted. Calling the
/// family infers the parameters from the arguments, as Julia's default constructor does.
extension Builtins {
    static func installParametric(_ rt: Runtime) {
        rt.def("__typeparam") { _, a in
            try a.expect(2, "__typeparam")
            guard case .sym(let name) = a[0], case .int(let k) = a[1] else { throw JuliaError.method("__typeparam", a.array) }
            return .type(JType.typeParameter(name.name, Int(k)))
        }
        rt.def("__parametric") { t, a in
            // `__parametric(P, (:T, :N), (bound_T, bound_N))`
            try a.expect(3, "__parametric")
            guard case .type(let ty) = a[0], ty.isStructType, case .tuple(let names) = a[1] else {
                throw JuliaError.method("__parametric", a.array)
            }
            ty.arity = names.count
            ty.parameterNames = names.items.map { if case .sym(let s) = $0 { return s.name } else { return "T" } }
            if let sup = ty.superType, sup.mentionsParameter { ty.superMap = { sup.substituting($0) } }
            t.runtime.constructors[ObjectIdentifier(ty)] = { ctx, called, args in
                try ctx.runtime.constructParametric(family: ty, called: called, args)
            }
            return .nothing
        }
        rt.def("__type_parameter") { t, a in
            // parameter `k` of a type, for the `where` variables of a method (`x::P{T}`)
            try a.expect(2, "__type_parameter")
            let ty = try a.type(0, "__type_parameter")
            let k = try a.int(1, "__type_parameter")
            guard k >= 1 && k <= ty.params.count else { return .type(.any) }
            switch ty.params[k - 1] {
            case .type(let x): return .type(x)
            case .int(let n): return .int(Int64(n))
            case .free: return .type(.any)
            }
        }
    }
}

extension Runtime {
    /// Calls a parametric struct type: an instantiation builds its instance (converting each
    /// argument to its field's type); the family first infers its parameters from the arguments.
    func constructParametric(family: JType, called: JType, _ args: Args) throws -> Value {
        if called.family != nil {
            guard called.isFullySpecified else { throw JuliaError.method(.type(called), args.array) }
            return try newStruct(called, args)
        }
        guard args.count == family.fieldTypes.count, args.kw.isEmpty else { throw JuliaError.method(.type(family), args.array) }
        var bound: [Int: TypeParam] = [:]
        for (i, ft) in family.fieldTypes.enumerated() {
            guard unifyParameters(ft, typeOf(args[i]), &bound) else { throw JuliaError.method(.type(family), args.array) }
        }
        var params: [TypeParam] = []
        for k in 0..<family.arity {
            guard let p = bound[k] else { throw JuliaError.method(.type(family), args.array) }
            params.append(p)
        }
        return try newStruct(JType.apply(family, params), args)
    }

    /// Binds the parameters a field's declared type mentions to what the argument's type has in
    /// their place; false when a parameter would be bound twice differently.
    func unifyParameters(_ template: JType, _ actual: JType, _ bound: inout [Int: TypeParam]) -> Bool {
        if let k = template.parameterIndex {
            if let old = bound[k] { return old == .type(actual) }
            bound[k] = .type(actual)
            return true
        }
        guard template.mentionsParameter, let fam = template.family else { return true }
        // find the instantiation of the same family among the argument's supertypes
        var cur: JType? = actual
        while let c = cur, c.root !== fam.root { cur = c.supertype }
        guard let match = cur, match.params.count == template.params.count else { return true }
        for (tp, ap) in zip(template.params, match.params) {
            guard case .type(let tt) = tp, tt.mentionsParameter else { continue }
            if let k = tt.parameterIndex, case .int = ap {
                if let old = bound[k], old != ap { return false }
                bound[k] = ap
                continue
            }
            if case .type(let at) = ap, !unifyParameters(tt, at, &bound) { return false }
        }
        return true
    }
}
