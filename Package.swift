// swift-tools-version:6.0
// dist — an interactive shell for distributed evaluation in a Julia-like language.
//
// Targets, from the bottom up (see README.md, "Layout"):
//   CDistSupport  C: coroutine stacks and switching, signals, process spawning
//   CBLAS         system library: OpenBLAS (CBLAS) and LAPACKE
//   CEditline     system library: libedit, with wrappers for its variadic calls
//   DistSyntax    the syntax: lexer, parser, syntax tree, source locations
//   DistLang      the language: resolver, interpreter, tasks, builtins, display
//   DistWire      the binary format of messages, values and resolved code
//   DistCluster   workers, connections, handshake, remote references, shared memory
//   DistShell     the REPL, line editing, completion, the command line
//   dist          the executable
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

let unchecked: [SwiftSetting] = [
    .swiftLanguageMode(.v5),
    // Tasks switch stacks; Swift's dynamic exclusivity checks keep per-thread state that a
    // stack switch would corrupt, and the interpreter's hot paths do not need them.
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

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
    ],
    targets: [
        .target(name: "CDistSupport"),
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "DistSyntax", dependencies: ["CDistSupport"], swiftSettings: unchecked),
        .target(
            name: "DistLang",
            dependencies: [
                "DistSyntax", "CDistSupport", "CBLAS",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: unchecked),
        .target(
            name: "DistWire",
            dependencies: ["DistLang", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: unchecked),
        .target(
            name: "DistCluster",
            dependencies: [
                "DistLang", "DistWire", "CDistSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: unchecked),
        .target(
            name: "DistShell",
            dependencies: [
                "DistLang", "DistWire", "DistCluster", "CEditline", "CDistSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: unchecked),
        .executableTarget(
            name: "dist",
            dependencies: ["DistShell"],
            swiftSettings: unchecked),
        .testTarget(name: "DistLangTests", dependencies: ["DistLang"], exclude: ["Scripts"], swiftSettings: unchecked),
        .testTarget(
            name: "DistWireTests",
            dependencies: ["DistWire", "DistLang", "DistSyntax", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: unchecked),
        .testTarget(name: "DistClusterTests", dependencies: ["DistCluster", "DistWire", "DistLang"], swiftSettings: unchecked),
        .testTarget(
            name: "DistShellTests",
            dependencies: ["DistShell", "DistLang", "DistSyntax", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Transcripts"],
            swiftSettings: unchecked),
    ]
)
