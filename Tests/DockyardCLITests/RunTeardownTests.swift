import Foundation
import Testing
import TestSupport

/// What `run` does after the container's first process exits, with the real kernel: a `--rm`
/// container's writable layer is volatile (nothing to flush at exit).
@Suite("dockyard run, teardown", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct RunTeardownTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "teardown")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// The container's root mount as its own /proc/self/mountinfo shows it (the kernel's options).
    func rootMount(_ arguments: [String]) throws -> String {
        let result = try dockyard.run(["run"] + arguments + ["--network", "none", "busybox", "cat", "/proc/self/mountinfo"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").first { $0.split(separator: " ").dropFirst(4).first == "/" }.map(String.init) ?? ""
    }

    @Test("a --rm container's overlay is volatile, a kept container's is not")
    func volatileOnlyWithRm() throws {
        let removed = try rootMount(["--rm"])
        #expect(removed.contains(" - overlay overlay ") && removed.contains(",volatile"), "\(removed)")
        let kept = try rootMount([])
        #expect(kept.contains(" - overlay overlay ") && !kept.contains("volatile"), "\(kept)")
    }
}
