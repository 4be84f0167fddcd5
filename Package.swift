// swift-tools-version:6.0
// dist — an interactive shell for distributed evaluation in a Julia-like language.
//
// Targets, from the bottom up (see README.md, "Layout"):
//   CDistSupport  C: coroutine stacks and switching, signals, process spawning
//   CBLAS         system library: OpenBLAS (CBLAS) and LAPACKE
//   CEditline     system library: libedit, with wrappers for its variadic calls
//   DistLang      the language: syntax, resolver, interpreter, tasks, builtins, display
//   DistWire      the binary format of messages, values and resolved code
//   DistCluster   workers, connections, handshake, TLS, remote references, shared memory
//   DistShell     the REPL, line editing, completion, the command line
//   dist          the executable
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
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        .target(name: "CDistSupport"),
        .systemLibrary(name: "CBLAS", providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(
            name: "DistLang",
            dependencies: [
                "CDistSupport", "CBLAS",
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
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: unchecked),
        .target(
            name: "DistShell",
            dependencies: [
                "DistLang", "DistWire", "DistCluster", "CEditline", "CDistSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: unchecked),
        .executableTarget(
            name: "dist",
            dependencies: ["DistShell"],
            swiftSettings: unchecked),
        .testTarget(name: "DistLangTests", dependencies: ["DistLang"], exclude: ["Scripts"], swiftSettings: unchecked),
        .testTarget(name: "DistWireTests", dependencies: ["DistWire", "DistLang"], swiftSettings: unchecked),
        .testTarget(
            name: "DistClusterTests",
            dependencies: [
                "DistCluster", "DistWire", "DistLang",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: unchecked),
        .testTarget(
            name: "DistShellTests",
            dependencies: [
                "DistShell", "DistCluster", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Transcripts"],
            swiftSettings: unchecked),
    ]
)
