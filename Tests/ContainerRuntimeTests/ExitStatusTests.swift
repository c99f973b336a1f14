import LinuxKernel
import Testing

@Suite("Decoding waitpid's status word")
struct ExitStatusTests {
    @Test("a normal exit keeps its code", arguments: [0, 1, 3, 127, 255])
    func normalExit(code: Int32) {
        let status = ExitStatus(waitStatus: code << 8)
        #expect(status.code == code && status.signal == nil && status.shellStatus == code)
    }

    @Test("a death by signal N reads as 128 + N", arguments: [(9, 137), (15, 143), (2, 130)])
    func killed(signal: Int32, expected: Int32) {
        let status = ExitStatus(waitStatus: signal)
        #expect(status.signal == signal && status.code == nil && status.shellStatus == expected)
    }
}
