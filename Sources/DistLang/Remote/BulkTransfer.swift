import Foundation

/// Large arrays between processes on one host travel through shared memory instead of the
/// socket: the sender copies the elements into a fresh segment and sends only its name; the
/// receiver maps the segment, unlinks its name and uses the mapping as the array's memory.
/// One copy instead of five (into the message, into the kernel, out of it, into the decoder's
/// buffer, into the array), which is what lets an 8 MB `fetch` run at memory speed rather than
/// at loopback-TCP speed. Other hosts, arrays of boxed elements and small arrays go inline.
///
/// A segment whose message is never read — the receiver died, or the message could not be
/// finished — must not stay in /dev/shm: the sender remembers the names it made until their
/// receiver has unlinked them, and unlinks what is left when the receiver goes or the sender
/// exits; a sender killed outright leaves names that `SharedSegments.unlinkOrphans` sweeps
/// (they carry the creator's prefix, as SharedArray segments do).
public enum BulkTransfer {
    /// Arrays of at least this many bytes go through shared memory (below, the socket is as
    /// fast and makes no system calls of its own): `DIST_SHM_TRANSFER_MIN` bytes if set
    /// (`off` sends everything through the socket), else 1 MiB.
    public static let threshold: Int = {
        guard let text = getenv("DIST_SHM_TRANSFER_MIN").map({ String(cString: $0) }) else { return 1 << 20 }
        return text == "off" ? Int.max : max(1, Int(text) ?? 1 << 20)
    }()

    /// Names made and not yet known to be unlinked, with the process each went to.
    nonisolated(unsafe) static var outstanding: [(name: String, destination: Int)] = []
    static let lock = NSLock()

    /// The name of a new segment of this process: the SharedArray prefix, "b", 19 random
    /// characters (the length the orphan sweep looks for).
    static func newName() -> String {
        "/" + SharedMapping.segmentPrefix(getpid()) + "b" + SharedMapping.randomName(19)
    }

    /// Copies `bytes` bytes from `source` into a new segment; returns its name, or nil when
    /// shared memory is refused (the caller sends the bytes inline then).
    public static func export(_ source: UnsafeRawPointer, bytes: Int, to destination: Int) -> String? {
        let name = newName()
        let fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard ftruncate(fd, off_t(bytes)) == 0,
              let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0), p != MAP_FAILED else {
            shm_unlink(name)
            return nil
        }
        p.copyMemory(from: source, byteCount: bytes)
        munmap(p, bytes)
        lock.lock()
        // forget the names their receivers have already unlinked
        outstanding.removeAll { access("/dev/shm" + $0.name, F_OK) != 0 }
        outstanding.append((name, destination))
        lock.unlock()
        return name
    }

    /// Unlinks segments made for `destination` (it has gone, or its message was dropped),
    /// or every one still outstanding (nil: this process is ending).
    public static func discard(destination: Int? = nil) {
        lock.lock()
        defer { lock.unlock() }
        outstanding.removeAll { entry in
            guard destination == nil || entry.destination == destination else { return false }
            shm_unlink(entry.name)
            return true
        }
    }

    /// Unlinks the given names (a message that failed after its arrays were exported).
    public static func discard(names: [String]) {
        lock.lock()
        defer { lock.unlock() }
        for n in names { shm_unlink(n) }
        outstanding.removeAll { names.contains($0.name) }
    }

    /// Whether `name` has the form `export` gives (a peer cannot make this process open any
    /// other shared-memory object).
    public static func isBulkName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard u.count == 1 + 8 + 20, u[0] == UInt8(ascii: "/"), u[1] == UInt8(ascii: "j"), u[2] == UInt8(ascii: "l"),
              u[9] == UInt8(ascii: "b") else { return false }
        return u[3...8].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && u[10...].allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    /// Why an arriving segment could not be used.
    public struct Failure: Error {
        public let reason: String
    }

    /// Maps segment `name` of `bytes` bytes and unlinks its name: the memory of an arriving
    /// array. Fails (with a reason) when the segment is missing or smaller than announced.
    public static func adopt(_ name: String, bytes: Int) throws -> PrivateMapping {
        guard isBulkName(name) else { throw Failure(reason: "not a transfer segment: \(name)") }
        let fd = shm_open(name, O_RDWR, 0)
        guard fd >= 0 else { throw Failure(reason: "transfer segment \(name) is gone: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        shm_unlink(name)
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) == bytes else {
            throw Failure(reason: "transfer segment \(name) does not hold \(bytes) bytes")
        }
        guard let p = mmap(nil, max(bytes, 1), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0), p != MAP_FAILED else {
            throw Failure(reason: "cannot map transfer segment \(name): \(String(cString: strerror(errno)))")
        }
        return PrivateMapping(base: p, size: max(bytes, 1))
    }
}

/// Memory mapped for one array alone (an array that arrived through `BulkTransfer`): the
/// array owns it as it owns malloc'd memory — it can grow (into malloc'd memory) — and the
/// mapping goes with the array.
public final class PrivateMapping {
    let base: UnsafeMutableRawPointer
    let size: Int

    init(base: UnsafeMutableRawPointer, size: Int) {
        self.base = base
        self.size = size
    }

    deinit { munmap(base, size) }
}
