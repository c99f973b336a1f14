import DockerfileSyntax
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A moment as `logs --since/--until` compare them: seconds since the epoch and nanoseconds,
/// exact (a log line's time has nine fractional digits, more than a Double keeps).
struct LogTime: Comparable {
    var seconds: Int64
    var nanoseconds: Int64

    static func < (a: LogTime, b: LogTime) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ date: Date) {
        let value = date.timeIntervalSince1970
        seconds = Int64(value.rounded(.down))
        nanoseconds = Int64((value - Double(seconds)) * 1e9)
    }

    /// Docker's client (`timetypes.GetTimestamp`): a Go duration before `now` (`10m`, `1h30m`), an
    /// RFC 3339 date and time with or without fraction and zone (`2026-12-01T10:00:00Z`,
    /// `2026-12-01T10:00`, `2026-12-01`; no zone means local time), or Unix seconds (`1764583200`,
    /// `1764583200.5`).
    static func parse(_ value: String, now: Date = Date()) throws(LogTimeError) -> LogTime {
        if value != "0", let duration = GoDuration(value) {
            let base = LogTime(now)
            let total = base.seconds * 1_000_000_000 + base.nanoseconds - duration.nanoseconds
            return LogTime(seconds: total.floorDivided(by: 1_000_000_000), nanoseconds: total.floorModulo(1_000_000_000))
        }
        if let time = calendarTime(value) ?? unixTime(value) { return time }
        throw LogTimeError(value: value)
    }

    /// `YYYY-MM-DD[THH[:MM[:SS[.fraction]]]][Z|±HH:MM]`; nil for anything else.
    static func calendarTime(_ value: String) -> LogTime? {
        var text = Substring(value)
        func number(_ digits: Int) -> Int32? {
            guard text.count >= digits, text.prefix(digits).allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int32(text.prefix(digits)) else { return nil }
            text = text.dropFirst(digits)
            return n
        }
        func skip(_ character: Character) -> Bool {
            guard text.first == character else { return false }
            text = text.dropFirst()
            return true
        }
        var parts = tm()
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        (parts.tm_year, parts.tm_mon, parts.tm_mday) = (year - 1900, month - 1, day)
        var nanoseconds: Int64 = 0
        if skip("T") {
            guard let hour = number(2) else { return nil }
            parts.tm_hour = hour
            if skip(":") { guard let minute = number(2) else { return nil }; parts.tm_min = minute }
            if skip(":") { guard let second = number(2) else { return nil }; parts.tm_sec = second }
            if skip(".") {
                let digits = text.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, digits.count <= 9, let fraction = Int64(digits) else { return nil }
                nanoseconds = fraction * Int64(pow(10.0, Double(9 - digits.count)))
                text = text.dropFirst(digits.count)
            }
        }
        guard (1...12).contains(month), (1...31).contains(day), parts.tm_hour < 24, parts.tm_min < 60, parts.tm_sec < 61
        else { return nil }
        var offset: Int64
        if skip("Z") || skip("z") {
            offset = 0
        } else if let sign = text.first, sign == "+" || sign == "-" {
            text = text.dropFirst()
            guard let hours = number(2), skip(":"), let minutes = number(2) else { return nil }
            offset = (sign == "-" ? -1 : 1) * Int64(hours * 3600 + minutes * 60)
        } else {
            var now = time(nil)
            var local = tm()
            localtime_r(&now, &local)
            offset = Int64(local.tm_gmtoff)
        }
        guard text.isEmpty else { return nil }
        return LogTime(seconds: Int64(timegm(&parts)) - offset, nanoseconds: nanoseconds)
    }

    /// `SECONDS[.FRACTION]` since the epoch.
    static func unixTime(_ value: String) -> LogTime? {
        let parts = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let seconds = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return LogTime(seconds: seconds, nanoseconds: 0) }
        guard !parts[1].isEmpty, parts[1].count <= 9, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let fraction = Int64(parts[1]) else { return nil }
        return LogTime(seconds: seconds, nanoseconds: fraction * Int64(pow(10.0, Double(9 - parts[1].count))))
    }
}

/// Docker's words for a `--since`/`--until` value it cannot read.
struct LogTimeError: Error, CustomStringConvertible {
    var value: String
    var description: String { "failed to parse value as time or duration: \"\(value)\"" }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor)
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        self - floorDivided(by: divisor) * divisor
    }
}
