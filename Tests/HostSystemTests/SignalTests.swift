import HostSystem
import Testing

@Suite("Signal names and numbers as Docker reads them")
struct SignalTests {
    @Test("a name with or without SIG, in any case, or a number", arguments: [
        ("TERM", 15), ("SIGTERM", 15), ("sigkill", 9), ("Hup", 1), ("9", 9), ("64", 64), ("SIGWINCH", 28),
        ("RTMIN+3", 37), ("SIGRTMAX-1", 63), ("RTMIN", 34),
    ] as [(String, Int32)])
    func known(word: String, number: Int32) {
        #expect(Signal.number(named: word) == number)
    }

    @Test("words that name no signal are refused", arguments: ["", "0", "65", "-1", "TERMINATE", "SIG", "RTMIN+31", "RTMAX-31"])
    func unknown(word: String) {
        #expect(Signal.number(named: word) == nil)
    }

    @Test("numbers have their usual names back")
    func names() {
        #expect(Signal.name(of: 15) == "SIGTERM")
        #expect(Signal.name(of: 6) == "SIGABRT")
        #expect(Signal.name(of: 17) == "SIGCHLD")
        #expect(Signal.name(of: 40) == "SIGRTMIN+6")
        #expect(Signal.name(of: 99) == nil)
    }
}
