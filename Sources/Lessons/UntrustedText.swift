/// What a container printed, made safe to put on the learner's terminal. A container is not
/// trusted: raw escape sequences in its output could move the cursor over the player's own ✓,
/// retitle the window, write the clipboard (OSC 52), or make the terminal answer a query with
/// bytes that arrive on stdin as keys the player acts on. So control characters are shown in
/// caret notation (`ESC` as `^[`), C1 controls as `<U+009B>`, and tabs expand to the next
/// 8-column stop so widths stay countable.
enum UntrustedText {
    static func visible(_ line: String) -> String {
        var out = ""
        var column = 0
        for scalar in line.unicodeScalars {
            switch scalar.value {
            case 0x09:
                let spaces = 8 - column % 8
                out += String(repeating: " ", count: spaces)
                column += spaces
            case 0x00..<0x20, 0x7F:
                let caret = "^" + String(Character(Unicode.Scalar(UInt8(scalar.value ^ 0x40))))
                out += caret
                column += 2
            case 0x80..<0xA0:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+00\(hex)>"
                column += 8
            default:
                out.unicodeScalars.append(scalar)
                column += DisplayWidth.of(scalar)
            }
        }
        return out
    }
}
