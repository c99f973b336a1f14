/// The `--flags` each instruction accepts, with how Docker reads their values: a boolean
/// (`--link`, `--link=false`), a string that needs `=value`, or a string that may be repeated
/// (`--mount` several times).
struct FlagSpec {
    enum Kind { case bool, string, repeatable }

    static func flags(for keyword: Keyword) -> [String: Kind] {
        table[keyword] ?? [:]
    }

    private static let table: [Keyword: [String: Kind]] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0, build($0)) })

    private static func build(_ keyword: Keyword) -> [String: Kind] {
        switch keyword {
        case .from:
            return ["platform": .string]
        case .run:
            return ["mount": .repeatable, "network": .string, "security": .string, "device": .repeatable]
        case .copy:
            return ["from": .string, "chown": .string, "chmod": .string, "link": .bool,
                    "parents": .bool, "exclude": .repeatable]
        case .add:
            return ["chown": .string, "chmod": .string, "link": .bool, "keep-git-dir": .bool,
                    "checksum": .string, "exclude": .repeatable, "unpack": .bool]
        case .healthcheck:
            return ["interval": .string, "timeout": .string, "start-period": .string,
                    "start-interval": .string, "retries": .string]
        default:
            return [:]
        }
    }
}
