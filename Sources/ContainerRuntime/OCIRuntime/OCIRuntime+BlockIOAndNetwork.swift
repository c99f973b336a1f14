import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension OCIRuntime {
    /// `linux.resources.blockIO` and `.network` written into the container's new cgroup, after
    /// the limits `dockyard run` shares (OCIControllerWrites says which files, and refuses what
    /// this host cannot do).
    static func writeBlockIOAndNetwork(_ resources: RuntimeSpec.Resources?, cgroup: any CgroupManager, kernel: any Kernel) throws {
        var writes: [OCIControllerWrites.Write] = []
        let exists = { (path: String) in access(path, F_OK) == 0 }
        if let io = resources?.blockIO {
            if let v2 = cgroup.birthDirectory {
                writes += try OCIControllerWrites.blockIOv2(io, directory: v2, exists: exists)
            } else if let blkio = controllerPath("blkio", of: cgroup) {
                writes += try OCIControllerWrites.blockIOv1(io, directory: blkio, exists: exists)
            } else {
                throw RuntimeError(code: .invalidArgument, "linux.resources.blockIO: needs the blkio controller, which this host does not mount")
            }
        }
        if let network = resources?.network {
            writes += try OCIControllerWrites.network(network, netCls: controllerPath("net_cls", of: cgroup),
                                                      netPrio: controllerPath("net_prio", of: cgroup))
        }
        for write in writes { try kernel.writeCgroupFile(write.path, write.value) }
    }

    /// The directory of a v1 cgroup in `controller`'s hierarchy; nil on v2, or when the host
    /// does not mount that controller.
    static func controllerPath(_ controller: String, of cgroup: any CgroupManager) -> String? {
        guard cgroup.birthDirectory == nil else { return nil }
        return cgroup.paths.first { $0.contains("/\(controller)/") }
    }
}
