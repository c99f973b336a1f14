import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Running real containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct RunContainerTests {
    @Test("the container gets its own hostname, pid 1 and cgroup root")
    func isolation() throws {
        let fixture = try ContainerFixture()
        let (outcome, output) = try fixture.run(["sh", "-c", "hostname; echo $$; cat /proc/self/cgroup"]) { $0.autoRemove = true }
        #expect(outcome.exitCode == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == outcome.record.id.short)
        #expect(lines.dropFirst().first == "1")
        #expect(lines.dropFirst(2).allSatisfy { $0.hasSuffix(":/") }, "cgroup paths inside: \(lines)")
    }

    @Test("every namespace the container has differs from the host's")
    func namespacesDiffer() throws {
        let fixture = try ContainerFixture()
        _ = try fixture.run(["true"]) { $0.autoRemove = true }
        let namespaces = fixture.events.events.compactMap { event -> (String, UInt64, UInt64)? in
            if case let .namespace(kind, inside, host) = event.kind { return (kind, inside, host) }
            return nil
        }
        #expect(Set(namespaces.map(\.0)) == ["mnt", "pid", "uts", "ipc", "net", "cgroup"])
        for (kind, inside, host) in namespaces {
            #expect(inside != host && inside != 0, "\(kind) namespace should be new")
        }
    }

    @Test("exit status is the process's own")
    func exitStatus() throws {
        let fixture = try ContainerFixture()
        #expect(try fixture.run(["sh", "-c", "exit 3"]) { $0.autoRemove = true }.0.exitCode == 3)
        #expect(try fixture.run(["true"]) { $0.autoRemove = true }.0.exitCode == 0)
    }

    @Test("a missing command fails with ENOENT at exec, a non-executable one with EACCES")
    func execFailures() throws {
        let fixture = try ContainerFixture()
        #expect {
            _ = try fixture.run(["no-such-command"]) { $0.autoRemove = true }
        } throws: { error in
            guard let launch = error as? LaunchError, case .exec = launch.stage else { return false }
            return launch.errno == ENOENT
        }
        #expect {
            _ = try fixture.run(["/bin/notexec"]) { $0.autoRemove = true }
        } throws: { error in
            guard let launch = error as? LaunchError, case .exec = launch.stage else { return false }
            return launch.errno == EACCES
        }
    }

    @Test("--user resolves names in the image's /etc/passwd, and -w sets the working directory")
    func userAndWorkdir() throws {
        let fixture = try ContainerFixture()
        let (_, output) = try fixture.run(["sh", "-c", "id -u; id -g; id -G; pwd; echo $HOME"]) {
            $0.user = "app"
            $0.workingDirectory = "/work/here"
            $0.autoRemove = true
        }
        #expect(output.split(separator: "\n").map(String.init) == ["1000", "1000", "1000 2000", "/work/here", "/home/app"])
    }

    @Test("two containers from one image never see each other's writes, and the image never changes")
    func writableLayersAreSeparate() throws {
        let fixture = try ContainerFixture()
        let (first, _) = try fixture.run(["sh", "-c", "echo mine > /etc/note"])
        let (_, output) = try fixture.run(["sh", "-c", "cat /etc/note 2>&1 || echo absent"]) { $0.autoRemove = true }
        #expect(output.contains("absent"))
        #expect(!FileManager.default.fileExists(atPath: fixture.layer + "/etc/note"))
        let upper = fixture.store.paths(for: first.record.id).upperdir
        #expect(FileManager.default.fileExists(atPath: upper + "/etc/note"))
    }

    // `tail /dev/zero` waits for a newline that never comes, buffering without end. The kernel's
    // OOM killer sends it SIGKILL (9), so the status is 128 + 9: a real death by signal.
    @Test("a memory limit is written to the cgroup, and going over it is an OOM kill (137)")
    func oomKill() throws {
        let fixture = try ContainerFixture()
        let (outcome, _) = try fixture.run(["tail", "/dev/zero"]) {
            $0.limits = ResourceLimits(memoryBytes: 16 << 20)
            $0.autoRemove = true
        }
        let written = fixture.events.events.contains {
            if case let .cgroupWritten(path, value) = $0.kind {
                return (path.hasSuffix("memory.limit_in_bytes") || path.hasSuffix("memory.max")) && value == String(16 << 20)
            }
            return false
        }
        #expect(written)
        #expect(outcome.oomKilled)
        #expect(outcome.exitCode == 137)
    }

    @Test("--rm leaves no container directory, cgroup or mount behind")
    func cleanup() throws {
        let fixture = try ContainerFixture()
        let (outcome, _) = try fixture.run(["true"]) { $0.autoRemove = true }
        #expect(!FileManager.default.fileExists(atPath: fixture.store.paths(for: outcome.record.id).directory))
        for path in outcome.record.cgroupPaths {
            #expect(!FileManager.default.fileExists(atPath: path))
        }
        let mounts = String(decoding: FileManager.default.contents(atPath: "/proc/self/mountinfo") ?? Data(), as: UTF8.self)
        #expect(!mounts.contains(fixture.root))
    }
}
