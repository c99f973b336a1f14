import CLinux

extension LiveKernel {
    /// Forks the detached remover (CLinux remover.c). The strings are copied into the fork with
    /// the rest of this process's memory, so the arena may go as soon as the fork has happened.
    /// Emits no event: removal is deferred only when nobody watches the events (`--explain` and
    /// the lesson player see every rmdir as it happens).
    public func removeInBackground(cgroups: [String], unusedParents: [String], tree: String, lock: Int32) -> Bool {
        let arena = CStringArena()
        let cgroupPointers: [UnsafePointer<CChar>?] = cgroups.map { arena.string($0) }
        let parentPointers: [UnsafePointer<CChar>?] = unusedParents.map { arena.string($0) }
        let treePointer = arena.string(tree)
        return cgroupPointers.withUnsafeBufferPointer { cgroupBuffer in
            parentPointers.withUnsafeBufferPointer { parentBuffer in
                dy_spawn_remover(cgroupBuffer.baseAddress, cgroupBuffer.count, parentBuffer.baseAddress, parentBuffer.count,
                                 treePointer, lock) == 0
            }
        }
    }
}
