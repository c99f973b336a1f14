import HostSystem

/// How Docker's client runs a verb over many containers (`rm`, `stop`, `kill`): several names at
/// once (its `parallelOperation`, up to 50 requests in flight), while each outcome is reported in
/// the order the names were given, as soon as it and all those before it are done.
///
/// There is no daemon to keep busy here: each job is this process's own system calls and waits
/// (a monitor's exit, a directory tree's unlinks), so a few at a time keep both cores fed while
/// one job waits. With `--explain` (one job at a time) the events of two containers never mix.
/// The threads are HostSystem's `ParallelWork`, the pool `pull`, `push` and `load` use too.
enum ContainerBatch {
    /// Jobs in flight at once: enough to overlap one container's waits with another's work on a
    /// small machine, few enough not to thrash the store's directory.
    static let width = 8

    /// Runs `job` for every name, `width` at a time, and calls `report` on this thread with each
    /// name and its outcome, in argument order. One at a time, the jobs run on this thread.
    static func run<Outcome: Sendable>(_ names: [String], width: Int = ContainerBatch.width,
                                       _ job: @escaping @Sendable (String) -> Outcome,
                                       report: (String, Outcome) -> Void) {
        guard width > 1, names.count > 1 else {
            for name in names { report(name, job(name)) }
            return
        }
        ParallelWork.run(count: names.count, width: width, { job(names[$0]) },
                         inOrder: { index, outcome in report(names[index], outcome) })
    }
}
