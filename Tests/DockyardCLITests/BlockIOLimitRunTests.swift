import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `--device-write-bps` and `--device-read-bps` on this cgroup v1 machine: the container's blkio
/// cgroup holds the device's `MAJOR:MINOR BYTES` line while it runs, direct writes to that disk
/// are held to the rate, inspect shows Docker's fields, and a bad value is refused in Docker's
/// words before anything is made.
@Suite("Block I/O limits on a running container", .serialized,
       .enabled(if: Privileges.canRunContainers && FileManager.default.fileExists(atPath: "/sys/fs/cgroup/blkio/blkio.throttle.write_bps_device"),
                "needs root, /bin/busybox (busybox-static) and cgroup v1's blkio controller"))
struct BlockIOLimitRunTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "blkio")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    /// The whole disk (not a partition) under `path`, as /dev/NAME and MAJOR:MINOR.
    func disk(under path: String) throws -> (path: String, numbers: String) {
        var info = stat()
        #expect(stat(path, &info) == 0)
        // glibc's major()/minor() are macros Swift cannot see: the same bit layout, spelled out.
        let dev = UInt64(info.st_dev)
        let (major, minor) = (((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff), (dev & 0xff) | ((dev >> 12) & ~0xff))
        let sysfs = "/sys/dev/block/\(major):\(minor)"
        var device = try #require(URL(fileURLWithPath: sysfs).resolvingSymlinksInPath().path as String?)
        if FileManager.default.fileExists(atPath: sysfs + "/partition") { device = (device as NSString).deletingLastPathComponent }
        let numbers = try String(contentsOfFile: device + "/dev", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return ("/dev/" + (device as NSString).lastPathComponent, numbers)
    }

    @Test("--device-write-bps writes the blkio line and holds direct writes to the rate; inspect shows it")
    func throttledWrites() throws {
        let disk = try disk(under: directory.path)
        defer { _ = try? dockyard.run(["rm", "-f", "throttled"]) }
        let script = "cat /sys/fs/cgroup/blkio/blkio.throttle.write_bps_device; "
            + "start=$(date +%s); dd if=/dev/zero of=/var/f bs=64k count=48 oflag=direct 2>/dev/null; echo $(( $(date +%s) - start ))"
        let result = try dockyard.run(["run", "--name", "throttled", "--device-write-bps", "\(disk.path):1mb", "busybox", "sh", "-c", script])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(disk.numbers) 1048576", "\(result.stdout)")
        // 3 MiB at 1 MiB a second: the kernel holds the writes back for about two seconds more
        // than they need (its first second's budget is spent at once).
        #expect((Int(lines.last ?? "") ?? 0) >= 2, "\(result.stdout)")
        let inspect = try dockyard.run(["inspect", "-f", "{{json .HostConfig.BlkioDeviceWriteBps}} {{json .HostConfig.BlkioDeviceReadBps}}", "throttled"])
        #expect(inspect.stdout == "[{\"Path\":\"\(disk.path)\",\"Rate\":1048576}] null\n", "\(inspect.stdout)\(inspect.stderr)")
    }

    @Test("a bad value or a device that is not a block device is refused with 125, and nothing is left behind", arguments: [
        ("/dev/vda", "invalid argument \"/dev/vda\" for \"--device-read-bps\" flag: bad format: /dev/vda"),
        ("/dev/null:1mb", "/dev/null is not a block device"),
        ("/dev/no-such-disk:1mb", "stat /dev/no-such-disk: "),
    ])
    func refused(value: String, message: String) throws {
        let result = try dockyard.run(["run", "--name", "refused", "--device-read-bps", value, "busybox", "true"])
        #expect(result.status == 125)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try dockyard.run(["ps", "-aq"]).stdout.isEmpty)
    }
}
