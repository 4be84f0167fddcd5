import DistLang
import DistWire
import NIOCore
import NIOSSL

/// Which certificates this process accepts in an encrypted cluster (see `TLSIdentity`).
extension Cluster {
    /// How long an accepted connection may wait for its certificate to appear in the table.
    /// A worker asked to connect to its peers while it joins (`lazy = false`, `:custom`)
    /// may reach a peer before process 1's table naming it does (they travel on different
    /// connections); anything else that is not in the table is refused once this has passed.
    static let trustWait: TimeAmount = .seconds(5)

    /// Whether a certificate is process 1's or a peer's of the table.
    func trusts(_ fingerprint: [UInt8]) -> Bool {
        fingerprint == masterFingerprint || table.values.contains { $0.fingerprint == fingerprint }
    }

    /// Decides on the certificate of a connection this process accepted: at once if it is
    /// known, else when a table names it, else (after `trustWait`) refused.
    func trustClient(_ fingerprint: [UInt8], _ promise: EventLoopPromise<NIOSSLVerificationResult>, refused: @escaping () -> Void) {
        if trusts(fingerprint) { return promise.succeed(.certificateVerified) }
        trustWaiters.append((fingerprint, promise))
        loop.assumeIsolated().scheduleTask(in: Cluster.trustWait) { [unowned(unsafe) self] in
            guard let i = self.trustWaiters.firstIndex(where: { $0.promise.futureResult === promise.futureResult }) else { return }
            self.trustWaiters.remove(at: i)
            refused()
            promise.succeed(.failed)
        }
    }

    /// The table changed: connections waiting for a certificate it now names go on.
    func trustChanged() {
        let ready = trustWaiters.filter { trusts($0.fingerprint) }
        trustWaiters.removeAll { trusts($0.fingerprint) }
        for w in ready { w.promise.succeed(.certificateVerified) }
    }

    /// What a worker's command line gets in an encrypted cluster: process 1's fingerprint.
    var workerTLSArguments: [String] {
        tls == nil ? [] : ["--worker-tls", TLSIdentity.hex(masterFingerprint)]
    }

    /// Process 1: encrypted transport on or off for the workers being added. It is the
    /// cluster's, as `lazy` and `topology` are: workers of both kinds cannot talk to each other.
    func setTransport(tls wanted: Bool) throws {
        if !order.isEmpty && wanted != (tls != nil) {
            throw JuliaError.argument("Active workers with tls=\(tls != nil). Cannot set tls=\(wanted)")
        }
        if wanted && tls == nil {
            let identity: TLSIdentity
            do { identity = try TLSIdentity() } catch { throw JuliaError.error("could not make a TLS certificate: \(error)") }
            tls = identity
            masterFingerprint = identity.fingerprint
        } else if !wanted {
            tls = nil
            masterFingerprint = []
        }
    }
}
