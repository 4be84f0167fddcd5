import Dispatch
import NIOCore

/// The smallest channel a `ChannelPipeline` can run on, so the frame decoder can be tested
/// with `NIOCore` alone (the test target does not depend on `NIOEmbedded`).
///
/// Everything happens on the calling thread: the event loop runs tasks at once and reads are
/// injected with `feed`.
final class TestChannel: Channel, ChannelCore, @unchecked Sendable {
    let loop = ImmediateEventLoop()
    private(set) var _pipeline: ChannelPipeline!
    private let closePromise: EventLoopPromise<Void>
    private var isFinished = false

    init() {
        closePromise = loop.makePromise()
        _pipeline = ChannelPipeline(channel: self)
    }

    /// Closes the channel as a socket at end of file would: the decoder sees the end of the
    /// input (`decodeLast`), then every handler is removed.
    func finish() {
        if isFinished { return }
        isFinished = true
        pipeline.fireChannelInactive()
        pipeline.fireChannelUnregistered()
        removeHandlers(pipeline: pipeline)
        closePromise.succeed(())
    }

    /// Delivers bytes as one read, then a read-complete, as a socket would.
    func feed(_ bytes: [UInt8]) {
        pipeline.fireChannelRead(ByteBuffer(bytes: bytes))
        pipeline.fireChannelReadComplete()
    }

    // MARK: Channel

    var allocator: ByteBufferAllocator { ByteBufferAllocator() }
    var closeFuture: EventLoopFuture<Void> { closePromise.futureResult }
    var pipeline: ChannelPipeline { _pipeline }
    var localAddress: SocketAddress? { nil }
    var remoteAddress: SocketAddress? { nil }
    var parent: Channel? { nil }
    var isWritable: Bool { true }
    var isActive: Bool { true }
    var _channelCore: ChannelCore { self }
    var eventLoop: EventLoop { loop }

    func setOption<Option: ChannelOption>(_ option: Option, value: Option.Value) -> EventLoopFuture<Void> {
        loop.makeSucceededFuture(())
    }

    func getOption<Option: ChannelOption>(_ option: Option) -> EventLoopFuture<Option.Value> {
        if option is ChannelOptions.Types.AutoReadOption { return loop.makeSucceededFuture(true as! Option.Value) }
        return loop.makeFailedFuture(ChannelError.operationUnsupported)
    }

    // MARK: ChannelCore

    func localAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }
    func remoteAddress0() throws -> SocketAddress { throw ChannelError.operationUnsupported }
    func register0(promise: EventLoopPromise<Void>?) { promise?.succeed(()) }
    func registerAlreadyConfigured0(promise: EventLoopPromise<Void>?) { promise?.succeed(()) }
    func bind0(to: SocketAddress, promise: EventLoopPromise<Void>?) { promise?.fail(ChannelError.operationUnsupported) }
    func connect0(to: SocketAddress, promise: EventLoopPromise<Void>?) { promise?.fail(ChannelError.operationUnsupported) }
    func write0(_ data: NIOAny, promise: EventLoopPromise<Void>?) { promise?.succeed(()) }
    func flush0() {}
    func read0() {}
    func close0(error: Error, mode: CloseMode, promise: EventLoopPromise<Void>?) { promise?.succeed(()) }
    func triggerUserOutboundEvent0(_ event: Any, promise: EventLoopPromise<Void>?) { promise?.succeed(()) }
    func channelRead0(_ data: NIOAny) {}
    func errorCaught0(error: Error) {}
}

/// The last handler of a test pipeline: keeps the frames and errors that reach it.
final class FrameCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// The frames received, as byte arrays.
    var frames: [[UInt8]] = []
    /// The errors received.
    var errors: [Error] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let b = unwrapInboundIn(data)
        frames.append(b.getBytes(at: b.readerIndex, length: b.readableBytes) ?? [])
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        errors.append(error)
    }
}

/// An event loop that runs every task at once on the calling thread (tests only).
final class ImmediateEventLoop: EventLoop, @unchecked Sendable {
    var inEventLoop: Bool { true }

    func execute(_ task: @escaping @Sendable () -> Void) { task() }

    func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        let promise: EventLoopPromise<T> = makePromise()
        promise.fail(ChannelError.operationUnsupported)
        return Scheduled(promise: promise, cancellationTask: {})
    }

    func scheduleTask<T>(in delay: TimeAmount, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        scheduleTask(deadline: .now() + delay, task)
    }

    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable (Error?) -> Void) {
        queue.async { callback(nil) }
    }

    func next() -> EventLoop { self }
    func makeIterator() -> EventLoopIterator { EventLoopIterator([self]) }
}
