import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `count` jobs on at most `width` threads at once (Docker fetches 3 layers at a time and
/// pushes 5; `load` unpacks as many layers at once as there are cores), each thread taking the
/// next job as it finishes one, in index order. Plain POSIX threads: the jobs block in libcurl
/// or in file system calls, so async tasks would only wrap threads anyway.
package enum ParallelWork {
    /// Every job runs, whatever another one did, so no half-fetched file is abandoned mid-write;
    /// jobs keep their own outcomes.
    package static func run(count: Int, width: Int, _ job: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        join(start(Work(job: job, count: count), width: width))
    }

    /// Runs the jobs as `run(count:width:_:)` does, and hands each job's outcome to `deliver` on
    /// the calling thread in index order, as soon as that job and all those before it are done
    /// (how Docker's client reports `rm a b c`: in argument order, none held back for a later one).
    package static func run<Outcome: Sendable>(count: Int, width: Int, _ job: @escaping @Sendable (Int) -> Outcome,
                                               inOrder deliver: (Int, Outcome) -> Void) {
        guard count > 0 else { return }
        let outcomes = OrderedOutcomes<Outcome>(count: count)
        let threads = start(Work(job: { outcomes.set($0, job($0)) }, count: count), width: width)
        for index in 0..<count { deliver(index, outcomes.wait(index)) }
        join(threads)
    }

    /// The processors this machine has online: how wide CPU- and disk-bound work should go.
    package static var processorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// Starts up to `width` threads that drain `work`; if none can be had, drains it here.
    private static func start(_ work: Work, width: Int) -> [pthread_t] {
        var handles: [pthread_t] = []
        for _ in 0..<min(width, work.count) {
            var handle = pthread_t()
            let context = Unmanaged.passRetained(work).toOpaque()
            let created = pthread_create(&handle, nil, { raw in
                let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
                work.drain()
                return nil
            }, context)
            if created == 0 {
                handles.append(handle)
            } else {
                Unmanaged<Work>.fromOpaque(context).release()
                work.drain()  // No thread to be had: do the work here.
            }
        }
        return handles
    }

    private static func join(_ handles: [pthread_t]) {
        for handle in handles { pthread_join(handle, nil) }
    }

    private final class Work: Sendable {
        let job: @Sendable (Int) -> Void
        let count: Int
        /// The index of the next job no thread has taken.
        let next = Atomic<Int>(0)

        init(job: @escaping @Sendable (Int) -> Void, count: Int) {
            self.job = job
            self.count = count
        }

        func drain() {
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                job(index)
            }
        }
    }
}
