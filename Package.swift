// swift-tools-version:6.0
// dist — an interactive shell for distributed evaluation in a Julia-like language.
//
// Targets, from the bottom up (see README.md, "Layout"):
//   CDistSupport  C: coroutine stacks and switching, signals, process spawning
//   CBLAS         system library: OpenBLAS (CBLAS) and LAPACKE
//   CEditline     system library: libedit, with wrappers for its variadic calls
//   CPCRE2        system library: PCRE2, the regular expressions Julia's Regex uses
//   DistSyntax    the syntax: lexer, parser, syntax tree, source locations
//   DistLang      the language: resolver, interpreter, tasks, builtins, display
//   DistWire      the binary format of messages, values and resolved code
//   DistCluster   workers, connections, handshake, TLS, remote references, shared memory
//   DistShell     the REPL, line editing, completion, the command line
//   dist          the executable
//   Fuzz*         libFuzzer targets, only when DIST_FUZZ=1 (see below and Scripts/fuzz)
//
// DistSyntax is a target of its own so that the build keeps the rule "workers never parse;
// the wire target never imports the parser" (STYLE.md): DistWire and DistCluster do not
// list it, and Scripts/test refuses an import of a target that the importer does not list.
// (`swift build --explicit-target-dependency-import-check error`, which Scripts/test also
// runs, accepts any target in the importer's dependency closure, DistSyntax included; the
// strict check is Scripts/lib/check-imports.py.) Nothing below the language needs a syntax
// type: resolved code (IR) carries a statement's line as a plain integer (`.located`), not a
// `SourceLocation`, so locations stay with the syntax; the one IR node that holds syntax,
// `@everywhere`'s body (parsed and resolved on process 1 when it runs), is refused by the
// wire writer and only matched, never opened, there. DistSyntax depends on CDistSupport for
// one thing: the stack check that stops deep recursion in the lexer and parser.
import PackageDescription

// Tasks switch stacks; Swift's dynamic exclusivity checks keep per-thread state that a
// stack switch would corrupt, and the interpreter's hot paths do not need them. Every target
// whose code runs on a task's stack (the syntax and the language, the cluster's message
// handlers, the shell's evaluations) keeps them off.
let noExclusivityChecks: SwiftSetting = .unsafeFlags(["-enforce-exclusivity=unchecked"])

// Swift 6 mode (full data-race checking) for the syntax, the wire, the cluster and the shell.
// Their real thread crossings are spelled out: NIOEventDriver.post, the one way into the
// runtime from another thread, hands its closure over (`HandOff`, unchecked, with why);
// NIO callbacks that run on the loop use its isolated views (`assumeIsolated()`, which
// checks the thread) or reach the cluster through `NIOLoopBound`; the shell's main thread
// reaches the runtime through Session (a `NIOLoopBound<Runtime>`, `@Sendable` bodies with
// `Sendable` results, or a posted task it waits for); what signal handlers and libedit's C
// callbacks touch is `nonisolated(unsafe)` with the reason beside it.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), noExclusivityChecks]

// DistLang keeps Swift 5 mode. Its tasks are coroutines on stacks of its own (CDistSupport)
// that the scheduler switches between on one thread, the event loop's, only at blocking
// points (`fetch`, `take!`, `sleep`, I/O...): every task, the scheduler, the runtime and the
// values (classes: arrays, dictionaries, closures) are shared without locks because exactly
// one task runs at a time, on that thread. Swift 6's checking knows threads, actors and
// `Sendable`, not stack switching: it would see nothing to check inside the language (all
// of it is one isolation domain) yet would require `nonisolated(unsafe)` or
// `@unchecked Sendable` on each of its process-wide tables (symbols, built-in types and
// functions, allocation counters) and on every value that enters a closure it cannot prove
// stays on the thread, adding annotations that state nothing the design does not already
// guarantee. The crossings out of that one thread are checked where they happen, in the
// targets above. The tests keep Swift 5 mode: they drive runtimes from test threads.
let unchecked: [SwiftSetting] = [.swiftLanguageMode(.v5), noExclusivityChecks]

let package = Package(
    name: "dist",
    products: [
        .executable(name: "dist", targets: ["dist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.2.0"),
    ],
    targets: [
        .target(name: "CDistSupport"),
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .target(name: "DistSyntax", dependencies: ["CDistSupport"], swiftSettings: strict),
        .target(
            name: "DistLang",
            dependencies: [
                "DistSyntax", "CDistSupport", "CBLAS", "CPCRE2",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: unchecked),
        .target(
            name: "DistWire",
            dependencies: ["DistLang", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "Atomics", package: "swift-atomics")],
            swiftSettings: strict),
        .target(
            name: "DistCluster",
            dependencies: [
                "DistLang", "DistWire", "CDistSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: strict),
        .target(
            name: "DistShell",
            dependencies: [
                "DistLang", "DistWire", "DistCluster", "CEditline", "CDistSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // mimalloc (Debian's libmimalloc-dev) takes the place of glibc's malloc in the shell and
        // its workers: the interpreter makes and frees many small objects (a word's string, an
        // immutable struct per `Vec2(…)`), where glibc's malloc and free cost ~350 instructions
        // a pair (callgrind) and mimalloc's a fraction of that. Linked as a library it
        // overrides malloc for the whole process; the test bundles and the fuzz targets (whose
        // AddressSanitizer owns malloc) keep glibc's.
        .executableTarget(
            name: "dist",
            dependencies: ["DistShell"],
            swiftSettings: unchecked,
            linkerSettings: [.linkedLibrary("mimalloc")]),
        .testTarget(name: "DistLangTests", dependencies: ["DistLang"], exclude: ["Scripts"], swiftSettings: unchecked),
        .testTarget(
            name: "DistWireTests",
            dependencies: ["DistWire", "DistLang", "DistSyntax", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: unchecked),
        .testTarget(
            name: "DistClusterTests",
            dependencies: [
                "DistCluster", "DistWire", "DistLang", "CDistSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: unchecked),
        .testTarget(
            name: "DistShellTests",
            dependencies: [
                "DistShell", "DistCluster", "DistLang", "DistSyntax",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Transcripts"],
            swiftSettings: unchecked),
    ]
)

// The fuzz targets (Fuzz/, run by Scripts/fuzz): executables whose entry is libFuzzer's
// `LLVMFuzzerTestOneInput`, linked against the package's own modules. They exist only when
// DIST_FUZZ=1, so `swift build` and `swift test` never see them; Scripts/fuzz sets it and
// builds into its own `.build-fuzz` with `--sanitize fuzzer --sanitize address`. As SwiftPM
// targets they get the same modules, flags and dependencies as the shipped program, with no
// second build description to keep in step (the alternative, swiftc over the modules' object
// files, would have to repeat every target's flags and link line).
if Context.environment["DIST_FUZZ"] == "1" {
    // no main: libFuzzer's main drives the target's `LLVMFuzzerTestOneInput`
    let fuzzSettings = unchecked + [.unsafeFlags(["-parse-as-library"])]
    package.targets += [
        .target(name: "CFuzzOptions", path: "Fuzz/Options"),
        .target(name: "FuzzSupport", dependencies: ["DistLang", "CDistSupport", "CFuzzOptions"], path: "Fuzz/Support",
                swiftSettings: unchecked),
        .executableTarget(name: "FuzzParser", dependencies: ["DistLang", "DistSyntax", "FuzzSupport"], path: "Fuzz/Parser",
                          swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzEvaluator", dependencies: ["DistLang", "DistSyntax", "FuzzSupport"], path: "Fuzz/Evaluator",
                          swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzWire", dependencies: ["DistLang", "DistWire", "FuzzSupport",
                                                           .product(name: "NIOCore", package: "swift-nio")],
                          path: "Fuzz/Wire", swiftSettings: fuzzSettings),
    ]
}
