import CDistSupport
import Foundation

/// `SharedArray`: an array in POSIX shared memory (`shm_open` + `mmap`) that every
/// participating process on this host maps.
///
/// The creating process makes the segment, sends the array to each participant (receiving
/// it maps the segment: see `mapShared`), waits until all have mapped it, and unlinks the
/// segment's name at once — from then on the memory lives exactly as long as some process
/// maps it, so nothing is left in `/dev/shm` whatever happens to the processes later. Each
/// process keeps its mapping in `sharedMappings` until the creator says the array is gone
/// (`finalize(S)`, or the creator's last reference dropped).
final class SharedMapping: ArrayMemoryOwner {
    let base: UnsafeMutableRawPointer
    let size: Int
    /// Called when the creator's mapping goes (tells the other participants).
    var onRelease: (() -> Void)?

    init(base: UnsafeMutableRawPointer, size: Int) {
        self.base = base
        self.size = size
    }

    deinit {
        onRelease?()
        munmap(base, size)
    }

    /// Opens (and with `create`, makes) a segment of `size` bytes and maps it.
    static func open(_ name: String, size: Int, create: Bool) throws -> SharedMapping {
        let flags = create ? (O_RDWR | O_CREAT | O_EXCL) : O_RDWR
        let fd = shm_open(name, flags, 0o600)
        guard fd >= 0 else {
            throw JuliaError.error("SharedArray: cannot open shared memory segment \(name): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = max(size, 1)
        if create {
            guard ftruncate(fd, off_t(bytes)) == 0 else {
                let why = String(cString: strerror(errno))
                shm_unlink(name)
                throw JuliaError.error("SharedArray: cannot size shared memory segment to \(bytes) bytes: \(why)")
            }
        } else {
            var st = stat()
            guard fstat(fd, &st) == 0, Int(st.st_size) >= bytes else {
                throw JuliaError.error("SharedArray: shared memory segment \(name) is smaller than the array")
            }
        }
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            let why = String(cString: strerror(errno))
            if create { shm_unlink(name) }
            throw JuliaError.error("SharedArray: cannot map shared memory: \(why)")
        }
        return SharedMapping(base: p, size: bytes)
    }
}

extension ProcessGroup {
    /// `finalize(S)`: the other participants drop their mappings of a shared array at once;
    /// this process's view stays valid while it is referenced.
    public func finalizeShared(_ s: SharedArrayInfo) {
        if let m = s.mapping as? SharedMapping, m.onRelease != nil {
            m.onRelease?()
            m.onRelease = nil
        }
    }

    /// The array a shared array's description stands for on this process: the existing
    /// mapping if this process has one, else a new mapping of the segment.
    public func mapShared(eltype: JType, dims: [Int], segment: String, id: String, pids: [Int]) throws -> JArray {
        let kind = ElementKind.of(eltype)
        guard kind != .any else { throw JuliaError.argument("type of SharedArray elements must be bits types, got \(eltype)") }
        var count = 1
        for d in dims {
            let (p, o) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !o else { throw JuliaError.argument("SharedArray: invalid dimensions") }
            count = p
        }
        let bytes = count * kind.stride
        let mapping: SharedMapping
        if let m = sharedMappings[id] as? SharedMapping {
            guard m.size >= bytes else { throw JuliaError.error("SharedArray \(id): size mismatch") }
            mapping = m
        } else {
            do {
                mapping = try SharedMapping.open(segment, size: bytes, create: false)
            } catch {
                throw JuliaError.error("SharedArray \(id) is not mapped on process \(myid) (it was not among its pids when it was made)")
            }
            sharedMappings[id] = mapping
        }
        let a = JArray(eltype: eltype, dims: dims, memory: mapping.base, owner: mapping)
        a.shared = SharedArrayInfo(pids: pids, segment: segment, id: id, mapping: mapping)
        return a
    }

    /// `SharedArray{T,N}(dims; init, pids)`: makes the segment, has every process of `pids`
    /// map it, runs `init(S)` on each of them, and returns this process's view.
    public func makeShared(eltype: JType, dims: [Int], pids requested: [Int]?, initializer: Value?, _ t: Ctx) throws -> JArray {
        let kind = ElementKind.of(eltype)
        guard kind != .any else {
            throw JuliaError.argument("type of SharedArray elements must be bits types, got \(eltype)")
        }
        var pids = requested ?? backend.workers()
        if pids.isEmpty { pids = [myid] }
        var count = 1
        for d in dims {
            let (p, o) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !o else { throw JuliaError.argument("SharedArray: invalid dimensions") }
            count = p
        }
        for p in pids where p != myid { try checkPid(p) }
        sharedCounter += 1
        let segment = "/dist.\(getpid()).\(sharedCounter)"
        let id = segment
        let mapping = try SharedMapping.open(segment, size: count * kind.stride, create: true)
        // the name goes as soon as everyone has mapped it (or at once on failure)
        var unlinked = false
        func unlink() {
            if !unlinked { shm_unlink(segment); unlinked = true }
        }
        defer { unlink() }
        let S = JArray(eltype: eltype, dims: dims, memory: mapping.base, owner: mapping)
        S.shared = SharedArrayInfo(pids: pids, segment: segment, id: id, mapping: mapping)
        let others = pids.filter { $0 != myid }
        // every participant maps it (receiving the array maps it) and keeps its mapping
        let keep = Value.fn(try rt.baseFunction("__keep_shared"))
        var futures: [Future] = []
        for p in others { futures.append(try remotecall(keep, p, [.arr(S)], [], t)) }
        var failure: JuliaError?
        for f in futures {
            do { _ = try fetch(f, t) } catch let e as JuliaError { if failure == nil { failure = e } }
        }
        unlink()
        let release: () -> Void = { [unowned(unsafe) self] in
            self.releaseShared(id, on: others)
        }
        if let e = failure {
            release()
            throw e
        }
        mapping.onRelease = release
        if let initFn = initializer {
            var tasks: [JTask] = []
            var initError: JuliaError?
            for p in pids {
                let task = JTask { ctx in
                    do {
                        if p == ctx.runtime.pgrp.myid {
                            _ = try ctx.call(initFn, [.arr(S)])
                        } else {
                            _ = try ctx.runtime.pgrp.remotecallFetch(Value.fn(try ctx.runtime.baseFunction("__init_shared")), p, [initFn, .arr(S)], [], ctx)
                        }
                    } catch let e as JuliaError {
                        if initError == nil { initError = e }
                    }
                    return .nothing
                }
                rt.scheduler.schedule(task)
                tasks.append(task)
            }
            for task in tasks { try rt.scheduler.wait(for: task) }
            if let e = initError { throw e }
        }
        return S
    }

    /// Tells the other participants to drop their mappings of a shared array.
    func releaseShared(_ id: String, on pids: [Int]) {
        let drop = try? rt.baseFunction("__drop_shared")
        guard let f = drop else { return }
        for p in pids where !deadProcesses.contains(p) {
            sendQuietly(to: p, .call(f: .fn(f), args: [.str(JStr(id))], kw: [], rrid: nil, notify: nil))
        }
    }

    /// `indexpids(S)`: this process's position in `procs(S)`, 0 if it is not there.
    func sharedIndex(_ info: SharedArrayInfo) -> Int {
        (info.pids.firstIndex(of: myid) ?? -1) + 1
    }

    /// `localindices(S)`: the part of S this process works on — equal parts in `procs(S)`
    /// order, the last part taking the remainder.
    func sharedLocalRange(_ a: JArray, _ info: SharedArrayInfo) -> (Int, Int) {
        let idx = sharedIndex(info)
        let n = a.count, parts = info.pids.count
        if idx == 0 { return (1, 0) }
        if n < parts { return idx <= n ? (idx, idx) : (1, 0) }
        let len = n / parts
        if idx == parts { return ((idx - 1) * len + 1, n) }
        return ((idx - 1) * len + 1, idx * len)
    }
}

extension Builtins {
    static func installSharedArrays(_ rt: Runtime) {
        rt.constructors[ObjectIdentifier(JType.sharedArrayFamily)] = { t, ty, a in
            try makeSharedArray(t, ty, a)
        }
        rt.def("__keep_shared") { t, a in
            // receiving the array mapped it; the registry keeps the mapping
            try a.expect(1, "__keep_shared")
            return .nothing
        }
        rt.def("__init_shared") { t, a in
            try a.expect(2, "__init_shared")
            _ = try t.call(a[0], [a[1]])
            return .nothing
        }
        rt.def("__drop_shared") { t, a in
            try a.expect(1, "__drop_shared")
            t.runtime.pgrp.sharedMappings.removeValue(forKey: try a.string(0, "__drop_shared"))
            return .nothing
        }
        rt.def("sdata") { t, a in
            try a.expect(1, "sdata")
            guard case .arr(let s) = a[0] else { throw JuliaError.method("sdata", a.array) }
            guard let info = s.shared, let m = info.mapping as? SharedMapping else { return a[0] }
            return .arr(JArray(eltype: s.eltype, dims: s.dims, memory: m.base, owner: m))
        }
        rt.def("indexpids") { t, a in
            try a.expect(1, "indexpids")
            guard case .arr(let s) = a[0], let info = s.shared else { throw JuliaError.method("indexpids", a.array) }
            return .int(Int64(t.runtime.pgrp.sharedIndex(info)))
        }
        rt.def("localindices") { t, a in
            try a.expect(1, "localindices")
            guard case .arr(let s) = a[0], let info = s.shared else { throw JuliaError.method("localindices", a.array) }
            let (lo, hi) = t.runtime.pgrp.sharedLocalRange(s, info)
            return .range(JRange(start: Int64(lo), stop: Int64(hi)))
        }
    }

    /// `SharedArray{T,N}(dims; init, pids)`, `SharedArray{T}(d1, d2...)`, `SharedArray(A)`.
    static func makeSharedArray(_ t: Ctx, _ ty: JType, _ a: Args) throws -> Value {
        let rt = t.runtime
        var et = ty.paramType(0)
        let fixedN = ty.paramInt(1)
        var dims: [Int] = []
        var source: JArray?
        if a.count == 1, case .tuple(let tp) = a[0] {
            dims = try tp.items.map { x -> Int in
                guard case .int(let v) = x else { throw JuliaError.method(ty.description, a.array) }
                return Int(v)
            }
        } else if a.count == 1, case .arr(let src) = a[0] {
            source = src
            dims = src.dims
            if et == nil { et = src.eltype }
        } else {
            for i in 0..<a.count { dims.append(try a.int(i, "SharedArray")) }
        }
        guard let elt = et else { throw JuliaError.method(ty.description, a.array) }
        if let n = fixedN, n != dims.count { throw JuliaError.method(ty.description, a.array) }
        if dims.contains(where: { $0 < 0 }) { throw JuliaError.argument("invalid SharedArray dimensions") }
        var pids: [Int]?
        if let p = a.keyword("pids") {
            let list = try rt.collectValues(p, t).map { v -> Int in
                guard case .int(let x) = v else { throw JuliaError.argument("pids must be process ids") }
                return Int(x)
            }
            if !list.isEmpty { pids = list }
        }
        var initializer: Value?
        if let i = a.keyword("init") {
            if case .bool(false) = i {} else { initializer = i }
        }
        let S = try rt.pgrp.makeShared(eltype: elt, dims: dims, pids: pids, initializer: initializer, t)
        if let src = source {
            for i in 0..<src.count { S.setRaw(i, try rt.convert(elt, src.get(i))) }
        }
        return .arr(S)
    }
}
