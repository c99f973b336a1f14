import Foundation
import Testing
import TestSupport

/// `linux.resources.blockIO` and `.network` on the real cgroup v1 files, and an `ociVersion`
/// that is not SemVer.
extension OCIRuntimeTests {
    /// A whole block device (not a partition: the throttles take whole disks), as MAJOR:MINOR.
    static var blockDevice: String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/block")) ?? []).sorted()
        return names.lazy.filter { !$0.hasPrefix("loop") && !$0.hasPrefix("ram") }
            .compactMap { try? String(contentsOfFile: "/sys/block/\($0)/dev", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first
    }
    static var blkioMounted: Bool { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/blkio/cgroup.procs") }

    @Test("blockIO throttles land in v1 blkio's files and go with delete; a weight this kernel has no file for is refused by name",
          .enabled(if: OCIRuntimeTests.blkioMounted && OCIRuntimeTests.blockDevice != nil, "needs the v1 blkio controller and a block device"))
    func blockIO() throws {
        let device = try #require(Self.blockDevice)
        let numbers = device.split(separator: ":").compactMap { Int($0) }
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        let throttle: [String: Any] = ["major": numbers[0], "minor": numbers[1], "rate": 1_048_576]
        let iops: [String: Any] = ["major": numbers[0], "minor": numbers[1], "rate": 300]
        bundle.edit("linux") { linux in
            linux["resources"] = ["blockIO": ["throttleReadBpsDevice": [throttle], "throttleWriteIOPSDevice": [iops]]]
        }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(read("/sys/fs/cgroup/blkio/\(group)/blkio.throttle.read_bps_device") == "\(device) 1048576\n")
        #expect(read("/sys/fs/cgroup/blkio/\(group)/blkio.throttle.write_iops_device") == "\(device) 300\n")
        let weightFiles = ["blkio.bfq.weight", "blkio.weight"].filter { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/blkio/\(group)/\($0)") }
        #expect(try runtime(["delete", id]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/blkio/\(group)"))

        guard weightFiles.isEmpty else { return }   // a kernel with BFQ or CFQ takes the weight
        bundle.edit("linux") { linux in linux["resources"] = ["blockIO": ["weight": 500]] }
        #expect(try create(bundle, output: output) == 1)
        #expect(read(output).contains("linux.resources.blockIO.weight") && read(output).contains("blkio.weight"), "\(read(output))")
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/blkio/\(group)"))
    }

    @Test("network: refused by name without net_cls and net_prio; with them mounted, classID and priorities written",
          .enabled(if: OCIRuntimeTests.cgroupV1, "needs cgroup v1"))
    func network() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        bundle.edit("linux") { linux in linux["resources"] = ["network": ["classID": 1_048_577, "priorities": [["name": "lo", "priority": 5]]]] }
        let output = bundle.directory.appending("out")
        let root = "/sys/fs/cgroup"
        var mountedHere = false
        if !FileManager.default.fileExists(atPath: "\(root)/net_cls/cgroup.procs") {
            #expect(try create(bundle, output: output) == 1)
            #expect(read(output).contains("linux.resources.network.classID: needs cgroup v1's net_cls controller"), "\(read(output))")
            #expect(!FileManager.default.fileExists(atPath: state.appending(id)), "refused before anything is made")
            // Mounted as systemd mounts them (one hierarchy, two names), for this test only.
            let mountPoint = "\(root)/net_cls,net_prio"
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            guard mount("cgroup", mountPoint, "cgroup", 0, "net_cls,net_prio") == 0 else {
                rmdir(mountPoint)
                Issue.record("mounting net_cls,net_prio: errno \(errno)")
                return
            }
            mountedHere = true
            symlink("net_cls,net_prio", "\(root)/net_cls")
            symlink("net_cls,net_prio", "\(root)/net_prio")
        }
        defer {
            rmdir("\(root)/net_cls/\(group)")
            if mountedHere, umount2("\(root)/net_cls,net_prio", 0) == 0 {
                unlink("\(root)/net_cls")
                unlink("\(root)/net_prio")
                rmdir("\(root)/net_cls,net_prio")
            }
        }
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(read("\(root)/net_cls/\(group)/net_cls.classid") == "1048577\n")
        #expect(read("\(root)/net_prio/\(group)/net_prio.ifpriomap").split(separator: "\n").contains("lo 5"))
        #expect(try runtime(["delete", id]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(root)/net_cls/\(group)"))
    }

    @Test("an ociVersion that is not SemVer 2.0.0, or not 1.x, is refused by value and leaves nothing")
    func ociVersion() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        let output = bundle.directory.appending("out")
        for (version, said) in [("invalid", "ociVersion: \"invalid\" is not a SemVer 2.0.0 version"),
                                ("1.0", "ociVersion: \"1.0\" is not a SemVer 2.0.0 version"),
                                ("2.0.0", "ociVersion: 2.0.0 is not supported")] {
            bundle.config["ociVersion"] = version
            #expect(try create(bundle, output: output) == 1)
            #expect(read(output).contains(said), "\(read(output))")
            #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
            #expect(cgroupDirectories().isEmpty)
        }
        bundle.config["ociVersion"] = "1.3.0-rc.1"
        #expect(try create(bundle, output: output) == 0, "a later 1.x is read: \(read(output))")
        #expect(try runtime(["delete", "--force", id]).status == 0)
    }
}
