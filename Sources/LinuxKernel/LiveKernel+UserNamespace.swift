import CLinux
import Explain

extension LiveKernel {
    /// Writes the child's uid and gid maps, then attaches its idmapped layers inside its mount
    /// namespace; the child waits for both before it mounts anything.
    func mapUserNamespace(of pid: Int32, _ mapping: UserNamespaceMapping) throws {
        for (file, line) in zip(UserNamespaceMapping.mapFiles(of: pid), mapping.mapLines) {
            try writeFile(file, contents: line, purpose: mapping.meaning)
        }
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
        for kind in mapping.mountEvents { events.emit(Event(kind)) }
    }
}
