/// Globals and Base functions as the distributed layer needs them.
extension Runtime {
    /// A function of Base by name.
    public func baseFunction(_ name: String) throws -> JFunction {
        guard let b = base.bindings[JSym.intern(name)], case .fn(let f) = b.value else {
            throw JuliaError.undefVar(JSym.intern(name))
        }
        return f
    }
}

extension Runtime {
    /// Defines a global of Main that arrived with a closure (Julia's rule: created if missing,
    /// replaced if not constant; a constant keeps its value and warns when another arrives).
    public func receiveGlobal(_ name: String, _ v: Value, isConst: Bool) {
        let b = main.ownBinding(JSym.intern(name))
        if b.isConst && !b.value.isUndef {
            if !valuesIdentical(b.value, v) && !((try? isEqual(b.value, v, nil)) ?? false) {
                output.writeError("┌ Warning: Cannot transfer global variable \(name); it already has a value.\n")
            }
            return
        }
        b.value = v
        if isConst { b.isConst = true }
    }
}
