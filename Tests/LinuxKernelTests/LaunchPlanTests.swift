import Testing
import Explain
@testable import LinuxKernel

/// The launch plan is the one place a container's start-up order is written: these pin it, so a
/// reordering shows up here as a diff in review, and check that the simulation tells the same
/// stages in the same order as the plan the C child runs.
@Suite("The launch plan: one order for the child, the live kernel and the simulation")
struct LaunchPlanTests {
    static let mount = SetupStep.mount(Mount(type: "overlay", source: "overlay", target: "/c/rootfs",
                                             data: "lowerdir=/l,upperdir=/u,workdir=/w"))

    static func launch(security: ProcessSecurity = .dockerDefault, terminal: TerminalSize? = nil,
                       userNamespace: Bool = false) -> ContainerLaunch {
        var launch = ContainerLaunch(
            namespaces: [.mount, .pid, .uts, .ipc, .net, .cgroup], steps: [mount], rootfs: "/c/rootfs",
            hostname: "c0ffee", loopbackUp: true, argv: ["sh"], environment: ["PATH=/bin"], workingDirectory: "/",
            uid: 0, gid: 0, terminal: terminal, security: security)
        if userNamespace {
            launch.namespaces.insert(Namespace.user, at: 0)
            launch.userNamespace = UserNamespaceMapping()
        }
        return launch
    }

    @Test("a default container: filesystem, pivot, hostname, lo, cgroup, then confinement in the kernel's order, then exec")
    func defaultContainer() {
        #expect(LaunchPlan(container: Self.launch()).stages == [
            .makeMountsPrivate,
            .filesystem(Self.mount),
            .pivotRoot(newRoot: "/c/rootfs"),
            .setHostname("c0ffee"),
            .bringLoopbackUp,
            .waitForParent(.joinCgroupAndNetwork),
            .enterCgroupNamespace,
            .setUpStreams(terminal: false),
            .installSeccompFilter,
            .limitBoundingSet,
            .changeIdentity,
            .setCapabilities,
            .changeDirectory("/"),
            .execute,
        ])
    }

    @Test("on cgroup v1 the process writes itself into each hierarchy just before the parent's wait; an exec'd one first")
    func joinsItsCgroup() throws {
        var launch = Self.launch()
        launch.cgroupTaskFiles = ["/sys/fs/cgroup/memory/d/tasks", "/sys/fs/cgroup/pids/d/tasks"]
        let stages = LaunchPlan(container: launch).stages
        let wait = try #require(stages.firstIndex(of: .waitForParent(.joinCgroupAndNetwork)))
        #expect(Array(stages[(wait - 2)...wait]) == [
            .joinCgroup(tasksFile: "/sys/fs/cgroup/memory/d/tasks"), .joinCgroup(tasksFile: "/sys/fs/cgroup/pids/d/tasks"),
            .waitForParent(.joinCgroupAndNetwork),
        ])
        #expect(stages[wait - 3] == .bringLoopbackUp)
        let exec = LaunchPlan(exec: launch, target: 42).stages
        #expect(Array(exec.prefix(3)) == [
            .joinCgroup(tasksFile: "/sys/fs/cgroup/memory/d/tasks"), .joinCgroup(tasksFile: "/sys/fs/cgroup/pids/d/tasks"),
            .waitForParent(.joinCgroupAndNetwork),
        ])
        let told = LaunchPlan(container: launch).events(of: launch, observed: NamespaceObservations(
            cgroupNamespace: 1, hostInode: { _ in 2 }, joinedInode: { _ in 3 }))
        #expect(told.contains(.cgroupWritten(path: "/sys/fs/cgroup/pids/d/tasks", value: "0")))
    }

    @Test("a user namespace adds a wait for the id maps and becoming its root, before any mount")
    func userNamespace() {
        let stages = LaunchPlan(container: Self.launch(userNamespace: true)).stages
        #expect(Array(stages.prefix(3)) == [.waitForParent(.mapIDs), .becomeNamespaceRoot, .makeMountsPrivate])
        #expect(LaunchPlan(container: Self.launch(userNamespace: true)).parentWork == [.mapIDs, .joinCgroupAndNetwork])
    }

    @Test("--privileged has no filter and no bounding set; no-new-privileges comes after the capabilities")
    func confinementVariants() {
        let privileged = LaunchPlan(container: Self.launch(security: ProcessSecurity(capabilities: nil, seccomp: nil))).stages
        #expect(!privileged.contains(.installSeccompFilter) && !privileged.contains(.limitBoundingSet))
        let noNew = LaunchPlan(container: Self.launch(security: ProcessSecurity(
            capabilities: Capability.dockerDefault, noNewPrivileges: true, seccomp: .dockerDefault))).stages
        let capabilities = noNew.firstIndex(of: .setCapabilities) ?? 0
        #expect(noNew.firstIndex(of: .forbidNewPrivileges) == capabilities + 1)
    }

    @Test("exec joins the user namespace first and the mount namespace last, after the parent moved it into the cgroup")
    func exec() {
        let stages = LaunchPlan(exec: Self.launch(userNamespace: true), target: 42).stages
        #expect(Array(stages.prefix(7)) == [
            .waitForParent(.joinCgroupAndNetwork),
            .joinNamespace(.user, path: "/proc/42/ns/user"), .joinNamespace(.ipc, path: "/proc/42/ns/ipc"),
            .joinNamespace(.uts, path: "/proc/42/ns/uts"), .joinNamespace(.net, path: "/proc/42/ns/net"),
            .joinNamespace(.cgroup, path: "/proc/42/ns/cgroup"), .joinNamespace(.mount, path: "/proc/42/ns/mnt"),
        ])
        #expect(stages.last == .execute)
    }

    @Test("a container that shares another's namespaces joins them first, before any mount, and is born in a joined pid namespace")
    func joinsBeforeMounting() {
        var launch = Self.launch()
        launch.namespaces = [.mount, .uts, .cgroup]
        launch.loopbackUp = false
        launch.joinedNamespaces = [JoinedNamespace(.pid, of: 7), JoinedNamespace(.ipc, of: 7), JoinedNamespace(.net, of: 9)]
        let stages = LaunchPlan(container: launch).stages
        #expect(Array(stages.prefix(3)) == [
            .joinNamespace(.ipc, path: "/proc/7/ns/ipc"), .joinNamespace(.net, path: "/proc/9/ns/net"), .makeMountsPrivate,
        ])
        #expect(!stages.contains(.bringLoopbackUp), "the joined network's loopback is the donor's")
        #expect(!stages.contains { if case .joinNamespace(.pid, _) = $0 { true } else { false } },
                "a pid namespace is entered at clone, not by a stage")
        #expect(LaunchPlan(container: Self.launch()).stages.allSatisfy { if case .joinNamespace = $0 { false } else { true } })
    }

    @Test("the simulation tells exactly the plan's events, in the plan's order")
    func simulationTellsThePlan() throws {
        let launch = Self.launch()
        let sink = EventRecorder()
        let kernel = SimulatedKernel(events: sink)
        _ = try kernel.launch(launch, beforeExec: { _ in })
        let told = sink.events.map(\.kind).filter { kind in
            if case .processCloned = kind { return false }
            if case .note = kind { return false }
            if case let .namespace(kind, _, _) = kind { return kind == "cgroup" }
            return true
        }
        let observed = NamespaceObservations(cgroupNamespace: 0, hostInode: { _ in 0 }, joinedInode: { _ in 0 })
        let planned = LaunchPlan(container: launch).events(of: launch, observed: observed)
        #expect(told.map(Self.tag) == planned.map(Self.tag))
    }

    /// An event's kind without its values.
    static func tag(_ kind: Event.Kind) -> String {
        String(describing: kind).prefix { $0 != "(" }.description
    }

    @Test("a failure is named by the stage the child reports")
    func failures() {
        let launch = Self.launch()
        let plan = LaunchPlan(container: launch)
        #expect(plan.failure(at: plan.stages.count - 1, of: launch) == .exec(command: "sh"))
        #expect(plan.failure(at: 1, of: launch) == .step(Self.mount))
        #expect(plan.failure(at: plan.stages.count, of: launch) == .vanished)
    }
}
