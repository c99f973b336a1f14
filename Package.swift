// swift-tools-version: 6.1
// Dockyard: one package, three faces (engine, lessons, course site) over one kernel seam.
// The target graph flows one way: text -> instructions -> image -> container -> kernel.
// Linux only, the simulation included: CLinux is Linux's own calls (clone, setns, pivot_root,
// netlink) and most targets import Glibc, so the package declares no other platform.
import PackageDescription

// How the release binaries are linked, for the start-up floor (issue #19; docs/run-hot-path.md,
// "Branch floor"): each flag removes work the loader or the runtime did at every start.
// - lld with packed relative relocations (RELR): the loader applies ~98,000 pointer fix-ups from a
//   bitmap instead of reading a 24-byte record for each; the binary stays position-independent (ASLR).
// - No dynamic symbol table of our own: Swift executables export every symbol by default, and the
//   runtime's dladdr at start scans them all. Crash backtraces read the symbol table, which stays.
// - No debug sections (DWARF, 26 MB): never read at run time. Debug builds keep theirs.
// - libstdc++ (the Swift runtime's C++ library) linked in, from link/, instead of loaded and relocated
//   at every start. Without that link (another distribution), lld falls back to the shared library.
// - libgcc's unwinder (the `_Unwind_*` calls the runtime's C++ and backtraces use) linked in from GCC's
//   static libgcc_eh, instead of loading libgcc_s.so.1: one object less to map and relocate, one more
//   hash table less for every symbol lookup, and no `__cpu_indicator_init`, whose CPUID instructions
//   each trap to the hypervisor in a VM (9.5 us apiece on the machine of shared/NOTES.md). `run`: -0.17 ms
//   of CPU time a start (perf stat, 80 runs each).
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags([
        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
        "-Xlinker", "--no-export-dynamic", "-Xlinker", "--strip-debug",
        "-L", Context.packageDirectory + "/link", "-Xclang-linker", "-static-libgcc",
    ], .when(configuration: .release)),
]

// How the release build compiles Swift, for the same floor: metadata of a concrete generic type
// (`Set<String>`, `Option<String?>`, `[String: JSONNode]`) is fetched through its accessor with the
// witness tables the compiler already knows, instead of the default, a mangled name the runtime
// demangles at first use; checking that name's generic requirements searched the runtime's table
// of 8,000 protocol conformances each time (~230 k instructions a search, ~20 of them per `run`).
// `run --rm --network none busybox true` up to the clone: 8.86 M instructions -> 4.98 M; the binary
// grows by 75 kB. Our own targets only (a package cannot set a dependency's flags): specialised
// generic code, the standard library's included, is compiled into the module that uses it.
let releaseCompiling: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "Dockyard",
    products: [
        .executable(name: "dockyard", targets: ["dockyard"]),
        .executable(name: "dockyard-runtime", targets: ["dockyard-runtime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C only where Swift cannot go: clone with new namespaces, the pre-exec child, pivot_root.
        .target(name: "CLinux", cSettings: [.define("_GNU_SOURCE")]),
        // libarchive (Debian's libarchive-dev headers), for layer tarballs: dlopened on first use,
        // so `run` never loads it and the dozen libraries it depends on.
        .target(name: "CArchive"),

        // libcurl (Debian's libcurl4-openssl-dev headers), for registries: dlopened on first use,
        // so only pull, push and login (and a run whose image is missing) ever load it.
        .target(name: "CCurl"),

        // libcmark (Debian's libcmark-dev headers), for lessons written in CommonMark: dlopened on first use.
        .target(name: "CCmark"),

        // The host's plumbing, once: fds with EINTR handled, flock, posix_spawn, signal names.
        // Pure Swift over Glibc, no dependencies, so every module (even the parser) can use it.
        .target(name: "HostSystem"),
        // Go's text/template as Docker's --format uses it: lexer, parser, evaluator over a value tree.
        // Pure Swift without Foundation: every command that takes --format loads it at start-up.
        .target(name: "GoTemplate"),
        // The event model: every kernel object Dockyard creates, and how it is told.
        .target(name: "Explain"),
        // The kernel seam: a live implementation over CLinux and a simulated one. OCI for its JSON
        // reader alone (a seccomp profile's syntax errors, with where they are).
        .target(name: "LinuxKernel", dependencies: ["CLinux", "Explain", "HostSystem", "OCI"]),
        // Dockerfile text -> instructions, pure Swift.
        .target(name: "DockerfileSyntax", dependencies: ["HostSystem"]),
        // OCI image-spec types, digests, references.
        .target(name: "OCI", dependencies: ["HostSystem", .product(name: "Crypto", package: "swift-crypto")]),
        // Content-addressed image store in the OCI layout, layer tarballs, the offline busybox base.
        .target(name: "ImageStore", dependencies: ["OCI", "CArchive", "Explain", "LinuxKernel", "HostSystem"]),
        // The OCI distribution API: names, auth (tokens, Docker's config.json), pull and push.
        .target(name: "Registry", dependencies: ["CCurl", "OCI", "ImageStore", "Explain", "HostSystem"]),
        // Containers: records, rootfs, namespaces, cgroups, mounts, process lifecycle.
        .target(name: "ContainerRuntime", dependencies: ["LinuxKernel", "Explain", "HostSystem", "ImageStore", "OCI"]),
        // Dockerfile instructions -> steps -> an image: RUN in a container, its upper layer as the new layer.
        .target(name: "Builder", dependencies: ["DockerfileSyntax", "ImageStore", "ContainerRuntime", "OCI", "Explain", "LinuxKernel", "HostSystem"]),
        // Lessons: CommonMark files -> steps, checks, quizzes; the terminal player.
        .target(name: "Lessons", dependencies: ["CCmark", "Explain", "HostSystem"]),
        // Lessons and their recorded runs -> a static HTML course, through the Mustache templates in
        // site/ (rendered by its own small MustacheTemplate: a library's Foundation would cost every start).
        .target(name: "CourseSite", dependencies: ["Lessons", "Explain"]),
        // Kubernetes Pods as typed values, checked, -> the pod and `run` flags `kube play` uses. Pure Swift.
        // Like KubeYAML, linked only into the dockyard-kube helper: their types' conformance records
        // would lengthen the runtime's conformance searches at every command's start.
        .target(name: "KubeManifest"),
        // YAML <-> those values, with Yams (and libyaml).
        .target(name: "KubeYAML", dependencies: ["KubeManifest", .product(name: "Yams", package: "Yams")]),
        // Every `dockyard` verb, one file each.
        .target(name: "DockyardCLI", dependencies: [
            "ContainerRuntime", "ImageStore", "OCI", "Explain", "LinuxKernel", "DockerfileSyntax", "Builder", "Lessons", "CourseSite", "HostSystem", "Registry", "GoTemplate",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Before main, in C: an ordinary user's dockyard joins its rootless user namespace
        // (setns needs a single-threaded process). Linked into the executable alone.
        .target(name: "DockyardEntry", dependencies: ["CLinux"], cSettings: [.define("_GNU_SOURCE")]),
        // dockyard-init is a dependency so that building the one product `dockyard` (the README's
        // release build) also builds the init `run --init` and `-p` on user networks look for beside it.
        // dockyard-runtime likewise: the README's build of `dockyard` leaves the OCI runtime beside it
        // (its libraries are dockyard's own, so nothing more is linked into dockyard).
        // dockyard-kube is not: an executable's dependency has its libraries linked in (Yams would be).
        .executableTarget(name: "dockyard", dependencies: ["DockyardCLI", "DockyardEntry", "dockyard-init", "dockyard-runtime"],
                          linkerSettings: releaseLinking),
        // Dockyard as an OCI runtime (runc's command line), for containerd and dockerd: its own
        // binary, so `dockyard run`'s start-up pays nothing for it.
        .executableTarget(name: "dockyard-runtime", dependencies: ["ContainerRuntime"], linkerSettings: releaseLinking),
        // `run --init`: a tiny static init for pid 1 (signals forwarded, zombies reaped).
        .executableTarget(name: "dockyard-init", path: "Sources/dockyard-init",
                          linkerSettings: [.unsafeFlags(["-static-executable"])]),
        // `kube play|down|generate`: reads manifests (YAML -> JSON) and writes them (JSON -> YAML)
        // for dockyard, which runs it from beside itself; `swift build` builds it with the rest.
        .executableTarget(name: "dockyard-kube", dependencies: ["KubeYAML", "KubeManifest", "ContainerRuntime", "LinuxKernel"],
                          path: "Sources/dockyard-kube"),

        // Helpers shared by the test targets: temporary roots, a fake cgroupfs tree, root checks, real registries.
        .target(name: "TestSupport", dependencies: ["LinuxKernel", "Explain", "HostSystem"], path: "Tests/TestSupport"),
        .testTarget(name: "HostSystemTests", dependencies: ["HostSystem"]),
        .testTarget(name: "ExplainTests", dependencies: ["Explain"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate", "TestSupport"]),
        .testTarget(name: "LinuxKernelTests", dependencies: ["LinuxKernel", "CLinux", "Explain"]),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax", "TestSupport"]),
        .testTarget(name: "OCITests", dependencies: ["OCI"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "Explain", "HostSystem", "TestSupport"]),
        .testTarget(name: "ImageStoreTests", dependencies: ["ImageStore", "TestSupport"]),
        .testTarget(name: "ContainerRuntimeTests", dependencies: ["ContainerRuntime", "TestSupport"]),
        .testTarget(name: "BuilderTests", dependencies: ["Builder", "TestSupport"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "CourseSite", "TestSupport"]),
        .testTarget(name: "CourseSiteTests", dependencies: ["CourseSite", "Lessons", "Explain", "TestSupport"]),
        .testTarget(name: "KubeManifestTests", dependencies: ["KubeManifest", "KubeYAML"]),
        .testTarget(name: "DockyardCLITests", dependencies: ["DockyardCLI", "TestSupport"]),
    ]
)

// Every Swift target of ours compiles as `releaseCompiling` says; the C targets have no Swift.
let cTargets: Set<String> = ["CLinux", "CArchive", "CCurl", "CCmark", "DockyardEntry", "dockyard-init"]
for target in package.targets where target.type != .test && !cTargets.contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + releaseCompiling
}
