// swift-tools-version:6.0
// dist — an interactive shell for distributed evaluation in a Julia-like language.
//
// Targets, from the bottom up (see README.md, "Layout"):
//   CDistSupport  C: coroutine stacks and switching, signals, process spawning
//   CBLAS         system library: OpenBLAS (CBLAS) and LAPACKE
//   CEditline     system library: libedit, with wrappers for its variadic calls
//   DistLang      the language: syntax, resolver, interpreter, tasks, builtins, display
//   DistWire      the binary format of messages, values and resolved code
//   DistCluster   workers, connections, handshake, remote references, shared memory
//   DistShell     the REPL, line editing, completion, the command line
//   dist          the executable
//   Fuzz*         libFuzzer targets, only when DIST_FUZZ=1 (see below and Scripts/fuzz)
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
        .testTarget(name: "DistClusterTests", dependencies: ["DistCluster", "DistWire", "DistLang"], swiftSettings: unchecked),
        .testTarget(
            name: "DistShellTests",
            dependencies: ["DistShell", .product(name: "Crypto", package: "swift-crypto")],
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
        .executableTarget(name: "FuzzParser", dependencies: ["DistLang", "FuzzSupport"], path: "Fuzz/Parser",
                          swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzEvaluator", dependencies: ["DistLang", "FuzzSupport"], path: "Fuzz/Evaluator",
                          swiftSettings: fuzzSettings),
        .executableTarget(name: "FuzzWire", dependencies: ["DistLang", "DistWire", "FuzzSupport",
                                                           .product(name: "NIOCore", package: "swift-nio")],
                          path: "Fuzz/Wire", swiftSettings: fuzzSettings),
    ]
}
