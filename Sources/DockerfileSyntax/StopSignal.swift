/// The signals STOPSIGNAL may name, as Docker's `signal.ParseSignal` accepts them on Linux: a
/// number, a name with or without `SIG`, in any case, or `RTMIN+n` / `RTMAX-n`. (`run --stop-signal`
/// and the STOPSIGNAL of an image that `stop` sends are read with it too.)
public enum StopSignal {
    static let names: [String: Int] = [
        "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1,
        "ILL": 4, "INT": 2, "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27,
        "PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15,
        "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12,
        "VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25, "RTMIN": 34, "RTMAX": 64,
    ]

    /// The signal number, or nil if the word names no signal.
    public static func number(for word: String) -> Int? {
        if let value = Int(word) { return (1...64).contains(value) ? value : nil }
        var name = word.uppercased()
        if name.hasPrefix("SIG") { name.removeFirst(3) }
        if let value = names[name] { return value }
        for (base, sign) in [("RTMIN+", 1), ("RTMAX-", -1)] where name.hasPrefix(base) {
            guard let offset = Int(name.dropFirst(base.count)), offset >= 0 else { return nil }
            let value = (sign == 1 ? 34 : 64) + sign * offset
            return (34...64).contains(value) ? value : nil
        }
        return nil
    }
}
