/// Definitions: methods, structs, abstract types, modules, `using`, `import`, `export`.

final class DefineMethodNode: Node {
    let ref: GlobalRef, lambda: Lambda, types: [Node?]
    unowned(unsafe) let rt: Runtime
    init(_ ref: GlobalRef, _ l: Lambda, _ types: [Node?], _ rt: Runtime) {
        self.ref = ref; lambda = l; self.types = types; self.rt = rt
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        var sig: [JType] = []
        for n in types {
            guard let n = n else { sig.append(.any); continue }
            let tv = try n.eval(t)
            switch tv {
            case .type(let ty): sig.append(ty)
            default: throw JuliaError.error("invalid type for argument in method definition for \(lambda.name)")
            }
        }
        let b = try rt.assignableBinding(ref)
        var f: JFunction
        switch b.value {
        case .fn(let existing) where !existing.isClosure:
            f = existing
        case .type(let ty):
            // a constructor method: `MyType(x) = MyType(x, 0)`
            let c = ty.constructor ?? JFunction(name: ty.name, module: ref.module)
            ty.constructor = c
            for m in Runtime.methods(for: lambda, types: sig) { c.addMethod(m) }
            return .type(ty)
        case .undef:
            // a method on a name that resolves elsewhere (a built-in): extend it only when
            // the definition names that module (`Base.show(…) = …`) or it was imported
            f = JFunction(name: ref.name.name, module: ref.module)
            b.value = .fn(f)
            b.isConst = true
        default:
            throw JuliaError.error("cannot define function \(ref.name.name); it already has a value")
        }
        if types.count == 2, lambda.params.isEmpty, types.allSatisfy({ $0 == nil }), lambda.nslots == 0,
           case .block(let items) = lambda.body, items.isEmpty {
            return .fn(f) // `function f end`
        }
        for m in Runtime.methods(for: lambda, types: sig) { f.addMethod(m) }
        return .fn(f)
    }
}

final class DefineStructNode: Node {
    let def: StructDefinition, supertype: Node?, fieldTypes: [Node?]
    unowned(unsafe) let rt: Runtime
    init(_ d: StructDefinition, _ s: Node?, _ ft: [Node?], _ rt: Runtime) {
        def = d; supertype = s; fieldTypes = ft; self.rt = rt
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        var sup: JType?
        if let s = supertype {
            guard case .type(let st) = try s.eval(t), st.isAbstract else {
                throw JuliaError.error("invalid subtyping in definition of \(def.name.name.name)")
            }
            sup = st
        }
        let b = try rt.assignableBinding(def.name)
        var types: [JType]
        do {
            types = try evalFieldTypes(t)
        } catch let e as JuliaError where e.isa(.undefVarError) && b.value.isUndef {
            // a field names the struct itself (`next::Union{Node, Nothing}`): the new type is
            // bound while its field types are evaluated, and unbound again if that fails
            let ty = JType.makeStruct(name: def.name.name.name, modulePath: def.name.module.map { $0.name },
                                      super: sup, mutable: def.isMutable, fields: def.fieldNames,
                                      types: def.fieldNames.map { _ in JType.any })
            b.value = .type(ty)
            do {
                ty.fieldTypes = try evalFieldTypes(t)
            } catch {
                b.value = .undef
                throw error
            }
            return try finish(ty, b)
        }
        if case .type(let old) = b.value {
            // an identical redefinition is allowed; a different one is an error, as in Julia
            if old.isStructType && old.fieldNames == def.fieldNames && old.isMutable == def.isMutable
                && old.fieldTypes.count == types.count && zip(old.fieldTypes, types).allSatisfy({ $0 === $1 }) {
                return .nothing
            }
            throw JuliaError.error("invalid redefinition of constant \(def.name.name.name)")
        }
        let ty = JType.makeStruct(name: def.name.name.name, modulePath: def.name.module.map { $0.name },
                                  super: sup, mutable: def.isMutable, fields: def.fieldNames, types: types)
        return try finish(ty, b)
    }

    /// The declared types of the fields (`Any` where none is given).
    private func evalFieldTypes(_ t: Ctx) throws -> [JType] {
        try fieldTypes.map { n in
            guard let n = n else { return JType.any }
            guard case .type(let ty) = try n.eval(t) else { throw JuliaError.error("invalid type for field of \(def.name.name.name)") }
            return ty
        }
    }

    /// Adds the inner constructors and binds the new type's name.
    private func finish(_ ty: JType, _ b: Binding) throws -> Value {
        if !def.constructors.isEmpty {
            let c = JFunction(name: ty.name, module: def.name.module)
            for l in def.constructors {
                for m in Runtime.methods(for: l, types: Array(repeating: .any, count: l.params.count)) { c.addMethod(m) }
            }
            ty.constructor = c
            ty.hasInnerConstructors = true
        }
        b.value = .type(ty)
        b.isConst = true
        rt.registerType(ty)
        return .nothing
    }
}

final class DefineAbstractNode: Node {
    let ref: GlobalRef, supertype: Node?
    unowned(unsafe) let rt: Runtime
    init(_ ref: GlobalRef, _ s: Node?, _ rt: Runtime) { self.ref = ref; supertype = s; self.rt = rt; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        var sup = JType.any
        if let s = supertype {
            guard case .type(let st) = try s.eval(t) else { throw JuliaError.error("invalid subtyping in definition of \(ref.name.name)") }
            sup = st
        }
        let b = try rt.assignableBinding(ref)
        if case .type(let old) = b.value, old.isAbstract { return .nothing }
        let ty = JType.makeStruct(name: ref.name.name, modulePath: ref.module.map { $0.name }, super: sup, mutable: false,
                                  fields: [], types: [], abstract: true)
        b.value = .type(ty)
        b.isConst = true
        rt.registerType(ty)
        return .nothing
    }
}

final class DefineModuleNode: Node {
    let name: JSym, body: Lambda
    init(_ n: JSym, _ b: Lambda) { name = n; body = b; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let rt = t.runtime
        let parentPath = Array(body.module.dropLast())
        guard let parent = rt.module(at: parentPath) else { throw JuliaError.error("module \(name.name): parent module not found") }
        let m = JModule(name: name, path: body.module, parent: parent)
        m.usings = [rt.base]
        let b = parent.ownBinding(name)
        if case .obj(let o) = b.value, o is JModule {
            rt.output.writeError("WARNING: replacing module \(name.name).\n")
        }
        b.value = .obj(m)
        b.isConst = true
        rt.rememberModule(m)
        let saved = t.task.module
        t.task.module = m
        defer { t.task.module = saved }
        _ = try rt.runThunk(body, t)
        return .obj(m)
    }
}

final class UsingNode: Node {
    let paths: [[JSym]], module: [JSym]
    init(_ p: [[JSym]], _ m: [JSym]) { paths = p; module = m; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        for p in paths { try t.runtime.using(p, in: module, t) }
        return .nothing
    }
}

final class ImportNode: Node {
    let path: [JSym], names: [JSym], module: [JSym]
    init(_ p: [JSym], _ n: [JSym], _ m: [JSym]) { path = p; names = n; module = m; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        try t.runtime.importNames(path, names, in: module, t)
        return .nothing
    }
}

final class ExportNode: Node {
    let names: [JSym], module: [JSym]
    init(_ n: [JSym], _ m: [JSym]) { names = n; module = m; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        guard let m = t.runtime.module(at: module) else { return .nothing }
        for n in names { m.exports.insert(n) }
        return .nothing
    }
}
