import Foundation
import Testing
import TestSupport

/// Docker's default seccomp profile is compiled once into the store (`<root>/seccomp-programs`)
/// and loaded from there by later starts: the kernel must enforce the loaded program exactly as
/// the freshly compiled one, and a damaged file must not weaken it.
@Suite("The compiled default seccomp program, from inside real containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct SeccompCacheTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "seccomp-cache")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    func probe(_ extra: [String] = []) throws -> [String: String] {
        let probe = try dockyard.run(["run", "--rm", "--network", "none"] + extra + ProbeProgram.mountFlags("seccomp")
                                     + ["busybox", "/probe"])
        #expect(probe.status == 0, "\(probe.stderr)")
        return SeccompProbeTests.answers(probe.stdout)
    }

    func cachedFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appending("root/seccomp-programs")).sorted()
    }

    @Test("compiled at the first start, loaded at the next, same verdicts; a damaged file is compiled again")
    func cachedProgram() throws {
        #expect(try probe() == SeccompProbeTests.dockerDefaultAnswers)
        let files = try cachedFiles()
        #expect(files.count == 1 && files[0].hasSuffix(".bpf"), "\(files)")
        #expect(try probe() == SeccompProbeTests.dockerDefaultAnswers)
        // A program cut short (or anyone's garbage) is not loaded: the start compiles and rewrites it.
        let path = directory.appending("root/seccomp-programs/" + files[0])
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(whole.prefix(13)).write(to: URL(fileURLWithPath: path))
        #expect(try probe() == SeccompProbeTests.dockerDefaultAnswers)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
        // Another bounding set is another program (SYS_ADMIN's entries allow unshare and more).
        let admin = try probe(["--cap-add", "SYS_ADMIN"])
        #expect(admin["unshare(CLONE_NEWUSER)"] != "EPERM", "\(admin)")
        #expect(try cachedFiles().count == 2)
        // A custom profile is never cached.
        try directory.write("allow.json", #"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": []}"#)
        _ = try probe(["--security-opt", "seccomp=" + directory.appending("allow.json")])
        #expect(try cachedFiles().count == 2)
    }
}
