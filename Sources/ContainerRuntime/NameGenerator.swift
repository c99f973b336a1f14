/// Docker-style random container names, `adjective_scientist`, for runs without `--name`.
enum NameGenerator {
    static let adjectives = ["brave", "calm", "eager", "fervent", "gifted", "happy", "jolly", "keen",
                             "lucid", "nifty", "quirky", "serene", "tender", "vibrant", "wise", "zealous"]
    static let scientists = ["babbage", "curie", "dijkstra", "euler", "hopper", "kernighan", "lovelace",
                             "mccarthy", "noether", "ritchie", "shannon", "thompson", "torvalds", "turing"]

    static func name(avoiding taken: Set<String>) -> String {
        for _ in 0..<64 {
            let name = "\(adjectives.randomElement() ?? "calm")_\(scientists.randomElement() ?? "turing")"
            if !taken.contains(name) { return name }
        }
        return "\(adjectives.randomElement() ?? "calm")_\(scientists.randomElement() ?? "turing")_\(Int.random(in: 1...9999))"
    }
}
