/// `names(m)` and `Docs.undocumented_names(m)`: what a module exports, and which of those
/// names have no docstring (the docstrings are the help mode's, given by the shell).
extension Builtins {
    static func installDocs(_ rt: Runtime) {
        rt.def("names") { t, a in
            try a.expect(1, "names")
            guard case .obj(let o) = a[0], let m = o as? JModule else { throw JuliaError.method("names", a.array) }
            let all = a.keyword("all").map { isTrue($0) } ?? false
            return .arr(symbolVector(moduleNames(m, all: all)))
        }
        let docs = JModule(name: JSym.intern("Docs"), path: [JSym.intern("Base"), JSym.intern("Docs")], parent: rt.base)
        rt.setGlobal("Docs", .obj(docs), in: rt.base, const: true)
        let f = JFunction(name: "undocumented_names", module: [JSym.intern("Base"), JSym.intern("Docs")], builtin: Builtin("undocumented_names") { t, a in
            try a.expect(1, "undocumented_names")
            guard case .obj(let o) = a[0], let m = o as? JModule else { throw JuliaError.method("undocumented_names", a.array) }
            let all = a.keyword("private").map { isTrue($0) } ?? false
            let documented = t.runtime.hasDocumentation ?? { _ in false }
            return .arr(symbolVector(moduleNames(m, all: all).filter { !documented($0.name) && !$0.name.hasPrefix("#") }))
        })
        f.makeImmortal()
        rt.setGlobal("undocumented_names", .fn(f), in: docs, const: true)
    }

    /// Julia's `names(m; all)`: the module's own name and what it exports (with `all`, every
    /// global it defines too), sorted.
    static func moduleNames(_ m: JModule, all: Bool) -> [JSym] {
        var out = Set(m.exports)
        out.insert(m.name)
        if all { for (k, b) in m.bindings where !b.value.isUndef { out.insert(k) } }
        return out.sorted { $0.name < $1.name }
    }

    static func symbolVector(_ xs: [JSym]) -> JArray {
        let r = JArray(eltype: .symbol, dims: Dims(xs.count))
        for (i, x) in xs.enumerated() { r.setRaw(i, .sym(x)) }
        return r
    }
}
