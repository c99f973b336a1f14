import CLinux
import Explain

extension LiveKernel {
    /// Writes the child's uid and gid maps, then attaches its idmapped layers inside its mount
    /// namespace; the child waits for both before it mounts anything.
    func mapUserNamespace(of pid: Int32, _ mapping: UserNamespaceMapping) throws {
        let meaning = "uid/gid 0-\(mapping.count - 1) inside are \(mapping.hostID)-\(mapping.hostID + mapping.count - 1) on the host"
        try writeFile("/proc/\(pid)/uid_map", contents: mapping.mapLine, purpose: meaning)
        try writeFile("/proc/\(pid)/gid_map", contents: mapping.mapLine, purpose: meaning)
        let arena = CStringArena()
        let sources: [UnsafePointer<CChar>?] = mapping.idmappedMounts.map { arena.string($0.source) }
        let targets: [UnsafePointer<CChar>?] = mapping.idmappedMounts.map { arena.string($0.target) }
        let result = sources.withUnsafeBufferPointer { s in
            targets.withUnsafeBufferPointer { t in
                dy_attach_idmapped(pid, s.baseAddress, t.baseAddress, s.count)
            }
        }
        guard result == 0 else {
            throw KernelError("idmapped mount of", path: mapping.idmappedMounts.first?.source ?? "", errno: -result)
        }
        for mount in mapping.idmappedMounts {
            events.emit(Event(.mounted(type: "bind", source: mount.source, target: mount.target,
                                       options: ["idmap=0:\(mapping.hostID):\(mapping.count)"])))
        }
    }
}
