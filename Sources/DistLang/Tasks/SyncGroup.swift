/// Something `@sync` waits for: a task, or a remote call's result.
public protocol SyncWaitable: AnyObject {
    /// Waits for completion; throws the failure, if any.
    func syncWait(_ t: Ctx) throws
}

/// The tasks and remote calls started inside one `@sync` block.
public final class SyncGroup {
    var items: [SyncWaitable] = []

    public init() {}

    /// Adds something to wait for.
    public func add(_ w: SyncWaitable) { items.append(w) }

    /// Waits for everything; then rethrows the failures (a `CompositeException` of them, as
    /// Julia does), or the body's own error.
    func waitAll(_ t: Ctx, bodyError: Error?) throws {
        var failures: [Value] = []
        var i = 0
        while i < items.count {
            do {
                try items[i].syncWait(t)
            } catch let e as JuliaError {
                if e.isa(.interruptException) && items[i] is JTask == false { throw e }
                failures.append(e.value)
            }
            i += 1
        }
        if let b = bodyError { throw b }
        if !failures.isEmpty {
            let arr = JArray(eltype: .any, dims: Dims(failures.count))
            for (k, f) in failures.enumerated() { arr.values[k] = f }
            throw JuliaError.make(.compositeException, [.arr(arr)])
        }
    }
}

/// The `@sync` group a newly started task or remote call registers with, if any.
extension Ctx {
    public var currentSyncGroup: SyncGroup? { task.syncGroups.last }
}

extension JTask: SyncWaitable {
    public func syncWait(_ t: Ctx) throws {
        try t.runtime.scheduler.wait(for: self)
        // as Julia's `@sync` (since 1.3): a failed task is a TaskFailedException in the
        // CompositeException
        if error != nil { throw JuliaError.make(.taskFailedException, [.obj(self)]) }
    }
}

extension JTask: CustomShow {
    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let s: String
        switch state {
        case .created: s = "created"
        case .runnable, .running, .blocked: s = "runnable"
        case .done: s = "done"
        case .failed: s = "failed"
        }
        let addr = UInt(bitPattern: ObjectIdentifier(self).hashValue)
        return "Task (\(s)) @0x" + String(repeating: "0", count: max(0, 16 - String(addr, radix: 16).count)) + String(addr, radix: 16)
    }
}
