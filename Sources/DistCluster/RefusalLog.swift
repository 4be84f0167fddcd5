import NIOCore

/// Reports connections refused for wrong credentials once per burst, with a count, instead
/// of a line each.
///
/// Julia prints `Process(1) - Invalid connection credentials sent by remote.` for every
/// refused connection; a thousand of them (a scan, a misconfigured peer retrying) would fill
/// the user's terminal. The first of a burst is printed as Julia does; the others are
/// counted and summed up in one line once `quietPeriod` has passed since the last report.
/// All of it runs on the cluster's event loop (its calls come from connections' handlers
/// there, which NIO's isolated view of the loop checks).
final class RefusalLog {
    /// How long after a report further refusals are only counted.
    static let quietPeriod = TimeAmount.seconds(5)

    private let loop: EventLoop
    private let write: (String) -> Void
    /// Refusals since the last line written.
    private var unreported = 0
    /// Whether a summary is due (refusals are being counted).
    private var counting = false

    init(loop: EventLoop, write: @escaping (String) -> Void) {
        self.loop = loop
        self.write = write
    }

    /// Records one refused connection; `message` is Julia's line for it.
    func refused(_ message: String) {
        loop.assumeIsolated().execute { [self] in
            if counting {
                unreported += 1
                return
            }
            write(message + "\n")
            counting = true
            loop.assumeIsolated().scheduleTask(in: RefusalLog.quietPeriod) { [self] in summarize(message) }
        }
    }

    private func summarize(_ message: String) {
        guard unreported > 0 else {
            counting = false
            return
        }
        let n = unreported
        unreported = 0
        write("\(message) (\(n) more connection\(n == 1 ? "" : "s") refused)\n")
        loop.assumeIsolated().scheduleTask(in: RefusalLog.quietPeriod) { [self] in summarize(message) }
    }
}
