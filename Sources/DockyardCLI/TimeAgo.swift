import ContainerRuntime
import FoundationEssentials

/// Docker's human durations: "2 minutes ago", "Up 3 seconds", "Exited (0) 5 hours ago".
enum TimeAgo {
    static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds))
        switch s {
        case ..<1: return "Less than a second"
        case 1: return "1 second"
        case ..<60: return "\(s) seconds"
        case ..<120: return "About a minute"
        case ..<3600: return "\(s / 60) minutes"
        case ..<7200: return "About an hour"
        case ..<(48 * 3600): return "\(s / 3600) hours"
        case ..<(14 * 86400): return "\(s / 86400) days"
        case ..<(60 * 86400): return "\(s / (7 * 86400)) weeks"
        case ..<(730 * 86400): return "\(s / (30 * 86400)) months"
        default: return "\(s / (365 * 86400)) years"
        }
    }

    static func ago(_ date: Date, now: Date = Date()) -> String {
        duration(now.timeIntervalSince(date)) + " ago"
    }
}

/// Prints rows as Docker's tables do: columns padded to the widest cell, three spaces apart.
/// Control characters in a cell are shown escaped: a newline in a command line must not start
/// a row of its own.
enum Table {
    static func render(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map(NameRules.printable) }
        guard let columns = rows.map(\.count).max() else { return "" }
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count + 3)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
