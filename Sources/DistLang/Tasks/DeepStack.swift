import CDistSupport

/// Runs front-end work whose recursion is as deep as its input (parsing, and freeing the tree
/// it builds) on a stack of its own, so that it fits whatever thread calls it.
///
/// The REPL asks the parser whether an input is complete on the main thread, whose 8 MB
/// stack a debug build's parser fills at ~500 nested `begin`s, and where a 40,000-term
/// `1-1-…` chain's tree overflows it when released. A coroutine with `size` bytes of
/// reserved (lazily committed) stack makes those inputs as safe there as in a task's big
/// stack; the parser's own depth limit then bounds the rest.
public enum DeepStack {
    /// The stack given to the work: as a big task's, 256 MB reserved, pages committed only
    /// as they are touched.
    public static let size = 256 << 20

    /// Runs `body` on a fresh deep stack and returns its result.
    public static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { escapable in
            let job = TypedJob(escapable)
            let arg = Unmanaged.passUnretained(job as Job).toOpaque()
            guard let home = dist_coro_current_thread() else { return escapable() }
            defer { dist_coro_destroy(home) }
            // no memory for a stack: the work runs where it is
            guard let coro = dist_coro_create(size, deepStackEntry, arg) else { return escapable() }
            job.home = home
            job.coro = coro
            dist_coro_switch(home, coro)
            dist_coro_destroy(coro)
            return job.result ?? escapable()
        }
    }

    /// The work and where to go back to when it is done.
    fileprivate class Job {
        var home: OpaquePointer?
        var coro: OpaquePointer?
        func run() {}
    }

    private final class TypedJob<T>: Job {
        let body: () -> T
        var result: T?
        init(_ body: @escaping () -> T) { self.body = body }
        override func run() { result = body() }
    }
}

/// The coroutine's entry: runs the job, then switches home for good. Only raw pointers stay
/// live in this frame when it switches away.
private let deepStackEntry: @convention(c) (UnsafeMutableRawPointer?) -> Void = { arg in
    guard let arg = arg, let (from, to) = runDeepJob(arg) else { return }
    dist_coro_switch(from, to)
}

@inline(never)
private func runDeepJob(_ arg: UnsafeMutableRawPointer) -> (OpaquePointer, OpaquePointer)? {
    let job = Unmanaged<DeepStack.Job>.fromOpaque(arg).takeUnretainedValue()
    job.run()
    guard let coro = job.coro, let home = job.home else { return nil }
    return (coro, home)
}

/// True when less than `margin` bytes of the stack the caller runs on are left: the parser,
/// resolver and compiler recurse as deep as their input and stop with an error there
/// instead of overflowing the stack, whichever stack (thread or task) they run on.
@inline(__always) func stackNearlyExhausted(margin: UInt = 512 << 10) -> Bool {
    dist_stack_nearly_exhausted(margin) != 0
}
