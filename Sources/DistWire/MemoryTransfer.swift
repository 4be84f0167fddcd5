import Atomics
import DistLang
import Glibc

/// Large arrays between processes of one host go through shared memory instead of the
/// socket: the sender copies the elements into a `/dev/shm` segment and sends its name, and
/// the array the receiver makes uses the segment as its memory. One copy of memory already
/// mapped, instead of four through the kernel's socket buffers and a loopback connection's
/// flow control. (Copying out on the receiving side too took the 8 MB fetch from 4.4 to
/// 2.3 GB/s here.)
///
/// **Whether two processes share `/dev/shm`** is not known from their addresses (a tunnelled
/// worker listens on 127.0.0.1 on another host; two containers share a kernel but not their
/// `/dev/shm`), so it is tried once per connection: the first large array goes through the
/// socket, and the sender makes a small segment holding a random token and sends a
/// `memoryProbe` naming it; the peer answers whether it read the token there. Only after a
/// yes do arrays take this path on that connection.
///
/// **Segments are reused.** Making one costs more than copying into it (the system
/// allocates and clears every page: ~4 ms for 8 MB here, against ~1 ms to copy), so each
/// connection keeps up to `poolSize`, mapped on both sides. A segment starts with a state
/// word: the sender fills the segment and marks it full; the receiver's array lives in it
/// and marks it free when the array is freed (or, if the array grows, once it has copied
/// itself out: `BorrowedArrayMemory`); the sender reuses only a free one. When all are in
/// use (several messages in flight, or received arrays the program keeps), the next array
/// gets a segment of its own, which the receiver unlinks at once and unmaps when the array
/// is freed; so do arrays above `keepLimit`. A connection never keeps more than
/// `poolSize × keepLimit`.
///
/// **Clean-up.** Names are those SharedArrays use (`jl`, the creator's process id in six
/// digits, twenty random letters), so the processes that clean up a dead creator's
/// segments (`SharedSegments.unlinkOrphans`: a worker whose starter was killed, a peer whose
/// connection closed after a probe) remove these too. A process unlinks its own when a
/// connection closes and when it exits (`unlinkAll`).
public final class MemoryTransfers {
    public enum State { case unknown, probing, confirmed, refused }

    /// Whether the peer reads this process's segments.
    public private(set) var state: State = .unknown
    /// Set by a writer that sent a large array through the socket while `state` was unknown:
    /// the connection should probe.
    public private(set) var wantsProbe = false
    /// The probe segment awaiting the peer's answer.
    var probeName: String?
    /// This process's segments for this connection (sending side).
    var pool: [Segment] = []
    /// One-off segments sent and perhaps not read yet.
    var oneOff: [String] = []
    /// The peer's segments mapped here (receiving side), most recently used last.
    var mapped: [Segment] = []
    /// The peer's process id, learnt from its probe: its segments are unlinked if it dies.
    var peerCreator: Int32?

    public init() {}

    /// Arrays of at least this many bytes use shared memory (below it the socket costs less).
    /// `DIST_SHM_TRANSFER=0` turns the path off.
    public static let threshold = 1 << 20
    /// How many segments a connection keeps for reuse.
    static let poolSize = 4
    /// The largest array whose segment is kept for reuse.
    static let keepLimit = 64 << 20
    /// Bytes before the data: the state word, padded to a cache line.
    static let header = 64
    static let enabled: Bool = {
        guard let v = getenv("DIST_SHM_TRANSFER") else { return true }
        return String(cString: v) != "0"
    }()

    /// A mapped segment.
    final class Segment {
        let name: String
        let base: UnsafeMutableRawPointer
        let size: Int
        var capacity: Int { size - MemoryTransfers.header }
        /// 0 free, 1 full.
        var state: UnsafeAtomic<Int> { UnsafeAtomic(at: base.assumingMemoryBound(to: UnsafeAtomic<Int>.Storage.self)) }
        var data: UnsafeMutableRawPointer { base + MemoryTransfers.header }

        init(name: String, base: UnsafeMutableRawPointer, size: Int) {
            self.name = name
            self.base = base
            self.size = size
        }

        deinit { munmap(base, size) }
    }

    // MARK: Sending

    /// Writes `bytes` into a segment for the peer and returns its name and whether the
    /// receiver should unlink it; nil when the socket must carry them (the peer does not
    /// share memory, the array is small, the system has no room).
    func write(_ bytes: UnsafeRawBufferPointer) -> (name: String, oneOff: Bool)? {
        guard bytes.count >= MemoryTransfers.threshold, MemoryTransfers.enabled else { return nil }
        switch state {
        case .confirmed: break
        case .unknown:
            wantsProbe = true
            return nil
        case .probing, .refused: return nil
        }
        let segment: Segment
        let single = bytes.count > MemoryTransfers.keepLimit
        if !single, let s = pool.first(where: { $0.capacity >= bytes.count && $0.state.load(ordering: .acquiring) == 0 }) {
            segment = s
        } else {
            // a new segment: rounded up so a slightly larger array next time fits
            let mb = 1 << 20
            let capacity = single ? bytes.count : (bytes.count + mb - 1) / mb * mb
            guard let s = MemoryTransfers.makeSegment(size: MemoryTransfers.header + capacity) else { return nil }
            segment = s
            if single {
                oneOff.append(s.name)
            } else {
                // keep a few: drop a free one to make room (a full one is still in use)
                if pool.count >= MemoryTransfers.poolSize, let i = pool.firstIndex(where: { $0.state.load(ordering: .acquiring) == 0 }) {
                    MemoryTransfers.forget(pool[i].name)
                    pool.remove(at: i)
                }
                if pool.count < MemoryTransfers.poolSize { pool.append(s) } else { oneOff.append(s.name) }
            }
        }
        segment.data.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        segment.state.store(1, ordering: .releasing)
        let dropAfterReading = !pool.contains { $0 === segment }
        if oneOff.count > 16 {
            // the receiver unlinks one-offs: forget those it has
            let gone = oneOff.filter { access("/dev/shm" + $0, F_OK) != 0 }
            oneOff.removeAll { gone.contains($0) }
            for n in gone { MemoryTransfers.forget(n) }
        }
        return (segment.name, dropAfterReading)
    }

    // MARK: Receiving

    /// The peer's segment `name`, mapped, known to hold `count` bytes it filled; `dropAfter`:
    /// unlink it (a one-off), otherwise keep it mapped for the next time it is used.
    private func filled(_ name: String, count: Int, dropAfter: Bool) throws -> Segment {
        guard SharedSegments.creator(of: name) != nil else { throw WireError.malformed("not a segment name: \(name)") }
        let s: Segment
        if let i = mapped.firstIndex(where: { $0.name == name }) {
            s = mapped.remove(at: i)
        } else {
            s = try MemoryTransfers.openSegment(name)
        }
        if dropAfter { shm_unlink(name) } else {
            mapped.append(s)
            // the peer keeps a few; a name it dropped is never sent again
            if mapped.count > 2 * MemoryTransfers.poolSize { mapped.removeFirst() }
        }
        guard count <= s.capacity else { throw WireError.malformed("an array larger than its segment") }
        guard s.state.load(ordering: .acquiring) == 1 else { throw WireError.malformed("segment \(name) was not filled") }
        return s
    }

    /// Copies `count` bytes out of the peer's segment `name` into `destination` and marks it
    /// free.
    func read(_ name: String, count: Int, dropAfter: Bool, into destination: UnsafeMutableRawPointer) throws {
        let s = try filled(name, count: count, dropAfter: dropAfter)
        destination.copyMemory(from: s.data, byteCount: count)
        s.state.store(0, ordering: .releasing)
    }

    /// The `count` bytes in the peer's segment `name`, left there: the received array's
    /// memory is the segment's, and the owner returned marks the segment free when the
    /// array is gone (so only the sender copies).
    func receive(_ name: String, count: Int, dropAfter: Bool) throws -> (UnsafeMutableRawPointer, BorrowedArrayMemory) {
        let s = try filled(name, count: count, dropAfter: dropAfter)
        return (s.data, Lent(s))
    }

    /// A segment an array received in it uses: freed for the sender when the array is.
    final class Lent: BorrowedArrayMemory {
        let segment: Segment
        init(_ s: Segment) { segment = s }
        deinit { segment.state.store(0, ordering: .releasing) }
    }

    // MARK: Probing

    /// Makes the probe segment: its name and the token written in it.
    public func startProbe() -> (name: String, token: [UInt8])? {
        wantsProbe = false
        guard state == .unknown else { return nil }
        var g = SystemRandomNumberGenerator()
        let token = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        guard let s = MemoryTransfers.makeSegment(size: MemoryTransfers.header + 16) else {
            state = .refused
            return nil
        }
        token.withUnsafeBytes { s.data.copyMemory(from: $0.baseAddress!, byteCount: 16) }
        s.state.store(1, ordering: .releasing)
        state = .probing
        probeName = s.name
        return (s.name, token)
    }

    /// Answers a peer's probe: whether its segment `name` holds `token` here (read and
    /// unlinked). The peer's process id is remembered for clean-up.
    public func answerProbe(name: String, token: [UInt8]) -> Bool {
        guard let creator = SharedSegments.creator(of: name), token.count == 16 else { return false }
        var got = [UInt8](repeating: 0, count: 16)
        let ok = (try? got.withUnsafeMutableBytes { b in try read(name, count: 16, dropAfter: true, into: b.baseAddress!) }) != nil
        guard ok, got == token else { return false }
        peerCreator = creator
        return true
    }

    /// The peer's answer to the probe.
    public func probeAnswered(_ ok: Bool) {
        guard state == .probing else { return }
        state = ok ? .confirmed : .refused
        // the peer unlinks a segment it could open; one it could not is this process's
        if let n = probeName { MemoryTransfers.forget(n) }
        probeName = nil
    }

    /// The connection is gone: unlink this process's segments for it, and the peer's if the
    /// peer may have died without unlinking them.
    public func connectionClosed() {
        for n in pool.map(\.name) + oneOff + (probeName.map { [$0] } ?? []) { MemoryTransfers.forget(n) }
        pool = []
        oneOff = []
        probeName = nil
        mapped = []
        if let p = peerCreator { SharedSegments.unlinkOrphans(creator: p) }
    }

    // MARK: Segments

    /// Names this process made and has not unlinked (for `unlinkAll`).
    nonisolated(unsafe) static var live = Set<String>()
    nonisolated(unsafe) static let liveLock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    static func remember(_ name: String) {
        pthread_mutex_lock(liveLock); live.insert(name); pthread_mutex_unlock(liveLock)
    }

    /// Unlinks a segment this process made.
    static func forget(_ name: String) {
        shm_unlink(name)
        pthread_mutex_lock(liveLock); live.remove(name); pthread_mutex_unlock(liveLock)
    }

    /// Unlinks every segment this process made and still names (the process is ending).
    /// Safe from any thread.
    public static func unlinkAll() {
        pthread_mutex_lock(liveLock)
        for n in live { shm_unlink(n) }
        live = []
        pthread_mutex_unlock(liveLock)
    }

    /// Makes and maps a segment of `size` bytes, its pages allocated now (so a full
    /// `/dev/shm` is a failure here, not a fault when written); nil when the system refuses.
    static func makeSegment(size: Int) -> Segment? {
        let name = SharedSegments.newName()
        let fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard posix_fallocate(fd, 0, off_t(size)) == 0,
              let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            shm_unlink(name)
            return nil
        }
        remember(name)
        return Segment(name: name, base: p, size: size)
    }

    /// Maps a peer's segment.
    static func openSegment(_ name: String) throws -> Segment {
        let fd = shm_open(name, O_RDWR, 0)
        guard fd >= 0 else { throw WireError.malformed("shared-memory segment \(name): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) >= header else { throw WireError.malformed("shared-memory segment \(name) too small") }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            throw WireError.malformed("mapping shared-memory segment \(name): \(String(cString: strerror(errno)))")
        }
        return Segment(name: name, base: p, size: size)
    }
}
