/// A module: a namespace of global bindings (`Main`, `Base`, and user modules).
public final class JModule: JObject {
    public let name: JSym
    /// Path from Main (`[]` for Main, `["Base"]` for Base).
    public let path: [JSym]
    public unowned(unsafe) var parent: JModule?
    public var bindings: [JSym: Binding] = [:]
    public var exports: Set<JSym> = []
    /// A standard library (`Distributed`, `SharedArrays`): a namespace over Base, where its
    /// names live, that knows which of them it exports.
    public var isStandardLibrary = false
    /// Modules whose exported names are visible here (`using`).
    public var usings: [JModule] = []

    public init(name: JSym, path: [JSym], parent: JModule?) {
        self.name = name
        self.path = path
        self.parent = parent
    }

    public override var jtype: JType { JType.module }

    /// The binding named `name` in this module itself, created (unassigned) if missing.
    public func ownBinding(_ name: JSym) -> Binding {
        if let b = bindings[name] { return b }
        let b = Binding(name: name, owner: self)
        bindings[name] = b
        return b
    }

    /// The module's full name as Julia prints it (`Main.DummyModule`).
    public var fullName: String {
        if path.isEmpty { return "Main" }
        if isStandardLibrary { return name.name }
        if path.first?.name == "Base" { return path.count == 1 ? "Base" : path.map { $0.name }.joined(separator: ".") }
        return "Main." + path.map { $0.name }.joined(separator: ".")
    }
}

/// A global variable of a module.
public final class Binding {
    public let name: JSym
    /// The value, `.undef` until assigned.
    public var value: Value = .undef { didSet { version &+= 1 } }
    /// Incremented on every assignment, so that cached look-ups notice a change.
    public private(set) var version = 0
    public var isConst = false
    public unowned(unsafe) var owner: JModule?

    public init(name: JSym, owner: JModule?) {
        self.name = name
        self.owner = owner
    }
}
