import OCI

/// config.json's `linux.resources.blockIO` and `linux.resources.network` as the cgroup file writes
/// runc makes for them (libcontainer/cgroups/fs/blkio.go, net_cls.go, net_prio.go and fs2/io.go):
/// on v1 the blkio controller's weight and throttle files, `net_cls.classid` (the class id the
/// cgroup's packets carry, for tc and iptables) and `net_prio.ifpriomap`; on v2 `io.weight` (or
/// BFQ's `io.bfq.weight`) and `io.max`. Where this host has no file for what is asked — a weight
/// without the BFQ I/O scheduler, no net_cls/net_prio hierarchy, cgroup v2 for network marks — the
/// create is refused and names the field, rather than the value dropped.
struct OCIControllerWrites {
    /// One line written into one control file.
    struct Write: Equatable {
        var path: String
        var value: String
    }

    /// The writes for `io` in a v1 blkio cgroup at `directory`; `exists` tells which of its files
    /// the kernel made (BFQ's `blkio.bfq.weight` is preferred to CFQ's `blkio.weight`, as runc does).
    static func blockIOv1(_ io: RuntimeSpec.BlockIO, directory: String, exists: (String) -> Bool) throws -> [Write] {
        var writes: [Write] = []
        let bfq = exists(directory + "/blkio.bfq.weight")
        func file(_ name: String, for field: String) throws -> String {
            guard exists(directory + "/" + name) else {
                throw RuntimeError(code: .invalidArgument, "linux.resources.blockIO.\(field): this kernel's blkio controller has no \(name)"
                    + " (proportional weights need the BFQ I/O scheduler on the device)")
            }
            return directory + "/" + name
        }
        if let weight = io.weight, weight != 0 {
            writes.append(Write(path: try file(bfq ? "blkio.bfq.weight" : "blkio.weight", for: "weight"), value: String(weight)))
        }
        if let leaf = io.leafWeight, leaf != 0 {
            writes.append(Write(path: try file("blkio.leaf_weight", for: "leafWeight"), value: String(leaf)))
        }
        for device in io.weightDevice ?? [] {
            if let weight = device.weight, weight != 0 {
                let name = bfq ? "blkio.bfq.weight_device" : "blkio.weight_device"
                writes.append(Write(path: try file(name, for: "weightDevice"), value: "\(device.major):\(device.minor) \(weight)"))
            }
            if let leaf = device.leafWeight, leaf != 0 {
                writes.append(Write(path: try file("blkio.leaf_weight_device", for: "weightDevice"), value: "\(device.major):\(device.minor) \(leaf)"))
            }
        }
        for (name, devices) in throttles(io) {
            for device in devices {
                writes.append(Write(path: directory + "/blkio.throttle.\(name.v1)_device", value: "\(device.major):\(device.minor) \(device.rate)"))
            }
        }
        return writes
    }

    /// The writes for `io` in a v2 cgroup at `directory`: a weight to `io.bfq.weight` as given when
    /// BFQ is there, else to `io.weight` scaled from 10–1000 to 1–10000 (runc's formula); throttles
    /// as `MAJOR:MINOR rbps=N` lines of `io.max`, one per write.
    static func blockIOv2(_ io: RuntimeSpec.BlockIO, directory: String, exists: (String) -> Bool) throws -> [Write] {
        var writes: [Write] = []
        let bfq = exists(directory + "/io.bfq.weight")
        if let weight = io.weight, weight != 0 {
            if bfq {
                writes.append(Write(path: directory + "/io.bfq.weight", value: String(weight)))
            } else {
                guard exists(directory + "/io.weight") else {
                    throw RuntimeError(code: .invalidArgument, "linux.resources.blockIO.weight: \(directory) has no io.weight or io.bfq.weight")
                }
                writes.append(Write(path: directory + "/io.weight", value: String(1 + (UInt64(max(weight, 10)) - 10) * 9999 / 990)))
            }
        }
        if let leaf = io.leafWeight, leaf != 0 {
            throw RuntimeError(code: .invalidArgument, "linux.resources.blockIO.leafWeight: cgroup v2 has no leaf weights")
        }
        for device in io.weightDevice ?? [] where (device.weight ?? 0) != 0 || (device.leafWeight ?? 0) != 0 {
            guard bfq, (device.leafWeight ?? 0) == 0, let weight = device.weight else {
                throw RuntimeError(code: .invalidArgument, "linux.resources.blockIO.weightDevice: cgroup v2 weighs devices only with BFQ's io.bfq.weight, and has no leaf weights")
            }
            writes.append(Write(path: directory + "/io.bfq.weight", value: "\(device.major):\(device.minor) \(weight)"))
        }
        for (name, devices) in throttles(io) {
            for device in devices {
                writes.append(Write(path: directory + "/io.max", value: "\(device.major):\(device.minor) \(name.v2)=\(device.rate)"))
            }
        }
        return writes
    }

    /// The four throttles, each with its v1 file stem and its v2 `io.max` key.
    static func throttles(_ io: RuntimeSpec.BlockIO) -> [((v1: String, v2: String), [RuntimeSpec.ThrottleDevice])] {
        [(("read_bps", "rbps"), io.throttleReadBpsDevice ?? []), (("write_bps", "wbps"), io.throttleWriteBpsDevice ?? []),
         (("read_iops", "riops"), io.throttleReadIOPSDevice ?? []), (("write_iops", "wiops"), io.throttleWriteIOPSDevice ?? [])]
    }

    /// The writes for `network` into v1's net_cls and net_prio cgroups (nil: the host does not
    /// mount that controller, or is cgroup v2, which has neither).
    static func network(_ network: RuntimeSpec.Network, netCls: String?, netPrio: String?) throws -> [Write] {
        var writes: [Write] = []
        if let classID = network.classID {
            guard let netCls else {
                throw RuntimeError(code: .invalidArgument, "linux.resources.network.classID: needs cgroup v1's net_cls controller, which this host does not mount")
            }
            writes.append(Write(path: netCls + "/net_cls.classid", value: String(classID)))
        }
        for priority in network.priorities ?? [] {
            guard let netPrio else {
                throw RuntimeError(code: .invalidArgument, "linux.resources.network.priorities: needs cgroup v1's net_prio controller, which this host does not mount")
            }
            writes.append(Write(path: netPrio + "/net_prio.ifpriomap", value: "\(priority.name) \(priority.priority)"))
        }
        return writes
    }
}
