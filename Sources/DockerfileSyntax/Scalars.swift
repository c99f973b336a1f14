/// Small helpers over Unicode scalars, the unit the lexers work in (so a column is an index + 1).
extension Unicode.Scalar {
    /// Go's `unicode.IsSpace`, which Docker's parser uses to trim and split.
    var isGoSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// The separators of Docker's `[\t\v\f\r ]+` split, used between an instruction's words.
    var isWordSeparator: Bool {
        value == 0x20 || value == 0x09 || value == 0x0B || value == 0x0C || value == 0x0D
    }

    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}

extension String {
    /// Builds a string from scalars through one UTF-8 buffer (much faster than appending to a
    /// `UnicodeScalarView` one scalar at a time).
    init<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// The slice without leading and trailing Go whitespace.
    func trimmingGoSpace() -> ArraySlice<Unicode.Scalar> {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isGoSpace { start += 1 }
        while end > start, self[end - 1].isGoSpace { end -= 1 }
        return self[start..<end]
    }
}
