import FoundationEssentials
import LinuxKernel

/// What `--simulate` shows for a container that joins another's namespaces (`--network
/// container:web`, `--ipc container:`, `run --pod`): the simulated host keeps no containers or
/// pods, so the one named stands in as running — the same checks and the same launch plan run,
/// and its joined namespaces are told with plausible inodes, as the kernel would show them.
extension SimulatedHost {
    public func standIn(container nameOrID: String) -> ContainerRecord? {
        let id = Self.standInID(nameOrID)
        let config = ContainerConfiguration(
            image: "busybox", imageID: "", lowerdirs: [], argv: ["sh"], environment: [], workingDirectory: "/",
            user: "", uid: 0, gid: 0, groups: [], groupAdd: [], hostname: id.short, network: .bridge, publishedPorts: [],
            limits: ResourceLimits(), mounts: [], readOnlyRootfs: false, security: SecurityOptions(), userNamespace: false,
            devices: [], initBinary: nil, autoRemove: false, interactive: false, tty: false, restartPolicy: .no,
            stopSignal: nil, stopTimeout: nil, ipcMode: .shareable)
        var record = ContainerRecord(id: id, name: nameOrID, created: Date(), config: config, cgroupPaths: [])
        // A plausible pid of a process started before this one.
        record.state = .running(RunningProcess(pid: 4242, startTime: startTime(of: 4242), startedAt: Date()))
        return record
    }

    public func standIn(pod nameOrID: String) -> PodRecord? {
        PodRecord(id: Self.standInID("pod:" + nameOrID), name: nameOrID, created: Date(), shared: PodRecord.defaultShared,
                  hostname: nameOrID, infraContainer: Self.standInID(Self.standInID("pod:" + nameOrID).short + "-infra"))
    }

    /// An id of 64 hex digits made from `name` (FNV-1a, four rounds), the same each time: a
    /// stand-in named twice in one run (a pod, then its infra container by id) is one container.
    /// A full id is itself.
    static func standInID(_ name: String) -> ContainerID {
        if name.count == 64, name.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
            return ContainerID(full: name)
        }
        var digits = ""
        for round in 0..<4 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(round)
            for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let hex = String(hash, radix: 16)
            digits += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return ContainerID(full: digits)
    }
}
