/// The byte layout of everything dist sends between processes.
///
/// Version 6. All integers are little-endian.
///
/// Connection
///   The accepting side sends `"DIST"`, the version (u16) and a 16-byte nonce A. The
///   connecting side answers with HMAC-SHA256(cookie, "connect" ‖ A ‖ C), its own 16-byte
///   nonce C, and the pid it claims (i64, 0 for process 1's first contact before it knows
///   better). The accepting side checks the MAC, and answers HMAC-SHA256(cookie, "accept" ‖
///   C ‖ A), which the connecting side checks. Nothing else is read before this succeeds;
///   any mismatch closes the connection. The cookie itself never crosses the socket.
///   In a cluster with encrypted transport (`addprocs(…; tls = true)`, `dist --tls`) all of
///   this, and every frame after it, runs inside a TLS 1.3 session (see `TLSIdentity`).
///
/// Frames
///   u32 length of the payload, then the payload. A length above `maxFrame` closes the
///   connection (it cannot be a frame of ours). Payload: u8 message kind, then its fields:
///
///   1 call     u8 flags (bit 0: has rrid, bit 1: has notify), [rrid], [notify],
///              value f, u32 n, n values, u32 k, k × (symbol, value)
///   2 result   rrid, value
///   3 join     i64 pid, u32 n, n × peer, u8 master-only,
///              u32 m, m × i64 pid to connect to now                      (master → worker)
///   4 joinAck  i64 ospid                                                 (worker → master)
///   5 identify i64 pid                                                   (peer → peer)
///   6 addClients / 7 delClients   u32 n, n × (rrid, i64 pid)
///   8 peers    u32 n, n × peer                              (master → workers: the table)
///   9 connectTo i64 pid                         (master → worker: connect to that peer)
///  10 error    rrid-or-zero, string message     (a frame that could not be decoded)
///  11 heartbeat (nothing)
///  12 memoryProbe     string segment name, 16 bytes token    (see `MemoryTransfers`)
///  13 memoryProbeAck  u8 whether the token was read from that segment
///  14 code     closures' code the receiver keeps for this connection, then the message
///              itself (a payload of its own, from its kind byte): n × (u8 1, u32 number,
///              u32 length, length bytes: code as in a closure of kind 2 from the lambda to
///              the signatures), u8 0. A piece that cannot be read is skipped by its length;
///              a closure naming it fails as it did. Only a connection's known peer sends it.
///
///   A peer is (i64 pid, string host, u16 port, u8 k, k bytes: the SHA-256 fingerprint of
///   its TLS certificate, k = 32, or k = 0 without encrypted transport, string local: the
///   name of the Unix-domain socket it also listens on, empty if none).
///   An rrid is (i64 whence, i64 id). A frame whose body cannot be decoded is answered:
///   the call's notify or rrid receives a `RemoteException` naming the problem, and the
///   connection stays up.
///
/// Values (one byte tag, then the fields)
///    0 Int64 i64 · 1 Float64 f64 · 2 Bool u8 · 3 Char u32 · 4 nothing · 5 #undef
///    6 String (u32 length, UTF-8) · 7 Symbol (string)
///    8 Tuple (u32 n, n values)
///    9 Array: type eltype, u8 ndims (+ 0x80 for a BitArray), ndims × i64 dims, then for bits
///      element types the elements packed (count × size bytes), otherwise count values
///   10 Range: u8 kind, then i64 start, step, stop (integers) or f64 start, stop, i64 length
///   11 Function: u8 kind 0 built-in (string name), 1 named (path, string name),
///      2 closure (lambda, u32 m, m × signature (u32 k, k types, u8 vararg, type),
///      u32 n, n values (captured cells), u32 g, g × (string name, u8 const, value)),
///      3 closure whose code came in a `code` frame on this connection (u32 number, then
///      the captured cells and globals as in kind 2)
///   12 Type (see below) · 13 Struct (type, u32 n, n values)
///   14 Dict (type key, type value, u32 n, n × (value, value))
///   15 Set (type, u32 n, n values) · 16 NamedTuple (u32 n, n × (string, value))
///   17 Future (i64 owner, rrid, u8 cached, [value])
///   18 RemoteChannel (i64 owner, rrid, type channel-type)
///   19 Module (path) · 20 back-reference to an object already in this message (u32 index)
///   21 Channel copy (type, i64 capacity, u32 n, n values) · 22 SharedArray (type eltype,
///      u8 ndims, dims, string segment (or file path), string id, u32 n, n × i64 pid,
///      u8 over a file, [i64 offset, string mode])
///   23 Ref (type, value) · 24 Colon · 25 MIME (string) · 26 IOBuffer (bytes)
///   27 varinfo table · 28 WorkerPool (rrid: its owner is the rrid's whence; the receiver
///      gets a proxy that forwards every operation to the owner)
///   29 Cmd (u32 n, n × string word, u8 has env, [u32 m, m × string], u8 has dir, [string],
///      u8 flags: bit 0 detach, bit 1 ignorestatus)
///   30 Array in shared memory (type eltype, u8 ndims as for 9, ndims × i64 dims, string segment,
///      u8 unlink after reading): a bits array's elements in a `/dev/shm` segment, after a
///      64-byte header whose first word the sender sets to 1 and the reader to 0 (only to a
///      peer that answered a memory probe; see `MemoryTransfers`)
///   31 Regex (string pattern) · 32 RegexMatch (value regex, string match, i64 offset,
///      u32 n, n × (u8 took part, [string text], i64 offset))
///   33 Task (u8 state: 0 not finished, 1 done, 2 failed; then for 1 the value it returned,
///      for 2 a `CapturedException` of its error and where it happened, as Julia sends a
///      failed task's first exception)
///
/// Types: u8 kind 0 built-in by name (string), 1 instantiation (type family, u32 n, n
///   parameters: u8 0 type / 1 i64 / 2 free), 2 user struct (path, string name),
///   3 union (u32 n, n types), 4 typeof(function) (function value)
/// Paths: u32 n, n strings (module names from Main; `Base` for built-ins)
///
/// Resolved code (lambdas and IR) is written by `IRWriter`: one tag per `IR` case, in the
/// order the cases are declared, with the fields of each in declaration order.
public enum WireFormat {
    public static let magic: [UInt8] = Array("DIST".utf8)
    public static let version: UInt16 = 6
    /// Largest frame accepted (1 GiB): anything longer is not a frame of ours.
    public static let maxFrame = 1 << 30
    /// Added to an array's number of dimensions (tags 9 and 30) when it is a `BitArray`.
    public static let bitArrayFlag: UInt8 = 0x80
    /// The largest process id a message may carry (`peers`, `join`, `identify`): ids count
    /// up from 1, and one beyond `Int`'s range would make the next id overflow.
    public static let maxPid = Int(Int32.max)
    /// Length of a certificate fingerprint (SHA-256).
    public static let fingerprintLength = 32
    /// Nonce length of the handshake.
    public static let nonceLength = 16
    /// HMAC-SHA256 length.
    public static let macLength = 32
}

/// Message kinds (the first byte of a frame's payload).
public enum MessageKind: UInt8 {
    case call = 1, result, join, joinAck, identify, addClients, delClients, peers, connectTo, error, heartbeat,
         memoryProbe, memoryProbeAck, code
}

/// Value tags.
enum ValueTag: UInt8 {
    case int = 0, float, bool, char, nothing, undef, string, symbol, tuple, array, range, function, type,
         structValue, dict, set, namedTuple, future, remoteChannel, module, backref, channel, sharedArray,
         ref, colon, mime, ioBuffer, varinfo, workerPool, cmd, arrayInSegment, regex, regexMatch, task
}
