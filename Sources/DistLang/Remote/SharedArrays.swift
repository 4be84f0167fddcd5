import CDistSupport
import Foundation

/// `SharedArray`: an array in POSIX shared memory (`shm_open` + `mmap`), or over a file
/// (`mmap` of it), that the participating processes on one host map.
///
/// As Julia's `SharedArrays`:
/// - the creating process always maps the memory, whether or not it is among `pids` (by
///   default the workers on its host), and keeps the `SharedArray` object; a copy sent back
///   to it is that same object (`S === remotecall_fetch(fill!, p, S, 1.0)`);
/// - each participant maps it when the array first reaches it (the creator sends it to each
///   and waits), then the segment's name is unlinked, so nothing is left in `/dev/shm`
///   whatever happens to the processes later;
/// - on a process that neither made nor maps it, a SharedArray arrives as `UnmappedSharedArray`:
///   its size and `procs` are known, its contents are read from `pids[1]` for display, and
///   indexing it is a `BoundsError` (Julia's `S.s` is empty there);
/// - `finalize(S)` on the creator tells the participants to drop their mappings and empties
///   `S`; the memory goes when the last mapping does.
final class SharedMapping: ArrayMemoryOwner {
    let base: UnsafeMutableRawPointer
    let size: Int
    /// Where the array starts in the mapping (a file's offset within its first page).
    let start: Int
    /// Called when the creator's mapping goes (tells the other participants).
    var onRelease: (() -> Void)?

    init(base: UnsafeMutableRawPointer, size: Int, start: Int = 0) {
        self.base = base
        self.size = size
        self.start = start
    }

    deinit {
        onRelease?()
        munmap(base, size)
    }

    var memory: UnsafeMutableRawPointer { base + start }

    /// Opens (and with `create`, makes) a shared-memory segment of `size` bytes and maps it.
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

    /// Maps `size` bytes of a file from `offset`, as Julia's `mmap(io, Array, dims, offset;
    /// shared=true)` after `open(filename, mode)`: "w+" makes or empties the file, "a+" and "r+"
    /// keep its contents, and the file grows to hold the array when it is writable. A file
    /// opened "r" is mapped privately: writes stay in this process instead of faulting.
    static func openFile(_ path: String, size: Int, offset: Int, mode: String) throws -> SharedMapping {
        var flags: Int32
        switch mode {
        case "r": flags = O_RDONLY
        case "r+": flags = O_RDWR
        case "w+": flags = O_RDWR | O_CREAT | O_TRUNC
        case "a+": flags = O_RDWR | O_CREAT
        default: throw JuliaError.argument("mode must be readable, but \(mode) is not")
        }
        let fd = Glibc.open(path, flags, 0o644)
        guard fd >= 0 else { throw JuliaError.system("opening file \"\(path)\"", errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JuliaError.system("stat of \"\(path)\"", errno) }
        let needed = offset + size
        if Int(st.st_size) < needed {
            guard mode != "r" else { throw JuliaError.argument("file \(path) is smaller than the array") }
            guard ftruncate(fd, off_t(needed)) == 0 else { throw JuliaError.system("growing \"\(path)\"", errno) }
        }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let aligned = offset - offset % page
        let length = max(1, needed - aligned)
        let prot = PROT_READ | PROT_WRITE
        let share = mode == "r" ? MAP_PRIVATE : MAP_SHARED
        guard let p = mmap(nil, length, prot, share, fd, off_t(aligned)), p != MAP_FAILED else {
            throw JuliaError.system("mapping \"\(path)\"", errno)
        }
        return SharedMapping(base: p, size: length, start: offset - aligned)
    }
}

/// The names of the shared-memory segments this project makes (SharedArrays and large arrays
/// on their way between processes of one host), and the clean-up of a dead creator's.
public enum SharedSegments {
    /// What every segment name of process `pid` starts with, without the leading `/`: Julia's
    /// naming, `jl` and the process id in six digits.
    static func prefix(_ pid: Int32) -> String {
        let p = String(pid % 1_000_000)
        return "jl" + String(repeating: "0", count: 6 - p.count) + p
    }

    /// A fresh name for a segment of this process: `/jl<pid><20 letters or digits>`.
    public static func newName() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var g = SystemRandomNumberGenerator()
        let letters = (0..<20).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
        return "/" + prefix(getpid()) + String(decoding: letters, as: UTF8.self)
    }

    /// The process that made the segment `name` (with its leading `/`), or nil when `name`
    /// is not one of these names: all a peer may ask a process to open or unlink.
    public static func creator(of name: String) -> Int32? {
        let u = Array(name.utf8)
        guard u.count == 29, u[0] == UInt8(ascii: "/"), u[1] == UInt8(ascii: "j"), u[2] == UInt8(ascii: "l") else { return nil }
        var pid: Int32 = 0
        for c in u[3..<9] {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            pid = pid * 10 + Int32(c - UInt8(ascii: "0"))
        }
        for c in u[9...] {
            let letter = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            guard letter || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) else { return nil }
        }
        return pid
    }

    /// Unlinks the segments process `creator` made and had not unlinked yet: called by a
    /// worker when the process that started it is gone. A creator killed while its
    /// participants were still mapping a new SharedArray never unlinks its name, which
    /// would stay in `/dev/shm` until reboot; mappings already made stay valid.
    public static func unlinkOrphans(creator: Int32) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm") else { return }
        for n in names where Self.creator(of: "/" + n) == creator % 1_000_000 { shm_unlink("/" + n) }
    }
}

/// What a process knows of a SharedArray that reached it (the wire's description).
public struct SharedArraySpec {
    public var eltype: JType
    public var dims: [Int]
    public var segment: String
    public var id: String
    public var pids: [Int]
    public var file: (offset: Int, mode: String)?

    public init(eltype: JType, dims: [Int], segment: String, id: String, pids: [Int], file: (offset: Int, mode: String)?) {
        self.eltype = eltype
        self.dims = dims
        self.segment = segment
        self.id = id
        self.pids = pids
        self.file = file
    }

    /// The description of an array this process holds.
    public init(_ a: JArray, _ info: SharedArrayInfo) {
        self.init(eltype: a.eltype, dims: Array(a.dims), segment: info.segment, id: info.id, pids: info.pids, file: info.file)
    }
}

/// A SharedArray on a process that does not map it: Julia's SharedArray whose local `s` is
/// empty. Its size, type and `procs` are known; display reads it from `pids[1]`.
public final class UnmappedSharedArray: JObject, CustomShow, FieldAccessible {
    public let spec: SharedArraySpec

    init(_ spec: SharedArraySpec) { self.spec = spec }

    public override var jtype: JType { JType.sharedArray(spec.eltype, spec.dims.count) }

    /// What this process holds of the array: nothing (Julia's `S.s` there).
    public var emptyLocal: JArray { JArray(eltype: spec.eltype, dims: spec.dims.map { _ in 0 }) }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        guard let t, let first = spec.pids.first else { return "\(jtype)(unmapped)" }
        let v = try rt.pgrp.remotecallFetch(.fn(try rt.baseFunction("sdata")), first, [.obj(self)], [], t)
        return try rt.repr(v, t)
    }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "pids": return Builtins.pidsValue(spec.pids)
        case "segname": return .str(JStr(spec.segment))
        case "dims": return .tuple(JTuple.of(spec.dims.map { .int(Int64($0)) }))
        case "pidx": return .int(0)
        case "s": return .arr(emptyLocal)
        case "loc_subarr_1d": return .arr(JArray(eltype: spec.eltype, dims: Dims(0)))
        default: return nil
        }
    }
}

/// A weak reference to a mapping (every mapping this process has, by segment).
final class WeakMapping {
    weak var mapping: SharedMapping?
    init(_ m: SharedMapping) { mapping = m }
}

/// A weak reference to a SharedArray object (the registry of them by id).
final class WeakArray {
    weak var array: JArray?
    init(_ a: JArray) { array = a }
}

extension ProcessGroup {
    /// The SharedArray a description stands for here: the object this process already has
    /// for that id, or a new one over this process's mapping, or an `UnmappedSharedArray`.
    public func receiveShared(_ spec: SharedArraySpec) throws -> Value {
        let kind = ElementKind.of(spec.eltype)
        guard kind != .any || spec.eltype.isSingleton else {
            throw JuliaError.argument("type of SharedArray elements must be bits types, got \(spec.eltype)")
        }
        let bytes = try sharedByteCount(kind, spec.dims, spec.eltype)
        if let a = sharedObjects[spec.id]?.array { return .arr(a) }
        let key = mappingKey(spec.segment, spec.file)
        var mapping = liveMappings[key]?.mapping ?? sharedMappings[key] as? SharedMapping
        if mapping == nil {
            if let f = spec.file {
                mapping = try? SharedMapping.openFile(spec.segment, size: bytes, offset: f.offset, mode: f.mode == "w+" ? "r+" : f.mode)
            } else if spec.pids.contains(myid) {
                mapping = try? SharedMapping.open(spec.segment, size: bytes, create: false)
            }
            if let m = mapping {
                sharedMappings[key] = m
                liveMappings[key] = WeakMapping(m)
            }
        }
        guard let m = mapping, m.size - m.start >= bytes else { return .obj(UnmappedSharedArray(spec)) }
        let a = sharedObject(spec.eltype, spec.dims, m)
        a.shared = SharedArrayInfo(pids: spec.pids, segment: spec.segment, id: spec.id, file: spec.file, mapping: m)
        sharedObjects[spec.id] = WeakArray(a)
        return .arr(a)
    }

    /// The array over a mapping. Elements of a singleton type (`Nothing`, a struct without
    /// fields) take no memory: every element is the one instance, so the array holds them.
    func sharedObject(_ eltype: JType, _ dims: [Int], _ m: SharedMapping) -> JArray {
        guard ElementKind.of(eltype) == .any else { return JArray(eltype: eltype, dims: dims, memory: m.memory, owner: m) }
        let a = JArray(eltype: eltype, dims: dims)
        let instance: Value = eltype === JType.nothingType ? .nothing : .obj(JStruct(eltype, []))
        for i in 0..<a.count { a.setRaw(i, instance) }
        return a
    }

    func mappingKey(_ segment: String, _ file: (offset: Int, mode: String)?) -> String {
        file.map { "file:\(segment)@\($0.offset)" } ?? segment
    }

    func sharedByteCount(_ kind: ElementKind, _ dims: [Int], _ eltype: JType) throws -> Int {
        var count = 1
        for d in dims {
            let (p, o) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !o else { throw JuliaError.argument("SharedArray: invalid dimensions \(dims)") }
            count = p
        }
        if kind == .any { return 0 }  // singleton elements take no memory
        let (b, o) = count.multipliedReportingOverflow(by: kind.stride)
        guard !o else { throw JuliaError.argument("SharedArray: invalid dimensions \(dims)") }
        return b
    }

    /// The participants by default: the workers on this host, or this process alone
    /// (Julia's `shared_pids`). Explicit ones must be on one host.
    func sharedParticipants(_ requested: [Int]?) throws -> [Int] {
        guard let list = requested, !list.isEmpty else {
            var pids = backend.procs().filter { backend.sameHost($0, myid) }
            if pids.count > 1 { pids.removeAll { $0 == 1 } }
            return pids
        }
        for p in list where p != myid { try checkPid(p) }
        let host = list[0]
        guard list.allSatisfy({ backend.sameHost($0, host) }) else {
            throw JuliaError.argument("SharedArray requires all requested processes to be on the same machine.")
        }
        guard backend.sameHost(host, myid) else {
            throw JuliaError.argument("SharedArray: the processes \(list) are on another machine than process \(myid), which must map the array too")
        }
        return list
    }

    /// `SharedArray{T,N}(dims; init, pids)` and `SharedArray{T,N}(filename, dims, offset;
    /// mode, init, pids)`: maps the memory here, has every participant map it, runs `init(S)`
    /// on each of them, and returns this process's object.
    public func makeShared(eltype: JType, dims: [Int], pids requested: [Int]?, initializer: Value?,
                           file: (path: String, offset: Int, mode: String?)? = nil, _ t: Ctx) throws -> JArray {
        let kind = ElementKind.of(eltype)
        guard kind != .any || eltype.isSingleton else {
            throw JuliaError.argument("type of SharedArray elements must be bits types, got \(eltype)")
        }
        let bytes = try sharedByteCount(kind, dims, eltype)
        let pids = try sharedParticipants(requested)
        let segment: String, mapping: SharedMapping, fileInfo: (offset: Int, mode: String)?
        var unlinkName: String?
        if let f = file {
            guard f.path.hasPrefix("/") else { throw JuliaError.argument("\(f.path) is not an absolute path; try abspath(filename)?") }
            let exists = FileManager.default.fileExists(atPath: f.path)
            let mode = f.mode ?? (exists ? "r+" : "w+")
            guard ["r", "r+", "w+", "a+"].contains(mode) else { throw JuliaError.argument("mode must be readable, but \(mode) is not") }
            if initializer != nil && mode == "r" { throw JuliaError.argument("cannot initialize unwritable array (mode = \(mode))") }
            if mode == "r" && !exists { throw JuliaError.argument("file \(f.path) does not exist, but mode \(mode) cannot create it") }
            guard f.offset >= 0 else { throw JuliaError.argument("offset must be ≥ 0, got \(f.offset)") }
            segment = f.path
            fileInfo = (f.offset, mode)
            mapping = try SharedMapping.openFile(f.path, size: bytes, offset: f.offset, mode: mode)
        } else {
            sharedCounter += 1
            // Julia's naming: "/jl", the pid's last six digits, 20 random characters
            segment = SharedSegments.newName()
            fileInfo = nil
            mapping = try SharedMapping.open(segment, size: bytes, create: true)
            unlinkName = segment
        }
        // the name goes as soon as everyone has mapped it (or at once on failure)
        func unlink() {
            if let n = unlinkName { shm_unlink(n); unlinkName = nil }
        }
        defer { unlink() }
        sharedCounter += 1
        let id = "\(myid).\(sharedCounter)"
        let S = sharedObject(eltype, dims, mapping)
        S.shared = SharedArrayInfo(pids: pids, segment: segment, id: id, file: fileInfo, mapping: mapping)
        sharedObjects[id] = WeakArray(S)
        liveMappings[mappingKey(segment, fileInfo)] = WeakMapping(mapping)
        try? sharedRefs?.set(sharedRRID(S.shared!), .nothing, rt)
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
        let key = mappingKey(segment, fileInfo)
        let rrid = sharedRRID(S.shared!)
        let release: () -> Void = { [unowned(unsafe) self] in
            self.releaseShared(key, on: others)
            _ = self.sharedRefs?.remove(rrid)
        }
        if let e = failure {
            release()
            throw e
        }
        mapping.onRelease = release
        if let initFn = initializer { try initializeShared(S, initFn, pids, t) }
        return S
    }

    /// Runs `init(S)` on every participant at once, as Julia's `@sync` of `remotecall_wait`s:
    /// the failures come back as a `CompositeException`.
    func initializeShared(_ S: JArray, _ initFn: Value, _ pids: [Int], _ t: Ctx) throws {
        var tasks: [JTask] = []
        let call = Value.fn(try rt.baseFunction("__init_shared"))
        for p in pids {
            let task = JTask { ctx in
                _ = try ctx.runtime.pgrp.remotecallWait(call, p, [initFn, .arr(S)], [], ctx)
                return .nothing
            }
            rt.scheduler.schedule(task)
            tasks.append(task)
        }
        var failures: [Value] = []
        for task in tasks {
            try rt.scheduler.wait(for: task)
            if task.error != nil { failures.append(JuliaError.make(.taskFailedException, [.obj(task)]).value) }
        }
        if !failures.isEmpty {
            throw JuliaError.make(.compositeException, [.arr(rt.collectedArray(failures, dims: Dims(failures.count)))])
        }
    }

    /// `finalize(S)`: the participants drop their mappings, and this process's object gives up
    /// its memory (later indexing is a `BoundsError`, as in Julia).
    public func finalizeShared(_ a: JArray) {
        guard let info = a.shared else { return }
        if let m = info.mapping as? SharedMapping, let release = m.onRelease {
            m.onRelease = nil
            release()
        }
        sharedObjects[info.id] = nil
        _ = sharedRefs?.remove(sharedRRID(info))
        a.detachMemory()
    }

    /// Tells the other participants to drop their mappings of a shared array.
    func releaseShared(_ key: String, on pids: [Int]) {
        let drop = try? rt.baseFunction("__drop_shared")
        guard let f = drop else { return }
        for p in pids where !deadProcesses.contains(p) {
            sendQuietly(to: p, .call(f: .fn(f), args: [.str(JStr(key))], kw: [], rrid: nil, notify: nil))
        }
    }

    /// `indexpids(S)`: this process's position in `procs(S)`, 0 if it is not there.
    func sharedIndex(_ info: SharedArrayInfo) -> Int {
        (info.pids.firstIndex(of: myid) ?? -1) + 1
    }

    /// `localindices(S)`: the part of S this process works on — equal parts in `procs(S)`
    /// order, the last part taking the remainder (Julia's `range_1dim`).
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
