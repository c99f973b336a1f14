import ContainerRuntime
import Testing

/// `--device-read-bps`/`--device-write-bps` values as Docker's client reads them, and the lines
/// cgroup v2's io.max takes for them.
@Suite("Block I/O limits")
struct BlockIOLimitTests {
    @Test("PATH:RATE with go-units' sizes", arguments: [
        ("/dev/vda:1mb", "/dev/vda", Int64(1_048_576)), ("/dev/sda:512k", "/dev/sda", Int64(524_288)), ("/dev/nvme0n1:100", "/dev/nvme0n1", Int64(100)),
    ])
    func parses(text: String, path: String, rate: Int64) throws {
        let parsed = try BlockIOLimit.parse(text)
        #expect(parsed.path == path)
        #expect(parsed.rate == rate)
    }

    @Test("a bad value is refused in Docker's words, naming it", arguments: [
        ("/dev/vda", "bad format: /dev/vda"), (":1mb", "bad format: :1mb"),
        ("vda:1mb", "bad format for device path: vda:1mb"),
        ("/dev/vda:fast", "invalid rate for device: /dev/vda:fast. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb"),
        ("/dev/vda:-1", "invalid rate for device: /dev/vda:-1. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: RuntimeError.self) { try BlockIOLimit.parse(text) }
        do { _ = try BlockIOLimit.parse(text) } catch let error as RuntimeError { #expect(error.message == message) } catch {}
    }

    @Test("cgroup v2's io.max: one line per device, with both of its rates")
    func ioMax() {
        let vda = { (rate: Int64) in BlockIOLimit(path: "/dev/vda", major: 254, minor: 0, bytesPerSecond: rate) }
        let sdb = BlockIOLimit(path: "/dev/sdb", major: 8, minor: 16, bytesPerSecond: 7)
        #expect(BlockIOLimit.ioMaxLines(read: [vda(1_048_576)], write: [vda(2048), sdb]) == ["254:0 rbps=1048576 wbps=2048", "8:16 wbps=7"])
        #expect(BlockIOLimit.ioMaxLines(read: [], write: []) == [])
    }

    @Test("a path that is not a block device is refused before anything is made")
    func notABlockDevice() {
        #expect(throws: RuntimeError.self) { try BlockIOLimit.resolve(path: "/dev/null", rate: 1) }
        #expect(throws: RuntimeError.self) { try BlockIOLimit.resolve(path: "/dev/no-such-disk", rate: 1) }
    }
}
