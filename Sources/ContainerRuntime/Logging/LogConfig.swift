/// Docker's logging driver for one container (`--log-driver`, `--log-opt`, `HostConfig.LogConfig`):
/// `json-file` keeps the output in the container's log, one JSON object per line, rotated at
/// `max-size` into at most `max-file` files; `none` keeps nothing, and `logs` then refuses.
public struct LogConfig: Sendable, Equatable, Codable {
    /// `json-file` or `none`.
    public var type: String
    /// The `--log-opt` values as given, e.g. `["max-size": "10m", "max-file": "3"]`.
    public var config: [String: String]

    enum CodingKeys: String, CodingKey {
        case type = "Type", config = "Config"
    }

    /// Docker's default: json-file, kept whole.
    public static let jsonFile = LogConfig(checkedType: "json-file", config: [:])

    private init(checkedType: String, config: [String: String]) {
        self.type = checkedType
        self.config = config
    }

    /// Checks the driver and its options with Docker's words for what it refuses.
    public init(driver: String, options: [String]) throws(RuntimeError) {
        var config: [String: String] = [:]
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            config[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        switch driver {
        case "json-file":
            for key in config.keys.sorted() where !Self.jsonFileOptions.contains(key) {
                throw RuntimeError(code: .invalidArgument, Self.knownJSONFileOptions.contains(key)
                    ? "log opt '\(key)' of the json-file log driver is not implemented by dockyard (it has max-size and max-file)"
                    : "unknown log opt '\(key)' for json-file log driver")
            }
        case "none":
            if !options.isEmpty { throw RuntimeError(code: .invalidArgument, "invalid logging opts for driver none") }
        default:
            throw RuntimeError(code: .invalidArgument, "logger: no log driver named '\(driver)' is registered")
        }
        self.init(checkedType: driver, config: config)
        _ = try maxSize
        _ = try maxFiles
    }

    static let jsonFileOptions: Set<String> = ["max-size", "max-file"]
    static let knownJSONFileOptions: Set<String> = ["compress", "labels", "labels-regex", "env", "env-regex", "tag"]

    /// Whether anything is kept for `logs`.
    public var keepsLogs: Bool { type != "none" }

    /// `max-size` in bytes, read as Docker reads it (`units.FromHumanSize`: decimal, `10m` is
    /// 10 000 000); nil: no rotation.
    public var maxSize: Int64? {
        get throws(RuntimeError) {
            guard let text = config["max-size"] else { return nil }
            guard let bytes = Self.decimalSize(text) else { throw RuntimeError(code: .invalidArgument, "invalid size: '\(text)'") }
            guard bytes > 0 else { throw RuntimeError(code: .invalidArgument, "max-size must be a positive number") }
            return bytes
        }
    }

    /// `max-file`: how many files rotation keeps, the live one included (Docker's default 1).
    public var maxFiles: Int {
        get throws(RuntimeError) {
            guard let text = config["max-file"] else { return 1 }
            guard let count = Int(text) else {
                throw RuntimeError(code: .invalidArgument, "strconv.Atoi: parsing \"\(text)\": invalid syntax")
            }
            guard count >= 1 else { throw RuntimeError(code: .invalidArgument, "max-file cannot be less than 1") }
            return count
        }
    }

    /// go-units' `FromHumanSize`: a number, an optional space, then k, m, g, t or p (any case)
    /// with an optional `i` and `b`; every unit is a power of 1000.
    static func decimalSize(_ text: String) -> Int64? {
        var number = Substring(text)
        var unit = ""
        while let last = number.last, last.isLetter {
            unit = String(last).lowercased() + unit
            number.removeLast()
        }
        if number.last == " " { number.removeLast() }
        if unit.hasSuffix("b") { unit.removeLast() }
        if unit.hasSuffix("i") { unit.removeLast() }
        let powers: [String: Double] = ["": 1, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15]
        guard let scale = powers[unit], !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }),
              let value = Double(number), value.isFinite else { return nil }
        return Int64(value * scale)
    }
}
