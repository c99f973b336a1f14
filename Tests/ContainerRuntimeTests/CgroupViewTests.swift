@testable import ContainerRuntime
import LinuxKernel
import Testing

/// The plan for the container's view of its own cgroup, without running it.
struct CgroupViewTests {
    func plan(_ view: [CgroupViewMount], privileged: Bool = false) -> RootFilesystemPlan {
        var plan = RootFilesystemPlan(paths: ContainerPaths(root: "/r", id: ContainerID.random()), lowerdirs: ["/l"],
                                      workingDirectory: "/", ownNetwork: true)
        plan.cgroupView = view
        plan.privileged = privileged
        return plan
    }

    @Test("v1: a tmpfs at /sys/fs/cgroup, each controller's directory bound under it, then one recursive read-only remount")
    func version1() {
        let view = CgroupV1Manager(root: "/sys/fs/cgroup", group: "dockyard/abc").insideView
        let steps = plan(view).cgroupSteps
        guard case let .mount(tmpfs) = steps[1] else { Issue.record("\(steps)"); return }
        #expect(tmpfs.type == "tmpfs" && tmpfs.target == "/sys/fs/cgroup")
        let binds = steps.compactMap { step -> (String, String)? in
            if case let .mount(m) = step, m.type == "bind" { return (m.source, m.target) }
            return nil
        }
        #expect(binds.map(\.0) == view.map(\.hostDirectory) && binds.map(\.1) == view.map(\.insidePath))
        #expect(binds.contains { $0 == ("/sys/fs/cgroup/memory/dockyard/abc", "/sys/fs/cgroup/memory") } || view.isEmpty)
        #expect(steps.last == .remount(target: "/sys/fs/cgroup", flags: [.readOnly, .noSetuid, .noDevices, .noExec, .recursive]))
    }

    @Test("v2: the one directory bound at /sys/fs/cgroup itself, read-only")
    func version2() {
        let view = CgroupV2Manager(root: "/sys/fs/cgroup", group: "dockyard/abc").insideView
        #expect(view == [CgroupViewMount(hostDirectory: "/sys/fs/cgroup/dockyard/abc", insidePath: "/sys/fs/cgroup")])
        let steps = plan(view).cgroupSteps
        #expect(!steps.contains { if case let .mount(m) = $0 { m.type == "tmpfs" } else { false } })
        #expect(steps.last == .remount(target: "/sys/fs/cgroup", flags: [.readOnly, .noSetuid, .noDevices, .noExec, .recursive]))
    }

    @Test("privileged: writable as in Docker; no cgroup (rootless without delegation): nothing mounted")
    func privilegedAndAbsent() {
        let view = [CgroupViewMount(hostDirectory: "/sys/fs/cgroup/dockyard/abc", insidePath: "/sys/fs/cgroup")]
        #expect(plan(view, privileged: true).cgroupSteps.last == .remount(target: "/sys/fs/cgroup", flags: [.noSetuid, .noDevices, .noExec, .recursive]))
        #expect(plan([]).cgroupSteps.isEmpty)
        #expect(AbsentCgroup(reason: "rootless").insideView.isEmpty)
    }

    @Test("the cgroup steps come after /sys is mounted and inside the rootfs")
    func order() throws {
        let steps = plan([CgroupViewMount(hostDirectory: "/h", insidePath: "/sys/fs/cgroup")]).steps
        let targets = steps.compactMap { step -> String? in
            if case let .inRoot(_, .mount(m)) = step { return m.target }
            return nil
        }
        let sys = try #require(targets.firstIndex(of: "/sys"))
        let cgroup = try #require(targets.firstIndex(of: "/sys/fs/cgroup"))
        #expect(sys < cgroup)
    }
}
