/// The lesson list drawn to fit the terminal: one line a lesson, grouped by the course's parts
/// (the part's name beside its first lesson), the chosen lesson pointed at (`▶`) with its summary
/// under the list, and the next unfinished lesson marked. The block is as tall as the terminal
/// allows and no taller, so the player can draw it again in place as the choice moves; when the
/// lessons do not fit, a window of them scrolls with the choice, and `↑`/`↓` lines say how many
/// are out of sight. Widths are display columns (Hangul takes two).
struct LessonList {
    /// One lesson as the list shows it.
    struct Entry: Equatable {
        enum Progress: Equatable {
            case new, finished
            /// Opened and left on `page` of `pages` (both counted from 1).
            case started(page: Int, pages: Int)
        }

        var number: Int
        var title: String
        var summary: String
        /// The part this lesson belongs to (the last `part:` at or before it).
        var part: String?
        var progress: Progress
    }

    var entries: [Entry]
    var width: Int
    /// The terminal's rows; the block takes one less, so the cursor's line after it never
    /// scrolls the first line away.
    var height: Int
    var text: UIText
    var style: TerminalStyle
    /// How this learner's steps run, beside the title (`UIText.modeTag`); nil as root.
    var mode: String?

    /// The first unfinished lesson: the one the list marks as next.
    var next: Int? { entries.firstIndex { $0.progress != .finished } }

    /// The whole block: title, the lessons (or a window of them), the chosen lesson's summary
    /// and the key bar. Always the same number of lines for one list and terminal, at most one
    /// less than the terminal's rows.
    func lines(selected: Int) -> [String] {
        let keys = KeyBar(items: text.listKeys, width: width).lines.map(style.dim)
        let room = max(height - 1, 8) - 2 - 1 - keys.count
        let summaryLines = max(1, min(summaryHeight, room - entries.count))
        let rowRoom = room - summaryLines
        let tag = mode.map { DisplayWidth.truncate("  ⚠ " + $0, to: width - 1 - DisplayWidth.of(text.lessonsTitle)) }
        var block = [style.heading(text.lessonsTitle) + (tag.map(style.warn) ?? ""), ""]
        block += rows(selected: selected, room: rowRoom)
        block.append("")
        block += summary(selected, lines: summaryLines)
        return block + keys
    }

    /// The lines the longest summary wraps to, at most three: every choice gets as many, so the
    /// block keeps its height as the choice moves.
    var summaryHeight: Int {
        min(entries.map { DisplayWidth.wrap($0.summary, width: width - 1, first: "   ", rest: "   ").count }.max() ?? 1, 3)
    }

    /// The lessons' lines, at most `room` of them and as many whatever the choice: all the lessons
    /// with a blank line between parts when that fits, all of them tight when only that fits,
    /// else a window of `room` lines around the choice.
    func rows(selected: Int, room: Int) -> [String] {
        let parts = Set(entries.compactMap(\.part)).count
        if entries.count + max(parts - 1, 0) <= room {
            var lines: [String] = []
            for index in entries.indices {
                if index > 0, entries[index].part != entries[index - 1].part { lines.append("") }
                lines.append(row(index, selected: selected, labelled: startsPart(index)))
            }
            return lines
        }
        if entries.count <= room {
            return entries.indices.map { row($0, selected: selected, labelled: startsPart($0)) }
        }
        // A window: one line each for what is hidden above and below it.
        let shown = max(room - 2, 1)
        let top = min(max(selected - shown / 2, 0), entries.count - shown)
        let above = top, below = entries.count - top - shown
        var lines = [above > 0 ? style.dim("   " + text.moreAbove(above)) : ""]
        lines += (top..<top + shown).map { row($0, selected: selected, labelled: $0 == top || startsPart($0)) }
        lines.append(below > 0 ? style.dim("   " + text.moreBelow(below)) : "")
        return lines
    }

    func startsPart(_ index: Int) -> Bool {
        index == 0 || entries[index].part != entries[index - 1].part
    }

    /// The column the parts' names take: the widest name and two spaces.
    var labelWidth: Int {
        let widest = entries.compactMap(\.part).map(DisplayWidth.of).max() ?? 0
        return widest == 0 ? 0 : min(widest, width / 4) + 2
    }

    /// ` Images       ✓ ▶  5. Image layers and overlayfs   page 2/6 · next`
    func row(_ index: Int, selected: Int, labelled: Bool) -> String {
        let entry = entries[index]
        let label = labelled ? DisplayWidth.truncate(entry.part ?? "", to: max(labelWidth - 2, 0)) : ""
        let mark = switch entry.progress {
        case .finished: style.good("✓")
        case .started: style.warn("▸")
        case .new: " "
        }
        let pointer = index == selected ? "▶ " : "  "
        var notes: [String] = []
        if case let .started(page, pages) = entry.progress { notes.append(text.page(page, pages)) }
        if index == next { notes.append(text.nextMark) }
        let note = notes.isEmpty ? "" : "  " + notes.joined(separator: " · ")
        let lead = " " + label + String(repeating: " ", count: labelWidth - DisplayWidth.of(label))
        let number = String(entry.number).leftPadded(2) + ". "
        let titleRoom = width - 1 - DisplayWidth.of(lead) - 2 - 2 - DisplayWidth.of(number) - DisplayWidth.of(note)
        let title = DisplayWidth.truncate(entry.title, to: max(titleRoom, 8))
        let styledLabel = style.dim(lead)
        let body = pointer + number + title
        let shownNote = index == next ? style.good(note) : style.dim(note)
        return styledLabel + mark + " " + (index == selected ? style.bold(body) : body) + shownNote
    }

    /// The chosen lesson's summary, wrapped under the list to `lines` lines (the last cut with `…`).
    func summary(_ selected: Int, lines: Int) -> [String] {
        guard entries.indices.contains(selected) else { return Array(repeating: "", count: lines) }
        var wrapped = DisplayWidth.wrap(entries[selected].summary, width: width - 1, first: "   ", rest: "   ")
        if wrapped.count > lines {
            wrapped = Array(wrapped.prefix(lines))
            wrapped[lines - 1] = DisplayWidth.truncate(wrapped[lines - 1] + " …", to: width - 1)
        }
        return wrapped.map(style.dim) + Array(repeating: "", count: lines - wrapped.count)
    }
}
