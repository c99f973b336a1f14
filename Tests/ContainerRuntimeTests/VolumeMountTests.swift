import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite("Volumes, bind mounts, tmpfs and --read-only in real containers", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct VolumeMountTests {
    func hostDirectory(_ fixture: ContainerFixture, _ name: String) throws -> String {
        let path = fixture.root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a bind mount shows host files inside and keeps what the container writes")
    func bindReadWrite() throws {
        let fixture = try ContainerFixture()
        let host = try hostDirectory(fixture, "shared")
        try Data("from host\n".utf8).write(to: URL(fileURLWithPath: host + "/in.txt"))
        let (outcome, output) = try fixture.run(["sh", "-c", "cat /data/in.txt; echo from container > /data/out.txt"]) {
            $0.mounts = [try! VolumeMount.parse(volume: host + ":/data")]
        }
        #expect(outcome.exitCode == 0, "\(output)")
        #expect(output == "from host\n")
        #expect(try TestFiles.readText(host + "/out.txt") == "from container\n")
        let mounted = fixture.events.events.contains { event in
            if case let .mounted(type, source, target, _) = event.kind {
                return type == "bind" && source == host && target.hasSuffix("/rootfs/data")
            }
            return false
        }
        #expect(mounted, "a mounted event names the bind's source and its target under the rootfs")
    }

    @Test("a read-only bind mount refuses writes with EROFS, and a missing :ro source is refused")
    func bindReadOnly() throws {
        let fixture = try ContainerFixture()
        let host = try hostDirectory(fixture, "ro")
        let (outcome, output) = try fixture.run(["sh", "-c", "echo x > /data/f"]) {
            $0.mounts = [VolumeMount(kind: .bind, source: host, destination: "/data", readOnly: true)]
        }
        #expect(outcome.exitCode != 0)
        #expect(output.contains("Read-only file system"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: host + "/f"))

        #expect(throws: RuntimeError.self) {
            _ = try fixture.run(["true"]) {
                $0.mounts = [VolumeMount(kind: .bind, source: fixture.root + "/missing", destination: "/data", readOnly: true)]
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/missing"))
    }

    @Test("a single file can be bind-mounted onto a file")
    func bindFile() throws {
        let fixture = try ContainerFixture()
        try Data("config\n".utf8).write(to: URL(fileURLWithPath: fixture.root + "/app.conf"))
        let (_, output) = try fixture.run(["cat", "/etc/app.conf"]) {
            $0.mounts = [VolumeMount(kind: .bind, source: fixture.root + "/app.conf", destination: "/etc/app.conf", readOnly: true)]
        }
        #expect(output == "config\n")
    }

    @Test("--tmpfs mounts a memory filesystem that leaves nothing in the writable layer")
    func tmpfs() throws {
        let fixture = try ContainerFixture()
        let (outcome, output) = try fixture.run(["sh", "-c", "echo hi > /scratch/a && cat /scratch/a && grep ' /scratch ' /proc/mounts"]) {
            $0.mounts = [try! VolumeMount.parse(tmpfs: "/scratch:size=1m")]
        }
        #expect(outcome.exitCode == 0, "\(output)")
        #expect(output.hasPrefix("hi\ntmpfs /scratch tmpfs rw,nosuid,nodev,noexec"), "\(output)")
        #expect(output.contains("size=1024k"), "\(output)")
        let upper = fixture.store.paths(for: outcome.record.id).upperdir
        #expect(!FileManager.default.fileExists(atPath: upper + "/scratch/a"))
    }

    @Test("--read-only makes / read-only while /dev, /etc/hosts, tmpfs and volumes stay writable")
    func readOnlyRootfs() throws {
        let fixture = try ContainerFixture()
        let host = try hostDirectory(fixture, "rw")
        let script = "touch /new 2>&1; echo ok > /dev/shm/x && echo ok > /tmp/x && echo ok > /data/x && echo 127.0.0.2 x >> /etc/hosts && echo writable"
        let (outcome, output) = try fixture.run(["sh", "-c", script]) {
            $0.readOnlyRootfs = true
            $0.mounts = [VolumeMount(kind: .tmpfs, source: "tmpfs", destination: "/tmp"),
                         VolumeMount(kind: .bind, source: host, destination: "/data")]
        }
        #expect(outcome.exitCode == 0, "\(output)")
        #expect(output.contains("Read-only file system"), "\(output)")
        #expect(output.hasSuffix("writable\n"), "\(output)")
    }

    @Test("a symlink in the image cannot aim a mount at the host: /etc -> a host directory stays untouched")
    func symlinkedMountTargetStaysInside() throws {
        let fixture = try ContainerFixture()
        let hostTarget = try hostDirectory(fixture, "host-target")
        let dataTarget = try hostDirectory(fixture, "host-data")
        let volume = try hostDirectory(fixture, "volume")
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: volume + "/v"))
        // A layer on top of the tiny rootfs whose /etc and /data are absolute symlinks to host paths.
        let evil = fixture.root + "/evil-layer"
        try FileManager.default.createDirectory(atPath: evil, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: evil + "/etc", withDestinationPath: hostTarget)
        try FileManager.default.createSymbolicLink(atPath: evil + "/data", withDestinationPath: dataTarget)

        let outputPath = fixture.root + "/evil-output"
        let fd = open(outputPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        defer { close(fd) }
        var image = fixture.image
        image.lowerdirs = [fixture.layer, evil]
        var request = RunRequest(image: image, command: ["sh", "-c", "cat /etc/hostname /data/v"],
                                 standardOutput: fd, standardError: fd)
        request.mounts = [VolumeMount(kind: .bind, source: volume, destination: "/data")]
        let outcome = try fixture.runner.run(request)
        let output = try TestFiles.readText(outputPath)
        #expect(outcome.exitCode == 0, "\(output)")
        #expect(output == outcome.record.id.short + "\nsecret\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: hostTarget).isEmpty, "nothing made in the host's directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dataTarget).isEmpty)
        // The mount points were made where the symlinks lead inside the rootfs: in the writable layer.
        let upper = fixture.store.paths(for: outcome.record.id).upperdir
        #expect(FileManager.default.fileExists(atPath: upper + hostTarget + "/hostname"))
    }
}
