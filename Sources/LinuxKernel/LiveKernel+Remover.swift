import CLinux

extension LiveKernel {
    /// Starts the detached remover (CLinux remover.c): a fork, or with `atExit` a process that
    /// shares this one's memory and waits for it to exit. Either way the strings are copied (into
    /// the fork with the rest of this process's memory, or into the remover's own mapping), so
    /// the arena may go as soon as this returns. Emits no event: removal is deferred only when
    /// nobody watches the events (`--explain` and the lesson player see every rmdir as it happens).
    public func removeInBackground(cgroups: [String], unusedParents: [String], tree: String, lock: Int32, atExit: Bool) -> Bool {
        let arena = CStringArena()
        let cgroupPointers: [UnsafePointer<CChar>?] = cgroups.map { arena.string($0) }
        let parentPointers: [UnsafePointer<CChar>?] = unusedParents.map { arena.string($0) }
        let treePointer = arena.string(tree)
        return cgroupPointers.withUnsafeBufferPointer { cgroupBuffer in
            parentPointers.withUnsafeBufferPointer { parentBuffer in
                let spawn = atExit ? dy_hand_over_remover : dy_spawn_remover
                return spawn(cgroupBuffer.baseAddress, cgroupBuffer.count, parentBuffer.baseAddress, parentBuffer.count,
                             treePointer, lock) == 0
            }
        }
    }
}
