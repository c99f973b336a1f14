import ContainerRuntime
import Explain
import FoundationEssentials
import LinuxKernel
import Testing

/// `--device` values, the devices policy a container gets, and how each cgroup version is told.
@Suite("Devices: --device, the policy, and the devices cgroup")
struct DeviceMappingTests {
    @Test("--device values are read as Docker reads them")
    func parsing() throws {
        #expect(try DeviceMapping.parse("/dev/fuse") == DeviceMapping(hostPath: "/dev/fuse", containerPath: "/dev/fuse"))
        #expect(try DeviceMapping.parse("/dev/null:/dev/mynull") == DeviceMapping(hostPath: "/dev/null", containerPath: "/dev/mynull"))
        #expect(try DeviceMapping.parse("/dev/null:r") == DeviceMapping(hostPath: "/dev/null", containerPath: "/dev/null", access: .read))
        #expect(try DeviceMapping.parse("/dev/null:/dev/mynull:rw")
                == DeviceMapping(hostPath: "/dev/null", containerPath: "/dev/mynull", access: [.read, .write]))
        for (bad, message) in [("/dev/null:/x:rx", "bad mode specified: rx"), ("/dev/null:/x:rr", "bad mode specified: rr"),
                               ("/a:/b:r:w", "bad format for path: /a:/b:r:w"), ("dev/null", "dev/null is not an absolute path"),
                               ("/dev/null:mynull", "mynull is not an absolute path"), (":/x", "bad format for path: :/x")] {
            #expect(throws: RuntimeError(message), "\(bad)") { try DeviceMapping.parse(bad) }
        }
    }

    @Test("the host node is read at create: its type and numbers; a missing path or a plain file is refused by name")
    func resolving() throws {
        let null = try DeviceMapping.parse("/dev/null:/dev/mynull:r").resolvingHostNode()
        #expect(null.node?.kind == .character && null.node?.major == 1 && null.node?.minor == 3)
        #expect(null.rule == DeviceRule(.character, 1, 3, .read))
        #expect(throws: RuntimeError("error gathering device information while adding custom device \"/etc/passwd\": not a device node")) {
            try DeviceMapping.parse("/etc/passwd").resolvingHostNode()
        }
        #expect(throws: RuntimeError("error gathering device information while adding custom device \"/dev/nope\": No such file or directory")) {
            try DeviceMapping.parse("/dev/nope").resolvingHostNode()
        }
    }

    @Test("the policy: Docker's list plus each --device; --privileged allows everything")
    func policy() {
        let loop = DeviceMapping(hostPath: "/dev/loop0", containerPath: "/dev/loop0", access: [.read, .write],
                                 node: .init(kind: .block, major: 7, minor: 0, permissions: 0o660))
        #expect(DevicePolicy.rules(privileged: false, devices: []) == DevicePolicy.dockerDefault)
        #expect(DevicePolicy.rules(privileged: false, devices: [loop]).last == DeviceRule(.block, 7, 0, [.read, .write]))
        #expect(DevicePolicy.rules(privileged: true, devices: [loop]) == [.everything])
    }

    @Test("a --device node is made with mknod (a block one too), or bind-mounted under a user namespace")
    func planSteps() {
        let paths = ContainerPaths(root: "/r", id: ContainerID.random())
        var plan = RootFilesystemPlan(paths: paths, lowerdirs: ["/l"], workingDirectory: "/", ownNetwork: true)
        plan.addedDevices = [
            DeviceMapping(hostPath: "/dev/loop0", containerPath: "/dev/disks/loop", node: .init(kind: .block, major: 7, minor: 0, permissions: 0o660)),
            DeviceMapping(hostPath: "/dev/null", containerPath: "/dev/null", access: .read, node: .init(kind: .character, major: 1, minor: 3, permissions: 0o666)),
        ]
        let inside = plan.steps.compactMap { step -> SetupStep? in
            if case let .inRoot(_, inner) = step { return inner } else { return nil }
        }
        #expect(inside.contains(.makeDirectory(path: "/dev/disks", mode: 0o755)))
        #expect(inside.contains(.makeDevice(path: "/dev/disks/loop", major: 7, minor: 0, mode: 0o060660)))
        // The mapping replaces the default /dev/null rather than colliding with it.
        #expect(inside.filter { if case .makeDevice(path: "/dev/null", _, _, _) = $0 { true } else { false } }
                == [.makeDevice(path: "/dev/null", major: 1, minor: 3, mode: 0o020666)])
        plan.userNamespace = true
        let remapped = plan.steps.compactMap { step -> SetupStep? in
            if case let .inRoot(_, inner) = step { return inner } else { return nil }
        }
        #expect(!remapped.contains { if case .makeDevice = $0 { true } else { false } })
        #expect(remapped.contains(.mount(Mount(type: "bind", source: "/dev/loop0", target: "/dev/disks/loop", flags: [.bind]))))
    }

    @Test("v1 joins the devices hierarchy, writes a to devices.deny, then each rule to devices.allow")
    func v1Writes() throws {
        let root = FileManager.default.temporaryDirectory.path + "/fake-devices-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for controller in ["memory", "devices"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(controller)", withIntermediateDirectories: true)
        }
        let events = EventRecorder()
        let kernel = LiveKernel(events: events)
        let id = ContainerID.random()
        let manager = CgroupHost.legacy(root: root).manager(for: id)
        let devices = "\(root)/devices/dockyard/\(id.full)"
        #expect(manager.paths.contains(devices))
        try manager.create(limits: ResourceLimits(), kernel: kernel)
        try manager.restrictDevices(to: DevicePolicy.dockerDefault, kernel: kernel)
        try manager.add(pid: 7, kernel: kernel)
        let writes = events.events.compactMap { event -> String? in
            if case let .cgroupWritten(path, value) = event.kind, path.hasPrefix(devices) {
                return String(path.dropFirst(devices.count + 1)) + " " + value
            }
            return nil
        }
        #expect(writes == ["devices.deny a"] + DevicePolicy.dockerDefault.map { "devices.allow " + $0.line } + ["cgroup.procs 7"])
        try manager.remove(kernel: kernel)
        #expect(!FileManager.default.fileExists(atPath: devices))
    }

    @Test("a v1 host without the devices hierarchy is refused rather than left open")
    func v1WithoutDevices() throws {
        let root = FileManager.default.temporaryDirectory.path + "/fake-nodevices-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/memory", withIntermediateDirectories: true)
        let manager = CgroupHost.legacy(root: root).manager(for: ContainerID.random())
        #expect(throws: RuntimeError.self) {
            try manager.restrictDevices(to: DevicePolicy.dockerDefault, kernel: LiveKernel(events: DiscardingSink()))
        }
    }

    @Test("the simulation tells the v1 writes and the v2 program, before the process is cloned")
    func simulated() throws {
        for host in [CgroupHost.unified(root: "/sys/fs/cgroup"), .legacy(root: "/sys/fs/cgroup")] {
            let root = "/nonexistent/dockyard-simulation-\(UInt32.random(in: 0...UInt32.max))"
            let events = EventRecorder()
            let runner = ContainerRunner(store: ContainerStore(root: root), kernel: SimulatedKernel(events: events), cgroups: host)
            let image = RunnableImage(reference: "busybox", id: "sha256:" + String(repeating: "1", count: 64),
                                      lowerdirs: [root + "/layers/a"], environment: ["PATH=/bin"], entrypoint: [],
                                      command: ["sh"], workingDirectory: "/", user: "")
            let outcome = try runner.run(RunRequest(image: image, command: ["true"], autoRemove: true))
            let kinds = events.events.map(\.kind)
            let cloned = try #require(kinds.firstIndex { if case .processCloned = $0 { true } else { false } })
            let told = kinds.firstIndex { kind in
                switch kind {
                case let .deviceFilterAttached(cgroup, instructions, rules):
                    cgroup == "/sys/fs/cgroup/dockyard/\(outcome.record.id.full)" && instructions > 20
                        && rules == DevicePolicy.dockerDefault.map(\.line)
                case let .cgroupWritten(path, value):
                    path == "/sys/fs/cgroup/devices/dockyard/\(outcome.record.id.full)/devices.deny" && value == "a"
                default: false
                }
            }
            #expect(told.map { $0 < cloned } == true, "\(host)")
        }
    }
}
