import Foundation

/// `redirect_stdout`, `redirect_stderr`: where this process's printing goes. With no
/// argument, a new pipe takes it and `(read end, write end)` comes back (closing the write
/// end ends what the read end sees); with a stream (`devnull`, a pipe's write end, or the
/// original `stdout`/`stderr`), that stream takes it. `stdout`/`stderr` name the new target.
final class OutputPipe: JObject, CustomShow {
    private(set) var fd: Int32
    init(fd: Int32) { self.fd = fd }
    override var jtype: JType { JType.pipeEndpoint }

    func write(_ s: String) {
        guard fd >= 0 else { return }
        var bytes = Array(s.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "Base.PipeEndpoint(\(fd >= 0 ? "open" : "closed"))" }
    deinit { close() }
}

/// The process's output with standard output or standard error sent elsewhere.
final class RedirectedOutput: OutputSink {
    let original: OutputSink
    var out: Target, err: Target
    /// `swapped`: the other original stream (standard output sent to standard error).
    enum Target { case original, swapped, discard, pipe(OutputPipe) }

    init(_ original: OutputSink) { self.original = original; out = .original; err = .original }

    func write(_ s: String) { send(s, out, original.write, original.writeError) }
    func writeError(_ s: String) { send(s, err, original.writeError, original.write) }

    private func send(_ s: String, _ target: Target, _ own: (String) -> Void, _ other: (String) -> Void) {
        switch target {
        case .original: own(s)
        case .swapped: other(s)
        case .discard: break
        case .pipe(let p): p.write(s)
        }
    }
}

extension Builtins {
    static func installRedirect(_ rt: Runtime) {
        rt.def("redirect_stdout") { t, a in try redirect(t, a, error: false) }
        rt.def("redirect_stderr") { t, a in try redirect(t, a, error: true) }
    }

    static func redirect(_ t: Ctx, _ a: Args, error: Bool) throws -> Value {
        let name = error ? "redirect_stderr" : "redirect_stdout"
        try a.expect(0...1, name)
        let rt = t.runtime
        let sink: RedirectedOutput
        if let r = rt.output as? RedirectedOutput { sink = r } else { sink = RedirectedOutput(rt.output); rt.output = sink }
        let global = error ? "stderr" : "stdout"
        func set(_ target: RedirectedOutput.Target, _ shown: Value) {
            if error { sink.err = target } else { sink.out = target }
            rt.setGlobal(global, shown, in: rt.base, const: true)
        }
        if a.count == 0 {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw JuliaError.system(name, errno) }
            let w = OutputPipe(fd: fds[1])
            let r = PipeReader(fd: fds[0], scheduler: rt.scheduler)
            set(.pipe(w), .obj(w))
            return .tuple(JTuple.of([.obj(r), .obj(w)]))
        }
        guard case .obj(let o) = a[0] else { throw JuliaError.method(name, a.array) }
        switch o {
        case let io as JIO where io.kind == .stdout || io.kind == .stderr:
            set((io.kind == .stderr) == error ? .original : .swapped, a[0])
        case is DevNull:
            set(.discard, a[0])
        case let p as OutputPipe:
            set(.pipe(p), a[0])
        default:
            throw JuliaError.method(name, a.array)
        }
        return a[0]
    }
}
