import FoundationEssentials

/// `ps --filter KEY=VALUE`, as Docker's engine reads it: values of one key are OR'ed (any may
/// match), different keys AND'ed — except `label`, where Docker requires every one. `name` and
/// `id` are Go regular expressions matched anywhere (so a prefix, a substring or `^web$` work),
/// as Docker's `filters.Args.Match`. A key Docker does not know is refused with its words.
struct ContainerFilter: Equatable {
    /// The keys this engine filters on (Docker's, without publish, expose, isolation and is-task).
    static let keys: Set<String> = ["ancestor", "before", "exited", "health", "id", "label", "name", "network", "since", "status", "volume"]
    /// `health=`: a healthcheck's state, or `none` for a container without one (Docker's words).
    static let healthStates: Set<String> = ["starting", "healthy", "unhealthy", "none"]
    /// Docker's container states; `restarting`, `removing` and `dead` never happen here.
    static let states: Set<String> = ["created", "restarting", "running", "removing", "paused", "exited", "dead"]

    private(set) var values: [String: [String]] = [:]

    var isEmpty: Bool { values.isEmpty }

    /// The `--filter` words; an unknown key or a bad value throws Docker's message.
    init(_ words: [String]) throws(FilterError) {
        for word in words {
            guard let equals = word.firstIndex(of: "=") else { throw .badFormat(word) }
            let key = String(word[..<equals]).lowercased()
            let value = String(word[word.index(after: equals)...])
            guard Self.keys.contains(key) else { throw .invalidFilter(key) }
            if key == "status", !Self.states.contains(value) { throw .invalidFilter("status=\(value)") }
            if key == "exited", Int32(value) == nil { throw .badExitCode(value) }
            if key == "health", !Self.healthStates.contains(value) { throw .badHealth(value) }
            values[key, default: []].append(value)
        }
    }

    /// The `before` and `since` containers, by name or id: they are looked up before matching.
    var referencedContainers: [String] { (values["before"] ?? []) + (values["since"] ?? []) }
    /// The `ancestor` images, by name, name:tag or id: they are looked up before matching.
    var ancestors: [String] { values["ancestor"] ?? [] }

    /// Whether the container passes every key. `resolved` answers for the containers and images
    /// the filter names (`referencedContainers`, `ancestors`).
    func matches(_ container: ContainerFacts, resolved: FilterReferences) -> Bool {
        for (key, wanted) in values {
            let passes: Bool = switch key {
            case "status": wanted.contains(container.state)
            case "exited": container.exitCode.map { code in wanted.contains { Int32($0) == code } } ?? false
            case "id": wanted.contains { Self.goMatch($0, container.id) }
            case "name": wanted.contains { Self.goMatch($0, container.name) || Self.goMatch($0, "/" + container.name) }
            case "label": wanted.allSatisfy { Self.labelMatches($0, container.labels) }
            case "network": wanted.contains { container.networks.contains($0) }
            case "volume": wanted.contains { container.volumes.contains($0) }
            case "health": wanted.contains(container.health)
            case "ancestor": wanted.contains { ancestor in
                ancestor == container.image || resolved.images[ancestor].map(container.descends) == true
            }
            case "before": wanted.allSatisfy { resolved.created[$0].map { container.created < $0 } ?? false }
            case "since": wanted.allSatisfy { resolved.created[$0].map { container.created > $0 } ?? false }
            default: false
            }
            if !passes { return false }
        }
        return true
    }

    /// Docker's `Args.Match`: equal, or the value is a regular expression found in the text (a
    /// value that is not a valid expression only matches exactly).
    static func goMatch(_ pattern: String, _ text: String) -> Bool {
        if pattern == text { return true }
        guard let regex = try? Regex(pattern) else { return false }
        return text.contains(regex)
    }

    /// `key` or `key=value` against the container's labels.
    static func labelMatches(_ wanted: String, _ labels: [String: String]) -> Bool {
        guard let equals = wanted.firstIndex(of: "=") else { return labels[wanted] != nil }
        return labels[String(wanted[..<equals])] == String(wanted[wanted.index(after: equals)...])
    }
}

/// Why a `--filter` was refused, in Docker's words.
enum FilterError: Error, Equatable, CustomStringConvertible {
    /// No `=`: Docker's CLI refuses the flag itself (exit 125).
    case badFormat(String)
    /// An unknown key, or a status Docker does not know: the engine's error (exit 1).
    case invalidFilter(String)
    case badExitCode(String)
    case badHealth(String)

    var description: String {
        switch self {
        case let .badFormat(word): "invalid argument \"\(word)\" for \"-f, --filter\" flag: bad format of filter (expected name=value)"
        case let .invalidFilter(what): "invalid filter '\(what)'"
        case let .badExitCode(value): "strconv.Atoi: parsing \"\(value)\": invalid syntax"
        case let .badHealth(value): "Unrecognised filter value for health: \(value)"
        }
    }
}

/// What the filter knows of one container: a record's facts in the words filters use.
struct ContainerFacts {
    var id: String
    var name: String
    /// Docker's state word: created, running, paused, exited.
    var state: String
    var exitCode: Int32?
    /// The image as the user named it.
    var image: String
    /// The diff_ids of its image's layers, bottom first (the names of its lowerdirs).
    var layers: [String]
    var labels: [String: String] = [:]
    /// The networks it is on, by name.
    var networks: [String]
    /// Its volumes by name, and every mount's destination.
    var volumes: [String]
    var created: Date
    /// Its healthcheck's state (starting, healthy, unhealthy), `none` without one.
    var health = "none"

    /// An image is its ancestor when the image's layers are the first of its own: it is that
    /// image, or was built FROM it (what Docker's parent chain says, read from the layers).
    func descends(from image: AncestorImage) -> Bool {
        !image.layers.isEmpty && layers.starts(with: image.layers)
    }
}

/// An image named by `ancestor=`: its layers' diff_ids, bottom first.
struct AncestorImage: Equatable {
    var layers: [String]
}

/// The objects a filter names, looked up once before the containers are matched.
struct FilterReferences {
    var images: [String: AncestorImage] = [:]
    var created: [String: Date] = [:]
}
