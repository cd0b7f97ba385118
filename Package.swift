// swift-tools-version:6.1
import Foundation
import PackageDescription

// DTModel and DTRules are compiled with optimisation in debug builds too. Every run of
// the debug binary (the tests start it some 300 times) compiles the rules first, which
// unoptimised was half of its start-up; and DTModel's text code (normalising, splitting
// paragraphs) runs unspecialised generics over every byte when unoptimised, a hundred
// times slower (one test spent 6 s in `ParagraphSplitter.split`). The other modules stay
// unoptimised for the debugger; DTCHECK_DEBUG_ONONE=1 builds these two unoptimised as well
// (to step through their code). Not applied when this package is built as another
// package's dependency (a checkout under `checkouts/`), where SwiftPM refuses unsafe flags.
let hotModulesInDebug: [SwiftSetting] =
    ProcessInfo.processInfo.environment["DTCHECK_DEBUG_ONONE"] == "1" || #filePath.contains("/checkouts/")
    ? [] : [.unsafeFlags(["-O"], .when(configuration: .debug))]

// One concern a module: ingest (libxml2 behind DTXML) -> document model -> rules
// -> grading -> reports -> CLI. The executable is a thin shell over DTCLI.
let package = Package(
    name: "dtcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dtcheck", targets: ["dtcheck"]),
        .library(name: "DTCheckKit", targets: ["DTModel", "DTIngest", "DTRules", "DTDrafts", "DTGrading", "DTReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // #20 `dtcheck serve`: the local web page's HTTP server (DTServe only).
        // Only the FullFoundation trait: DTServe reads no swift-configuration. With both default
        // traits SwiftPM passed their -D flags in a random order at each planning, so every
        // switch between `swift build` and `swift test` recompiled the Hummingbird modules.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Sixteen-byte SSE2 scans (header-only C) for the loops that read whole documents.
        .target(name: "CByteScan"),
        .target(name: "DTXML", dependencies: ["CLibXML2", "CByteScan"]),
        .target(name: "DTModel", dependencies: ["CByteScan"], swiftSettings: hotModulesInDebug),
        .target(name: "DTIngest", dependencies: ["DTXML", "DTModel", "ZIPFoundation"]),
        .target(name: "DTRules", dependencies: ["DTModel", "Yams"], swiftSettings: hotModulesInDebug),
        // Negotiation brackets of a draft, read from the model's text (no rules needed).
        .target(name: "DTDrafts", dependencies: ["DTModel"]),
        .target(name: "DTGrading", dependencies: ["DTRules", "DTModel", "DTDrafts"]),
        .target(name: "DTReports", dependencies: ["DTGrading", "DTModel", "DTRules"]),
        // Issue 14.3: the default rules built into the binary. The EmbedRules plugin turns
        // rules/**/*.yml into Swift source at build time (re-run whenever a rule file changes),
        // so an installed binary is one file that works from any folder. The plugin runs
        // Plugins/EmbedRules/embed-rules.sh (a Swift tool here was relinked, and the rules
        // embedded and compiled again, on every build: see the script).
        .plugin(name: "EmbedRules", capability: .buildTool()),
        .target(name: "DTBuiltinRules", plugins: ["EmbedRules"]),
        // #20 `dtcheck serve`: HTTP front end over the same pipeline as the CLI.
        .target(name: "DTServe", dependencies: [
            "DTIngest", "DTModel", "DTRules", "DTGrading", "DTReports",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .target(name: "DTCLI", dependencies: [
            "DTIngest", "DTModel", "DTRules", "DTGrading", "DTReports", "Yams", "DTBuiltinRules",
            "DTServe", // #20
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "dtcheck", dependencies: ["DTCLI"]),
        // Locating ../shared and the skip-or-fail policy, shared by the test targets.
        .target(name: "DTTestSupport", dependencies: ["DTRules"], path: "Tests/DTTestSupport"),
        .testTarget(name: "DTIngestTests", dependencies: ["DTIngest", "DTModel", "DTXML", "DTTestSupport"]),
        .testTarget(name: "DTGradingTests", dependencies: ["DTIngest", "DTModel", "DTRules", "DTGrading", "DTTestSupport"]),
        .testTarget(name: "DTCLITests", dependencies: ["DTCLI", "DTReports", "DTGrading", "DTRules", "DTIngest", "DTModel", "DTTestSupport",
                                                     "ZIPFoundation"]), // #19: writes a Word draft to check as a user would
        .testTarget(name: "DTDraftsTests", dependencies: ["DTDrafts", "DTModel", "DTIngest", "DTGrading", "DTRules", "DTTestSupport"]),
        // #20: starts the server on a free port and talks to it over real HTTP.
        .testTarget(name: "DTServeTests", dependencies: ["DTServe", "DTReports", "DTGrading", "DTRules", "DTIngest", "DTModel", "DTTestSupport"]),
        .testTarget(name: "DTHostileTests", dependencies: ["DTIngest", "DTModel", "DTXML", "DTRules", "DTGrading", "DTTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
