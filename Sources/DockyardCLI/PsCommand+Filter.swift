import ContainerRuntime
import FoundationEssentials
import ImageStore

/// `ps --filter`: a record's facts for `ContainerFilter`, and the images and containers a filter
/// names, looked up once.
extension PsCommand {
    /// `health` is the healthcheck's state, read only when a filter asks (`health.json`).
    static func facts(_ record: ContainerRecord, health: ContainerHealth.Status? = nil) -> ContainerFacts {
        var facts = ContainerFacts(
            id: record.id.full, name: record.name, state: stateName(record.state), exitCode: record.state.exit?.code,
            image: record.config.image,
            layers: record.config.lowerdirs.map { String($0[$0.index(after: $0.lastIndex(of: "/") ?? $0.startIndex)...]) },
            labels: record.config.labels,
            networks: [record.config.network.rawValue],
            volumes: record.config.mounts.flatMap { [$0.source, $0.destination] },
            created: record.created)
        if let health { facts.health = health.rawValue }
        return facts
    }

    /// `ancestor=` images (one that does not exist matches nothing, as in Docker) and `before=`/
    /// `since=` containers (one that does not exist is an error, as in Docker).
    static func references(for filter: ContainerFilter, records: [ContainerRecord], engine: Engine) throws -> FilterReferences {
        var references = FilterReferences()
        if !filter.ancestors.isEmpty, let images = try? engine.images() {
            for name in filter.ancestors {
                guard let match = try? images.lookup(name) else { continue }
                references.images[name] = AncestorImage(layers: match.image.config.rootfs.diffIDs.map(\.hex))
            }
        }
        for name in filter.referencedContainers {
            references.created[name] = try engine.containers.find(name).created
        }
        return references
    }
}
