import FoundationEssentials

/// Where a container is in its life, as Docker's `ps` words it: created, running (perhaps paused),
/// exited. Each case carries only what is true in it — a running container has a pid, an exited
/// one an exit code — so a record cannot say "running" without a process, or keep a stale pid.
public enum ContainerState: Sendable, Equatable {
    /// Made by `create` (or a `run` whose first start failed); nothing in the kernel exists.
    case created
    /// Its first process is alive.
    case running(RunningProcess)
    /// Its processes are frozen through the freezer cgroup; they are still alive.
    case paused(RunningProcess)
    /// Its first process ended (the writable layer stays for `start`, `cp`, `commit`, `diff`).
    case exited(ProcessExit)

    /// The container's first process, while it lives (running or paused).
    public var process: RunningProcess? {
        switch self {
        case let .running(process), let .paused(process): process
        case .created, .exited: nil
        }
    }

    /// Docker's `State.Running`: true for a paused container too, whose processes still exist.
    public var isRunning: Bool { process != nil }

    public var isPaused: Bool {
        if case .paused = self { true } else { false }
    }

    /// How the last run ended, if it did.
    public var exit: ProcessExit? {
        if case let .exited(exit) = self { exit } else { nil }
    }
}

/// The container's first process as the host sees it.
public struct RunningProcess: Sendable, Equatable {
    public var pid: Int32
    /// The process's start time in clock ticks (/proc/PID/stat field 22): tells our pid 1 from a
    /// later process that happens to get the same pid. Nil when /proc could not say.
    public var startTime: UInt64?
    public var startedAt: Date

    public init(pid: Int32, startTime: UInt64?, startedAt: Date) {
        self.pid = pid
        self.startTime = startTime
        self.startedAt = startedAt
    }
}

/// How a container's first process ended: Docker's `State.ExitCode`, `OOMKilled`, `FinishedAt`.
public struct ProcessExit: Sendable, Equatable {
    /// The shell's view: the exit status, or 128+N after signal N.
    public var code: Int32
    /// The memory cgroup killed it.
    public var oomKilled: Bool
    /// When the run that ended had started (nil if it never did).
    public var startedAt: Date?
    public var finishedAt: Date

    public init(code: Int32, oomKilled: Bool, startedAt: Date?, finishedAt: Date) {
        self.code = code
        self.oomKilled = oomKilled
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
