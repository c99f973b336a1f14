import Foundation
import Testing
import TestSupport

/// cgroup v1 limits as runc writes them, found missing by the runtime-tools validation suite:
/// the CFS period as given, cpuset levels filled from their parents, memory.swappiness, hugetlb.
extension OCIRuntimeTests {
    static var hugetlbMounted: Bool { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/hugetlb/cgroup.procs") }
    static var cgroupV1: Bool { FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cpuset/cgroup.procs") }

    /// Removes the test's own level (`dockyard-oci-test-<id>`) the nested test made in every hierarchy
    /// (runc, too, leaves a cgroupsPath's upper levels to whoever named them).
    func removeIDLevel() {
        for controller in (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup")) ?? [] {
            rmdir("/sys/fs/cgroup/\(controller)/\(group)")
        }
    }

    @Test("v1: cpu period and quota as given, a nested cpuset filled level by level, swappiness and hugetlb written",
          .enabled(if: OCIRuntimeTests.cgroupV1, "needs cgroup v1 controllers"))
    func cgroupV1Resources() throws {
        defer { removeIDLevel() }
        let nested = group + "/inner"
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: nested)
        let hugetlb = Self.hugetlbMounted
        bundle.edit("linux") { linux in
            var resources: [String: Any] = ["cpu": ["period": 500_000, "quota": 50_000, "cpus": "0", "mems": "0"],
                                            "memory": ["swappiness": 10]]
            if hugetlb { resources["hugepageLimits"] = [["pageSize": "2MB", "limit": 8_388_608]] }
            linux["resources"] = resources
        }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 0, "\(read(output))")
        #expect(read("/sys/fs/cgroup/cpu/\(nested)/cpu.cfs_period_us") == "500000\n")
        #expect(read("/sys/fs/cgroup/cpu/\(nested)/cpu.cfs_quota_us") == "50000\n")
        #expect(read("/sys/fs/cgroup/cpuset/\(group)/cpuset.mems") != "\n", "the new middle level got its parent's nodes")
        #expect(read("/sys/fs/cgroup/cpuset/\(nested)/cpuset.cpus") == "0\n")
        #expect(read("/sys/fs/cgroup/memory/\(nested)/memory.swappiness") == "10\n")
        if hugetlb {
            #expect(read("/sys/fs/cgroup/hugetlb/\(nested)/hugetlb.2MB.limit_in_bytes") == "8388608\n")
        }
        #expect(try runtime(["delete", id]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cpu/\(nested)"))
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/hugetlb/\(nested)"))
    }

    @Test("a hugepage size the kernel lacks fails create, naming the file, and leaves no state",
          .enabled(if: OCIRuntimeTests.hugetlbMounted, "needs the v1 hugetlb controller mounted"))
    func unknownHugepageSize() throws {
        let bundle = try OCIBundle(args: ["true"], cgroupsPath: group)
        bundle.edit("linux") { linux in linux["resources"] = ["hugepageLimits": [["pageSize": "3MB", "limit": 4096]]] }
        let output = bundle.directory.appending("out")
        #expect(try create(bundle, output: output) == 1)
        #expect(read(output).contains("hugetlb.3MB.limit_in_bytes"), "\(read(output))")
        #expect(!FileManager.default.fileExists(atPath: state.appending(id)))
        #expect(!FileManager.default.fileExists(atPath: "/sys/fs/cgroup/hugetlb/\(group)"))
    }
}
