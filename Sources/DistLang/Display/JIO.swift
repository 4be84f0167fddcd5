/// An output stream value: `stdout`, `stderr`, or an `IOBuffer`.
public final class JIO: JObject {
    public enum Kind { case stdout, stderr, buffer }
    public let kind: Kind
    /// The bytes written to a buffer (and not yet taken).
    public var buffer: [UInt8] = []
    /// Read position, for buffers read with `read`/`readline`.
    public var readPosition = 0

    public init(_ kind: Kind) { self.kind = kind }

    public override var jtype: JType { kind == .buffer ? JType.ioBuffer : JType.ioStream }

    /// Writes bytes to the stream.
    public func write(_ bytes: [UInt8], _ rt: Runtime) {
        if kind == .buffer { buffer.append(contentsOf: bytes) } else { write(String(decoding: bytes, as: UTF8.self), rt) }
    }

    /// Writes text to the stream.
    public func write(_ s: String, _ rt: Runtime) {
        switch kind {
        case .stdout: rt.output.write(s)
        case .stderr: rt.output.writeError(s)
        case .buffer: buffer.append(contentsOf: s.utf8)
        }
    }
}

extension JType {
    public static let ioStream = JType(name: "IOStream", super: ioType)
}
