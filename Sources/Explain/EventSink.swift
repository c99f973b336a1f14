import Synchronization

/// Where events go. The kernel seam reports into one sink; renderers and recorders are sinks.
public protocol EventSink: Sendable {
    func emit(_ event: Event)
}

/// Drops every event: the default when nobody asked for an explanation.
public struct DiscardingSink: EventSink {
    public init() {}
    public func emit(_ event: Event) {}
}

/// Keeps every event in order, for tests, the lesson player and recorded transcripts.
public final class EventRecorder: EventSink {
    private let storage = Mutex<[Event]>([])

    public init() {}

    public func emit(_ event: Event) {
        storage.withLock { $0.append(event) }
    }

    /// The events seen so far, oldest first.
    public var events: [Event] { storage.withLock { $0 } }
}

/// Sends each event to several sinks, e.g. a renderer and a recorder.
public struct FanOutSink: EventSink {
    public let sinks: [any EventSink]
    public init(_ sinks: [any EventSink]) { self.sinks = sinks }
    public func emit(_ event: Event) {
        for sink in sinks { sink.emit(event) }
    }
}
