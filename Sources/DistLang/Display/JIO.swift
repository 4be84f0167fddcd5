import Foundation
import Glibc

/// A stream value: `stdout`, `stderr`, an `IOBuffer`, or a file opened with `open` (Julia's
/// `IOStream`).
public final class JIO: JObject, CustomShow {
    public enum Kind { case stdout, stderr, buffer, file }
    public let kind: Kind
    /// The bytes written to a buffer (and not yet taken); for a file, the bytes read from it
    /// and not yet consumed (from `readPosition`).
    public var buffer: [UInt8] = []
    /// Read position, for buffers read with `read`/`readline`.
    public var readPosition = 0
    /// A file's descriptor (-1 once closed), name as given, and what it was opened for.
    private(set) var fd: Int32 = -1
    private(set) var path = ""
    private(set) var readable = true
    private(set) var writable = true
    /// A file's bytes written and not yet handed to the kernel.
    private var pending: [UInt8] = []
    /// Reading stopped at the file's end.
    private var sawEnd = false

    public init(_ kind: Kind) { self.kind = kind }

    /// A file opened with `open(2)` flags.
    init(file fd: Int32, path: String, readable: Bool, writable: Bool) {
        kind = .file
        self.fd = fd
        self.path = path
        self.readable = readable
        self.writable = writable
        super.init()
        if writable { OpenFiles.add(self) }
    }

    deinit {
        // an IOStream nobody closed still gets what was written to it, as Julia's finalizer does
        if kind == .file && fd >= 0 {
            try? flushFile()
            Glibc.close(fd)
            if writable { OpenFiles.remove(self) }
        }
    }

    public override var jtype: JType {
        switch kind {
        case .buffer: return JType.ioBuffer
        default: return JType.ioStream
        }
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        switch kind {
        case .file: return "IOStream(<file \(path)>)"
        case .buffer: return "IOBuffer(data=UInt8[...], readable=true, writable=true, seekable=true, append=false, size=\(buffer.count), maxsize=Inf, ptr=\(readPosition + 1), mark=-1)"
        case .stdout: return "Base.TTY(RawFD(1) open, 0 bytes waiting)"
        case .stderr: return "Base.TTY(RawFD(2) open, 0 bytes waiting)"
        }
    }

    /// Whether the stream can still be used (a file until `close`).
    public var isOpen: Bool { kind != .file || fd >= 0 }

    /// Writes bytes to the stream.
    public func write(_ bytes: [UInt8], _ rt: Runtime) {
        switch kind {
        case .buffer: buffer.append(contentsOf: bytes)
        case .file: try? writeFile(bytes)
        default: write(String(decoding: bytes, as: UTF8.self), rt)
        }
    }

    /// Writes text to the stream.
    public func write(_ s: String, _ rt: Runtime) {
        switch kind {
        case .stdout: rt.output.write(s)
        case .stderr: rt.output.writeError(s)
        case .buffer: buffer.append(contentsOf: s.utf8)
        case .file: try? writeFile(Array(s.utf8))
        }
    }

    /// Throws Julia's error when the stream cannot be written (a closed file, one opened for
    /// reading only).
    func checkWritable() throws {
        guard kind == .file else { return }
        guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        guard writable else { throw JuliaError.argument("write failed, IOStream is not writeable") }
    }

    /// Throws Julia's error when the stream cannot be read.
    func checkReadable() throws {
        switch kind {
        case .buffer: return
        case .file:
            guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
            guard readable else { throw JuliaError.argument("read failed, IOStream is not readable") }
        default: throw JuliaError.argument("read failed: \(kind == .stdout ? "stdout" : "stderr") is not readable")
        }
    }

    // MARK: Files

    private func writeFile(_ bytes: [UInt8]) throws {
        try checkWritable()
        if readPosition < buffer.count {
            // bytes read ahead and not consumed: the file's position is where the reader is
            lseek(fd, off_t(readPosition - buffer.count), SEEK_CUR)
        }
        buffer.removeAll(keepingCapacity: true)
        readPosition = 0
        sawEnd = false
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flushFile() }
    }

    /// Hands what was written to the kernel (`flush`).
    func flushFile() throws {
        guard kind == .file, fd >= 0, !pending.isEmpty else { return }
        var at = 0
        while at < pending.count {
            let n = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + at, pending.count - at) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                pending.removeAll()
                throw JuliaError.system("write", e)
            }
            at += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads the next chunk of a file into the buffer; false at its end.
    private func fill() throws -> Bool {
        guard kind == .file else { return false }
        try checkReadable()
        try flushFile()
        if sawEnd { return false }
        if readPosition > 0 {
            buffer.removeSubrange(0..<readPosition)
            readPosition = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: 1 << 16))
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + old, 1 << 16) }
        } while n < 0 && errno == EINTR
        if n < 0 {
            let e = errno
            buffer.removeSubrange(old...)
            throw JuliaError.system("read", e)
        }
        buffer.removeSubrange((old + n)...)
        if n == 0 { sawEnd = true }
        return n > 0
    }

    /// Closes a file (what was written goes out first); other streams stay as they are.
    func close() throws {
        guard kind == .file, fd >= 0 else { return }
        defer {
            Glibc.close(fd)
            fd = -1
            buffer = []
            readPosition = 0
            if writable { OpenFiles.remove(self) }
        }
        try flushFile()
    }

    // MARK: Reading (buffers and files)

    /// True when nothing is left to read.
    func isAtEnd() throws -> Bool {
        try checkReadable()
        if readPosition < buffer.count { return false }
        return !(try fill())
    }

    /// The next line (without its newline unless `keep`), "" at the end, as Julia's readline.
    func readLine(keep: Bool) throws -> String {
        try checkReadable()
        var from = readPosition
        while true {
            if let nl = buffer[from...].firstIndex(of: 0x0A) {
                var end = keep ? nl + 1 : nl
                if !keep && end > readPosition && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[readPosition..<end], as: UTF8.self)
                readPosition = nl + 1
                return line
            }
            let scanned = buffer.count - readPosition
            if !(try fill()) {
                let line = String(decoding: buffer[readPosition...], as: UTF8.self)
                readPosition = buffer.count
                return line
            }
            from = readPosition + scanned
        }
    }

    /// Everything left to read.
    func readRest() throws -> [UInt8] {
        try checkReadable()
        while try fill() {}
        let rest = Array(buffer[readPosition...])
        readPosition = buffer.count
        return rest
    }

    /// The byte offset of the next read or write (`position`).
    func position() throws -> Int {
        guard kind == .file else { return readPosition }
        guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        let at = Int(lseek(fd, 0, SEEK_CUR))
        return at + pending.count - (buffer.count - readPosition)
    }

    /// Moves to byte `offset` from the start (`seek`), or from the end with `fromEnd`.
    func seek(_ offset: Int, fromEnd: Bool = false) throws {
        guard kind == .file else {
            readPosition = fromEnd ? buffer.count : max(0, min(offset, buffer.count))
            return
        }
        guard fd >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        try flushFile()
        buffer.removeAll(keepingCapacity: true)
        readPosition = 0
        sawEnd = false
        if lseek(fd, off_t(offset), fromEnd ? SEEK_END : SEEK_SET) < 0 { throw JuliaError.system("seek", errno) }
    }

    /// `open(path, mode)` with Julia's flags.
    static func open(_ path: String, shownAs name: String, read: Bool, write: Bool, create: Bool, truncate: Bool, append: Bool) throws -> JIO {
        var flags: Int32 = read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY
        if create { flags |= O_CREAT }
        if truncate { flags |= O_TRUNC }
        if append { flags |= O_APPEND }
        flags |= O_CLOEXEC
        let fd = Glibc.open(path, flags, 0o666)
        if fd < 0 { throw JuliaError.system("opening file \"\(name)\"", errno) }
        return JIO(file: fd, path: name, readable: read, writable: write)
    }
}

extension JType {
    public static let ioStream = JType(name: "IOStream", super: ioType)
}

/// The files open for writing, flushed when the process exits (`exit()`, the end of a script):
/// what was printed to a stream nobody closed reaches its file, as in Julia.
enum OpenFiles {
    private final class Entry {
        weak var io: JIO?
        init(_ io: JIO) { self.io = io }
    }
    private nonisolated(unsafe) static var entries: [ObjectIdentifier: Entry] = [:]
    private static let lock = NSLock()
    private nonisolated(unsafe) static var registered = false

    static func add(_ io: JIO) {
        lock.lock()
        defer { lock.unlock() }
        entries[ObjectIdentifier(io)] = Entry(io)
        if !registered {
            registered = true
            atexit { OpenFiles.flushAll() }
        }
    }

    static func remove(_ io: JIO) {
        lock.lock()
        defer { lock.unlock() }
        entries[ObjectIdentifier(io)] = nil
    }

    static func flushAll() {
        lock.lock()
        let open = entries.values.compactMap { $0.io }
        lock.unlock()
        for io in open { try? io.flushFile() }
    }
}
