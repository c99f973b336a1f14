import ContainerRuntime
import FoundationEssentials
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import DockyardCLI

/// `logs --since/--until` values in every form Docker's client reads (`timetypes.GetTimestamp`).
struct LogTimeTests {
    let now = Date(timeIntervalSince1970: 1_764_583_200)   // 2025-12-01T10:00:00Z

    @Test("RFC 3339 with Z, an offset, a fraction, or fewer time parts; a bare date")
    func calendar() throws {
        #expect(try LogTime.parse("2025-12-01T10:00:00Z") == LogTime(seconds: 1_764_583_200, nanoseconds: 0))
        #expect(try LogTime.parse("2025-12-01T11:00:00+01:00") == LogTime(seconds: 1_764_583_200, nanoseconds: 0))
        #expect(try LogTime.parse("2025-12-01T10:00:00.25Z") == LogTime(seconds: 1_764_583_200, nanoseconds: 250_000_000))
        #expect(try LogTime.parse("2025-12-01T10:00:00.123456789Z") == LogTime(seconds: 1_764_583_200, nanoseconds: 123_456_789))
        #expect(try LogTime.parse("2025-12-01T10Z") == LogTime(seconds: 1_764_583_200, nanoseconds: 0))
        #expect(try LogTime.parse("2025-12-01T10:30Z") == LogTime(seconds: 1_764_585_000, nanoseconds: 0))
        // No zone: local time, as Docker reads it (this machine's zone, whatever it is).
        var seconds = time_t(1_764_583_200)
        var local = tm()
        localtime_r(&seconds, &local)
        #expect(try LogTime.parse("2025-12-01") == LogTime(seconds: 1_764_547_200 - Int64(local.tm_gmtoff), nanoseconds: 0))
    }

    @Test("Unix seconds, with a fraction read as the first digits of nanoseconds")
    func unix() throws {
        #expect(try LogTime.parse("1764583200") == LogTime(seconds: 1_764_583_200, nanoseconds: 0))
        #expect(try LogTime.parse("1764583200.5") == LogTime(seconds: 1_764_583_200, nanoseconds: 500_000_000))
        #expect(try LogTime.parse("0") == LogTime(seconds: 0, nanoseconds: 0))
    }

    @Test("a Go duration counts back from now")
    func relative() throws {
        #expect(try LogTime.parse("10m", now: now) == LogTime(seconds: 1_764_582_600, nanoseconds: 0))
        #expect(try LogTime.parse("1h30m", now: now) == LogTime(seconds: 1_764_577_800, nanoseconds: 0))
        #expect(try LogTime.parse("1.5s", now: now) == LogTime(seconds: 1_764_583_198, nanoseconds: 500_000_000))
    }

    @Test("anything else is refused with Docker's words, naming the value")
    func refused() {
        for value in ["yesterday", "2025-13-01", "12:00", "1.x", "", "2025-12-01T10:00:00+0100"] {
            #expect(throws: LogTimeError.self) { try LogTime.parse(value) }
        }
        #expect(LogTimeError(value: "soon").description == #"failed to parse value as time or duration: "soon""#)
    }

    @Test("the window keeps a line unless it is before since or after until")
    func window() throws {
        let entry = { (time: String) in ContainerLog.Entry(log: "x\n", stream: "stdout", time: time) }
        let window = LogWindow(since: try LogTime.parse("2025-12-01T10:00:00Z"), until: try LogTime.parse("2025-12-01T10:00:10Z"))
        #expect(!window.contains(entry("2025-12-01T09:59:59.999999999Z")))
        #expect(window.contains(entry("2025-12-01T10:00:00.000000000Z")))
        #expect(window.contains(entry("2025-12-01T10:00:10.000000000Z")))
        #expect(!window.contains(entry("2025-12-01T10:00:10.000000001Z")))
        #expect(LogWindow(since: nil, until: nil).contains(entry("not a time")))
    }
}

