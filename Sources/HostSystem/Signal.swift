/// Linux's signal names and numbers, as Docker's `signal.ParseSignal` accepts them for
/// `--stop-signal`, `kill -s` and STOPSIGNAL: a number, a name with or without `SIG` in any case,
/// or `RTMIN+n` / `RTMAX-n`. Written out rather than read from <signal.h>: the numbers are
/// Linux's ABI (the same on every architecture Dockyard runs on) and the module stays pure Swift.
public enum Signal {
    /// Names without `SIG`, as the kernel numbers them on x86-64 and arm64.
    public static let numbers: [String: Int32] = [
        "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1,
        "ILL": 4, "INT": 2, "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27,
        "PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15,
        "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12,
        "VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25, "RTMIN": 34, "RTMAX": 64,
    ]

    /// The real-time signals, SIGRTMIN to SIGRTMAX as the kernel sees them (glibc keeps 32 and 33).
    static let realTime: ClosedRange<Int32> = 34...64

    /// The signal number `word` names (`TERM`, `sigterm`, `SIGTERM`, `15`, `RTMIN+3`), or nil.
    public static func number(named word: String) -> Int32? {
        if let value = Int32(word) { return (1...64).contains(value) ? value : nil }
        var name = word.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        if let value = numbers[name] { return value }
        for (base, sign): (String, Int32) in [("RTMIN+", 1), ("RTMAX-", -1)] where name.hasPrefix(base) {
            guard let offset = Int32(name.dropFirst(base.count)), offset >= 0 else { return nil }
            let value = (sign == 1 ? realTime.lowerBound : realTime.upperBound) + sign * offset
            return realTime.contains(value) ? value : nil
        }
        return nil
    }

    /// The usual name of signal `number` with `SIG` (`SIGTERM`), or nil for a number Linux has no
    /// name for. Where two names share a number (IOT/ABRT, CLD/CHLD, POLL/IO), the common one.
    public static func name(of number: Int32) -> String? {
        let aliases: Set<String> = ["IOT", "CLD", "POLL"]
        if let name = numbers.first(where: { $0.value == number && !aliases.contains($0.key) })?.key { return "SIG" + name }
        if realTime.contains(number) { return "SIGRTMIN+\(number - realTime.lowerBound)" }
        return nil
    }
}
