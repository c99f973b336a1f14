/// Kubernetes' resource quantities (`128Mi`, `1G`, `500m`, `0.5`), as the kubelet turns them
/// into cgroup values: memory in bytes, CPU in cores (a millicore is a thousandth of one).
public enum KubeQuantity {
    static let memorySuffixes: [(String, Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("k", 1000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
    ]

    /// Bytes of a memory quantity; nil for text that is not one.
    public static func bytes(_ text: String) -> Int64? {
        for (suffix, factor) in memorySuffixes where text.hasSuffix(suffix) {
            return number(text.dropLast(suffix.count)).flatMap { whole($0 * factor) }
        }
        return number(Substring(text)).flatMap(whole)
    }

    /// Cores of a CPU quantity (`500m` is 0.5); nil for text that is not one.
    public static func cores(_ text: String) -> Double? {
        if text.hasSuffix("m") { return number(text.dropLast()).map { $0 / 1000 } }
        return number(Substring(text))
    }

    private static func number(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(text), value > 0 else { return nil }
        return value
    }

    private static func whole(_ value: Double) -> Int64? {
        value.rounded(.up) < Double(Int64.max) ? Int64(value.rounded(.up)) : nil
    }
}
