/// `using`, `import`, and the registry of user types (for decoding values from other processes).
extension Runtime {
    /// Package names that are part of the language here: `using Distributed` and friends are accepted.
    static let standardLibraries: Set<String> = [
        "Distributed", "LinearAlgebra", "SharedArrays", "Random", "InteractiveUtils", "Statistics",
        "Printf", "Serialization", "Sockets", "Dates", "Base", "Core", "Main", "Test", "DelimitedFiles",
    ]

    /// The standard libraries that are modules of their own (namespaces over Base) and what
    /// they export, as Julia's `Distributed` and `SharedArrays` do.
    static let standardLibraryExports: [(String, [String])] = [
        ("Distributed", [
            "@spawn", "@spawnat", "@fetch", "@fetchfrom", "@everywhere", "@distributed",
            "AbstractWorkerPool", "addprocs", "CachingPool", "clear!", "ClusterManager", "default_worker_pool",
            "init_worker", "interrupt", "launch", "manage", "myid", "nprocs", "nworkers", "pmap", "procs", "remote",
            "remotecall", "remotecall_eval", "remotecall_fetch", "remotecall_wait", "remote_do", "rmprocs", "workers",
            "WorkerPool", "RemoteChannel", "Future", "WorkerConfig", "RemoteException", "ProcessExitedException",
            "process_messages", "remoteref_id", "channel_from_id", "worker_id_from_socket", "cluster_cookie", "start_worker",
        ]),
        ("SharedArrays", ["SharedArray", "SharedVector", "SharedMatrix", "sdata", "indexpids", "localindices"]),
    ]

    /// Resolves a `using`/`import` path (`.M`, `..M`, `M.N`) from the module at `from`.
    func resolveModulePath(_ path: [JSym], from: [JSym]) throws -> JModule? {
        guard let first = path.first else { return nil }
        var names = path
        var current: JModule?
        if first.name.isEmpty {
            // relative: each leading empty component goes up one level (the first means "here")
            var m = module(at: from) ?? main
            names.removeFirst()
            while let n = names.first, n.name.isEmpty {
                m = m.parent ?? m
                names.removeFirst()
            }
            current = m
        } else {
            if Runtime.standardLibraries.contains(first.name) && names.count == 1 { return nil }
            let here = module(at: from) ?? main
            // an absolute name: found in the current module, then in Main
            if let b = lookupBinding(here, first), case .obj(let o) = b.value, o is JModule {
                current = here
            } else if let b = lookupBinding(main, first), case .obj(let o) = b.value, o is JModule {
                current = main
            } else {
                throw JuliaError.argument("Package \(first.name) not found in current path")
            }
        }
        guard var m = current else { return nil }
        for n in names {
            guard let b = lookupBinding(m, n), case .obj(let o) = b.value, let sub = o as? JModule else {
                throw JuliaError.undefVar(n)
            }
            m = sub
        }
        return m
    }

    /// `using path` (or `using path: names`).
    public func using(_ path: [JSym], in from: [JSym], _ t: Ctx) throws {
        if let colon = path.firstIndex(where: { $0.name == ":" }) {
            try importNames(Array(path[..<colon]), Array(path[(colon + 1)...]), in: from, t)
            return
        }
        guard let m = try resolveModulePath(path, from: from) else { return }
        guard let target = module(at: from) else { return }
        if m === target || target.usings.contains(where: { $0 === m }) { return }
        target.usings.append(m)
        if let name = path.last, target.bindings[name] == nil {
            target.ownBinding(name).value = .obj(m)
        }
    }

    /// `import path: names` (or `import path.name`), binding each name to the same global.
    public func importNames(_ path: [JSym], _ names: [JSym], in from: [JSym], _ t: Ctx) throws {
        guard let target = module(at: from) else { return }
        let source: JModule
        if path.count == 1 && (path[0].name == "Base" || Runtime.standardLibraries.contains(path[0].name)) {
            source = base
        } else if let m = try resolveModulePath(path, from: from) {
            source = m
        } else {
            source = base
        }
        if names.isEmpty {
            if let last = path.last { target.ownBinding(last).value = .obj(source) }
            return
        }
        for n in names {
            guard let b = source === base ? base.bindings[n] : lookupBinding(source, n) else { throw JuliaError.undefVar(n) }
            target.bindings[n] = b
        }
    }

    /// Records a user type so that values of it can be decoded by name.
    public func registerType(_ t: JType) {
        userTypes[(t.modulePath + [t.name]).joined(separator: ".")] = t
    }

    /// A user type by module path and name.
    public func userType(_ path: [String], _ name: String) -> JType? {
        if let m = module(at: path.map { JSym.intern($0) }), let b = lookupBinding(m, JSym.intern(name)), case .type(let t) = b.value {
            return t
        }
        return userTypes[(path + [name]).joined(separator: ".")]
    }

    /// Records a module (nothing more is needed: modules are found through their bindings).
    func rememberModule(_ m: JModule) {}
}
