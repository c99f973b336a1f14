import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// One thing that happened to a container, as Docker's engine reports it on its event stream
/// (`docker events`): a type ("container"), an action (create, start, die, stop, kill, pause,
/// unpause, rename, update, destroy, …), the object's id, and attributes such as its image, name
/// and exit code. Kernel-level detail stays in `Explain.Event`; this is the lifecycle a user sees.
public struct EngineEvent: Codable, Sendable, Equatable {
    public var type: String
    public var action: String
    /// The object's full id (a container's 64 hex digits, a network's name).
    public var id: String
    /// Docker's `Actor.Attributes`: `image`, `name`, `exitCode`, `signal`, `oldName`, …
    public var attributes: [String: String]
    /// When it happened, in nanoseconds since 1970 (Docker's `timeNano`).
    public var timeNano: Int64

    public init(type: String = "container", action: String, id: String, attributes: [String: String],
                timeNano: Int64 = EngineEvent.now()) {
        self.type = type
        self.action = action
        self.id = id
        self.attributes = attributes
        self.timeNano = timeNano
    }

    /// A container's event, with the attributes Docker gives every container event: its labels,
    /// image and name.
    public static func container(_ action: String, _ record: ContainerRecord, _ more: [String: String] = [:]) -> EngineEvent {
        EngineEvent(action: action, id: record.id.full,
                    attributes: record.config.labels.merging(["image": record.config.image, "name": record.name]) { $1 }
                        .merging(more) { $1 })
    }

    /// Seconds since 1970 (Docker's `time`).
    public var time: Int64 { timeNano / 1_000_000_000 }

    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
