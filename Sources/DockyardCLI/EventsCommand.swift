import ArgumentParser
import ContainerRuntime
import DockerfileSyntax
import FoundationEssentials
import GoTemplate
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard events`: the engine's event stream (`EventJournal`) as `docker events` prints it —
/// `2026-12-06T23:51:07.123456789Z container start ID (image=busybox, name=web)`. Without
/// `--until` it prints what happened since `--since` and then follows new events until
/// interrupted; with `--until` it stops at that time.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "Get real time events from the server.")

    @Option(name: .long, help: ArgumentHelp("Show all events created since timestamp (Unix seconds, RFC 3339, or a duration such as 10m).", valueName: "string"))
    var since: String?
    @Option(name: .long, help: ArgumentHelp("Stream events until this timestamp.", valueName: "string")) var until: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Filter output based on conditions provided (container, event, image, label, type).", valueName: "filter"))
    var filter: [String] = []
    @Option(name: .long, help: "Format the output using a Go template, or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, EventTime.nanoseconds(value) == nil {
                throw ValidationError("invalid argument \"\(value)\" for \"\(flag)\" flag: not a Unix timestamp, an RFC 3339 time or a duration")
            }
        }
        for word in filter where !word.contains("=") {
            throw ValidationError("invalid argument \"\(word)\" for \"-f, --filter\" flag: bad format of filter (expected name=value)")
        }
    }

    func run() throws {
        let matcher: EventFilter
        do { matcher = try EventFilter(filter) } catch { throw ContainerControl.daemonError(error) }
        let template = format.map(EventOutput.template)
        let start = since.flatMap(EventTime.nanoseconds)
        let end = until.flatMap(EventTime.nanoseconds)
        let journal = EventJournal(root: storage.resolvedRoot)
        // Without --since, only what happens from now on.
        var (events, offset) = journal.read()
        if start == nil { events = [] }
        while true {
            for event in events where event.timeNano >= (start ?? 0) && matcher.matches(event) {
                if let end, event.timeNano > end { return }
                try EventOutput.print(event, template: template)
            }
            if let end, EventTime.now() > end { return }
            usleep(100_000)
            (events, offset) = journal.read(from: offset)
        }
    }
}

/// `--since`/`--until` as Docker reads them: Unix seconds (with a fraction), an RFC 3339 time, or
/// a Go duration counted back from now (`10m`).
enum EventTime {
    static func nanoseconds(_ text: String) -> Int64? {
        if let seconds = Double(text) { return Int64(seconds * 1e9) }
        if let seconds = Timestamp.seconds(parsing: text) { return seconds * 1_000_000_000 }
        if let duration = GoDuration(text) { return now() - duration.nanoseconds }
        return nil
    }

    static func now() -> Int64 { EngineEvent.now() }
}

/// `events --filter`: values of one key OR'ed, keys AND'ed, as Docker's engine filters events.
struct EventFilter {
    static let keys: Set<String> = ["container", "event", "image", "label", "type"]
    private var values: [String: [String]] = [:]

    init(_ words: [String]) throws(FilterError) {
        for word in words {
            guard let equals = word.firstIndex(of: "=") else { throw .badFormat(word) }
            let key = String(word[..<equals])
            guard Self.keys.contains(key) else { throw .invalidFilter(key) }
            values[key, default: []].append(String(word[word.index(after: equals)...]))
        }
    }

    func matches(_ event: EngineEvent) -> Bool {
        values.allSatisfy { key, wanted in
            switch key {
            case "container": wanted.contains { event.id.hasPrefix($0) || event.attributes["name"] == $0 }
            case "event": wanted.contains(event.action)
            case "image": wanted.contains { $0 == event.attributes["image"] }
            case "type": wanted.contains(event.type)
            case "label": wanted.contains { ContainerFilter.labelMatches($0, event.attributes) }
            default: false
            }
        }
    }
}
