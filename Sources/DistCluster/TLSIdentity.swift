import Crypto
import DistWire
import Foundation
import NIOCore
import NIOSSL
import X509

/// One process's identity for encrypted transport (`addprocs(…; tls = true)`, `dist --tls`):
/// a P-256 key and a self-signed certificate made when the process starts using TLS, and the
/// SHA-256 fingerprint of that certificate's DER bytes, by which the others trust it.
///
/// Who makes which key, and how the fingerprints travel:
/// - Every process makes its own key and certificate (process 1 when its first TLS workers
///   are added, a worker when it starts). A private key never leaves the process that made
///   it: it is on no command line, in no file, in no message.
/// - Process 1 gives each worker it starts its own fingerprint on the worker's command line
///   (`--worker-tls HEX`; a fingerprint is no secret, and the command line reaches the worker
///   by the channel that launches it: a local spawn, ssh, or srun).
/// - The worker announces its fingerprint on the channel it was launched through, in its
///   `dist_worker:PORT#ADDR sha256:HEX` line, as it announces its port.
/// - Process 1 connects to the worker and accepts only that certificate; the worker accepts
///   only process 1's. Process 1 then tells each worker the fingerprints of its peers with
///   their addresses (`join`, `peers`), over the now encrypted connection; a worker accepts a
///   connection from a peer only with a certificate of its table (or, for a connection made
///   while the peer is joining, one that arrives in a table within `trustWait`), and checks
///   that the pid the peer identifies as is the one with that certificate.
///
/// Why not one key for the whole cluster made by process 1 and handed out: that key would
/// have to travel to every worker, and the launch channels do not all keep it secret (srun
/// forwards standard input over Slurm's own, unencrypted, I/O connections), and any worker
/// holding it could pass for any other. With a key per process only public fingerprints
/// travel, and a channel that can be read but not changed is enough.
///
/// Trust is by fingerprint alone, with no certificate authority, names or dates: a
/// certificate is exactly the one expected or it is refused. The cookie handshake
/// (`HandshakeHandler`) still runs, inside the TLS session. Only TLS 1.3 is offered.
final class TLSIdentity: Sendable {
    let fingerprint: [UInt8]
    /// For connections this process makes (it presents its certificate, checks the server's).
    let clientContext: NIOSSLContext
    /// For connections it accepts (it asks for the client's certificate and checks it).
    let serverContext: NIOSSLContext

    init() throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("dist process \(getpid())") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
            issuerPrivateKey: .init(key))
        let der = try certificate.serializeAsPEM().derBytes
        fingerprint = Array(SHA256.hash(data: der))
        let chain: [NIOSSLCertificateSource] = [.certificate(try NIOSSLCertificate(bytes: der, format: .der))]
        let privateKey = NIOSSLPrivateKeySource.privateKey(try NIOSSLPrivateKey(bytes: Array(key.derRepresentation), format: .der))
        func tls13(_ c: inout TLSConfiguration) {
            c.minimumTLSVersion = .tlsv13
            c.maximumTLSVersion = .tlsv13
            // the peer must present a certificate; `TLSIdentity.verify` decides on it
            c.certificateVerification = .noHostnameVerification
            c.trustRoots = .certificates([])
        }
        var client = TLSConfiguration.makeClientConfiguration()
        client.certificateChain = chain
        client.privateKey = privateKey
        tls13(&client)
        var server = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: privateKey)
        tls13(&server)
        clientContext = try NIOSSLContext(configuration: client)
        serverContext = try NIOSSLContext(configuration: server)
    }

    /// The fingerprint of the certificate a peer presented (its leaf), nil if it presented none.
    static func fingerprint(of chain: [NIOSSLCertificate]) -> [UInt8]? {
        guard let leaf = chain.first, let der = try? leaf.toDERBytes() else { return nil }
        return Array(SHA256.hash(data: der))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// A fingerprint written as 64 hex digits; nil for anything else.
    static func parseHex(_ s: String) -> [UInt8]? {
        let digits = Array(s.utf8)
        guard digits.count == 2 * WireFormat.fingerprintLength else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(WireFormat.fingerprintLength)
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let b = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }

    /// The TLS handler for a connection this process makes to a peer that must present the
    /// certificate with `expected` as its fingerprint; `refused` is called when it does not.
    func clientHandler(expecting expected: [UInt8], refused: @escaping () -> Void) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: clientContext, serverHostname: nil) { chain, promise in
            guard TLSIdentity.fingerprint(of: chain) == expected else {
                refused()
                return promise.succeed(.failed)
            }
            promise.succeed(.certificateVerified)
        }
    }

    /// The TLS handler for a connection this process accepts; `check` answers (possibly
    /// later) whether the client's certificate, by fingerprint, is one it trusts.
    func serverHandler(check: @escaping ([UInt8], EventLoopPromise<NIOSSLVerificationResult>) -> Void) -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: serverContext) { chain, promise in
            guard let fp = TLSIdentity.fingerprint(of: chain) else { return promise.succeed(.failed) }
            check(fp, promise)
        }
    }
}

/// What one connection learnt of its peer's certificate: the fingerprint it presented, and
/// whether it was refused (so the failure can say why, rather than BoringSSL's error code).
// Unchecked: one connection's initializer, handlers and verification callback all run on that
// connection's event loop, which is the cluster's, so the two fields are never touched from two
// threads.
final class PeerCertificate: @unchecked Sendable {
    var fingerprint: [UInt8]?
    var refused = false
}
