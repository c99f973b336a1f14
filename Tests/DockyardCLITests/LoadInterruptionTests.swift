import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A `load` stopped midway — Ctrl-C or SIGKILL while the archive still streams in — leaves
/// nothing that `images` shows and nothing that blocks loading the same archive again.
@Suite("An interrupted load leaves nothing behind")
struct LoadInterruptionTests {
    /// A three-layer image of ~1.5 MB, tagged `slow:1`.
    static func archive() throws -> [UInt8] {
        let layers = (1...3).map { n in
            ImageArchiveFixture.layer { $0.add("f\(n)", .file([UInt8](repeating: UInt8(n), count: 500_000))) }
        }
        return try ImageArchiveFixture.dockerArchive(layers: layers, tags: ["slow:1"])
    }

    /// Names starting with `.tmp` in a store directory: what a load writes before it commits.
    static func temporaries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix(".tmp") }
    }

    /// Runs the rest of the command line with an empty signal mask (same pid: python execs it).
    static let unblockingSignals = ["/usr/bin/python3", "-c",
                                    "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])"]

    @Test("load killed while reading the archive: images shows nothing, the retry loads and cleans up",
          arguments: [SIGINT, SIGKILL])
    func killedMidLoad(_ stopSignal: Int32) throws {
        let directory = try TemporaryDirectory(prefix: "load-killed")
        let dockyard = DockyardProcess(root: directory.appending("root"))
        let bytes = try Self.archive()
        let pipe = directory.appending("archive.pipe")
        try #require(mkfifo(pipe, 0o600) == 0)

        // A terminal's Ctrl-C reaches a process whose signals are not blocked; the test runner's
        // threads block SIGINT and a spawned child inherits that mask, so it is cleared before exec.
        let loading = try dockyard.start(["load", "-i", pipe], prefix: Self.unblockingSignals)
        signal(SIGPIPE, SIG_IGN)  // Should load die early, the write below fails instead of killing the tests.
        let writer = open(pipe, O_WRONLY | O_CLOEXEC)  // Waits for load to open its end.
        try #require(writer >= 0)
        // The first layer and part of the second: load is staging them when the signal comes.
        let half = bytes.count / 2
        let written = bytes.withUnsafeBytes { write(writer, $0.baseAddress, half) }
        #expect(written == half)
        let image = directory.appending("root/image")
        #expect(Polling.until { !Self.temporaries(image).isEmpty }, "load stages into a .tmp- directory of the store")
        kill(loading.processIdentifier, stopSignal)
        loading.waitUntilExit()
        close(writer)
        #expect(loading.terminationReason == .uncaughtSignal && loading.terminationStatus == stopSignal)

        let images = try dockyard.run(["images", "-q"])
        #expect(images.status == 0 && images.stdout.isEmpty, "\(images)")

        try ImageArchiveFixture.write(bytes, to: directory.appending("slow.tar"))
        let retry = try dockyard.run(["load", "-i", directory.appending("slow.tar")])
        #expect(retry.status == 0 && retry.stdout == "Loaded image: slow:1\n", "\(retry.stderr)")
        #expect(try dockyard.run(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout == "slow:1\n")
        #expect(Self.temporaries(image).isEmpty, "the retry's clean-up removed the killed load's staging directory")
        #expect(Self.temporaries(image + "/blobs/sha256").isEmpty)
        #expect(Self.temporaries(directory.appending("root/layers")).isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory.appending("root/layers"))) ?? []).count == 3)
    }
}
