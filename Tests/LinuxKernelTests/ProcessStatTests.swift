import LinuxKernel
import Testing

/// /proc/PID/stat's fields are counted after the command name's closing parenthesis, since the
/// name itself may hold spaces and parentheses.
struct ProcessStatTests {
    @Test("the state and the start time are read after a command name with spaces and parentheses")
    func fieldsAfterTheCommand() {
        let line = "4242 (a b) (c)) S 1 4242 4242 0 -1 4194560 107 0 0 0 0 0 0 0 20 0 1 0 249604 2293760 180 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n"
        #expect(ProcessStat.state(in: line) == "S")
        #expect(ProcessStat.startTime(in: line) == 249_604)
    }

    @Test("a line cut short or without a command gives nothing")
    func shortLines() {
        #expect(ProcessStat.startTime(in: "4242 (sh) Z 1 2 3") == nil)
        #expect(ProcessStat.state(in: "4242 sh S 1") == nil)
        #expect(ProcessStat.state(in: "4242 (sh)") == nil)
    }
}
