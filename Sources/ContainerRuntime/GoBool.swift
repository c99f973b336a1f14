/// Go's strconv.ParseBool, which Docker's CLI uses wherever a flag or field takes a boolean
/// (`--rm=false`, `--mount …,readonly=1`), so the same words mean the same here.
public enum GoBool {
    public static func parse(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": true
        case "0", "f", "F", "FALSE", "false", "False": false
        default: nil
        }
    }
}
