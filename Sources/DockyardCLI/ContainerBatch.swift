import Dispatch
import Synchronization

/// How Docker's client runs a verb over many containers (`rm`, `stop`, `kill`): several names at
/// once (its `parallelOperation`, up to 50 requests in flight), while each outcome is reported in
/// the order the names were given, as soon as it and all those before it are done.
///
/// There is no daemon to keep busy here: each job is this process's own system calls and waits
/// (a monitor's exit, a directory tree's unlinks), so a few at a time keep both cores fed while
/// one job waits. With `--explain` (one job at a time) the events of two containers never mix.
enum ContainerBatch {
    /// Jobs in flight at once: enough to overlap one container's waits with another's work on a
    /// small machine, few enough not to thrash the store's directory.
    static let width = 8

    /// Runs `job` for every name, `width` at a time, and calls `report` on this thread with each
    /// name and its outcome, in argument order.
    static func run<Outcome: Sendable>(_ names: [String], width: Int = ContainerBatch.width,
                                       _ job: @escaping @Sendable (String) -> Outcome,
                                       report: (String, Outcome) -> Void) {
        guard width > 1, names.count > 1 else {
            for name in names { report(name, job(name)) }
            return
        }
        let outcomes = Outcomes<Outcome>(count: names.count)
        let slots = DispatchSemaphore(value: width)
        DispatchQueue.global().async {
            for (index, name) in names.enumerated() {
                slots.wait()
                DispatchQueue.global().async {
                    outcomes.set(index, job(name))
                    slots.signal()
                }
            }
        }
        for (index, name) in names.enumerated() { report(name, outcomes.wait(index)) }
    }

    /// The outcomes as they arrive, one semaphore per job so the reporter waits for each in turn.
    private final class Outcomes<Outcome: Sendable>: Sendable {
        private let values: Mutex<[Int: Outcome]> = Mutex([:])
        private let done: [DispatchSemaphore]

        init(count: Int) {
            done = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        }

        func set(_ index: Int, _ outcome: Outcome) {
            values.withLock { $0[index] = outcome }
            done[index].signal()
        }

        func wait(_ index: Int) -> Outcome {
            done[index].wait()
            // set(_:_:) stored it before signalling.
            guard let outcome = values.withLock({ $0.removeValue(forKey: index) }) else {
                fatalError("job \(index) signalled without an outcome")
            }
            return outcome
        }
    }
}
